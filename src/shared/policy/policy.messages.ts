import { defineMessages } from '../../i18n/messages.ts';

// Bilingual labels for every condition, step and enumerated value the policy engine emits,
// keyed by a stable code. The UI picks `policyMessages[code][locale]`.

type Label = { 'zh-CN': string; en: string };

export const policyMessages = {
  // Verdicts
  'verdict.met': { 'zh-CN': '符合', en: 'Met' },
  'verdict.notMet': { 'zh-CN': '不符合', en: 'Not met' },
  'verdict.depends': { 'zh-CN': '取决于专家评分', en: 'Depends on the experts’ scores' },

  // HNTE conditions (国科发火〔2016〕32号 第十一条)
  'hnte.registration': { 'zh-CN': '注册成立一年以上', en: 'Registered for at least one year' },
  'hnte.registration.days': { 'zh-CN': '注册成立日历天数', en: 'Calendar days since registration' },
  'hnte.ip': { 'zh-CN': '拥有核心支持作用的知识产权', en: 'Owns IP giving core support to main products' },
  'hnte.ip.usable': { 'zh-CN': '可用于本次申报的知识产权', en: 'IP items usable in this application' },
  'hnte.ip.core': { 'zh-CN': '发挥核心支持作用的知识产权', en: 'IP items giving core support' },
  'hnte.domain': {
    'zh-CN': '属于国家重点支持的高新技术领域',
    en: 'Within the state-supported high-tech domains',
  },
  'hnte.domain.check': { 'zh-CN': '技术领域', en: 'Technology domain' },
  'hnte.staff': { 'zh-CN': '科技人员占比不低于10%', en: 'S&T staff at least 10% of employees' },
  'hnte.staff.roster': {
    'zh-CN': '按人员名册统计（183天规则）',
    en: 'Counted from the roster (183-day rule)',
  },
  'hnte.staff.monthly': { 'zh-CN': '月平均数与全年月平均数', en: 'Monthly and annual average head-counts' },
  'hnte.staff.ratio': { 'zh-CN': '科技人员占职工总数比例', en: 'S&T staff as a share of employees' },
  'hnte.rd': { 'zh-CN': '研究开发费用占销售收入比例', en: 'R&D expenses as a share of sales' },
  'hnte.rd.year': { 'zh-CN': '年度研究开发费用归集', en: 'R&D expenses of the year' },
  'hnte.rd.threshold': {
    'zh-CN': '按最近一年销售收入确定比例要求',
    en: 'Threshold set by the latest year’s sales',
  },
  'hnte.rd.ratio': {
    'zh-CN': '近三年研发费用总额占销售收入总额比例',
    en: 'Three-year R&D over three-year sales',
  },
  'hnte.rdDomestic': { 'zh-CN': '境内研发费用占比不低于60%', en: 'R&D incurred in China at least 60%' },
  'hnte.rd.domestic': {
    'zh-CN': '境内研究开发费用占全部研究开发费用比例',
    en: 'Share of R&D incurred in China',
  },
  'hnte.highTechIncome': {
    'zh-CN': '高新技术产品（服务）收入占比不低于60%',
    en: 'High-tech product/service revenue at least 60% of total income',
  },
  'hnte.highTechIncome.base': {
    'zh-CN': '总收入（收入总额减不征税收入）',
    en: 'Total income (less non-taxable income)',
  },
  'hnte.highTechIncome.ratio': { 'zh-CN': '高新技术产品（服务）收入占比', en: 'High-tech revenue share' },
  'hnte.innovation': {
    'zh-CN': '企业创新能力评价（70分以上，不含70分）',
    en: 'Innovation capability score above 70',
  },
  'hnte.score.total': { 'zh-CN': '创新能力综合得分', en: 'Innovation score, total' },
  'hnte.score.experts': { 'zh-CN': '专家评分算术平均值', en: 'Average of the experts’ scores' },
  'hnte.score.ip': { 'zh-CN': '知识产权（≤30分）', en: 'Intellectual property (≤30)' },
  'hnte.score.ip.advancement': { 'zh-CN': '技术的先进程度', en: 'Technical advancement' },
  'hnte.score.ip.coreSupport': {
    'zh-CN': '对主要产品（服务）的核心支持作用',
    en: 'Core support to main products',
  },
  'hnte.score.ip.quantity': { 'zh-CN': '知识产权数量', en: 'Number of IP items' },
  'hnte.score.ip.obtained': { 'zh-CN': '知识产权获得方式', en: 'How the IP was obtained' },
  'hnte.score.ip.standards': {
    'zh-CN': '参与编制标准（加分项）',
    en: 'Took part in drafting standards (bonus)',
  },
  'hnte.score.ip.total': { 'zh-CN': '知识产权得分', en: 'IP score' },
  'hnte.score.transformation': {
    'zh-CN': '科技成果转化能力（≤30分）',
    en: 'Transformation of results (≤30)',
  },
  'hnte.score.transformation.average': {
    'zh-CN': '近三年年均转化项数',
    en: 'Results transformed per year, average',
  },
  'hnte.score.rdManagement': {
    'zh-CN': '研究开发组织管理水平（≤20分）',
    en: 'R&D organisation and management (≤20)',
  },
  'hnte.score.rdManagement.sum': { 'zh-CN': '四项自评得分之和', en: 'Sum of the four self-assessed items' },
  'hnte.score.growth': { 'zh-CN': '企业成长性（≤20分）', en: 'Growth (≤20)' },
  'hnte.score.growth.netAssets': { 'zh-CN': '净资产增长率', en: 'Net-asset growth rate' },
  'hnte.score.growth.sales': { 'zh-CN': '销售收入增长率', en: 'Sales growth rate' },
  'hnte.incidents': {
    'zh-CN': '申请前一年内未发生重大安全、重大质量事故或严重环境违法行为',
    en: 'No major safety or quality accident or serious environmental violation in the year before applying',
  },
  'hnte.incidents.none': { 'zh-CN': '事故与违法行为', en: 'Accidents and violations' },

  // Technology domains (《国家重点支持的高新技术领域》)
  'domain.electronicInformation': { 'zh-CN': '电子信息', en: 'Electronic information' },
  'domain.biotechMedicine': { 'zh-CN': '生物与新医药', en: 'Biotechnology and new medicine' },
  'domain.aerospace': { 'zh-CN': '航空航天', en: 'Aerospace' },
  'domain.newMaterials': { 'zh-CN': '新材料', en: 'New materials' },
  'domain.highTechServices': { 'zh-CN': '高技术服务', en: 'High-tech services' },
  'domain.newEnergyEfficiency': { 'zh-CN': '新能源与节能', en: 'New energy and energy saving' },
  'domain.resourcesEnvironment': { 'zh-CN': '资源与环境', en: 'Resources and environment' },
  'domain.advancedManufacturing': {
    'zh-CN': '先进制造与自动化',
    en: 'Advanced manufacturing and automation',
  },
  'domain.none': { 'zh-CN': '不属于上述领域', en: 'None of these domains' },

  // Super-deduction steps
  'deduction.industry': { 'zh-CN': '是否属于不适用加计扣除的行业', en: 'Excluded-industry test' },
  'deduction.rate': { 'zh-CN': '加计扣除比例', en: 'Extra-deduction rate' },
  'deduction.categories': {
    'zh-CN': '研发费用按类别归集（全部项目）',
    en: 'R&D expenses by category, all projects',
  },
  'deduction.otherLimit': { 'zh-CN': '其他相关费用限额', en: 'Limit on other related costs' },
  'deduction.contractedDomestic': {
    'zh-CN': '委托境内研发费用（按80%）',
    en: 'Contracted-out R&D in China (at 80%)',
  },
  'deduction.subsidies': {
    'zh-CN': '扣除不征税收入财政性资金后的境内研发费用',
    en: 'Domestic R&D net of non-taxable subsidies',
  },
  'deduction.contractedOverseas': {
    'zh-CN': '委托境外研发费用（按80%，不超过境内三分之二）',
    en: 'Contracted-out R&D overseas (at 80%, at most two-thirds of domestic)',
  },
  'deduction.specialIncome': { 'zh-CN': '扣减特殊收入', en: 'Less special income' },
  'deduction.materials': {
    'zh-CN': '扣减已销售研发产品对应材料费用',
    en: 'Less materials of sold R&D products',
  },
  'deduction.expensedExtra': { 'zh-CN': '费用化研发费用加计扣除额', en: 'Extra deduction on expensed R&D' },
  'deduction.amortisation': {
    'zh-CN': '无形资产本年可加计摊销额（不含不征税收入形成部分）',
    en: 'Amortisation of the intangible this year eligible for the extra (excluding the non-taxably funded part)',
  },
  'deduction.capitalisedExtra': {
    'zh-CN': '资本化部分加计摊销额',
    en: 'Extra amortisation on capitalised R&D',
  },
  'deduction.totalExtra': { 'zh-CN': '加计扣除总额', en: 'Total extra deduction' },
  'deduction.taxSaved': { 'zh-CN': '按适用税率计算的减税额', en: 'Tax saved at the given rate' },

  'deduction.category.personnel': { 'zh-CN': '人员人工费用', en: 'Personnel costs' },
  'deduction.category.directInputs': { 'zh-CN': '直接投入费用', en: 'Direct inputs' },
  'deduction.category.depreciation': { 'zh-CN': '折旧费用', en: 'Depreciation' },
  'deduction.category.intangibleAmortisation': { 'zh-CN': '无形资产摊销', en: 'Amortisation of intangibles' },
  'deduction.category.newProductDesign': {
    'zh-CN': '新产品设计费等',
    en: 'New product design, process, clinical trial and field test costs',
  },
  'deduction.category.otherRelated': { 'zh-CN': '其他相关费用', en: 'Other related costs' },

  // Technology-transfer income steps
  'transfer.eligibility': {
    'zh-CN': '是否属于符合条件的技术转让',
    en: 'Qualifying technology transfer?',
  },
  'transfer.itemIncome': {
    'zh-CN': '技术转让所得（收入－成本－相关税费）',
    en: 'Transfer income (revenue − costs − related taxes)',
  },
  'transfer.total': {
    'zh-CN': '本年度符合条件的技术转让所得合计',
    en: 'Qualifying transfer income of the year',
  },
  'transfer.exempt': { 'zh-CN': '免征企业所得税的部分', en: 'Part exempt from income tax' },
  'transfer.halfTaxed': {
    'zh-CN': '超过限额部分减半后计入应纳税所得额',
    en: 'Excess over the limit, halved, that bears tax',
  },
  'transfer.tax': { 'zh-CN': '技术转让所得应纳企业所得税', en: 'Income tax on the transfer income' },
  'transfer.normalTax': { 'zh-CN': '不享受优惠时的应纳税额', en: 'Tax without the preference' },
  'transfer.taxSaved': { 'zh-CN': '减免的企业所得税', en: 'Income tax saved' },

  'transfer.regime.general': { 'zh-CN': '一般规定（500万元）', en: 'General rule (5 million yuan)' },
  'transfer.regime.zhongguancun': {
    'zh-CN': '中关村特定区域试点（2000万元）',
    en: 'Zhongguancun pilot (20 million yuan)',
  },
  'transfer.technology.patent': { 'zh-CN': '专利技术', en: 'Patent' },
  'transfer.technology.softwareCopyright': { 'zh-CN': '计算机软件著作权', en: 'Software copyright' },
  'transfer.technology.icLayoutDesign': { 'zh-CN': '集成电路布图设计权', en: 'IC layout design' },
  'transfer.technology.plantVariety': { 'zh-CN': '植物新品种', en: 'New plant variety' },
  'transfer.technology.biomedVariety': { 'zh-CN': '生物医药新品种', en: 'New biomedical variety' },
  'transfer.technology.otherDesignated': {
    'zh-CN': '财政部和国家税务总局确定的其他技术',
    en: 'Other technology designated by MOF and STA',
  },
  'transfer.technology.other': { 'zh-CN': '其他（不属于优惠范围）', en: 'Other (not covered)' },
  'transfer.mode.ownership': { 'zh-CN': '所有权转让', en: 'Transfer of ownership' },
  'transfer.mode.exclusiveLicence5y': {
    'zh-CN': '5年以上全球独占许可',
    en: 'Worldwide exclusive licence, 5 years or more',
  },
  'transfer.mode.nonExclusiveLicence5y': {
    'zh-CN': '5年以上非独占许可',
    en: 'Non-exclusive licence, 5 years or more',
  },
  'transfer.mode.shortLicence': { 'zh-CN': '不足5年的许可', en: 'Licence under 5 years' },
  'transfer.reason.technology': { 'zh-CN': '技术类型不在优惠范围内', en: 'Technology not covered' },
  'transfer.reason.shortLicence': { 'zh-CN': '许可期限不足5年', en: 'Licence shorter than 5 years' },
  'transfer.reason.notRegistered': { 'zh-CN': '合同未经认定登记', en: 'Contract not registered' },
  'transfer.reason.relatedParty': {
    'zh-CN': '受让方为持股100%的关联方',
    en: 'Buyer is a 100% related party',
  },
  'transfer.reason.exportRestricted': {
    'zh-CN': '禁止或限制出口技术',
    en: 'Export-prohibited or restricted technology',
  },

  'industry.tobacco': { 'zh-CN': '烟草制造业', en: 'Tobacco manufacturing' },
  'industry.accommodationCatering': { 'zh-CN': '住宿和餐饮业', en: 'Accommodation and catering' },
  'industry.wholesaleRetail': { 'zh-CN': '批发和零售业', en: 'Wholesale and retail' },
  'industry.realEstate': { 'zh-CN': '房地产业', en: 'Real estate' },
  'industry.leasingBusinessServices': { 'zh-CN': '租赁和商务服务业', en: 'Leasing and business services' },
  'industry.entertainment': { 'zh-CN': '娱乐业', en: 'Entertainment' },
  'industry.other': { 'zh-CN': '其他行业', en: 'Other industries' },
} as const satisfies Record<string, Label>;

export type PolicyMessageCode = keyof typeof policyMessages;

// Labels of the named input values a step shows (the keys of `PolicyStep.values`).
export const policyValueLabels: Partial<Record<string, Label>> = {
  registrationDate: { 'zh-CN': '注册成立日期', en: 'Registration date' },
  applicationDate: { 'zh-CN': '申报日期', en: 'Application date' },
  declared: { 'zh-CN': '申报的知识产权项数', en: 'IP items declared' },
  usable: { 'zh-CN': '可用项数', en: 'Usable items' },
  coreSupporting: { 'zh-CN': '发挥核心支持作用的项目', en: 'Items giving core support' },
  domain: { 'zh-CN': '技术领域', en: 'Technology domain' },
  people: { 'zh-CN': '名册人数', en: 'People on the roster' },
  partTimeUnder183: { 'zh-CN': '不足183天的兼职/临时人员', en: 'Part-time/temporary under 183 days' },
  sciTech183: { 'zh-CN': '工作满183天的科技人员', en: 'S&T staff with ≥183 days' },
  months: { 'zh-CN': '月份数', en: 'Months' },
  totalMonthlyAverages: { 'zh-CN': '职工月平均数', en: 'Monthly average staff' },
  sciTechMonthlyAverages: { 'zh-CN': '科技人员月平均数', en: 'Monthly average S&T staff' },
  sciTechAnnual: { 'zh-CN': '科技人员全年月平均数', en: 'Annual average S&T staff' },
  totalAnnual: { 'zh-CN': '职工全年月平均数', en: 'Annual average staff' },
  year: { 'zh-CN': '年度', en: 'Year' },
  internalExceptOther: { 'zh-CN': '内部研发费用（不含其他费用）', en: 'In-house R&D except other costs' },
  contractedDomestic: { 'zh-CN': '委托境内研发费用', en: 'R&D contracted in China' },
  contractedOverseas: { 'zh-CN': '委托境外研发费用', en: 'R&D contracted abroad' },
  otherActual: { 'zh-CN': '其他费用实际发生额', en: 'Other costs incurred' },
  otherLimit: { 'zh-CN': '其他费用限额', en: 'Limit on other costs' },
  otherCounted: { 'zh-CN': '其他费用计入额', en: 'Other costs counted' },
  latestYear: { 'zh-CN': '最近一年', en: 'Latest year' },
  latestSales: { 'zh-CN': '最近一年销售收入（元）', en: 'Latest year’s sales (yuan)' },
  years: { 'zh-CN': '年度', en: 'Years' },
  rdTotal: { 'zh-CN': '研发费用总额（元）', en: 'Total R&D (yuan)' },
  salesTotal: { 'zh-CN': '销售收入总额（元）', en: 'Total sales (yuan)' },
  domestic: { 'zh-CN': '境内研发费用（元）', en: 'R&D in China (yuan)' },
  totalIncome: { 'zh-CN': '收入总额（元）', en: 'Total income (yuan)' },
  nonTaxableIncome: { 'zh-CN': '不征税收入（元）', en: 'Non-taxable income (yuan)' },
  highTechRevenue: { 'zh-CN': '高新技术产品（服务）收入（元）', en: 'High-tech revenue (yuan)' },
  grade: { 'zh-CN': '档次', en: 'Grade' },
  classI: { 'zh-CN': 'Ⅰ类知识产权项数', en: 'Class Ⅰ items' },
  classII: { 'zh-CN': 'Ⅱ类知识产权项数', en: 'Class Ⅱ items' },
  band: { 'zh-CN': '档次', en: 'Band' },
  selfDeveloped: { 'zh-CN': '有自主研发', en: 'Some self-developed' },
  standards: { 'zh-CN': '参与编制标准', en: 'Took part in drafting standards' },
  perYear: { 'zh-CN': '各年转化项数', en: 'Results transformed per year' },
  system: { 'zh-CN': '研发组织管理制度', en: 'R&D management system' },
  institution: { 'zh-CN': '研发机构', en: 'R&D institution' },
  transformationIncentives: { 'zh-CN': '成果转化激励', en: 'Transformation incentives' },
  talent: { 'zh-CN': '人才培养与激励', en: 'Talent development' },
  low: { 'zh-CN': '低端得分', en: 'Low end' },
  high: { 'zh-CN': '高端得分', en: 'High end' },
  passAtLow: { 'zh-CN': '按低端得分通过', en: 'Passes at the low end' },
  passAtHigh: { 'zh-CN': '按高端得分通过', en: 'Passes at the high end' },
  experts: { 'zh-CN': '专家人数', en: 'Experts' },
  scores: { 'zh-CN': '专家评分', en: 'Experts’ scores' },
  majorSafetyAccident: { 'zh-CN': '重大安全事故', en: 'Major safety accident' },
  majorQualityAccident: { 'zh-CN': '重大质量事故', en: 'Major quality accident' },
  seriousEnvironmentalViolation: { 'zh-CN': '严重环境违法行为', en: 'Serious environmental violation' },
  industry: { 'zh-CN': '主营业务行业', en: 'Main business industry' },
  mainBusinessRevenue: { 'zh-CN': '主营业务收入（元）', en: 'Main business revenue (yuan)' },
  investmentIncome: { 'zh-CN': '投资收益（元）', en: 'Investment income (yuan)' },
  taxYear: { 'zh-CN': '纳税年度', en: 'Tax year' },
  regime: { 'zh-CN': '适用政策', en: 'Regime' },
  fiveCategories: { 'zh-CN': '前五类费用合计（元）', en: 'First five categories (yuan)' },
  paid: { 'zh-CN': '支付金额（元）', en: 'Paid (yuan)' },
  ownEligible: { 'zh-CN': '自行研发可加计额（元）', en: 'Own eligible R&D (yuan)' },
  contractedDomesticEligible: {
    'zh-CN': '委托境内可加计额（元）',
    en: 'Eligible contracted in China (yuan)',
  },
  nonTaxable: { 'zh-CN': '不征税财政资金（元）', en: 'Non-taxable subsidies (yuan)' },
  paidToOrganisations: { 'zh-CN': '支付境外机构（元）', en: 'Paid to organisations abroad (yuan)' },
  paidToIndividuals: { 'zh-CN': '支付境外个人（元）', en: 'Paid to individuals abroad (yuan)' },
  domesticEligible: { 'zh-CN': '境内符合条件的研发费用（元）', en: 'Eligible R&D in China (yuan)' },
  eligible: { 'zh-CN': '可加计研发费用（元）', en: 'Eligible R&D (yuan)' },
  specialIncome: { 'zh-CN': '特殊收入（元）', en: 'Special income (yuan)' },
  soldProductMaterials: { 'zh-CN': '已销售产品材料费（元）', en: 'Materials of products sold (yuan)' },
  carriedForward: { 'zh-CN': '结转以后年度（元）', en: 'Carried forward (yuan)' },
  base: { 'zh-CN': '计算基数（元）', en: 'Base (yuan)' },
  id: { 'zh-CN': '编号', en: 'Reference' },
  cost: { 'zh-CN': '成本（元）', en: 'Cost (yuan)' },
  nonTaxableFunded: { 'zh-CN': '不征税资金形成部分（元）', en: 'Funded by non-taxable subsidies (yuan)' },
  inServiceFrom: { 'zh-CN': '开始摊销月份', en: 'Amortised from' },
  usefulLifeYears: { 'zh-CN': '摊销年限', en: 'Useful life (years)' },
  amortisation: { 'zh-CN': '本年摊销额（元）', en: 'Amortisation this year (yuan)' },
  taxRate: { 'zh-CN': '企业所得税税率', en: 'Income tax rate' },
  technology: { 'zh-CN': '技术类别', en: 'Technology' },
  mode: { 'zh-CN': '转让方式', en: 'Transfer mode' },
  registered: { 'zh-CN': '已登记', en: 'Registered' },
  fullyOwnedRelatedParty: { 'zh-CN': '100%关联方', en: 'Wholly owned related party' },
  exportRestricted: { 'zh-CN': '限制出口技术', en: 'Export-restricted' },
  revenue: { 'zh-CN': '转让收入（元）', en: 'Revenue (yuan)' },
  costs: { 'zh-CN': '成本（元）', en: 'Costs (yuan)' },
  relatedTaxes: { 'zh-CN': '相关税费（元）', en: 'Related taxes (yuan)' },
  periodExpenses: { 'zh-CN': '应分摊期间费用（元）', en: 'Period expenses (yuan)' },
  contracts: { 'zh-CN': '符合条件的合同数', en: 'Qualifying contracts' },
  ineligibleIncome: { 'zh-CN': '不符合条件的所得（元）', en: 'Income not qualifying (yuan)' },
  income: { 'zh-CN': '技术转让所得（元）', en: 'Transfer income (yuan)' },
  threshold: { 'zh-CN': '免税限额（元）', en: 'Exemption threshold (yuan)' },
  excess: { 'zh-CN': '超过部分（元）', en: 'Excess (yuan)' },
  personnel: { 'zh-CN': '人员人工费用（元）', en: 'Personnel (yuan)' },
  directInputs: { 'zh-CN': '直接投入费用（元）', en: 'Direct inputs (yuan)' },
  depreciation: { 'zh-CN': '折旧费用（元）', en: 'Depreciation (yuan)' },
  intangibleAmortisation: { 'zh-CN': '无形资产摊销（元）', en: 'Intangible amortisation (yuan)' },
  newProductDesign: { 'zh-CN': '新产品设计费等（元）', en: 'New product design etc. (yuan)' },
  otherRelated: { 'zh-CN': '其他相关费用（元）', en: 'Other related costs (yuan)' },
};

// Words inside a step's formula or result, written there as {{term}} so the reader's language
// picks them; a {{code}} of `policyMessages` works too. Numbers stay as computed.
export const policyTerms: Partial<Record<string, Label>> = {
  days: { 'zh-CN': '天', en: 'days' },
  ipUsableRule: {
    'zh-CN':
      '可用 = 在中国境内有效 ∧ 拥有所有权（自主研发、受让、受赠、并购，非许可）∧ 非商标 ∧（Ⅰ类 ∨ 未曾用于认定的Ⅱ类）',
    en: 'usable = valid in China ∧ owned (self-developed, transfer, gift, merger; not licensed) ∧ not a trademark ∧ (class Ⅰ ∨ class Ⅱ not used before)',
  },
  ipCoreCount: { 'zh-CN': '发挥核心支持作用的可用知识产权项数', en: 'usable items with core support' },
  hnteDomains: {
    'zh-CN': '《国家重点支持的高新技术领域》八大领域',
    en: 'the eight state-supported high-tech domains',
  },
  staffRosterRule: {
    'zh-CN':
      '职工 = 在职人员 + 累计工作满183天的兼职、临时聘用人员；科技人员 = 累计工作满183天的科技人员；按每月月初、月末人数统计',
    en: 'staff = employees + part-time/temporary with ≥183 days; S&T staff = S&T with ≥183 days; counted on the first and last day of each month',
  },
  months: { 'zh-CN': '个月', en: 'months' },
  monthlyAverage: { 'zh-CN': '月平均数', en: 'monthly average' },
  monthStart: { 'zh-CN': '月初数', en: 'start' },
  monthEnd: { 'zh-CN': '月末数', en: 'end' },
  annualAverage: { 'zh-CN': '全年月平均数', en: 'annual' },
  staff: { 'zh-CN': '职工', en: 'staff' },
  sciTechStaff: { 'zh-CN': '科技人员', en: 'S&T' },
  roundedDownNote: {
    'zh-CN': '（显示值向下取至0.01，下方判断按精确值）',
    en: '(shown rounded down to 0.01; the test below is exact)',
  },
  rdYearTotal: { 'zh-CN': '研发费用合计', en: 'total' },
  internalRd: { 'zh-CN': '内部研发投入', en: 'internal R&D' },
  contractedRd: { 'zh-CN': '委托研发', en: 'contracted' },
  otherCosts: { 'zh-CN': '其他费用', en: 'other' },
  latestSales: { 'zh-CN': '最近一年销售收入', en: 'latest sales' },
  otherwise: { 'zh-CN': '其余', en: 'otherwise' },
  contractedInChina: { 'zh-CN': '委托境内研发', en: 'contracted in China' },
  allRd: { 'zh-CN': '全部研发费用', en: 'all R&D' },
  incomeBase: { 'zh-CN': '总收入', en: 'total income' },
  grossIncome: { 'zh-CN': '收入总额', en: 'gross income' },
  nonTaxableIncomeTerm: { 'zh-CN': '不征税收入', en: 'non-taxable income' },
  classI: { 'zh-CN': 'Ⅰ类', en: 'class Ⅰ' },
  classII: { 'zh-CN': 'Ⅱ类', en: 'class Ⅱ' },
  someSelfDeveloped: { 'zh-CN': '有自主研发', en: 'some self-developed' },
  onlyAcquired: { 'zh-CN': '仅受让、受赠、并购', en: 'only transfer/gift/merger' },
  standardsBonusRule: {
    'zh-CN': '加分项：参与编制国家标准、行业标准、检测方法、技术规范的 1–2分，否则 0分',
    en: 'bonus: took part in national/industry standards, test methods, technical specifications 1–2; else 0',
  },
  average: { 'zh-CN': '年均', en: 'average' },
  firstYearNonPositive: { 'zh-CN': '第一年 ≤ 0', en: 'first year ≤ 0' },
  twoYearsOperation: { 'zh-CN': '经营两年', en: 'two years of operation' },
  secondYearNonPositive: { 'zh-CN': '第二年 ≤ 0：计0分', en: 'second year ≤ 0: scored 0' },
  firstYearNonPositiveTwoYears: {
    'zh-CN': '经营两年且第一年 ≤ 0：计0分',
    en: 'first year ≤ 0 with two years of operation: scored 0',
  },
  fewerThanTwoYears: { 'zh-CN': '经营不足两年：计0分', en: 'fewer than two years: scored 0' },
  noIncidentsRule: {
    'zh-CN': '申请认定前一年内未发生以上三类情形',
    en: 'none of the three in the year before applying',
  },
  lowEnd: { 'zh-CN': '低端', en: 'low' },
  highEnd: { 'zh-CN': '高端', en: 'high' },
  passes: { 'zh-CN': '通过', en: 'passes' },
  fails: { 'zh-CN': '未通过', en: 'fails' },
  passAbove70: { 'zh-CN': '70分以上（不含70分）为通过', en: 'pass when > 70' },
  notExcludedIndustry: {
    'zh-CN': '主营业务不属于不适用行业',
    en: 'main business is not an excluded industry',
  },
  excludedIndustry: { 'zh-CN': '属于不适用行业', en: 'excluded industry' },
  expensedRd: { 'zh-CN': '费用化研发费用', en: 'expensed R&D' },
  amortiseAt: { 'zh-CN': '资本化按成本的', en: 'amortise at' },
  cost: { 'zh-CN': '成本', en: 'cost' },
  fiveCategories: { 'zh-CN': '前五类费用', en: 'five categories' },
  limit: { 'zh-CN': '限额', en: 'limit' },
  counted: { 'zh-CN': '计入额', en: 'counted' },
  carriedForward: { 'zh-CN': '结转以后年度', en: 'carried forward' },
  cumulativeRounded: { 'zh-CN': '（累计计算，四舍五入到分）', en: '(cumulative, rounded to the fen)' },
  eligiblePart: { 'zh-CN': '可加计部分', en: 'eligible' },
  qualifyingTransfer: {
    'zh-CN': '技术范围、转让方式和合同均符合条件',
    en: 'qualifying technology, transfer mode and contract',
  },
  notQualifying: { 'zh-CN': '不符合条件', en: 'not qualifying' },
  noQualifyingContract: { 'zh-CN': '没有符合条件的合同', en: 'no qualifying contract' },
  nothingToExempt: { 'zh-CN': '无可免税所得', en: 'nothing to exempt' },
};

/** A step's formula or result in `locale`: a coded word (yes, eligible…) by its label, every {{term}} replaced. */
export function localizePolicyText(text: string, locale: 'zh-CN' | 'en'): string {
  const word = policyWordLabels[text];
  if (word) return word[locale];
  return text.replace(/\{\{([\w.]+)\}\}/g, (whole, key: string) => {
    const label = policyTerms[key] ?? (policyMessages as Partial<Record<string, Label>>)[key];
    return label ? label[locale] : whole;
  });
}

// Labels of the coded words a step may show as a value or result (yes/no, eligibility, regimes).
export const policyWordLabels: Partial<Record<string, Label>> = {
  yes: { 'zh-CN': '是', en: 'yes' },
  no: { 'zh-CN': '否', en: 'no' },
  eligible: { 'zh-CN': '符合条件', en: 'eligible' },
  ineligible: { 'zh-CN': '不符合条件', en: 'not eligible' },
  excluded: { 'zh-CN': '属于不适用行业', en: 'excluded industry' },
  general: { 'zh-CN': '一般规定', en: 'general' },
  integratedCircuit: { 'zh-CN': '集成电路企业', en: 'integrated-circuit enterprise' },
  industrialMotherMachine: { 'zh-CN': '工业母机企业', en: 'industrial mother-machine enterprise' },
  zhongguancun: { 'zh-CN': '中关村试点', en: 'Zhongguancun pilot' },
};

// Error messages of the policy module (catalogue keys, rendered in the reader's language).
export const policyErrorMessages = defineMessages({
  'policy.onlyMembersRead': {
    'zh-CN': '只有本单位成员才能查看本单位的测算表',
    en: 'only members of this organisation may read its worksheets',
  },
  'policy.onlyMembersSave': {
    'zh-CN': '只有本单位成员才能保存本单位的测算表',
    en: 'only members of this organisation may save its worksheets',
  },
  'policy.taxYearEqual': { 'zh-CN': '必须等于 input.taxYear', en: 'must equal input.taxYear' },
  'policy.taxYearLatest': {
    'zh-CN': '必须是 input.years 中最近的会计年度',
    en: 'must be the latest fiscal year of input.years',
  },
});

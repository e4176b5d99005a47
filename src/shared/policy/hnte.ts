// High and New Technology Enterprise (高新技术企业) recognition self-check.
// Rules: 国科发火〔2016〕32号《高新技术企业认定管理办法》第十一条 and its work guideline
// 国科发火〔2016〕195号《高新技术企业认定管理工作指引》. Pure and deterministic; every figure is
// exact (bigint fen, rationals compared by cross-multiplication). Readings of ambiguous
// details are recorded in docs/decisions/0100-policy-rule-readings.md.
import type { PolicyMessageCode } from './policy.messages.ts';
import {
  Dec,
  formatFen,
  formatPercent,
  formatRatioDecimal,
  formatYuanExact,
  minBig,
  type PolicyStep,
  type Ratio,
  ratio,
  ratioGt,
  ratioGte,
  sumFen,
} from './policy.ts';

const M32 = '国科发火〔2016〕32号《高新技术企业认定管理办法》';
const G195 = '国科发火〔2016〕195号《高新技术企业认定管理工作指引》';
export const HNTE_RULES = {
  registration: `${M32}第十一条第（一）项；${G195}“年限”：注册成立365个日历天数以上`,
  ip: `${M32}第十一条第（二）项；${G195}“知识产权”`,
  domain: `${M32}第十一条第（三）项；《国家重点支持的高新技术领域》（${M32}附件）`,
  staff: `${M32}第十一条第（四）项；${G195}“企业科技人员”及“统计方法”`,
  rdRatio: `${M32}第十一条第（五）项第1–3目；${G195}“研究开发费用归集”`,
  rdDomestic: `${M32}第十一条第（五）项“其中”款；${G195}“境内研究开发费用”`,
  rdOther: `${G195}“研究开发费用归集·其他费用”：一般不得超过研究开发总费用的20%`,
  rdContracted: `${G195}“委托外部研究开发费用”：按发生额的80%计入研发费用总额`,
  highTechIncome: `${M32}第十一条第（六）项；${G195}“高新技术产品（服务）收入占比”“总收入”`,
  innovation: `${M32}第十一条第（七）项；${G195}“企业创新能力评价”：综合得分70分以上（不含70分）`,
  ipScore: `${G195}“企业创新能力评价·知识产权（≤30分）”`,
  transformation: `${G195}“企业创新能力评价·科技成果转化能力（≤30分）”`,
  rdManagement: `${G195}“企业创新能力评价·研究开发组织管理水平（≤20分）”`,
  growth: `${G195}“企业创新能力评价·企业成长性（≤20分）”`,
  expertPanel: `${G195}“专家评审”：企业创新能力得分取专家评分的算术平均值`,
  incidents: `${M32}第十一条第（八）项`,
} as const;

export const HNTE_DOMAINS = [
  'electronicInformation', // 电子信息
  'biotechMedicine', // 生物与新医药
  'aerospace', // 航空航天
  'newMaterials', // 新材料
  'highTechServices', // 高技术服务
  'newEnergyEfficiency', // 新能源与节能
  'resourcesEnvironment', // 资源与环境
  'advancedManufacturing', // 先进制造与自动化
] as const;
export type HnteDomain = (typeof HNTE_DOMAINS)[number];

/** IP kinds; the guideline assigns each a class (Ⅰ or Ⅱ). Trademarks are not counted. */
export const IP_KINDS = {
  inventionPatent: 'I', // 发明专利
  defencePatent: 'I', // 国防专利
  plantVariety: 'I', // 植物新品种
  cropVariety: 'I', // 国家级农作物品种
  newDrug: 'I', // 国家新药
  tcmProtectedVariety: 'I', // 国家一级中药保护品种
  icLayoutDesign: 'I', // 集成电路布图设计专有权
  utilityModel: 'II', // 实用新型专利
  designPatent: 'II', // 外观设计专利
  softwareCopyright: 'II', // 软件著作权
  otherClassII: 'II', // 其他Ⅱ类
  trademark: 'none', // 商标：不计入
} as const;
export type IpKind = keyof typeof IP_KINDS;
export const IP_OBTAINED = ['selfDeveloped', 'transfer', 'gift', 'merger', 'licence'] as const;
export type IpObtained = (typeof IP_OBTAINED)[number];
export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

export type HnteRdExpenses = {
  personnel: bigint; // 人员人工费用
  directInputs: bigint; // 直接投入费用
  depreciation: bigint; // 折旧费用与长期待摊费用
  intangibleAmortisation: bigint; // 无形资产摊销费用
  design: bigint; // 设计费用
  equipmentAndTrials: bigint; // 装备调试费用与试验费用
  other: bigint; // 其他费用
  contractedDomestic: bigint; // 委托境内外部研究开发费用（实际发生额）
  contractedOverseas: bigint; // 委托境外研究开发费用（实际发生额）
};
export type HnteYear = {
  year: number;
  salesRevenue: bigint; // 销售收入 = 主营业务收入 + 其他业务收入
  netAssetsAtYearEnd: bigint; // 年末净资产 = 资产总额 − 负债总额
  rd: HnteRdExpenses;
  resultsTransformed: number; // 当年科技成果转化项数
};
export type HnteStaffMonth = {
  totalStart: number;
  totalEnd: number;
  sciTechStart: number;
  sciTechEnd: number;
};
export type HntePerson = {
  kind: 'employee' | 'partTime' | 'temporary'; // 在职 / 兼职 / 临时聘用
  sciTech: boolean;
  daysWorked: number; // 全年累计实际工作天数
  from: string; // YYYY-MM-DD
  to: string | null;
};
export type HnteStaff =
  | { mode: 'monthly'; months: HnteStaffMonth[] }
  | { mode: 'roster'; year: number; people: HntePerson[] };
export type HnteIpItem = {
  id: string;
  kind: IpKind;
  obtainedBy: IpObtained;
  coreSupport: boolean; // 对主要产品（服务）在技术上发挥核心支持作用
  validInChina: boolean; // 在中国境内授权或审批审定，并在有效保护期内
  previouslyUsedForHnte: boolean; // 已在以往高企认定中使用过（Ⅱ类仅限使用一次）
};
export type HnteInput = {
  registrationDate: string;
  applicationDate: string;
  domain: HnteDomain | 'none';
  /** One to three consecutive fiscal years, oldest first; the last is the latest year. */
  years: HnteYear[];
  latestYearIncome: { highTechRevenue: bigint; totalIncome: bigint; nonTaxableIncome: bigint };
  staff: HnteStaff;
  ip: HnteIpItem[];
  innovation: {
    advancement: Grade; // 技术的先进程度（自评档次）
    coreSupport: Grade; // 对主要产品（服务）发挥核心支持作用（自评档次）
    standards: boolean; // 参与编制国家标准、行业标准、检测方法、技术规范
    rdManagement: { system: number; institution: number; transformationIncentives: number; talent: number };
    /** Total scores given by the expert panel (at least five), when known. */
    expertScores: number[] | null;
  };
  incidents: {
    majorSafetyAccident: boolean;
    majorQualityAccident: boolean;
    seriousEnvironmentalViolation: boolean;
  };
};

export type HnteVerdict = 'met' | 'notMet' | 'depends';
export type HnteCondition = {
  code: PolicyMessageCode;
  rule: string;
  verdict: HnteVerdict;
  steps: PolicyStep[];
};
export type ScoreRange = { low: number; high: number };
export type HnteScoreItem = {
  code: PolicyMessageCode;
  rule: string;
  /** Band letter of the guideline's table (A–F), or "self" for self-assessed integer items. */
  band: string;
  max: number;
  range: ScoreRange;
  steps: PolicyStep[];
};
export type HnteInnovation = {
  items: HnteScoreItem[];
  total: ScoreRange;
  passAtLow: boolean;
  passAtHigh: boolean;
  expertAverage: string | null;
  expertPass: boolean | null;
};
export type HnteResult = {
  verdict: HnteVerdict;
  conditions: HnteCondition[];
  innovation: HnteInnovation;
};

const pct = (n: number) => ratio(BigInt(n), 100n);
const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const verdictOf = (b: boolean): HnteVerdict => (b ? 'met' : 'notMet');

function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

// ---------------------------------------------------------------- (一) registration

function checkRegistration(input: HnteInput): HnteCondition {
  const days = dayNumber(input.applicationDate) - dayNumber(input.registrationDate);
  // “以上” includes the number itself (民法典第一千二百五十九条), so 365 days qualifies.
  const met = days >= 365;
  return {
    code: 'hnte.registration',
    rule: HNTE_RULES.registration,
    verdict: verdictOf(met),
    steps: [
      {
        code: 'hnte.registration.days',
        rule: HNTE_RULES.registration,
        values: { registrationDate: input.registrationDate, applicationDate: input.applicationDate },
        formula: `${input.applicationDate} − ${input.registrationDate} = ${days} {{days}} ≥ 365`,
        result: String(days),
        met,
      },
    ],
  };
}

// ---------------------------------------------------------------- (二) IP

/** IP items that may be declared in this application: valid in China, owned, class Ⅱ not used before. */
export function countableIp(items: HnteIpItem[]): HnteIpItem[] {
  return items.filter(
    (i) =>
      IP_KINDS[i.kind] !== 'none' &&
      i.validInChina &&
      i.obtainedBy !== 'licence' &&
      !(IP_KINDS[i.kind] === 'II' && i.previouslyUsedForHnte),
  );
}

function checkIp(input: HnteInput): HnteCondition {
  const usable = countableIp(input.ip);
  const core = usable.filter((i) => i.coreSupport);
  const met = core.length > 0;
  return {
    code: 'hnte.ip',
    rule: HNTE_RULES.ip,
    verdict: verdictOf(met),
    steps: [
      {
        code: 'hnte.ip.usable',
        rule: HNTE_RULES.ip,
        values: { declared: String(input.ip.length), usable: String(usable.length) },
        formula: '{{ipUsableRule}}',
        result: String(usable.length),
      },
      {
        code: 'hnte.ip.core',
        rule: HNTE_RULES.ip,
        values: { coreSupporting: core.map((i) => i.id).join(', ') || '—' },
        formula: `{{ipCoreCount}} = ${core.length} ≥ 1`,
        result: String(core.length),
        met,
      },
    ],
  };
}

// ---------------------------------------------------------------- (三) domain

function checkDomain(input: HnteInput): HnteCondition {
  const met = (HNTE_DOMAINS as readonly string[]).includes(input.domain);
  return {
    code: 'hnte.domain',
    rule: HNTE_RULES.domain,
    verdict: verdictOf(met),
    steps: [
      {
        code: 'hnte.domain.check',
        rule: HNTE_RULES.domain,
        values: { domain: input.domain },
        formula: `{{domain.${input.domain}}} ∈ {{hnteDomains}}`,
        result: yesNo(met),
        met,
      },
    ],
  };
}

// ---------------------------------------------------------------- (四) staff

function lastDayOfMonth(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Monthly start/end head-counts from a roster, per the guideline: staff include employees
 * plus part-time and temporary staff who worked ≥183 days in the year; S&T staff are those
 * who worked ≥183 days (any kind).
 */
export function monthlyCountsFromRoster(year: number, people: HntePerson[]): HnteStaffMonth[] {
  const inTotal = people.filter((p) => p.kind === 'employee' || p.daysWorked >= 183);
  const inSciTech = people.filter((p) => p.sciTech && p.daysWorked >= 183);
  const present = (p: HntePerson, day: string) => p.from <= day && (p.to === null || p.to >= day);
  const months: HnteStaffMonth[] = [];
  for (let m = 1; m <= 12; m++) {
    const first = `${year}-${String(m).padStart(2, '0')}-01`;
    const last = lastDayOfMonth(year, m);
    months.push({
      totalStart: inTotal.filter((p) => present(p, first)).length,
      totalEnd: inTotal.filter((p) => present(p, last)).length,
      sciTechStart: inSciTech.filter((p) => present(p, first)).length,
      sciTechEnd: inSciTech.filter((p) => present(p, last)).length,
    });
  }
  return months;
}

const halfSum = (n: bigint) => new Dec(n.toString()).div(2);

function checkStaff(input: HnteInput): HnteCondition {
  const steps: PolicyStep[] = [];
  let months: HnteStaffMonth[];
  if (input.staff.mode === 'roster') {
    const people = input.staff.people;
    months = monthlyCountsFromRoster(input.staff.year, people);
    const excluded = people.filter((p) => p.kind !== 'employee' && p.daysWorked < 183).length;
    const sci = people.filter((p) => p.sciTech && p.daysWorked >= 183).length;
    steps.push({
      code: 'hnte.staff.roster',
      rule: HNTE_RULES.staff,
      values: { people: String(people.length), partTimeUnder183: String(excluded), sciTech183: String(sci) },
      formula: '{{staffRosterRule}}',
      result: `${months.length} {{months}}`,
    });
  } else {
    months = input.staff.months;
  }
  const n = BigInt(months.length);
  // Twice each monthly average, so the sums stay integers: Σ(start + end) = 2 × Σ monthly averages.
  const tot2 = sumFen(months.map((m) => BigInt(m.totalStart + m.totalEnd)));
  const sci2 = sumFen(months.map((m) => BigInt(m.sciTechStart + m.sciTechEnd)));
  const annual = (s2: bigint) => halfSum(s2).div(n.toString()).toDecimalPlaces(2, Dec.ROUND_FLOOR).toFixed(2);
  steps.push({
    code: 'hnte.staff.monthly',
    rule: HNTE_RULES.staff,
    values: {
      months: String(months.length),
      totalMonthlyAverages: months
        .map((m) => halfSum(BigInt(m.totalStart + m.totalEnd)).toFixed())
        .join(' + '),
      sciTechMonthlyAverages: months
        .map((m) => halfSum(BigInt(m.sciTechStart + m.sciTechEnd)).toFixed())
        .join(' + '),
    },
    formula: `{{monthlyAverage}} = ({{monthStart}} + {{monthEnd}}) ÷ 2; {{annualAverage}} = Σ {{monthlyAverage}} ÷ ${months.length}: {{staff}} ${halfSum(tot2).toFixed()} ÷ ${months.length}, {{sciTechStaff}} ${halfSum(sci2).toFixed()} ÷ ${months.length}`,
    result: `{{staff}} ${annual(tot2)}, {{sciTechStaff}} ${annual(sci2)} {{roundedDownNote}}`,
  });
  const r = tot2 === 0n ? null : ratio(sci2, tot2);
  const met = r !== null && ratioGte(r, pct(10));
  steps.push({
    code: 'hnte.staff.ratio',
    rule: HNTE_RULES.staff,
    values: {
      sciTechAnnual: halfSum(sci2).div(n.toString()).toFixed(),
      totalAnnual: halfSum(tot2).div(n.toString()).toFixed(),
    },
    formula: `{{sciTechStaff}} ÷ {{staff}} = ${halfSum(sci2).toFixed()} ÷ ${halfSum(tot2).toFixed()} ≥ 10%`,
    result: r ? formatPercent(r) : '—',
    met,
  });
  return { code: 'hnte.staff', rule: HNTE_RULES.staff, verdict: verdictOf(met), steps };
}

// ---------------------------------------------------------------- (五) R&D expenses

/** R&D figures of one year in units of 1/20 fen, so 80% and the ¼ cap stay integral. */
type RdYear = {
  nonOther: bigint;
  otherActual: bigint;
  otherAllowed: bigint;
  total: bigint;
  domestic: bigint;
};
const U = 20n; // units per fen
const fmtU = (u: bigint) => formatYuanExact(new Dec(u.toString()).div((U * 100n).toString()));

/** One year's R&D total under the guideline: contracted-out at 80%, “other” capped at 20% of the total. */
export function hnteRdYear(rd: HnteRdExpenses): RdYear {
  const internal =
    rd.personnel +
    rd.directInputs +
    rd.depreciation +
    rd.intangibleAmortisation +
    rd.design +
    rd.equipmentAndTrials;
  const contractedDom = rd.contractedDomestic * 16n; // × 80% in 1/20-fen units
  const contractedAll = (rd.contractedDomestic + rd.contractedOverseas) * 16n;
  const nonOther = internal * U + contractedAll;
  // other ≤ 20% × (nonOther + other)  ⇔  other ≤ nonOther × 20% ÷ (1 − 20%) = nonOther ÷ 4.
  const otherActual = rd.other * U;
  const otherAllowed = minBig(otherActual, nonOther / 4n);
  const total = nonOther + otherAllowed;
  const domestic = internal * U + otherAllowed + contractedDom;
  return { nonOther, otherActual, otherAllowed, total, domestic };
}

/** The R&D intensity threshold for the latest year's sales (fen): 5%, 4% or 3%. */
export function rdThresholdPercent(latestSalesFen: bigint): 5 | 4 | 3 {
  if (latestSalesFen <= 50_000_000_00n) return 5;
  if (latestSalesFen <= 200_000_000_00n) return 4;
  return 3;
}

function checkRd(input: HnteInput): HnteCondition[] {
  const years = input.years;
  const perYear = years.map((y) => hnteRdYear(y.rd));
  const steps: PolicyStep[] = years.map((y, i) => {
    const r = perYear[i];
    return {
      code: 'hnte.rd.year',
      rule: `${HNTE_RULES.rdContracted}；${HNTE_RULES.rdOther}`,
      values: {
        year: String(y.year),
        internalExceptOther: formatFen(
          y.rd.personnel +
            y.rd.directInputs +
            y.rd.depreciation +
            y.rd.intangibleAmortisation +
            y.rd.design +
            y.rd.equipmentAndTrials,
        ),
        contractedDomestic: formatFen(y.rd.contractedDomestic),
        contractedOverseas: formatFen(y.rd.contractedOverseas),
        otherActual: formatFen(y.rd.other),
        otherLimit: fmtU(r.nonOther / 4n),
        otherCounted: fmtU(r.otherAllowed),
      },
      formula: `{{rdYearTotal}} = {{internalRd}} + 80% × {{contractedRd}} + min({{otherCosts}}, ({{internalRd}} + 80% × {{contractedRd}}) × 20% ÷ (1 − 20%)) = ${fmtU(r.nonOther)} + ${fmtU(r.otherAllowed)}`,
      result: fmtU(r.total),
    };
  });
  const rdTotal = sumFen(perYear.map((r) => r.total));
  const domestic = sumFen(perYear.map((r) => r.domestic));
  const sales = sumFen(years.map((y) => y.salesRevenue));
  const latest = years[years.length - 1];
  const threshold = rdThresholdPercent(latest.salesRevenue);
  steps.push({
    code: 'hnte.rd.threshold',
    rule: HNTE_RULES.rdRatio,
    values: { latestYear: String(latest.year), latestSales: formatFen(latest.salesRevenue) },
    formula: `{{latestSales}} ${formatFen(latest.salesRevenue)}: ≤ 50000000.00 → 5%; ≤ 200000000.00 → 4%; {{otherwise}} 3%`,
    result: `${threshold}%`,
  });
  // Sales in units too: ratio = rdTotal(u) ÷ (sales × 20).
  const intensity = sales > 0n ? ratio(rdTotal, sales * U) : null;
  const ratioMet = intensity !== null && ratioGte(intensity, pct(threshold));
  steps.push({
    code: 'hnte.rd.ratio',
    rule: HNTE_RULES.rdRatio,
    values: {
      years: years.map((y) => y.year).join(', '),
      rdTotal: fmtU(rdTotal),
      salesTotal: formatFen(sales),
    },
    formula: `${fmtU(rdTotal)} ÷ ${formatFen(sales)} ≥ ${threshold}%`,
    result: intensity ? formatPercent(intensity) : '—',
    met: ratioMet,
  });
  const share = rdTotal > 0n ? ratio(domestic, rdTotal) : null;
  const domMet = share !== null && ratioGte(share, pct(60));
  const domSteps: PolicyStep[] = [
    {
      code: 'hnte.rd.domestic',
      rule: HNTE_RULES.rdDomestic,
      values: { domestic: fmtU(domestic), rdTotal: fmtU(rdTotal) },
      formula: `({{internalRd}} + 80% × {{contractedInChina}}) ÷ {{allRd}} = ${fmtU(domestic)} ÷ ${fmtU(rdTotal)} ≥ 60%`,
      result: share ? formatPercent(share) : '—',
      met: domMet,
    },
  ];
  return [
    { code: 'hnte.rd', rule: HNTE_RULES.rdRatio, verdict: verdictOf(ratioMet), steps },
    { code: 'hnte.rdDomestic', rule: HNTE_RULES.rdDomestic, verdict: verdictOf(domMet), steps: domSteps },
  ];
}

// ---------------------------------------------------------------- (六) high-tech income

function checkHighTechIncome(input: HnteInput): HnteCondition {
  const { highTechRevenue, totalIncome, nonTaxableIncome } = input.latestYearIncome;
  const base = totalIncome - nonTaxableIncome;
  const r = base > 0n ? ratio(highTechRevenue, base) : null;
  const met = r !== null && ratioGte(r, pct(60));
  return {
    code: 'hnte.highTechIncome',
    rule: HNTE_RULES.highTechIncome,
    verdict: verdictOf(met),
    steps: [
      {
        code: 'hnte.highTechIncome.base',
        rule: HNTE_RULES.highTechIncome,
        values: { totalIncome: formatFen(totalIncome), nonTaxableIncome: formatFen(nonTaxableIncome) },
        formula: `{{incomeBase}} = {{grossIncome}} − {{nonTaxableIncomeTerm}} = ${formatFen(totalIncome)} − ${formatFen(nonTaxableIncome)}`,
        result: formatFen(base),
      },
      {
        code: 'hnte.highTechIncome.ratio',
        rule: HNTE_RULES.highTechIncome,
        values: { highTechRevenue: formatFen(highTechRevenue), totalIncome: formatFen(base) },
        formula: `${formatFen(highTechRevenue)} ÷ ${formatFen(base)} ≥ 60%`,
        result: r ? formatPercent(r) : '—',
        met,
      },
    ],
  };
}

// ---------------------------------------------------------------- (七) innovation score

const GRADE_RANGES: Record<Grade, ScoreRange> = {
  A: { low: 7, high: 8 },
  B: { low: 5, high: 6 },
  C: { low: 3, high: 4 },
  D: { low: 1, high: 2 },
  E: { low: 0, high: 0 },
};

function ipScore(input: HnteInput): HnteScoreItem {
  const usable = countableIp(input.ip);
  const classI = usable.filter((i) => IP_KINDS[i.kind] === 'I').length;
  const classII = usable.filter((i) => IP_KINDS[i.kind] === 'II').length;
  const adv = GRADE_RANGES[input.innovation.advancement];
  const core = GRADE_RANGES[input.innovation.coreSupport];
  // Quantity: A ≥1 class Ⅰ (7–8); B ≥5 class Ⅱ (5–6); C 3–4 class Ⅱ (3–4); D 1–2 class Ⅱ (1–2); E none (0).
  const [qBand, qty]: [string, ScoreRange] =
    classI >= 1
      ? ['A', { low: 7, high: 8 }]
      : classII >= 5
        ? ['B', { low: 5, high: 6 }]
        : classII >= 3
          ? ['C', { low: 3, high: 4 }]
          : classII >= 1
            ? ['D', { low: 1, high: 2 }]
            : ['E', { low: 0, high: 0 }];
  // How obtained: A some self-developed (1–6); B only transfer, gift, merger (1–3).
  const selfDev = usable.some((i) => i.obtainedBy === 'selfDeveloped');
  const [oBand, obtained]: [string, ScoreRange] =
    usable.length === 0
      ? ['—', { low: 0, high: 0 }]
      : selfDev
        ? ['A', { low: 1, high: 6 }]
        : ['B', { low: 1, high: 3 }];
  const bonus: ScoreRange = input.innovation.standards ? { low: 1, high: 2 } : { low: 0, high: 0 };
  const parts = [adv, core, qty, obtained, bonus];
  // The standards bonus sits inside the 30-point IP cap.
  const total = {
    low: Math.min(
      30,
      parts.reduce((s, p) => s + p.low, 0),
    ),
    high: Math.min(
      30,
      parts.reduce((s, p) => s + p.high, 0),
    ),
  };
  const r = (x: ScoreRange) => `${x.low}–${x.high}`;
  return {
    code: 'hnte.score.ip',
    rule: HNTE_RULES.ipScore,
    band: `${input.innovation.advancement}${input.innovation.coreSupport}${qBand}${oBand}`,
    max: 30,
    range: total,
    steps: [
      {
        code: 'hnte.score.ip.advancement',
        rule: HNTE_RULES.ipScore,
        values: { grade: input.innovation.advancement },
        formula: 'A 7–8, B 5–6, C 3–4, D 1–2, E 0',
        result: r(adv),
      },
      {
        code: 'hnte.score.ip.coreSupport',
        rule: HNTE_RULES.ipScore,
        values: { grade: input.innovation.coreSupport },
        formula: 'A 7–8, B 5–6, C 3–4, D 1–2, E 0',
        result: r(core),
      },
      {
        code: 'hnte.score.ip.quantity',
        rule: HNTE_RULES.ipScore,
        values: { classI: String(classI), classII: String(classII), band: qBand },
        formula:
          'A ≥1 {{classI}} 7–8; B ≥5 {{classII}} 5–6; C 3–4 {{classII}} 3–4; D 1–2 {{classII}} 1–2; E 0',
        result: r(qty),
      },
      {
        code: 'hnte.score.ip.obtained',
        rule: HNTE_RULES.ipScore,
        values: { selfDeveloped: yesNo(selfDev), band: oBand },
        formula: 'A {{someSelfDeveloped}} 1–6; B {{onlyAcquired}} 1–3',
        result: r(obtained),
      },
      {
        code: 'hnte.score.ip.standards',
        rule: HNTE_RULES.ipScore,
        values: { standards: yesNo(input.innovation.standards) },
        formula: '{{standardsBonusRule}}',
        result: r(bonus),
      },
      {
        code: 'hnte.score.ip.total',
        rule: HNTE_RULES.ipScore,
        values: {},
        formula: `min(30, ${parts.map((p) => p.low).join(' + ')}) – min(30, ${parts.map((p) => p.high).join(' + ')})`,
        result: r(total),
      },
    ],
  };
}

/** Transformation band for an average number of results per year (exact ratio). */
export function transformationBand(avg: Ratio): { band: string; range: ScoreRange } {
  const bands: [number, string, ScoreRange][] = [
    [5, 'A', { low: 25, high: 30 }],
    [4, 'B', { low: 19, high: 24 }],
    [3, 'C', { low: 13, high: 18 }],
    [2, 'D', { low: 7, high: 12 }],
    [1, 'E', { low: 1, high: 6 }],
  ];
  for (const [min, band, range] of bands) if (ratioGte(avg, ratio(BigInt(min), 1n))) return { band, range };
  return { band: 'F', range: { low: 0, high: 0 } };
}

function transformationScore(input: HnteInput): HnteScoreItem {
  const counts = input.years.map((y) => y.resultsTransformed);
  const total = counts.reduce((s, c) => s + c, 0);
  const avg = ratio(BigInt(total), BigInt(counts.length));
  const { band, range } = transformationBand(avg);
  return {
    code: 'hnte.score.transformation',
    rule: HNTE_RULES.transformation,
    band,
    max: 30,
    range,
    steps: [
      {
        code: 'hnte.score.transformation.average',
        rule: HNTE_RULES.transformation,
        values: { perYear: counts.join(', '), years: String(counts.length) },
        formula: `{{average}} = (${counts.join(' + ')}) ÷ ${counts.length}; A ≥5 25–30, B ≥4 19–24, C ≥3 13–18, D ≥2 7–12, E ≥1 1–6, F 0`,
        result: `${formatRatioDecimal(avg, 2)} → ${band} ${range.low}–${range.high}`,
      },
    ],
  };
}

function rdManagementScore(input: HnteInput): HnteScoreItem {
  const m = input.innovation.rdManagement;
  const sum = m.system + m.institution + m.transformationIncentives + m.talent;
  return {
    code: 'hnte.score.rdManagement',
    rule: HNTE_RULES.rdManagement,
    band: 'self',
    max: 20,
    range: { low: sum, high: sum },
    steps: [
      {
        code: 'hnte.score.rdManagement.sum',
        rule: HNTE_RULES.rdManagement,
        values: {
          system: `${m.system}/6`,
          institution: `${m.institution}/6`,
          transformationIncentives: `${m.transformationIncentives}/4`,
          talent: `${m.talent}/4`,
        },
        formula: `${m.system} + ${m.institution} + ${m.transformationIncentives} + ${m.talent}`,
        result: String(sum),
      },
    ],
  };
}

export type GrowthRate =
  | { kind: 'threeYears' | 'lastTwoYears' | 'twoYears'; rate: Ratio }
  | { kind: 'secondYearZero' | 'insufficientYears' | 'nonPositiveBase'; rate: null };

/**
 * Growth rate per the guideline: ½ × (V2/V1 + V3/V2) − 1; first year zero → the last two
 * years (V3/V2 − 1); second year zero → 0 points; under three years of operation → the
 * actual period (two years: V2/V1 − 1). Non-positive bases are read as zero (decision 0100).
 */
export function growthRate(values: bigint[]): GrowthRate {
  if (values.length < 2) return { kind: 'insufficientYears', rate: null };
  if (values.length === 2) {
    const [v1, v2] = values;
    if (v1 <= 0n) return { kind: 'nonPositiveBase', rate: null };
    return { kind: 'twoYears', rate: ratio(v2 - v1, v1) };
  }
  const [v1, v2, v3] = values.slice(-3);
  if (v2 <= 0n) return { kind: 'secondYearZero', rate: null };
  if (v1 <= 0n) return { kind: 'lastTwoYears', rate: ratio(v3 - v2, v2) };
  // ½(V2/V1 + V3/V2) − 1 = (V2² + V1·V3 − 2·V1·V2) ÷ (2·V1·V2)
  return { kind: 'threeYears', rate: ratio(v2 * v2 + v1 * v3 - 2n * v1 * v2, 2n * v1 * v2) };
}

/** Growth band: ≥35% A 9–10, ≥25% B 7–8, ≥15% C 5–6, ≥5% D 3–4, >0 E 1–2, ≤0 F 0. */
export function growthBand(rate: Ratio | null): { band: string; range: ScoreRange } {
  if (rate === null) return { band: 'F', range: { low: 0, high: 0 } };
  const bands: [number, string, ScoreRange][] = [
    [35, 'A', { low: 9, high: 10 }],
    [25, 'B', { low: 7, high: 8 }],
    [15, 'C', { low: 5, high: 6 }],
    [5, 'D', { low: 3, high: 4 }],
  ];
  for (const [min, band, range] of bands) if (ratioGte(rate, pct(min))) return { band, range };
  if (ratioGt(rate, ratio(0n, 1n))) return { band: 'E', range: { low: 1, high: 2 } };
  return { band: 'F', range: { low: 0, high: 0 } };
}

function growthStep(
  code: PolicyMessageCode,
  values: bigint[],
  years: number[],
): [PolicyStep, ScoreRange, string] {
  const g = growthRate(values);
  const { band, range } = growthBand(g.rate);
  const vs = values.map(formatFen);
  const formula =
    g.kind === 'threeYears'
      ? `½ × (${vs[1]} ÷ ${vs[0]} + ${vs[2]} ÷ ${vs[1]}) − 1`
      : g.kind === 'lastTwoYears'
        ? `{{firstYearNonPositive}}: ${vs[2]} ÷ ${vs[1]} − 1`
        : g.kind === 'twoYears'
          ? `{{twoYearsOperation}}: ${vs[1]} ÷ ${vs[0]} − 1`
          : g.kind === 'secondYearZero'
            ? '{{secondYearNonPositive}}'
            : g.kind === 'nonPositiveBase'
              ? '{{firstYearNonPositiveTwoYears}}'
              : '{{fewerThanTwoYears}}';
  return [
    {
      code,
      rule: HNTE_RULES.growth,
      values: Object.fromEntries(years.map((y, i) => [String(y), vs[i]])),
      formula: `${formula}; ≥35% 9–10, ≥25% 7–8, ≥15% 5–6, ≥5% 3–4, >0 1–2, ≤0 0`,
      result: `${g.rate ? formatPercent(g.rate) : '—'} → ${band} ${range.low}–${range.high}`,
    },
    range,
    band,
  ];
}

function growthScore(input: HnteInput): HnteScoreItem {
  const years = input.years.map((y) => y.year);
  const [netStep, net, nb] = growthStep(
    'hnte.score.growth.netAssets',
    input.years.map((y) => y.netAssetsAtYearEnd),
    years,
  );
  const [salesStep, sales, sb] = growthStep(
    'hnte.score.growth.sales',
    input.years.map((y) => y.salesRevenue),
    years,
  );
  return {
    code: 'hnte.score.growth',
    rule: HNTE_RULES.growth,
    band: `${nb}${sb}`,
    max: 20,
    range: { low: net.low + sales.low, high: net.high + sales.high },
    steps: [netStep, salesStep],
  };
}

function innovation(input: HnteInput): [HnteInnovation, HnteCondition] {
  const items = [ipScore(input), transformationScore(input), rdManagementScore(input), growthScore(input)];
  const total = {
    low: items.reduce((s, i) => s + i.range.low, 0),
    high: items.reduce((s, i) => s + i.range.high, 0),
  };
  // “70分以上（不含70分）”: 70 fails.
  const passAtLow = total.low > 70;
  const passAtHigh = total.high > 70;
  const steps: PolicyStep[] = [
    {
      code: 'hnte.score.total',
      rule: HNTE_RULES.innovation,
      values: {
        ...Object.fromEntries(items.map((i) => [i.code, `${i.range.low}–${i.range.high}`])),
        low: String(total.low),
        high: String(total.high),
        passAtLow: yesNo(passAtLow),
        passAtHigh: yesNo(passAtHigh),
      },
      formula: `{{lowEnd}} ${items.map((i) => i.range.low).join(' + ')} = ${total.low}: ${passAtLow ? '{{passes}}' : '{{fails}}'}; {{highEnd}} ${items.map((i) => i.range.high).join(' + ')} = ${total.high}: ${passAtHigh ? '{{passes}}' : '{{fails}}'}; {{passAbove70}}`,
      result: `${total.low}–${total.high}`,
      met: passAtLow,
    },
  ];
  let expertAverage: string | null = null;
  let expertPass: boolean | null = null;
  const scores = input.innovation.expertScores;
  if (scores && scores.length > 0) {
    const sum = scores.reduce((s, x) => s + x, 0);
    const avg = ratio(BigInt(sum), BigInt(scores.length));
    expertAverage = formatRatioDecimal(avg, 2);
    expertPass = ratioGt(avg, ratio(70n, 1n));
    steps.push({
      code: 'hnte.score.experts',
      rule: HNTE_RULES.expertPanel,
      values: { experts: String(scores.length), scores: scores.join(', ') },
      formula: `(${scores.join(' + ')}) ÷ ${scores.length} > 70`,
      result: expertAverage,
      met: expertPass,
    });
  }
  const verdict: HnteVerdict =
    expertPass !== null ? verdictOf(expertPass) : passAtLow ? 'met' : passAtHigh ? 'depends' : 'notMet';
  return [
    { items, total, passAtLow, passAtHigh, expertAverage, expertPass },
    { code: 'hnte.innovation', rule: HNTE_RULES.innovation, verdict, steps },
  ];
}

// ---------------------------------------------------------------- (八) incidents

function checkIncidents(input: HnteInput): HnteCondition {
  const i = input.incidents;
  const met = !i.majorSafetyAccident && !i.majorQualityAccident && !i.seriousEnvironmentalViolation;
  return {
    code: 'hnte.incidents',
    rule: HNTE_RULES.incidents,
    verdict: verdictOf(met),
    steps: [
      {
        code: 'hnte.incidents.none',
        rule: HNTE_RULES.incidents,
        values: {
          majorSafetyAccident: yesNo(i.majorSafetyAccident),
          majorQualityAccident: yesNo(i.majorQualityAccident),
          seriousEnvironmentalViolation: yesNo(i.seriousEnvironmentalViolation),
        },
        formula: '{{noIncidentsRule}}',
        result: yesNo(met),
        met,
      },
    ],
  };
}

/** Runs every condition of 国科发火〔2016〕32号 Art. 11 on validated input and explains each. */
export function checkHnte(input: HnteInput): HnteResult {
  const [inno, innoCondition] = innovation(input);
  const conditions = [
    checkRegistration(input),
    checkIp(input),
    checkDomain(input),
    checkStaff(input),
    ...checkRd(input),
    checkHighTechIncome(input),
    innoCondition,
    checkIncidents(input),
  ];
  const verdict: HnteVerdict = conditions.some((c) => c.verdict === 'notMet')
    ? 'notMet'
    : conditions.some((c) => c.verdict === 'depends')
      ? 'depends'
      : 'met';
  return { verdict, conditions, innovation: inno };
}

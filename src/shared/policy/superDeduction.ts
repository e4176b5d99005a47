// R&D expense super-deduction (研发费用加计扣除) calculator, for tax years from 2023.
// Rules: 财政部 税务总局公告2023年第7号 (extra 100% / amortise at 200%), 公告2023年第44号
// (integrated-circuit and industrial mother machine enterprises, 2023–2027: 120% / 220%),
// 财税〔2015〕119号 (categories, excluded industries, contracted-out R&D at 80%), 国家税务总局公告
// 2015年第97号 (excluded-industry test), 公告2017年第40号 (special income, sold products' materials,
// government subsidies), 财税〔2018〕64号 (contracted overseas: 80%, ≤ ⅔ of domestic),
// 国家税务总局公告2021年第28号 (other related costs limited across all projects), and the
// 《研发费用加计扣除政策执行指引（2.0版）》. Pure; integer fen; every rounding is half up to the
// fen and happens once, on aggregates, so splitting an expense into lines never changes a result.
import type { PolicyMessageCode } from './policy.messages.ts';
import {
  divRoundHalfUp,
  formatFen,
  formatPercent,
  maxBig,
  minBig,
  mulRate,
  type PolicyStep,
  type Ratio,
  ratio,
  sumFen,
} from './policy.ts';

export const DEDUCTION_RULES = {
  general:
    '财政部 税务总局公告2023年第7号第一条：未形成无形资产的再按实际发生额100%加计扣除；形成无形资产的按成本200%摊销',
  icMotherMachine:
    '财政部 税务总局公告2023年第44号第一条：集成电路企业和工业母机企业2023年1月1日至2027年12月31日再按实际发生额120%加计扣除；形成无形资产的按成本220%摊销',
  excluded:
    '财税〔2015〕119号第四条（不适用加计扣除的行业）；国家税务总局公告2015年第97号第五条：主营业务收入占收入总额减除不征税收入和投资收益的余额50%（不含）以上',
  categories:
    '财税〔2015〕119号第一条第（一）项：人员人工、直接投入、折旧、无形资产摊销、新产品设计等四项费用、其他相关费用',
  otherLimit:
    '国家税务总局公告2021年第28号第二条：全部研发项目的其他相关费用限额＝五项费用之和×10%÷(1−10%)，与实际数孰小',
  contractedDomestic:
    '财税〔2015〕119号第二条第（二）项：委托外部研发按费用实际发生额的80%计入委托方研发费用',
  contractedOverseas:
    '财税〔2018〕64号第一条、第二条：委托境外研发按实际发生额80%计入，不超过境内符合条件的研发费用三分之二的部分可加计扣除；不包括委托境外个人',
  subsidies:
    '国家税务总局公告2015年第97号第二条第（五）项：作为不征税收入处理的财政性资金用于研发活动所形成的费用或无形资产，不得计算加计扣除或摊销（《企业所得税法实施条例》第二十八条）；国家税务总局公告2017年第40号（政府补助）：会计上直接冲减研发费用且税务上确认为应税收入的，不减少加计扣除基数',
  nonTaxableAmortisation:
    '国家税务总局公告2015年第97号第二条第（五）项；《企业所得税法实施条例》第二十八条：不征税收入用于支出所形成的资产，其计算的折旧、摊销不得扣除',
  specialIncome:
    '国家税务总局公告2017年第40号（特殊收入）：扣减下脚料、残次品、中间试制品等特殊收入；不足扣减的按零计算',
  materials:
    '国家税务总局公告2017年第40号（研发形成产品对外销售）；《研发费用加计扣除政策执行指引（2.0版）》：对应材料费用不得加计扣除，不足冲减的结转以后年度',
  amortisation:
    '《企业所得税法实施条例》第六十七条：无形资产按直线法摊销，年限不低于10年；当月投入使用当月起摊销（执行指引2.0）',
  taxSaved:
    '《企业所得税法》第四条、第二十八条：应纳税所得额减少额 × 适用税率（假定当年应纳税所得额足以抵扣）',
} as const;

export const DEDUCTION_CATEGORIES = [
  'personnel', // 人员人工费用
  'directInputs', // 直接投入费用
  'depreciation', // 折旧费用
  'intangibleAmortisation', // 无形资产摊销
  'newProductDesign', // 新产品设计费、新工艺规程制定费、新药研制的临床试验费、勘探开发技术的现场试验费
  'otherRelated', // 其他相关费用
] as const;
export type DeductionCategory = (typeof DEDUCTION_CATEGORIES)[number];
export const EXCLUDED_INDUSTRIES = [
  'tobacco', // 烟草制造业
  'accommodationCatering', // 住宿和餐饮业
  'wholesaleRetail', // 批发和零售业
  'realEstate', // 房地产业
  'leasingBusinessServices', // 租赁和商务服务业
  'entertainment', // 娱乐业
] as const;
export type ExcludedIndustry = (typeof EXCLUDED_INDUSTRIES)[number];
export const DEDUCTION_REGIMES = ['general', 'integratedCircuit', 'industrialMotherMachine'] as const;
export type DeductionRegime = (typeof DEDUCTION_REGIMES)[number];

export type DeductionProject = {
  id: string;
  name: string;
  /** Expensed R&D (未形成无形资产计入当期损益) by category. */
  lines: { category: DeductionCategory; amount: bigint }[];
  contracted: {
    amount: bigint;
    location: 'domestic' | 'overseas';
    recipient: 'organisation' | 'individual';
  }[];
  /**
   * Government subsidies. Non-taxable ones (taxable: false) reduce the base whatever the accounts do
   * (公告2015年第97号 二(五)); taxable ones never do (the amounts entered are gross R&D costs).
   */
  subsidies: { amount: bigint; accounting: 'netted' | 'income'; taxable: boolean }[];
};
export type DeductionIntangible = {
  id: string;
  /** Cost of the intangible asset formed by eligible R&D. */
  cost: bigint;
  /** Part of the cost funded by fiscal money treated as non-taxable income (不征税收入): no extra amortisation. */
  nonTaxableFunded: bigint;
  /** First month of amortisation, YYYY-MM. */
  inServiceFrom: string;
  usefulLifeYears: number;
};
export type DeductionInput = {
  taxYear: number;
  regime: DeductionRegime;
  /** Main business and its revenue in the tax year; industry 'other' when not an excluded one. */
  mainBusiness: { industry: ExcludedIndustry | 'other'; revenue: bigint };
  income: { totalIncome: bigint; nonTaxableIncome: bigint; investmentIncome: bigint };
  projects: DeductionProject[];
  specialIncome: bigint;
  soldProductMaterials: bigint;
  materialsCarriedForward: bigint;
  intangibles: DeductionIntangible[];
  /** Enterprise income tax rate, e.g. 25/100. */
  taxRate: Ratio;
};

export type DeductionFigures = {
  categories: Record<DeductionCategory, string>;
  fiveCategories: string;
  otherActual: string;
  otherLimit: string;
  otherCounted: string;
  ownEligible: string;
  contractedDomesticPaid: string;
  contractedDomesticEligible: string;
  subsidiesDeducted: string;
  domesticEligible: string;
  contractedOverseasPaid: string;
  contractedOverseasIneligible: string;
  contractedOverseasAt80: string;
  contractedOverseasLimit: string;
  contractedOverseasEligible: string;
  eligibleBeforeDeductions: string;
  specialIncomeDeducted: string;
  materialsDeducted: string;
  materialsCarryForward: string;
  expensedBase: string;
  expensedExtra: string;
  amortisationThisYear: string;
  amortisationNonTaxableFunded: string;
  amortisationEligible: string;
  capitalisedExtra: string;
  totalExtra: string;
  taxSaved: string;
};
export type DeductionResult = {
  taxYear: number;
  regime: DeductionRegime;
  excluded: boolean;
  /** Extra-deduction rate applied, e.g. "100%" (0% when the industry is excluded). */
  rate: string;
  otherCapApplied: boolean;
  overseasCapApplied: boolean;
  figures: DeductionFigures;
  intangibles: {
    id: string;
    cost: string;
    nonTaxableFunded: string;
    monthsThisYear: number;
    amortisationThisYear: string;
    /** The part of this year's amortisation that earns the extra rate (not funded by 不征税收入). */
    amortisationEligible: string;
  }[];
  steps: PolicyStep[];
};

/** The extra-deduction rate for a tax year and regime, with the rule that sets it. */
export function deductionRate(taxYear: number, regime: DeductionRegime): { rate: Ratio; rule: string } {
  if (regime !== 'general' && taxYear >= 2023 && taxYear <= 2027) {
    return { rate: ratio(120n, 100n), rule: DEDUCTION_RULES.icMotherMachine };
  }
  return { rate: ratio(100n, 100n), rule: DEDUCTION_RULES.general };
}

/** 财税〔2015〕119号 / 公告2015年第97号: excluded when an excluded industry's main-business revenue exceeds 50%. */
export function isExcludedIndustry(input: DeductionInput): { excluded: boolean; base: bigint } {
  const { totalIncome, nonTaxableIncome, investmentIncome } = input.income;
  const base = totalIncome - nonTaxableIncome - investmentIncome;
  const excluded = input.mainBusiness.industry !== 'other' && 2n * input.mainBusiness.revenue > base;
  return { excluded, base };
}

type Amortisable = Pick<DeductionIntangible, 'cost' | 'inServiceFrom' | 'usefulLifeYears'>;

/** Months of amortisation falling in the years up to and including `year` (capped at the useful life). */
function monthsThrough(asset: Amortisable, year: number): number {
  const [y, m] = asset.inServiceFrom.split('-').map(Number);
  const elapsed = year * 12 + 12 - (y * 12 + (m - 1));
  return Math.max(0, Math.min(asset.usefulLifeYears * 12, elapsed));
}

/** Straight-line amortisation in a tax year; cumulative rounding so the years sum exactly to the cost. */
export function amortisationInYear(asset: Amortisable, year: number): { months: number; amount: bigint } {
  const total = BigInt(asset.usefulLifeYears * 12);
  const upTo = BigInt(monthsThrough(asset, year));
  const before = BigInt(monthsThrough(asset, year - 1));
  const cum = (k: bigint) => divRoundHalfUp(asset.cost * k, total);
  return { months: Number(upTo - before), amount: cum(upTo) - cum(before) };
}

const pctText = (r: Ratio) => formatPercent(r, 0);

/** Computes the super-deduction for validated input, explaining each step. */
export function computeSuperDeduction(input: DeductionInput): DeductionResult {
  const steps: PolicyStep[] = [];
  const step = (
    code: PolicyMessageCode,
    rule: string,
    values: Record<string, string>,
    formula: string,
    result: string,
    met?: boolean,
  ) =>
    steps.push(
      met === undefined
        ? { code, rule, values, formula, result }
        : { code, rule, values, formula, result, met },
    );

  // 1. Rate and excluded industries.
  const { rate: nominal, rule: rateRule } = deductionRate(input.taxYear, input.regime);
  const { excluded, base: industryBase } = isExcludedIndustry(input);
  step(
    'deduction.industry',
    DEDUCTION_RULES.excluded,
    {
      industry: input.mainBusiness.industry,
      mainBusinessRevenue: formatFen(input.mainBusiness.revenue),
      totalIncome: formatFen(input.income.totalIncome),
      nonTaxableIncome: formatFen(input.income.nonTaxableIncome),
      investmentIncome: formatFen(input.income.investmentIncome),
    },
    input.mainBusiness.industry === 'other'
      ? '{{notExcludedIndustry}}'
      : `${formatFen(input.mainBusiness.revenue)} > 50% × (${formatFen(input.income.totalIncome)} − ${formatFen(input.income.nonTaxableIncome)} − ${formatFen(input.income.investmentIncome)} = ${formatFen(industryBase)})`,
    excluded ? 'excluded' : 'eligible',
    !excluded,
  );
  const rate = excluded ? ratio(0n, 1n) : nominal;
  step(
    'deduction.rate',
    rateRule,
    { taxYear: String(input.taxYear), regime: input.regime },
    excluded
      ? '{{excludedIndustry}}: 0%'
      : `{{expensedRd}} × ${pctText(nominal)}; {{amortiseAt}} ${pctText(ratio(nominal.num + nominal.den, nominal.den))} × {{cost}}`,
    pctText(rate),
  );

  // 2. Aggregate categories across all projects (公告2021年第28号: one limit for all projects).
  const cat = Object.fromEntries(DEDUCTION_CATEGORIES.map((c) => [c, 0n])) as Record<
    DeductionCategory,
    bigint
  >;
  for (const p of input.projects) for (const l of p.lines) cat[l.category] += l.amount;
  const five =
    cat.personnel + cat.directInputs + cat.depreciation + cat.intangibleAmortisation + cat.newProductDesign;
  step(
    'deduction.categories',
    DEDUCTION_RULES.categories,
    Object.fromEntries(DEDUCTION_CATEGORIES.map((c) => [c, formatFen(cat[c])])),
    `{{fiveCategories}} = ${[cat.personnel, cat.directInputs, cat.depreciation, cat.intangibleAmortisation, cat.newProductDesign].map(formatFen).join(' + ')}`,
    formatFen(five),
  );

  // 3. Other related costs: limit = five × 10% ÷ (1 − 10%) = five ÷ 9; the lower counts.
  const otherActual = cat.otherRelated;
  const otherCapApplied = 9n * otherActual > five;
  const otherLimit = divRoundHalfUp(five, 9n);
  const otherCounted = otherCapApplied ? otherLimit : otherActual;
  step(
    'deduction.otherLimit',
    DEDUCTION_RULES.otherLimit,
    { fiveCategories: formatFen(five), otherActual: formatFen(otherActual) },
    `{{limit}} = ${formatFen(five)} × 10% ÷ (1 − 10%) = ${formatFen(otherLimit)}; {{counted}} = min(${formatFen(otherActual)}, {{limit}})`,
    formatFen(otherCounted),
  );
  const ownEligible = five + otherCounted;

  // 4. Contracted-out R&D in China at 80%, then non-taxable subsidies however they were booked.
  const contracted = input.projects.flatMap((p) => p.contracted);
  const domPaid = sumFen(contracted.filter((c) => c.location === 'domestic').map((c) => c.amount));
  const domEligible = mulRate(domPaid, ratio(80n, 100n));
  step(
    'deduction.contractedDomestic',
    DEDUCTION_RULES.contractedDomestic,
    { paid: formatFen(domPaid) },
    `${formatFen(domPaid)} × 80%`,
    formatFen(domEligible),
  );
  const subsidies = sumFen(
    input.projects.flatMap((p) => p.subsidies.filter((s) => !s.taxable).map((s) => s.amount)),
  );
  const beforeSubsidy = ownEligible + domEligible;
  const domesticEligible = maxBig(0n, beforeSubsidy - subsidies);
  const subsidiesDeducted = beforeSubsidy - domesticEligible;
  step(
    'deduction.subsidies',
    DEDUCTION_RULES.subsidies,
    {
      ownEligible: formatFen(ownEligible),
      contractedDomesticEligible: formatFen(domEligible),
      nonTaxable: formatFen(subsidies),
    },
    `max(0, ${formatFen(ownEligible)} + ${formatFen(domEligible)} − ${formatFen(subsidies)})`,
    formatFen(domesticEligible),
  );

  // 5. Contracted overseas (organisations only): 80%, capped at ⅔ of domestic eligible R&D.
  const overseas = contracted.filter((c) => c.location === 'overseas');
  const ovPaid = sumFen(overseas.filter((c) => c.recipient === 'organisation').map((c) => c.amount));
  const ovIneligible = sumFen(overseas.filter((c) => c.recipient === 'individual').map((c) => c.amount));
  const ov80 = mulRate(ovPaid, ratio(80n, 100n));
  const overseasCapApplied = 3n * ov80 > 2n * domesticEligible;
  const ovLimit = divRoundHalfUp(2n * domesticEligible, 3n);
  const ovEligible = overseasCapApplied ? ovLimit : ov80;
  step(
    'deduction.contractedOverseas',
    DEDUCTION_RULES.contractedOverseas,
    {
      paidToOrganisations: formatFen(ovPaid),
      paidToIndividuals: formatFen(ovIneligible),
      domesticEligible: formatFen(domesticEligible),
    },
    `min(${formatFen(ovPaid)} × 80% = ${formatFen(ov80)}, ${formatFen(domesticEligible)} × ⅔ = ${formatFen(ovLimit)})`,
    formatFen(ovEligible),
  );

  // 6. Special income, then materials of sold products (the shortfall carries forward).
  const eligible = domesticEligible + ovEligible;
  const afterSpecial = maxBig(0n, eligible - input.specialIncome);
  const specialDeducted = eligible - afterSpecial;
  step(
    'deduction.specialIncome',
    DEDUCTION_RULES.specialIncome,
    { eligible: formatFen(eligible), specialIncome: formatFen(input.specialIncome) },
    `max(0, ${formatFen(eligible)} − ${formatFen(input.specialIncome)})`,
    formatFen(afterSpecial),
  );
  const materials = input.soldProductMaterials + input.materialsCarriedForward;
  const materialsDeducted = minBig(afterSpecial, materials);
  const materialsCarryForward = materials - materialsDeducted;
  const expensedBase = afterSpecial - materialsDeducted;
  step(
    'deduction.materials',
    DEDUCTION_RULES.materials,
    {
      soldProductMaterials: formatFen(input.soldProductMaterials),
      carriedForward: formatFen(input.materialsCarriedForward),
    },
    `${formatFen(afterSpecial)} − min(${formatFen(afterSpecial)}, ${formatFen(materials)}); {{carriedForward}} ${formatFen(materialsCarryForward)}`,
    formatFen(expensedBase),
  );
  const expensedExtra = mulRate(expensedBase, rate);
  step(
    'deduction.expensedExtra',
    rateRule,
    { base: formatFen(expensedBase) },
    `${formatFen(expensedBase)} × ${pctText(rate)}`,
    formatFen(expensedExtra),
  );

  // 7. Capitalised R&D: the year's straight-line amortisation, plus the extra rate on it. The part
  // of an intangible's cost funded by non-taxable fiscal money earns no extra (公告2015年第97号 二(五));
  // its amortisation is that of the funded part, computed like any cost so the years add up.
  const intangibles = input.intangibles.map((a) => {
    const { months, amount } = amortisationInYear(a, input.taxYear);
    const eligible = amortisationInYear({ ...a, cost: a.cost - a.nonTaxableFunded }, input.taxYear).amount;
    step(
      'deduction.amortisation',
      a.nonTaxableFunded > 0n
        ? `${DEDUCTION_RULES.amortisation}；${DEDUCTION_RULES.nonTaxableAmortisation}`
        : DEDUCTION_RULES.amortisation,
      {
        id: a.id,
        cost: formatFen(a.cost),
        nonTaxableFunded: formatFen(a.nonTaxableFunded),
        inServiceFrom: a.inServiceFrom,
        usefulLifeYears: String(a.usefulLifeYears),
      },
      `${formatFen(a.cost)} × ${months} ÷ ${a.usefulLifeYears * 12} {{months}} = ${formatFen(amount)} {{cumulativeRounded}}; {{eligiblePart}} (${formatFen(a.cost)} − ${formatFen(a.nonTaxableFunded)}) × ${months} ÷ ${a.usefulLifeYears * 12}`,
      formatFen(eligible),
    );
    return { a, months, amount, eligible };
  });
  const amortisation = sumFen(intangibles.map((x) => x.amount));
  const amortisationEligible = sumFen(intangibles.map((x) => x.eligible));
  const capitalisedExtra = mulRate(amortisationEligible, rate);
  step(
    'deduction.capitalisedExtra',
    rateRule,
    {
      amortisation: formatFen(amortisation),
      nonTaxableFunded: formatFen(amortisation - amortisationEligible),
      eligible: formatFen(amortisationEligible),
    },
    `${formatFen(amortisationEligible)} × ${pctText(rate)}`,
    formatFen(capitalisedExtra),
  );

  // 8. Total extra deduction and the tax it saves at the given rate.
  const totalExtra = expensedExtra + capitalisedExtra;
  step(
    'deduction.totalExtra',
    rateRule,
    {},
    `${formatFen(expensedExtra)} + ${formatFen(capitalisedExtra)}`,
    formatFen(totalExtra),
  );
  const taxSaved = mulRate(totalExtra, input.taxRate);
  step(
    'deduction.taxSaved',
    DEDUCTION_RULES.taxSaved,
    { taxRate: formatPercent(input.taxRate, 2) },
    `${formatFen(totalExtra)} × ${formatPercent(input.taxRate, 2)}`,
    formatFen(taxSaved),
  );

  return {
    taxYear: input.taxYear,
    regime: input.regime,
    excluded,
    rate: pctText(rate),
    otherCapApplied,
    overseasCapApplied,
    figures: {
      categories: Object.fromEntries(DEDUCTION_CATEGORIES.map((c) => [c, formatFen(cat[c])])) as Record<
        DeductionCategory,
        string
      >,
      fiveCategories: formatFen(five),
      otherActual: formatFen(otherActual),
      otherLimit: formatFen(otherLimit),
      otherCounted: formatFen(otherCounted),
      ownEligible: formatFen(ownEligible),
      contractedDomesticPaid: formatFen(domPaid),
      contractedDomesticEligible: formatFen(domEligible),
      subsidiesDeducted: formatFen(subsidiesDeducted),
      domesticEligible: formatFen(domesticEligible),
      contractedOverseasPaid: formatFen(ovPaid),
      contractedOverseasIneligible: formatFen(ovIneligible),
      contractedOverseasAt80: formatFen(ov80),
      contractedOverseasLimit: formatFen(ovLimit),
      contractedOverseasEligible: formatFen(ovEligible),
      eligibleBeforeDeductions: formatFen(eligible),
      specialIncomeDeducted: formatFen(specialDeducted),
      materialsDeducted: formatFen(materialsDeducted),
      materialsCarryForward: formatFen(materialsCarryForward),
      expensedBase: formatFen(expensedBase),
      expensedExtra: formatFen(expensedExtra),
      amortisationThisYear: formatFen(amortisation),
      amortisationNonTaxableFunded: formatFen(amortisation - amortisationEligible),
      amortisationEligible: formatFen(amortisationEligible),
      capitalisedExtra: formatFen(capitalisedExtra),
      totalExtra: formatFen(totalExtra),
      taxSaved: formatFen(taxSaved),
    },
    intangibles: intangibles.map(({ a, months, amount, eligible }) => ({
      id: a.id,
      cost: formatFen(a.cost),
      nonTaxableFunded: formatFen(a.nonTaxableFunded),
      monthsThisYear: months,
      amortisationThisYear: formatFen(amount),
      amortisationEligible: formatFen(eligible),
    })),
    steps,
  };
}

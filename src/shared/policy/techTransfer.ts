// Enterprise income tax on technology-transfer income (技术转让所得). Rules: 企业所得税法第二十七条
// 第（四）项 and 实施条例第九十条 (up to 5,000,000 yuan a year exempt, the excess taxed at half),
// 国税函〔2009〕212号 (income = revenue − costs − related taxes), 财税〔2010〕111号 (which technologies,
// contract registration, no 100%-related parties), 财税〔2015〕116号 and 国家税务总局公告2015年第82号
// (non-exclusive licences of five years or more; licence income also bears apportioned period
// expenses), and the Zhongguancun pilot 财税〔2020〕61号 (20,000,000 yuan). Pure; integer fen; the tax is
// rounded half up to the fen once, so the result never depends on how contracts are split.
import type { PolicyMessageCode } from './policy.messages.ts';
import {
  Dec,
  formatFen,
  formatPercent,
  formatYuanExact,
  maxBig,
  minBig,
  mulRate,
  type PolicyStep,
  type Ratio,
  ratio,
  sumFen,
} from './policy.ts';

export const TRANSFER_RULES = {
  exemption:
    '《企业所得税法》第二十七条第（四）项；《企业所得税法实施条例》第九十条：一个纳税年度内，居民企业技术转让所得不超过500万元的部分，免征企业所得税；超过500万元的部分，减半征收企业所得税',
  zhongguancun:
    '财税〔2020〕61号第一条：在中关村国家自主创新示范区特定区域内注册的居民企业，符合条件的技术转让所得，在一个纳税年度内不超过2000万元的部分，免征企业所得税；超过2000万元部分，减半征收企业所得税（自2020年1月1日起执行）',
  income:
    '国税函〔2009〕212号第三条：技术转让所得＝技术转让收入－技术转让成本－相关税费；技术转让成本为无形资产的净值，相关税费不含企业所得税和允许抵扣的增值税',
  licenceExpenses:
    '国家税务总局公告2015年第82号第二条：转让许可使用权的，技术转让所得＝技术许可使用权收入－无形资产摊销费用－相关税费－应分摊期间费用',
  scope:
    '财税〔2010〕111号第一条、第二条：专利技术、计算机软件著作权、集成电路布图设计权、植物新品种、生物医药新品种及财政部和国家税务总局确定的其他技术，所有权转让或5年以上（含）全球独占许可使用权转让；境内转让须经省级以上科技部门认定登记，跨境转让须经省级以上商务部门认定登记',
  nonExclusive:
    '财税〔2015〕116号第二条：自2015年10月1日起，全国范围内的居民企业转让5年以上非独占许可使用权取得的技术转让所得，纳入享受企业所得税优惠的技术转让所得范围',
  relatedParty:
    '财税〔2010〕111号第四条：居民企业取得禁止出口和限制出口技术转让所得，以及从直接或间接持有股权之和达到100%的关联方取得的技术转让所得，不享受技术转让减免企业所得税优惠政策',
  aggregate:
    '《企业所得税法实施条例》第九十条“一个纳税年度内”：全年符合条件的技术转让所得合并计算，限额按年适用',
  tax: '《企业所得税法》第四条：应纳税额＝应纳税所得额×适用税率；减半征收即超过限额部分的所得按50%计入（《企业所得税年度纳税申报表》A107020）',
} as const;

export const TRANSFER_REGIMES = ['general', 'zhongguancun'] as const;
export type TransferRegime = (typeof TRANSFER_REGIMES)[number];

export const TRANSFER_TECHNOLOGIES = [
  'patent', // 专利技术（含国防专利）
  'softwareCopyright', // 计算机软件著作权
  'icLayoutDesign', // 集成电路布图设计权
  'plantVariety', // 植物新品种
  'biomedVariety', // 生物医药新品种
  'otherDesignated', // 财政部和国家税务总局确定的其他技术
  'other', // 其他（例如技术秘密、商标）：不属于优惠范围
] as const;
export type TransferTechnology = (typeof TRANSFER_TECHNOLOGIES)[number];

export const TRANSFER_MODES = [
  'ownership', // 所有权转让
  'exclusiveLicence5y', // 5年以上（含）全球独占许可使用权
  'nonExclusiveLicence5y', // 5年以上（含）非独占许可使用权（财税〔2015〕116号）
  'shortLicence', // 不足5年的许可：不属于优惠范围
] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

export type TransferItem = {
  id: string;
  name: string;
  technology: TransferTechnology;
  mode: TransferMode;
  /** 技术转让收入 (excluding VAT). */
  revenue: bigint;
  /** 技术转让成本: net value of the intangible, or its amortisation for a licence. */
  costs: bigint;
  /** 相关税费: taxes and surcharges other than income tax and deductible VAT. */
  relatedTaxes: bigint;
  /** 应分摊期间费用, for licences (公告2015年第82号); 0 for an ownership transfer. */
  periodExpenses: bigint;
  /** Contract registered with the science (domestic) or commerce (cross-border) department. */
  registered: boolean;
  /** The buyer holds, or is held by, the seller at 100% (directly or indirectly). */
  fullyOwnedRelatedParty: boolean;
  /** Technology whose export is prohibited or restricted. */
  exportRestricted: boolean;
};

export type TransferInput = {
  taxYear: number;
  regime: TransferRegime;
  transfers: TransferItem[];
  /** Enterprise income tax rate, e.g. 25/100 (15/100 for an HNTE). */
  taxRate: Ratio;
};

export type TransferResult = {
  taxYear: number;
  regime: TransferRegime;
  threshold: string;
  items: { id: string; eligible: boolean; reasons: TransferIneligibility[]; income: string }[];
  figures: {
    eligibleIncome: string;
    exemptIncome: string;
    excessIncome: string;
    /** Half of the excess, exact (may carry half a fen): the income that bears tax. */
    taxableIncome: string;
    tax: string;
    normalTax: string;
    taxSaved: string;
    ineligibleIncome: string;
  };
  steps: PolicyStep[];
};

export type TransferIneligibility =
  | 'technology'
  | 'shortLicence'
  | 'notRegistered'
  | 'relatedParty'
  | 'exportRestricted';

const YUAN = 100n;
/** Annual exempt amount per regime, in fen. */
export const TRANSFER_THRESHOLDS: Record<TransferRegime, bigint> = {
  general: 5_000_000n * YUAN,
  zhongguancun: 20_000_000n * YUAN,
};

/** Why an item does not qualify under 财税〔2010〕111号 / 〔2015〕116号; empty when it does. */
export function transferIneligibility(item: TransferItem): TransferIneligibility[] {
  const out: TransferIneligibility[] = [];
  if (item.technology === 'other') out.push('technology');
  if (item.mode === 'shortLicence') out.push('shortLicence');
  if (!item.registered) out.push('notRegistered');
  if (item.fullyOwnedRelatedParty) out.push('relatedParty');
  if (item.exportRestricted) out.push('exportRestricted');
  return out;
}

/** 国税函〔2009〕212号: revenue − costs − related taxes (− apportioned period expenses for a licence). */
export const transferItemIncome = (i: TransferItem): bigint =>
  i.revenue - i.costs - i.relatedTaxes - i.periodExpenses;

/** Computes the tax on a year's technology-transfer income, explaining each step. */
export function computeTechTransfer(input: TransferInput): TransferResult {
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

  // 1. Each contract: does it qualify, and what is its income.
  const items = input.transfers.map((t) => {
    const reasons = transferIneligibility(t);
    const income = transferItemIncome(t);
    const eligible = reasons.length === 0;
    step(
      'transfer.eligibility',
      t.mode === 'nonExclusiveLicence5y'
        ? `${TRANSFER_RULES.scope}；${TRANSFER_RULES.nonExclusive}`
        : reasons.includes('relatedParty') || reasons.includes('exportRestricted')
          ? TRANSFER_RULES.relatedParty
          : TRANSFER_RULES.scope,
      {
        id: t.id,
        technology: t.technology,
        mode: t.mode,
        registered: t.registered ? 'yes' : 'no',
        fullyOwnedRelatedParty: t.fullyOwnedRelatedParty ? 'yes' : 'no',
        exportRestricted: t.exportRestricted ? 'yes' : 'no',
      },
      eligible
        ? '{{qualifyingTransfer}}'
        : `{{notQualifying}}: ${reasons.map((x) => `{{transfer.reason.${x}}}`).join(', ')}`,
      eligible ? 'eligible' : 'ineligible',
      eligible,
    );
    const licence = t.mode !== 'ownership';
    step(
      'transfer.itemIncome',
      licence && t.periodExpenses > 0n
        ? `${TRANSFER_RULES.income}；${TRANSFER_RULES.licenceExpenses}`
        : TRANSFER_RULES.income,
      {
        id: t.id,
        revenue: formatFen(t.revenue),
        costs: formatFen(t.costs),
        relatedTaxes: formatFen(t.relatedTaxes),
        periodExpenses: formatFen(t.periodExpenses),
      },
      `${formatFen(t.revenue)} − ${formatFen(t.costs)} − ${formatFen(t.relatedTaxes)}${t.periodExpenses > 0n ? ` − ${formatFen(t.periodExpenses)}` : ''}`,
      formatFen(income),
    );
    return { t, reasons, income, eligible };
  });

  // 2. The year's qualifying income, all contracts together (losses net against gains).
  const eligibleIncome = sumFen(items.filter((i) => i.eligible).map((i) => i.income));
  const ineligibleIncome = sumFen(items.filter((i) => !i.eligible).map((i) => i.income));
  step(
    'transfer.total',
    TRANSFER_RULES.aggregate,
    {
      contracts: String(items.filter((i) => i.eligible).length),
      ineligibleIncome: formatFen(ineligibleIncome),
    },
    items.some((i) => i.eligible)
      ? items
          .filter((i) => i.eligible)
          .map((i) => formatFen(i.income))
          .join(' + ')
      : '{{noQualifyingContract}}',
    formatFen(eligibleIncome),
  );

  // 3. Exempt up to the threshold; the excess at half.
  const threshold = TRANSFER_THRESHOLDS[input.regime];
  const thresholdRule =
    input.regime === 'zhongguancun' ? TRANSFER_RULES.zhongguancun : TRANSFER_RULES.exemption;
  const exempt = minBig(maxBig(eligibleIncome, 0n), threshold);
  const excess = maxBig(eligibleIncome - threshold, 0n);
  step(
    'transfer.exempt',
    thresholdRule,
    { income: formatFen(eligibleIncome), threshold: formatFen(threshold) },
    eligibleIncome <= 0n
      ? `${formatFen(eligibleIncome)} ≤ 0: {{nothingToExempt}}`
      : `min(${formatFen(eligibleIncome)}, ${formatFen(threshold)})`,
    formatFen(exempt),
  );
  const taxable = new Dec(excess.toString()).div(200); // yuan, exact: excess fen ÷ 100 × 50%
  step(
    'transfer.halfTaxed',
    thresholdRule,
    { income: formatFen(eligibleIncome), threshold: formatFen(threshold) },
    `max(0, ${formatFen(eligibleIncome)} − ${formatFen(threshold)}) × 50% = ${formatFen(excess)} × 50%`,
    formatYuanExact(taxable),
  );

  // 4. The tax, rounded once: excess × rate × 50%; against the tax without the preference.
  const rate = input.taxRate;
  const tax = mulRate(excess, ratio(rate.num, 2n * rate.den));
  const rateText = formatPercent(rate, 2);
  step(
    'transfer.tax',
    TRANSFER_RULES.tax,
    { taxRate: rateText, excess: formatFen(excess) },
    `${formatFen(excess)} × ${rateText} × 50%`,
    formatFen(tax),
  );
  const normalTax = mulRate(maxBig(eligibleIncome, 0n), rate);
  step(
    'transfer.normalTax',
    TRANSFER_RULES.tax,
    { taxRate: rateText, income: formatFen(eligibleIncome) },
    `max(0, ${formatFen(eligibleIncome)}) × ${rateText}`,
    formatFen(normalTax),
  );
  const taxSaved = normalTax - tax;
  step(
    'transfer.taxSaved',
    thresholdRule,
    {},
    `${formatFen(normalTax)} − ${formatFen(tax)}`,
    formatFen(taxSaved),
  );

  return {
    taxYear: input.taxYear,
    regime: input.regime,
    threshold: formatFen(threshold),
    items: items.map((i) => ({
      id: i.t.id,
      eligible: i.eligible,
      reasons: i.reasons,
      income: formatFen(i.income),
    })),
    figures: {
      eligibleIncome: formatFen(eligibleIncome),
      exemptIncome: formatFen(exempt),
      excessIncome: formatFen(excess),
      taxableIncome: formatYuanExact(taxable),
      tax: formatFen(tax),
      normalTax: formatFen(normalTax),
      taxSaved: formatFen(taxSaved),
      ineligibleIncome: formatFen(ineligibleIncome),
    },
    steps,
  };
}

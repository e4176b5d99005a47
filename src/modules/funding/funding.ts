import { type Msg, t } from '../../i18n/messages.ts';
// Pure rules of trust-and-performance funding: the call's negative list and budget rules, the
// tranche schedule read from a task book, the performance grade at closing, the declared trust
// rule that turns a track record into a reporting interval, and the burden meter's summary.
// No I/O: the service feeds these with rows it has loaded (and locked).

export const CATEGORIES = ['equipment', 'operational', 'labour', 'indirect'] as const;
export type Category = (typeof CATEGORIES)[number];

export type BudgetMode = 'lump_sum' | 'categorised';
export type SurplusRule = 'return' | 'retain_if_accepted';

export interface NegativeItem {
  code: string;
  labelZh: string;
  labelEn: string;
  /** Words that, found in an expense description, put the line on this item. */
  keywords: string[];
}

/** The default negative list: spending that is never allowed from these funds. */
export const DEFAULT_NEGATIVE_LIST: NegativeItem[] = [
  {
    code: 'entertainment',
    labelZh: '业务招待与宴请',
    labelEn: 'entertainment and banquets',
    keywords: ['宴请', '招待', '宴席', 'banquet', 'entertainment'],
  },
  {
    code: 'gifts',
    labelZh: '礼品与购物卡',
    labelEn: 'gifts and shopping cards',
    keywords: ['礼品', '购物卡', 'gift'],
  },
  {
    code: 'fines',
    labelZh: '罚款与滞纳金',
    labelEn: 'fines and late fees',
    keywords: ['罚款', '滞纳金', 'fine', 'penalty'],
  },
  {
    code: 'personal',
    labelZh: '个人与家庭消费',
    labelEn: 'personal and household consumption',
    keywords: ['个人消费', '家庭', 'personal'],
  },
  {
    code: 'vehicles',
    labelZh: '购置车辆',
    labelEn: 'purchase of vehicles',
    keywords: ['购车', '车辆购置', 'vehicle purchase'],
  },
  {
    code: 'donations',
    labelZh: '捐赠与赞助',
    labelEn: 'donations and sponsorship',
    keywords: ['捐赠', '赞助', 'donation', 'sponsorship'],
  },
];

export interface CallRules {
  budgetMode: BudgetMode;
  /** Indirect costs at most this percentage of direct costs (categorised budgets). */
  indirectCapPct: number;
  negativeList: NegativeItem[];
  surplus: SurplusRule;
}

export const DEFAULT_RULES: CallRules = {
  budgetMode: 'lump_sum',
  indirectCapPct: 50,
  negativeList: DEFAULT_NEGATIVE_LIST,
  surplus: 'retain_if_accepted',
};

export interface ExpenseLine {
  category: Category;
  kind: string;
  description: string;
  amountFen: number;
}

export interface Refusal {
  field: string;
  message: Msg;
}

/** Why an expense line falls on the call's negative list (null: it does not). `at` prefixes the field. */
export function negativeListHit(
  line: Pick<ExpenseLine, 'kind' | 'description'>,
  list: NegativeItem[],
  at: string,
): Refusal | null {
  for (const item of list) {
    if (line.kind === item.code)
      return {
        field: `${at}.kind`,
        message: t('funding.negativeListItem', { labelZh: item.labelZh, labelEn: item.labelEn }),
      };
  }
  const text = line.description.toLowerCase();
  for (const item of list) {
    const word = item.keywords.find((k) => k && text.includes(k.toLowerCase()));
    if (word)
      return {
        field: `${at}.description`,
        message: t('funding.negativeListWord', { word, labelZh: item.labelZh, labelEn: item.labelEn }),
      };
  }
  return null;
}

export type CategoryBudget = Record<Category, number>;
export type Budget =
  | { mode: 'lump_sum'; totalFen: number }
  | { mode: 'categorised'; categories: CategoryBudget };

/** Check a budget against the award amount and the call's indirect-cost cap. */
export function budgetProblem(b: Budget, amountFen: number, rules: CallRules): Refusal | null {
  if (b.mode !== rules.budgetMode)
    return {
      field: 'budget.mode',
      message: t('funding.budgetMode', {
        value: rules.budgetMode === 'lump_sum' ? 'lump-sum (包干制)' : 'categorised',
      }),
    };
  if (b.mode === 'lump_sum') {
    if (b.totalFen !== amountFen)
      return { field: 'budget.totalFen', message: t('funding.mustEqualAward', { amountFen }) };
    return null;
  }
  const c = b.categories;
  const total = CATEGORIES.reduce((a, k) => a + c[k], 0);
  if (total !== amountFen)
    return {
      field: 'budget.categories',
      message: t('funding.categoriesSum', { total, amountFen }),
    };
  const direct = c.equipment + c.operational + c.labour;
  const cap = Math.floor((direct * rules.indirectCapPct) / 100);
  if (c.indirect > cap)
    return {
      field: 'budget.categories.indirect',
      message: t('funding.indirectCap', { indirectCapPct: rules.indirectCapPct, cap }),
    };
  return null;
}

export interface PlannedTranche {
  no: number;
  label: string;
  amountFen: number;
  condition: 'signing' | 'milestone';
  milestoneNo: number | null;
}

/**
 * The schedule from a task book's tranches: the first is paid on signing, the i-th after it when
 * milestone i−1 (0-based, as milestone reports number them) is accepted. A race's task book has no
 * schedule of its own: its releases come from the race's gates.
 */
export function scheduleFromTaskBook(
  tranches: { label: string; amountFen: number }[],
  race: boolean,
): PlannedTranche[] {
  if (race) return [];
  return tranches.map((t, i) => ({
    no: i,
    label: t.label,
    amountFen: t.amountFen,
    condition: i === 0 ? 'signing' : 'milestone',
    milestoneNo: i === 0 ? null : i - 1,
  }));
}

export type Grade = 'A' | 'B' | 'C';

export interface PerformanceInput {
  outcome: string;
  targetsMet: number;
  targetsTotal: number;
  amountFen: number;
  releasedFen: number;
  spentFen: number;
  integrityClean: boolean;
}

/**
 * The declared grade: C for misconduct or an integrity finding; A for an accepted task with every
 * target met; B otherwise (accepted with some optional target missed, or an honest failure, which
 * is never punished like misconduct).
 */
export function grade(p: PerformanceInput): { grade: Grade; reasons: string[] } {
  const reasons: string[] = [];
  if (!p.integrityClean) reasons.push('integrity finding against the commander or host institution');
  if (p.outcome === 'misconduct') reasons.push('closed for misconduct');
  if (reasons.length) return { grade: 'C', reasons };
  if (p.outcome === 'accepted' && p.targetsMet === p.targetsTotal)
    return { grade: 'A', reasons: [`accepted; ${p.targetsMet}/${p.targetsTotal} targets met`] };
  if (p.outcome === 'accepted')
    return { grade: 'B', reasons: [`accepted; ${p.targetsMet}/${p.targetsTotal} targets met`] };
  return {
    grade: 'B',
    reasons: [`${p.outcome.replace('_', ' ')}; ${p.targetsMet}/${p.targetsTotal} targets met`],
  };
}

export interface TrackItem {
  grade: Grade;
  integrityClean: boolean;
}

/** The trust rule, declared as data so the UI and the API show exactly what is applied. */
export const TRUST_RULE = {
  trustedMinRecords: 2,
  intervals: { trusted: 12, standard: 6, watched: 3 },
  textZh:
    '依托单位已有不少于 2 条绩效记录、全部为 A 且无科研诚信问题：每 12 个月报告一次；有 C 级记录或诚信问题：每 3 个月；其他：每 6 个月。',
  textEn:
    'An institution with at least 2 performance records, all graded A and without integrity findings, reports every 12 months; one with a C grade or an integrity finding every 3 months; everyone else every 6 months.',
} as const;

export type TrustLevel = 'trusted' | 'standard' | 'watched';

/** How often a team of an institution with this track record reports, and why. */
export function reportingInterval(track: TrackItem[]): { level: TrustLevel; months: number; reason: string } {
  const { intervals, trustedMinRecords } = TRUST_RULE;
  if (track.some((t) => t.grade === 'C' || !t.integrityClean))
    return {
      level: 'watched',
      months: intervals.watched,
      reason: 'a C grade or an integrity finding on record',
    };
  if (track.length >= trustedMinRecords && track.every((t) => t.grade === 'A'))
    return { level: 'trusted', months: intervals.trusted, reason: `${track.length} records, all graded A` };
  return {
    level: 'standard',
    months: intervals.standard,
    reason: track.length ? `${track.length} record(s), not all graded A` : 'no track record yet',
  };
}

export interface BurdenRow {
  form: string;
  fieldsTotal: number;
  fieldsPrefilled: number;
  documents: number;
  seconds: number;
}

export interface BurdenSummary {
  form: string;
  submissions: number;
  avgFieldsByHand: number;
  avgFieldsPrefilled: number;
  avgDocuments: number;
  medianSeconds: number;
  prefilledShare: number;
}

/** Per form: averages of fields filled by hand and pre-filled, documents asked, median time open → submit. */
export function summariseBurden(rows: BurdenRow[]): BurdenSummary[] {
  const by = new Map<string, BurdenRow[]>();
  for (const r of rows) by.set(r.form, [...(by.get(r.form) ?? []), r]);
  const avg = (xs: number[]) => Math.round((xs.reduce((a, x) => a + x, 0) / xs.length) * 10) / 10;
  return [...by]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([form, rs]) => {
      const secs = rs.map((r) => r.seconds).sort((a, b) => a - b);
      const mid = secs.length >> 1;
      const total = rs.reduce((a, r) => a + r.fieldsTotal, 0);
      return {
        form,
        submissions: rs.length,
        avgFieldsByHand: avg(rs.map((r) => r.fieldsTotal - r.fieldsPrefilled)),
        avgFieldsPrefilled: avg(rs.map((r) => r.fieldsPrefilled)),
        avgDocuments: avg(rs.map((r) => r.documents)),
        medianSeconds: secs.length % 2 ? secs[mid] : Math.round((secs[mid - 1] + secs[mid]) / 2),
        prefilledShare: total
          ? Math.round((rs.reduce((a, r) => a + r.fieldsPrefilled, 0) / total) * 1000) / 1000
          : 0,
      };
    });
}

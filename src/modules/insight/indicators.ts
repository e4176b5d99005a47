// R&D indicators, pure: the import file's rows, and exact figures from them. Amounts are decimals
// with at most four places (亿元), held as integers of 1/10000 (bigint), so intensities, shares and
// growth are exact ratios of integers rounded once, half up, to the places shown.
import { type Msg, t } from '../../i18n/messages.ts';
import './insight.messages.ts';

export const DIMENSIONS = ['province', 'industry'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const INDICATOR_COLUMNS = [
  'dimension',
  'code',
  'name_zh',
  'name_en',
  'year',
  'rd_expenditure',
  'output',
  'rd_personnel',
] as const;
export const REQUIRED_COLUMNS = ['dimension', 'code', 'name_zh', 'year', 'rd_expenditure', 'output'] as const;

/** Places shown for percentages (intensity, share, growth). */
export const PERCENT_PLACES = 2;
const SCALE = 4;
const UNIT = 10n ** BigInt(SCALE);

const DECIMAL = /^\d{1,16}(\.\d{1,4})?$/;
const PROVINCE = /^\d{2}0000$/;
const INDUSTRY = /^[A-T](\d{2,4})?$/;

/** The decimal text as an integer of 1/10000. */
export function toUnits(text: string): bigint {
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole) * UNIT + BigInt(frac.padEnd(SCALE, '0').slice(0, SCALE));
}

/** An integer of 1/10000 as decimal text, trailing zeros dropped ("2843.3"). */
export function fromUnits(u: bigint): string {
  const neg = u < 0n;
  const a = neg ? -u : u;
  const frac = (a % UNIT).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${a / UNIT}${frac ? `.${frac}` : ''}`;
}

/** num/den × 100 rounded half up (away from zero) to `places`, as text with exactly that many places. */
export function percent(num: bigint, den: bigint, places = PERCENT_PLACES): string {
  if (den === 0n) throw new RangeError('division by zero');
  let n = num * 100n * 10n ** BigInt(places);
  let d = den;
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + d) / (2n * d);
  const s = q.toString().padStart(places + 1, '0');
  const body = places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
  return neg && q !== 0n ? `-${body}` : body;
}

export interface IndicatorRow {
  row: number;
  dimension: Dimension;
  code: string;
  nameZh: string;
  nameEn: string;
  year: number;
  rdExpenditure: string;
  output: string;
  rdPersonnel: string | null;
}

export interface RowProblem {
  row: number;
  field: string;
  reason: Msg;
}

/** Validates the file's records (row numbers as in the spreadsheet: the header is row 1). */
export function validateIndicatorRecords(records: Record<string, string>[]): {
  rows: IndicatorRow[];
  errors: RowProblem[];
} {
  const rows: IndicatorRow[] = [];
  const errors: RowProblem[] = [];
  const seen = new Map<string, number>();
  records.forEach((rec, i) => {
    const row = i + 2;
    if (Object.values(rec).every((v) => !v)) return;
    const bad: RowProblem[] = [];
    const err = (field: string, reason: Msg) => bad.push({ row, field, reason });
    const dimension = rec.dimension as Dimension;
    if (!DIMENSIONS.includes(dimension)) err('dimension', t('insight.ind.dimension'));
    const code = (rec.code ?? '').toUpperCase();
    if (dimension === 'province' && !PROVINCE.test(code)) err('code', t('insight.ind.provinceCode'));
    if (dimension === 'industry' && !INDUSTRY.test(code)) err('code', t('insight.ind.industryCode'));
    const nameZh = rec.name_zh ?? '';
    if (!nameZh || nameZh.length > 100) err('name_zh', t('insight.ind.name'));
    const nameEn = rec.name_en ?? '';
    if (nameEn.length > 200) err('name_en', t('insight.ind.name'));
    const year = /^\d{4}$/.test(rec.year ?? '') ? Number(rec.year) : Number.NaN;
    if (!(year >= 1949 && year <= 2100)) err('year', t('insight.ind.year'));
    const amount = (field: 'rd_expenditure' | 'output' | 'rd_personnel', positive: boolean) => {
      const v = (rec[field] ?? '').replaceAll(',', '');
      if (!DECIMAL.test(v)) err(field, t('insight.ind.decimal'));
      else if (positive && toUnits(v) === 0n) err(field, t('insight.ind.positive'));
      return DECIMAL.test(v) ? fromUnits(toUnits(v)) : '';
    };
    const rdExpenditure = amount('rd_expenditure', false);
    const output = amount('output', true);
    const rdPersonnel = rec.rd_personnel ? amount('rd_personnel', false) : null;
    const key = `${dimension}|${code}|${year}`;
    const first = seen.get(key);
    if (!bad.length && first) err('code', t('insight.ind.duplicate', { first }));
    if (bad.length) {
      errors.push(...bad);
      return;
    }
    seen.set(key, row);
    rows.push({ row, dimension, code, nameZh, nameEn, year, rdExpenditure, output, rdPersonnel });
  });
  return { rows, errors };
}

/** A stored figure: decimal texts as read from the database. */
export interface Figure {
  code: string;
  nameZh: string;
  nameEn: string;
  year: number;
  rdExpenditure: string;
  output: string;
  rdPersonnel: string | null;
}

export interface YearFigure extends Figure {
  /** R&D expenditure ÷ output, % */
  intensity: string;
  /** 1 = highest intensity; equal intensities share a rank (1, 2, 2, 4) */
  intensityRank: number;
  /** share of the year's total R&D expenditure over the rows shown, % */
  share: string;
  /** R&D expenditure growth over the previous year, % (null without that year) */
  growth: string | null;
  /** intensity change over the previous year, percentage points (null without that year) */
  intensityChange: string | null;
}

/** Intensity as an exact fraction compared by cross-multiplication, for ranking. */
const cmpIntensity = (a: Figure, b: Figure) => {
  const l = toUnits(a.rdExpenditure) * toUnits(b.output);
  const r = toUnits(b.rdExpenditure) * toUnits(a.output);
  return l > r ? -1 : l < r ? 1 : 0;
};

/** The year's figures with intensity, rank, share and growth, ranked by intensity. */
export function yearFigures(current: Figure[], previous: Figure[]): YearFigure[] {
  const total = current.reduce((s, f) => s + toUnits(f.rdExpenditure), 0n);
  const before = new Map(previous.map((p) => [p.code, p]));
  const sorted = [...current].sort((a, b) => cmpIntensity(a, b) || (a.code < b.code ? -1 : 1));
  return sorted.map((f) => {
    const rank = 1 + sorted.filter((g) => cmpIntensity(g, f) < 0).length;
    const p = before.get(f.code);
    const rd = toUnits(f.rdExpenditure);
    const out = toUnits(f.output);
    let growth: string | null = null;
    let intensityChange: string | null = null;
    if (p) {
      const prd = toUnits(p.rdExpenditure);
      const pout = toUnits(p.output);
      growth = prd === 0n ? null : percent(rd - prd, prd);
      // rd/out − prd/pout = (rd·pout − prd·out) / (out·pout)
      intensityChange = percent(rd * pout - prd * out, out * pout);
    }
    return {
      ...f,
      intensity: percent(rd, out),
      intensityRank: rank,
      share: total === 0n ? percent(0n, 1n) : percent(rd, total),
      growth,
      intensityChange,
    };
  });
}

// Shared pieces of the policy rules engine: exact money and ratio arithmetic, and the
// shape of an explained step. Pure: no I/O, no framework. Money is integer fen (bigint);
// ratios are compared by cross-multiplication, never through binary floating point.
import Decimal from 'decimal.js';
import type { PolicyMessageCode } from './policy.messages.ts';

/** Decimal constructor used for exact display of ratios and sub-fen amounts. */
export const Dec = Decimal.clone({
  precision: 80,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -100,
  toExpPos: 100,
});
export type Dec = InstanceType<typeof Dec>;

/** One explained step: what was computed, from which values, under which rule. */
export type PolicyStep = {
  /** Stable key into `policyMessages` (bilingual label). */
  code: PolicyMessageCode;
  /** Rule applied, by document number and article. */
  rule: string;
  /** Named input values, already formatted (yuan with two decimals, percentages, counts). */
  values: Record<string, string>;
  /** The formula with the numbers substituted, for the printable explanation. */
  formula: string;
  /** The computed value, formatted. */
  result: string;
  /** Present when the step is a test that passes or fails. */
  met?: boolean;
};

/** A rational number with a positive denominator. */
export type Ratio = { num: bigint; den: bigint };

export const ratio = (num: bigint, den: bigint): Ratio => {
  if (den === 0n) throw new RangeError('ratio with zero denominator');
  return den < 0n ? { num: -num, den: -den } : { num, den };
};

/** a ≥ b, exactly. */
export const ratioGte = (a: Ratio, b: Ratio): boolean => a.num * b.den >= b.num * a.den;
/** a > b, exactly. */
export const ratioGt = (a: Ratio, b: Ratio): boolean => a.num * b.den > b.num * a.den;

/** Integer division rounded half away from zero (四舍五入), den > 0. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('divRoundHalfUp needs a positive denominator');
  const neg = num < 0n;
  const a = neg ? -num : num;
  const q = (2n * a + den) / (2n * den);
  return neg ? -q : q;
}

/** Multiplies fen by a rational rate and rounds half up to the fen. */
export const mulRate = (fen: bigint, rate: Ratio): bigint => divRoundHalfUp(fen * rate.num, rate.den);

/** Formats integer fen as yuan with exactly two decimals: 123456n → "1234.56". */
export function formatFen(fen: bigint): string {
  const neg = fen < 0n;
  const a = neg ? -fen : fen;
  const s = `${a / 100n}.${(a % 100n).toString().padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** Formats an exact yuan amount that may carry sub-fen digits (e.g. 80% of 0.01 yuan → "0.008"). */
export function formatYuanExact(yuan: Dec): string {
  const s = yuan.toFixed();
  const dot = s.indexOf('.');
  if (dot < 0) return `${s}.00`;
  const decimals = s.length - dot - 1;
  return decimals < 2 ? `${s}${'0'.repeat(2 - decimals)}` : s;
}

/**
 * Formats a ratio as a percentage with `dp` decimals, rounded toward −∞, so the shown figure
 * never overstates the true one (a ratio just below 5% never displays as "5.0000%").
 */
export function formatPercent(r: Ratio, dp = 4): string {
  if (r.den === 0n) return '—';
  return `${new Dec(r.num.toString()).times(100).div(r.den.toString()).toDecimalPlaces(dp, Dec.ROUND_FLOOR).toFixed(dp)}%`;
}

/** Formats a ratio as a plain decimal with `dp` decimals, rounded toward −∞. */
export function formatRatioDecimal(r: Ratio, dp = 4): string {
  return new Dec(r.num.toString()).div(r.den.toString()).toDecimalPlaces(dp, Dec.ROUND_FLOOR).toFixed(dp);
}

/** Parses a yuan amount given as a decimal string ("1234.5", "-3.07") or a JSON number into fen. */
export function parseYuanToFen(v: string | number): bigint | null {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] === '-' ? -fen : fen;
}

/** Parses a non-negative decimal string ("0.25") into an exact ratio. */
export function parseDecimalRatio(s: string): Ratio | null {
  const m = /^(\d+)(?:\.(\d{1,12}))?$/.exec(s.trim());
  if (!m) return null;
  const frac = m[2] ?? '';
  return { num: BigInt(m[1] + frac), den: 10n ** BigInt(frac.length) };
}

/** Sum of bigints. */
export const sumFen = (xs: Iterable<bigint>): bigint => {
  let s = 0n;
  for (const x of xs) s += x;
  return s;
};

export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const maxBig = (a: bigint, b: bigint): bigint => (a > b ? a : b);

// Kendall's coefficient of concordance W with the tie correction, its chi-square approximation
// and p-value. Pure: plain arrays in, numbers out. Ranks are handled as doubled integers (an
// average rank of tied items is always a multiple of ½), so S and ΣT are exact integers.

/** One panellist's ranking: a value per item, in item order (ties allowed, any real order). */
export type Ranking = readonly number[];

export interface Concordance {
  panellists: number;
  items: number;
  /** W = 12S / (m²(n³ − n) − m·ΣT), in [0, 1]. */
  W: number;
  /** χ² = m(n − 1)W on n − 1 degrees of freedom. */
  chiSquare: number;
  df: number;
  /** Upper tail of χ²(df) at chiSquare. */
  pValue: number;
  /** S = Σ (Rᵢ − m(n + 1)/2)², exact. */
  S: number;
  /** ΣT, T = Σ(t³ − t) over each panellist's tied groups. */
  tieSum: number;
}

/**
 * Doubled average ranks of one panellist's values (1-based): items are ordered by value and each
 * group of equal values gets the average of the positions it occupies. Also returns Σ(t³ − t).
 */
export function doubledAverageRanks(values: Ranking): { ranks2: number[]; ties: number } {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks2 = new Array<number>(values.length).fill(0);
  let ties = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const t = end - start + 1;
    // positions start+1 … end+1; their average doubled is start + end + 2
    for (let k = start; k <= end; k++) ranks2[order[k].i] = start + end + 2;
    if (t > 1) ties += t ** 3 - t;
    start = end + 1;
  }
  return { ranks2, ties };
}

/** W, χ² and p for m rankings of the same n items; throws RangeError when W is undefined. */
export function kendallW(rankings: readonly Ranking[]): Concordance {
  const m = rankings.length;
  const n = rankings[0]?.length ?? 0;
  if (m < 2) throw new RangeError('at least two panellists are needed');
  if (n < 2) throw new RangeError('at least two items are needed');
  const sums2 = new Array<number>(n).fill(0);
  let tieSum = 0;
  for (const r of rankings) {
    if (r.length !== n) throw new RangeError('every panellist must rank every item');
    const { ranks2, ties } = doubledAverageRanks(r);
    for (let i = 0; i < n; i++) sums2[i] += ranks2[i];
    tieSum += ties;
  }
  // 2Rᵢ − m(n + 1) is an integer; S = Σ(that)² / 4
  let fourS = 0;
  for (const s2 of sums2) fourS += (s2 - m * (n + 1)) ** 2;
  const denominator = m * m * (n ** 3 - n) - m * tieSum;
  if (denominator === 0) throw new RangeError('every panellist tied every item: W is undefined');
  // W = 12S / D = 3·(4S) / D
  const W = (3 * fourS) / denominator;
  const df = n - 1;
  const chiSquare = m * df * W;
  return {
    panellists: m,
    items: n,
    W,
    chiSquare,
    df,
    pValue: chiSquareSurvival(chiSquare, df),
    S: fourS / 4,
    tieSum,
  };
}

/** P(X > x) for X ~ χ²(df): the regularised upper incomplete gamma Q(df/2, x/2). */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError('degrees of freedom must be positive');
  if (x <= 0) return 1;
  return gammaQ(df / 2, x / 2);
}

const EPS = 1e-16;
const TINY = 1e-300;
const MAX_ITER = 10_000;

/** ln Γ(z) for z > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-15). */
export function lnGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - lnGamma(1 - z);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const x = z - 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * Regularised upper incomplete gamma Q(a, x) = Γ(a, x)/Γ(a): the power series for P when
 * x < a + 1 (Q = 1 − P), otherwise the continued fraction for Q (modified Lentz), so each branch
 * works where it converges fast and Q keeps its relative precision far into the tail.
 */
export function gammaQ(a: number, x: number): number {
  if (x < 0 || a <= 0) throw new RangeError('gammaQ needs a > 0 and x ≥ 0');
  if (x === 0) return 1;
  const lnPrefix = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < MAX_ITER; k++) {
      term *= x / (a + k);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITER; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(lnPrefix) * h;
}

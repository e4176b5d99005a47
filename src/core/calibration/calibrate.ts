// Reviewer-bias calibration.
//
// Model: score(r, i) = q_i + b_r + ε, ε ~ N(0, σ²/w) (w = optional weight, e.g. confidence).
// Fit by regularised weighted least squares over the sparse reviewer–item graph:
//   minimise  Σ_obs w (y − q_i − b_r)² + λ_b Σ_r b_r² + λ_q Σ_i (q_i − ȳ)²
// (the MAP estimate under priors b_r ~ N(0, σ²/λ_b), q_i ~ N(ȳ, σ²/λ_q); λ_q = 0 = flat prior).
// Identifiability: q + c, b − c fits the data equally well in every connected component of the
// graph; the bias penalty picks the shift, and with λ_q = 0 the optimum has Σ_r b_r = 0 in each
// component exactly (sum-to-zero biases). Across disconnected components the biases cannot be
// compared through shared items, only through the prior; `component` reports which is which.
//
// Solver: preconditioned conjugate gradient (Jacobi) on the normal equations
//   [D_q + λ_q I, B; Bᵀ, D_b + λ_b I] [q; b] = [Σ w y + λ_q ȳ; Σ w y],
// D = weighted review counts, B = item–reviewer weights; O(reviews) per iteration, typed arrays.
//
// Uncertainty: posterior SD of q_i = σ · sqrt((A⁻¹)_ii), computed exactly by one CG solve per item
// for calls of ordinary size. For very large ones the fallback is σ / sqrt(S_ii), S the Schur
// complement of the bias block, S_ii = W_i + λ_q − Σ_{r reviews i} w_ir² / (W_r + λ_b): the exact
// variance if the other items' qualities were known. It counts the uncertainty of the item's own
// reviewers' biases, ignores coupling through other items, and is a lower bound ((S⁻¹)_ii ≥ 1/S_ii
// for SPD S); on sparse random designs the tests see it up to ~1.9× too small in SD.
// σ² is estimated as RSS / (n − p_eff), p_eff = Σ_i W_i/(W_i+λ_q) + Σ_r W_r/(W_r+λ_b), unless given.
import { midRanks } from './rank.ts';

export interface ReviewScores {
  itemCount: number;
  reviewerCount: number;
  /** Parallel arrays, one entry per review: item index, reviewer index, score, optional weight. */
  item: ArrayLike<number>;
  reviewer: ArrayLike<number>;
  score: ArrayLike<number>;
  weight?: ArrayLike<number>;
}

export interface CalibrationOptions {
  /** λ_b = σ²/σ_b²: how many reviews' worth of evidence a bias must overcome. Default 2. */
  biasShrinkage: number;
  /** λ_q = σ²/σ_q², shrinkage of item quality toward the grand mean. Default 0 (none). */
  itemShrinkage: number;
  /** Higher score = better (rubric scores); false for NIH-style 1 = best. Default true. */
  higherIsBetter: boolean;
  /** Known noise variance σ²; estimated from the residuals when omitted. */
  noiseVariance?: number;
  /**
   * Standard errors: 'exact' = σ·sqrt((A⁻¹)_ii) by one CG solve per item; 'schur' = the
   * Schur-complement lower bound (one pass, for very large calls); 'auto' = exact when
   * items × (reviews + unknowns) ≤ 2·10⁷. Default 'auto'.
   */
  uncertainty: 'auto' | 'exact' | 'schur';
  /** Relative residual at which CG stops. Default 1e-10. */
  tolerance: number;
  maxIterations: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = {
  biasShrinkage: 2,
  itemShrinkage: 0,
  higherIsBetter: true,
  uncertainty: 'auto',
  tolerance: 1e-10,
  maxIterations: 10_000,
};

export interface Calibration {
  /** Calibrated score q_i per item (NaN for items without reviews). */
  quality: Float64Array;
  /** Its standard error (see the file comment and `uncertainty`). */
  standardError: Float64Array;
  /** Raw mean of the item's scores (weighted) and review count. */
  rawMean: Float64Array;
  reviewCount: Int32Array;
  /** Mid-ranks, 1 = best, of the raw means and of the calibrated scores. */
  rawRank: Float64Array;
  calibratedRank: Float64Array;
  /** Estimated bias b_r per reviewer (positive = lenient when higher is better) and review count. */
  bias: Float64Array;
  reviewerReviewCount: Int32Array;
  /** Connected component of each item and reviewer in the review graph. */
  itemComponent: Int32Array;
  reviewerComponent: Int32Array;
  componentCount: number;
  /** Noise standard deviation σ used for the standard errors. */
  noiseSd: number;
  iterations: number;
  converged: boolean;
  /** Value of the minimised objective. */
  objective: number;
}

function validate(data: ReviewScores, o: CalibrationOptions): void {
  const n = data.item.length;
  if (data.reviewer.length !== n || data.score.length !== n || (data.weight && data.weight.length !== n)) {
    throw new RangeError('calibrate: item, reviewer, score (and weight) must have equal lengths');
  }
  if (!(o.biasShrinkage > 0)) throw new RangeError('calibrate: biasShrinkage must be > 0 (identifiability)');
  if (!(o.itemShrinkage >= 0)) throw new RangeError('calibrate: itemShrinkage must be >= 0');
  for (let k = 0; k < n; k++) {
    const i = data.item[k];
    const r = data.reviewer[k];
    if (!Number.isInteger(i) || i < 0 || i >= data.itemCount)
      throw new RangeError(`calibrate: item[${k}] out of range`);
    if (!Number.isInteger(r) || r < 0 || r >= data.reviewerCount) {
      throw new RangeError(`calibrate: reviewer[${k}] out of range`);
    }
    if (!Number.isFinite(data.score[k])) throw new RangeError(`calibrate: score[${k}] is not finite`);
    const w = data.weight ? data.weight[k] : 1;
    if (!(w > 0) || !Number.isFinite(w)) throw new RangeError(`calibrate: weight[${k}] must be positive`);
  }
}

function components(data: ReviewScores): { item: Int32Array; reviewer: Int32Array; count: number } {
  const P = data.itemCount;
  const parent = Int32Array.from({ length: P + data.reviewerCount }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let k = 0; k < data.item.length; k++) {
    const a = find(data.item[k]);
    const b = find(P + data.reviewer[k]);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const label = new Int32Array(parent.length).fill(-1);
  let count = 0;
  const out = new Int32Array(parent.length);
  for (let x = 0; x < parent.length; x++) {
    const root = find(x);
    if (label[root] < 0) label[root] = count++;
    out[x] = label[root];
  }
  return { item: out.slice(0, P), reviewer: out.slice(P), count };
}

type Solver = (rhs: Float64Array, x: Float64Array) => { iterations: number; converged: boolean };

/** Jacobi-preconditioned conjugate gradient for the SPD normal matrix; x holds the start and the result. */
function makeSolver(
  N: number,
  diag: Float64Array,
  matvec: (v: Float64Array, out: Float64Array) => void,
  o: CalibrationOptions,
): Solver {
  const res = new Float64Array(N);
  const z = new Float64Array(N);
  const p = new Float64Array(N);
  const Ap = new Float64Array(N);
  return (rhs, x) => {
    matvec(x, Ap);
    let rz = 0;
    let bnorm = 0;
    for (let j = 0; j < N; j++) {
      res[j] = rhs[j] - Ap[j];
      z[j] = res[j] / diag[j];
      p[j] = z[j];
      rz += res[j] * z[j];
      bnorm += rhs[j] * rhs[j];
    }
    bnorm = Math.sqrt(bnorm);
    let iterations = 0;
    let converged = false;
    for (; iterations < o.maxIterations; iterations++) {
      let rn = 0;
      for (let j = 0; j < N; j++) rn += res[j] * res[j];
      if (Math.sqrt(rn) <= o.tolerance * Math.max(bnorm, 1e-300)) {
        converged = true;
        break;
      }
      matvec(p, Ap);
      let pAp = 0;
      for (let j = 0; j < N; j++) pAp += p[j] * Ap[j];
      if (!(pAp > 0)) break;
      const alpha = rz / pAp;
      let rzNew = 0;
      for (let j = 0; j < N; j++) {
        x[j] += alpha * p[j];
        res[j] -= alpha * Ap[j];
        z[j] = res[j] / diag[j];
        rzNew += res[j] * z[j];
      }
      const beta = rzNew / rz;
      rz = rzNew;
      for (let j = 0; j < N; j++) p[j] = z[j] + beta * p[j];
    }
    return { iterations, converged };
  };
}

/** Fits item quality and reviewer bias; returns calibrated scores, uncertainties and both rankings. */
export function calibrate(data: ReviewScores, options: Partial<CalibrationOptions> = {}): Calibration {
  const o: CalibrationOptions = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  validate(data, o);
  const P = data.itemCount;
  const R = data.reviewerCount;
  const nObs = data.item.length;
  const item = Int32Array.from(data.item);
  const rev = Int32Array.from(data.reviewer);
  const y = Float64Array.from(data.score);
  const w = data.weight ? Float64Array.from(data.weight) : new Float64Array(nObs).fill(1);
  const lq = o.itemShrinkage;
  const lb = o.biasShrinkage;

  const Wi = new Float64Array(P);
  const Wr = new Float64Array(R);
  const sumI = new Float64Array(P);
  const sumR = new Float64Array(R);
  const countI = new Int32Array(P);
  const countR = new Int32Array(R);
  let grand = 0;
  let wTotal = 0;
  for (let k = 0; k < nObs; k++) {
    Wi[item[k]] += w[k];
    Wr[rev[k]] += w[k];
    sumI[item[k]] += w[k] * y[k];
    sumR[rev[k]] += w[k] * y[k];
    countI[item[k]]++;
    countR[rev[k]]++;
    grand += w[k] * y[k];
    wTotal += w[k];
  }
  grand = wTotal > 0 ? grand / wTotal : 0;
  const rawMean = new Float64Array(P);
  for (let i = 0; i < P; i++) rawMean[i] = Wi[i] > 0 ? sumI[i] / Wi[i] : Number.NaN;

  // Unknowns x = [q (P), b (R)]. Items with no reviews and no prior are pinned (diag 1, rhs 0).
  const N = P + R;
  const diag = new Float64Array(N);
  const rhs = new Float64Array(N);
  const pinned = new Uint8Array(P);
  for (let i = 0; i < P; i++) {
    diag[i] = Wi[i] + lq;
    rhs[i] = sumI[i] + lq * grand;
    if (diag[i] === 0) {
      pinned[i] = 1;
      diag[i] = 1;
    }
  }
  for (let r = 0; r < R; r++) {
    diag[P + r] = Wr[r] + lb;
    rhs[P + r] = sumR[r];
  }
  const matvec = (v: Float64Array, out: Float64Array) => {
    for (let j = 0; j < N; j++) out[j] = diag[j] * v[j];
    for (let k = 0; k < nObs; k++) {
      const i = item[k];
      const r = P + rev[k];
      out[i] += w[k] * v[r];
      out[r] += w[k] * v[i];
    }
  };

  const x = new Float64Array(N);
  for (let i = 0; i < P; i++) x[i] = pinned[i] ? 0 : Wi[i] > 0 ? rawMean[i] : grand;
  const solver = makeSolver(N, diag, matvec, o);
  const { iterations, converged } = solver(rhs, x);

  const quality = new Float64Array(P);
  for (let i = 0; i < P; i++) quality[i] = pinned[i] ? Number.NaN : x[i];
  const bias = x.slice(P);

  let rss = 0;
  for (let k = 0; k < nObs; k++) {
    const e = y[k] - x[item[k]] - x[P + rev[k]];
    rss += w[k] * e * e;
  }
  let objective = rss;
  for (let r = 0; r < R; r++) objective += lb * bias[r] * bias[r];
  for (let i = 0; i < P; i++) if (!pinned[i]) objective += lq * (quality[i] - grand) ** 2;
  let pEff = 0;
  for (let i = 0; i < P; i++) if (Wi[i] > 0) pEff += Wi[i] / (Wi[i] + lq);
  for (let r = 0; r < R; r++) pEff += Wr[r] / (Wr[r] + lb);
  const sigma2 = o.noiseVariance ?? rss / Math.max(1, nObs - pEff);

  const method = o.uncertainty === 'auto' ? (P * (nObs + N) <= 2e7 ? 'exact' : 'schur') : o.uncertainty;
  const variance = new Float64Array(P);
  if (method === 'exact') {
    // (A⁻¹)_ii by one CG solve per item: the exact posterior variance factor.
    const e = new Float64Array(N);
    const col = new Float64Array(N);
    for (let i = 0; i < P; i++) {
      if (pinned[i]) continue;
      e[i] = 1;
      col.fill(0);
      col[i] = 1 / diag[i];
      solver(e, col);
      variance[i] = col[i];
      e[i] = 0;
    }
  } else {
    for (let i = 0; i < P; i++) variance[i] = Wi[i] + lq;
    for (let k = 0; k < nObs; k++) variance[item[k]] -= (w[k] * w[k]) / (Wr[rev[k]] + lb);
    for (let i = 0; i < P; i++) variance[i] = 1 / variance[i];
  }
  const standardError = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    standardError[i] = pinned[i] ? Number.NaN : Math.sqrt(sigma2 * variance[i]);
  }

  const comp = components(data);
  return {
    quality,
    standardError,
    rawMean,
    reviewCount: countI,
    rawRank: midRanks(rawMean, o.higherIsBetter),
    calibratedRank: midRanks(quality, o.higherIsBetter),
    bias,
    reviewerReviewCount: countR,
    itemComponent: comp.item,
    reviewerComponent: comp.reviewer,
    componentCount: comp.count,
    noiseSd: Math.sqrt(sigma2),
    iterations,
    converged,
    objective,
  };
}

export interface CalibratedRow {
  item: number;
  reviewCount: number;
  rawMean: number;
  rawRank: number;
  calibrated: number;
  standardError: number;
  calibratedRank: number;
  /** Rank change, positive = moved up after calibration. */
  rankShift: number;
  component: number;
}

/** Raw vs calibrated side by side, best calibrated first (items without reviews last). */
export function sideBySide(cal: Calibration): CalibratedRow[] {
  const rows: CalibratedRow[] = [];
  for (let i = 0; i < cal.quality.length; i++) {
    rows.push({
      item: i,
      reviewCount: cal.reviewCount[i],
      rawMean: cal.rawMean[i],
      rawRank: cal.rawRank[i],
      calibrated: cal.quality[i],
      standardError: cal.standardError[i],
      calibratedRank: cal.calibratedRank[i],
      rankShift: cal.rawRank[i] - cal.calibratedRank[i],
      component: cal.itemComponent[i],
    });
  }
  const key = (r: CalibratedRow) =>
    Number.isFinite(r.calibratedRank) ? r.calibratedRank : Number.POSITIVE_INFINITY;
  rows.sort((a, b) => key(a) - key(b) || a.item - b.item);
  return rows;
}

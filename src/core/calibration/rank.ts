// Ranks, NIH-style percentiles and Kendall's tau.

/**
 * Mid-ranks, 1 = best: tied values share the mean of the ranks they span. Non-finite values
 * (e.g. an item nobody reviewed) get NaN and are not counted.
 */
export function midRanks(values: ArrayLike<number>, higherIsBetter = true): Float64Array {
  const n = values.length;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (Number.isFinite(values[i])) idx.push(i);
  const sign = higherIsBetter ? -1 : 1;
  idx.sort((a, b) => sign * (values[a] - values[b]) || a - b);
  const out = new Float64Array(n).fill(Number.NaN);
  for (let s = 0; s < idx.length; ) {
    let e = s + 1;
    while (e < idx.length && values[idx[e]] === values[idx[s]]) e++;
    const r = (s + 1 + e) / 2; // mean of ranks s+1 .. e
    for (let k = s; k < e; k++) out[idx[k]] = r;
    s = e;
  }
  return out;
}

export interface Percentiles {
  /** 100 × (rank − 0.5) / N with mid-ranks for ties (so tied items share their mean percentile). */
  exact: Float64Array;
  /** NIH presentation: rounded up to a whole number, clamped to 1..99; NaN stays NaN. */
  rounded: Float64Array;
}

/**
 * NIH-style percentiles within each group (e.g. a call), lower = better:
 *   percentile = 100 × (rank − 0.5) / N, rank 1 = best, N = items ranked in the group;
 * tied items get the average (mid-rank) percentile; shown rounded up, 1..99.
 * Sources: NIAID, "Understand Paylines and Percentiles" (whole numbers 1–99, always rounded up);
 * NIH CSR formula Percentile = 100 (Rank − 0.5)/N and S. Rockey, Rock Talk, "Understanding
 * percentiling" (2013: tied applications get their average percentile).
 */
export function nihPercentiles(
  values: ArrayLike<number>,
  options: { higherIsBetter?: boolean; groups?: ArrayLike<number> } = {},
): Percentiles {
  const n = values.length;
  const exact = new Float64Array(n).fill(Number.NaN);
  const groups = options.groups;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups ? groups[i] : 0;
    const m = members.get(g);
    if (m) m.push(i);
    else members.set(g, [i]);
  }
  for (const m of members.values()) {
    const vals = Float64Array.from(m, (i) => values[i]);
    const ranks = midRanks(vals, options.higherIsBetter ?? true);
    let count = 0;
    for (const r of ranks) if (Number.isFinite(r)) count++;
    m.forEach((i, k) => {
      if (Number.isFinite(ranks[k])) exact[i] = (100 * (ranks[k] - 0.5)) / count;
    });
  }
  const rounded = exact.map((p) =>
    Number.isFinite(p) ? Math.min(99, Math.max(1, Math.ceil(p - 1e-9))) : Number.NaN,
  );
  return { exact, rounded };
}

/** Kendall's tau-b by brute force over all pairs, O(n²); NaN when either side is constant. */
export function kendallTauBrute(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let s = 0;
  let ta = 0;
  let tb = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const x = Math.sign(a[i] - a[j]);
      const y = Math.sign(b[i] - b[j]);
      s += x * y;
      if (x !== 0) ta++;
      if (y !== 0) tb++;
    }
  }
  return ta === 0 || tb === 0 ? Number.NaN : s / Math.sqrt(ta * tb);
}

/** Kendall's tau-b in O(n log n) (Knight 1966: sort by a then b, count swaps of a merge sort by b). */
export function kendallTau(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new RangeError('kendallTau: lengths differ');
  const pairs = (k: number) => (k * (k - 1)) / 2;
  const ord = Array.from({ length: n }, (_, i) => i).sort((i, j) => a[i] - a[j] || b[i] - b[j]);
  let tiesA = 0;
  let tiesAB = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && a[ord[e]] === a[ord[s]]) e++;
    tiesA += pairs(e - s);
    for (let u = s; u < e; ) {
      let v = u + 1;
      while (v < e && b[ord[v]] === b[ord[u]]) v++;
      tiesAB += pairs(v - u);
      u = v;
    }
    s = e;
  }
  // Merge sort by b, counting inversions (pairs ordered by a but reversed by b).
  let cur = Float64Array.from(ord, (i) => b[i]);
  let tmp = new Float64Array(n);
  let swaps = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (cur[j] < cur[i]) {
          swaps += mid - i;
          tmp[k++] = cur[j++];
        } else tmp[k++] = cur[i++];
      }
      while (i < mid) tmp[k++] = cur[i++];
      while (j < hi) tmp[k++] = cur[j++];
    }
    [cur, tmp] = [tmp, cur];
  }
  let tiesB = 0;
  for (let s = 0; s < n; ) {
    let e = s + 1;
    while (e < n && cur[e] === cur[s]) e++;
    tiesB += pairs(e - s);
    s = e;
  }
  const n0 = pairs(n);
  const den = Math.sqrt((n0 - tiesA) * (n0 - tiesB));
  if (den === 0) return Number.NaN;
  return (n0 - tiesA - tiesB + tiesAB - 2 * swaps) / den;
}

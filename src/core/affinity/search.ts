// Top-C candidate experts per item without forming the item × expert matrix.
//
// Result order (and tie-breaking): integer score descending, then expert index ascending. Only
// experts with a positive score are candidates; excluded experts (conflict filter) never enter.
//
// Strategies (all exact, all return the same list):
//   'maxscore'   MaxScore (Turtle & Flood 1995) in two phases. One: term at a time, query terms
//                by upper bound per posting (short, strong lists first); accumulators are
//                created only while the bound of the remaining terms could still beat θ, the
//                current c-th best score (kept exact incrementally). Two: document at a time over
//                the surviving candidates, probing the remaining (long, weak) lists by galloping
//                cursors and dropping a candidate as soon as its bound falls below θ.
//   'taat'       plain term-at-a-time over every posting of every query term.
//   'exhaustive' scores every expert through the forward index (the brute-force reference).
//   'auto'       (default) 'taat' for pools below MAXSCORE_MIN_EXPERTS, else 'maxscore'.
import type { AffinityIndex } from './build.ts';
import { type AffinityQuery, affinityPoints, type ItemProfile, prepareQuery } from './query.ts';

/** Phase one stops once the remaining bound is below this fraction of θ (≤ 1 keeps it exact). */
const STOP_FRACTION = 0.5;

export type SearchStrategy = 'auto' | 'maxscore' | 'taat' | 'exhaustive';

/**
 * Pool size from which 'auto' uses MaxScore. Below it the accumulator array stays in cache and
 * plain TAAT measured faster; above it MaxScore's ~7× fewer postings win (bench/RESULTS.md).
 */
export const MAXSCORE_MIN_EXPERTS = 20_000;

/** Candidate experts of one item, best first. */
export interface Candidates {
  /** Expert indices. */
  experts: Uint32Array;
  /** Exact integer scores (combined affinity ≈ score / query.scale). */
  scores: Float64Array;
  /** Affinity 0..1000 for the assignment solver. */
  affinity: Uint16Array;
}

export interface SearchStats {
  queries: number;
  /** Postings read by sequential scans. */
  postingsScanned: number;
  /** Random probes into posting lists (MaxScore phase two). */
  probes: number;
  /** Calls made to the conflict filter. */
  filterCalls: number;
  /** Accumulators scanned to recompute the threshold θ. */
  thresholdScans: number;
  /** Candidates entering MaxScore phase two. */
  phaseTwoCandidates: number;
  /** Docs rescored exactly through the forward index to raise θ. */
  rescored: number;
}

/** Reusable scratch space for candidate search over one index (not safe to share across threads). */
export class CandidateSearcher {
  readonly index: AffinityIndex;
  readonly stats: SearchStats = {
    queries: 0,
    postingsScanned: 0,
    probes: 0,
    filterCalls: 0,
    thresholdScans: 0,
    phaseTwoCandidates: 0,
    rescored: 0,
  };
  private readonly acc: Float64Array;
  private readonly cand: Uint32Array;
  private readonly exact: Float64Array;
  private readonly exactAt: Int32Array;
  private touchedCount = 0;
  private readonly checked: Int32Array;
  private readonly excludedFlag: Uint8Array;
  private readonly heapPos: Int32Array;
  private readonly touched: Uint32Array;
  private readonly dense: Uint32Array;
  private query = 0;
  private heap = new Uint32Array(64);
  private heapSize = 0;
  private isExcluded: ((expert: number) => boolean) | undefined;

  constructor(index: AffinityIndex) {
    this.index = index;
    const n = index.expertCount;
    this.acc = new Float64Array(n);
    this.cand = new Uint32Array(n);
    this.exact = new Float64Array(n);
    this.exactAt = new Int32Array(n);
    this.checked = new Int32Array(n);
    this.excludedFlag = new Uint8Array(n);
    this.heapPos = new Int32Array(n).fill(-1);
    this.touched = new Uint32Array(n);
    // Query weights are integers below 2^32 (query.ts), so a Uint32Array halves the cache footprint.
    this.dense = new Uint32Array(index.termCount);
  }

  /** The top-c candidates of a prepared query. */
  topC(
    query: AffinityQuery,
    c: number,
    isExcluded?: (expert: number) => boolean,
    strategy: SearchStrategy = 'auto',
  ): Candidates {
    if (strategy === 'auto') strategy = this.index.expertCount < MAXSCORE_MIN_EXPERTS ? 'taat' : 'maxscore';
    if (!(c >= 1))
      return { experts: new Uint32Array(0), scores: new Float64Array(0), affinity: new Uint16Array(0) };
    this.query++;
    if (this.query === 0x7fffffff) {
      this.query = 1;
      this.checked.fill(0);
      this.exactAt.fill(0);
    }
    // Accumulators are all zero between queries; every contribution is positive.
    for (let i = 0; i < this.touchedCount; i++) this.acc[this.touched[i]] = 0;
    this.touchedCount = 0;
    this.stats.queries++;
    this.isExcluded = isExcluded;
    if (this.heap.length < c) this.heap = new Uint32Array(c);
    this.heapSize = 0;
    let cand: Uint32Array;
    let count: number;
    switch (strategy) {
      case 'maxscore':
        [cand, count] = this.maxScore(query, c);
        break;
      case 'taat':
        [cand, count] = this.taat(query);
        break;
      case 'exhaustive':
        [cand, count] = this.exhaustive(query);
        break;
    }
    return this.select(query, cand, count, c);
  }

  private excluded(d: number): boolean {
    if (this.isExcluded === undefined) return false;
    if (this.checked[d] !== this.query) {
      this.checked[d] = this.query;
      this.stats.filterCalls++;
      this.excludedFlag[d] = this.isExcluded(d) ? 1 : 0;
    }
    return this.excludedFlag[d] === 1;
  }

  private touch(d: number, n: number): number {
    if (this.acc[d] === 0) this.touched[n++] = d;
    return n;
  }

  private taat(q: AffinityQuery): [Uint32Array, number] {
    const { postOffsets, postDocs, postImpacts } = this.index;
    const acc = this.acc;
    let n = 0;
    for (let j = 0; j < q.terms.length; j++) {
      const t = q.terms[j];
      const w = q.weights[j];
      const end = postOffsets[t + 1];
      this.stats.postingsScanned += end - postOffsets[t];
      for (let p = postOffsets[t]; p < end; p++) {
        const d = postDocs[p];
        n = this.touch(d, n);
        acc[d] += w * postImpacts[p];
      }
    }
    this.touchedCount = n;
    return [this.touched, n];
  }

  private exhaustive(q: AffinityQuery): [Uint32Array, number] {
    const { docOffsets, docTerms, docImpacts, expertCount } = this.index;
    const dense = this.dense;
    for (let j = 0; j < q.terms.length; j++) dense[q.terms[j]] = q.weights[j];
    let n = 0;
    for (let d = 0; d < expertCount; d++) {
      let s = 0;
      for (let i = docOffsets[d]; i < docOffsets[d + 1]; i++) s += dense[docTerms[i]] * docImpacts[i];
      this.stats.postingsScanned += docOffsets[d + 1] - docOffsets[d];
      if (s > 0) {
        n = this.touch(d, n);
        this.acc[d] = s;
      }
    }
    for (let j = 0; j < q.terms.length; j++) dense[q.terms[j]] = 0;
    this.touchedCount = n;
    return [this.touched, n];
  }

  // ---- bounded heap of the current best c: root = worst (lowest score, then highest index) ----

  private worse(a: number, b: number): boolean {
    const sa = this.acc[a];
    const sb = this.acc[b];
    return sa < sb || (sa === sb && a > b);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    const pos = this.heapPos;
    const x = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(x, h[p])) break;
      h[i] = h[p];
      pos[h[i]] = i;
      i = p;
    }
    h[i] = x;
    pos[x] = i;
  }

  private siftDown(i: number): void {
    const h = this.heap;
    const pos = this.heapPos;
    const n = this.heapSize;
    const x = h[i];
    for (;;) {
      let m = 2 * i + 1;
      if (m >= n) break;
      if (m + 1 < n && this.worse(h[m + 1], h[m])) m++;
      if (!this.worse(h[m], x)) break;
      h[i] = h[m];
      pos[h[i]] = i;
      i = m;
    }
    h[i] = x;
    pos[x] = i;
  }

  /** Called after acc[d] grew: keep the heap equal to the best c non-excluded docs seen so far. */
  private offer(d: number, c: number): void {
    const pos = this.heapPos[d];
    if (pos >= 0) {
      this.siftDown(pos);
      return;
    }
    if (this.heapSize < c) {
      if (this.excluded(d)) return;
      this.heap[this.heapSize] = d;
      this.siftUp(this.heapSize++);
    } else if (this.worse(this.heap[0], d)) {
      if (this.excluded(d)) return;
      this.heapPos[this.heap[0]] = -1;
      this.heap[0] = d;
      this.heapPos[d] = 0;
      this.siftDown(0);
    }
  }

  private clearHeap(): void {
    for (let i = 0; i < this.heapSize; i++) this.heapPos[this.heap[i]] = -1;
    this.heapSize = 0;
  }

  /**
   * A lower bound θ on the final c-th best score, after list `t` was accumulated. The heap holds
   * the best c non-excluded docs by partial score across calls; only docs of list t changed, so
   * offering them keeps it exact at the cost of reading the list once more. Near the stopping point
   * the heap's docs are rescored exactly through the forward index (cached per query), which
   * raises θ to nearly its final value. Returns 0 while fewer than c docs are known.
   */
  private threshold(t: number, c: number, remaining: number): number {
    const { postOffsets, postDocs } = this.index;
    const acc = this.acc;
    const end = postOffsets[t + 1];
    this.stats.thresholdScans += end - postOffsets[t];
    for (let p = postOffsets[t]; p < end; p++) {
      const d = postDocs[p];
      if (this.heapPos[d] < 0 && this.heapSize === c && acc[d] <= acc[this.heap[0]]) continue;
      this.offer(d, c);
    }
    if (this.heapSize < c) return 0;
    let th = acc[this.heap[0]];
    // Rescoring costs random reads; it only pays near the point where phase one can stop.
    if (remaining < 2 * th) {
      const { docOffsets, docTerms, docImpacts } = this.index;
      const dense = this.dense;
      th = Number.POSITIVE_INFINITY;
      for (let i = 0; i < c; i++) {
        const d = this.heap[i];
        let s = this.exact[d];
        if (this.exactAt[d] !== this.query) {
          s = 0;
          for (let e = docOffsets[d]; e < docOffsets[d + 1]; e++) s += dense[docTerms[e]] * docImpacts[e];
          this.exact[d] = s;
          this.exactAt[d] = this.query;
          this.stats.rescored++;
        }
        if (s < th) th = s;
      }
    }
    return th;
  }

  private maxScore(q: AffinityQuery, c: number): [Uint32Array, number] {
    const { postOffsets, maxImpact } = this.index;
    const m = q.terms.length;
    // Any order is exact; to stop creating accumulators early we want the long lists with small
    // bounds left for phase two, so terms go by bound per posting, largest first.
    const order = Array.from({ length: m }, (_, j) => j);
    const ub = new Float64Array(m);
    const len = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      ub[j] = q.weights[j] * maxImpact[q.terms[j]];
      len[j] = postOffsets[q.terms[j] + 1] - postOffsets[q.terms[j]];
    }
    order.sort((a, b) => ub[b] / len[b] - ub[a] / len[a] || q.terms[a] - q.terms[b]);
    const rem = new Float64Array(m + 1);
    for (let k = m - 1; k >= 0; k--) rem[k] = rem[k + 1] + ub[order[k]];
    const dense = this.dense;
    for (let j = 0; j < m; j++) dense[q.terms[j]] = q.weights[j];
    try {
      return this.maxScorePhases(q, c, order, ub, len, rem);
    } finally {
      for (let j = 0; j < m; j++) dense[q.terms[j]] = 0;
    }
  }

  private maxScorePhases(
    q: AffinityQuery,
    c: number,
    order: number[],
    ub: Float64Array,
    len: Float64Array,
    rem: Float64Array,
  ): [Uint32Array, number] {
    const { postOffsets, postDocs, postImpacts } = this.index;
    const acc = this.acc;
    const touched = this.touched;
    const m = q.terms.length;
    // Phase one: plain accumulation (OR mode) while an unseen doc could still reach the top c;
    // θ is brought up to date after every list at the cost of reading that list once more.
    let n = 0;
    let k = 0;
    let th = 0;
    this.heapSize = 0;
    for (; k < m; k++) {
      if (k > 0) {
        th = this.threshold(q.terms[order[k - 1]], c, rem[k]);
        // Stopping as soon as rem < θ is exact; stopping a little later (rem < θ/2) costs some
        // sequential postings but leaves far fewer candidates for the random-access phase two,
        // which measured faster (bench/RESULTS.md). Any stop with rem < θ is exact.
        if (th > 0 && rem[k] < STOP_FRACTION * th) break;
      }
      const j = order[k];
      const t = q.terms[j];
      const w = q.weights[j];
      const end = postOffsets[t + 1];
      this.stats.postingsScanned += len[j];
      for (let p = postOffsets[t]; p < end; p++) {
        const d = postDocs[p];
        if (acc[d] === 0) touched[n++] = d;
        acc[d] += w * postImpacts[p];
      }
    }
    this.touchedCount = n;
    this.clearHeap();
    if (k === m) return [touched, n];
    // Phase two (document at a time): the surviving candidates in doc-id order, each probed in
    // the remaining lists through per-list cursors (galloping, so a list is crossed once per
    // query) and dropped as soon as its bound falls below θ. The heap is seeded with the partial
    // scores (lower bounds of the final ones), so θ starts high and only rises.
    let cn = 0;
    const cand = this.cand;
    for (let i = 0; i < n; i++) {
      const d = touched[i];
      if (acc[d] + rem[k] >= th && !(this.checked[d] === this.query && this.excludedFlag[d] === 1)) {
        cand[cn++] = d;
      }
    }
    this.stats.phaseTwoCandidates += cn;
    cand.subarray(0, cn).sort();
    this.heapSize = 0;
    for (let i = 0; i < cn; i++) {
      const d = cand[i];
      if (this.heapSize === c && acc[d] <= acc[this.heap[0]]) continue;
      this.offer(d, c);
    }
    const k0 = k;
    // In phase two the bound should shrink fastest: remaining lists by bound, largest first.
    const tail = order.slice(k0).sort((a, b) => ub[b] - ub[a] || q.terms[a] - q.terms[b]);
    for (let kk = k0; kk < m; kk++) order[kk] = tail[kk - k0];
    for (let kk = m - 1; kk >= k0; kk--) rem[kk] = rem[kk + 1] + ub[order[kk]];
    const cursor = new Uint32Array(m);
    const ends = new Uint32Array(m);
    for (let kk = k0; kk < m; kk++) {
      const t = q.terms[order[kk]];
      cursor[kk] = postOffsets[t];
      ends[kk] = postOffsets[t + 1];
    }
    let out = 0;
    for (let i = 0; i < cn; i++) {
      const d = cand[i];
      let theta = this.heapSize < c ? th : Math.max(th, acc[this.heap[0]]);
      if (acc[d] + rem[k0] < theta) continue;
      let s = acc[d];
      let kk = k0;
      for (; kk < m; kk++) {
        if (s + rem[kk] < theta) break;
        const end = ends[kk];
        let p = cursor[kk];
        if (p < end && postDocs[p] < d) {
          let lo = p;
          let step = 1;
          let hi = p + 1;
          while (hi < end && postDocs[hi] < d) {
            lo = hi;
            step *= 2;
            hi = lo + step;
          }
          if (hi > end) hi = end;
          while (lo + 1 < hi) {
            const mid = (lo + hi) >>> 1;
            if (postDocs[mid] < d) lo = mid;
            else hi = mid;
          }
          p = hi;
          this.stats.probes++;
        }
        if (p < end && postDocs[p] === d) {
          s += q.weights[order[kk]] * postImpacts[p];
          p++;
        }
        cursor[kk] = p;
      }
      if (kk < m) continue;
      acc[d] = s;
      cand[out++] = d;
      this.offer(d, c);
      theta = this.heapSize < c ? th : Math.max(th, acc[this.heap[0]]);
    }
    this.clearHeap();
    cn = out;
    return [cand, cn];
  }

  /** Final exact selection of the best c non-excluded docs among the candidates. */
  private select(q: AffinityQuery, cand: Uint32Array, n: number, c: number): Candidates {
    const acc = this.acc;
    this.heapSize = 0;
    for (let i = 0; i < n; i++) {
      const d = cand[i];
      if (!(acc[d] > 0)) continue;
      if (this.heapSize === c && !this.worse(this.heap[0], d)) continue;
      this.offer(d, c);
    }
    const size = this.heapSize;
    const out = Array.from(this.heap.subarray(0, size));
    this.clearHeap();
    out.sort((a, b) => acc[b] - acc[a] || a - b);
    const experts = Uint32Array.from(out);
    const scores = Float64Array.from(out, (d) => acc[d]);
    const affinity = Uint16Array.from(scores, (s) => affinityPoints(q, s));
    return { experts, scores, affinity };
  }
}

/** Candidate lists of many items in CSR form: item i owns [itemOffsets[i], itemOffsets[i+1]). */
export interface CandidateTable {
  itemOffsets: Uint32Array;
  experts: Uint32Array;
  affinity: Uint16Array;
}

export interface BatchOptions {
  /** Candidates per item. */
  c: number;
  /** Conflict filter: true excludes the expert from the item's candidates. */
  isExcluded?: (item: number, expert: number) => boolean;
  strategy?: SearchStrategy;
  /** Called every `progressEvery` items with (done, total). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

/** Top-c candidates for every item; items are indexed by position. */
export function topCandidatesBatch(
  index: AffinityIndex,
  items: readonly (ItemProfile | AffinityQuery)[],
  options: BatchOptions,
): CandidateTable {
  const { c, isExcluded, strategy = 'auto', onProgress, progressEvery = 1000 } = options;
  const searcher = new CandidateSearcher(index);
  const itemOffsets = new Uint32Array(items.length + 1);
  let experts = new Uint32Array(Math.min(items.length * c, 1 << 20));
  let affinity = new Uint16Array(experts.length);
  let n = 0;
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const q = 'terms' in it ? it : prepareQuery(index, it);
    const r = searcher.topC(q, c, isExcluded ? (e) => isExcluded(i, e) : undefined, strategy);
    if (n + r.experts.length > experts.length) {
      const cap = Math.max(experts.length * 2, n + r.experts.length);
      const e2 = new Uint32Array(cap);
      e2.set(experts.subarray(0, n));
      experts = e2;
      const a2 = new Uint16Array(cap);
      a2.set(affinity.subarray(0, n));
      affinity = a2;
    }
    experts.set(r.experts, n);
    affinity.set(r.affinity, n);
    n += r.experts.length;
    itemOffsets[i + 1] = n;
    if (onProgress && (i + 1) % progressEvery === 0) onProgress(i + 1, items.length);
  }
  onProgress?.(items.length, items.length);
  return { itemOffsets, experts: experts.slice(0, n), affinity: affinity.slice(0, n) };
}

/** Top-c candidates of one item (convenience; allocates scratch space per call). */
export function topCandidates(
  index: AffinityIndex,
  item: ItemProfile | AffinityQuery,
  c: number,
  isExcluded?: (expert: number) => boolean,
  strategy: SearchStrategy = 'auto',
): Candidates {
  const q = 'terms' in item ? item : prepareQuery(index, item);
  return new CandidateSearcher(index).topC(q, c, isExcluded, strategy);
}

// Exact Jaccard join by prefix filtering (Chaudhuri et al. 2006; Bayardo et al.
// "AllPairs", 2007): the ground truth for the benchmark.
//
// Why it is exact. Fix any total order on tokens and let α = ⌈t·max(|x|,|y|)⌉.
// If J(x, y) ≥ t then |x ∩ y| ≥ α. In x's order, at most |x| − α of x's tokens
// lie outside x ∩ y, so the first m' = min(m, |x ∩ y|) shared tokens all lie in
// x's first |x| − ⌈t|x|⌉ + m tokens (α ≥ ⌈t|x|⌉), and likewise for y. So a pair
// with J ≥ t shares at least min(m, α) tokens of the two prefixes; pairs that
// share fewer are skipped, the rest verified by exact Jaccard. The order only
// affects speed: rare tokens first keeps prefixes selective, so tokens are
// ordered by an over-count of their frequency (colliding buckets add up), ties
// by value; that is still a total order, so the join is still exact.
import { jaccard } from '../../src/core/dedup/index.ts';

export interface ExactPair {
  x: number;
  y: number;
  similarity: number;
}

export interface JoinOptions {
  /** Shared prefix tokens required (the m above). Default 3. */
  minShared?: number;
  /** Only pairs involving these documents (a sample); default all pairs. */
  sample?: Int32Array;
  onPhase?: (msg: string) => void;
}

// The prefix of every document, under one frequency order. Returned as CSR.
function prefixes(sets: ReadonlyArray<Uint32Array>, threshold: number, m: number) {
  const bits = sets.length > 200_000 ? 25 : 23;
  const mask = (1 << bits) - 1;
  const counts = new Uint32Array(1 << bits);
  for (const s of sets) for (let i = 0; i < s.length; i++) counts[s[i] & mask]++;
  const length = (n: number) => Math.min(n, n - Math.ceil(threshold * n - 1e-9) + m);
  const offsets = new Int32Array(sets.length + 1);
  for (let d = 0; d < sets.length; d++) offsets[d + 1] = offsets[d] + length(sets[d].length);
  const tokens = new Uint32Array(offsets[sets.length]);
  let keyed = new Float64Array(1024);
  for (let d = 0; d < sets.length; d++) {
    const s = sets[d];
    if (keyed.length < s.length) keyed = new Float64Array(s.length * 2);
    const k = keyed.subarray(0, s.length);
    for (let i = 0; i < s.length; i++) k[i] = counts[s[i] & mask] * 4294967296 + s[i];
    k.sort();
    for (let i = offsets[d], j = 0; i < offsets[d + 1]; i++, j++) tokens[i] = k[j] % 4294967296;
  }
  return { offsets, tokens };
}

/** Pairs (x < y, document indices) with exact Jaccard ≥ threshold; all of them, or those touching `sample`. */
export function exactJoin(
  sets: ReadonlyArray<Uint32Array>,
  threshold: number,
  options: JoinOptions = {},
): ExactPair[] {
  const m = options.minShared ?? 3;
  const say = options.onPhase ?? (() => {});
  const n = sets.length;
  const { offsets, tokens } = prefixes(sets, threshold, m);
  say(`prefixes of ${n.toLocaleString('en')} documents: ${tokens.length.toLocaleString('en')} tokens`);

  // Inverted lists of prefix tokens: which documents have token w in their prefix.
  // With a sample, only the tokens the sample's prefixes contain are needed.
  let wanted: Set<number> | null = null;
  if (options.sample) {
    wanted = new Set();
    for (const d of options.sample) for (let i = offsets[d]; i < offsets[d + 1]; i++) wanted.add(tokens[i]);
  }
  let keys: Float64Array;
  {
    let c = 0;
    for (let i = 0; i < tokens.length; i++) if (!wanted || wanted.has(tokens[i])) c++;
    keys = new Float64Array(c);
    c = 0;
    for (let d = 0; d < n; d++) {
      for (let i = offsets[d]; i < offsets[d + 1]; i++) {
        if (!wanted || wanted.has(tokens[i])) keys[c++] = tokens[i] * 2 ** 21 + d;
      }
    }
    keys.sort();
  }
  // lists: token → [start, end) in listDocs
  const listDocs = new Int32Array(keys.length);
  const listOf = new Map<number, number>(); // token → start; end is the next start
  const starts: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const tok = Math.floor(keys[i] / 2 ** 21);
    listDocs[i] = keys[i] % 2 ** 21;
    if (i === 0 || Math.floor(keys[i - 1] / 2 ** 21) !== tok) {
      listOf.set(tok, starts.length);
      starts.push(i);
    }
  }
  starts.push(keys.length);
  say(
    `inverted lists: ${listOf.size.toLocaleString('en')} tokens, ${keys.length.toLocaleString('en')} postings`,
  );

  // For each probing document, count shared prefix tokens per other document.
  const shared = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  const touched = new Int32Array(n);
  const probes = options.sample ?? Int32Array.from({ length: n }, (_, i) => i);
  const out: ExactPair[] = [];
  const seen = new Set<number>();
  let candidates = 0;
  let lastSaid = performance.now();
  for (let p = 0; p < probes.length; p++) {
    const x = probes[p];
    if (performance.now() - lastSaid > 30_000) {
      lastSaid = performance.now();
      say(
        `probed ${p.toLocaleString('en')}/${probes.length.toLocaleString('en')} documents, ${candidates.toLocaleString('en')} candidates so far`,
      );
    }
    let nt = 0;
    for (let i = offsets[x]; i < offsets[x + 1]; i++) {
      const li = listOf.get(tokens[i]);
      if (li === undefined) continue;
      for (let e = starts[li]; e < starts[li + 1]; e++) {
        const y = listDocs[e];
        // All pairs: each once, from the smaller index. Sample: every partner.
        if (y === x || (!options.sample && y < x)) continue;
        if (stamp[y] !== p) {
          stamp[y] = p;
          shared[y] = 0;
          touched[nt++] = y;
        }
        shared[y]++;
      }
    }
    const sx = sets[x].length;
    for (let t = 0; t < nt; t++) {
      const y = touched[t];
      const sy = sets[y].length;
      const big = Math.max(sx, sy);
      if (Math.min(sx, sy) < threshold * big - 1e-9) continue; // size filter
      if (shared[y] < Math.min(m, Math.ceil(threshold * big - 1e-9))) continue;
      candidates++;
      const s = jaccard(sets[x], sets[y]);
      if (s < threshold) continue;
      const lo = Math.min(x, y);
      const hi = Math.max(x, y);
      if (options.sample) {
        const k = lo * 2 ** 21 + hi;
        if (seen.has(k)) continue;
        seen.add(k);
      }
      out.push({ x: lo, y: hi, similarity: s });
    }
  }
  say(
    `verified ${candidates.toLocaleString('en')} candidates: ${out.length.toLocaleString('en')} pairs with Jaccard ≥ ${threshold}`,
  );
  return out;
}

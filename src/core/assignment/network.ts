// The solver's view of an instance: plain typed arrays indexed 0..P-1 (items) and 0..R-1 (reviewers).
// Built once from raw candidate triples; conflicts (affinity < 0) are dropped here and never seen again.

/**
 * A bipartite instance in compressed form. Edges are grouped by item (`pOff`), and within an item by
 * "unit group": a group is a set of candidate edges of which at most one may be used. A reviewer
 * without organisation, or the only candidate of its organisation for that item, is a group of one;
 * two or more candidates of one item from the same organisation form one shared group. When no item
 * has such a shared group, `gOff`, `pgOff` and `eg` are null and group index = edge index.
 */
export interface Network {
  P: number;
  R: number;
  E: number;
  /** Number of groups (= E when flat). */
  G: number;
  /** Groups with two or more members (organisation nodes). */
  multiGroups: number;
  k: Int32Array;
  cap: Int32Array;
  pOff: Int32Array;
  ep: Int32Array;
  er: Int32Array;
  ea: Int32Array;
  pgOff: Int32Array | null;
  gOff: Int32Array | null;
  eg: Int32Array | null;
  /** Index of each edge in the caller's candidate list (for decoding). */
  src: Int32Array;
  amax: number;
}

export interface RawInstance {
  P: number;
  R: number;
  k: ArrayLike<number>;
  cap: ArrayLike<number>;
  /** Organisation of each reviewer as a non-negative integer, -1 = none; null = no organisation rule. */
  org: ArrayLike<number> | null;
  /** Candidate triples; affinity < 0 marks a conflict and the pair is dropped. */
  cp: ArrayLike<number>;
  cr: ArrayLike<number>;
  ca: ArrayLike<number>;
  /** Number of triples to read from cp/cr/ca (defaults to cp.length). */
  n?: number;
}

/** Compresses raw triples into a Network (counting sort by item, organisation groups per item). */
export function buildNetwork(raw: RawInstance): Network {
  const { P, R } = raw;
  const n = raw.n ?? raw.cp.length;
  const k = Int32Array.from(raw.k as ArrayLike<number>);
  const cap = Int32Array.from(raw.cap as ArrayLike<number>);
  const pOff = new Int32Array(P + 1);
  let E = 0;
  let amax = 0;
  // conflicts, and candidates of items that need nobody, never enter the network
  const usable = (i: number) => raw.ca[i] >= 0 && raw.k[raw.cp[i]] > 0;
  for (let i = 0; i < n; i++) {
    const p = raw.cp[i];
    const r = raw.cr[i];
    if (!(p >= 0 && p < P && r >= 0 && r < R)) throw new RangeError(`candidate ${i}: id out of range`);
    const a = raw.ca[i];
    if (!usable(i)) continue;
    pOff[p + 1]++;
    E++;
    if (a > amax) amax = a;
  }
  for (let p = 0; p < P; p++) pOff[p + 1] += pOff[p];
  const ep = new Int32Array(E);
  const er = new Int32Array(E);
  const ea = new Int32Array(E);
  const src = new Int32Array(E);
  const pos = pOff.slice(0, P);
  for (let i = 0; i < n; i++) {
    if (!usable(i)) continue;
    const a = raw.ca[i];
    const p = raw.cp[i];
    const j = pos[p]++;
    ep[j] = p;
    er[j] = raw.cr[i];
    ea[j] = a;
    src[j] = i;
  }
  const net: Network = {
    P,
    R,
    E,
    G: E,
    multiGroups: 0,
    k,
    cap,
    pOff,
    ep,
    er,
    ea,
    pgOff: null,
    gOff: null,
    eg: null,
    src,
    amax,
  };
  if (raw.org) groupByOrganisation(net, raw.org);
  return net;
}

// Reorders each item's edges so that same-organisation candidates are contiguous, and records the groups.
function groupByOrganisation(net: Network, orgRaw: ArrayLike<number>): void {
  const { P, R, E, pOff, er, ea, src } = net;
  const ids = new Map<number, number>();
  const org = new Int32Array(R);
  for (let r = 0; r < R; r++) {
    const o = orgRaw[r];
    if (o < 0) {
      org[r] = -1;
      continue;
    }
    let c = ids.get(o);
    if (c === undefined) {
      c = ids.size;
      ids.set(o, c);
    }
    org[r] = c;
  }
  const NO = ids.size;
  const stamp = new Int32Array(NO).fill(-1);
  const cnt = new Int32Array(NO);
  const start = new Int32Array(NO);
  // First pass: count groups so arrays can be sized exactly.
  let G = 0;
  let multi = 0;
  for (let p = 0; p < P; p++) {
    for (let e = pOff[p]; e < pOff[p + 1]; e++) {
      const o = org[er[e]];
      if (o < 0) continue;
      if (stamp[o] !== p) {
        stamp[o] = p;
        cnt[o] = 0;
      }
      cnt[o]++;
    }
    for (let e = pOff[p]; e < pOff[p + 1]; e++) {
      const o = org[er[e]];
      if (o < 0 || cnt[o] === 1) G++;
      else if (cnt[o] > 0) {
        G++;
        multi++;
        cnt[o] = -cnt[o]; // count each shared group once
      }
    }
  }
  if (multi === 0) return;
  stamp.fill(-1);
  const pgOff = new Int32Array(P + 1);
  const gOff = new Int32Array(G + 1);
  const eg = new Int32Array(E);
  const nr = new Int32Array(E);
  const na = new Int32Array(E);
  const ns = new Int32Array(E);
  const nep = new Int32Array(E);
  let g = 0;
  for (let p = 0; p < P; p++) {
    pgOff[p] = g;
    const e0 = pOff[p];
    const e1 = pOff[p + 1];
    for (let e = e0; e < e1; e++) {
      const o = org[er[e]];
      if (o < 0) continue;
      if (stamp[o] !== p) {
        stamp[o] = p;
        cnt[o] = 0;
      }
      cnt[o]++;
    }
    // singletons first, then shared groups laid out contiguously
    let w = e0;
    for (let e = e0; e < e1; e++) {
      const o = org[er[e]];
      if (o >= 0 && cnt[o] > 1) continue;
      nr[w] = er[e];
      na[w] = ea[e];
      ns[w] = src[e];
      nep[w] = p;
      gOff[g] = w;
      eg[w] = g;
      g++;
      w++;
    }
    for (let e = e0; e < e1; e++) {
      const o = org[er[e]];
      if (o < 0 || cnt[o] <= 1) continue;
      start[o] = w; // reserve a block for this organisation
      w += cnt[o];
      cnt[o] = -cnt[o];
    }
    for (let e = e0; e < e1; e++) {
      const o = org[er[e]];
      if (o < 0 || cnt[o] >= -1) continue;
      const j = start[o]++;
      nr[j] = er[e];
      na[j] = ea[e];
      ns[j] = src[e];
      nep[j] = p;
    }
    // groups of the shared blocks, in layout order (blocks were reserved in first-appearance order)
    for (let x = e0; x < e1; x++) {
      const o = org[er[x]];
      if (o < 0 || cnt[o] >= -1) continue;
      gOff[g++] = start[o] + cnt[o]; // start was advanced by |cnt|: this is the block start
      cnt[o] = 0;
    }
  }
  pgOff[P] = g;
  gOff[g] = E;
  // eg for shared blocks (singletons already set); gOff is ascending within each item by construction
  for (let x = 0; x < g; x++) for (let y = gOff[x]; y < gOff[x + 1]; y++) eg[y] = x;
  net.er = nr;
  net.ea = na;
  net.src = ns;
  net.ep = nep;
  net.G = g;
  net.multiGroups = multi;
  net.pgOff = pgOff;
  net.gOff = gOff;
  net.eg = eg;
}

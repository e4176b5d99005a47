// Exact min-cost flow for reviewer assignment by epsilon-scaling auction (forward bids by items,
// reverse repair by under-used reviewers), on typed arrays. See docs/decisions/0500-assignment-solver.md.
//
// Flow model: item p (supply k_p) -> [organisation node] -> reviewer r -> sink (capacity cap_r), plus a
// shortfall arc p -> V of cost M per unit so that every instance is feasible and the optimum assigns
// as many pairs as possible first. Profits are scaled by S = N + 1 (N = number of nodes); a final
// epsilon of 1 then gives an exact optimum (every residual cycle has length <= N).
//
// Potentials (in profit terms): u[p] for items, v[r] >= 0 for reviewers (price), q[g] for organisation
// nodes holding a unit, 0 for the sink and V. Epsilon-optimality, checked by `certify`:
//   unheld single edge:       a - v[r] <= u[p] + eps
//   held single edge:         a - v[r] >= u[p] - eps
//   held shared group g:      q[g] >= u[p] - eps; held member a - v >= q[g] - eps; others <= q[g] + eps
//   unheld shared group:      every member a - v <= u[p] + 2 eps
//   reviewer with spare cap:  v[r] <= eps
//   shortfall units held:     -M >= u[p] - eps;   spare shortfall capacity: -M <= u[p] + eps
// Shortfall units are a fallback: items with fewer usable groups than seats have the excess removed up
// front (`forced`), and an over-demanded market trips a price guard that restarts the solve with a first
// epsilon at the scale of M, so the climb to the shortfall option takes few steps.
// Reviewer heaps keep, per holder, a bid that never exceeds the holder's tolerance (the highest price
// at which its held-edge condition still holds), so raising a full reviewer's price to its minimum
// bid keeps every holder epsilon-optimal.

import type { Network } from './network.ts';

export interface AuctionOptions {
  /** Epsilon reduction factor between phases (default 16). */
  alpha?: number;
  /** First epsilon = amax * S / firstDiv (default 64, about 16 affinity units at amax 1000). */
  firstDiv?: number;
  /** Check the optimality certificate at the end (default true; O(E)). */
  certify?: boolean;
  /** Called after each scaling phase (progress bars, benchmarks). */
  onPhase?: (info: PhaseInfo) => void;
}

/** Progress after each scaling phase (cumulative counters). */
export interface PhaseInfo extends AuctionStats {
  eps: number;
  /** Items that had to rebid and reviewers that needed repair when the phase started. */
  warmItems: number;
  warmReviewers: number;
}

export interface AuctionStats {
  /** 1 if the solve restarted in shortfall mode (an over-demanded instance). */
  restarts: number;
  phases: number;
  bids: number;
  evictions: number;
  repairs: number;
}

/** Mutable solver state: kept after a solve so that a decline can be repaired locally. */
export interface AuctionState {
  net: Network;
  S: number;
  MS: number;
  eps: number;
  v: Float64Array;
  u: Float64Array;
  q: Float64Array;
  held: Int32Array;
  short: Int32Array;
  load: Int32Array;
  capEff: Int32Array;
  hOff: Int32Array;
  hb: Float64Array;
  hg: Int32Array;
  rOff: Int32Array;
  rE: Int32Array;
  /** Item and affinity of each reverse-adjacency entry (cache-friendly copies of ep[rE], ea[rE]). */
  rP: Int32Array;
  rA: Int32Array;
  /** Shared group of each reverse entry, -1 for a group of one (empty when the network is flat). */
  rG: Int32Array;
  /** Edges removed after the solve (declines, late conflicts): never assigned again. */
  banned: Uint8Array;
  /** Demand the engine works with: k capped by the item's number of usable groups. */
  kEff: Int32Array;
  /** Shortfall known before solving (k - kEff); the reported shortfall is forced + short. */
  forced: Int32Array;
  stats: AuctionStats;
}

const NEG = Number.NEGATIVE_INFINITY;

/** Builds the solver state (reverse adjacency, reviewer heaps) for a network. */
export function createState(net: Network): AuctionState {
  const { P, R, E, G, er } = net;
  const rOff = new Int32Array(R + 1);
  for (let e = 0; e < E; e++) rOff[er[e] + 1]++;
  for (let r = 0; r < R; r++) rOff[r + 1] += rOff[r];
  const rE = new Int32Array(E);
  const fill = rOff.slice(0, R);
  for (let e = 0; e < E; e++) rE[fill[er[e]]++] = e;
  const rP = new Int32Array(E);
  const rA = new Int32Array(E);
  for (let x = 0; x < E; x++) {
    rP[x] = net.ep[rE[x]];
    rA[x] = net.ea[rE[x]];
  }
  const rG = new Int32Array(net.gOff ? E : 0);
  if (net.gOff) {
    const { gOff, eg } = net;
    for (let x = 0; x < E; x++) {
      const g = eg![rE[x]];
      rG[x] = gOff[g + 1] - gOff[g] > 1 ? g : -1;
    }
  }
  const capEff = new Int32Array(R);
  const hOff = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) {
    const deg = rOff[r + 1] - rOff[r];
    capEff[r] = Math.max(0, Math.min(net.cap[r], deg));
    hOff[r + 1] = hOff[r] + capEff[r];
  }
  const banned = new Uint8Array(E);
  for (let e = 0; e < E; e++) if (net.cap[er[e]] <= 0) banned[e] = 1; // a reviewer with no capacity
  // An item can take at most one reviewer per group: the rest of its demand is short from the start.
  const kEff = new Int32Array(P);
  const forced = new Int32Array(P);
  const pgOff = net.pgOff ?? net.pOff;
  for (let p = 0; p < P; p++) {
    let usable = 0;
    for (let g = pgOff[p]; g < pgOff[p + 1]; g++) {
      const s0 = net.gOff ? net.gOff[g] : g;
      const s1 = net.gOff ? net.gOff[g + 1] : g + 1;
      for (let e = s0; e < s1; e++)
        if (!banned[e]) {
          usable++;
          break;
        }
    }
    kEff[p] = Math.min(net.k[p], usable);
    forced[p] = net.k[p] - kEff[p];
  }
  const N = P + R + net.multiGroups + 2;
  const S = N + 1;
  const M = net.amax * R + 1;
  return {
    net,
    S,
    MS: M * S,
    eps: 1,
    v: new Float64Array(R),
    u: new Float64Array(P),
    q: new Float64Array(net.gOff ? G : 0),
    held: new Int32Array(G).fill(-1),
    short: new Int32Array(P),
    load: new Int32Array(R),
    capEff,
    hOff,
    hb: new Float64Array(hOff[R]),
    hg: new Int32Array(hOff[R]),
    rOff,
    rE,
    rP,
    rA,
    rG,
    banned,
    kEff,
    forced,
    stats: { phases: 0, bids: 0, evictions: 0, repairs: 0, restarts: 0 },
  };
}

/** The engine: closures over the state's arrays (fast in V8), shared by the full solve and local repair. */
export function engine(st: AuctionState) {
  const net = st.net;
  const { P, R, cap, pOff, ep, er, ea } = net;
  const k = st.kEff;
  const gOff = net.gOff;
  const pgOff = net.pgOff ?? pOff;
  const eg = net.eg;
  const flat = gOff === null;
  const { v, u, q, held, short, load, capEff, hOff, hb, hg, rOff, rE, rP, rA, rG, banned, S, MS } = st;
  const stampP = new Int32Array(P).fill(-1);
  let tick = 0;
  const stats = st.stats;
  const need = new Int32Array(P);
  // items waiting to bid: FIFO ring (each item is queued at most once: on need 0 -> 1)
  const queueP = new Int32Array(Math.max(P, 1));
  let headP = 0;
  let topP = 0; // number queued
  const pushP = (p: number) => {
    let t = headP + topP;
    if (t >= P) t -= P;
    queueP[t] = p;
    topP++;
  };
  const stackG = new Int32Array(flat ? 0 : net.G);
  let topG = 0;
  const stackR = new Int32Array(R);
  const inStackR = new Uint8Array(R);
  let topR = 0;
  let kmax = 0;
  for (let p = 0; p < P; p++) if (k[p] > kmax) kmax = k[p];
  // top-(m+1) buffer of a bid; V (shortfall) entries have group -1
  const tv = new Float64Array(kmax + 2);
  const tg = new Int32Array(kmax + 2);
  const te = new Int32Array(kmax + 2);
  const ts = new Float64Array(kmax + 2);
  let eps = st.eps;
  let warmItems = 0;
  let guard = Number.POSITIVE_INFINITY;
  let warmReviewers = 0;

  const gStart = (g: number) => (flat ? g : gOff![g]);
  const gEnd = (g: number) => (flat ? g + 1 : gOff![g + 1]);
  const groupOf = (e: number) => (flat ? e : eg![e]);

  // ---- reviewer heaps (min-heap on bid, segment hOff[r] .. hOff[r] + load[r]) ----
  function heapPush(r: number, b: number, g: number): void {
    const base = hOff[r];
    let i = load[r]++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hb[base + parent] <= b) break;
      hb[base + i] = hb[base + parent];
      hg[base + i] = hg[base + parent];
      i = parent;
    }
    hb[base + i] = b;
    hg[base + i] = g;
  }
  function siftDown(base: number, n: number, i0: number, b: number, g: number): void {
    let i = i0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && hb[base + c + 1] < hb[base + c]) c++;
      if (hb[base + c] >= b) break;
      hb[base + i] = hb[base + c];
      hg[base + i] = hg[base + c];
      i = c;
    }
    hb[base + i] = b;
    hg[base + i] = g;
  }
  function siftUp(base: number, i0: number, b: number, g: number): void {
    let i = i0;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (hb[base + parent] <= b) break;
      hb[base + i] = hb[base + parent];
      hg[base + i] = hg[base + parent];
      i = parent;
    }
    hb[base + i] = b;
    hg[base + i] = g;
  }
  function heapRemove(r: number, g: number): void {
    const base = hOff[r];
    const n = load[r];
    let i = 0;
    while (i < n && hg[base + i] !== g) i++;
    if (i === n) throw new Error(`internal: group ${g} not held by reviewer ${r}`);
    const last = n - 1;
    load[r] = last;
    if (i === last) return;
    const b = hb[base + last];
    const lg = hg[base + last];
    if (i > 0 && hb[base + ((i - 1) >> 1)] > b) siftUp(base, i, b, lg);
    else siftDown(base, last, i, b, lg);
  }
  function lowerBid(r: number, g: number, b: number): void {
    const base = hOff[r];
    const n = load[r];
    let i = 0;
    while (i < n && hg[base + i] !== g) i++;
    if (i === n) throw new Error(`internal: group ${g} not held by reviewer ${r}`);
    if (hb[base + i] > b) siftUp(base, i, b, g);
  }

  function markViolator(r: number): void {
    if (inStackR[r] === 0 && load[r] < cap[r] && v[r] > eps) {
      inStackR[r] = 1;
      stackR[topR++] = r;
    }
  }

  function evict(g0: number): void {
    stats.evictions++;
    held[g0] = -1;
    if (!flat && gOff![g0 + 1] - gOff![g0] > 1) {
      stackG[topG++] = g0;
    } else {
      const p0 = ep[gStart(g0)];
      if (need[p0]++ === 0) pushP(p0);
    }
  }

  // Gives reviewer r the unit of group g over edge e with bid b (b > v[r] by construction).
  function place(g: number, e: number, b: number): void {
    held[g] = e;
    const r = er[e];
    const ce = capEff[r];
    if (load[r] < ce) {
      heapPush(r, b, g);
      // a reviewer whose cap exceeds its degree can never be over-subscribed: its price stays
      if (load[r] === ce && ce === cap[r] && hb[hOff[r]] > v[r]) v[r] = hb[hOff[r]];
      return;
    }
    const base = hOff[r];
    const g0 = hg[base];
    siftDown(base, ce, 0, b, g);
    if (hb[base] > v[r]) {
      v[r] = hb[base];
      if (v[r] > guard) throw new PriceGuard();
    }
    evict(g0);
  }

  // Value of a held unit for item-level comparisons: the edge's profit, or for a shared group the highest
  // potential its organisation node may take (held member's profit + eps).
  function unitValue(g: number, e: number): number {
    const val = ea[e] * S - v[er[e]];
    if (flat || gOff![g + 1] - gOff![g] === 1) return val;
    return val + eps;
  }

  // Releases a held unit (not a shortfall one) without touching potentials.
  function release(g: number): void {
    const e = held[g];
    const r = er[e];
    heapRemove(r, g);
    held[g] = -1;
    markViolator(r);
  }

  // After u[p] rose: tightens the stored bids of p's single-edge units (their tolerance fell) and lifts
  // organisation-node potentials to u[p] - eps (always possible: callers ensure unitValue >= u[p] - eps).
  function tightenItem(p: number): void {
    const up = u[p];
    const g0 = pgOff[p];
    const g1 = pgOff[p + 1];
    for (let g = g0; g < g1; g++) {
      const e = held[g];
      if (e < 0) continue;
      if (flat || gOff![g + 1] - gOff![g] === 1) lowerBid(er[e], g, ea[e] * S - up + eps);
      else if (q[g] < up - eps) {
        q[g] = up - eps;
        lowerBid(er[e], g, ea[e] * S - q[g] + eps);
      }
    }
  }

  // Forward bid of item p for its need[p] missing units.
  function bid(p: number): void {
    stats.bids++;
    let m = need[p];
    const g0 = pgOff[p];
    const g1 = pgOff[p + 1];
    let beta = 0;
    for (;;) {
      let cnt = 0;
      const size = m + 1;
      for (let g = g0; g < g1; g++) {
        if (held[g] >= 0) continue;
        let val: number;
        let be: number;
        let sec = NEG;
        const s0 = gStart(g);
        const s1 = gEnd(g);
        if (s1 - s0 === 1) {
          if (banned[s0]) continue;
          val = ea[s0] * S - v[er[s0]];
          be = s0;
        } else {
          val = NEG;
          be = -1;
          for (let e = s0; e < s1; e++) {
            if (banned[e]) continue;
            const x = ea[e] * S - v[er[e]];
            if (x > val) {
              sec = val;
              val = x;
              be = e;
            } else if (x > sec) sec = x;
          }
          if (be < 0) continue;
        }
        if (cnt === size && val <= tv[cnt - 1]) continue;
        let i = cnt < size ? cnt++ : cnt - 1;
        while (i > 0 && tv[i - 1] < val) {
          tv[i] = tv[i - 1];
          tg[i] = tg[i - 1];
          te[i] = te[i - 1];
          ts[i] = ts[i - 1];
          i--;
        }
        tv[i] = val;
        tg[i] = g;
        te[i] = be;
        ts[i] = sec;
      }
      // the shortfall option V is always available at -M
      while (cnt < size) {
        tv[cnt] = -MS;
        tg[cnt] = -1;
        cnt++;
      }
      for (let i = 0; i < size; i++) {
        if (tv[i] < -MS) {
          for (let j = i; j < size; j++) {
            tv[j] = -MS;
            tg[j] = -1;
          }
          break;
        }
      }
      beta = tv[m];
      // units held below beta - eps must be given up (possible after a reverse repair raised values)
      const thr = beta - eps;
      let released = 0;
      if (short[p] > 0 && -MS < thr) {
        released += short[p];
        short[p] = 0;
      }
      for (let g = g0; g < g1; g++) {
        const e = held[g];
        if (e < 0) continue;
        if (unitValue(g, e) < thr) {
          release(g);
          released++;
        }
      }
      if (released === 0) break;
      m += released;
    }
    const raised = beta > u[p];
    u[p] = beta;
    if (raised) tightenItem(p);
    for (let i = 0; i < m; i++) {
      const g = tg[i];
      if (g < 0) {
        short[p]++;
        continue;
      }
      const e = te[i];
      if (flat || gOff![g + 1] - gOff![g] === 1) {
        place(g, e, ea[e] * S - beta + eps);
      } else {
        const w = Math.max(ts[i], beta);
        q[g] = w;
        place(g, e, ea[e] * S - w + eps);
      }
    }
    need[p] = 0;
  }

  // An organisation node whose reviewer was taken rebids inside its group, or hands the unit back.
  function groupRebid(g: number): void {
    stats.bids++;
    const e0 = gOff![g];
    const e1 = gOff![g + 1];
    const p = ep[e0];
    let best = NEG;
    let sec = NEG;
    let be = -1;
    for (let e = e0; e < e1; e++) {
      if (banned[e]) continue;
      const x = ea[e] * S - v[er[e]];
      if (x > best) {
        sec = best;
        best = x;
        be = e;
      } else if (x > sec) sec = x;
    }
    const ret = u[p];
    if (be >= 0 && best >= ret) {
      const w = Math.max(sec, ret);
      q[g] = w;
      place(g, be, ea[be] * S - w + eps);
    } else if (need[p]++ === 0) pushP(p);
  }

  // Reverse repair: reviewer B has spare capacity but a price above eps; lower it, pulling units.
  // Candidates of one repair scan: the TOPN items that value B most, and the next value as price floor.
  const TOPN = 8;
  const cw = new Float64Array(TOPN + 1);
  const ce = new Int32Array(TOPN + 1);

  function repair(B: number): void {
    for (;;) {
      if (load[B] >= cap[B] || v[B] <= eps) return;
      stats.repairs++;
      const canPull = load[B] < capEff[B];
      // mark B's holders (at most cap entries) instead of probing held[] per in-edge
      const t = ++tick;
      for (let i = hOff[B], iEnd = hOff[B] + load[B]; i < iEnd; i++) stampP[ep[gStart(hg[i])]] = t;
      let cnt = 0;
      const x1 = rOff[B + 1];
      for (let x = rOff[B]; x < x1; x++) {
        const p = rP[x];
        if (stampP[p] === t) continue;
        let w: number;
        if (flat) w = rA[x] * S - u[p];
        else {
          const g = rG[x];
          w = g >= 0 && held[g] >= 0 ? rA[x] * S - q[g] : rA[x] * S - u[p];
        }
        if (cnt > TOPN && w <= cw[TOPN]) continue;
        if (banned[rE[x]]) continue;
        let i = cnt <= TOPN ? cnt++ : TOPN;
        while (i > 0 && cw[i - 1] < w) {
          cw[i] = cw[i - 1];
          ce[i] = ce[i - 1];
          i--;
        }
        cw[i] = w;
        ce[i] = rE[x];
      }
      if (cnt === 0) {
        v[B] = 0;
        return;
      }
      // Process candidates in order. A later candidate's value of B is unchanged by earlier pulls (one edge
      // per item); a candidate that declines values B less afterwards, and that new value (declined) joins
      // the price floor.
      const last = Math.min(cnt, TOPN); // candidates usable before a rescan
      let declined = NEG;
      for (let i = 0; i < last; i++) {
        if (load[B] >= cap[B] || v[B] <= eps) return;
        if (declined >= cw[i]) break; // a declined item is back on top: rescan
        const keep = Math.max(cw[i] - eps, 0);
        if (keep <= eps || !canPull) {
          v[B] = keep;
          if (keep > eps) throw new Error(`internal: reviewer ${B} cannot be repaired`);
          return;
        }
        const next = i + 1 < cnt ? cw[i + 1] : NEG;
        const nv = Math.max(Math.max(next, declined) - eps, 0);
        v[B] = nv;
        const w = pullInto(B, ce[i], nv);
        if (w > declined) declined = w;
        if (load[B] >= capEff[B]) break;
      }
    }
  }

  // Offers reviewer B (now priced nv) to the item of edge e1; the item keeps it only if it beats its worst
  // unit. Returns -Infinity if taken, else the item's new value of B (its potential rose).
  function pullInto(B: number, e1: number, nv: number): number {
    {
      const g = groupOf(e1);
      const p = ep[e1];
      const aB = ea[e1] * S;
      const valB = aB - nv;
      const h = held[g];
      if (h >= 0) {
        // swap inside a shared organisation group
        const ro = er[h];
        const valO = ea[h] * S - v[ro];
        if (valB > valO) {
          q[g] = valO + eps;
          heapRemove(ro, g);
          held[g] = e1;
          heapPush(B, aB - q[g] + eps, g);
          markViolator(ro);
          return NEG;
        }
        q[g] = valB + eps;
        lowerBid(ro, g, ea[h] * S - q[g] + eps);
        return aB - q[g];
      }
      // B offered as a new unit of p: p keeps it only if it beats p's worst unit
      const multi = !flat && gOff![g + 1] - gOff![g] > 1;
      const newUnit = valB; // also q[g] for a shared group (valB >= u[p] + eps)
      let worst = short[p] > 0 ? -MS : Number.POSITIVE_INFINITY; // worst unit p already holds
      let wg = -1; // -1: a shortfall unit
      for (let x = pgOff[p]; x < pgOff[p + 1]; x++) {
        const he = held[x];
        if (he < 0) continue;
        const val = unitValue(x, he);
        if (val < worst) {
          worst = val;
          wg = x;
        }
      }
      if (newUnit <= worst) {
        // p prefers all it holds: lift u[p] as far as allowed (worst + eps) so B stops courting p
        u[p] = worst === Number.POSITIVE_INFINITY ? newUnit + eps : worst + eps;
        tightenItem(p);
        return aB - u[p];
      }
      if (wg === -1) short[p]--;
      else release(wg);
      u[p] = worst + eps;
      held[g] = e1;
      if (multi) q[g] = valB;
      heapPush(B, multi ? aB - valB + eps : aB - u[p] + eps, g);
      tightenItem(p);
      return NEG;
    }
  }

  function drain(): void {
    for (;;) {
      if (topG > 0) groupRebid(stackG[--topG]);
      else if (topP > 0) {
        const p = queueP[headP];
        if (++headP === P) headP = 0;
        topP--;
        if (need[p] > 0) bid(p);
      } else if (topR > 0) {
        const r = stackR[--topR];
        inStackR[r] = 0;
        repair(r);
      } else return;
    }
  }

  /** One scaling phase at epsilon e: clear all units, every item bids, then repair reviewers. */
  function phase(e: number): void {
    eps = e;
    st.eps = e;
    stats.phases++;
    held.fill(-1);
    short.fill(0);
    for (let r = 0; r < R; r++) {
      // a reviewer left with spare capacity starts from price 0 (legal: nothing is held at phase start)
      if (load[r] < cap[r]) v[r] = 0;
      load[r] = 0;
    }
    for (let p = P - 1; p >= 0; p--) {
      need[p] = k[p];
      if (k[p] > 0) pushP(p);
    }
    drain();
    for (let r = 0; r < R; r++) markViolator(r);
    drain();
  }

  /**
   * Later scaling phases start from the previous assignment: potentials of items and organisation
   * nodes are re-chosen for the smaller epsilon, only units that violate it are released, reviewer heaps
   * are rebuilt with the new tolerances, and reviewers left with spare capacity above eps are repaired.
   */
  function warmPhase(e: number): void {
    eps = e;
    st.eps = e;
    stats.phases++;
    for (let p = 0; p < P; p++) {
      const g0 = pgOff[p];
      const g1 = pgOff[p + 1];
      // u = best unheld option (V counts while it has spare capacity)
      let up = short[p] < k[p] ? -MS : NEG;
      for (let g = g0; g < g1; g++) {
        if (held[g] >= 0) continue;
        const s0 = gStart(g);
        const s1 = gEnd(g);
        for (let x = s0; x < s1; x++) {
          if (banned[x]) continue;
          const val = ea[x] * S - v[er[x]];
          if (val > up) up = val;
        }
      }
      const thr = up - eps;
      let rel = 0;
      if (short[p] > 0 && -MS < thr) {
        rel += short[p];
        short[p] = 0;
      }
      for (let g = g0; g < g1; g++) {
        const h = held[g];
        if (h < 0) continue;
        const val = ea[h] * S - v[er[h]];
        const s0 = gStart(g);
        const s1 = gEnd(g);
        if (s1 - s0 === 1) {
          if (val < thr) {
            held[g] = -1;
            rel++;
          }
          continue;
        }
        let lo = thr;
        for (let x = s0; x < s1; x++) {
          if (x === h || banned[x]) continue;
          const o = ea[x] * S - v[er[x]] - eps;
          if (o > lo) lo = o;
        }
        if (lo > val + eps) {
          held[g] = -1;
          rel++;
        } else q[g] = lo;
      }
      u[p] = up === NEG ? -MS : up;
      need[p] = rel;
      if (rel > 0) pushP(p);
    }
    // rebuild the reviewer heaps with the new tolerances
    load.fill(0);
    for (let g = 0; g < held.length; g++) {
      const h = held[g];
      if (h < 0) continue;
      const tol = flat || gOff![g + 1] - gOff![g] === 1 ? ea[h] * S - u[ep[h]] + eps : ea[h] * S - q[g] + eps;
      heapPush(er[h], tol, g);
    }
    for (let r = 0; r < R; r++) markViolator(r);
    warmItems = topP;
    warmReviewers = topR;
    drain();
  }

  /** Full solve by epsilon scaling down to 1. */
  function solve(
    alpha: number,
    firstDiv: number,
    onPhase?: (info: PhaseInfo) => void,
    shortfallMode = false,
  ): void {
    // Normal mode starts near the affinity scale and gives up (PriceGuard) if prices climb far above it,
    // the sign of an over-demanded market; shortfall mode starts at the scale of M so that the climb to
    // the shortfall option takes a few coarse steps.
    const top = shortfallMode ? MS : Math.max(net.amax, 1) * S;
    guard = shortfallMode ? Number.POSITIVE_INFINITY : 4 * Math.max(net.amax, 1) * S;
    let e = Math.max(1, Math.floor(top / firstDiv));
    v.fill(0);
    load.fill(0);
    phase(e);
    onPhase?.({ eps: e, warmItems: P, warmReviewers: 0, ...stats });
    while (e > 1) {
      e = Math.max(1, Math.floor(e / alpha));
      warmPhase(e);
      onPhase?.({ eps: e, warmItems, warmReviewers, ...stats });
    }
  }

  /** Removes edge e from the instance and restores optimality locally (epsilon stays at its value). */
  function ban(e: number): boolean {
    if (banned[e]) return false;
    banned[e] = 1;
    const g = groupOf(e);
    const p = ep[e];
    // if the item now has fewer usable groups than its demand, one more seat is short for good
    let usable = 0;
    for (let x = pgOff[p]; x < pgOff[p + 1]; x++) {
      for (let y = gStart(x); y < gEnd(x); y++)
        if (!banned[y]) {
          usable++;
          break;
        }
    }
    const lose = usable < k[p];
    if (lose) {
      k[p]--;
      st.forced[p]++;
    }
    if (held[g] !== e) {
      if (lose) short[p]--; // it held a shortfall unit: fewer real options than seats already
      return false;
    }
    const r = er[e];
    heapRemove(r, g);
    held[g] = -1;
    if (lose) {
      // the seat disappears with the edge; nothing to rebid
    } else if (!flat && gOff![g + 1] - gOff![g] > 1) stackG[topG++] = g;
    else if (need[p]++ === 0) pushP(p);
    markViolator(r);
    drain();
    return true;
  }

  return { solve, ban };
}

/** Solves to an exact optimum; returns the state (assignment in `held`, shortfall in `short`). */
export function solveAuction(net: Network, opts: AuctionOptions = {}): AuctionState {
  let st = createState(net);
  try {
    engine(st).solve(opts.alpha ?? 16, opts.firstDiv ?? 64, opts.onPhase);
  } catch (err) {
    if (!(err instanceof PriceGuard)) throw err;
    const stats = st.stats;
    st = createState(net);
    st.stats.restarts = stats.restarts + 1;
    engine(st).solve(opts.alpha ?? 16, opts.firstDiv ?? 64, opts.onPhase, true);
  }
  if (opts.certify ?? true) certify(st);
  return st;
}

/** Thrown when prices climb far above the affinity scale; the solve restarts in shortfall mode. */
class PriceGuard extends Error {}

/**
 * Checks feasibility and the epsilon-optimality conditions listed at the top of this file with
 * eps * N < S, which together prove the assignment optimal. Throws on any violation.
 */
export function certify(st: AuctionState): void {
  const { net, v, u, q, held, short, load, S, MS, eps, banned } = st;
  const { P, R, cap, pOff, er, ea } = net;
  const k = st.kEff;
  const pgOff = net.pgOff ?? pOff;
  const gOff = net.gOff;
  const N = P + R + net.multiGroups + 2;
  if (eps * N >= S) throw new Error('certificate: epsilon too large');
  const cnt = new Int32Array(R);
  const fail = (msg: string) => {
    throw new Error(`certificate: ${msg}`);
  };
  for (let p = 0; p < P; p++) {
    let units = short[p];
    const up = u[p];
    for (let g = pgOff[p]; g < pgOff[p + 1]; g++) {
      const s0 = gOff ? gOff[g] : g;
      const s1 = gOff ? gOff[g + 1] : g + 1;
      const h = held[g];
      if (h >= 0) {
        units++;
        cnt[er[h]]++;
        if (banned[h]) fail(`banned edge ${h} held`);
        const vh = ea[h] * S - v[er[h]];
        if (s1 - s0 === 1) {
          if (vh < up - eps) fail(`item ${p}: held edge below u - eps`);
        } else {
          if (q[g] < up - eps) fail(`item ${p}: group potential below u - eps`);
          if (vh < q[g] - eps) fail(`item ${p}: held member below q - eps`);
          for (let e = s0; e < s1; e++)
            if (e !== h && !banned[e] && ea[e] * S - v[er[e]] > q[g] + eps)
              fail(`item ${p}: unheld member above q + eps`);
        }
      } else {
        const lim = s1 - s0 === 1 ? up + eps : up + 2 * eps;
        for (let e = s0; e < s1; e++)
          if (!banned[e] && ea[e] * S - v[er[e]] > lim) fail(`item ${p}: unheld edge above u + eps`);
      }
    }
    if (units !== k[p]) fail(`item ${p}: ${units} units for demand ${k[p]}`);
    if (short[p] > 0 && -MS < up - eps) fail(`item ${p}: shortfall used although better options exist`);
    if (short[p] < k[p] && -MS > up + eps) fail(`item ${p}: shortfall potential`);
  }
  for (let r = 0; r < R; r++) {
    if (cnt[r] !== load[r]) fail(`reviewer ${r}: load mismatch`);
    if (cnt[r] > cap[r]) fail(`reviewer ${r}: over capacity`);
    if (v[r] < 0) fail(`reviewer ${r}: negative price`);
    if (cnt[r] < cap[r] && v[r] > eps) fail(`reviewer ${r}: spare capacity at price ${v[r]}`);
  }
}

// An item turned into an integer-weighted query over the expert index.
//
// combined(item, expert) = α · S/N + (1 − α) · D, where
//   S = Σ_t w_t · impact(t, expert)             BM25F text score, w_t = (k3+1)f_t/(k3+f_t), f_t the
//                                                field-weighted count of t in the item
//   N = the item's self-score: S of a document identical to the item (same idf, BM25 with the
//       item's own length), so S/N ≈ 1 means "matches as well as the proposal matches itself"
//   D = discipline agreement in [0, 1] (discipline.ts), scored through code-prefix pseudo-terms.
// Every query entry j gets an integer weight q_j = round(λ c_j) (c_j its exact coefficient per
// stored impact unit), so a score is the exact integer Σ q_j · impact_j and combined ≈ score/λ.
// λ puts the largest possible single contribution at 2^31: relative error ≤ 2^-31 per entry
// plus the 16-bit impact quantisation.
import { type TokenizeOptions, tokenize } from '../text/tokenize.ts';
import type { AffinityIndex } from './build.ts';
import { itemCodeTerms } from './discipline.ts';

/** A call item (proposal) as the affinity engine sees it. */
export interface ItemProfile {
  title: string;
  abstract: string;
  keywords: readonly string[];
  disciplineCodes: readonly string[];
}

/** An item already tokenised (see tokenizeItem). */
export interface ItemTerms {
  titleTerms: readonly string[];
  abstractTerms: readonly string[];
  keywordTerms: readonly string[];
  disciplineCodes: readonly string[];
}

export interface AffinityQuery {
  /** Term ids with a positive integer weight, ascending. */
  readonly terms: Uint32Array;
  readonly weights: Float64Array;
  /** combined affinity in [0, 1] ≈ integer score / scale. */
  readonly scale: number;
  /** Self-score N (0 when no item word occurs in any expert document). */
  readonly textNorm: number;
  /** Exact (unrounded) text weights w_t per entry (0 for code prefixes), for explanations. */
  readonly textWeights: Float64Array;
}

/** Tokenises an item with the given tokeniser options. */
export function tokenizeItem(item: ItemProfile, options: TokenizeOptions = {}): ItemTerms {
  const keywordTerms: string[] = [];
  for (const k of item.keywords) for (const t of tokenize(k, options)) keywordTerms.push(t);
  return {
    titleTerms: tokenize(item.title, options),
    abstractTerms: tokenize(item.abstract, options),
    keywordTerms,
    disciplineCodes: item.disciplineCodes,
  };
}

const TARGET = 2 ** 31;

/** Builds the query of an already tokenised item. */
export function prepareQueryFromTerms(index: AffinityIndex, item: ItemTerms): AffinityQuery {
  const o = index.options;
  const f = new Map<number, number>();
  const add = (terms: readonly string[], w: number) => {
    if (w === 0) return;
    for (const s of terms) {
      const id = index.termIds.get(s);
      if (id === undefined || id >= index.textTermCount) continue;
      f.set(id, (f.get(id) ?? 0) + w);
    }
  };
  add(item.titleTerms, o.itemTitleWeight);
  add(item.abstractTerms, o.itemAbstractWeight);
  add(item.keywordTerms, o.itemKeywordWeight);

  let qlen = 0;
  for (const v of f.values()) qlen += v;
  const kq = o.k1 * (1 - o.b + (o.b * qlen) / index.avgDocLength);
  let norm = 0;
  const entries: { id: number; coef: number; w: number }[] = [];
  for (const [id, ft] of f) {
    const w = ((o.k3 + 1) * ft) / (o.k3 + ft);
    norm += (w * index.idf[id] * ft * (o.k1 + 1)) / (ft + kq);
    entries.push({ id, coef: 0, w });
  }
  const alpha = norm > 0 ? o.textWeight : 0;
  for (const e of entries) e.coef = norm > 0 ? (alpha * e.w * index.impactQuantum) / norm : 0;
  const beta = 1 - o.textWeight;
  if (beta > 0) {
    for (const [key, v] of itemCodeTerms(item.disciplineCodes, o.codeWeights)) {
      const id = index.termIds.get(key);
      if (id !== undefined) entries.push({ id, coef: beta * v, w: 0 });
    }
  }
  // Vanishing coefficients (e.g. a text weight of 1e-320) would overflow the scale; drop them.
  for (const e of entries) if (!(e.coef > 1e-200)) e.coef = 0;
  let maxContribution = 0;
  for (const e of entries) maxContribution = Math.max(maxContribution, e.coef * index.maxImpact[e.id]);
  const scale = maxContribution > 0 ? TARGET / maxContribution : 1;
  const kept = entries
    .map((e) => ({ ...e, q: Math.round(e.coef * scale) }))
    .filter((e) => e.q > 0)
    .sort((a, b) => a.id - b.id);
  return {
    terms: Uint32Array.from(kept, (e) => e.id),
    weights: Float64Array.from(kept, (e) => e.q),
    scale,
    textNorm: norm,
    textWeights: Float64Array.from(kept, (e) => e.w),
  };
}

/** Tokenises an item and builds its query. */
export function prepareQuery(index: AffinityIndex, item: ItemProfile): AffinityQuery {
  return prepareQueryFromTerms(index, tokenizeItem(item, index.options.tokenize));
}

/** Integer affinity 0..1000 (the assignment solver's weight) from an integer score. */
export function affinityPoints(query: AffinityQuery, score: number): number {
  const v = Math.round((1000 * score) / query.scale);
  return Math.max(0, Math.min(v, 1000));
}

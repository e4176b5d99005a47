// The expert index: BM25F impacts over expert documents (keywords + publication titles), stored
// as a term-ordered inverted index (CSR, doc ids ascending) and a doc-ordered forward index,
// both on typed arrays. Impacts are quantised to 16-bit integers so that every score is an
// exact integer sum, independent of summation order: the pruned search and the brute force
// then agree exactly, ties included.
import { type TokenizeOptions, tokenize } from '../text/tokenize.ts';
import { expertCodeTerms } from './discipline.ts';

/** An expert as the affinity engine sees it; experts are referred to by their position (0-based). */
export interface ExpertProfile {
  keywords: readonly string[];
  publicationTitles: readonly string[];
  disciplineCodes: readonly string[];
}

/** An expert already tokenised (see tokenizeExpert); lets callers cache or parallelise tokenisation. */
export interface ExpertTerms {
  keywordTerms: readonly string[];
  publicationTerms: readonly string[];
  disciplineCodes: readonly string[];
}

export interface AffinityOptions {
  /** BM25 term-frequency saturation. */
  k1: number;
  /** BM25 length normalisation. */
  b: number;
  /** Query-side saturation of repeated item terms: w = (k3+1)f/(k3+f). */
  k3: number;
  /** Share of the text part in the combined affinity (the rest is discipline agreement). */
  textWeight: number;
  /** Integer BM25F field weights of the expert document. */
  expertKeywordWeight: number;
  expertPublicationWeight: number;
  /** Field weights of the item (query) text. */
  itemTitleWeight: number;
  itemAbstractWeight: number;
  itemKeywordWeight: number;
  /** Priority weights of an item's discipline codes (first = primary); default 1, 0.5, 0.25, … */
  codeWeights: readonly number[];
  tokenize: TokenizeOptions;
}

export const DEFAULT_AFFINITY_OPTIONS: AffinityOptions = {
  k1: 1.2,
  b: 0.75,
  k3: 8,
  textWeight: 0.7,
  expertKeywordWeight: 3,
  expertPublicationWeight: 1,
  itemTitleWeight: 2,
  itemAbstractWeight: 1,
  itemKeywordWeight: 3,
  codeWeights: [],
  tokenize: {},
};

/** Largest quantised impact. */
export const IMPACT_MAX = 65535;

export interface AffinityIndex {
  readonly options: AffinityOptions;
  readonly expertCount: number;
  /** Term ids [0, textTermCount) are words, [textTermCount, termCount) discipline-code prefixes. */
  readonly textTermCount: number;
  readonly termCount: number;
  readonly termIds: ReadonlyMap<string, number>;
  readonly terms: readonly string[];
  /** Per term: document frequency and BM25 idf (text terms; 0 for code prefixes). */
  readonly df: Uint32Array;
  readonly idf: Float64Array;
  /** Inverted index: postings of term t are [postOffsets[t], postOffsets[t+1]), doc ids ascending. */
  readonly postOffsets: Uint32Array;
  readonly postDocs: Uint32Array;
  readonly postImpacts: Uint16Array;
  /** Largest quantised impact in each posting list (the MaxScore upper bound). */
  readonly maxImpact: Uint16Array;
  /** Forward index: terms of doc d are [docOffsets[d], docOffsets[d+1]), term ids ascending. */
  readonly docOffsets: Uint32Array;
  readonly docTerms: Uint32Array;
  readonly docImpacts: Uint16Array;
  /** Weighted term frequency (BM25F) per forward entry; 1 for code prefixes. */
  readonly docTf: Uint16Array;
  /** Weighted document length (BM25F) and its mean. */
  readonly docLength: Float64Array;
  readonly avgDocLength: number;
  /** A quantised impact of 1 stands for this much BM25 (impact = quantum × stored value). */
  readonly impactQuantum: number;
}

/** Tokenises an expert profile with the index's tokeniser options. */
export function tokenizeExpert(expert: ExpertProfile, options: TokenizeOptions = {}): ExpertTerms {
  const keywordTerms: string[] = [];
  for (const k of expert.keywords) for (const t of tokenize(k, options)) keywordTerms.push(t);
  const publicationTerms: string[] = [];
  for (const p of expert.publicationTitles) for (const t of tokenize(p, options)) publicationTerms.push(t);
  return { keywordTerms, publicationTerms, disciplineCodes: expert.disciplineCodes };
}

class GrowU32 {
  a = new Uint32Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Uint32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  done(): Uint32Array {
    return this.a.slice(0, this.n);
  }
}

/** BM25 idf (Lucene form, always positive). */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** Builds the index from profiles (tokenising them). */
export function buildAffinityIndex(
  experts: readonly ExpertProfile[],
  options: Partial<AffinityOptions> = {},
): AffinityIndex {
  const opts = { ...DEFAULT_AFFINITY_OPTIONS, ...options };
  return buildAffinityIndexFromTerms(
    experts.map((e) => tokenizeExpert(e, opts.tokenize)),
    opts,
  );
}

/** Builds the index from already tokenised experts. */
export function buildAffinityIndexFromTerms(
  experts: readonly ExpertTerms[],
  options: Partial<AffinityOptions> = {},
): AffinityIndex {
  const opts: AffinityOptions = { ...DEFAULT_AFFINITY_OPTIONS, ...options };
  const wk = opts.expertKeywordWeight;
  const wp = opts.expertPublicationWeight;
  if (!Number.isInteger(wk) || !Number.isInteger(wp) || wk < 0 || wp < 0) {
    throw new RangeError('expert field weights must be non-negative integers');
  }
  const n = experts.length;
  const textIds = new Map<string, number>();
  const codeIds = new Map<string, number>();
  // Per doc: text term ids with weighted tf, then code-prefix ids (local ids, remapped later).
  const fwdOffsets = new Uint32Array(n + 1);
  const fwdTerms = new GrowU32();
  const fwdTf = new GrowU32();
  const docLength = new Float64Array(n);
  const tf = new Map<number, number>();
  for (let d = 0; d < n; d++) {
    const e = experts[d];
    tf.clear();
    const add = (terms: readonly string[], w: number) => {
      if (w === 0) return;
      for (const t of terms) {
        let id = textIds.get(t);
        if (id === undefined) {
          id = textIds.size;
          textIds.set(t, id);
        }
        tf.set(id, (tf.get(id) ?? 0) + w);
      }
    };
    add(e.keywordTerms, wk);
    add(e.publicationTerms, wp);
    let len = 0;
    const ids = [...tf.keys()].sort((a, b) => a - b);
    for (const id of ids) {
      const f = tf.get(id)!;
      fwdTerms.push(id);
      fwdTf.push(f);
      len += f;
    }
    docLength[d] = len;
    const codes = [...expertCodeTerms(e.disciplineCodes)];
    const cids: number[] = [];
    for (const c of codes) {
      let id = codeIds.get(c);
      if (id === undefined) {
        id = codeIds.size;
        codeIds.set(c, id);
      }
      cids.push(id);
    }
    cids.sort((a, b) => a - b);
    // Code ids are stored with the top bit set until the text vocabulary size is known.
    for (const id of cids) {
      fwdTerms.push(0x80000000 + id);
      fwdTf.push(1);
    }
    fwdOffsets[d + 1] = fwdTerms.n;
  }
  const textTermCount = textIds.size;
  const termCount = textTermCount + codeIds.size;
  const docTerms = fwdTerms.done();
  const tfRaw = fwdTf.done();
  for (let i = 0; i < docTerms.length; i++) {
    if (docTerms[i] >= 0x80000000) docTerms[i] = textTermCount + (docTerms[i] - 0x80000000);
  }
  const df = new Uint32Array(termCount);
  for (let i = 0; i < docTerms.length; i++) df[docTerms[i]]++;
  const idf = new Float64Array(termCount);
  for (let t = 0; t < textTermCount; t++) idf[t] = bm25Idf(n, df[t]);
  let totalLength = 0;
  for (let d = 0; d < n; d++) totalLength += docLength[d];
  const avgDocLength = n > 0 && totalLength > 0 ? totalLength / n : 1;

  // Exact BM25F impacts, then quantised against the global maximum.
  const impact = new Float64Array(docTerms.length);
  let maxExact = 0;
  for (let d = 0; d < n; d++) {
    const k = opts.k1 * (1 - opts.b + (opts.b * docLength[d]) / avgDocLength);
    for (let i = fwdOffsets[d]; i < fwdOffsets[d + 1]; i++) {
      const t = docTerms[i];
      if (t >= textTermCount) continue;
      const f = tfRaw[i];
      const v = (idf[t] * f * (opts.k1 + 1)) / (f + k);
      impact[i] = v;
      if (v > maxExact) maxExact = v;
    }
  }
  const impactQuantum = maxExact > 0 ? maxExact / IMPACT_MAX : 1;
  const docImpacts = new Uint16Array(docTerms.length);
  const docTf = new Uint16Array(docTerms.length);
  for (let i = 0; i < docTerms.length; i++) {
    docTf[i] = Math.min(tfRaw[i], 65535);
    // A present term never quantises to 0, so presence is never lost.
    docImpacts[i] = docTerms[i] >= textTermCount ? 1 : Math.max(1, Math.round(impact[i] / impactQuantum));
  }

  const postOffsets = new Uint32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) postOffsets[t + 1] = postOffsets[t] + df[t];
  const fill = postOffsets.slice(0, termCount);
  const postDocs = new Uint32Array(docTerms.length);
  const postImpacts = new Uint16Array(docTerms.length);
  const maxImpact = new Uint16Array(termCount);
  for (let d = 0; d < n; d++) {
    for (let i = fwdOffsets[d]; i < fwdOffsets[d + 1]; i++) {
      const t = docTerms[i];
      const p = fill[t]++;
      postDocs[p] = d;
      postImpacts[p] = docImpacts[i];
      if (docImpacts[i] > maxImpact[t]) maxImpact[t] = docImpacts[i];
    }
  }
  const terms: string[] = new Array(termCount);
  for (const [s, id] of textIds) terms[id] = s;
  for (const [s, id] of codeIds) terms[textTermCount + id] = s;
  const termIds = new Map<string, number>(textIds);
  for (const [s, id] of codeIds) termIds.set(s, textTermCount + id);
  return {
    options: opts,
    expertCount: n,
    textTermCount,
    termCount,
    termIds,
    terms,
    df,
    idf,
    postOffsets,
    postDocs,
    postImpacts,
    maxImpact,
    docOffsets: fwdOffsets,
    docTerms,
    docImpacts,
    docTf,
    docLength,
    avgDocLength,
    impactQuantum,
  };
}

// Why an expert fits an item: the shared terms and code prefixes with their contributions.
import type { AffinityIndex } from './build.ts';
import { type AffinityQuery, affinityPoints, type ItemProfile, prepareQuery } from './query.ts';

export interface TermContribution {
  term: string;
  /** BM25F contribution w_t · impact(t, expert); these sum to `text`. */
  contribution: number;
  /** The same in affinity points (0..1000 scale); text and discipline points sum to `combined`·1000. */
  points: number;
  /** Query-side weight w_t and the expert's field-weighted term frequency. */
  itemWeight: number;
  expertTf: number;
}

export interface AffinityExplanation {
  expert: number;
  /** Integer affinity 0..1000, as given to the assignment solver. */
  affinity: number;
  /** Exact integer score and combined affinity score/scale (unclamped). */
  score: number;
  combined: number;
  /** BM25F text score S and the item's self-score N. */
  text: number;
  textNorm: number;
  /** Discipline agreement D in [0, 1]. */
  discipline: number;
  textPoints: number;
  disciplinePoints: number;
  /** Shared terms, largest contribution first (ties by term), at most `topTerms`. */
  terms: TermContribution[];
  /** Shared terms left out of `terms`, summed. */
  otherTerms: { count: number; contribution: number; points: number };
  /** Shared discipline-code prefixes ("N:F02") with their points, coarsest first. */
  disciplinePrefixes: { prefix: string; points: number }[];
}

/** Integer score of one (item, expert) pair via the forward index. */
export function scorePair(index: AffinityIndex, query: AffinityQuery, expert: number): number {
  let s = 0;
  forEachShared(index, query, expert, (j, i) => {
    s += query.weights[j] * index.docImpacts[i];
  });
  return s;
}

function forEachShared(
  index: AffinityIndex,
  query: AffinityQuery,
  expert: number,
  f: (queryEntry: number, forwardEntry: number) => void,
): void {
  let i = index.docOffsets[expert];
  const end = index.docOffsets[expert + 1];
  let j = 0;
  while (i < end && j < query.terms.length) {
    const a = index.docTerms[i];
    const b = query.terms[j];
    if (a < b) i++;
    else if (a > b) j++;
    else {
      f(j, i);
      i++;
      j++;
    }
  }
}

/** Explains the affinity of one expert for one item. */
export function explainAffinity(
  index: AffinityIndex,
  item: ItemProfile | AffinityQuery,
  expert: number,
  topTerms = 10,
): AffinityExplanation {
  const q = 'terms' in item ? item : prepareQuery(index, item);
  const all: TermContribution[] = [];
  const prefixes: { prefix: string; points: number }[] = [];
  let score = 0;
  let text = 0;
  let disciplinePoints = 0;
  let textPoints = 0;
  let discipline = 0;
  const beta = 1 - index.options.textWeight;
  forEachShared(index, q, expert, (j, i) => {
    const t = q.terms[j];
    const s = q.weights[j] * index.docImpacts[i];
    score += s;
    const points = (1000 * s) / q.scale;
    if (t < index.textTermCount) {
      const contribution = q.textWeights[j] * index.docImpacts[i] * index.impactQuantum;
      text += contribution;
      textPoints += points;
      all.push({
        term: index.terms[t],
        contribution,
        points,
        itemWeight: q.textWeights[j],
        expertTf: index.docTf[i],
      });
    } else {
      disciplinePoints += points;
      if (beta > 0) discipline += s / q.scale / beta;
      prefixes.push({ prefix: index.terms[t], points });
    }
  });
  all.sort((a, b) => b.contribution - a.contribution || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  const shown = all.slice(0, topTerms);
  const rest = all.slice(topTerms);
  prefixes.sort((a, b) => a.prefix.length - b.prefix.length || (a.prefix < b.prefix ? -1 : 1));
  return {
    expert,
    affinity: affinityPoints(q, score),
    score,
    combined: score / q.scale,
    text,
    textNorm: q.textNorm,
    discipline,
    textPoints,
    disciplinePoints,
    terms: shown,
    otherTerms: {
      count: rest.length,
      contribution: rest.reduce((a, r) => a + r.contribution, 0),
      points: rest.reduce((a, r) => a + r.points, 0),
    },
    disciplinePrefixes: prefixes,
  };
}

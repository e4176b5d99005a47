// Expert–item affinity: BM25F over tokenised text plus discipline-code agreement, top-C
// candidate generation on an inverted index with MaxScore pruning, and explanations.
export {
  type AffinityIndex,
  type AffinityOptions,
  bm25Idf,
  buildAffinityIndex,
  buildAffinityIndexFromTerms,
  DEFAULT_AFFINITY_OPTIONS,
  type ExpertProfile,
  type ExpertTerms,
  IMPACT_MAX,
  tokenizeExpert,
} from './build.ts';
export {
  codePrefixes,
  disciplineAgreement,
  expertCodeTerms,
  itemCodeTerms,
  LEVEL_CUMULATIVE,
} from './discipline.ts';
export { type AffinityExplanation, explainAffinity, scorePair, type TermContribution } from './explain.ts';
export {
  type AffinityQuery,
  affinityPoints,
  type ItemProfile,
  type ItemTerms,
  prepareQuery,
  prepareQueryFromTerms,
  tokenizeItem,
} from './query.ts';
export {
  type BatchOptions,
  CandidateSearcher,
  type Candidates,
  type CandidateTable,
  MAXSCORE_MIN_EXPERTS,
  type SearchStats,
  type SearchStrategy,
  topCandidates,
  topCandidatesBatch,
} from './search.ts';

// Near-duplicate and multiple-submission detection (重复申报): public surface.
// Pure and synchronous; see README.md for the method and its parameters.
export {
  type BatchOptions,
  comparePairs,
  DedupIndex,
  type DedupOptions,
  type DedupParams,
  type DuplicatePair,
  findDuplicatePairs,
  type Match,
  orderedPair,
  type PreparedDocument,
  resolveDedupParams,
  type SimilarityMode,
} from './dedup-index.ts';
export { intersectionSize, jaccard, jaccardAtLeast } from './jaccard.ts';
export { type Banding, bandKeys, candidateProbability, chooseBanding, sCurveThreshold } from './lsh.ts';
export { estimateSimilarity, minhashSeeds, minhashSignature } from './minhash.ts';
export { type NormalizedText, normalizedString, normalizeText } from './normalize.ts';
export {
  type AlignedPassage,
  type Overlap,
  type OverlapOptions,
  overlappingPassages,
  type Span,
} from './passages.ts';
export { DEFAULT_SHINGLE_LENGTH, shingleHashAt, shingleHashes, shingleSet } from './shingle.ts';

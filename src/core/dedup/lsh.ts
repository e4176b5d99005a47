// LSH banding: split a signature into b bands of r rows; two documents become
// candidates when all r rows of at least one band agree. For Jaccard s the
// chance is P(s) = 1 − (1 − s^r)^b, an S-curve whose steep part sits near
// (1/b)^(1/r). See README.md ("Choosing bands and rows").
import { fmix32 } from './hash.ts';

export interface Banding {
  readonly bands: number;
  readonly rows: number;
}

/** P(two documents of Jaccard s share at least one band) = 1 − (1 − s^r)^b. */
export function candidateProbability(s: number, { bands, rows }: Banding): number {
  return 1 - (1 - s ** rows) ** bands;
}

/** Similarity where the S-curve is steepest, ≈ (1/b)^(1/r). */
export function sCurveThreshold({ bands, rows }: Banding): number {
  return (1 / bands) ** (1 / rows);
}

/**
 * Banding for `numHashes` functions that keeps P(threshold) ≥ minRecall with the
 * most rows per band: more rows push the S-curve right, so fewer dissimilar
 * pairs become candidates and the exact check has less to reject.
 */
export function chooseBanding(threshold: number, numHashes: number, minRecall = 0.99): Banding {
  if (!(threshold > 0 && threshold <= 1))
    throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  if (!Number.isInteger(numHashes) || numHashes < 1)
    throw new RangeError(`numHashes must be a positive integer`);
  for (let rows = numHashes; rows >= 1; rows--) {
    const bands = Math.floor(numHashes / rows);
    if (candidateProbability(threshold, { bands, rows }) >= minRecall) return { bands, rows };
  }
  return { bands: numHashes, rows: 1 };
}

/** One uint32 key per band (the band index is mixed in, so keys of different bands differ). */
export function bandKeys(
  signature: Uint32Array,
  { bands, rows }: Banding,
  out: Uint32Array = new Uint32Array(bands),
): Uint32Array {
  for (let b = 0; b < bands; b++) {
    let h = Math.imul(b + 1, 0x27d4eb2d);
    const base = b * rows;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ signature[base + r], 0x01000193) ^ (h >>> 15);
    out[b] = fmix32(h);
  }
  return out;
}

// Character shingles over normalised text, hashed to uint32.
import { fmix32 } from './hash.ts';

/**
 * Default shingle length in normalised characters. Five CJK characters span
 * two or three words and are almost never shared by chance (≈3,500 common
 * characters, so ~10^17 possible 5-grams); five Latin letters, once spaces are
 * removed, are about one word, enough to keep unrelated English texts at a
 * Jaccard of a few percent, while each edit breaks at most 5 shingles so
 * near-duplicates keep a high Jaccard. See README.md ("Shingle length").
 */
export const DEFAULT_SHINGLE_LENGTH = 5;

const SEED = 0x2f8a1c3d;
const FNV_PRIME = 0x01000193;

/** Hash of the shingle chars[at..at+k), uint32. */
export function shingleHashAt(chars: Uint32Array, at: number, k: number): number {
  let h = SEED;
  for (let j = 0; j < k; j++) h = Math.imul(h ^ chars[at + j], FNV_PRIME);
  return fmix32(h ^ k);
}

/**
 * Hash of every shingle position, in text order (length n-k+1). A text
 * shorter than k but not empty is one shingle of its whole length.
 */
export function shingleHashes(chars: Uint32Array, k: number = DEFAULT_SHINGLE_LENGTH): Uint32Array {
  const n = chars.length;
  if (n === 0) return new Uint32Array(0);
  if (n < k) return Uint32Array.of(shingleHashAt(chars, 0, n));
  const out = new Uint32Array(n - k + 1);
  for (let i = 0; i < out.length; i++) out[i] = shingleHashAt(chars, i, k);
  return out;
}

/** The set of shingle hashes: sorted ascending, without repeats. */
export function shingleSet(chars: Uint32Array, k: number = DEFAULT_SHINGLE_LENGTH): Uint32Array {
  const all = shingleHashes(chars, k).sort();
  let m = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[m - 1]) all[m++] = all[i];
  return all.slice(0, m);
}

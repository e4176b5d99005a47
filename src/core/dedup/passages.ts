// Overlapping passages of a flagged pair, as spans of the original strings, so
// a UI can highlight both texts side by side.
import { type NormalizedText, normalizeText } from './normalize.ts';
import { DEFAULT_SHINGLE_LENGTH, shingleHashes } from './shingle.ts';

/** A range of UTF-16 offsets in an original string, end exclusive. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A passage found in both texts: where it is in each, and its normalised length. */
export interface AlignedPassage {
  readonly a: Span;
  readonly b: Span;
  /** Length in normalised characters. */
  readonly length: number;
}

export interface Overlap {
  /** Every part of text A that shares a shingle with B, merged, in order. */
  readonly a: Span[];
  /** Every part of text B that shares a shingle with A, merged, in order. */
  readonly b: Span[];
  /** Greedy left-to-right alignment of A's shared passages with where they occur in B. */
  readonly passages: AlignedPassage[];
}

export interface OverlapOptions {
  /** Shingle length used to detect shared text. Default 5 (as the index). */
  shingleLength?: number;
  /** Drop shared runs shorter than this many normalised characters. Default: the shingle length. */
  minLength?: number;
  /** Occurrences in B tried per shingle of A when aligning. Default 32. */
  maxCandidates?: number;
}

function sameChars(x: Uint32Array, i: number, y: Uint32Array, j: number, k: number): boolean {
  for (let t = 0; t < k; t++) if (x[i + t] !== y[j + t]) return false;
  return true;
}

function positionsByHash(h: Uint32Array): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let i = 0; i < h.length; i++) {
    const list = m.get(h[i]);
    if (list) list.push(i);
    else m.set(h[i], [i]);
  }
  return m;
}

// Runs of normalised positions of `x` covered by a shingle that also occurs in `y`.
function coverage(
  x: NormalizedText,
  hx: Uint32Array,
  y: NormalizedText,
  inY: Map<number, number[]>,
  k: number,
  minLength: number,
): Span[] {
  const runs: Span[] = [];
  let runStart = -1;
  let coveredUntil = 0;
  const flush = () => {
    if (runStart >= 0 && coveredUntil - runStart >= minLength) {
      runs.push({ start: x.start[runStart], end: x.end[coveredUntil - 1] });
    }
  };
  for (let i = 0; i < hx.length; i++) {
    const list = inY.get(hx[i]);
    if (!list?.some((j) => sameChars(x.chars, i, y.chars, j, k))) continue;
    if (i > coveredUntil || runStart < 0) {
      flush();
      runStart = i;
    }
    coveredUntil = i + k;
  }
  flush();
  return runs;
}

/**
 * The passages two texts share: spans in the original strings (not the
 * normalised ones), merged per text, plus an alignment pairing them up.
 */
export function overlappingPassages(textA: string, textB: string, options: OverlapOptions = {}): Overlap {
  const na = normalizeText(textA);
  const nb = normalizeText(textB);
  const k0 = options.shingleLength ?? DEFAULT_SHINGLE_LENGTH;
  // Texts shorter than k are one shingle of their own length; compare at the shorter length.
  const k = Math.max(1, Math.min(k0, na.length, nb.length));
  const minLength = Math.max(k, options.minLength ?? k);
  const maxCandidates = options.maxCandidates ?? 32;
  if (na.length === 0 || nb.length === 0) return { a: [], b: [], passages: [] };
  const ha = shingleHashes(na.chars, k);
  const hb = shingleHashes(nb.chars, k);
  const inA = positionsByHash(ha);
  const inB = positionsByHash(hb);
  const a = coverage(na, ha, nb, inB, k, minLength);
  const b = coverage(nb, hb, na, inA, k, minLength);

  const passages: AlignedPassage[] = [];
  let coveredUntil = 0;
  for (let i = 0; i < ha.length; i++) {
    if (i + k <= coveredUntil) continue;
    const list = inB.get(ha[i]);
    if (!list) continue;
    let bestJ = -1;
    let bestLen = 0;
    for (let c = 0; c < list.length && c < maxCandidates; c++) {
      const j = list[c];
      let len = 0;
      while (i + len < na.length && j + len < nb.length && na.chars[i + len] === nb.chars[j + len]) len++;
      if (len > bestLen) {
        bestLen = len;
        bestJ = j;
      }
    }
    if (bestLen < minLength) continue;
    passages.push({
      a: { start: na.start[i], end: na.end[i + bestLen - 1] },
      b: { start: nb.start[bestJ], end: nb.end[bestJ + bestLen - 1] },
      length: bestLen,
    });
    coveredUntil = i + bestLen;
  }
  return { a, b, passages };
}

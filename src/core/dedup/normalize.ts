// Text normalisation for near-duplicate detection. Works code point by code
// point so every normalised character remembers where it came from in the
// original string; that is what lets passages be highlighted in the original.

/** A normalised text: code points plus, for each, its UTF-16 span in the original. */
export interface NormalizedText {
  /** Normalised code points (letters, digits and combining marks only). */
  readonly chars: Uint32Array;
  /** UTF-16 offset in the original where the character at i comes from. */
  readonly start: Int32Array;
  /** UTF-16 offset in the original just past the character at i (exclusive). */
  readonly end: Int32Array;
  readonly length: number;
}

const UNKNOWN = 0xfffffffe;
const EXPANDS = 0xfffffffd;
const DROPPED = 0xffffffff;
const KEEP = /^[\p{L}\p{N}\p{M}]$/u;

// BMP lookup table, filled lazily: a single mapped code point, DROPPED, or
// EXPANDS (several code points, found in `expansions`). Astral code points go
// through `astral`. Mapping a code point costs a String.normalize call once.
const bmp = new Uint32Array(0x10000).fill(UNKNOWN);
const expansions = new Map<number, Uint32Array>();
const astral = new Map<number, Uint32Array>();

function mapCodePoint(cp: number): Uint32Array {
  // NFKD folds full-width forms (Ａ→A, １→1), compatibility ideographs and
  // ligatures, and decomposes accents so precomposed and combining spellings
  // agree; lower-casing after decomposition folds case for every script.
  const folded = String.fromCodePoint(cp).normalize('NFKD').toLowerCase().normalize('NFKD');
  const out: number[] = [];
  for (const ch of folded) if (KEEP.test(ch)) out.push(ch.codePointAt(0)!);
  return Uint32Array.from(out);
}

function lookup(cp: number): number {
  let v = bmp[cp];
  if (v !== UNKNOWN) return v;
  const m = mapCodePoint(cp);
  if (m.length === 0) v = DROPPED;
  else if (m.length === 1) v = m[0];
  else {
    v = EXPANDS;
    expansions.set(cp, m);
  }
  bmp[cp] = v;
  return v;
}

// ASCII is the hot path for English; prime it so the loop never calls normalize.
for (let cp = 0; cp < 0x80; cp++) lookup(cp);

/**
 * Normalises `text`: full-width→half-width and other compatibility forms,
 * case folding, and removal of punctuation, symbols and whitespace.
 */
export function normalizeText(text: string): NormalizedText {
  let cap = text.length + 16;
  let chars = new Uint32Array(cap);
  let start = new Int32Array(cap);
  let end = new Int32Array(cap);
  let n = 0;
  const push = (cp: number, s: number, e: number) => {
    if (n === cap) {
      cap *= 2;
      const c2 = new Uint32Array(cap);
      c2.set(chars);
      chars = c2;
      const s2 = new Int32Array(cap);
      s2.set(start);
      start = s2;
      const e2 = new Int32Array(cap);
      e2.set(end);
      end = e2;
    }
    chars[n] = cp;
    start[n] = s;
    end[n] = e;
    n++;
  };
  const len = text.length;
  for (let i = 0; i < len; ) {
    let cp = text.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < len) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    if (cp < 0x10000) {
      const v = lookup(cp);
      if (v === DROPPED) {
        // punctuation, symbol or whitespace
      } else if (v === EXPANDS) {
        for (const c of expansions.get(cp)!) push(c, i, i + width);
      } else if (n < cap) {
        chars[n] = v;
        start[n] = i;
        end[n] = i + 1;
        n++;
      } else push(v, i, i + 1);
    } else {
      let m = astral.get(cp);
      if (m === undefined) {
        m = mapCodePoint(cp);
        astral.set(cp, m);
      }
      for (const c of m) push(c, i, i + width);
    }
    i += width;
  }
  return { chars: chars.subarray(0, n), start: start.subarray(0, n), end: end.subarray(0, n), length: n };
}

/** The normalised text as a plain string (for display, tests and debugging). */
export function normalizedString(text: string): string {
  const { chars } = normalizeText(text);
  let out = '';
  for (let i = 0; i < chars.length; i += 4096) out += String.fromCodePoint(...chars.subarray(i, i + 4096));
  return out;
}

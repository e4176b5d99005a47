import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { jaccard, jaccardAtLeast } from './jaccard.ts';
import { normalizeText } from './normalize.ts';
import { shingleHashAt, shingleSet } from './shingle.ts';

const sortedSet = (xs: number[]) => Uint32Array.from(new Set(xs)).sort();
function bruteJaccard(x: number[], y: number[]): number {
  const a = new Set(x);
  const b = new Set(y);
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const v of a) if (b.has(v)) inter++;
  return inter / (a.size + b.size - inter);
}
const smallSet = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 40 });

describe('jaccard', () => {
  it('equals a brute-force set computation', () => {
    fc.assert(
      fc.property(smallSet, smallSet, (x, y) => {
        assert.equal(jaccard(sortedSet(x), sortedSet(y)), bruteJaccard(x, y));
      }),
    );
  });

  it('jaccardAtLeast returns the Jaccard exactly when it reaches the threshold, else -1', () => {
    fc.assert(
      fc.property(smallSet, smallSet, fc.double({ min: 0.05, max: 1, noNaN: true }), (x, y, t) => {
        const j = bruteJaccard(x, y);
        const got = jaccardAtLeast(sortedSet(x), sortedSet(y), t);
        if (j >= t && j > 0) assert.equal(got, j);
        else assert.equal(got, -1);
      }),
    );
  });

  it('shingle Jaccard of two texts equals brute force over the k-gram strings', () => {
    const words = ['基金', '项目', 'research', 'grant', '人工智能', 'the', 'model', '量子'];
    const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 30 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(text, text, (s, t) => {
        const grams = (u: string) => {
          const cs = [...normalizeText(u).chars].map((c) => String.fromCodePoint(c)).join('');
          const chars = [...cs];
          if (chars.length < 5) return [chars.join('')];
          return chars.slice(0, chars.length - 4).map((_, i) => chars.slice(i, i + 5).join(''));
        };
        const ga = grams(s);
        const gb = grams(t);
        const a = new Set(ga);
        const b = new Set(gb);
        let inter = 0;
        for (const g of a) if (b.has(g)) inter++;
        const brute = inter / (a.size + b.size - inter);
        const hashed = jaccard(shingleSet(normalizeText(s).chars), shingleSet(normalizeText(t).chars));
        // 32-bit shingle hashes: equal unless two distinct 5-grams collide.
        assert.ok(Math.abs(hashed - brute) < 1e-12, `${hashed} vs ${brute}`);
      }),
    );
  });

  it('hashes a shingle from its characters only', () => {
    const x = Uint32Array.of(1, 2, 3, 4, 5, 6);
    const y = Uint32Array.of(9, 2, 3, 4, 5, 6, 7);
    assert.equal(shingleHashAt(x, 1, 5), shingleHashAt(y, 1, 5));
    assert.notEqual(shingleHashAt(x, 0, 5), shingleHashAt(x, 1, 5));
  });
});

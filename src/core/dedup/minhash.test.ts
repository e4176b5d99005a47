import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { candidateProbability, chooseBanding, sCurveThreshold } from './lsh.ts';
import { estimateSimilarity, minhashSeeds, minhashSignature } from './minhash.ts';

// Two sets of `size` with exactly `common` shared elements; consecutive
// integers on purpose, the least random input a shingle hash could give.
function pair(base: number, size: number, common: number): [Uint32Array, Uint32Array] {
  const a = new Uint32Array(size);
  const b = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    a[i] = base + i;
    b[i] = i < common ? base + i : base + 1_000_000 + i;
  }
  return [a, b];
}

describe('minhash', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const s = Uint32Array.of(5, 9, 1000, 77);
    assert.deepEqual(minhashSignature(s, minhashSeeds(16, 1)), minhashSignature(s, minhashSeeds(16, 1)));
    assert.notDeepEqual(minhashSignature(s, minhashSeeds(16, 1)), minhashSignature(s, minhashSeeds(16, 2)));
  });

  it('estimates Jaccard without bias on structured inputs', () => {
    const seeds = minhashSeeds(128, 1);
    for (const [size, common] of [
      [300, 100],
      [300, 267],
    ]) {
      const truth = common / (2 * size - common);
      let sum = 0;
      const trials = 200;
      for (let t = 0; t < trials; t++) {
        const [a, b] = pair(t * 10_000_000, size, common);
        sum += estimateSimilarity(minhashSignature(a, seeds), minhashSignature(b, seeds));
      }
      // standard error of the mean ≈ sqrt(J(1−J)/128/200) ≤ 0.0032
      assert.ok(Math.abs(sum / trials - truth) < 0.012, `mean ${sum / trials} vs ${truth}`);
    }
  });

  it('gives identical sets identical signatures', () => {
    const seeds = minhashSeeds(64, 3);
    const s = Uint32Array.of(3, 1, 4, 1, 5, 9, 2, 6);
    assert.equal(
      estimateSimilarity(minhashSignature(s, seeds), minhashSignature(s.slice().reverse(), seeds)),
      1,
    );
  });
});

describe('LSH banding', () => {
  it('chooses 21 bands of 6 rows for threshold 0.8 and 128 hashes', () => {
    const b = chooseBanding(0.8, 128);
    assert.deepEqual(b, { bands: 21, rows: 6 });
    assert.ok(candidateProbability(0.8, b) > 0.998);
    assert.ok(candidateProbability(0.3, b) < 0.02);
    assert.ok(Math.abs(sCurveThreshold(b) - 0.6) < 0.01);
  });

  it('keeps the candidate probability at the threshold above the requested recall', () => {
    for (const t of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95]) {
      for (const n of [32, 64, 128, 256]) {
        const b = chooseBanding(t, n);
        assert.ok(b.bands * b.rows <= n);
        assert.ok(candidateProbability(t, b) >= 0.99, `t=${t} n=${n}`);
      }
    }
  });

  it('rejects a threshold outside (0, 1]', () => {
    assert.throws(() => chooseBanding(0, 128), RangeError);
    assert.throws(() => chooseBanding(1.5, 128), RangeError);
  });
});

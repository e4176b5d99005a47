// The duplicate threshold from the environment or the command line: 0 < t ≤ 1, and an error that
// names where the bad value came from.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { loadConfig, parseDedupThreshold } from '../../config.ts';

describe('dedup threshold', () => {
  test('defaults to 0.8 and is read from DEDUP_THRESHOLD', () => {
    assert.equal(loadConfig({}).dedupThreshold, 0.8);
    assert.equal(loadConfig({ DEDUP_THRESHOLD: '0.9' }).dedupThreshold, 0.9);
    assert.equal(loadConfig({ DEDUP_THRESHOLD: '1' }).dedupThreshold, 1);
  });
  test('accepts every number in (0, 1] and refuses everything else, naming the setting', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), (x) => {
        const ok = x > 0 && x <= 1;
        try {
          const t = parseDedupThreshold(String(x));
          return ok && t === x;
        } catch (e) {
          return !ok && /^DEDUP_THRESHOLD must be/.test((e as Error).message);
        }
      }),
    );
    for (const bad of ['0', '-0.5', '1.01', 'abc', 'NaN', 'Infinity'])
      assert.throws(() => loadConfig({ DEDUP_THRESHOLD: bad }), /DEDUP_THRESHOLD/, bad);
    assert.throws(() => parseDedupThreshold('7', '--threshold'), /^Error: --threshold must be/);
  });
});

// `jiebang ip check` as a real process: one JSON line per number, exit 1 if any is invalid.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
const lines = (s: string) =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('jiebang ip check', { timeout: 120_000 }, () => {
  test('valid numbers, with or without ZL and the dot, exit 0', () => {
    const r = run('ip', 'check', 'ZL200310102344.5', '2003101023445');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(lines(r.stdout), [
      { number: 'ZL200310102344.5', valid: true, kind: 'invention', filingYear: 2003 },
      { number: '2003101023445', valid: true, kind: 'invention', filingYear: 2003 },
    ]);
  });

  test('one wrong check digit makes the exit status 1 and is reported as invalid', () => {
    const r = run('ip', 'check', 'ZL200310102344.5', '200310102344.6', 'nonsense');
    assert.equal(r.status, 1);
    assert.deepEqual(
      lines(r.stdout).map((l) => [l.number, l.valid]),
      [
        ['ZL200310102344.5', true],
        ['200310102344.6', false],
        ['nonsense', false],
      ],
    );
  });
});

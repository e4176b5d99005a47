// `jiebang assign` as a real process: reads RAP1/RAP2 files, solves with --algo auction (the largest
// total affinity) or fair (the highest affinity floor, then the total), writes one "p r" line per
// pair, reports JSON, and exits 2 with the best partial assignment when slots cannot be filled.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jb-assign-'));

function assign(instance: string, ...args: string[]) {
  const input = join(dir, `in-${Math.random().toString(36).slice(2)}.rap`);
  const output = `${input}.out`;
  writeFileSync(input, instance);
  const r = spawnSync(process.execPath, [bin, 'assign', '--in', input, '--out', output, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, DATABASE_URL: '' },
  });
  let pairs: string[] = [];
  try {
    pairs = readFileSync(output, 'utf8').trim().split('\n').filter(Boolean).sort();
  } catch {}
  const report = r.stdout.trim() ? JSON.parse(r.stdout.trim().split('\n').at(-1)!) : null;
  return { status: r.status, pairs, report, stderr: r.stderr };
}

// Two items (one reviewer each), two reviewers (one item each). The largest total takes a weak pair
// (10 + 1 = 11); the fair answer keeps every pair at affinity 3 or more (3 + 5 = 8).
const TWO_BY_TWO = 'RAP1 2 2 4\n1 1\n1 1\n0 0 10\n0 1 3\n1 0 5\n1 1 1\n';

describe('jiebang assign', { timeout: 300_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('--algo auction (the default) maximises the total affinity', () => {
    const r = assign(TWO_BY_TWO);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.pairs, ['0 0', '1 1']);
    assert.equal(r.report.status, 'optimal');
    assert.equal(r.report.objective, 11);
    assert.equal(r.report.assigned, 2);
    assert.equal(r.report.format, 'RAP1');
  });

  test('--algo fair raises the weakest pair, then the total', () => {
    const r = assign(TWO_BY_TWO, '--algo', 'fair');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.pairs, ['0 1', '1 0']);
    assert.equal(r.report.affinity_floor, 3);
    assert.equal(r.report.objective, 8);
  });

  test('RAP2: one reviewer per organisation on an item', () => {
    // One item needing two reviewers; reviewers 0 and 1 share organisation 0.
    const r = assign('RAP2 1 3 3\n2\n1 1 1\n0 0 1\n0 0 9\n0 1 8\n0 2 1\n');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.pairs, ['0 0', '0 2']);
    assert.equal(r.report.objective, 10);
  });

  test('slots that cannot be filled: exit 2, the best partial assignment written, the reason said', () => {
    const r = assign('RAP1 2 1 2\n1 1\n1\n0 0 4\n1 0 7\n');
    assert.equal(r.status, 2);
    assert.deepEqual(r.pairs, ['1 0']);
    assert.equal(r.report.status, 'infeasible');
    assert.equal(r.report.missing, 1);
    assert.match(r.stderr, /infeasible: 1 reviewer slot\(s\) on 1 item\(s\)/);
  });

  test('an unknown --algo or a file that is not RAP is refused', () => {
    const algo = assign(TWO_BY_TWO, '--algo', 'greedy');
    assert.notEqual(algo.status, 0);
    assert.match(algo.stderr, /unknown --algo greedy/);
    const bad = assign('not an instance\n');
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /not a RAP1\/RAP2 header/);
  });
});

// `jiebang commissioners match` as a real process on JSONL files: the optimal pairs within
// capacities, the objective printed, a bad line named by its number with exit status 1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-commissioners-'));
const file = (name: string, lines: unknown[]) => {
  const p = join(dir, name);
  writeFileSync(p, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return p;
};
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, 'commissioners', 'match', ...args, '--quiet'], {
    encoding: 'utf8',
    timeout: 120_000,
  });

describe('jiebang commissioners match', { timeout: 120_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('pairs within capacities, nearest expertise first, objective printed', () => {
    const c = file('c.jsonl', [
      {
        id: 'near',
        keywords: ['茶树', '病虫害'],
        regions: ['330481'],
        capacity: 1,
        note: 'extra fields pass',
      },
      { id: 'far', keywords: ['茶树', '病虫害'], regions: ['110101'], capacity: 5 },
      { id: 'off', keywords: ['茶树', '病虫害'], regions: ['330481'], capacity: 5, available: false },
      { id: 'veg', keywords: ['蔬菜', '大棚'], regions: ['330481'], capacity: 1 },
    ]);
    const d = file('d.jsonl', [
      { id: 'd1', text: '茶树病虫害严重', region: '330481' },
      { id: 'd2', text: '茶树病虫害', region: '330481' },
      { id: 'd3', text: '大棚蔬菜', region: '330482' },
    ]);
    const out = join(dir, 'm.jsonl');
    const r = run('--commissioners', c, '--demands', d, '--out', out);
    assert.equal(r.status, 0, r.stderr);
    const pairs = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const by = new Map(pairs.map((p) => [p.demand, p]));
    assert.equal(pairs.length, 3);
    assert.ok(!pairs.some((p) => p.commissioner === 'off'));
    assert.equal(pairs.filter((p) => p.commissioner === 'near').length, 1);
    assert.equal(by.get('d3').commissioner, 'veg');
    const summary = JSON.parse(r.stdout.trim());
    assert.equal(summary.matched, 3);
    assert.equal(
      summary.objective,
      pairs.reduce((s, p) => s + p.score, 0),
    );
  });

  test('a malformed line is named with its number; exit status 1', () => {
    const c = file('bad.jsonl', [
      { id: 'a', keywords: ['茶树'], regions: ['330481'], capacity: 1 },
      '{"id":"b","keywords":[]}',
    ]);
    const d = file('d2.jsonl', [{ id: 'd1', text: '茶树', region: '330481' }]);
    const r = run('--commissioners', c, '--demands', d, '--out', join(dir, 'x.jsonl'));
    assert.equal(r.status, 1);
    assert.match(r.stderr, /commissioners line 2: "regions"/);
  });
});

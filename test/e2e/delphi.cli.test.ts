// `jiebang delphi stats --in RANKS.csv` as a real process: the published example in
// docs/samples/delphi-ranks.csv, ties, and bad files whose errors name the line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const sample = new URL('../../docs/samples/delphi-ranks.csv', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-delphi-'));

function run(file: string, lang = 'en_US.UTF-8') {
  const r = spawnSync(process.execPath, [bin, 'delphi', 'stats', '--in', file], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LANG: lang, LC_ALL: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string) {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('jiebang delphi stats', { timeout: 120_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('prints one JSON object for the sample: three panellists, six items, W = 0.161905', () => {
    const r = run(sample);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim().split('\n').length, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['panellists', 'items', 'W', 'chiSquare', 'df', 'pValue']);
    assert.equal(out.panellists, 3);
    assert.equal(out.items, 6);
    assert.equal(out.W.toFixed(6), '0.161905');
    assert.equal(out.chiSquare.toFixed(6), '2.428571');
    assert.equal(out.df, 5);
    // χ²(5) tail in closed form: erfc(√(x/2)) + e^(−x/2)·√(2x/π)·(1 + x/3) = 0.7872118…
    assert.equal(out.pValue.toFixed(6), '0.787212');
  });

  test('equal ranks are ties with the correction', () => {
    const r = run(
      file(
        'ties.csv',
        'panellist,item,rank\nA,w,1\nA,x,2\nA,y,3\nA,z,4\nB,w,1\nB,x,2\nB,y,2\nB,z,4\nC,w,1\nC,x,1\nC,y,3\nC,z,4\n',
      ),
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).W.toFixed(6), (474 / 504).toFixed(6));
  });

  test('a missing rank and a second rank of one item are errors naming their lines', () => {
    const r = run(file('bad.csv', 'panellist,item,rank\nA,x,1\nA,y,2\nB,x,\nB,y,1\nB,x,2\n'));
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^line 4: the rank of item x by panellist B is missing$/m);
    assert.match(r.stderr, /^line 6: panellist B ranks item x a second time \(first on line 4\)$/m);
  });

  test('an item a panellist left out is named at their last line, in Chinese under a Chinese locale', () => {
    const r = run(file('gap.csv', 'panellist,item,rank\nA,x,1\nA,y,2\nB,x,1\n'), 'zh_CN.UTF-8');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^第 4 行：专家 B 未对以下条目排序：y$/m);
  });

  test('a wrong header or a rank out of range names the line', () => {
    const h = run(file('head.csv', 'expert,item,rank\nA,x,1\n'));
    assert.equal(h.status, 1);
    assert.match(h.stderr, /^line 1: the header must be panellist,item,rank$/m);
    const o = run(file('range.csv', 'panellist,item,rank\nA,x,1\nA,y,3\nB,x,1\nB,y,2\n'));
    assert.equal(o.status, 1);
    assert.match(o.stderr, /^line 3: the rank "3" must be a number from 1 to 2$/m);
  });

  test('--help describes the file', () => {
    const r = spawnSync(process.execPath, [bin, 'delphi', 'stats', '--help'], { encoding: 'utf8' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /panellist,item,rank/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocumentLine, runDedup } from './dedup.ts';

const dir = mkdtempSync(join(process.env.JIEBANG_TEST_TMP ?? tmpdir(), 'dedup-'));
const base =
  '本项目拟研究面向复杂电网的分布式储能调度方法，提出基于强化学习的协同控制策略，并在示范工程中验证其有效性。' +
  '研究内容包括储能单元的状态估计、多时间尺度的优化模型、通信受限条件下的分布式算法，以及面向新能源高比例接入的鲁棒性分析。' +
  'Expected outcomes include open-source software, three patents and a field trial with the provincial grid company.';
const options = { threshold: 0.8, shingle: 5, hashes: 128, quiet: true };

function capture(fn: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  const write = process.stderr.write.bind(process.stderr);
  let stderr = '';
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  return fn()
    .then((code) => ({ code, stderr }))
    .finally(() => {
      process.stderr.write = write;
    });
}

describe('jiebang dedup', () => {
  it('writes each near-duplicate pair once with a < b', async () => {
    const input = join(dir, 'in.jsonl');
    const out = join(dir, 'out.jsonl');
    const lines = [
      { id: 'p2', text: base },
      { id: 'p1', text: base.replace('示范工程', '试点工程') },
      { id: 'p3', text: 'An unrelated English abstract about protein folding and cryo-EM.' },
      { id: 'p0', text: `${base}` },
    ];
    writeFileSync(input, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n\n`);
    const { code } = await capture(() => runDedup({ ...options, in: input, out }));
    assert.equal(code, 0);
    const pairs = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      pairs.map((p) => [p.a, p.b]),
      [
        ['p0', 'p1'],
        ['p0', 'p2'],
        ['p1', 'p2'],
      ],
    );
    assert.equal(pairs[1].similarity, 1);
    assert.ok(pairs[0].similarity >= 0.8 && pairs[0].similarity < 1);
  });

  it('names the line and the reason of each bad line and writes nothing', async () => {
    const input = join(dir, 'bad.jsonl');
    const out = join(dir, 'bad-out.jsonl');
    writeFileSync(
      input,
      `{"id":"a","text":"x"}\nnot json\n{"id":"b"}\n{"id":7,"text":"y"}\n{"id":"a","text":"z"}\n`,
    );
    const { code, stderr } = await capture(() => runDedup({ ...options, in: input, out }));
    assert.equal(code, 1);
    assert.match(stderr, /bad\.jsonl:2: invalid JSON/);
    assert.match(stderr, /bad\.jsonl:3: missing "text"/);
    assert.match(stderr, /bad\.jsonl:4: "id" must be a non-empty string/);
    assert.match(stderr, /bad\.jsonl:5: duplicate id "a"/);
    assert.throws(() => readFileSync(out));
  });

  it('parses a document line or says what is wrong', () => {
    assert.deepEqual(parseDocumentLine('{"id":"x","text":"t","extra":1}'), { id: 'x', text: 't' });
    assert.deepEqual(parseDocumentLine('[1]'), { error: 'expected a JSON object {"id": ..., "text": ...}' });
    assert.deepEqual(parseDocumentLine('{"text":"t"}'), { error: 'missing "id"' });
    assert.deepEqual(parseDocumentLine('{"id":"x","text":null}'), { error: '"text" must be a string' });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DedupIndex, findDuplicatePairs } from './dedup-index.ts';
import { jaccard } from './jaccard.ts';
import { normalizeText } from './normalize.ts';
import { shingleSet } from './shingle.ts';

const ZH =
  '国家自然科学基金委员会重点支持人工智能量子信息材料能源生命健康方向基础研究鼓励青年科学家提出原创问题'.split(
    '',
  );
const EN =
  'the research project will develop novel methods for quantum sensing energy storage and machine learning'.split(
    ' ',
  );

// A paragraph of random words from a mixed Chinese/English vocabulary.
const paragraph = fc
  .array(fc.oneof(fc.constantFrom(...ZH), fc.constantFrom(...EN)), { minLength: 40, maxLength: 160 })
  .map((w) => w.join(' '));

const exactJaccard = (x: string, y: string) =>
  jaccard(shingleSet(normalizeText(x).chars), shingleSet(normalizeText(y).chars));

// Replaces `count` words at pseudo-random positions: a planted near-duplicate.
function editWords(text: string, count: number, salt: number): string {
  const words = text.split(' ');
  for (let c = 0; c < count; c++) {
    const at = (Math.imul(c + 1, 2654435761) ^ salt) >>> 0;
    words[at % words.length] = `替换${c}x${salt % 97}`;
  }
  return words.join(' ');
}

describe('DedupIndex', () => {
  it('after replacing texts, answers exactly as an index built from the final texts', () => {
    const step = fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), text: paragraph, edits: fc.nat(3) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), paragraph, (steps, probe) => {
        const live = new DedupIndex();
        const final = new Map<string, string>();
        for (const { id, text, edits } of steps) {
          // Some texts are revisions of the one they replace, so old and new overlap.
          const next = edits && final.has(id) ? editWords(final.get(id)!, edits, text.length) : text;
          live.replace(id, next);
          final.set(id, next);
        }
        const oracle = new DedupIndex();
        for (const [id, text] of [...final].sort()) oracle.add(id, text);
        assert.equal(live.size, final.size);
        for (const q of [probe, ...final.values(), ...steps.map((s) => s.text)])
          assert.deepEqual(live.query(q), oracle.query(q));
      }),
      { numRuns: 60 },
    );
  });

  it('finds a document identical to itself at similarity 1', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const index = new DedupIndex();
        index.add('x', text);
        assert.deepEqual(index.query(text), [{ id: 'x', similarity: 1 }]);
      }),
    );
  });

  it('finds a copy with a few changed words, at its exact Jaccard', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 0, max: 2 ** 30 }), (text, salt) => {
        const copy = editWords(text, 1, salt);
        const j = exactJaccard(text, copy);
        fc.pre(j >= 0.85);
        const index = new DedupIndex();
        index.add('orig', text);
        const m = index.add('copy', copy);
        // P(miss) at J ≥ 0.85 is (1 − 0.85^6)^21 < 1e-4; the seed is fixed, so this is deterministic per input.
        assert.deepEqual(m, [{ id: 'orig', similarity: j }]);
      }),
    );
  });

  it('reports each pair once with a < b, symmetric in the order documents arrive', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 2, maxLength: 6 }), fc.integer(), (base, salt) => {
        // Each base paragraph plus two edited copies, ids deliberately out of order.
        const docs = base.flatMap((t, i) => [
          { id: `d${i}-2`, text: t },
          { id: `d${i}-1`, text: editWords(t, 1, salt) },
          { id: `d${i}-0`, text: editWords(t, 2, salt + 1) },
        ]);
        const forward = findDuplicatePairs(docs, { threshold: 0.7 });
        const backward = findDuplicatePairs([...docs].reverse(), { threshold: 0.7 });
        assert.deepEqual(forward, backward);
        const seen = new Set<string>();
        for (const p of forward) {
          assert.ok(p.a < p.b);
          const key = `${p.a}|${p.b}`;
          assert.ok(!seen.has(key));
          seen.add(key);
          const text = (id: string) => docs.find((d) => d.id === id)!.text;
          assert.equal(p.similarity, exactJaccard(text(p.a), text(p.b)));
          assert.ok(p.similarity >= 0.7);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('reports exactly the pairs a brute force finds, on corpora with planted near-duplicates', () => {
    let truePairs = 0;
    let found = 0;
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 3, maxLength: 8 }), fc.integer(), (base, salt) => {
        const docs = base.flatMap((t, i) => [
          { id: `${i}a`, text: t },
          { id: `${i}b`, text: editWords(t, 1 + (i % 3), salt) },
        ]);
        const got = findDuplicatePairs(docs, { threshold: 0.8 });
        const truth = new Set<string>();
        for (let x = 0; x < docs.length; x++) {
          for (let y = x + 1; y < docs.length; y++) {
            if (exactJaccard(docs[x].text, docs[y].text) >= 0.8) {
              truth.add([docs[x].id, docs[y].id].sort().join('|'));
            }
          }
        }
        for (const p of got) assert.ok(truth.has(`${p.a}|${p.b}`), 'every reported pair is a true pair');
        truePairs += truth.size;
        found += got.length;
      }),
      { numRuns: 60 },
    );
    assert.ok(truePairs > 50);
    assert.ok(found / truePairs >= 0.95, `recall ${found}/${truePairs}`);
  });

  it('uses the MinHash estimate when asked', () => {
    const text = EN.concat(ZH).join(' ').repeat(3);
    const index = new DedupIndex({ similarity: 'estimate' });
    index.add('a', text);
    const m = index.add('b', editWords(text, 1, 7));
    assert.equal(m.length, 1);
    assert.ok(Math.abs(m[0].similarity - exactJaccard(text, editWords(text, 1, 7))) < 0.1);
    assert.equal(m[0].similarity * 128, Math.round(m[0].similarity * 128));
  });

  it('never matches empty or punctuation-only texts', () => {
    const index = new DedupIndex();
    assert.deepEqual(index.add('a', ''), []);
    assert.deepEqual(index.add('b', '，。！'), []);
    assert.deepEqual(index.add('c', ''), []);
  });

  it('accepts prepared documents and rejects a duplicate id', () => {
    const index = new DedupIndex();
    const p = index.prepare('可以持久化的预处理结果 prepared once, stored, re-added');
    index.add('a', p);
    assert.deepEqual(index.add('b', p), [{ id: 'a', similarity: 1 }]);
    assert.throws(() => index.add('a', 'x'), /duplicate document id "a"/);
    assert.equal(index.size, 2);
    assert.ok(index.has('b'));
  });

  it('grows past its initial tables without losing entries', () => {
    const index = new DedupIndex();
    const texts: string[] = [];
    for (let i = 0; i < 3000; i++) texts.push(`文档${i} ${EN[i % EN.length]} ${i * 7919} 唯一编号${i}内容`);
    for (let i = 0; i < texts.length; i++) index.add(`d${i}`, texts[i]);
    for (let i = 0; i < texts.length; i += 97) assert.equal(index.query(texts[i])[0]?.id, `d${i}`);
  });
});

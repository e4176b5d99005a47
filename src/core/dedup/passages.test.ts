import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizedString, normalizeText } from './normalize.ts';
import { overlappingPassages, type Span } from './passages.ts';
import { shingleHashes } from './shingle.ts';

const words = [
  '国家',
  '基金',
  '人工智能',
  'Quantum',
  'sensing',
  '，',
  '。',
  'the',
  'Ｍｏｄｅｌ',
  '材料',
  'grant!',
  '\n',
];
const text = fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 60 }).map((w) => w.join(' '));

const inside = (spans: Span[], s: number, e: number) => spans.some((x) => x.start <= s && e <= x.end);

describe('overlappingPassages', () => {
  it('highlights the shared sentence in both original strings', () => {
    const a = '本项目研究量子传感。Our goal: a portable magnetometer! 其余内容完全不同。';
    const b = 'Different opening. 本项目研究量子传感 —— our goal a PORTABLE magnetometer; 结尾。';
    const o = overlappingPassages(a, b, { minLength: 10 });
    assert.equal(o.a.length, 1);
    assert.equal(o.b.length, 1);
    assert.equal(a.slice(o.a[0].start, o.a[0].end), '本项目研究量子传感。Our goal: a portable magnetometer');
    assert.equal(b.slice(o.b[0].start, o.b[0].end), '本项目研究量子传感 —— our goal a PORTABLE magnetometer');
    assert.equal(o.passages.length, 1);
    assert.equal(o.passages[0].length, '本项目研究量子传感ourgoalaportablemagnetometer'.length);
  });

  it('returns nothing for texts without common shingles', () => {
    assert.deepEqual(overlappingPassages('完全不同的文本', 'entirely unrelated'), {
      a: [],
      b: [],
      passages: [],
    });
    assert.deepEqual(overlappingPassages('', 'x'), { a: [], b: [], passages: [] });
  });

  it('covers every shared shingle of either text with its spans', () => {
    fc.assert(
      fc.property(text, text, (x, y) => {
        const o = overlappingPassages(x, y);
        for (const [s, t, spans] of [
          [x, y, o.a],
          [y, x, o.b],
        ] as const) {
          const ns = normalizeText(s);
          const nt = normalizeText(t);
          const k = Math.max(1, Math.min(5, ns.length, nt.length));
          if (ns.length === 0 || nt.length === 0) continue;
          const other = new Set(shingleHashes(nt.chars, k));
          const mine = shingleHashes(ns.chars, k);
          for (let i = 0; i < mine.length; i++) {
            if (other.has(mine[i]))
              assert.ok(inside(spans, ns.start[i], ns.end[i + k - 1]), `shingle at ${i}`);
          }
          for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start);
        }
      }),
    );
  });

  it('aligns passages whose normalised texts are equal on both sides', () => {
    fc.assert(
      fc.property(text, text, text, (x, shared, y) => {
        const a = `${x} ${shared}`;
        const b = `${shared} ${y}`;
        const o = overlappingPassages(a, b);
        for (const p of o.passages) {
          const sa = normalizedString(a.slice(p.a.start, p.a.end));
          assert.equal(sa, normalizedString(b.slice(p.b.start, p.b.end)));
          assert.equal([...sa].length, p.length);
          assert.ok(inside(o.a, p.a.start, p.a.end) && inside(o.b, p.b.start, p.b.end));
        }
        if ([...normalizedString(shared)].length >= 5) assert.ok(o.passages.length > 0);
      }),
    );
  });
});

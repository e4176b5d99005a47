import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { normalizedString, normalizeText } from './normalize.ts';

describe('normalizeText', () => {
  it('folds case and drops whitespace and punctuation in English', () => {
    assert.equal(
      normalizedString('The Quick-Brown fox, jumps!\n  Over (the) "lazy" dog.'),
      'thequickbrownfoxjumpsoverthelazydog',
    );
  });

  it('keeps Chinese characters and drops Chinese punctuation', () => {
    assert.equal(
      normalizedString('国家自然科学基金，“重点项目”：人工智能。'),
      '国家自然科学基金重点项目人工智能',
    );
  });

  it('maps full-width letters, digits and spaces to half-width', () => {
    assert.equal(normalizedString('ＡＢＣ　ａｂｃ　１２３！'), 'abcabc123');
    assert.equal(normalizedString('ＡＢＣ　ａｂｃ　１２３！'), normalizedString('ABC abc 123!'));
  });

  it('treats mixed Chinese and English alike', () => {
    assert.equal(normalizedString('基于 Transformer 的模型（ＧＰＴ－４）'), '基于transformer的模型gpt4');
  });

  it('folds ligatures, compatibility ideographs and accents consistently', () => {
    assert.equal(normalizedString('ﬁne'), 'fine');
    assert.equal(normalizedString('\u{F900}'), normalizedString('\u8C48'));
    assert.equal(normalizedString('caf\u00e9'), normalizedString('cafe\u0301'));
  });

  it('keeps astral characters and maps spans across surrogate pairs', () => {
    const t = '𠀀a';
    const n = normalizeText(t);
    assert.equal(n.length, 2);
    assert.deepEqual([n.start[0], n.end[0], n.start[1], n.end[1]], [0, 2, 2, 3]);
  });

  it('gives empty output for punctuation-only text', () => {
    assert.equal(normalizeText(' ，。!?…—\t\n').length, 0);
  });

  it('records, for each output character, a span of the original that normalises to it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const n = normalizeText(text);
        for (let i = 0; i < n.length; i++) {
          assert.ok(n.start[i] < n.end[i] && n.end[i] <= text.length);
          if (i > 0) assert.ok(n.start[i] >= n.start[i - 1]);
          const piece = normalizedString(text.slice(n.start[i], n.end[i]));
          assert.ok(piece.includes(String.fromCodePoint(n.chars[i])));
        }
      }),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        const once = normalizedString(text);
        assert.equal(normalizedString(once), once);
      }),
    );
  });
});

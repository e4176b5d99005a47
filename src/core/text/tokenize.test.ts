import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('segments Chinese with jieba and drops Chinese stop words', () => {
    assert.deepEqual(tokenize('基于深度学习的蛋白质结构预测'), ['深度', '学习', '蛋白质', '结构', '预测']);
  });

  it('lower-cases, stems English and drops English stop words', () => {
    assert.deepEqual(tokenize('Learning the Neural Networks'), ['learn', 'neural', 'network']);
  });

  it('drops bare numbers, keeps units and letter–digit names', () => {
    assert.deepEqual(tokenize('3.5 GHz at 10nm in 2023年, 5G and CRISPR-Cas9, COVID-19, H2O'), [
      'ghz',
      'nm',
      '5g',
      'crispr',
      'cas9',
      'covid19',
      'h2o',
    ]);
  });

  it('normalises full-width characters', () => {
    assert.deepEqual(tokenize('ＧＰＵ加速　１２３'), ['gpu', '加速']);
  });

  it('handles mixed scripts in one string', () => {
    assert.deepEqual(tokenize('氮化镓（GaN）功率器件'), ['氮化', '镓', 'gan', '功率', '器件']);
  });

  it('can keep stop words and skip stemming', () => {
    assert.deepEqual(tokenize('the networks', { stem: false, dropStopWords: false }), ['the', 'networks']);
  });

  it('returns nothing for punctuation or empty text', () => {
    assert.deepEqual(tokenize(''), []);
    assert.deepEqual(tokenize('，。！？ ... --'), []);
  });
});

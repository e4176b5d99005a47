import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type AffinityIndex,
  bm25Idf,
  buildAffinityIndex,
  buildAffinityIndexFromTerms,
  CandidateSearcher,
  codePrefixes,
  DEFAULT_AFFINITY_OPTIONS,
  disciplineAgreement,
  type ExpertTerms,
  expertCodeTerms,
  explainAffinity,
  IMPACT_MAX,
  type ItemTerms,
  itemCodeTerms,
  prepareQuery,
  prepareQueryFromTerms,
  scorePair,
  topCandidatesBatch,
} from './index.ts';

const VOCAB = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'];
const CODES = [
  'F',
  'F02',
  'F0201',
  'F0202',
  'F03',
  'F0301',
  'A01',
  'A0101',
  '520',
  '520.20',
  '520.2010',
  'X9',
];

const termsArb = (max: number) => fc.array(fc.constantFrom(...VOCAB), { maxLength: max });
const expertArb: fc.Arbitrary<ExpertTerms> = fc.record({
  keywordTerms: termsArb(4),
  publicationTerms: termsArb(12),
  disciplineCodes: fc.array(fc.constantFrom(...CODES), { maxLength: 2 }),
});
const itemArb: fc.Arbitrary<ItemTerms> = fc.record({
  titleTerms: termsArb(4),
  abstractTerms: termsArb(10),
  keywordTerms: termsArb(3),
  disciplineCodes: fc.array(fc.constantFrom(...CODES), { maxLength: 2 }),
});

/** BM25F text score computed directly from the token lists (no index). */
function bruteBm25(experts: readonly ExpertTerms[], item: ItemTerms, d: number): number {
  const o = DEFAULT_AFFINITY_OPTIONS;
  const tfOf = (e: ExpertTerms) => {
    const m = new Map<string, number>();
    for (const t of e.keywordTerms) m.set(t, (m.get(t) ?? 0) + o.expertKeywordWeight);
    for (const t of e.publicationTerms) m.set(t, (m.get(t) ?? 0) + o.expertPublicationWeight);
    return m;
  };
  const tfs = experts.map(tfOf);
  const len = tfs.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const total = len.reduce((a, b) => a + b, 0);
  const avg = total > 0 ? total / experts.length : 1;
  const qf = new Map<string, number>();
  const addq = (ts: readonly string[], w: number) => {
    for (const t of ts) qf.set(t, (qf.get(t) ?? 0) + w);
  };
  addq(item.titleTerms, o.itemTitleWeight);
  addq(item.abstractTerms, o.itemAbstractWeight);
  addq(item.keywordTerms, o.itemKeywordWeight);
  let s = 0;
  for (const [t, f] of qf) {
    const df = tfs.filter((m) => m.has(t)).length;
    const tf = tfs[d].get(t);
    if (df === 0 || tf === undefined) continue;
    const w = ((o.k3 + 1) * f) / (o.k3 + f);
    const k = o.k1 * (1 - o.b + (o.b * len[d]) / avg);
    s += (w * bm25Idf(experts.length, df) * tf * (o.k1 + 1)) / (tf + k);
  }
  return s;
}

/** Top-c by brute force: every expert scored through scorePair, sorted by (score desc, index asc). */
function bruteTopC(index: AffinityIndex, item: ItemTerms, c: number, excluded: (e: number) => boolean) {
  const q = prepareQueryFromTerms(index, item);
  const all: { e: number; s: number }[] = [];
  for (let e = 0; e < index.expertCount; e++) {
    const s = scorePair(index, q, e);
    if (s > 0 && !excluded(e)) all.push({ e, s });
  }
  all.sort((x, y) => y.s - x.s || x.e - y.e);
  return all.slice(0, c);
}

describe('discipline codes', () => {
  it('parses NSFC, GB/T 13745 and other codes into prefixes', () => {
    assert.deepEqual(codePrefixes('F0201'), ['N:F', 'N:F02', 'N:F0201']);
    assert.deepEqual(codePrefixes('f020101'), ['N:F', 'N:F02', 'N:F0201', 'N:F020101']);
    assert.deepEqual(codePrefixes('520.2010'), ['G:520', 'G:520.20', 'G:520.2010']);
    assert.deepEqual(codePrefixes('520'), ['G:520']);
    assert.deepEqual(codePrefixes('med-7'), ['X:MED-7']);
    assert.deepEqual(codePrefixes('  '), []);
  });

  it('agrees more at deeper shared levels, 1 for the item code itself', () => {
    assert.equal(disciplineAgreement(['F0201'], ['F0201']), 1);
    assert.ok(Math.abs(disciplineAgreement(['F0201'], ['F0202']) - 0.6 / 0.85) < 1e-12);
    assert.ok(Math.abs(disciplineAgreement(['F0201'], ['F03']) - 0.25 / 0.85) < 1e-12);
    assert.equal(disciplineAgreement(['F0201'], ['A0201']), 0);
    assert.equal(disciplineAgreement(['F02'], ['F0201']), 1);
    assert.equal(disciplineAgreement(['520.2010'], ['F0201']), 0);
    // primary weight 1, secondary 0.5: matching only the secondary gives 1/3
    assert.ok(Math.abs(disciplineAgreement(['F0201', 'A01'], ['A01']) - 1 / 3) < 1e-12);
  });

  it('the additive prefix form equals the direct agreement', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...CODES), { maxLength: 3 }),
        fc.array(fc.constantFrom(...CODES), { maxLength: 3 }),
        (ic, ec) => {
          const have = expertCodeTerms(ec);
          let s = 0;
          for (const [k, v] of itemCodeTerms(ic)) if (have.has(k)) s += v;
          assert.ok(Math.abs(s - disciplineAgreement(ic, ec)) < 1e-12);
        },
      ),
    );
  });
});

describe('affinity index', () => {
  it('BM25F text score matches a direct computation up to impact quantisation', () => {
    fc.assert(
      fc.property(fc.array(expertArb, { minLength: 1, maxLength: 12 }), itemArb, (experts, item) => {
        const index = buildAffinityIndexFromTerms(experts, { textWeight: 1 });
        const q = prepareQueryFromTerms(index, item);
        let wsum = 0;
        for (let j = 0; j < q.terms.length; j++) wsum += q.textWeights[j];
        for (let d = 0; d < experts.length; d++) {
          const ex = explainAffinity(index, q, d, Number.POSITIVE_INFINITY);
          const direct = bruteBm25(experts, item, d);
          // each stored impact is within half a quantum (or is the minimum 1) of the exact one
          assert.ok(
            Math.abs(ex.text - direct) <= wsum * index.impactQuantum + 1e-9,
            `${ex.text} vs ${direct}`,
          );
        }
      }),
    );
  });

  it('quantises impacts to 1..65535 with the largest at the maximum', () => {
    const index = buildAffinityIndexFromTerms([
      { keywordTerms: ['a'], publicationTerms: ['b', 'b'], disciplineCodes: ['F01'] },
      { keywordTerms: [], publicationTerms: ['b', 'c'], disciplineCodes: [] },
    ]);
    let max = 0;
    for (const v of index.postImpacts) {
      assert.ok(v >= 1);
      max = Math.max(max, v);
    }
    assert.equal(max, IMPACT_MAX);
  });

  it('top-C equals the brute-force top-C for every strategy (score desc, then expert index asc)', () => {
    fc.assert(
      fc.property(
        fc.array(expertArb, { minLength: 1, maxLength: 40 }),
        fc.array(itemArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 39 }), { maxLength: 10 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (experts, items, c, excl, textWeight) => {
          const index = buildAffinityIndexFromTerms(experts, { textWeight });
          const excluded = new Set(excl);
          const isEx = (e: number) => excluded.has(e);
          const searcher = new CandidateSearcher(index);
          for (const item of items) {
            const want = bruteTopC(index, item, c, isEx);
            const q = prepareQueryFromTerms(index, item);
            for (const strategy of ['maxscore', 'taat', 'exhaustive'] as const) {
              const got = searcher.topC(q, c, isEx, strategy);
              assert.deepEqual(
                [...got.experts],
                want.map((w) => w.e),
                strategy,
              );
              assert.deepEqual(
                [...got.scores],
                want.map((w) => w.s),
              );
              for (const e of got.experts) assert.ok(!excluded.has(e));
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('top-C equals brute force on larger skewed data where MaxScore prunes (both phases exercised)', () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
    // log-uniform word choice: a few very common words, a long tail of rare ones
    const zipfWord = fc
      .double({ min: 0, max: 1, noNaN: true, maxExcluded: true })
      .map(
        (u) => words[Math.min(words.length - 1, Math.floor(Math.exp(u * Math.log(words.length + 1)) - 1))],
      );
    const expert = fc.record({
      keywordTerms: fc.array(zipfWord, { maxLength: 5 }),
      publicationTerms: fc.array(zipfWord, { minLength: 5, maxLength: 40 }),
      disciplineCodes: fc.array(fc.constantFrom(...CODES), { maxLength: 2 }),
    });
    const item = fc.record({
      titleTerms: fc.array(zipfWord, { maxLength: 8 }),
      abstractTerms: fc.array(zipfWord, { minLength: 10, maxLength: 60 }),
      keywordTerms: fc.array(zipfWord, { maxLength: 5 }),
      disciplineCodes: fc.array(fc.constantFrom(...CODES), { maxLength: 2 }),
    });
    let phaseTwo = 0;
    let queries = 0;
    fc.assert(
      fc.property(
        fc.array(expert, { minLength: 50, maxLength: 300 }),
        fc.array(item, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (experts, items, c, salt) => {
          const index = buildAffinityIndexFromTerms(experts);
          const isEx = (e: number) => ((e * 2654435761 + salt) >>> 0) % 17 === 0;
          const searcher = new CandidateSearcher(index);
          for (const it of items) {
            const want = bruteTopC(index, it, c, isEx);
            const got = searcher.topC(prepareQueryFromTerms(index, it), c, isEx, 'maxscore');
            assert.deepEqual(
              [...got.experts],
              want.map((w) => w.e),
            );
          }
          phaseTwo += searcher.stats.phaseTwoCandidates;
          queries += searcher.stats.queries;
        },
      ),
      { numRuns: 60 },
    );
    assert.ok(phaseTwo > queries, 'MaxScore phase two was exercised');
  });

  it('explanation: terms plus the rest sum to the text score; text and discipline points to the affinity', () => {
    fc.assert(
      fc.property(
        fc.array(expertArb, { minLength: 1, maxLength: 10 }),
        itemArb,
        fc.integer({ min: 0, max: 3 }),
        (experts, item, top) => {
          const index = buildAffinityIndexFromTerms(experts);
          const q = prepareQueryFromTerms(index, item);
          for (let d = 0; d < experts.length; d++) {
            const ex = explainAffinity(index, q, d, top);
            const termSum = ex.terms.reduce((a, t) => a + t.contribution, 0) + ex.otherTerms.contribution;
            assert.ok(Math.abs(termSum - ex.text) <= 1e-9 * Math.max(1, ex.text));
            assert.ok(ex.terms.length <= top);
            for (let i = 1; i < ex.terms.length; i++) {
              assert.ok(ex.terms[i - 1].contribution >= ex.terms[i].contribution);
            }
            const pts =
              ex.terms.reduce((a, t) => a + t.points, 0) + ex.otherTerms.points + ex.disciplinePoints;
            assert.ok(Math.abs(pts - 1000 * ex.combined) <= 1e-6);
            assert.equal(ex.score, scorePair(index, q, d));
            const direct = disciplineAgreement(item.disciplineCodes, experts[d].disciplineCodes);
            assert.ok(Math.abs(ex.discipline - direct) <= 1e-6, `${ex.discipline} vs ${direct}`);
          }
        },
      ),
    );
  });

  it('ranks the topical expert first and explains it with the shared terms', () => {
    const index = buildAffinityIndex([
      {
        keywords: ['深度学习', 'protein folding'],
        publicationTitles: ['蛋白质结构预测的深度学习方法', 'Protein structure prediction with transformers'],
        disciplineCodes: ['C0501'],
      },
      {
        keywords: ['电力系统', 'smart grid'],
        publicationTitles: ['智能电网的分布式优化', 'Distributed optimisation of power systems'],
        disciplineCodes: ['E0701'],
      },
      { keywords: ['量子计算'], publicationTitles: ['Quantum error correction'], disciplineCodes: ['A0501'] },
    ]);
    const item = {
      title: '基于深度学习的蛋白质结构预测',
      abstract: 'We predict protein structures with deep learning.',
      keywords: ['蛋白质', 'protein structure'],
      disciplineCodes: ['C0501'],
    };
    const q = prepareQuery(index, item);
    const table = topCandidatesBatch(index, [item], { c: 2 });
    assert.equal(table.experts[0], 0);
    assert.ok(table.affinity[0] > 0 && table.affinity[0] <= 1000);
    const ex = explainAffinity(index, q, 0, 3);
    const shared = new Set([
      'protein',
      'structur',
      'predict',
      'deep',
      'learn',
      '蛋白质',
      '结构',
      '预测',
      '深度',
      '学习',
    ]);
    assert.equal(ex.terms.length, 3);
    for (const t of ex.terms) assert.ok(shared.has(t.term), t.term);
    assert.ok(ex.terms.some((t) => t.term === 'protein' || t.term === '蛋白质'));
    assert.ok(Math.abs(ex.discipline - 1) < 1e-6);
    assert.deepEqual(
      ex.disciplinePrefixes.map((p) => p.prefix),
      ['N:C', 'N:C05', 'N:C0501'],
    );
  });

  it('excluded experts never appear and are replaced by the next best', () => {
    const experts: ExpertTerms[] = Array.from({ length: 6 }, (_, i) => ({
      keywordTerms: Array(6 - i).fill('x'),
      publicationTerms: ['y'],
      disciplineCodes: [],
    }));
    const index = buildAffinityIndexFromTerms(experts);
    const q = prepareQueryFromTerms(index, {
      titleTerms: ['x'],
      abstractTerms: [],
      keywordTerms: [],
      disciplineCodes: [],
    });
    const s = new CandidateSearcher(index);
    const all = s.topC(q, 3);
    const without = s.topC(q, 3, (e) => e === all.experts[0]);
    assert.deepEqual([...without.experts], [...all.experts.subarray(1), without.experts[2]]);
    assert.ok(!without.experts.includes(all.experts[0]));
  });

  it('an item with no known words and no codes has no candidates', () => {
    const index = buildAffinityIndexFromTerms([
      { keywordTerms: ['a'], publicationTerms: [], disciplineCodes: [] },
    ]);
    const q = prepareQueryFromTerms(index, {
      titleTerms: ['zzz'],
      abstractTerms: [],
      keywordTerms: [],
      disciplineCodes: [],
    });
    assert.equal(new CandidateSearcher(index).topC(q, 5).experts.length, 0);
  });
});

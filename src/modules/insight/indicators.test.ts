// Exactness of the indicator arithmetic against a decimal.js oracle (60 significant digits, half
// up), and the import rows' validation.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { render } from '../../i18n/messages.ts';
import { fromUnits, percent, toUnits, validateIndicatorRecords, yearFigures } from './indicators.ts';

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const amount = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 4 }), fc.nat({ max: 9999 }))
  .map(([w, places, f]) => (places ? `${w}.${String(f).padStart(4, '0').slice(0, places)}` : `${w}`));

describe('indicator arithmetic', () => {
  test('decimal text ⇄ units round-trips', () => {
    fc.assert(fc.property(amount, (a) => assert.equal(new D(fromUnits(toUnits(a))).eq(new D(a)), true)));
    assert.equal(fromUnits(toUnits('2843.3000')), '2843.3');
    assert.equal(fromUnits(-15000n), '-1.5');
  });

  test('percent(a, b) is a ÷ b × 100 rounded half up to two places, as the decimal oracle says', () => {
    fc.assert(
      fc.property(amount, amount, fc.boolean(), (a, b, neg) => {
        fc.pre(toUnits(b) !== 0n);
        const num = neg ? -toUnits(a) : toUnits(a);
        const expected = new D(num.toString()).div(new D(toUnits(b).toString())).times(100);
        // half up away from zero, as percent() rounds
        const oracle = expected.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
        assert.equal(percent(num, toUnits(b)), oracle === '-0.00' ? '0.00' : oracle);
      }),
    );
    assert.equal(percent(1n, 8n), '12.50');
    assert.equal(percent(1n, 3n), '33.33');
    assert.equal(percent(2n, 3n), '66.67');
    assert.equal(percent(-1n, 800n), '-0.13');
    assert.equal(percent(1n, 3n, 0), '33');
  });

  test('intensity ranks compare exact fractions: equal intensities share a rank', () => {
    const f = (code: string, rd: string, out: string) => ({
      code,
      nameZh: code,
      nameEn: '',
      year: 2022,
      rdExpenditure: rd,
      output: out,
      rdPersonnel: null,
    });
    // 1/3 and 2/6 are equal; 0.3333 is lower (equal to two places, not in truth)
    const rows = yearFigures(
      [f('A', '0.3333', '1'), f('B', '1', '3'), f('C', '2', '6'), f('D', '1', '2')],
      [],
    );
    assert.deepEqual(
      rows.map((r) => [r.code, r.intensityRank, r.intensity]),
      [
        ['D', 1, '50.00'],
        ['B', 2, '33.33'],
        ['C', 2, '33.33'],
        ['A', 4, '33.33'],
      ],
    );
  });

  test('shares add up to 100 % within rounding', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 30 }), (rds) => {
        const rows = yearFigures(
          rds.map((rd, i) => ({
            code: `${i}`,
            nameZh: 'x',
            nameEn: '',
            year: 2022,
            rdExpenditure: rd,
            output: '1',
            rdPersonnel: null,
          })),
          [],
        );
        if (rds.every((r) => toUnits(r) === 0n)) return;
        const sum = rows.reduce((s, r) => s.plus(r.share), new D(0));
        assert.ok(
          sum
            .minus(100)
            .abs()
            .lte(0.005 * rows.length),
          sum.toString(),
        );
      }),
    );
  });
});

describe('import rows', () => {
  test('names each bad field by row, and a repeated region-year by its first row', () => {
    const { rows, errors } = validateIndicatorRecords([
      {
        dimension: 'province',
        code: '110000',
        name_zh: '北京市',
        year: '2022',
        rd_expenditure: '1',
        output: '2',
      },
      { dimension: 'industry', code: 'c39', name_zh: '电子', year: '2022', rd_expenditure: '1', output: '2' },
      {
        dimension: 'province',
        code: '110000',
        name_zh: '北京市',
        year: '2022',
        rd_expenditure: '1',
        output: '2',
      },
      { dimension: 'province', code: '110000', name_zh: '', year: '22', rd_expenditure: '-1', output: 'x' },
      { dimension: '', code: '', name_zh: '', year: '', rd_expenditure: '', output: '' },
    ]);
    assert.deepEqual(
      rows.map((r) => [r.row, r.code]),
      [
        [2, '110000'],
        [3, 'C39'],
      ],
    );
    assert.deepEqual(
      errors.map((e) => `${e.row}:${e.field}`),
      ['4:code', '5:name_zh', '5:year', '5:rd_expenditure', '5:output'],
    );
    assert.equal(render(errors[0].reason, 'en'), 'the same region or industry and year as row 2');
  });
});

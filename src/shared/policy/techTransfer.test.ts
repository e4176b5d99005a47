import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { localizePolicyText, policyValueLabels, policyMessages as stepCodes } from './policy.messages.ts';
import {
  parsePolicyInput,
  policyMessages,
  TransferInputSchema,
  TransferResultSchema,
} from './policy.schema.ts';
import { divRoundHalfUp, ratio } from './policy.ts';
import {
  computeTechTransfer,
  TRANSFER_THRESHOLDS,
  type TransferInput,
  type TransferItem,
} from './techTransfer.ts';

type Raw = Record<string, unknown>;
function buildTransferBody(overrides: Raw = {}): Raw {
  return {
    taxYear: 2024,
    regime: 'general',
    transfers: [{ id: 'T1', technology: 'patent', mode: 'ownership', revenue: '6000000.00' }],
    taxRate: '0.25',
    ...overrides,
  };
}
function run(body: Raw) {
  const r = parsePolicyInput(TransferInputSchema, body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  const out = computeTechTransfer(r.value);
  TransferResultSchema.parse(out);
  return out;
}
/** One patent sold outright with the given income (revenue, no costs). */
const income = (revenue: string, overrides: Raw = {}) =>
  run(
    buildTransferBody({
      transfers: [{ id: 'T', technology: 'patent', mode: 'ownership', revenue }],
      ...overrides,
    }),
  );

describe('worked example (实施条例第九十条, 国税函〔2009〕212号, 财税〔2010〕111号, 财税〔2015〕116号, 公告2015年第82号)', () => {
  // A: patent sold outright: 8,000,000.00 − 1,500,000.00 − 30,000.00 = 6,470,000.00.
  // B: software copyright, non-exclusive 5-year licence: 1,200,000.00 − 100,000.00 − 7,200.00 − 62,800.00
  //    (period expenses, 82号) = 1,030,000.00.
  // C: know-how (not a listed technology): 500,000.00, ineligible, taxed as ordinary income.
  // Qualifying = 7,500,000.00; exempt 5,000,000.00; excess 2,500,000.00, half = 1,250,000.00 bears tax.
  // Tax at 25%: 2,500,000.00 × 25% × 50% = 312,500.00; without the preference 1,875,000.00; saved 1,562,500.00.
  const body = buildTransferBody({
    transfers: [
      {
        id: 'A',
        technology: 'patent',
        mode: 'ownership',
        revenue: '8000000.00',
        costs: '1500000.00',
        relatedTaxes: '30000.00',
      },
      {
        id: 'B',
        technology: 'softwareCopyright',
        mode: 'nonExclusiveLicence5y',
        revenue: '1200000.00',
        costs: '100000.00',
        relatedTaxes: '7200.00',
        periodExpenses: '62800.00',
      },
      { id: 'C', technology: 'other', mode: 'ownership', revenue: '500000.00' },
    ],
  });
  test('every figure to the fen', () => {
    const r = run(body);
    assert.deepEqual(
      r.items.map((i) => [i.id, i.eligible, i.income, i.reasons]),
      [
        ['A', true, '6470000.00', []],
        ['B', true, '1030000.00', []],
        ['C', false, '500000.00', ['technology']],
      ],
    );
    assert.deepEqual(r.figures, {
      eligibleIncome: '7500000.00',
      exemptIncome: '5000000.00',
      excessIncome: '2500000.00',
      taxableIncome: '1250000.00',
      tax: '312500.00',
      normalTax: '1875000.00',
      taxSaved: '1562500.00',
      ineligibleIncome: '500000.00',
    });
    for (const s of r.steps) {
      assert.ok(policyMessages[s.code].en && policyMessages[s.code]['zh-CN'], s.code);
      assert.ok(s.rule.length > 0);
    }
  });
  test('an HNTE at 15% pays half its rate on the excess: 2,500,000.00 × 7.5% = 187,500.00', () => {
    const r = run({ ...body, taxRate: '0.15' });
    assert.equal(r.figures.tax, '187500.00');
    assert.equal(r.figures.normalTax, '1125000.00');
  });
  test('the Zhongguancun pilot (财税〔2020〕61号) exempts all 7,500,000.00', () => {
    const r = run({ ...body, regime: 'zhongguancun' });
    assert.equal(r.threshold, '20000000.00');
    assert.equal(r.figures.exemptIncome, '7500000.00');
    assert.equal(r.figures.tax, '0.00');
    assert.equal(r.figures.taxSaved, '1875000.00');
  });
});

describe('the 5,000,000 yuan boundary — 实施条例第九十条 “不超过500万元的部分”', () => {
  test('exactly 5,000,000.00 is entirely exempt', () => {
    const r = income('5000000.00');
    assert.equal(r.figures.exemptIncome, '5000000.00');
    assert.equal(r.figures.excessIncome, '0.00');
    assert.equal(r.figures.tax, '0.00');
    assert.equal(r.figures.taxSaved, '1250000.00');
  });
  test('5,000,000.01: one fen is taxed at half — 0.005 bears tax, the tax rounds to 0.00', () => {
    const r = income('5000000.01');
    assert.equal(r.figures.exemptIncome, '5000000.00');
    assert.equal(r.figures.excessIncome, '0.01');
    assert.equal(r.figures.taxableIncome, '0.005');
    assert.equal(r.figures.tax, '0.00'); // 1 fen × 12.5% = 0.125 fen
    assert.equal(r.figures.normalTax, '1250000.00'); // 500,000,001 fen × 25% = 125,000,000.25 fen
  });
  test('the tax is rounded half up once: 4 fen over × 12.5% = 0.5 fen → 0.01', () => {
    assert.equal(income('5000000.04').figures.tax, '0.01');
    assert.equal(income('5000000.03').figures.tax, '0.00');
  });
  test('Zhongguancun: exactly 20,000,000.00 is exempt, 20,000,008.00 pays 1.00', () => {
    assert.equal(income('20000000.00', { regime: 'zhongguancun' }).figures.tax, '0.00');
    assert.equal(income('20000008.00', { regime: 'zhongguancun' }).figures.tax, '1.00');
    // Under the general rule the same income pays 15,000,008.00 × 12.5% = 1,875,001.00.
    assert.equal(income('20000008.00').figures.tax, '1875001.00');
  });
});

describe('zero and negative income — 国税函〔2009〕212号', () => {
  test('revenue equal to costs: nothing exempt, nothing taxed', () => {
    const r = run(
      buildTransferBody({
        transfers: [
          { id: 'T', technology: 'patent', mode: 'ownership', revenue: '1000.00', costs: '1000.00' },
        ],
      }),
    );
    assert.deepEqual(
      [r.figures.eligibleIncome, r.figures.exemptIncome, r.figures.tax, r.figures.taxSaved],
      ['0.00', '0.00', '0.00', '0.00'],
    );
  });
  test('a loss is not exempt: exempt 0, tax 0 (the loss stays in ordinary taxable income)', () => {
    const r = run(
      buildTransferBody({
        transfers: [
          {
            id: 'T',
            technology: 'patent',
            mode: 'ownership',
            revenue: '1000.00',
            costs: '1500.00',
            relatedTaxes: '10.00',
          },
        ],
      }),
    );
    assert.equal(r.figures.eligibleIncome, '-510.00');
    assert.equal(r.figures.exemptIncome, '0.00');
    assert.equal(r.figures.excessIncome, '0.00');
    assert.equal(r.figures.normalTax, '0.00');
    assert.equal(r.figures.taxSaved, '0.00');
  });
  test('a loss on one contract nets against a gain on another within the year', () => {
    const r = run(
      buildTransferBody({
        transfers: [
          { id: 'A', technology: 'patent', mode: 'ownership', revenue: '6000000.00' },
          {
            id: 'B',
            technology: 'plantVariety',
            mode: 'exclusiveLicence5y',
            revenue: '0',
            costs: '1000000.00',
          },
        ],
      }),
    );
    assert.equal(r.figures.eligibleIncome, '5000000.00');
    assert.equal(r.figures.tax, '0.00');
  });
});

describe('what qualifies — 财税〔2010〕111号', () => {
  test('a short licence, an unregistered contract, a 100% related party and restricted exports do not', () => {
    const item = (id: string, extra: Raw) => ({
      id,
      technology: 'patent',
      mode: 'ownership',
      revenue: '100.00',
      ...extra,
    });
    const r = run(
      buildTransferBody({
        transfers: [
          item('S', { mode: 'shortLicence' }),
          item('U', { registered: false }),
          item('R', { fullyOwnedRelatedParty: true }),
          item('X', { exportRestricted: true }),
          item('OK', {}),
        ],
      }),
    );
    assert.deepEqual(
      r.items.map((i) => i.reasons),
      [['shortLicence'], ['notRegistered'], ['relatedParty'], ['exportRestricted'], []],
    );
    assert.equal(r.figures.eligibleIncome, '100.00');
    assert.equal(r.figures.ineligibleIncome, '400.00');
  });
});

describe('input validation names the field', () => {
  const errs = (body: Raw) => {
    const r = parsePolicyInput(TransferInputSchema, body);
    assert.equal(r.ok, false);
    return r.ok ? [] : r.errors.map((e) => [e.field, e.message]);
  };
  test('sub-fen amount, negative cost, unknown technology, unknown field', () => {
    assert.deepEqual(
      errs(
        buildTransferBody({
          transfers: [{ id: 'T', technology: 'secret', mode: 'ownership', revenue: '1.234', costs: '-1' }],
        }),
      ),
      [
        ['transfers.0.technology', 'is not a known kind of technology'],
        ['transfers.0.revenue', 'must be an amount in yuan with at most two decimals, e.g. "1234.56"'],
        ['transfers.0.costs', 'must not be negative'],
      ],
    );
    assert.deepEqual(errs(buildTransferBody({ revenue: '1' })), [['revenue', 'unknown field revenue']]);
    assert.equal(errs(buildTransferBody({ transfers: [] }))[0][0], 'transfers');
  });
  test('tax year before 2016, Zhongguancun before 2020, duplicate ids, period expenses on a sale', () => {
    assert.equal(errs(buildTransferBody({ taxYear: 2015 }))[0][0], 'taxYear');
    assert.equal(errs(buildTransferBody({ taxYear: 2019, regime: 'zhongguancun' }))[0][0], 'regime');
    const t = { id: 'T', technology: 'patent', mode: 'ownership', revenue: '1' };
    assert.deepEqual(errs(buildTransferBody({ transfers: [t, t] })), [
      ['transfers.1.id', 'duplicate contract id'],
    ]);
    assert.equal(
      errs(buildTransferBody({ transfers: [{ ...t, periodExpenses: '5' }] }))[0][0],
      'transfers.0.periodExpenses',
    );
  });
});

// ------------------------------------------------------------------ properties

const fen = fc.bigInt({ min: 0n, max: 10n ** 11n });
const arbItem: fc.Arbitrary<TransferItem> = fc.record({
  id: fc.string(),
  name: fc.constant(''),
  technology: fc.constantFrom('patent' as const, 'softwareCopyright' as const, 'other' as const),
  mode: fc.constantFrom('ownership' as const, 'nonExclusiveLicence5y' as const, 'shortLicence' as const),
  revenue: fen,
  costs: fc.bigInt({ min: 0n, max: 10n ** 10n }),
  relatedTaxes: fc.bigInt({ min: 0n, max: 10n ** 8n }),
  periodExpenses: fc.constant(0n),
  registered: fc.boolean(),
  fullyOwnedRelatedParty: fc.constant(false),
  exportRestricted: fc.constant(false),
});
const arbInput: fc.Arbitrary<TransferInput> = fc.record({
  taxYear: fc.integer({ min: 2020, max: 2030 }),
  regime: fc.constantFrom('general' as const, 'zhongguancun' as const),
  transfers: fc.array(arbItem, { minLength: 1, maxLength: 5 }),
  taxRate: fc.constantFrom(ratio(25n, 100n), ratio(15n, 100n), ratio(20n, 100n), ratio(1n, 1n)),
});
const toFen = (s: string) => BigInt(s.replace('.', ''));

describe('properties', () => {
  test('more revenue never lowers the tax', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), fen, (input, at, more) => {
        const i = at % input.transfers.length;
        const transfers = input.transfers.map((t, j) => (j === i ? { ...t, revenue: t.revenue + more } : t));
        const before = toFen(computeTechTransfer(input).figures.tax);
        const after = toFen(computeTechTransfer({ ...input, transfers }).figures.tax);
        assert.ok(after >= before, `${after} < ${before}`);
      }),
      { numRuns: 300 },
    );
  });
  test('the tax is never above the tax without the preference, and equals round(excess × rate ÷ 2)', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = computeTechTransfer(input);
        TransferResultSchema.parse(r);
        const f = r.figures;
        assert.ok(toFen(f.tax) <= toFen(f.normalTax));
        assert.ok(toFen(f.taxSaved) >= 0n);
        const excess = toFen(f.eligibleIncome) - TRANSFER_THRESHOLDS[input.regime];
        const expected =
          excess > 0n ? divRoundHalfUp(excess * input.taxRate.num, 2n * input.taxRate.den) : 0n;
        assert.equal(toFen(f.tax), expected);
        assert.equal(
          toFen(f.exemptIncome) + toFen(f.excessIncome),
          toFen(f.eligibleIncome) > 0n ? toFen(f.eligibleIncome) : 0n,
        );
      }),
      { numRuns: 300 },
    );
  });
  test('splitting a contract into two changes no figure (no per-contract rounding)', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 11n }), (input, at, cut) => {
        const i = at % input.transfers.length;
        const t = input.transfers[i];
        const part = t.revenue === 0n ? 0n : cut % (t.revenue + 1n);
        const split = [
          ...input.transfers.slice(0, i),
          { ...t, revenue: part },
          { ...t, id: `${t.id}-b`, revenue: t.revenue - part, costs: 0n, relatedTaxes: 0n },
          ...input.transfers.slice(i + 1),
        ];
        assert.deepEqual(
          computeTechTransfer({ ...input, transfers: split }).figures,
          computeTechTransfer(input).figures,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('step values are labelled for the reader', () => {
  test('every named value of every step has a label in both languages (numeric year keys excepted)', () => {
    const steps = run(buildTransferBody()).steps;
    const keys = new Set(steps.flatMap((s) => Object.keys(s.values)).filter((k) => !/^\d+$/.test(k)));
    assert.ok(keys.size > 0);
    for (const k of keys) {
      const label = policyValueLabels[k] ?? (stepCodes as Record<string, { 'zh-CN': string; en: string }>)[k];
      assert.ok(label?.['zh-CN'] && label?.en, `no label for value "${k}"`);
    }
    // Formulas and results: every {{term}} resolves; in Chinese no English words remain (min/max and
    // the guideline's band letters A–F aside).
    for (const st of steps) {
      for (const text of [st.formula, st.result]) {
        for (const locale of ['zh-CN', 'en'] as const) {
          assert.doesNotMatch(localizePolicyText(text, locale), /\{\{/, text);
        }
        const zh = localizePolicyText(text, 'zh-CN').replace(/\b(min|max)\(/g, '(');
        assert.doesNotMatch(zh, /[A-Za-z]{2,}/, `${st.code}: ${zh}`);
      }
    }
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { localizePolicyText, policyValueLabels, policyMessages as stepCodes } from './policy.messages.ts';
import {
  DeductionInputSchema,
  DeductionResultSchema,
  parsePolicyInput,
  policyMessages,
} from './policy.schema.ts';
import { ratio } from './policy.ts';
import {
  amortisationInYear,
  computeSuperDeduction,
  DEDUCTION_CATEGORIES,
  type DeductionCategory,
  type DeductionInput,
  type DeductionProject,
} from './superDeduction.ts';

type Raw = Record<string, unknown>;
function buildDeductionBody(overrides: Raw = {}): Raw {
  return {
    taxYear: 2024,
    regime: 'general',
    mainBusiness: { industry: 'other', revenue: '90000000.00' },
    income: { totalIncome: '100000000.00' },
    projects: [],
    taxRate: '0.25',
    ...overrides,
  };
}
function run(body: Raw) {
  const r = parsePolicyInput(DeductionInputSchema, body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return computeSuperDeduction(r.value);
}
const lines = (pairs: [DeductionCategory, string][]) =>
  pairs.map(([category, amount]) => ({ category, amount }));

describe('worked example (公告2023年第7号, 2021年第28号, 财税〔2015〕119号, 财税〔2018〕64号, 公告2017年第40号)', () => {
  // Tax year 2024, general enterprise, 25% tax rate.
  // Five categories: 1,000,000 + 500,000 + 200,000 + 100,000 + 200,000 = 2,000,000.00.
  // Other related costs 300,000.00; limit = 2,000,000 × 10% ÷ 90% = 222,222.222… → 222,222.22 (counted).
  // Own eligible = 2,222,222.22. Contracted in China 500,000.00 × 80% = 400,000.00.
  // Netted, non-taxable subsidy 100,000.00 → domestic eligible = 2,522,222.22.
  // Contracted overseas to an organisation 3,000,000.00 × 80% = 2,400,000.00; limit ⅔ × 2,522,222.22 =
  //   504,444,444 fen ÷ 3 = 168,148,148 fen = 1,681,481.48 (counted); an overseas individual's 50,000.00 is out.
  // Eligible 2,522,222.22 + 1,681,481.48 = 4,203,703.70; less special income 3,703.70 = 4,200,000.00.
  // Extra on expensed R&D at 100% = 4,200,000.00.
  // Intangible 1,200,000.00 from 2023-07 over 10 years: 2024 has 12 of 120 months = 120,000.00; extra 120,000.00.
  // Total extra 4,320,000.00; tax saved 25% = 1,080,000.00.
  const body = buildDeductionBody({
    projects: [
      {
        id: 'P1',
        name: 'Sensor',
        lines: lines([
          ['personnel', '600000.00'],
          ['directInputs', '500000.00'],
          ['otherRelated', '200000.00'],
        ]),
        contracted: [
          { amount: '500000.00', location: 'domestic', recipient: 'organisation' },
          { amount: '50000.00', location: 'overseas', recipient: 'individual' },
        ],
        subsidies: [
          { amount: '100000.00', accounting: 'netted', taxable: false },
          { amount: '77777.77', accounting: 'income', taxable: true },
        ],
      },
      {
        id: 'P2',
        name: 'Controller',
        lines: lines([
          ['personnel', '400000.00'],
          ['depreciation', '200000.00'],
          ['intangibleAmortisation', '100000.00'],
          ['newProductDesign', '200000.00'],
          ['otherRelated', '100000.00'],
        ]),
        contracted: [{ amount: '3000000.00', location: 'overseas', recipient: 'organisation' }],
      },
    ],
    specialIncome: '3703.70',
    intangibles: [{ id: 'IA1', cost: '1200000.00', inServiceFrom: '2023-07', usefulLifeYears: 10 }],
  });
  test('every figure to the fen', () => {
    const r = run(body);
    assert.equal(r.rate, '100%');
    assert.equal(r.otherCapApplied, true);
    assert.equal(r.overseasCapApplied, true);
    const f = r.figures;
    assert.equal(f.fiveCategories, '2000000.00');
    assert.equal(f.otherLimit, '222222.22');
    assert.equal(f.otherCounted, '222222.22');
    assert.equal(f.ownEligible, '2222222.22');
    assert.equal(f.contractedDomesticEligible, '400000.00');
    assert.equal(f.subsidiesDeducted, '100000.00');
    assert.equal(f.domesticEligible, '2522222.22');
    assert.equal(f.contractedOverseasIneligible, '50000.00');
    assert.equal(f.contractedOverseasAt80, '2400000.00');
    assert.equal(f.contractedOverseasEligible, '1681481.48');
    assert.equal(f.eligibleBeforeDeductions, '4203703.70');
    assert.equal(f.expensedBase, '4200000.00');
    assert.equal(f.expensedExtra, '4200000.00');
    assert.equal(f.amortisationThisYear, '120000.00');
    assert.equal(f.capitalisedExtra, '120000.00');
    assert.equal(f.totalExtra, '4320000.00');
    assert.equal(f.taxSaved, '1080000.00');
    DeductionResultSchema.parse(r);
    for (const s of r.steps) assert.ok(policyMessages[s.code].en && policyMessages[s.code]['zh-CN'], s.code);
  });
  test('integrated-circuit enterprise in 2027: 120% / 220% (公告2023年第44号); in 2028 back to 100%', () => {
    const ic = run({ ...body, regime: 'integratedCircuit', taxYear: 2027 });
    // 4,200,000.00 × 120% = 5,040,000.00; intangible 2027: 120,000.00 × 120% = 144,000.00.
    assert.equal(ic.rate, '120%');
    assert.equal(ic.figures.expensedExtra, '5040000.00');
    assert.equal(ic.figures.capitalisedExtra, '144000.00');
    assert.equal(ic.figures.totalExtra, '5184000.00');
    assert.equal(run({ ...body, regime: 'industrialMotherMachine', taxYear: 2028 }).rate, '100%');
    assert.equal(run({ ...body, regime: 'integratedCircuit', taxYear: 2023 }).rate, '120%');
  });
});

describe('other related costs — 公告2021年第28号: five × 10% ÷ (1 − 10%)', () => {
  const withOther = (other: string) =>
    run(
      buildDeductionBody({
        projects: [
          {
            id: 'P',
            lines: lines([
              ['personnel', '900.00'],
              ['otherRelated', other],
            ]),
          },
        ],
      }),
    );
  test('exactly 10% of the total (100 of 1000) is counted in full', () => {
    const r = withOther('100.00');
    assert.equal(r.otherCapApplied, false);
    assert.equal(r.figures.otherCounted, '100.00');
    assert.equal(r.figures.expensedBase, '1000.00');
  });
  test('one fen above is capped at the limit', () => {
    const r = withOther('100.01');
    assert.equal(r.otherCapApplied, true);
    assert.equal(r.figures.otherCounted, '100.00');
  });
  test('the limit is computed across projects, not per project', () => {
    // Per project, P2's other 50 would be capped at 10/9 = 1.11; across projects the limit is 910 ÷ 9 = 101.11.
    const r = run(
      buildDeductionBody({
        projects: [
          { id: 'P1', lines: lines([['personnel', '900.00']]) },
          {
            id: 'P2',
            lines: lines([
              ['personnel', '10.00'],
              ['otherRelated', '50.00'],
            ]),
          },
        ],
      }),
    );
    assert.equal(r.figures.otherLimit, '101.11');
    assert.equal(r.figures.otherCounted, '50.00');
  });
});

describe('excluded industries — 财税〔2015〕119号第四条, 公告2015年第97号第五条', () => {
  // Base = total income 1000 − non-taxable 100 − investment income 100 = 800; 50% = 400.
  const body = (revenue: string) =>
    buildDeductionBody({
      mainBusiness: { industry: 'wholesaleRetail', revenue },
      income: { totalIncome: '1000.00', nonTaxableIncome: '100.00', investmentIncome: '100.00' },
      projects: [{ id: 'P', lines: lines([['personnel', '100.00']]) }],
    });
  test('exactly 50% is not “above 50%”: still eligible', () => {
    const r = run(body('400.00'));
    assert.equal(r.excluded, false);
    assert.equal(r.figures.totalExtra, '100.00');
  });
  test('one fen above 50% is excluded: no extra deduction', () => {
    const r = run(body('400.01'));
    assert.equal(r.excluded, true);
    assert.equal(r.rate, '0%');
    assert.equal(r.figures.totalExtra, '0.00');
    assert.equal(r.figures.taxSaved, '0.00');
  });
});

describe('contracted-out R&D — 财税〔2015〕119号第二条, 财税〔2018〕64号', () => {
  test('80% rounds once, on the total: 1 fen + 1 fen paid → 2 fen × 80% = 1.6 → 2 fen', () => {
    const r = run(
      buildDeductionBody({
        projects: [
          {
            id: 'P',
            contracted: [
              { amount: '0.01', location: 'domestic', recipient: 'individual' },
              { amount: '0.01', location: 'domestic', recipient: 'organisation' },
            ],
          },
        ],
      }),
    );
    assert.equal(r.figures.contractedDomesticEligible, '0.02');
  });
  test('overseas at exactly ⅔ of domestic is not capped; one fen more is', () => {
    // Domestic 300.00; overseas 250.00 × 80% = 200.00 = ⅔ × 300.00.
    const body = (ov: string) =>
      buildDeductionBody({
        projects: [
          {
            id: 'P',
            lines: lines([['personnel', '300.00']]),
            contracted: [{ amount: ov, location: 'overseas', recipient: 'organisation' }],
          },
        ],
      });
    const at = run(body('250.00'));
    assert.equal(at.overseasCapApplied, false);
    assert.equal(at.figures.contractedOverseasEligible, '200.00');
    const over = run(body('250.02')); // 80% = 200.016 → 200.02 > 200.00
    assert.equal(over.overseasCapApplied, true);
    assert.equal(over.figures.contractedOverseasEligible, '200.00');
  });
});

describe('special income, materials and subsidies — 公告2017年第40号, 公告2015年第97号 二(五)', () => {
  test('special income larger than the base leaves zero and carries nothing', () => {
    const r = run(
      buildDeductionBody({
        projects: [{ id: 'P', lines: lines([['directInputs', '100.00']]) }],
        specialIncome: '150.00',
      }),
    );
    assert.equal(r.figures.expensedBase, '0.00');
    assert.equal(r.figures.materialsCarryForward, '0.00');
  });
  test('materials of sold products beyond the base carry forward', () => {
    const r = run(
      buildDeductionBody({
        projects: [{ id: 'P', lines: lines([['directInputs', '100.00']]) }],
        soldProductMaterials: '80.00',
        materialsCarriedForward: '40.00',
      }),
    );
    assert.equal(r.figures.materialsDeducted, '100.00');
    assert.equal(r.figures.materialsCarryForward, '20.00');
    assert.equal(r.figures.expensedBase, '0.00');
  });
  test('a non-taxable subsidy reduces the base however it was booked; a taxed one never does (公告2015年第97号 二(五); 公告2017年第40号)', () => {
    // 97号 二(五): costs funded by fiscal money treated as 不征税收入 get no extra deduction, whether the
    // accounts net the subsidy against R&D or book it as income (实施条例第二十八条: such costs are not
    // deductible at all). A subsidy taxed as income leaves the (gross) costs eligible, netted or not.
    const r = run(
      buildDeductionBody({
        projects: [
          {
            id: 'P',
            lines: lines([['personnel', '100.00']]),
            subsidies: [
              { amount: '30.00', accounting: 'income', taxable: false },
              { amount: '30.00', accounting: 'netted', taxable: true },
            ],
          },
        ],
      }),
    );
    assert.equal(r.figures.subsidiesDeducted, '30.00');
    assert.equal(r.figures.expensedBase, '70.00');
    const netted = run(
      buildDeductionBody({
        projects: [
          {
            id: 'P',
            lines: lines([['personnel', '100.00']]),
            subsidies: [{ amount: '30.00', accounting: 'netted', taxable: false }],
          },
        ],
      }),
    );
    assert.equal(netted.figures.expensedBase, '70.00');
    const taxed = run(
      buildDeductionBody({
        projects: [
          {
            id: 'P',
            lines: lines([['personnel', '100.00']]),
            subsidies: [
              { amount: '30.00', accounting: 'netted', taxable: true },
              { amount: '30.00', accounting: 'income', taxable: true },
            ],
          },
        ],
      }),
    );
    assert.equal(taxed.figures.expensedBase, '100.00');
  });
  test('an intangible funded partly by non-taxable money earns extra only on the rest (公告2015年第97号 二(五); 实施条例第二十八条)', () => {
    // Cost 1,200,000.00 of which 300,000.00 from 不征税收入, in service 2024-01 over 10 years: 2024 amortisation
    // 120,000.00, of which 30,000.00 funded non-taxably; extra at 100% on 90,000.00 only.
    const r = run(
      buildDeductionBody({
        intangibles: [
          {
            id: 'IA',
            cost: '1200000.00',
            nonTaxableFunded: '300000.00',
            inServiceFrom: '2024-01',
            usefulLifeYears: 10,
          },
        ],
      }),
    );
    assert.equal(r.figures.amortisationThisYear, '120000.00');
    assert.equal(r.figures.amortisationNonTaxableFunded, '30000.00');
    assert.equal(r.figures.amortisationEligible, '90000.00');
    assert.equal(r.figures.capitalisedExtra, '90000.00');
    assert.equal(r.intangibles[0].amortisationEligible, '90000.00');
    const all = run(
      buildDeductionBody({
        intangibles: [
          {
            id: 'IA',
            cost: '1200000.00',
            nonTaxableFunded: '1200000.00',
            inServiceFrom: '2024-01',
            usefulLifeYears: 10,
          },
        ],
      }),
    );
    assert.equal(all.figures.capitalisedExtra, '0.00');
    const errs = parsePolicyInput(
      DeductionInputSchema,
      buildDeductionBody({
        intangibles: [
          {
            id: 'IA',
            cost: '10.00',
            nonTaxableFunded: '10.01',
            inServiceFrom: '2024-01',
            usefulLifeYears: 10,
          },
        ],
      }),
    );
    assert.deepEqual(errs.ok ? [] : errs.errors.map((e) => e.field), ['intangibles.0.nonTaxableFunded']);
  });
});

describe('capitalised R&D — 实施条例第六十七条, 公告2023年第7号', () => {
  test('amortisation starts in the month of service: 2023-07 gives 6 months in 2023', () => {
    const a = { id: 'A', cost: 120000_00n, inServiceFrom: '2023-07', usefulLifeYears: 10 };
    assert.deepEqual(amortisationInYear(a, 2023), { months: 6, amount: 6000_00n });
    assert.deepEqual(amortisationInYear(a, 2033), { months: 6, amount: 6000_00n });
    assert.deepEqual(amortisationInYear(a, 2034), { months: 0, amount: 0n });
  });
  test('property: the years of amortisation add up to the cost exactly', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 12 }),
        (cost, years, month) => {
          const a = {
            id: 'A',
            cost,
            inServiceFrom: `2020-${String(month).padStart(2, '0')}`,
            usefulLifeYears: years,
          };
          let sum = 0n;
          for (let y = 2019; y <= 2020 + years + 1; y++) sum += amortisationInYear(a, y).amount;
          assert.equal(sum, cost);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('input validation names the field', () => {
  const errs = (body: Raw) => {
    const r = parsePolicyInput(DeductionInputSchema, body);
    assert.equal(r.ok, false);
    return r.ok ? [] : r.errors.map((e) => [e.field, e.message]);
  };
  test('tax year before 2023, sub-fen amount, bad category, bad rate, bad month', () => {
    assert.equal(errs(buildDeductionBody({ taxYear: 2022 }))[0][0], 'taxYear');
    assert.deepEqual(
      errs(buildDeductionBody({ projects: [{ id: 'P', lines: [{ category: 'travel', amount: '1.234' }] }] })),
      [
        ['projects.0.lines.0.category', 'is not a known R&D expense category'],
        ['projects.0.lines.0.amount', 'must be an amount in yuan with at most two decimals, e.g. "1234.56"'],
      ],
    );
    assert.deepEqual(errs(buildDeductionBody({ taxRate: '1.5' })), [
      ['taxRate', 'must be a rate from 0 to 1, such as "0.25"'],
    ]);
    assert.equal(
      errs(
        buildDeductionBody({
          intangibles: [{ id: 'A', cost: '1', inServiceFrom: '2024-13', usefulLifeYears: 10 }],
        }),
      )[0][0],
      'intangibles.0.inServiceFrom',
    );
  });
  test('JSON-number amounts from 10^13 yuan up are refused (a double no longer holds every fen); strings are not', () => {
    // 12345678901234.57 parses to the double 12345678901234.5703125 — but 12345678901234.56 and .57 are
    // not both representable at that size, so a number there may silently be another amount.
    const body = (amount: string | number) =>
      buildDeductionBody({ projects: [{ id: 'P', lines: [{ category: 'personnel', amount }] }] });
    const r = parsePolicyInput(DeductionInputSchema, body(10_000_000_000_000));
    assert.deepEqual(r.ok ? [] : r.errors.map((e) => e.field), ['projects.0.lines.0.amount']);
    assert.match(r.ok ? '' : r.errors[0].message, /send the amount as a string/);
    assert.equal(parsePolicyInput(DeductionInputSchema, body(9_999_999_999_999.99)).ok, true);
    assert.equal(run(body('10000000000000.01')).figures.fiveCategories, '10000000000000.01');
    assert.equal(run(body(9_999_999_999_999.99)).figures.fiveCategories, '9999999999999.99');
    assert.equal(parsePolicyInput(DeductionInputSchema, body(-1e300)).ok, false);
  });
  test('duplicate project ids and income parts above the total', () => {
    assert.deepEqual(errs(buildDeductionBody({ projects: [{ id: 'P' }, { id: 'P' }] })), [
      ['projects.1.id', 'duplicate project id'],
    ]);
    assert.equal(
      errs(
        buildDeductionBody({
          income: { totalIncome: '10.00', nonTaxableIncome: '6.00', investmentIncome: '5.00' },
        }),
      )[0][0],
      'income.nonTaxableIncome',
    );
  });
});

// ------------------------------------------------------------------ properties

const fen = fc.bigInt({ min: 0n, max: 10n ** 10n });
const arbLine = fc.record({ category: fc.constantFrom(...DEDUCTION_CATEGORIES), amount: fen });
const arbProject = fc.record({
  id: fc.string(),
  name: fc.constant(''),
  lines: fc.array(arbLine, { maxLength: 6 }),
  contracted: fc.array(
    fc.record({
      amount: fen,
      location: fc.constantFrom('domestic' as const, 'overseas' as const),
      recipient: fc.constantFrom('organisation' as const, 'individual' as const),
    }),
    { maxLength: 3 },
  ),
  subsidies: fc.array(
    fc.record({
      amount: fen,
      accounting: fc.constantFrom('netted' as const, 'income' as const),
      taxable: fc.boolean(),
    }),
    { maxLength: 2 },
  ),
});
const arbInput: fc.Arbitrary<DeductionInput> = fc.record({
  taxYear: fc.integer({ min: 2023, max: 2030 }),
  regime: fc.constantFrom(
    'general' as const,
    'integratedCircuit' as const,
    'industrialMotherMachine' as const,
  ),
  mainBusiness: fc.record({
    industry: fc.constantFrom('other' as const, 'realEstate' as const),
    revenue: fen,
  }),
  income: fc.record({
    totalIncome: fc.bigInt({ min: 10n ** 10n, max: 10n ** 11n }),
    nonTaxableIncome: fen,
    investmentIncome: fc.constant(0n),
  }),
  projects: fc.array(arbProject, { minLength: 1, maxLength: 4 }),
  specialIncome: fc.bigInt({ min: 0n, max: 10n ** 8n }),
  soldProductMaterials: fc.bigInt({ min: 0n, max: 10n ** 8n }),
  materialsCarriedForward: fc.constant(0n),
  intangibles: fc.array(
    fc.record({
      id: fc.constant('A'),
      cost: fen,
      nonTaxableFunded: fc.constant(0n),
      inServiceFrom: fc.constantFrom('2020-01', '2022-06', '2024-12'),
      usefulLifeYears: fc.integer({ min: 1, max: 15 }),
    }),
    { maxLength: 2 },
  ),
  taxRate: fc.constantFrom(ratio(25n, 100n), ratio(15n, 100n), ratio(20n, 100n)),
});
const toFen = (s: string) => BigInt(s.replace('.', ''));

describe('properties', () => {
  test('every amount is yuan with exactly two decimals (integer fen) and the result matches its schema', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const r = computeSuperDeduction(input);
        DeductionResultSchema.parse(r);
        for (const v of Object.values(r.figures)) if (typeof v === 'string') assert.match(v, /^\d+\.\d{2}$/);
      }),
      { numRuns: 200 },
    );
  });
  test('more R&D never lowers the deduction', () => {
    fc.assert(
      fc.property(arbInput, arbLine, fc.nat(10), (input, extra, at) => {
        const before = toFen(computeSuperDeduction(input).figures.totalExtra);
        const projects = input.projects.map((p, i) =>
          i === at % input.projects.length ? { ...p, lines: [...p.lines, extra] } : p,
        );
        const after = toFen(computeSuperDeduction({ ...input, projects }).figures.totalExtra);
        assert.ok(after >= before, `${after} < ${before}`);
      }),
      { numRuns: 300 },
    );
  });
  test('splitting an expense into two lines, or moving it to another project, changes nothing', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 10n }), (input, pick, cut) => {
        const all = input.projects.flatMap((p, pi) => p.lines.map((l, li) => ({ pi, li, l })));
        if (all.length === 0) return;
        const { pi, li, l } = all[pick % all.length];
        const part = l.amount === 0n ? 0n : cut % (l.amount + 1n);
        const split: DeductionProject[] = input.projects.map((p, i) =>
          i === pi
            ? {
                ...p,
                lines: [
                  ...p.lines.slice(0, li),
                  { category: l.category, amount: part },
                  { category: l.category, amount: l.amount - part },
                  ...p.lines.slice(li + 1),
                ],
              }
            : p,
        );
        const moved: DeductionProject[] = [
          ...input.projects.map((p, i) =>
            i === pi ? { ...p, lines: p.lines.filter((_, j) => j !== li) } : p,
          ),
          { id: 'moved', name: '', lines: [l], contracted: [], subsidies: [] },
        ];
        const a = computeSuperDeduction(input).figures;
        assert.deepEqual(computeSuperDeduction({ ...input, projects: split }).figures, a);
        assert.deepEqual(computeSuperDeduction({ ...input, projects: moved }).figures, a);
      }),
      { numRuns: 300 },
    );
  });
  test('cap identity: counted other = min(actual, five × 10% ÷ 90%), and 9 × counted ≤ five + 4.5 fen', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const f = computeSuperDeduction(input).figures;
        const five = toFen(f.fiveCategories);
        const other = toFen(f.otherActual);
        const counted = toFen(f.otherCounted);
        assert.equal(counted, 9n * other <= five ? other : toFen(f.otherLimit));
        assert.ok(counted <= other);
        assert.ok(18n * counted <= 2n * five + 9n); // within half a fen of the exact limit
      }),
      { numRuns: 300 },
    );
  });
});

describe('step values are labelled for the reader', () => {
  test('every named value of every step has a label in both languages (numeric year keys excepted)', () => {
    const steps = run(buildDeductionBody()).steps;
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

// Property tests of the three tools against independent oracles: amounts entered as yuan strings
// (and JSON numbers) such as "0.1" + "0.2" are summed with decimal.js and compared to the fen, the
// growth band against exact fractions built another way, and monotonicity over random inputs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { checkHnte, growthBand, growthRate } from './hnte.ts';
import {
  DeductionInputSchema,
  HnteInputSchema,
  parsePolicyInput,
  TransferInputSchema,
} from './policy.schema.ts';
import { HNTE_RD_KEYS } from './prefill.ts';
import { computeSuperDeduction } from './superDeduction.ts';
import { computeTechTransfer } from './techTransfer.ts';

type Raw = Record<string, unknown>;
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
const dec = (v: string | number) => new D(String(v));
/** Half up to the fen, as the tax forms round (the oracle's own rounding, not the engine's). */
const fen2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
const sum = (xs: (string | number)[]) => xs.reduce<Decimal>((s, x) => s.plus(dec(x)), dec(0));

/** Yuan amounts as users type them, weighted towards the .1/.2/.3 patterns that drift in doubles. */
const yuanText: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant(0n), fc.bigInt({ min: 0n, max: 999n }), fc.bigInt({ min: 0n, max: 10n ** 9n })),
    fc.constantFrom('', '.1', '.2', '.3', '.10', '.20', '.30', '.01', '.07', '.29', '.99', '.5'),
  )
  .map(([i, f]) => `${i}${f}`);
/** The same amounts, sometimes as JSON numbers (safe: below 2^53 fen). */
const yuanAny: fc.Arbitrary<string | number> = fc.oneof(
  yuanText,
  yuanText.map((s) => Number(s)),
);

function parse<T>(schema: Parameters<typeof parsePolicyInput>[0], body: Raw): T {
  const r = parsePolicyInput(schema, body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value as T;
}

describe('no floating-point drift: yuan strings and numbers vs a decimal.js oracle', () => {
  test('deduction (公告2021年第28号, 财税〔2015〕119号, 公告2023年第7号): sums, 80% and × rate to the fen', () => {
    fc.assert(
      fc.property(
        fc.array(yuanAny, { minLength: 1, maxLength: 6 }),
        fc.array(yuanAny, { maxLength: 3 }),
        (personnel, contracted) => {
          const body = {
            taxYear: 2024,
            regime: 'general',
            mainBusiness: { industry: 'other', revenue: '0' },
            income: { totalIncome: '1' },
            projects: [
              {
                id: 'P',
                lines: personnel.map((amount) => ({ category: 'personnel', amount })),
                contracted: contracted.map((amount) => ({
                  amount,
                  location: 'domestic',
                  recipient: 'organisation',
                })),
              },
            ],
            taxRate: '0.25',
          };
          const f = computeSuperDeduction(parse(DeductionInputSchema, body)).figures;
          const five = sum(personnel);
          const dom = sum(contracted).times('0.8');
          assert.equal(f.fiveCategories, fen2(five));
          assert.equal(f.contractedDomesticEligible, fen2(dom));
          const base = five.plus(dec(f.contractedDomesticEligible));
          assert.equal(f.expensedBase, fen2(base));
          assert.equal(f.totalExtra, fen2(base));
          assert.equal(f.taxSaved, fen2(base.times('0.25')));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('transfer (国税函〔2009〕212号 第三条; 实施条例第九十条): income = revenue − costs − taxes, half rate on the excess', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(yuanAny, yuanAny, yuanAny), { minLength: 1, maxLength: 4 }),
        (contracts) => {
          const body = {
            taxYear: 2024,
            transfers: contracts.map(([revenue, costs, relatedTaxes], i) => ({
              id: `T${i}`,
              technology: 'patent',
              mode: 'ownership',
              revenue,
              costs,
              relatedTaxes,
            })),
            taxRate: '0.25',
          };
          const f = computeTechTransfer(parse(TransferInputSchema, body)).figures;
          const income = contracts.reduce(
            (s, [r, c, t]) => s.plus(dec(r)).minus(dec(c)).minus(dec(t)),
            dec(0),
          );
          assert.equal(f.eligibleIncome, fen2(income));
          const excess = Decimal.max(income.minus(5_000_000), 0);
          assert.equal(f.excessIncome, fen2(excess));
          assert.equal(f.tax, fen2(excess.times('0.25').div(2)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('every amount below 10^13 yuan with two decimals reads the same as a JSON number and as a string', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n - 1n }), (f) => {
        const text = `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
        const asNumber = JSON.parse(text) as number;
        const body = (amount: string | number) => ({
          taxYear: 2024,
          regime: 'general',
          mainBusiness: { industry: 'other', revenue: '0' },
          income: { totalIncome: '1' },
          projects: [{ id: 'P', lines: [{ category: 'personnel', amount }] }],
        });
        const a = computeSuperDeduction(parse(DeductionInputSchema, body(text))).figures.fiveCategories;
        const b = computeSuperDeduction(parse(DeductionInputSchema, body(asNumber))).figures.fiveCategories;
        assert.equal(b, a);
        assert.equal(a, text);
      }),
      { numRuns: 500 },
    );
  });

  test('HNTE (32号 第十一条第（五）项): the R&D intensity shown is the exact ratio floored to 4 decimals', () => {
    fc.assert(
      fc.property(yuanAny, yuanAny, yuanAny, (sales, personnel, contracted) => {
        if (dec(sales).isZero()) return;
        const body = {
          ...hnteBase(),
          registrationDate: '2024-01-02',
          years: [
            {
              year: 2024,
              salesRevenue: sales,
              netAssetsAtYearEnd: '1',
              rd: { personnel, contractedDomestic: contracted },
              resultsTransformed: 0,
            },
          ],
        };
        const r = checkHnte(parse(HnteInputSchema, body));
        const rd = r.conditions.find((c) => c.code === 'hnte.rd')!;
        const ratio = dec(personnel).plus(dec(contracted).times('0.8')).div(dec(sales));
        assert.equal(
          rd.steps.at(-1)!.result,
          `${ratio.times(100).toDecimalPlaces(4, Decimal.ROUND_FLOOR).toFixed(4)}%`,
        );
        const threshold = dec(sales).lte(50_000_000) ? 5 : dec(sales).lte(200_000_000) ? 4 : 3;
        assert.equal(rd.verdict, ratio.times(100).gte(threshold) ? 'met' : 'notMet');
      }),
      { numRuns: 300 },
    );
  });
});

// ------------------------------------------------------------------ growth band

/** Exact fraction a/b with b > 0, reduced. */
type Frac = [bigint, bigint];
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const frac = (a: bigint, b: bigint): Frac => {
  const g = gcd(a, b) || 1n;
  return b < 0n ? [-a / g, -b / g] : [a / g, b / g];
};
const add = (x: Frac, y: Frac) => frac(x[0] * y[1] + y[0] * x[1], x[1] * y[1]);
const cmp = (x: Frac, y: Frac) => {
  const d = x[0] * y[1] - y[0] * x[1];
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};
/** The guideline's bands (195号 成长性指标): ≥35% A, ≥25% B, ≥15% C, ≥5% D, >0 E, ≤0 F. */
function oracleBand(v1: bigint, v2: bigint, v3: bigint): string {
  if (v2 <= 0n) return 'F';
  let r: Frac;
  if (v1 <= 0n)
    r = add(frac(v3, v2), [-1n, 1n]); // first year zero: the last two years
  else {
    const [n, d] = add(frac(v2, v1), frac(v3, v2));
    r = add(frac(n, 2n * d), [-1n, 1n]);
  }
  if (cmp(r, [35n, 100n]) >= 0) return 'A';
  if (cmp(r, [25n, 100n]) >= 0) return 'B';
  if (cmp(r, [15n, 100n]) >= 0) return 'C';
  if (cmp(r, [5n, 100n]) >= 0) return 'D';
  if (cmp(r, [0n, 1n]) > 0) return 'E';
  return 'F';
}
const band3 = (v1: bigint, v2: bigint, v3: bigint) => growthBand(growthRate([v1, v2, v3]).rate).band;

describe('growth band vs an exact rational oracle — 国科发火〔2016〕195号 成长性指标', () => {
  test('random net assets or sales in fen', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 10n), max: 10n ** 12n }),
        fc.bigInt({ min: -(10n ** 10n), max: 10n ** 12n }),
        fc.bigInt({ min: -(10n ** 10n), max: 10n ** 12n }),
        (v1, v2, v3) => {
          assert.equal(band3(v1, v2, v3), oracleBand(v1, v2, v3));
        },
      ),
      { numRuns: 1000 },
    );
  });
  test('values built to land exactly on 5%, 15%, 25% and 35% take the higher band; one fen less the lower', () => {
    // V2/V1 = u/100 and V3/V2 = (200 + 2p − u)/100, so ½(V2/V1 + V3/V2) − 1 = p% exactly.
    const bands: Record<number, [string, string]> = {
      5: ['D', 'E'],
      15: ['C', 'D'],
      25: ['B', 'C'],
      35: ['A', 'B'],
    };
    fc.assert(
      fc.property(
        fc.constantFrom(5, 15, 25, 35),
        fc.integer({ min: 1, max: 269 }),
        fc.bigInt({ min: 1n, max: 10n ** 6n }),
        (p, u, k) => {
          const w = 200 + 2 * p - u;
          if (w <= 0) return;
          const v1 = 10000n * k;
          const v2 = 100n * k * BigInt(u);
          const v3 = k * BigInt(u) * BigInt(w);
          assert.equal(oracleBand(v1, v2, v3), bands[p][0]);
          assert.equal(band3(v1, v2, v3), bands[p][0], `${v1} ${v2} ${v3}`);
          assert.equal(band3(v1, v2, v3 - 1n), bands[p][1]);
          assert.equal(oracleBand(v1, v2, v3 - 1n), bands[p][1]);
        },
      ),
      { numRuns: 500 },
    );
    // The case the issue warns of: sales 100 → 115 → 132.25 grow by exactly 15% a year; in doubles
    // (115/100 + 132.25/115)/2 − 1 is 0.1499999999999999, which would fall into band D.
    assert.equal(band3(10000n, 11500n, 13225n), 'C');
    const inDoubles = (115 / 100 + 132.25 / 115) / 2 - 1;
    assert.ok(inDoubles < 0.15, `doubles give ${inDoubles}`);
  });
});

// ------------------------------------------------------------------ monotonicity

const RD_KEYS = HNTE_RD_KEYS;

function hnteBase(): Raw {
  return {
    registrationDate: '2018-05-10',
    applicationDate: '2025-06-01',
    domain: 'advancedManufacturing',
    years: [],
    latestYearIncome: { highTechRevenue: '0', totalIncome: '1' },
    staff: { mode: 'monthly', months: [{ totalStart: 1, totalEnd: 1, sciTechStart: 0, sciTechEnd: 0 }] },
    innovation: {
      advancement: 'C',
      coreSupport: 'C',
      rdManagement: { system: 0, institution: 0, transformationIncentives: 0, talent: 0 },
    },
    incidents: {},
  };
}
const fenText = (f: bigint) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;
const arbRd = fc.record(Object.fromEntries(RD_KEYS.map((k) => [k, fc.bigInt({ min: 0n, max: 10n ** 9n })])));

describe('monotone in R&D spend', () => {
  test('HNTE (32号 第十一条第（五）项; 195号 委托研发按80%, 其他费用≤20%): more R&D of any category in any year never turns the intensity from met to not met, nor lowers the ratio', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 11n }), arbRd), { minLength: 3, maxLength: 3 }),
        fc.nat(2),
        fc.constantFrom(...RD_KEYS),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        (ys, at, key, more) => {
          const body = (bump: bigint) => ({
            ...hnteBase(),
            years: ys.map(([sales, rd], i) => ({
              year: 2022 + i,
              salesRevenue: fenText(sales),
              netAssetsAtYearEnd: '1',
              rd: Object.fromEntries(
                RD_KEYS.map((k) => [k, fenText((rd[k] as bigint) + (i === at && k === key ? bump : 0n))]),
              ),
              resultsTransformed: 0,
            })),
          });
          const rdOf = (b: bigint) =>
            checkHnte(parse(HnteInputSchema, body(b))).conditions.find((c) => c.code === 'hnte.rd')!;
          const a = rdOf(0n);
          const b = rdOf(more);
          if (a.verdict === 'met') assert.equal(b.verdict, 'met');
          const pct = (c: typeof a) => dec(c.steps.at(-1)!.result.replace('%', ''));
          assert.ok(pct(b).gte(pct(a)), `${pct(b)} < ${pct(a)}`);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('deduction (财税〔2015〕119号第二条; 财税〔2018〕64号): more contracted-out R&D, in China or abroad, never lowers the extra deduction', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.constantFrom('personnel', 'directInputs', 'otherRelated', 'newProductDesign'),
            fc.bigInt({ min: 0n, max: 10n ** 10n }),
          ),
          { maxLength: 5 },
        ),
        fc.array(fc.tuple(fc.constantFrom('domestic', 'overseas'), fc.bigInt({ min: 0n, max: 10n ** 10n })), {
          maxLength: 3,
        }),
        fc.bigInt({ min: 0n, max: 10n ** 9n }),
        fc.constantFrom('domestic', 'overseas'),
        fc.bigInt({ min: 0n, max: 10n ** 8n }),
        (lines, contracts, subsidy, where, more) => {
          const body = (extra: bigint) => ({
            taxYear: 2024,
            regime: 'general',
            mainBusiness: { industry: 'other', revenue: '0' },
            income: { totalIncome: '1' },
            projects: [
              {
                id: 'P',
                lines: lines.map(([category, a]) => ({ category, amount: fenText(a) })),
                contracted: [
                  ...contracts.map(([location, a]) => ({
                    amount: fenText(a),
                    location,
                    recipient: 'organisation',
                  })),
                  { amount: fenText(extra), location: where, recipient: 'organisation' },
                ],
                subsidies: [{ amount: fenText(subsidy), accounting: 'income', taxable: false }],
              },
            ],
          });
          const total = (x: bigint) =>
            dec(computeSuperDeduction(parse(DeductionInputSchema, body(x))).figures.totalExtra);
          assert.ok(total(more).gte(total(0n)), `${total(more)} < ${total(0n)}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

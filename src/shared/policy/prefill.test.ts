import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import deductionExample from '../../../docs/examples/policy/deduction.json' with { type: 'json' };
import hnteExample from '../../../docs/examples/policy/hnte.json' with { type: 'json' };
import transferExample from '../../../docs/examples/policy/transfer.json' with { type: 'json' };
import { DeductionInputSchema, HnteInputSchema, parsePolicyInput } from './policy.schema.ts';
import {
  blankHnteYear,
  deductionIndustryOf,
  type EnterpriseFacts,
  fitHnteYears,
  prefillInput,
  rollForward,
} from './prefill.ts';
import { computeSuperDeduction } from './superDeduction.ts';

type Json = Record<string, unknown>;
const clone = <T>(x: T): Json => structuredClone(x) as unknown as Json;

const profile = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  registrationDate: '2019-03-15',
  industryCode: 'C3562',
  hnteDomain: 'advancedManufacturing',
  specialCategory: 'industrialMotherMachine',
  ...over,
});

describe('excluded industries from GB/T 4754-2017 codes (财税〔2015〕119号 Art. 4)', () => {
  test('maps the six listed industries and everything else to other', () => {
    assert.equal(deductionIndustryOf('C1610'), 'tobacco'); // 烟草制品业
    assert.equal(deductionIndustryOf('F5191'), 'wholesaleRetail');
    assert.equal(deductionIndustryOf('H61'), 'accommodationCatering');
    assert.equal(deductionIndustryOf('K7010'), 'realEstate');
    assert.equal(deductionIndustryOf('L72'), 'leasingBusinessServices');
    assert.equal(deductionIndustryOf('R9011'), 'entertainment'); // 娱乐业 is division 90 in the 2017 edition
    assert.equal(deductionIndustryOf('C3562'), 'other');
    assert.equal(deductionIndustryOf('R88'), 'other'); // 文化艺术业
    assert.equal(deductionIndustryOf('I65'), 'other');
  });
  test('says nothing without a code or from a bare section that cannot tell', () => {
    assert.equal(deductionIndustryOf(null), null);
    assert.equal(deductionIndustryOf('C'), null);
    assert.equal(deductionIndustryOf('R'), null);
    assert.equal(deductionIndustryOf('F'), 'wholesaleRetail');
  });
});

describe('pre-filling a tool from the enterprise profile', () => {
  test('HNTE: registration date and domain come from the profile when nothing was saved', () => {
    const r = prefillInput(
      'hnte',
      { registrationDate: '2018-05-10', domain: 'none', years: [] },
      profile(),
      null,
    );
    assert.equal(r.input.registrationDate, '2019-03-15');
    assert.equal(r.input.domain, 'advancedManufacturing');
    assert.deepEqual(r.fromProfile, ['registrationDate', 'domain']);
  });

  test('HNTE: a registration date from the profile refits the fiscal years (195号 按实际经营时间计算)', () => {
    const r = prefillInput('hnte', clone(hnteExample), profile({ registrationDate: '2023-08-01' }), null);
    assert.deepEqual(
      (r.input.years as Json[]).map((y) => y.year),
      [2023, 2024],
    );
    assert.ok(parsePolicyInput(HnteInputSchema, r.input).ok);
  });

  test("last year's saved worksheet takes precedence where it has values", () => {
    const saved = { registrationDate: '2017-01-01', domain: '', years: [{ year: 2025 }] };
    const r = prefillInput('hnte', { registrationDate: '2018-05-10' }, profile(), saved);
    assert.equal(r.input.registrationDate, '2017-01-01');
    assert.equal(r.input.domain, 'advancedManufacturing'); // empty in the worksheet: the profile fills it
    assert.deepEqual(r.input.years, [{ year: 2025 }]);
    assert.deepEqual(r.fromProfile, ['domain']);
  });

  test('deduction: industry and regime; "none" means the general regime (公告2023年第7号)', () => {
    const blank = { regime: 'general', mainBusiness: { industry: 'other', revenue: '0.00' } };
    const r = prefillInput('deduction', blank, profile({ industryCode: 'F5191' }), null);
    assert.equal(r.input.regime, 'industrialMotherMachine'); // 公告2023年第44号
    assert.deepEqual(r.input.mainBusiness, { industry: 'wholesaleRetail', revenue: '0.00' });
    const none = prefillInput('deduction', blank, profile({ specialCategory: 'none' }), null);
    assert.equal(none.input.regime, 'general');
  });

  test('an unfilled profile and the transfer tool change nothing; the input is never mutated', () => {
    const blank = { regime: 'general' };
    const empty = { registrationDate: null, industryCode: null, hnteDomain: null, specialCategory: null };
    assert.deepEqual(prefillInput('deduction', blank, empty, null), { input: blank, fromProfile: [] });
    assert.deepEqual(prefillInput('transfer', blank, profile(), null).fromProfile, []);
    prefillInput('deduction', blank, profile(), null);
    assert.deepEqual(blank, { regime: 'general' });
  });
});

describe('rolling a saved worksheet forward to a later year', () => {
  const years = (x: Json) => (x.years as Json[]).map((y) => y.year);
  test('HNTE (32号 第十一条第（五）项): the oldest year drops out, a blank target year is added, the dates move', () => {
    const saved = clone(hnteExample); // registered 2018, applying 2025-06-01, years 2022–2024
    const r = rollForward('hnte', saved, 2025);
    assert.deepEqual(years(r), [2023, 2024, 2025]);
    assert.deepEqual((r.years as Json[]).slice(0, 2), (saved.years as Json[]).slice(1));
    assert.deepEqual((r.years as Json[])[2], blankHnteYear(2025));
    assert.equal(r.applicationDate, '2026-06-01');
    assert.deepEqual(r.latestYearIncome, {
      highTechRevenue: '0.00',
      totalIncome: '0.00',
      nonTaxableIncome: '0.00',
    });
    assert.deepEqual(r.ip, saved.ip);
    // The result is a valid input (the new years fit the new application date).
    const parsed = parsePolicyInput(HnteInputSchema, r);
    assert.ok(parsed.ok, JSON.stringify(parsed.ok ? null : parsed.errors));
    assert.deepEqual(saved, clone(hnteExample)); // never mutated
  });
  test('HNTE: a young firm keeps its years until it has three (195号 按实际经营时间计算); a roster counts the new year', () => {
    const young = {
      ...clone(hnteExample),
      registrationDate: '2024-01-02',
      years: [{ ...(hnteExample.years[2] as Json), year: 2024 }],
      staff: { mode: 'roster', year: 2024, people: [] },
    };
    const r = rollForward('hnte', young, 2025);
    assert.deepEqual(years(r), [2024, 2025]);
    assert.equal((r.staff as Json).year, 2025);
    assert.deepEqual(years(rollForward('hnte', young, 2027)), [2025, 2026, 2027]);
  });
  test('fitting the years to edited dates keeps the figures of years still covered', () => {
    const r = fitHnteYears({ ...clone(hnteExample), registrationDate: '2023-03-01' });
    assert.deepEqual(years(r), [2023, 2024]);
    assert.deepEqual((r.years as Json[])[1], hnteExample.years[2]);
  });
  test('property: rolling an HNTE worksheet forward twice = rolling it two years = dropping two years', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2090 }),
        fc.constantFrom('01-15', '02-28', '06-01', '12-31'),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 3, maxLength: 3 }),
        (latest, md, sales) => {
          const saved: Json = {
            ...clone(hnteExample),
            registrationDate: `${latest - 10}-03-01`,
            applicationDate: `${latest + 1}-${md}`,
            years: sales.map((s, i) => ({
              ...(hnteExample.years[i] as Json),
              year: latest - 2 + i,
              salesRevenue: `${s}.00`,
            })),
          };
          const twice = rollForward('hnte', rollForward('hnte', saved, latest + 1), latest + 2);
          const once = rollForward('hnte', saved, latest + 2);
          assert.deepEqual(twice, once);
          assert.deepEqual(once.years, [
            (saved.years as Json[])[2],
            blankHnteYear(latest + 1),
            blankHnteYear(latest + 2),
          ]);
          assert.equal(once.applicationDate, `${latest + 3}-${md}`);
        },
      ),
      { numRuns: 100 },
    );
  });
  test("deduction (执行指引 2.0): last year's unabsorbed materials become this year's brought-forward; intangibles stay", () => {
    const saved: Json = {
      ...clone(deductionExample),
      taxYear: 2024,
      soldProductMaterials: '90000000.00', // far above the base: most of it carries forward
    };
    const parsed = parsePolicyInput(DeductionInputSchema, saved);
    assert.ok(parsed.ok);
    const carry = computeSuperDeduction(parsed.value).figures.materialsCarryForward;
    assert.notEqual(carry, '0.00');
    const r = rollForward('deduction', saved, 2025);
    assert.equal(r.taxYear, 2025);
    assert.equal(r.materialsCarriedForward, carry);
    assert.deepEqual(r.intangibles, saved.intangibles);
    assert.ok(parsePolicyInput(DeductionInputSchema, r).ok);
  });
  test('transfer: the tax year; a worksheet of the target year or later is left as it is', () => {
    assert.equal(rollForward('transfer', clone(transferExample), 2030).taxYear, 2030);
    const saved = clone(transferExample);
    assert.deepEqual(rollForward('transfer', saved, Number(saved.taxYear)), saved);
    assert.deepEqual(rollForward('hnte', clone(hnteExample), 2023), clone(hnteExample));
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  checkHnte,
  growthBand,
  growthRate,
  type HnteInput,
  type HnteResult,
  hnteRdYear,
  rdThresholdPercent,
} from './hnte.ts';
import { localizePolicyText, policyValueLabels, policyMessages as stepCodes } from './policy.messages.ts';
import { HnteInputSchema, HnteResultSchema, parsePolicyInput, policyMessages } from './policy.schema.ts';

// A request body as the API receives it (yuan strings); overrides are shallow per section.
type Raw = Record<string, unknown>;
function buildHnteBody(overrides: Raw = {}): Raw {
  const rd = (personnel: string) => ({ personnel, directInputs: '0', other: '0' });
  return {
    registrationDate: '2018-05-10',
    applicationDate: '2025-06-01',
    domain: 'electronicInformation',
    years: [
      {
        year: 2022,
        salesRevenue: '30000000.00',
        netAssetsAtYearEnd: '10000000.00',
        rd: rd('1800000.00'),
        resultsTransformed: 5,
      },
      {
        year: 2023,
        salesRevenue: '40000000.00',
        netAssetsAtYearEnd: '13500000.00',
        rd: rd('2400000.00'),
        resultsTransformed: 5,
      },
      {
        year: 2024,
        salesRevenue: '50000000.00',
        netAssetsAtYearEnd: '18225000.00',
        rd: rd('3000000.00'),
        resultsTransformed: 5,
      },
    ],
    latestYearIncome: { highTechRevenue: '40000000.00', totalIncome: '50000000.00', nonTaxableIncome: '0' },
    staff: {
      mode: 'monthly',
      months: Array.from({ length: 12 }, () => ({
        totalStart: 100,
        totalEnd: 100,
        sciTechStart: 30,
        sciTechEnd: 30,
      })),
    },
    ip: [{ id: 'ZL1', kind: 'inventionPatent', obtainedBy: 'selfDeveloped', coreSupport: true }],
    innovation: {
      advancement: 'A',
      coreSupport: 'A',
      standards: true,
      rdManagement: { system: 6, institution: 6, transformationIncentives: 4, talent: 4 },
    },
    incidents: {},
    ...overrides,
  };
}
function parse(body: Raw): HnteInput {
  const r = parsePolicyInput(HnteInputSchema, body);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const run = (body: Raw) => checkHnte(parse(body));
const cond = (r: HnteResult, code: string) => {
  const c = r.conditions.find((x) => x.code === code);
  assert.ok(c, code);
  return c;
};
// One fiscal year: a firm registered in 2024 applying in 2025 (195号: 按实际经营时间计算).
const oneYear = (salesRevenue: string, rd: Raw, extra: Raw = {}) => ({
  registrationDate: '2024-01-02',
  years: [
    { year: 2024, salesRevenue, netAssetsAtYearEnd: '1000000.00', rd, resultsTransformed: 0, ...extra },
  ],
});

describe('HNTE (一) registration — 195号: 365 calendar days or more', () => {
  // Registered in 2023, applying in 2024: one fiscal year (2023) of operation (195号 按实际经营时间计算).
  const years2023 = [{ ...(buildHnteBody().years as Raw[])[2], year: 2023 }];
  test('365 days (across 29 February 2024) is met', () => {
    const r = run(
      buildHnteBody({ registrationDate: '2023-03-01', applicationDate: '2024-02-29', years: years2023 }),
    );
    assert.equal(cond(r, 'hnte.registration').steps[0].result, '365');
    assert.equal(cond(r, 'hnte.registration').verdict, 'met');
  });
  test('364 days is not met', () => {
    const r = run(
      buildHnteBody({ registrationDate: '2023-03-02', applicationDate: '2024-02-29', years: years2023 }),
    );
    assert.equal(cond(r, 'hnte.registration').steps[0].result, '364');
    assert.equal(cond(r, 'hnte.registration').verdict, 'notMet');
  });
});

describe('HNTE (二) IP and (三) domain', () => {
  test('trademarks, licensed IP and a class Ⅱ item already used do not count', () => {
    const ip = [
      { id: 'TM', kind: 'trademark', obtainedBy: 'selfDeveloped', coreSupport: true },
      { id: 'LIC', kind: 'inventionPatent', obtainedBy: 'licence', coreSupport: true },
      {
        id: 'UM',
        kind: 'utilityModel',
        obtainedBy: 'selfDeveloped',
        coreSupport: true,
        previouslyUsedForHnte: true,
      },
      {
        id: 'EXP',
        kind: 'inventionPatent',
        obtainedBy: 'selfDeveloped',
        coreSupport: true,
        validInChina: false,
      },
    ];
    const r = run(buildHnteBody({ ip }));
    assert.equal(cond(r, 'hnte.ip').verdict, 'notMet');
    assert.deepEqual(r.innovation.items[0].range, { low: 1 + 7 + 7, high: 2 + 8 + 8 }); // grades A, A, standards bonus only
  });
  test('a class Ⅰ item used before still counts; a transferred core patent counts', () => {
    const ip = [
      {
        id: 'P',
        kind: 'inventionPatent',
        obtainedBy: 'transfer',
        coreSupport: true,
        previouslyUsedForHnte: true,
      },
    ];
    const r = run(buildHnteBody({ ip }));
    assert.equal(cond(r, 'hnte.ip').verdict, 'met');
    // Quantity A 7–8, obtained only by transfer B 1–3.
    assert.equal(r.innovation.items[0].band, 'AAAB');
  });
  test('a domain outside the eight fails', () => {
    assert.equal(cond(run(buildHnteBody({ domain: 'none' })), 'hnte.domain').verdict, 'notMet');
  });
});

describe('HNTE (四) S&T staff — 195号 统计方法', () => {
  const months = (total: number, sci: number) =>
    Array.from({ length: 12 }, () => ({
      totalStart: total,
      totalEnd: total,
      sciTechStart: sci,
      sciTechEnd: sci,
    }));
  test('exactly 10% is met, just under is not', () => {
    assert.equal(
      cond(run(buildHnteBody({ staff: { mode: 'monthly', months: months(100, 10) } })), 'hnte.staff').verdict,
      'met',
    );
    // One month with an S&T end count of 9: Σ(start+end) S&T = 239 vs staff 2400 → 9.958% < 10%.
    const m = months(100, 10);
    m[5] = { ...m[5], sciTechEnd: 9 };
    const r = run(buildHnteBody({ staff: { mode: 'monthly', months: m } }));
    assert.equal(cond(r, 'hnte.staff').verdict, 'notMet');
    assert.equal(cond(r, 'hnte.staff').steps.at(-1)!.result, '9.9583%');
  });
  test('monthly average = (start + end) ÷ 2; annual = Σ ÷ 12', () => {
    // Staff 10→11 every month: 10.5 monthly, annual 10.5; S&T 1→1: 1/10.5 = 9.5238% → not met.
    const m = Array.from({ length: 12 }, () => ({
      totalStart: 10,
      totalEnd: 11,
      sciTechStart: 1,
      sciTechEnd: 1,
    }));
    const c = cond(run(buildHnteBody({ staff: { mode: 'monthly', months: m } })), 'hnte.staff');
    assert.match(localizePolicyText(c.steps[0].result, 'en'), /^staff 10\.50, S&T 1\.00/);
    assert.match(localizePolicyText(c.steps[0].result, 'zh-CN'), /^职工 10\.50, 科技人员 1\.00/);
    assert.equal(c.steps[1].result, '9.5238%');
  });
  test('roster: 183 days makes an S&T person count, 182 does not; part-time under 183 days is not staff', () => {
    const full = { from: '2020-01-01', to: null };
    const people = (sciDays: number, tempDays: number) => ({
      mode: 'roster',
      year: 2024,
      people: [
        ...Array.from({ length: 9 }, () => ({ kind: 'employee', sciTech: false, daysWorked: 250, ...full })),
        { kind: 'employee', sciTech: true, daysWorked: sciDays, ...full },
        { kind: 'temporary', sciTech: false, daysWorked: tempDays, ...full },
      ],
    });
    // 1 S&T of 10 staff (the temporary worker with 182 days is left out) = 10%.
    assert.equal(cond(run(buildHnteBody({ staff: people(183, 182) })), 'hnte.staff').verdict, 'met');
    // S&T person under 183 days: 0 of 10.
    assert.equal(cond(run(buildHnteBody({ staff: people(182, 182) })), 'hnte.staff').verdict, 'notMet');
    // The temporary worker reaches 183 days and joins the staff: 1 of 11 < 10%.
    assert.equal(cond(run(buildHnteBody({ staff: people(183, 183) })), 'hnte.staff').verdict, 'notMet');
  });
  test('roster: a person leaving mid-month counts at the start, not at the end', () => {
    const r = run(
      buildHnteBody({
        staff: {
          mode: 'roster',
          year: 2024,
          people: [
            ...Array.from({ length: 10 }, () => ({
              kind: 'employee',
              sciTech: false,
              daysWorked: 250,
              from: '2020-01-01',
              to: null,
            })),
            // 1 January – 15 July 2024 is 197 days; 190 worked (≥ 183: counted as S&T staff).
            { kind: 'employee', sciTech: true, daysWorked: 190, from: '2020-01-01', to: '2024-07-15' },
          ],
        },
      }),
    );
    // S&T: Jan–Jun 1+1, Jul 1+0, Aug–Dec 0 → Σ(start+end) = 13; staff Σ = 2×10×12 + 13 = 253 → 13/253 = 5.1383%.
    assert.equal(cond(r, 'hnte.staff').steps.at(-1)!.result, '5.1383%');
  });
});

describe('HNTE (五) R&D intensity — 32号 第十一条第（五）项', () => {
  test('threshold bands by the latest year’s sales, boundaries inclusive', () => {
    assert.equal(rdThresholdPercent(50_000_000_00n), 5);
    assert.equal(rdThresholdPercent(50_000_000_01n), 4);
    assert.equal(rdThresholdPercent(200_000_000_00n), 4);
    assert.equal(rdThresholdPercent(200_000_000_01n), 3);
  });
  test('sales exactly 50,000,000.00 and R&D exactly 5% is met; one fen less is not', () => {
    const met = run(buildHnteBody(oneYear('50000000.00', { personnel: '2500000.00' })));
    assert.equal(cond(met, 'hnte.rd').verdict, 'met');
    assert.equal(cond(met, 'hnte.rd').steps.at(-1)!.result, '5.0000%');
    const short = run(buildHnteBody(oneYear('50000000.00', { personnel: '2499999.99' })));
    assert.equal(cond(short, 'hnte.rd').verdict, 'notMet');
    assert.equal(cond(short, 'hnte.rd').steps.at(-1)!.result, '4.9999%'); // floor, never rounds up to 5%
  });
  test('sales 50,000,000.01 needs only 4%', () => {
    // 2,000,000.00 ÷ 50,000,000.01 = 3.9999999992% < 4%; 2,000,000.01 ÷ 50,000,000.01 ≥ 4% since
    // 200000001 × 100 = 20000000100 ≥ 4 × 5000000001 = 20000000004 (fen, cross-multiplied).
    const r = run(buildHnteBody(oneYear('50000000.01', { personnel: '2000000.00' })));
    assert.equal(cond(r, 'hnte.rd').steps.find((s) => s.code === 'hnte.rd.threshold')!.result, '4%');
    assert.equal(cond(r, 'hnte.rd').verdict, 'notMet');
    assert.equal(
      cond(run(buildHnteBody(oneYear('50000000.01', { personnel: '2000000.01' }))), 'hnte.rd').verdict,
      'met',
    );
  });
  test('sales exactly 200,000,000.00 needs 4%; 200,000,000.01 needs 3%', () => {
    assert.equal(
      cond(run(buildHnteBody(oneYear('200000000.00', { personnel: '8000000.00' }))), 'hnte.rd').verdict,
      'met',
    );
    assert.equal(
      cond(run(buildHnteBody(oneYear('200000000.00', { personnel: '7999999.99' }))), 'hnte.rd').verdict,
      'notMet',
    );
    const r = run(buildHnteBody(oneYear('200000000.01', { personnel: '6000000.01' })));
    assert.equal(cond(r, 'hnte.rd').verdict, 'met');
  });
  test('three-year totals: (1.8M + 2.4M + 3.0M) ÷ (30M + 40M + 50M) = 6% ≥ 5%', () => {
    const r = run(buildHnteBody());
    assert.equal(cond(r, 'hnte.rd').steps.at(-1)!.result, '6.0000%');
  });
  test('contracted-out R&D counts at 80%; other costs capped at 20% of the total', () => {
    // internal 800.00 + 80% × 250.00 = 1000.00 non-other; other may be 1000 × 20% / 80% = 250.00.
    const at = hnteRdYear({
      personnel: 80000n,
      directInputs: 0n,
      depreciation: 0n,
      intangibleAmortisation: 0n,
      design: 0n,
      equipmentAndTrials: 0n,
      other: 25000n,
      contractedDomestic: 25000n,
      contractedOverseas: 0n,
    });
    assert.equal(at.total, (100000n + 25000n) * 20n); // 1250.00 in 1/20-fen units: other is exactly 20%
    const over = hnteRdYear({
      personnel: 80000n,
      directInputs: 0n,
      depreciation: 0n,
      intangibleAmortisation: 0n,
      design: 0n,
      equipmentAndTrials: 0n,
      other: 25001n,
      contractedDomestic: 25000n,
      contractedOverseas: 0n,
    });
    assert.equal(over.otherAllowed, 25000n * 20n);
    assert.equal(over.total, at.total);
  });
  test('China share exactly 60% is met; one fen more overseas is not', () => {
    // internal 600.00; overseas contracted 500.00 × 80% = 400.00 → 600 / 1000 = 60%.
    const body = (ov: string) =>
      buildHnteBody(oneYear('10000.00', { personnel: '600.00', contractedOverseas: ov }));
    assert.equal(cond(run(body('500.00')), 'hnte.rdDomestic').verdict, 'met');
    assert.equal(cond(run(body('500.00')), 'hnte.rdDomestic').steps[0].result, '60.0000%');
    assert.equal(cond(run(body('500.01')), 'hnte.rdDomestic').verdict, 'notMet');
  });
  test('zero sales cannot meet the ratio', () => {
    assert.equal(cond(run(buildHnteBody(oneYear('0', { personnel: '1.00' }))), 'hnte.rd').verdict, 'notMet');
  });
});

describe('HNTE (六) high-tech income — 32号 第十一条第（六）项', () => {
  test('exactly 60% of total income less non-taxable income is met; one fen less is not', () => {
    const body = (ht: string) =>
      buildHnteBody({
        latestYearIncome: { highTechRevenue: ht, totalIncome: '1100.00', nonTaxableIncome: '100.00' },
      });
    assert.equal(cond(run(body('600.00')), 'hnte.highTechIncome').verdict, 'met');
    assert.equal(cond(run(body('599.99')), 'hnte.highTechIncome').verdict, 'notMet');
  });
});

describe('HNTE (七) innovation score — 195号 企业创新能力评价', () => {
  test('growth: exactly 5% lands in band D (3–4), where doubles land in E', () => {
    // Net assets 1,960,000 → 2,100,000 → 2,160,000: ½(15/14 + 36/35) − 1 = ½ × 147/70 − 1 = 1/20 exactly.
    // In binary floating point 0.5 × (2100000/1960000 + 2160000/2100000) − 1 = 0.04999999999999982.
    assert.ok(0.5 * (2100000 / 1960000 + 2160000 / 2100000) - 1 < 0.05);
    const g = growthRate([196000000n, 210000000n, 216000000n]);
    assert.equal(g.kind, 'threeYears');
    assert.deepEqual(growthBand(g.rate), { band: 'D', range: { low: 3, high: 4 } });
  });
  test('growth band boundaries: 35% A, 25% B, 15% C, 5% D, >0 E, 0 F', () => {
    const two = (pct: bigint) => growthBand(growthRate([10000n, 10000n + pct * 100n]).rate).band;
    assert.deepEqual(
      [two(35n), two(34n), two(25n), two(15n), two(5n), two(1n), two(0n), two(-5n)],
      ['A', 'B', 'B', 'C', 'D', 'E', 'F', 'F'],
    );
  });
  test('growth: first year zero → last two years; second year zero → 0 points; one year → 0 points', () => {
    assert.equal(growthRate([0n, 100n, 135n]).kind, 'lastTwoYears');
    assert.equal(growthBand(growthRate([0n, 100n, 135n]).rate).band, 'A');
    assert.equal(growthBand(growthRate([100n, 0n, 500n]).rate).band, 'F');
    assert.equal(growthRate([100n]).kind, 'insufficientYears');
  });
  test('worked example: the default enterprise scores 84–98 and passes at both ends', () => {
    // IP: A 7–8 + A 7–8 + quantity A 7–8 + self-developed 1–6 + standards 1–2 = 23–32 → capped 23–30.
    // Transformation: 15 results in 3 years, average 5 → A 25–30.
    // R&D management: 6 + 6 + 4 + 4 = 20.
    // Net assets 10M → 13.5M → 18.225M: ½(1.35 + 1.35) − 1 = 35% → A 9–10.
    // Sales 30M → 40M → 50M: ½(4/3 + 5/4) − 1 = 31/24 − 1 = 29.17% → B 7–8.
    // Total 23 + 25 + 20 + 9 + 7 = 84 to 30 + 30 + 20 + 10 + 8 = 98.
    const r = run(buildHnteBody());
    assert.deepEqual(
      r.innovation.items.map((i) => i.range),
      [
        { low: 23, high: 30 },
        { low: 25, high: 30 },
        { low: 20, high: 20 },
        { low: 16, high: 18 },
      ],
    );
    assert.deepEqual(r.innovation.total, { low: 84, high: 98 });
    assert.equal(r.innovation.passAtLow, true);
    assert.equal(r.verdict, 'met');
  });
  test('a total of exactly 70 fails; the verdict depends when only the high end passes', () => {
    // IP: D 1–2, D 1–2, quantity A 7–8, self-developed 1–6, no standards → 10–18.
    // Transformation: 12 in 3 years = 4 per year → B 19–24.
    // Management 6+6+4+4 = 20. Growth: net A 9–10, sales B 7–8 (as above) → 16–18.
    // Total 10 + 19 + 20 + 16 = 65 to 18 + 24 + 20 + 18 = 80 → depends.
    const base = buildHnteBody();
    const years = (base.years as Raw[]).map((y) => ({ ...y, resultsTransformed: 4 }));
    const inno = {
      advancement: 'D',
      coreSupport: 'D',
      standards: false,
      rdManagement: { system: 6, institution: 6, transformationIncentives: 4, talent: 4 },
    };
    const r = run({ ...base, years, innovation: inno });
    assert.deepEqual(r.innovation.total, { low: 65, high: 80 });
    assert.deepEqual([r.innovation.passAtLow, r.innovation.passAtHigh], [false, true]);
    const totalStep = cond(r, 'hnte.innovation').steps.find((s) => s.code === 'hnte.score.total')!;
    assert.equal(totalStep.values.passAtLow, 'no');
    assert.equal(totalStep.values.passAtHigh, 'yes');
    assert.match(localizePolicyText(totalStep.formula, 'en'), /= 65: fails; .* = 80: passes/);
    assert.match(localizePolicyText(totalStep.formula, 'zh-CN'), /= 65: 未通过; .* = 80: 通过/);
    assert.equal(cond(r, 'hnte.innovation').verdict, 'depends');
    assert.equal(r.verdict, 'depends');
    // Cut management to 10: high end exactly 70 → fails at both ends.
    const r70 = run({
      ...base,
      years,
      innovation: {
        ...inno,
        rdManagement: { system: 6, institution: 4, transformationIncentives: 0, talent: 0 },
      },
    });
    assert.equal(r70.innovation.total.high, 70);
    assert.equal(r70.innovation.passAtHigh, false);
    const step70 = cond(r70, 'hnte.innovation').steps.find((s) => s.code === 'hnte.score.total')!;
    assert.deepEqual([step70.values.high, step70.values.passAtHigh], ['70', 'no']);
    assert.equal(cond(r70, 'hnte.innovation').verdict, 'notMet');
  });
  test('expert average exactly 70 fails; 70.2 passes; fewer than five experts is an input error', () => {
    const withScores = (s: number[]) =>
      buildHnteBody({ innovation: { ...(buildHnteBody().innovation as Raw), expertScores: s } });
    const r70 = run(withScores([70, 70, 70, 70, 70]));
    assert.equal(r70.innovation.expertAverage, '70.00');
    assert.equal(cond(r70, 'hnte.innovation').verdict, 'notMet');
    assert.equal(run(withScores([70, 70, 70, 70, 71])).innovation.expertPass, true);
    const bad = parsePolicyInput(HnteInputSchema, withScores([80, 80, 80, 80]));
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.errors.map((e) => e.field), ['innovation.expertScores']);
  });
  test('transformation average 14/3 ≈ 4.67 is band B; 2 results in 3 years (0.67) is band F', () => {
    const base = buildHnteBody();
    const withCounts = (c: number[]) =>
      run({ ...base, years: (base.years as Raw[]).map((y, i) => ({ ...y, resultsTransformed: c[i] })) });
    assert.equal(withCounts([4, 5, 5]).innovation.items[1].band, 'B');
    assert.equal(withCounts([5, 5, 5]).innovation.items[1].band, 'A');
    assert.equal(withCounts([0, 1, 1]).innovation.items[1].band, 'F');
  });
});

describe('HNTE (八) incidents and the overall verdict', () => {
  test('a major quality accident fails the check', () => {
    const r = run(buildHnteBody({ incidents: { majorQualityAccident: true } }));
    assert.equal(cond(r, 'hnte.incidents').verdict, 'notMet');
    assert.equal(r.verdict, 'notMet');
  });
});

describe('HNTE input validation names the field', () => {
  const fields = (body: Raw) => {
    const r = parsePolicyInput(HnteInputSchema, body);
    assert.equal(r.ok, false);
    return r.ok ? [] : r.errors.map((e) => e.field);
  };
  test('bad amounts, dates, grades and counts', () => {
    const base = buildHnteBody();
    const years = structuredClone(base.years) as Raw[];
    years[1].salesRevenue = '12.345';
    (years[2].rd as Raw).personnel = '-1';
    assert.deepEqual(fields({ ...base, years }), ['years.1.salesRevenue', 'years.2.rd.personnel']);
    assert.deepEqual(fields({ ...base, registrationDate: '2023-02-30' }), ['registrationDate']);
    assert.deepEqual(fields({ ...base, innovation: { ...(base.innovation as Raw), advancement: 'F' } }), [
      'innovation.advancement',
    ]);
  });
  test('cross-field rules: consecutive years, S&T ≤ staff, high-tech ≤ income, registration before application', () => {
    const base = buildHnteBody();
    const years = structuredClone(base.years) as Raw[];
    years[0].year = 2021;
    assert.deepEqual(fields({ ...base, years }), ['years.1.year']);
    const months = structuredClone((base.staff as { months: Raw[] }).months);
    months[3].sciTechEnd = 101;
    assert.deepEqual(fields({ ...base, staff: { mode: 'monthly', months } }), ['staff.months.3.sciTechEnd']);
    assert.deepEqual(
      fields({
        ...base,
        latestYearIncome: { highTechRevenue: '10.00', totalIncome: '10.00', nonTaxableIncome: '1.00' },
      }),
      ['latestYearIncome.highTechRevenue'],
    );
    assert.deepEqual(fields({ ...base, registrationDate: '2026-01-01' }), ['registrationDate']);
  });
  test('roster: days worked may not exceed the days between from and to within the year (195号 累计工作183天以上)', () => {
    const roster = (person: Raw) => ({
      ...buildHnteBody(),
      staff: {
        mode: 'roster',
        year: 2024,
        people: [{ kind: 'employee', sciTech: true, from: '2020-01-01', to: null, ...person }],
      },
    });
    // 2024 is a leap year: 366 days; 1 July – 31 December is 184 days.
    assert.deepEqual(parsePolicyInput(HnteInputSchema, roster({ daysWorked: 366 })).ok, true);
    assert.deepEqual(
      parsePolicyInput(HnteInputSchema, roster({ from: '2024-07-01', daysWorked: 184 })).ok,
      true,
    );
    const r = parsePolicyInput(HnteInputSchema, roster({ from: '2024-07-01', daysWorked: 185 }));
    assert.deepEqual(r.ok ? [] : r.errors.map(({ code, field, message }) => ({ code, field, message })), [
      {
        code: 'VALIDATION',
        field: 'staff.people.0.daysWorked',
        message: 'must not exceed the 184 days from "from" to "to" within 2024',
      },
    ]);
    // Left on 2 January 2024: 2 days; joined after the year: 0 days.
    assert.deepEqual(fields(roster({ to: '2024-01-02', daysWorked: 3 })), ['staff.people.0.daysWorked']);
    assert.deepEqual(fields(roster({ from: '2025-01-01', daysWorked: 1 })), ['staff.people.0.daysWorked']);
    assert.equal(parsePolicyInput(HnteInputSchema, roster({ from: '2025-01-01', daysWorked: 0 })).ok, true);
  });
  test('every message names a field with a readable reason', () => {
    const r = parsePolicyInput(HnteInputSchema, { ...buildHnteBody(), domain: 'biotech' });
    assert.deepEqual(r.ok ? null : r.errors.map(({ code, field, message }) => ({ code, field, message })), [
      { code: 'VALIDATION', field: 'domain', message: 'must be one of the eight domains or "none"' },
    ]);
  });
});

describe('HNTE fiscal years — 32号 第十一条第（五）项; 195号 “实际经营期不满三年的按实际经营时间计算”', () => {
  const errors = (body: Raw) => {
    const r = parsePolicyInput(HnteInputSchema, body);
    return r.ok ? [] : r.errors.map((e) => [e.field, e.message]);
  };
  const year = (y: number) => ({ ...(buildHnteBody().years as Raw[])[2], year: y });
  test('an old firm enters exactly the three years before the application year', () => {
    assert.deepEqual(errors(buildHnteBody()), []); // registered 2018, applying 2025: 2022–2024
    assert.deepEqual(errors(buildHnteBody({ years: [year(2023), year(2024)] })), [
      ['years', 'needs the three fiscal years before the application year'],
    ]);
    assert.deepEqual(errors(buildHnteBody({ years: [year(2024)] }))[0][0], 'years');
  });
  test('the latest year must be the application year − 1', () => {
    assert.deepEqual(errors(buildHnteBody({ years: [year(2021), year(2022), year(2023)] })), [
      ['years.2.year', 'the latest fiscal year must be the year before the application year (2024)'],
    ]);
    assert.deepEqual(
      errors(buildHnteBody({ applicationDate: '2026-03-01', years: [year(2022), year(2023), year(2024)] })),
      [['years.2.year', 'the latest fiscal year must be the year before the application year (2025)']],
    );
  });
  test('a firm registered one or two years before enters one or two years', () => {
    // Registered 2024-01-02, applying 2025-06-01: operating years 2024 only.
    assert.deepEqual(errors(buildHnteBody({ registrationDate: '2024-01-02', years: [year(2024)] })), []);
    // Registered 2023-12-31, applying 2025-06-01: 2023 (one day) and 2024.
    assert.deepEqual(
      errors(buildHnteBody({ registrationDate: '2023-12-31', years: [year(2023), year(2024)] })),
      [],
    );
    assert.deepEqual(
      errors(
        buildHnteBody({ registrationDate: '2023-12-31', years: [year(2022), year(2023), year(2024)] }),
      )[0][0],
      'years',
    );
    assert.deepEqual(
      errors(buildHnteBody({ registrationDate: '2023-12-31', years: [year(2024)] }))[0][0],
      'years',
    );
    // Registered 2022-01-01: three years 2022–2024, the full count.
    assert.deepEqual(errors(buildHnteBody({ registrationDate: '2022-01-01' })), []);
  });
});

describe('HNTE result shape', () => {
  test('every emitted code has both labels and the result matches its schema', () => {
    const r = run(
      buildHnteBody({
        staff: {
          mode: 'roster',
          year: 2024,
          people: [{ kind: 'employee', sciTech: true, daysWorked: 200, from: '2020-01-01' }],
        },
      }),
    );
    HnteResultSchema.parse(r);
    const codes = [
      ...r.conditions.flatMap((c) => [c.code, ...c.steps.map((s) => s.code)]),
      ...r.innovation.items.flatMap((i) => [i.code, ...i.steps.map((s) => s.code)]),
    ];
    for (const c of codes) {
      assert.ok(policyMessages[c]['zh-CN'] && policyMessages[c].en, c);
    }
    assert.ok(r.conditions.every((c) => c.rule.includes('国科发火〔2016〕')));
  });
  test('property: more R&D never lowers the intensity verdict; every shown percentage has 4 decimals', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 11n }),
        fc.bigInt({ min: 0n, max: 10n ** 10n }),
        (sales, rd, more) => {
          const body = (x: bigint) =>
            buildHnteBody(
              oneYear(`${sales / 100n}.${String(sales % 100n).padStart(2, '0')}`, {
                personnel: `${x / 100n}.${String(x % 100n).padStart(2, '0')}`,
              }),
            );
          const a = cond(run(body(rd)), 'hnte.rd');
          const b = cond(run(body(rd + more)), 'hnte.rd');
          if (a.verdict === 'met') assert.equal(b.verdict, 'met');
          assert.match(a.steps.at(-1)!.result, /^\d+\.\d{4}%$/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('step values are labelled for the reader', () => {
  test('every named value of every step has a label in both languages (numeric year keys excepted)', () => {
    const r = run(
      buildHnteBody({
        innovation: { ...(buildHnteBody().innovation as Raw), expertScores: [71, 72, 73, 74, 75] },
      }),
    );
    const steps = [...r.conditions.flatMap((c) => c.steps), ...r.innovation.items.flatMap((i) => i.steps)];
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

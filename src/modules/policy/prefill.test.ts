import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { deductionIndustryOf, type EnterpriseFacts, prefillInput } from './prefill.ts';

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

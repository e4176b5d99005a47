import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  industryCodeProblem,
  orcidCheckChar,
  orcidProblem,
  usccCheckChar,
  usccProblem,
} from './identifiers.ts';
import '../../i18n/catalogue.ts';
import { type Msg, render } from '../../i18n/messages.ts';

const en = (m: Msg | null) => (m ? render(m, 'en') : '');

describe('unified social credit code', () => {
  test('accepts published valid codes', () => {
    // The worked example of GB 32100-2015 and a real enterprise code.
    for (const c of ['91350100M000100Y43', '91110000802100433B']) {
      assert.equal(usccProblem(c), null, c);
    }
  });
  test('rejects a wrong check character, naming the right one', () => {
    assert.match(en(usccProblem('91350100M000100Y44')), /should be 3/);
  });
  test('rejects forbidden letters and wrong lengths', () => {
    assert.ok(usccProblem('91350100M000100YI3'));
    assert.ok(usccProblem('91350100M000100Y4'));
  });
  test('any single-character change of a valid code is detected', () => {
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...alphabet), { minLength: 17, maxLength: 17 }),
        fc.nat(16),
        fc.constantFrom(...alphabet),
        (chars, pos, repl) => {
          const body = `91${'110108'}${chars.slice(8).join('')}`.slice(0, 17);
          const code = body + usccCheckChar(body);
          assert.equal(usccProblem(code), null);
          fc.pre(code[pos] !== repl);
          const bad = code.slice(0, pos) + repl + code.slice(pos + 1);
          fc.pre(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(bad));
          assert.notEqual(usccProblem(bad), null);
        },
      ),
    );
  });
});

describe('ORCID', () => {
  test('accepts the ORCID documentation examples', () => {
    assert.equal(orcidProblem('0000-0002-1825-0097'), null);
    assert.equal(orcidProblem('0000-0001-5109-3700'), null);
    assert.equal(orcidProblem('0000-0002-1694-233X'), null);
  });
  test('rejects a wrong check digit and a malformed id', () => {
    assert.match(en(orcidProblem('0000-0002-1825-0098')), /should be 7/);
    assert.ok(orcidProblem('0000-0002-1825-009'));
  });
  test('check character is X exactly when the mod-11 result is 10', () => {
    assert.equal(orcidCheckChar('000000021694233'), 'X');
  });
});

describe('GB/T 4754-2017 industry codes', () => {
  test('accepts a section, a division, a group and a class whose division lies in the section', () => {
    for (const ok of ['C', 'C35', 'C356', 'C3562', 'I65', 'K70', 'T98', 'A01'])
      assert.equal(industryCodeProblem(ok), null, ok);
  });
  test('refuses malformed codes and divisions outside their section', () => {
    for (const bad of ['', 'c3562', 'U01', 'C3', 'C35621', '3562', 'C-35'])
      assert.match(en(industryCodeProblem(bad)), /GB\/T 4754/, bad);
    assert.match(en(industryCodeProblem('C65')), /not in section C/);
    assert.match(en(industryCodeProblem('I3562')), /not in section I/);
  });
});

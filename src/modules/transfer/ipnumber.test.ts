import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { checkPatentNumber, patentCheckChar } from './ipnumber.ts';

/** The check character computed the long way, as the standard states it. */
function oracle(digits: string): string {
  const weights = digits.length === 12 ? [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5] : [2, 3, 4, 5, 6, 7, 8, 9];
  const sum = weights.reduce((a, w, i) => a + w * Number.parseInt(digits.charAt(i), 10), 0);
  return ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'][sum % 11];
}

describe('patent numbers', () => {
  test('a real 12-digit application number, with and without ZL and the dot', () => {
    for (const s of ['200310102344.5', 'ZL200310102344.5', 'zl 2003 1 0102344 5', '2003101023445']) {
      const r = checkPatentNumber(s);
      assert.equal(r.valid, true, s);
      if (r.valid) {
        assert.equal(r.kind, 'invention');
        assert.equal(r.filingYear, 2003);
        assert.equal(r.number, '200310102344.5');
      }
    }
    assert.deepEqual(checkPatentNumber('200310102344.6'), {
      valid: false,
      reason: 'checkDigit',
      kind: 'invention',
      filingYear: 2003,
    });
  });

  test('old 8-digit numbers: two-digit years 1985–2003, X for 10', () => {
    const d = '98112345';
    const r = checkPatentNumber(`ZL${d}.${patentCheckChar(d)}`);
    assert.equal(r.valid, true);
    if (r.valid) assert.deepEqual([r.kind, r.filingYear], ['invention', 1998]);
    const y03 = '03212345';
    const r3 = checkPatentNumber(y03 + patentCheckChar(y03));
    assert.equal(r3.valid && r3.filingYear, 2003);
    const bad = '50112345';
    assert.equal(checkPatentNumber(bad + patentCheckChar(bad)).valid, false);
    // Find an 8-digit body whose check is X and check it reads back.
    let body = '';
    for (let i = 0; i < 100000 && !body; i++) {
      const b = `9011${String(i).padStart(4, '0')}`;
      if (patentCheckChar(b) === 'X') body = b;
    }
    assert.ok(body);
    assert.equal(checkPatentNumber(`${body}.x`).valid, true);
  });

  test('type digits name the kind; unknown types and malformed input are refused', () => {
    const kinds: Record<string, string> = {
      '1': 'invention',
      '2': 'utilityModel',
      '3': 'design',
      '8': 'pctInvention',
      '9': 'pctUtilityModel',
    };
    for (const [d, k] of Object.entries(kinds)) {
      const b = `2021${d}0000001`;
      const r = checkPatentNumber(b + patentCheckChar(b));
      assert.equal(r.valid && r.kind, k);
    }
    const b4 = '202140000001';
    assert.equal(checkPatentNumber(b4 + patentCheckChar(b4)).valid, false);
    for (const s of ['', 'ZL', '12345', '2021100000011.2', 'abc', '20211000000.1'])
      assert.equal(checkPatentNumber(s).valid, false, s);
  });

  test('property: the check character equals the oracle and any other character is refused', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.stringMatching(/^20[0-9]{2}[12389][0-9]{7}$/),
          fc.stringMatching(/^(8[5-9]|9[0-9]|0[0-3])[12389][0-9]{5}$/),
        ),
        fc.constantFrom(...'0123456789X'.split('')),
        (digits, c) => {
          if (digits.length === 12 && Number(digits.slice(0, 4)) < 2003) return;
          assert.equal(patentCheckChar(digits), oracle(digits));
          assert.equal(checkPatentNumber(`${digits}.${c}`).valid, c === oracle(digits));
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('property: any single changed digit is caught', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^20[1-2][0-9][12389][0-9]{7}$/), fc.nat(11), fc.nat(9), (d, pos, v) => {
        const good = `${d}.${patentCheckChar(d)}`;
        assert.equal(checkPatentNumber(good).valid, true);
        if (Number(d[pos]) === v) return;
        const changed = d.slice(0, pos) + String(v) + d.slice(pos + 1);
        assert.equal(checkPatentNumber(`${changed}.${patentCheckChar(d)}`).valid, false);
      }),
    );
  });
});

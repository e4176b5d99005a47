// Chinese patent application and patent numbers (专利申请号 / 专利号) with their check digit.
// From 1 October 2003: 12 digits — filing year (4), type (1), serial (7) — then a check character;
// before: 8 digits — two-digit year (1985–2003), type (1), serial (5) — then the check character.
// Check = Σ digit × weight mod 11 (weights 2,3,4,5,6,7,8,9,2,3,4,5 for 12 digits, 2…9 for 8),
// with 10 written X. A `ZL` prefix (专利号), spaces and the dot are optional on input. Pure.

export const PATENT_KINDS = {
  '1': 'invention',
  '2': 'utilityModel',
  '3': 'design',
  '8': 'pctInvention',
  '9': 'pctUtilityModel',
} as const;
export type PatentKind = (typeof PATENT_KINDS)[keyof typeof PATENT_KINDS];

const W12 = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
const W8 = [2, 3, 4, 5, 6, 7, 8, 9];

/** The check character of 8 or 12 digits. */
export function patentCheckChar(digits: string): string {
  const w = digits.length === 12 ? W12 : digits.length === 8 ? W8 : null;
  if (!w || !/^\d+$/.test(digits)) throw new Error('8 or 12 digits expected');
  let s = 0;
  for (let i = 0; i < digits.length; i++) s += Number(digits[i]) * w[i];
  const c = s % 11;
  return c === 10 ? 'X' : String(c);
}

export type PatentCheck =
  | { valid: true; number: string; digits: string; kind: PatentKind; filingYear: number }
  | {
      valid: false;
      reason: 'format' | 'checkDigit' | 'type' | 'year';
      kind: PatentKind | null;
      filingYear: number | null;
    };

/** Validates a number as typed ("ZL 2003 1 0102344.5", "200310102344.5", "ZL98123456X"). */
export function checkPatentNumber(input: string): PatentCheck {
  const s = input.normalize('NFKC').replace(/[\s.]/g, '').toUpperCase().replace(/^ZL/, '');
  const m = /^(\d{12}|\d{8})([0-9X])$/.exec(s);
  if (!m) return { valid: false, reason: 'format', kind: null, filingYear: null };
  const digits = m[1];
  const long = digits.length === 12;
  const typeDigit = long ? digits[4] : digits[2];
  const kind = (PATENT_KINDS as Record<string, PatentKind>)[typeDigit] ?? null;
  let filingYear: number | null;
  if (long) {
    const y = Number(digits.slice(0, 4));
    filingYear = y >= 2003 && y <= 2099 ? y : null;
  } else {
    const yy = Number(digits.slice(0, 2));
    filingYear = yy >= 85 ? 1900 + yy : yy <= 3 ? 2000 + yy : null;
  }
  if (m[2] !== patentCheckChar(digits)) return { valid: false, reason: 'checkDigit', kind, filingYear };
  if (!kind) return { valid: false, reason: 'type', kind, filingYear };
  if (filingYear === null) return { valid: false, reason: 'year', kind, filingYear };
  return { valid: true, number: `${digits}.${m[2]}`, digits, kind, filingYear };
}

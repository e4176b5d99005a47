// Check digits of the identifiers organisations and people bring with them.
import { type Msg, t } from '../../i18n/messages.ts';

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character of the first 17 characters of a unified social credit code (GB 32100-2015). */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (sum % 31)) % 31];
}

/** Why a unified social credit code is invalid, or null when it is valid. */
export function usccProblem(code: string): Msg | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return t('validation.usccShape');
  }
  const check = usccCheckChar(code.slice(0, 17));
  return check === code[17] ? null : t('validation.usccCheck', { check: check ?? '' });
}

/** The ISO 7064 MOD 11-2 check character of an ORCID's first 15 digits. */
export function orcidCheckChar(digits15: string): string {
  let total = 0;
  for (const ch of digits15) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** Why an ORCID iD (0000-0002-1825-0097 form) is invalid, or null when it is valid. */
export function orcidProblem(id: string): Msg | null {
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(id)) return t('validation.orcidShape');
  const digits = id.replaceAll('-', '');
  const check = orcidCheckChar(digits.slice(0, 15));
  return check === digits[15] ? null : t('validation.orcidCheck', { check });
}

// GB/T 4754-2017 sections and the two-digit divisions each contains (门类 → 大类).
const GBT4754_DIVISIONS: Record<string, [number, number]> = {
  A: [1, 5],
  B: [6, 12],
  C: [13, 43],
  D: [44, 46],
  E: [47, 50],
  F: [51, 52],
  G: [53, 60],
  H: [61, 62],
  I: [63, 65],
  J: [66, 69],
  K: [70, 70],
  L: [71, 72],
  M: [73, 75],
  N: [76, 79],
  O: [80, 82],
  P: [83, 83],
  Q: [84, 85],
  R: [86, 90],
  S: [91, 97],
  T: [98, 98],
};

/** Why an industry code is not a GB/T 4754-2017 code (section letter + 2–4 digits, e.g. C3562), or null. */
export function industryCodeProblem(code: string): Msg | null {
  const m = /^([A-T])(\d{2}(\d{1,2})?)?$/.exec(code);
  if (!m) return t('validation.industryCodeShape');
  if (!m[2]) return null;
  const [lo, hi] = GBT4754_DIVISIONS[m[1]];
  const division = Number(m[2].slice(0, 2));
  if (division < lo || division > hi) {
    const range = lo === hi ? String(lo).padStart(2, '0') : `${String(lo).padStart(2, '0')}–${hi}`;
    return t('validation.industryDivision', { division: m[2].slice(0, 2), section: m[1], range });
  }
  return null;
}

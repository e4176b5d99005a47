// Check digits of the identifiers organisations and people bring with them.

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
export function usccProblem(code: string): string | null {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) {
    return 'must be 18 characters: digits and capitals other than I, O, S, V, Z, with a 6-digit region code';
  }
  const check = usccCheckChar(code.slice(0, 17));
  return check === code[17] ? null : `check character should be ${check}`;
}

/** The ISO 7064 MOD 11-2 check character of an ORCID's first 15 digits. */
export function orcidCheckChar(digits15: string): string {
  let total = 0;
  for (const ch of digits15) total = (total + Number(ch)) * 2;
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/** Why an ORCID iD (0000-0002-1825-0097 form) is invalid, or null when it is valid. */
export function orcidProblem(id: string): string | null {
  if (!/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(id)) return 'must look like 0000-0002-1825-0097';
  const digits = id.replaceAll('-', '');
  const check = orcidCheckChar(digits.slice(0, 15));
  return check === digits[15] ? null : `check digit should be ${check}`;
}

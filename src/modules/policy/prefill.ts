// Pre-filling the policy tools' inputs: from the organisation's enterprise profile, with the
// organisation's saved worksheet taking precedence wherever it holds a value. Pure; the web form
// uses it, so it imports nothing but types.
import type { ExcludedIndustry } from './superDeduction.ts';

type Json = Record<string, unknown>;
export type WorksheetKind = 'hnte' | 'deduction' | 'transfer';

/** The enterprise profile as GET /api/organisations/:id returns it. */
export interface EnterpriseFacts {
  registrationDate: string | null;
  industryCode: string | null;
  hnteDomain: string | null;
  specialCategory: 'none' | 'integratedCircuit' | 'industrialMotherMachine' | null;
}

/** The value at a dotted path ("years.2.rd.other"), or undefined. */
export function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** A copy of `obj` with `value` at the dotted path (creating objects and arrays on the way). */
export function setPath(obj: Json, path: string, value: unknown): Json {
  const root = structuredClone(obj);
  const keys = path.split('.');
  let cur: Record<string, unknown> = root;
  keys.slice(0, -1).forEach((k, i) => {
    if (cur[k] === null || typeof cur[k] !== 'object') cur[k] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    cur = cur[k] as Record<string, unknown>;
  });
  cur[keys[keys.length - 1]] = value;
  return root;
}

/**
 * The 财税〔2015〕119号 Art. 4 industry of a GB/T 4754-2017 code: tobacco (C16), wholesale and retail
 * (F), accommodation and catering (H), real estate (K), leasing and business services (L),
 * entertainment (R90), otherwise 'other'; null when there is no code or a bare section (C, R) that
 * cannot tell.
 */
export function deductionIndustryOf(code: string | null): ExcludedIndustry | 'other' | null {
  if (!code) return null;
  const section = code[0];
  const division = code.slice(1, 3);
  switch (section) {
    case 'F':
      return 'wholesaleRetail';
    case 'H':
      return 'accommodationCatering';
    case 'K':
      return 'realEstate';
    case 'L':
      return 'leasingBusinessServices';
    case 'C':
      return division ? (division === '16' ? 'tobacco' : 'other') : null;
    case 'R':
      return division ? (division === '90' ? 'entertainment' : 'other') : null;
    default:
      return 'other';
  }
}

/** The facts the profile contributes to a tool's input, by input path (only those it knows). */
export function profileValues(kind: WorksheetKind, p: EnterpriseFacts): [string, unknown][] {
  const out: [string, unknown][] = [];
  if (kind === 'hnte') {
    if (p.registrationDate) out.push(['registrationDate', p.registrationDate]);
    if (p.hnteDomain) out.push(['domain', p.hnteDomain]);
  } else if (kind === 'deduction') {
    const industry = deductionIndustryOf(p.industryCode);
    if (industry) out.push(['mainBusiness.industry', industry]);
    if (p.specialCategory) out.push(['regime', p.specialCategory === 'none' ? 'general' : p.specialCategory]);
  }
  return out;
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * The input a tool's form starts from: the saved worksheet when there is one, else `current`;
 * then each profile fact where the saved worksheet has no value of its own. Returns the paths
 * the profile filled.
 */
export function prefillInput(
  kind: WorksheetKind,
  current: Json,
  profile: EnterpriseFacts | null,
  saved: Json | null,
): { input: Json; fromProfile: string[] } {
  let input = structuredClone(saved ?? current);
  const fromProfile: string[] = [];
  for (const [path, value] of profile ? profileValues(kind, profile) : []) {
    if (saved && hasValue(getPath(saved, path))) continue;
    input = setPath(input, path, value);
    fromProfile.push(path);
  }
  return { input, fromProfile };
}

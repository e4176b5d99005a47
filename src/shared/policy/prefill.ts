// Pre-filling the policy tools' inputs: from the organisation's enterprise profile, with the
// organisation's saved worksheet taking precedence wherever it holds a value; and rolling a saved
// worksheet forward to a later year. Pure (no I/O); the web form uses it.
import { DeductionInputSchema, parsePolicyInput } from './policy.schema.ts';
import { computeSuperDeduction, type ExcludedIndustry } from './superDeduction.ts';

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
  // A registration date from the profile decides how many fiscal years the HNTE check covers.
  if (kind === 'hnte' && fromProfile.includes('registrationDate')) input = fitHnteYears(input);
  return { input, fromProfile };
}

// ------------------------------------------------------------------ rolling a worksheet forward

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The R&D expense categories of an HNTE fiscal year, in the guideline's order. */
export const HNTE_RD_KEYS = [
  'personnel',
  'directInputs',
  'depreciation',
  'intangibleAmortisation',
  'design',
  'equipmentAndTrials',
  'other',
  'contractedDomestic',
  'contractedOverseas',
] as const;

/** A fiscal year of the HNTE input with every figure zero. */
export const blankHnteYear = (year: number): Json => ({
  year,
  salesRevenue: '0.00',
  netAssetsAtYearEnd: '0.00',
  rd: Object.fromEntries(HNTE_RD_KEYS.map((k) => [k, '0.00'])),
  resultsTransformed: 0,
});

/**
 * The fiscal years an HNTE application covers (32号 Art. 11(五); 195号 实际经营期不满三年的按实际经营时间计算):
 * the latest is the application year − 1, and there are min(3, years since the registration year)
 * of them (at least one). Without a usable registration date, `fallbackCount` years. Null when the
 * application date is not a date.
 */
export function hnteFiscalYears(
  registrationDate: unknown,
  applicationDate: unknown,
  fallbackCount = 3,
): number[] | null {
  if (typeof applicationDate !== 'string' || !DATE.test(applicationDate)) return null;
  const app = Number(applicationDate.slice(0, 4));
  const reg =
    typeof registrationDate === 'string' && DATE.test(registrationDate) && registrationDate <= applicationDate
      ? Number(registrationDate.slice(0, 4))
      : null;
  const n = Math.min(3, Math.max(1, reg === null ? fallbackCount : app - reg));
  return Array.from({ length: n }, (_, i) => app - n + i);
}

/**
 * The HNTE input with its fiscal years fitted to its registration and application dates: years
 * already entered keep their figures, missing ones are blank, others are dropped; a roster counts
 * the latest year. Unchanged when the dates do not say which years.
 */
export function fitHnteYears(input: Json): Json {
  const have = arr(input.years);
  const want = hnteFiscalYears(input.registrationDate, input.applicationDate, have.length || 3);
  if (!want) return input;
  const out = structuredClone(input);
  out.years = want.map((y) => structuredClone(have.find((h) => h?.year === y)) ?? blankHnteYear(y));
  const staff = out.staff as Json | undefined;
  if (staff && staff.mode === 'roster') staff.year = want[want.length - 1];
  return out;
}

/** The date `years` later (29 February becomes 28 February in a common year). */
function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  let md = date.slice(4);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (md === '-02-29' && !leap) md = '-02-28';
  return `${String(y).padStart(4, '0')}${md}`;
}

/** The tax year a saved input belongs to: the tool's taxYear, or the HNTE input's latest fiscal year. */
export function worksheetYear(kind: WorksheetKind, input: Json): number {
  if (kind !== 'hnte') return Number(input.taxYear);
  const years = arr(input.years);
  return Number(years[years.length - 1]?.year);
}

/**
 * A saved worksheet rolled forward to a later tax year, as the starting point of that year's form.
 * HNTE: the application date moves by the same number of years, the fiscal years are refitted (the
 * oldest drop out, blank ones are added; a young firm keeps its years until it has three), the
 * latest-year income and the experts' scores (both of the old latest year) are cleared, a roster
 * counts the new latest year. Deduction: the tax year, and the materials carry-forward computed
 * from the saved input becomes this year's brought-forward (执行指引 2.0); intangibles stay, as their
 * amortisation continues. Transfer: the tax year. A worksheet of the target year or later is
 * returned unchanged.
 */
export function rollForward(kind: WorksheetKind, saved: Json, targetYear: number): Json {
  const from = worksheetYear(kind, saved);
  if (!Number.isInteger(from) || targetYear <= from) return structuredClone(saved);
  if (kind === 'transfer') return { ...structuredClone(saved), taxYear: targetYear };
  if (kind === 'deduction') {
    const out: Json = { ...structuredClone(saved), taxYear: targetYear };
    const parsed = parsePolicyInput(DeductionInputSchema, saved);
    if (parsed.ok) {
      out.materialsCarriedForward = computeSuperDeduction(parsed.value).figures.materialsCarryForward;
    }
    return out;
  }
  const shift = targetYear - from;
  const app =
    typeof saved.applicationDate === 'string' && DATE.test(saved.applicationDate)
      ? addYears(saved.applicationDate, shift)
      : `${targetYear + 1}-01-01`;
  const out = fitHnteYears({ ...structuredClone(saved), applicationDate: app });
  if (arr(out.years).length === 0) out.years = [blankHnteYear(targetYear)];
  out.latestYearIncome = { highTechRevenue: '0.00', totalIncome: '0.00', nonTaxableIncome: '0.00' };
  const innovation = out.innovation as Json | undefined;
  if (innovation && typeof innovation === 'object') innovation.expertScores = null;
  return out;
}

// ------------------------------------------------------------------ registered technology contracts

/** A registered technology contract as GET /api/transfer/registered-contracts returns it. */
export interface RegisteredContract {
  registrationNo: string;
  name: { zh: string; en: string };
  amountFen: number;
  receivedFen: number;
  technology: string;
  mode: string;
}

const yuanOf = (fen: number) => `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/**
 * The transfer calculator's contracts from the organisation's registered contracts of the tax year:
 * one per registration number (the income is what was received under it), `registered` true because
 * the record says so; the costs, taxes and flags of a saved contract with the same number are kept;
 * contracts typed in by hand stay as they are. Returns the numbers it filled.
 */
export function transfersFromRegistered(
  input: Json,
  contracts: readonly RegisteredContract[],
  locale: string,
): { input: Json; filled: string[] } {
  if (contracts.length === 0) return { input, filled: [] };
  const current = arr(input.transfers);
  const byId = new Map(current.map((c) => [String(c.id), c]));
  const numbers = new Set(contracts.map((c) => c.registrationNo));
  const fromRecord = contracts.map((c) => {
    const kept = byId.get(c.registrationNo);
    return {
      relatedTaxes: '0.00',
      periodExpenses: '0.00',
      costs: '0.00',
      fullyOwnedRelatedParty: false,
      exportRestricted: false,
      ...kept,
      id: c.registrationNo,
      name: (locale.startsWith('en') ? c.name.en : c.name.zh) || c.name.zh,
      technology: c.technology,
      mode: c.mode,
      revenue: yuanOf(c.receivedFen),
      registered: true,
    };
  });
  // A blank first row (the form's starting contract) gives way to the registered ones.
  const manual = current.filter(
    (c) => !numbers.has(String(c.id)) && !(c.name === '' && (c.revenue === '0.00' || c.revenue === '0')),
  );
  return { input: { ...input, transfers: [...fromRecord, ...manual] }, filled: [...numbers] };
}

/**
 * The HNTE input's results transformed per fiscal year (当年科技成果转化项数), counted from the
 * organisation's registered contracts of each year (`counts`: year → number); a year the record
 * has no contract for keeps its own figure.
 */
export function hnteTransformedFromRegistered(input: Json, counts: ReadonlyMap<number, number>): Json {
  const years = arr(input.years).map((y) => {
    const n = counts.get(Number(y.year)) ?? 0;
    return n > 0 ? { ...y, resultsTransformed: n } : y;
  });
  return { ...input, years };
}

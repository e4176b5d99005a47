// zod schemas for the policy tools' requests and responses. Requests carry money as yuan
// (a decimal string such as "1234.56", or a JSON number) and parse to integer fen (bigint);
// responses carry money as yuan strings with exactly two decimals. Every validation issue
// names its field, so the HTTP layer can answer {code:'VALIDATION', field, message}.
import { z } from 'zod';
import { type Msg, render } from '../../i18n/messages.ts';
import { issueMsg, parseKeyed, zkey } from '../../i18n/validation.ts';
import {
  GRADES,
  HNTE_DOMAINS,
  type HnteInput,
  type HnteResult,
  IP_KINDS,
  IP_OBTAINED,
  type IpKind,
} from './hnte.ts';
import { type PolicyMessageCode, policyMessages } from './policy.messages.ts';
import { parseDecimalRatio, parseYuanToFen } from './policy.ts';
import {
  DEDUCTION_CATEGORIES,
  DEDUCTION_REGIMES,
  type DeductionInput,
  type DeductionResult,
  EXCLUDED_INDUSTRIES,
} from './superDeduction.ts';
import {
  TRANSFER_MODES,
  TRANSFER_REGIMES,
  TRANSFER_TECHNOLOGIES,
  type TransferInput,
  type TransferResult,
} from './techTransfer.ts';

export { type PolicyMessageCode, policyMessages } from './policy.messages.ts';

const MAX_FEN = 10n ** 16n; // 100 trillion yuan: far above any real figure, keeps products small
/**
 * JSON numbers must stay below 10^13 yuan: up to 15 significant digits every amount with two
 * decimals survives the trip through a binary double (JSON.parse) unchanged; beyond, two amounts
 * a fen apart can parse to the same double. Larger amounts are sent as strings.
 */
const MAX_JSON_NUMBER_YUAN = 1e13;

/** A yuan amount ("1234.56" or 1234.56) parsed to integer fen; non-negative unless `signed`. */
export const yuan = (signed = false) =>
  z.union([z.string(), z.number()], { error: zkey('validation.yuan') }).transform((v, ctx) => {
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) >= MAX_JSON_NUMBER_YUAN) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: zkey('validation.jsonNumberTooLarge'),
      });
      return z.NEVER;
    }
    const fen = parseYuanToFen(v);
    if (fen === null) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: zkey('validation.yuanTwoDecimals'),
      });
      return z.NEVER;
    }
    if (!signed && fen < 0n) {
      ctx.issues.push({ code: 'custom', input: v, message: zkey('validation.notNegative') });
      return z.NEVER;
    }
    if (fen > MAX_FEN || fen < -MAX_FEN) {
      ctx.issues.push({ code: 'custom', input: v, message: zkey('validation.outOfRange') });
      return z.NEVER;
    }
    return fen;
  });

const isCalendarDate = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

/** Calendar days (both ends counted) of [from, to ?? year end] that fall within `year`; 0 if none. */
export function daysEmployedInYear(year: number, from: string, to: string | null): number {
  const day = (d: string) =>
    Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  const start = Math.max(day(from), Date.UTC(year, 0, 1));
  const end = Math.min(to === null ? Number.POSITIVE_INFINITY : day(to), Date.UTC(year, 11, 31));
  return end < start ? 0 : Math.round((end - start) / 86_400_000) + 1;
}

const isoDate = z
  .string({ error: zkey('validation.format.date') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a calendar date');

const count = (max = 10_000_000) =>
  z
    .number({ error: zkey('validation.wholeNumber') })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(max, `must be at most ${max}`);

const points = (max: number) =>
  z
    .number({ error: zkey('validation.wholeNumberUpTo', { max }) })
    .int(`must be a whole number from 0 to ${max}`)
    .min(0, `must be a whole number from 0 to ${max}`)
    .max(max, `must be a whole number from 0 to ${max}`);

// ------------------------------------------------------------------ HNTE input

const HnteRdSchema = z.strictObject({
  personnel: yuan().default(0n),
  directInputs: yuan().default(0n),
  depreciation: yuan().default(0n),
  intangibleAmortisation: yuan().default(0n),
  design: yuan().default(0n),
  equipmentAndTrials: yuan().default(0n),
  other: yuan().default(0n),
  contractedDomestic: yuan().default(0n),
  contractedOverseas: yuan().default(0n),
});

const HnteYearSchema = z.strictObject({
  year: z
    .number({ error: zkey('validation.year') })
    .int('must be a year')
    .min(1980, 'must be 1980 or later')
    .max(2100),
  salesRevenue: yuan(),
  netAssetsAtYearEnd: yuan(true),
  rd: HnteRdSchema,
  resultsTransformed: count(),
});

const HnteStaffMonthSchema = z.strictObject({
  totalStart: count(),
  totalEnd: count(),
  sciTechStart: count(),
  sciTechEnd: count(),
});

const HntePersonSchema = z.strictObject({
  kind: z.enum(['employee', 'partTime', 'temporary'], { error: zkey('validation.employmentKind') }),
  sciTech: z.boolean({ error: zkey('validation.boolean') }),
  daysWorked: count(366),
  from: isoDate,
  to: isoDate.nullable().default(null),
});

const HnteStaffSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({
      mode: z.literal('monthly'),
      months: z
        .array(HnteStaffMonthSchema)
        .min(1, 'needs one to twelve months')
        .max(12, 'needs one to twelve months'),
    }),
    z.strictObject({
      mode: z.literal('roster'),
      year: z.number().int('must be a year').min(1980).max(2100),
      people: z.array(HntePersonSchema).min(1, 'needs at least one person'),
    }),
  ],
  { error: zkey('validation.staffMode') },
);

const HnteIpSchema = z.strictObject({
  id: z.string().min(1, 'must not be empty').max(200),
  kind: z.enum(Object.keys(IP_KINDS) as [IpKind, ...IpKind[]], { error: zkey('validation.ipKind') }),
  obtainedBy: z.enum(IP_OBTAINED, { error: zkey('validation.ipSource') }),
  coreSupport: z.boolean({ error: zkey('validation.boolean') }),
  validInChina: z.boolean({ error: zkey('validation.boolean') }).default(true),
  previouslyUsedForHnte: z.boolean({ error: zkey('validation.boolean') }).default(false),
});

const grade = z.enum(GRADES, { error: zkey('validation.grade') });

/** Request body of the HNTE self-check. */
export const HnteInputSchema = z
  .strictObject({
    registrationDate: isoDate,
    applicationDate: isoDate,
    domain: z.enum([...HNTE_DOMAINS, 'none'], { error: zkey('validation.domainOrNone') }),
    years: z
      .array(HnteYearSchema)
      .min(1, 'needs one to three fiscal years')
      .max(3, 'needs one to three fiscal years'),
    latestYearIncome: z.strictObject({
      highTechRevenue: yuan(),
      totalIncome: yuan(),
      nonTaxableIncome: yuan().default(0n),
    }),
    staff: HnteStaffSchema,
    ip: z.array(HnteIpSchema).max(10_000).default([]),
    innovation: z.strictObject({
      advancement: grade,
      coreSupport: grade,
      standards: z.boolean({ error: zkey('validation.boolean') }).default(false),
      rdManagement: z.strictObject({
        system: points(6),
        institution: points(6),
        transformationIncentives: points(4),
        talent: points(4),
      }),
      expertScores: z
        .array(points(100))
        .min(5, 'needs the scores of at least five experts')
        .nullable()
        .default(null),
    }),
    incidents: z.strictObject({
      majorSafetyAccident: z.boolean({ error: zkey('validation.boolean') }).default(false),
      majorQualityAccident: z.boolean({ error: zkey('validation.boolean') }).default(false),
      seriousEnvironmentalViolation: z.boolean({ error: zkey('validation.boolean') }).default(false),
    }),
  })
  .superRefine((v, ctx) => {
    if (v.registrationDate > v.applicationDate) {
      ctx.addIssue({
        code: 'custom',
        path: ['registrationDate'],
        message: zkey('validation.notAfterApplication'),
      });
    }
    // 32号 Art. 11(五) and 195号: the three fiscal years before the application year (the latest is
    // the application year − 1); 实际经营期不满三年的按实际经营时间计算 — a firm registered fewer than
    // three calendar years before enters the years since its registration year.
    const applicationYear = Number(v.applicationDate.slice(0, 4));
    const operatingYears = applicationYear - Number(v.registrationDate.slice(0, 4));
    const needed = Math.min(3, Math.max(1, operatingYears));
    const datesOk =
      isCalendarDate(v.registrationDate) &&
      isCalendarDate(v.applicationDate) &&
      v.registrationDate <= v.applicationDate;
    if (datesOk && v.years.length !== needed) {
      ctx.addIssue({
        code: 'custom',
        path: ['years'],
        message:
          needed === 3
            ? 'needs the three fiscal years before the application year'
            : `needs ${needed} fiscal year${needed === 1 ? '' : 's'}: the years of operation since registration (实际经营期不满三年的按实际经营时间计算)`,
      });
    }
    const last = v.years.length - 1;
    if (isCalendarDate(v.applicationDate) && v.years[last].year !== applicationYear - 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['years', last, 'year'],
        message: zkey('validation.latestFiscalYear', { applicationYear: String(applicationYear - 1) }),
      });
    }
    v.years.forEach((y, i) => {
      if (i > 0 && y.year !== v.years[i - 1].year + 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['years', i, 'year'],
          message: zkey('validation.consecutiveYears'),
        });
      }
    });
    if (v.latestYearIncome.nonTaxableIncome > v.latestYearIncome.totalIncome) {
      ctx.addIssue({
        code: 'custom',
        path: ['latestYearIncome', 'nonTaxableIncome'],
        message: zkey('validation.notOverIncome'),
      });
    }
    if (
      v.latestYearIncome.highTechRevenue >
      v.latestYearIncome.totalIncome - v.latestYearIncome.nonTaxableIncome
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['latestYearIncome', 'highTechRevenue'],
        message: zkey('validation.notOverTaxableIncome'),
      });
    }
    if (v.staff.mode === 'monthly') {
      v.staff.months.forEach((m, i) => {
        if (m.sciTechStart > m.totalStart) {
          ctx.addIssue({
            code: 'custom',
            path: ['staff', 'months', i, 'sciTechStart'],
            message: zkey('validation.staffExceedsAll'),
          });
        }
        if (m.sciTechEnd > m.totalEnd) {
          ctx.addIssue({
            code: 'custom',
            path: ['staff', 'months', i, 'sciTechEnd'],
            message: zkey('validation.staffExceedsAll'),
          });
        }
      });
    } else {
      const year = v.staff.year;
      v.staff.people.forEach((p, i) => {
        if (p.to !== null && p.to < p.from) {
          ctx.addIssue({
            code: 'custom',
            path: ['staff', 'people', i, 'to'],
            message: zkey('validation.notBeforeFrom'),
          });
          return;
        }
        if (!isCalendarDate(p.from) || (p.to !== null && !isCalendarDate(p.to))) return;
        const available = daysEmployedInYear(year, p.from, p.to);
        if (p.daysWorked > available) {
          ctx.addIssue({
            code: 'custom',
            path: ['staff', 'people', i, 'daysWorked'],
            message: zkey('validation.daysWithinYear', { available, year: String(year) }),
          });
        }
      });
    }
  });

// ------------------------------------------------------------------ deduction input

/** An income tax rate from 0 to 1 ("0.25", 0.15) as an exact ratio; 25% when absent. */
const taxRate = z
  .union([z.string(), z.number()], { error: zkey('validation.rate') })
  .default('0.25')
  .transform((v, ctx) => {
    const r = parseDecimalRatio(String(v));
    if (r === null || r.num > r.den) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: zkey('validation.rate01'),
      });
      return z.NEVER;
    }
    return r;
  });

const DeductionProjectSchema = z.strictObject({
  id: z.string().min(1, 'must not be empty').max(200),
  name: z.string().max(500).default(''),
  lines: z
    .array(
      z.strictObject({
        category: z.enum(DEDUCTION_CATEGORIES, { error: zkey('validation.rdCategory') }),
        amount: yuan(),
      }),
    )
    .max(100_000)
    .default([]),
  contracted: z
    .array(
      z.strictObject({
        amount: yuan(),
        location: z.enum(['domestic', 'overseas'], { error: zkey('validation.domesticOrOverseas') }),
        recipient: z.enum(['organisation', 'individual'], { error: zkey('validation.orgOrIndividual') }),
      }),
    )
    .max(100_000)
    .default([]),
  subsidies: z
    .array(
      z.strictObject({
        amount: yuan(),
        accounting: z.enum(['netted', 'income'], { error: zkey('validation.nettedOrIncome') }),
        taxable: z.boolean({ error: zkey('validation.boolean') }),
      }),
    )
    .max(10_000)
    .default([]),
});

/** Request body of the super-deduction calculator. */
export const DeductionInputSchema = z
  .strictObject({
    taxYear: z
      .number({ error: zkey('validation.year') })
      .int('must be a year')
      .min(
        2023,
        'tax years before 2023 are not supported (other rates applied: 财税〔2018〕99号, 公告2021年第13号, 2022年第16号/第28号)',
      )
      .max(2100, 'must be 2100 or earlier'),
    regime: z.enum(DEDUCTION_REGIMES, {
      error: zkey('validation.deductionIndustry'),
    }),
    mainBusiness: z.strictObject({
      industry: z.enum([...EXCLUDED_INDUSTRIES, 'other'], { error: zkey('validation.industry') }),
      revenue: yuan(),
    }),
    income: z.strictObject({
      totalIncome: yuan(),
      nonTaxableIncome: yuan().default(0n),
      investmentIncome: yuan().default(0n),
    }),
    projects: z.array(DeductionProjectSchema).max(10_000).default([]),
    specialIncome: yuan().default(0n),
    soldProductMaterials: yuan().default(0n),
    materialsCarriedForward: yuan().default(0n),
    intangibles: z
      .array(
        z.strictObject({
          id: z.string().min(1, 'must not be empty').max(200),
          cost: yuan(),
          nonTaxableFunded: yuan().default(0n),
          inServiceFrom: z
            .string({ error: zkey('validation.month') })
            .regex(/^(19[89]\d|20\d\d|2100)-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM'),
          usefulLifeYears: z
            .number({ error: zkey('validation.wholeYears') })
            .int('must be a whole number of years')
            .min(1, 'must be at least 1 year')
            .max(100, 'must be at most 100 years'),
        }),
      )
      .max(10_000)
      .default([]),
    taxRate,
  })
  .superRefine((v, ctx) => {
    const { totalIncome, nonTaxableIncome, investmentIncome } = v.income;
    if (nonTaxableIncome + investmentIncome > totalIncome) {
      ctx.addIssue({
        code: 'custom',
        path: ['income', 'nonTaxableIncome'],
        message: zkey('validation.nonTaxableOverIncome'),
      });
    }
    v.intangibles.forEach((a, i) => {
      if (a.nonTaxableFunded > a.cost)
        ctx.addIssue({
          code: 'custom',
          path: ['intangibles', i, 'nonTaxableFunded'],
          message: zkey('validation.notOverCost'),
        });
    });
    const seen = new Set<string>();
    v.projects.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({
          code: 'custom',
          path: ['projects', i, 'id'],
          message: zkey('validation.duplicateProject'),
        });
      seen.add(p.id);
    });
  });

// ------------------------------------------------------------------ technology-transfer input

const TransferItemSchema = z.strictObject({
  id: z.string().min(1, 'must not be empty').max(200),
  name: z.string().max(500).default(''),
  technology: z.enum(TRANSFER_TECHNOLOGIES, { error: zkey('validation.techKind') }),
  mode: z.enum(TRANSFER_MODES, {
    error: zkey('validation.transferKind'),
  }),
  revenue: yuan(),
  costs: yuan().default(0n),
  relatedTaxes: yuan().default(0n),
  periodExpenses: yuan().default(0n),
  registered: z.boolean({ error: zkey('validation.boolean') }).default(true),
  fullyOwnedRelatedParty: z.boolean({ error: zkey('validation.boolean') }).default(false),
  exportRestricted: z.boolean({ error: zkey('validation.boolean') }).default(false),
});

/** Request body of the technology-transfer income calculator. */
export const TransferInputSchema = z
  .strictObject({
    taxYear: z
      .number({ error: zkey('validation.year') })
      .int('must be a year')
      .min(
        2016,
        'tax years before 2016 are not supported (财税〔2015〕116号 changed the scope on 2015-10-01)',
      )
      .max(2100, 'must be 2100 or earlier'),
    regime: z.enum(TRANSFER_REGIMES, { error: zkey('validation.generalOrZhongguancun') }).default('general'),
    transfers: z
      .array(TransferItemSchema)
      .min(1, 'needs at least one transfer contract')
      .max(10_000, 'at most 10000 contracts'),
    taxRate,
  })
  .superRefine((v, ctx) => {
    if (v.regime === 'zhongguancun' && v.taxYear < 2020) {
      ctx.addIssue({
        code: 'custom',
        path: ['regime'],
        message: zkey('validation.zhongguancunFrom2020'),
      });
    }
    const seen = new Set<string>();
    v.transfers.forEach((t, i) => {
      if (seen.has(t.id))
        ctx.addIssue({
          code: 'custom',
          path: ['transfers', i, 'id'],
          message: zkey('validation.duplicateContract'),
        });
      seen.add(t.id);
      if (t.mode === 'ownership' && t.periodExpenses > 0n) {
        ctx.addIssue({
          code: 'custom',
          path: ['transfers', i, 'periodExpenses'],
          message: zkey('validation.apportionedLicencesOnly'),
        });
      }
    });
  });

// ------------------------------------------------------------------ results

const codeSchema = z.enum(Object.keys(policyMessages) as [PolicyMessageCode, ...PolicyMessageCode[]]);
const money = z.string().regex(/^-?\d+\.\d{2}$/);

export const PolicyStepSchema = z.object({
  code: codeSchema,
  rule: z.string(),
  values: z.record(z.string(), z.string()),
  formula: z.string(),
  result: z.string(),
  met: z.boolean().optional(),
});

const verdict = z.enum(['met', 'notMet', 'depends']);
const range = z.object({ low: z.number().int(), high: z.number().int() });

/** Response body of the HNTE self-check. */
export const HnteResultSchema = z.object({
  verdict,
  conditions: z.array(
    z.object({ code: codeSchema, rule: z.string(), verdict, steps: z.array(PolicyStepSchema) }),
  ),
  innovation: z.object({
    items: z.array(
      z.object({
        code: codeSchema,
        rule: z.string(),
        band: z.string(),
        max: z.number().int(),
        range,
        steps: z.array(PolicyStepSchema),
      }),
    ),
    total: range,
    passAtLow: z.boolean(),
    passAtHigh: z.boolean(),
    expertAverage: z.string().nullable(),
    expertPass: z.boolean().nullable(),
  }),
});

/** Response body of the super-deduction calculator. */
export const DeductionResultSchema = z.object({
  taxYear: z.number().int(),
  regime: z.enum(DEDUCTION_REGIMES),
  excluded: z.boolean(),
  rate: z.string(),
  otherCapApplied: z.boolean(),
  overseasCapApplied: z.boolean(),
  figures: z.object({
    categories: z.object(
      Object.fromEntries(DEDUCTION_CATEGORIES.map((c) => [c, money])) as Record<
        (typeof DEDUCTION_CATEGORIES)[number],
        typeof money
      >,
    ),
    fiveCategories: money,
    otherActual: money,
    otherLimit: money,
    otherCounted: money,
    ownEligible: money,
    contractedDomesticPaid: money,
    contractedDomesticEligible: money,
    subsidiesDeducted: money,
    domesticEligible: money,
    contractedOverseasPaid: money,
    contractedOverseasIneligible: money,
    contractedOverseasAt80: money,
    contractedOverseasLimit: money,
    contractedOverseasEligible: money,
    eligibleBeforeDeductions: money,
    specialIncomeDeducted: money,
    materialsDeducted: money,
    materialsCarryForward: money,
    expensedBase: money,
    expensedExtra: money,
    amortisationThisYear: money,
    amortisationNonTaxableFunded: money,
    amortisationEligible: money,
    capitalisedExtra: money,
    totalExtra: money,
    taxSaved: money,
  }),
  intangibles: z.array(
    z.object({
      id: z.string(),
      cost: money,
      nonTaxableFunded: money,
      monthsThisYear: z.number().int(),
      amortisationThisYear: money,
      amortisationEligible: money,
    }),
  ),
  steps: z.array(PolicyStepSchema),
});

/** Response body of the technology-transfer income calculator. */
export const TransferResultSchema = z.object({
  taxYear: z.number().int(),
  regime: z.enum(TRANSFER_REGIMES),
  threshold: money,
  items: z.array(
    z.object({
      id: z.string(),
      eligible: z.boolean(),
      reasons: z.array(
        z.enum(['technology', 'shortLicence', 'notRegistered', 'relatedParty', 'exportRestricted']),
      ),
      income: money,
    }),
  ),
  figures: z.object({
    eligibleIncome: money,
    exemptIncome: money,
    excessIncome: money,
    taxableIncome: z.string().regex(/^\d+\.\d{2,3}$/),
    tax: money,
    normalTax: money,
    taxSaved: money,
    ineligibleIncome: money,
  }),
  steps: z.array(PolicyStepSchema),
});

// Compile-time ties between the schemas and the domain types.
export const _schemaTypeChecks = {
  hnteIn: (x: z.output<typeof HnteInputSchema>): HnteInput => x,
  deductionIn: (x: z.output<typeof DeductionInputSchema>): DeductionInput => x,
  hnteOut: (x: HnteResult): z.input<typeof HnteResultSchema> => x,
  deductionOut: (x: DeductionResult): z.input<typeof DeductionResultSchema> => x,
  transferIn: (x: z.output<typeof TransferInputSchema>): TransferInput => x,
  transferOut: (x: TransferResult): z.input<typeof TransferResultSchema> => x,
};

// ------------------------------------------------------------------ validation helper

export type PolicyValidationError = { code: 'VALIDATION'; field: string; message: string; msg: Msg };
export type PolicyParse<T> = { ok: true; value: T } | { ok: false; errors: PolicyValidationError[] };

/** Parses a request body; on failure lists every issue with its dotted field path ("years.2.salesRevenue"). */
/** A zod message in English: a zkey() message rendered, any other as written. */
const english = (message: string) => {
  const keyed = parseKeyed(message);
  return keyed ? render(keyed, 'en') : message;
};

export function parsePolicyInput<S extends z.ZodType>(schema: S, data: unknown): PolicyParse<z.output<S>> {
  const r = schema.safeParse(data);
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    errors: r.error.issues.map((i) =>
      // An unknown key is named by its own path, as the HTTP layer does.
      i.code === 'unrecognized_keys'
        ? {
            code: 'VALIDATION' as const,
            field: [...i.path, i.keys[0]].map(String).join('.'),
            message: `unknown field ${i.keys.join(', ')}`,
            msg: issueMsg(i),
          }
        : {
            code: 'VALIDATION' as const,
            field: i.path.map(String).join('.'),
            message: english(i.message),
            msg: issueMsg(i),
          },
    ),
  };
}

// ------------------------------------------------------------------ saved worksheets

export const WORKSHEET_KINDS = ['hnte', 'deduction', 'transfer'] as const;
export type WorksheetKind = (typeof WORKSHEET_KINDS)[number];
const worksheetKind = z.enum(WORKSHEET_KINDS, { error: zkey('validation.worksheetKind') });

/** Query of GET /policy/worksheets. */
export const WorksheetQuery = z.strictObject({
  orgId: z.uuid({ error: zkey('validation.orgId') }),
  kind: worksheetKind.optional(),
});

/** Body of PUT /policy/worksheets: the input of one tool for one organisation and tax year. */
export const WorksheetBody = z.strictObject({
  orgId: z.uuid({ error: zkey('validation.orgId') }),
  kind: worksheetKind,
  taxYear: z
    .number({ error: zkey('validation.year') })
    .int('must be a year')
    .min(1980, 'must be 1980 or later')
    .max(2100, 'must be 2100 or earlier'),
  input: z.record(z.string(), z.unknown(), { error: zkey('validation.toolInput') }),
});

export const WorksheetView = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  kind: worksheetKind,
  taxYear: z.number().int(),
  input: z.record(z.string(), z.unknown()),
  savedBy: z.uuid(),
  savedAt: z.string(),
});

/** The input schema of each tool, by worksheet kind. */
export const INPUT_SCHEMAS = {
  hnte: HnteInputSchema,
  deduction: DeductionInputSchema,
  transfer: TransferInputSchema,
} as const;

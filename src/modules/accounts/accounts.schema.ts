// Request and response schemas of accounts, sessions and profiles (they feed OpenAPI).
import { z } from 'zod';
import { ROLES } from '../../app/context.ts';
import { zkey } from '../../i18n/validation.ts';
import { HNTE_DOMAINS } from '../../shared/policy/hnte.ts';
import { industryCodeProblem, orcidProblem, usccProblem } from './identifiers.ts';
import { passwordProblem } from './password-policy.ts';

export const ORG_KINDS = [
  'enterprise',
  'university',
  'institute',
  'agency',
  'grassroots',
  'platform',
] as const;

const name = z.string().trim().max(100);
const isoDate = z.iso.date({ message: zkey('validation.format.date') });
const year = z.number().int().min(1900).max(2100);

export const Email = z.email({ message: zkey('validation.format.email') }).max(254);
/** A new password: the policy of password-policy.ts (the account's own words are checked by the service). */
export const Password = z.string().superRefine((v, c) => {
  const p = passwordProblem(v);
  if (p) c.addIssue({ code: 'custom', message: zkey(p.key, p.params) });
});

export const RegisterBody = z
  .strictObject({
    email: Email,
    password: Password,
    nameZh: name.default(''),
    nameEn: name.default(''),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  })
  .refine((b) => b.nameZh || b.nameEn, { message: zkey('profile.nameRequired'), path: ['nameZh'] });

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(200),
  /** The authenticator app's 6-digit code, or a recovery code, when the account has two-step sign-in. */
  code: z.string().trim().max(40).optional(),
});

export const SessionItem = z.object({
  id: z.uuid(),
  current: z.boolean(),
  browser: z.string().nullable(),
  os: z.string().nullable(),
  mobile: z.boolean(),
  ip: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});

export const PasswordResetRequestBody = z.strictObject({ email: Email });
export const PasswordResetBody = z.strictObject({ token: z.string().min(1).max(200), password: Password });
export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  password: Password,
});

export const Uscc = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, c) => {
    const p = usccProblem(v);
    if (p) c.addIssue({ code: 'custom', message: zkey('validation.uscc', { problem: p }) });
  });
export const Orcid = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((v, c) => {
    const p = orcidProblem(v);
    if (p) c.addIssue({ code: 'custom', message: zkey('validation.orcid', { problem: p }) });
  });

export const OrganisationBody = z
  .strictObject({
    kind: z.enum(ORG_KINDS),
    nameZh: name.min(1, { message: zkey('validation.required') }),
    nameEn: name.default(''),
    uscc: Uscc.nullable().default(null),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, { message: zkey('validation.divisionCode') })
      .nullable()
      .default(null),
  })
  .refine((b) => b.kind === 'platform' || b.kind === 'grassroots' || b.uscc !== null, {
    message: zkey('validation.usccRequired'),
    path: ['uscc'],
  });
export const SPECIAL_CATEGORIES = ['none', 'integratedCircuit', 'industrialMotherMachine'] as const;

/** The enterprise profile in a PATCH: a field sent is set (null clears it), a field left out is kept. */
export const EnterprisePatch = z.strictObject({
  registrationDate: isoDate.nullable().optional(),
  industryCode: z
    .string()
    .trim()
    .toUpperCase()
    .superRefine((v, c) => {
      const p = industryCodeProblem(v);
      if (p) c.addIssue({ code: 'custom', message: zkey(p.key, p.params) });
    })
    .nullable()
    .optional(),
  mainBusiness: z
    .string()
    .trim()
    .max(500, { message: zkey('validation.atMost500Chars') })
    .optional(),
  hnteDomain: z
    .enum(HNTE_DOMAINS, { message: zkey('validation.highTechDomain') })
    .nullable()
    .optional(),
  employeeCount: z
    .number({ message: zkey('validation.wholeNumber') })
    .int({ message: zkey('validation.wholeNumber') })
    .min(0, { message: zkey('validation.notNegative') })
    .max(10_000_000, { message: zkey('validation.atMost10M') })
    .nullable()
    .optional(),
  specialCategory: z
    .enum(SPECIAL_CATEGORIES, { message: zkey('validation.specialIndustry') })
    .nullable()
    .optional(),
});
export type EnterprisePatchInput = z.infer<typeof EnterprisePatch>;

export const OrganisationPatch = z.strictObject({
  nameZh: name.min(1).optional(),
  nameEn: name.optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, { message: zkey('validation.sixDigitCode') })
    .nullable()
    .optional(),
  enterprise: EnterprisePatch.optional(),
});

/** The enterprise facts an organisation's admin fills once; null where not filled. */
export const EnterpriseProfile = z.object({
  registrationDate: z.string().nullable(),
  industryCode: z.string().nullable(),
  mainBusiness: z.string(),
  hnteDomain: z.enum(HNTE_DOMAINS).nullable(),
  employeeCount: z.number().int().nullable(),
  specialCategory: z.enum(SPECIAL_CATEGORIES).nullable(),
});

export const Organisation = z.object({
  id: z.uuid(),
  kind: z.enum(ORG_KINDS),
  nameZh: z.string(),
  nameEn: z.string(),
  uscc: z.string().nullable(),
  regionCode: z.string().nullable(),
  /** Only enterprises have one, and only their members and the platform admin see it (else null). */
  enterprise: EnterpriseProfile.nullable(),
});

export const RoleName = z.enum(ROLES);
export const MembershipRequestBody = z.strictObject({
  orgId: z.uuid({ message: zkey('validation.orgId') }),
  role: RoleName,
});
export const MembershipGrantBody = z.strictObject({
  personId: z.uuid({ message: zkey('validation.personId') }),
  orgId: z.uuid({ message: zkey('validation.orgId') }),
  role: RoleName,
});
export const MembershipDecisionBody = z.strictObject({ decision: z.enum(['approve', 'reject', 'revoke']) });
export const Membership = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  role: RoleName,
  status: z.enum(['pending', 'active', 'rejected', 'revoked']),
  createdAt: z.string(),
});

export const Employment = z
  .strictObject({
    orgId: z.uuid().nullable().default(null),
    orgName: name.min(1, { message: zkey('validation.required') }),
    jobTitle: name.default(''),
    startDate: isoDate,
    endDate: isoDate.nullable().default(null),
  })
  .refine((e) => e.endDate === null || e.endDate >= e.startDate, {
    message: zkey('validation.notBeforeStartDate'),
    path: ['endDate'],
  });
export const Publication = z.strictObject({
  title: z.string().trim().min(1, { message: 'is required' }).max(500),
  year,
  venue: z.string().trim().max(300).default(''),
  doi: z
    .string()
    .trim()
    .regex(/^10\.\d{4,9}\/\S+$/, { message: zkey('validation.doi') })
    .nullable()
    .default(null),
  coauthors: z.array(name.min(1)).max(200).default([]),
});
export const Project = z
  .strictObject({
    title: z.string().trim().min(1, { message: 'is required' }).max(500),
    role: name.default(''),
    funder: z.string().trim().max(200).default(''),
    startYear: year,
    endYear: year.nullable().default(null),
  })
  .refine((p) => p.endYear === null || p.endYear >= p.startYear, {
    message: zkey('validation.notBeforeStartYear'),
    path: ['endYear'],
  });

const DisciplineCode = z
  .string()
  .trim()
  .regex(/^[A-Z]\d{2,6}$|^\d{3}(\.\d{1,4})?$/, {
    message: zkey('validation.disciplineCode'),
  });

/** The language a person works in: applied at login in every browser they use. */
export const LocaleBody = z.strictObject({ locale: z.enum(['zh-CN', 'en']) });

export const ProfileBody = z.strictObject({
  version: z.number().int().min(1),
  nameZh: name,
  nameEn: name,
  orcid: Orcid.nullable().default(null),
  title: name.default(''),
  phone: z.string().trim().max(30).default(''),
  bio: z.string().trim().max(5000).default(''),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  disciplineCodes: z.array(DisciplineCode).max(20).default([]),
  keywords: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  employment: z.array(Employment).max(50).default([]),
  publications: z.array(Publication).max(500).default([]),
  projects: z.array(Project).max(200).default([]),
});
export type ProfileInput = z.infer<typeof ProfileBody>;

export const Profile = ProfileBody.extend({
  id: z.uuid(),
  email: z.string(),
  employment: z.array(
    z.object({
      orgId: z.string().nullable(),
      orgName: z.string(),
      jobTitle: z.string(),
      startDate: z.string(),
      endDate: z.string().nullable(),
    }),
  ),
  publications: z.array(
    z.object({
      title: z.string(),
      year: z.number(),
      venue: z.string(),
      doi: z.string().nullable(),
      coauthors: z.array(z.string()),
    }),
  ),
  projects: z.array(
    z.object({
      title: z.string(),
      role: z.string(),
      funder: z.string(),
      startYear: z.number(),
      endYear: z.number().nullable(),
    }),
  ),
  orcid: z.string().nullable(),
  disciplineCodes: z.array(z.string()),
});
export type ProfileView = z.infer<typeof Profile>;

export const PublicPerson = z.object({
  id: z.uuid(),
  nameZh: z.string(),
  nameEn: z.string(),
  title: z.string(),
  disciplineCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  currentOrg: z.string().nullable(),
});

export const SessionView = z.object({
  person: z
    .object({ id: z.uuid(), email: z.string(), nameZh: z.string(), nameEn: z.string(), locale: z.string() })
    .nullable(),
  roles: z.array(z.object({ orgId: z.uuid(), orgName: z.string(), orgKind: z.string(), role: RoleName })),
  /** Whether I sign in with a second factor, and whether a role of mine requires it before anything else. */
  twoFactor: z.object({ enabled: z.boolean(), mustEnrol: z.boolean() }),
  csrfToken: z.string(),
});

export const TotpStatus = z.object({
  enabled: z.boolean(),
  enabledAt: z.iso.datetime().nullable(),
  recoveryCodesLeft: z.number().int(),
  /** The organisations and roles of mine that require it. */
  requiredBy: z.array(z.object({ orgName: z.string(), role: RoleName })),
});
export const TotpEnrolment = z.object({
  /** Base32, for typing into the app by hand; shown only until enrolment is confirmed. */
  secret: z.string(),
  uri: z.string(),
  /** The otpauth URI as a QR code (PNG data URL). */
  qrDataUrl: z.string(),
});
export const TotpCodeBody = z.strictObject({ code: z.string().trim().min(1).max(40) });
export const PasswordConfirmBody = z.strictObject({ password: z.string().min(1).max(200) });
export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
/** Roles that move money or decide: an organisation may require two-step sign-in for them. */
export const TOTP_REQUIRABLE_ROLES = ['organizer', 'integrity_officer', 'admin'] as const;
export type RequirableRole = (typeof TOTP_REQUIRABLE_ROLES)[number];
export const TotpRequirement = z.object({
  roles: z.array(z.enum(TOTP_REQUIRABLE_ROLES)),
});

export const Ok = z.object({ ok: z.literal(true) });
export const IdParam = z.object({ id: z.uuid({ message: zkey('validation.format.uuid') }) });

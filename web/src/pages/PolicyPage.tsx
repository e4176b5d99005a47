// Enterprise policy tools: HNTE self-check, R&D super-deduction, technology-transfer income.
// Each form edits the tool's API input (the same JSON the CLI reads); the fields are paths into
// it, lists (staff, IP items, projects, subsidies, intangibles) are row editors, and the JSON mode
// shows all of it. Forms pre-fill from the organisation's enterprise profile and its saved
// worksheet of last year (the worksheet wins). Results are explained step by step, printable.
import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import deductionExample from '../../../docs/examples/policy/deduction.json';
import hnteExample from '../../../docs/examples/policy/hnte.json';
import transferExample from '../../../docs/examples/policy/transfer.json';
import {
  localizePolicyText,
  type PolicyMessageCode,
  policyMessages,
  policyValueLabels,
} from '../../../src/shared/policy/policy.messages.ts';
import {
  type EnterpriseFacts,
  fitHnteYears,
  getPath,
  HNTE_RD_KEYS,
  hnteTransformedFromRegistered,
  prefillInput,
  type RegisteredContract,
  rollForward,
  setPath,
  transfersFromRegistered,
} from '../../../src/shared/policy/prefill.ts';
import { api } from '../api.ts';
import '../policy/i18n.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';

type Kind = 'hnte' | 'deduction' | 'transfer';
const KINDS: Kind[] = ['hnte', 'deduction', 'transfer'];
type Json = Record<string, unknown>;

interface Step {
  code: PolicyMessageCode;
  rule: string;
  values: Record<string, string>;
  formula: string;
  result: string;
  met?: boolean;
}
interface HnteResult {
  verdict: 'met' | 'notMet' | 'depends';
  conditions: {
    code: PolicyMessageCode;
    rule: string;
    verdict: 'met' | 'notMet' | 'depends';
    steps: Step[];
  }[];
  innovation: {
    items: {
      code: PolicyMessageCode;
      band: string;
      max: number;
      range: { low: number; high: number };
      steps: Step[];
    }[];
    total: { low: number; high: number };
    passAtLow: boolean;
    passAtHigh: boolean;
  };
}
interface DeductionResult {
  rate: string;
  figures: Record<string, unknown> & { totalExtra: string; taxSaved: string; expensedBase: string };
  steps: Step[];
}
interface TransferResult {
  threshold: string;
  figures: { eligibleIncome: string; exemptIncome: string; tax: string; normalTax: string; taxSaved: string };
  steps: Step[];
}
type AnyResult =
  | { kind: 'hnte'; r: HnteResult }
  | { kind: 'deduction'; r: DeductionResult }
  | { kind: 'transfer'; r: TransferResult };
interface Worksheet {
  id: string;
  kind: Kind;
  taxYear: number;
  input: Json;
}

const CATEGORIES = [
  'personnel',
  'directInputs',
  'depreciation',
  'intangibleAmortisation',
  'newProductDesign',
  'otherRelated',
] as const;
const DOMAINS = [
  'electronicInformation',
  'biotechMedicine',
  'aerospace',
  'newMaterials',
  'highTechServices',
  'newEnergyEfficiency',
  'resourcesEnvironment',
  'advancedManufacturing',
  'none',
] as const;
const INDUSTRIES = [
  'other',
  'tobacco',
  'accommodationCatering',
  'wholesaleRetail',
  'realEstate',
  'leasingBusinessServices',
  'entertainment',
] as const;
const TECHNOLOGIES = [
  'patent',
  'softwareCopyright',
  'icLayoutDesign',
  'plantVariety',
  'biomedVariety',
  'otherDesignated',
  'other',
] as const;
const MODES = ['ownership', 'exclusiveLicence5y', 'nonExclusiveLicence5y', 'shortLicence'] as const;
const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
const IP_KINDS = [
  'inventionPatent',
  'defencePatent',
  'plantVariety',
  'cropVariety',
  'newDrug',
  'tcmProtectedVariety',
  'icLayoutDesign',
  'utilityModel',
  'designPatent',
  'softwareCopyright',
  'otherClassII',
  'trademark',
] as const;
const IP_OBTAINED = ['selfDeveloped', 'transfer', 'gift', 'merger', 'licence'] as const;
const PERSON_KINDS = ['employee', 'partTime', 'temporary'] as const;
/** Labels (policy.f.*) of the input paths the enterprise profile can fill, for the notice. */
const PROFILE_FIELD_LABELS: Record<string, string> = {
  registrationDate: 'policy.f.registrationDate',
  domain: 'policy.f.domain',
  'mainBusiness.industry': 'policy.f.industry',
  regime: 'policy.f.regime',
};

const lastYear = () => new Date().getFullYear() - 1;

/** A blank super-deduction input: one project with every category, so the form shows them all. */
function blankDeduction(): Json {
  return {
    taxYear: Math.max(2023, lastYear()),
    regime: 'general',
    mainBusiness: { industry: 'other', revenue: '0.00' },
    income: { totalIncome: '0.00', nonTaxableIncome: '0.00', investmentIncome: '0.00' },
    projects: [
      {
        id: 'P1',
        name: '',
        lines: CATEGORIES.map((category) => ({ category, amount: '0.00' })),
        contracted: [
          { amount: '0.00', location: 'domestic', recipient: 'organisation' },
          { amount: '0.00', location: 'overseas', recipient: 'organisation' },
        ],
        subsidies: [],
      },
    ],
    specialIncome: '0.00',
    soldProductMaterials: '0.00',
    materialsCarriedForward: '0.00',
    intangibles: [],
    taxRate: '0.25',
  };
}
/** The first id `${prefix}n` not used by any row. */
function nextId(rows: Json[], prefix: string): string {
  const used = new Set(rows.map((r) => String(r.id)));
  let n = rows.length + 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
const blankProject = (id: string): Json => ({
  id,
  name: '',
  lines: CATEGORIES.map((category) => ({ category, amount: '0.00' })),
  contracted: [],
  subsidies: [],
});
const zeroMonth = (): Json => ({ totalStart: 0, totalEnd: 0, sciTechStart: 0, sciTechEnd: 0 });
/** A fresh staff block in the other counting mode (the guideline's two ways of counting). */
function blankStaff(mode: unknown, input: Json): Json {
  if (mode !== 'roster') return { mode: 'monthly', months: Array.from({ length: 12 }, zeroMonth) };
  const years = arr(input.years);
  const year = Number(years[years.length - 1]?.year) || lastYear();
  return { mode: 'roster', year, people: [blankPerson(year)] };
}
const blankPerson = (year: number): Json => ({
  kind: 'employee',
  sciTech: false,
  daysWorked: 0,
  from: `${year}-01-01`,
  to: null,
});
const blankContract = (id: string): Json => ({
  id,
  name: '',
  technology: 'patent',
  mode: 'ownership',
  revenue: '0.00',
  costs: '0.00',
  relatedTaxes: '0.00',
  periodExpenses: '0.00',
  registered: true,
  fullyOwnedRelatedParty: false,
  exportRestricted: false,
});
function blankTransfer(): Json {
  return {
    taxYear: Math.max(2016, lastYear()),
    regime: 'general',
    transfers: [blankContract('T1')],
    taxRate: '0.25',
  };
}
const EXAMPLES: Record<Kind, () => Json> = {
  hnte: () => structuredClone(hnteExample) as Json,
  deduction: () => structuredClone(deductionExample) as Json,
  transfer: () => structuredClone(transferExample) as Json,
};
const BLANKS: Record<Kind, () => Json> = {
  hnte: EXAMPLES.hnte, // the HNTE input is large: start from the complete example
  deduction: blankDeduction,
  transfer: blankTransfer,
};

// ------------------------------------------------------------------ paths into the input

const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** The tax year a worksheet is saved under: the tool's taxYear, or the HNTE input's latest year. */
function inputYear(kind: Kind, input: Json): number {
  if (kind !== 'hnte') return Number(input.taxYear);
  const years = arr(input.years);
  return Number(years[years.length - 1]?.year);
}

// ------------------------------------------------------------------ form descriptions

type Control =
  | { type: 'text' | 'date' | 'number' | 'month'; decimal?: boolean; nullable?: boolean }
  | { type: 'select'; options: { value: string; label: string }[] }
  | { type: 'checkbox'; default?: boolean };
/** A field at a path of the input; `set` replaces the default "write the value at the path". */
type FieldDesc = Control & { path: string; label: string; set?: (input: Json, value: unknown) => Json };
/** A list in the input edited as rows: `path` is the array, each column a key of its items. */
interface TableDesc {
  path: string;
  caption: string;
  rowLabel: (n: number) => string;
  columns: (Control & { key: string; label: string })[];
  blank: (rows: Json[]) => Json;
  min?: number;
  max?: number;
}
interface Group {
  key: string;
  legend: string;
  fields: FieldDesc[];
  tables?: TableDesc[];
  /** A button that removes this group's item from the array at `path`. */
  remove?: { path: string; index: number; label: string };
}

type T = (key: string, opts?: Record<string, unknown>) => string;
type Msg = (code: string) => string;

function hnteGroups(input: Json, t: T, msg: Msg): Group[] {
  const yearFields = (i: number): FieldDesc[] => [
    { path: `years.${i}.year`, label: t('policy.f.year'), type: 'number' },
    { path: `years.${i}.salesRevenue`, label: t('policy.f.salesRevenue'), type: 'text' },
    { path: `years.${i}.netAssetsAtYearEnd`, label: t('policy.f.netAssets'), type: 'text' },
    ...HNTE_RD_KEYS.map(
      (k): FieldDesc => ({
        path: `years.${i}.rd.${k}`,
        label: t(`policy.f.rd${k[0].toUpperCase()}${k.slice(1)}`),
        type: 'text',
      }),
    ),
    { path: `years.${i}.resultsTransformed`, label: t('policy.f.resultsTransformed'), type: 'number' },
  ];
  const grade = (path: string, label: string): FieldDesc => ({
    path,
    label,
    type: 'select',
    options: GRADES.map((g) => ({ value: g, label: g })),
  });
  return [
    {
      key: 'basics',
      legend: t('policy.basics'),
      fields: [
        // The fiscal years follow the dates (32号 Art. 11(五); 195号 按实际经营时间计算).
        {
          path: 'registrationDate',
          label: t('policy.f.registrationDate'),
          type: 'date',
          set: (inp, v) => fitHnteYears(setPath(inp, 'registrationDate', v)),
        },
        {
          path: 'applicationDate',
          label: t('policy.f.applicationDate'),
          type: 'date',
          set: (inp, v) => fitHnteYears(setPath(inp, 'applicationDate', v)),
        },
        {
          path: 'domain',
          label: t('policy.f.domain'),
          type: 'select',
          options: DOMAINS.map((d) => ({ value: d, label: msg(`domain.${d}`) })),
        },
      ],
    },
    ...arr(input.years).map(
      (y, i): Group => ({
        key: `year-${String(i)}`,
        legend: t('policy.fiscalYear', { year: y.year }),
        fields: yearFields(i),
      }),
    ),
    {
      key: 'income',
      legend: t('policy.latestIncome'),
      fields: [
        { path: 'latestYearIncome.highTechRevenue', label: t('policy.f.highTechRevenue'), type: 'text' },
        { path: 'latestYearIncome.totalIncome', label: t('policy.f.totalIncome'), type: 'text' },
        { path: 'latestYearIncome.nonTaxableIncome', label: t('policy.f.nonTaxableIncome'), type: 'text' },
      ],
    },
    staffGroup(input, t),
    {
      key: 'ip',
      legend: t('policy.ipItems'),
      fields: [],
      tables: [
        {
          path: 'ip',
          caption: t('policy.ipItems'),
          rowLabel: (n) => t('policy.ipItem', { n }),
          columns: [
            { key: 'id', label: t('policy.f.ipId'), type: 'text' },
            {
              key: 'kind',
              label: t('policy.f.ipKind'),
              type: 'select',
              options: IP_KINDS.map((k) => ({ value: k, label: t(`policy.ipKinds.${k}`) })),
            },
            {
              key: 'obtainedBy',
              label: t('policy.f.obtainedBy'),
              type: 'select',
              options: IP_OBTAINED.map((k) => ({ value: k, label: t(`policy.ipObtained.${k}`) })),
            },
            { key: 'coreSupport', label: t('policy.f.ipCoreSupport'), type: 'checkbox' },
            // Absent means the schema's default: valid in China, not used before.
            { key: 'validInChina', label: t('policy.f.validInChina'), type: 'checkbox', default: true },
            { key: 'previouslyUsedForHnte', label: t('policy.f.previouslyUsed'), type: 'checkbox' },
          ],
          blank: (rows) => ({
            id: nextId(rows, 'IP'),
            kind: 'inventionPatent',
            obtainedBy: 'selfDeveloped',
            coreSupport: false,
            validInChina: true,
            previouslyUsedForHnte: false,
          }),
        },
      ],
    },
    {
      key: 'innovation',
      legend: t('policy.innovation'),
      fields: [
        grade('innovation.advancement', t('policy.f.advancement')),
        grade('innovation.coreSupport', t('policy.f.coreSupport')),
        { path: 'innovation.standards', label: t('policy.f.standards'), type: 'checkbox' },
        { path: 'innovation.rdManagement.system', label: t('policy.f.rdSystem'), type: 'number' },
        { path: 'innovation.rdManagement.institution', label: t('policy.f.rdInstitution'), type: 'number' },
        {
          path: 'innovation.rdManagement.transformationIncentives',
          label: t('policy.f.rdTransformationIncentives'),
          type: 'number',
        },
        { path: 'innovation.rdManagement.talent', label: t('policy.f.rdTalent'), type: 'number' },
      ],
    },
    {
      key: 'incidents',
      legend: t('policy.incidents'),
      fields: (['majorSafetyAccident', 'majorQualityAccident', 'seriousEnvironmentalViolation'] as const).map(
        (k): FieldDesc => ({ path: `incidents.${k}`, label: t(`policy.f.${k}`), type: 'checkbox' }),
      ),
    },
  ];
}

/** Staff: how they are counted, then the monthly head-counts or the roster as rows. */
function staffGroup(input: Json, t: T): Group {
  const mode = getPath(input, 'staff.mode') === 'roster' ? 'roster' : 'monthly';
  const count = (key: string, label: string) => ({ key, label, type: 'number' as const });
  const table: TableDesc =
    mode === 'monthly'
      ? {
          path: 'staff.months',
          caption: t('policy.months'),
          rowLabel: (n) => t('policy.month', { n }),
          columns: [
            count('totalStart', t('policy.f.totalStart')),
            count('totalEnd', t('policy.f.totalEnd')),
            count('sciTechStart', t('policy.f.sciTechStart')),
            count('sciTechEnd', t('policy.f.sciTechEnd')),
          ],
          // A new month starts where the last one ended.
          blank: (rows) => {
            const last = rows[rows.length - 1];
            return last
              ? {
                  totalStart: last.totalEnd,
                  totalEnd: last.totalEnd,
                  sciTechStart: last.sciTechEnd,
                  sciTechEnd: last.sciTechEnd,
                }
              : zeroMonth();
          },
          min: 1,
          max: 12,
        }
      : {
          path: 'staff.people',
          caption: t('policy.people'),
          rowLabel: (n) => t('policy.person', { n }),
          columns: [
            {
              key: 'kind',
              label: t('policy.f.personKind'),
              type: 'select',
              options: PERSON_KINDS.map((k) => ({ value: k, label: t(`policy.personKinds.${k}`) })),
            },
            { key: 'sciTech', label: t('policy.f.sciTech'), type: 'checkbox' },
            count('daysWorked', t('policy.f.daysWorked')),
            { key: 'from', label: t('policy.f.from'), type: 'date' },
            { key: 'to', label: t('policy.f.to'), type: 'date', nullable: true },
          ],
          blank: () => blankPerson(Number(getPath(input, 'staff.year')) || lastYear()),
          min: 1,
        };
  return {
    key: 'staff',
    legend: t('policy.staff'),
    fields: [
      {
        path: 'staff.mode',
        label: t('policy.staffMode'),
        type: 'select',
        options: (['monthly', 'roster'] as const).map((m) => ({
          value: m,
          label: t(`policy.staffModes.${m}`),
        })),
        set: (inp, v) => (v === getPath(inp, 'staff.mode') ? inp : setPath(inp, 'staff', blankStaff(v, inp))),
      },
      ...(mode === 'roster'
        ? [{ path: 'staff.year', label: t('policy.staffYear'), type: 'number' as const }]
        : []),
    ],
    tables: [table],
  };
}

function deductionGroups(input: Json, t: T, msg: Msg): Group[] {
  return [
    {
      key: 'basics',
      legend: t('policy.basics'),
      fields: [
        { path: 'taxYear', label: t('policy.f.taxYear'), type: 'number' },
        {
          path: 'regime',
          label: t('policy.f.regime'),
          type: 'select',
          options: (['general', 'integratedCircuit', 'industrialMotherMachine'] as const).map((r) => ({
            value: r,
            label: t(`policy.regimes.${r}`),
          })),
        },
        { path: 'taxRate', label: t('policy.f.taxRate'), type: 'text' },
      ],
    },
    {
      key: 'income',
      legend: t('policy.income'),
      fields: [
        {
          path: 'mainBusiness.industry',
          label: t('policy.f.industry'),
          type: 'select',
          options: INDUSTRIES.map((i) => ({ value: i, label: msg(`industry.${i}`) })),
        },
        { path: 'mainBusiness.revenue', label: t('policy.f.mainBusinessRevenue'), type: 'text' },
        { path: 'income.totalIncome', label: t('policy.f.totalIncome'), type: 'text' },
        { path: 'income.nonTaxableIncome', label: t('policy.f.nonTaxableIncome'), type: 'text' },
        { path: 'income.investmentIncome', label: t('policy.f.investmentIncome'), type: 'text' },
      ],
    },
    ...arr(input.projects).map(
      (p, j): Group => ({
        key: `project-${String(j)}`,
        legend: t('policy.project', { id: p.id }),
        fields: [
          { path: `projects.${j}.id`, label: t('policy.f.projectId'), type: 'text' },
          { path: `projects.${j}.name`, label: t('policy.f.projectName'), type: 'text' },
          ...arr(p.lines).map(
            (l, k): FieldDesc => ({
              path: `projects.${j}.lines.${k}.amount`,
              label: msg(`deduction.category.${String(l.category)}`),
              type: 'text',
            }),
          ),
        ],
        tables: [
          {
            path: `projects.${j}.contracted`,
            caption: t('policy.contractedRows', { id: p.id }),
            rowLabel: (n) => t('policy.contractedRow', { id: p.id, n }),
            columns: [
              { key: 'amount', label: t('policy.f.amountPaid'), type: 'text', decimal: true },
              {
                key: 'location',
                label: t('policy.f.location'),
                type: 'select',
                options: (['domestic', 'overseas'] as const).map((x) => ({
                  value: x,
                  label: t(`policy.locations.${x}`),
                })),
              },
              {
                key: 'recipient',
                label: t('policy.f.recipient'),
                type: 'select',
                options: (['organisation', 'individual'] as const).map((x) => ({
                  value: x,
                  label: t(`policy.recipients.${x}`),
                })),
              },
            ],
            blank: () => ({ amount: '0.00', location: 'domestic', recipient: 'organisation' }),
          },
          {
            path: `projects.${j}.subsidies`,
            caption: t('policy.subsidies', { id: p.id }),
            rowLabel: (n) => t('policy.subsidy', { id: p.id, n }),
            columns: [
              { key: 'amount', label: t('policy.f.amount'), type: 'text', decimal: true },
              {
                key: 'accounting',
                label: t('policy.f.accounting'),
                type: 'select',
                options: (['netted', 'income'] as const).map((x) => ({
                  value: x,
                  label: t(`policy.accounting.${x}`),
                })),
              },
              { key: 'taxable', label: t('policy.f.taxable'), type: 'checkbox' },
            ],
            blank: () => ({ amount: '0.00', accounting: 'netted', taxable: false }),
          },
        ],
        remove: { path: 'projects', index: j, label: t('policy.removeProject', { id: p.id }) },
      }),
    ),
    {
      key: 'intangibles',
      legend: t('policy.intangibles'),
      fields: [],
      tables: [
        {
          path: 'intangibles',
          caption: t('policy.intangibles'),
          rowLabel: (n) => t('policy.intangible', { n }),
          columns: [
            { key: 'id', label: t('policy.f.intangibleId'), type: 'text' },
            { key: 'cost', label: t('policy.f.cost'), type: 'text', decimal: true },
            {
              key: 'nonTaxableFunded',
              label: t('policy.f.nonTaxableFunded'),
              type: 'text',
              decimal: true,
            },
            { key: 'inServiceFrom', label: t('policy.f.inServiceFrom'), type: 'month' },
            { key: 'usefulLifeYears', label: t('policy.f.usefulLifeYears'), type: 'number' },
          ],
          blank: (rows) => ({
            id: nextId(rows, 'IA'),
            cost: '0.00',
            nonTaxableFunded: '0.00',
            inServiceFrom: `${String(input.taxYear ?? lastYear())}-01`,
            usefulLifeYears: 10,
          }),
        },
      ],
    },
    {
      key: 'adjustments',
      legend: t('policy.adjustments'),
      fields: [
        { path: 'specialIncome', label: t('policy.f.specialIncome'), type: 'text' },
        { path: 'soldProductMaterials', label: t('policy.f.soldProductMaterials'), type: 'text' },
        { path: 'materialsCarriedForward', label: t('policy.f.materialsCarriedForward'), type: 'text' },
      ],
    },
  ];
}

function transferGroups(input: Json, t: T, msg: Msg): Group[] {
  const cb = (path: string, label: string, dflt = false): FieldDesc => ({
    path,
    label,
    type: 'checkbox',
    default: dflt,
  });
  return [
    {
      key: 'basics',
      legend: t('policy.basics'),
      fields: [
        { path: 'taxYear', label: t('policy.f.taxYear'), type: 'number' },
        {
          path: 'regime',
          label: t('policy.f.regime'),
          type: 'select',
          options: (['general', 'zhongguancun'] as const).map((r) => ({
            value: r,
            label: msg(`transfer.regime.${r}`),
          })),
        },
        { path: 'taxRate', label: t('policy.f.taxRate'), type: 'text' },
      ],
    },
    ...arr(input.transfers).map(
      (c, i): Group => ({
        key: `contract-${String(i)}`,
        legend: t('policy.contract', { id: c.id }),
        fields: [
          { path: `transfers.${i}.id`, label: t('policy.f.contractId'), type: 'text' },
          {
            path: `transfers.${i}.technology`,
            label: t('policy.f.technology'),
            type: 'select',
            options: TECHNOLOGIES.map((x) => ({ value: x, label: msg(`transfer.technology.${x}`) })),
          },
          {
            path: `transfers.${i}.mode`,
            label: t('policy.f.mode'),
            type: 'select',
            options: MODES.map((x) => ({ value: x, label: msg(`transfer.mode.${x}`) })),
          },
          { path: `transfers.${i}.revenue`, label: t('policy.f.revenue'), type: 'text' },
          { path: `transfers.${i}.costs`, label: t('policy.f.costs'), type: 'text' },
          { path: `transfers.${i}.relatedTaxes`, label: t('policy.f.relatedTaxes'), type: 'text' },
          { path: `transfers.${i}.periodExpenses`, label: t('policy.f.periodExpenses'), type: 'text' },
          cb(`transfers.${i}.registered`, t('policy.f.registered'), true), // absent: registered
          cb(`transfers.${i}.fullyOwnedRelatedParty`, t('policy.f.fullyOwnedRelatedParty')),
          cb(`transfers.${i}.exportRestricted`, t('policy.f.exportRestricted')),
        ],
        remove:
          arr(input.transfers).length > 1
            ? { path: 'transfers', index: i, label: t('policy.removeContract', { id: c.id }) }
            : undefined,
      }),
    ),
  ];
}
const GROUPS: Record<Kind, (input: Json, t: T, msg: Msg) => Group[]> = {
  hnte: hnteGroups,
  deduction: deductionGroups,
  transfer: transferGroups,
};

// ------------------------------------------------------------------ pieces

const fieldId = (path: string) => `f-${path.replaceAll('.', '-')}`;

function InputField({
  desc,
  value,
  error,
  onChange,
}: {
  desc: FieldDesc;
  value: unknown;
  error: FormErrorState;
  onChange: (v: unknown) => void;
}) {
  const mine = error?.field === desc.path;
  const id = fieldId(desc.path);
  const err = mine && (
    <small id={`${id}-err`} className="error" role="alert">
      {error.message}
    </small>
  );
  if (desc.type === 'select') {
    return (
      <div className={`field${mine ? ' invalid' : ''}`}>
        <label htmlFor={id}>{desc.label}</label>
        <select
          id={id}
          value={String(value ?? '')}
          aria-invalid={mine}
          aria-describedby={mine ? `${id}-err` : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {desc.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        {err}
      </div>
    );
  }
  if (desc.type === 'checkbox') {
    return (
      <div className={`field check${mine ? ' invalid' : ''}`}>
        <label htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === undefined ? desc.default === true : value === true}
            aria-invalid={mine}
            aria-describedby={mine ? `${id}-err` : undefined}
            onChange={(e) => onChange(e.target.checked)}
          />{' '}
          {desc.label}
        </label>
        {err}
      </div>
    );
  }
  return (
    <Field
      label={desc.label}
      name={desc.path}
      error={error}
      type={desc.type}
      inputMode={desc.type === 'text' ? 'decimal' : undefined}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(e) => onChange(fromText(desc, e.target.value))}
    />
  );
}

/** What a text-like control's string means in the input: a number, null (when allowed), or itself. */
function fromText(c: Control, text: string): unknown {
  if (c.type === 'number' && text !== '') return Number(text);
  if (c.type !== 'select' && c.type !== 'checkbox' && c.nullable && text === '') return null;
  return text;
}

/** One cell of a row editor: a control named "row n: column" for assistive technology. */
function Cell({
  col,
  path,
  label,
  value,
  error,
  onChange,
}: {
  col: TableDesc['columns'][number];
  path: string;
  label: string;
  value: unknown;
  error: FormErrorState;
  onChange: (v: unknown) => void;
}) {
  const mine = error?.field === path;
  const id = fieldId(path);
  const common = {
    id,
    'aria-label': label,
    'aria-invalid': mine,
    'aria-describedby': mine ? `${id}-err` : undefined,
  };
  let control: ReactNode;
  if (col.type === 'select') {
    control = (
      <select {...common} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
        {col.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (col.type === 'checkbox') {
    control = (
      <input
        {...common}
        type="checkbox"
        checked={value === undefined ? col.default === true : value === true}
        onChange={(e) => onChange(e.target.checked)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        type={col.type}
        inputMode={col.decimal ? 'decimal' : undefined}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(e) => onChange(fromText(col, e.target.value))}
      />
    );
  }
  return (
    <div className={mine ? 'invalid' : undefined}>
      {control}
      {mine && (
        <small id={`${id}-err`} className="error" role="alert">
          {error.message}
        </small>
      )}
    </div>
  );
}

/**
 * A list of the input as a table: a row per item, a labelled control per column, a remove button
 * per row and an add button. Focus follows the keyboard: to the new row's first control after
 * adding, to the neighbouring row's remove button (or the add button) after removing.
 */
function RowEditor({
  desc,
  rows,
  error,
  hideCaption,
  onChange,
}: {
  desc: TableDesc;
  rows: Json[];
  error: FormErrorState;
  /** When the surrounding legend already says it (the caption still names the table for screen readers). */
  hideCaption?: boolean;
  onChange: (rows: Json[]) => void;
}) {
  const { t } = useTranslation();
  const base = fieldId(desc.path);
  const min = desc.min ?? 0;
  const focus = (id: string) =>
    requestAnimationFrame(() => {
      const el = document.getElementById(id);
      el?.focus();
      // A suggested value (a new row's id) is selected, so typing replaces it.
      if (el instanceof HTMLInputElement && el.type === 'text') el.select();
    });
  const add = () => {
    onChange([...rows, desc.blank(rows)]);
    focus(fieldId(`${desc.path}.${rows.length}.${desc.columns[0].key}`));
  };
  const remove = (i: number) => {
    const next = rows.filter((_, k) => k !== i);
    onChange(next);
    focus(next.length <= min ? `${base}-add` : `${base}-${Math.min(i, next.length - 1)}-remove`);
  };
  const own = error?.field === desc.path;
  const keyed = rows.map((r, i) => ({ r, i, key: `${desc.path}.${i}` }));
  return (
    <div className={`row-editor${own ? ' invalid' : ''}`}>
      <table>
        <caption className={hideCaption ? 'sr-only' : undefined}>{desc.caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {desc.columns.map((c) => (
              <th scope="col" key={c.key}>
                {c.label}
              </th>
            ))}
            <th scope="col">
              <span className="sr-only">{t('policy.rows.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keyed.map(({ r, i, key }) => (
            <tr key={key}>
              <th scope="row">{i + 1}</th>
              {desc.columns.map((c) => (
                <td key={c.key}>
                  <Cell
                    col={c}
                    path={`${desc.path}.${i}.${c.key}`}
                    label={t('policy.rows.cell', { row: desc.rowLabel(i + 1), column: c.label })}
                    value={r[c.key]}
                    error={error}
                    onChange={(v) => onChange(rows.map((x, k) => (k === i ? { ...x, [c.key]: v } : x)))}
                  />
                </td>
              ))}
              <td>
                <button
                  type="button"
                  className="secondary"
                  id={`${base}-${i}-remove`}
                  aria-label={t('policy.rows.remove', { row: desc.rowLabel(i + 1) })}
                  disabled={rows.length <= min}
                  onClick={() => remove(i)}
                >
                  {t('policy.rows.removeShort')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <p className="hint">{t('policy.rows.none')}</p>}
      {own && (
        <small id={`${base}-err`} className="error" role="alert">
          {error.message}
        </small>
      )}
      <button
        type="button"
        className="secondary"
        id={`${base}-add`}
        disabled={desc.max !== undefined && rows.length >= desc.max}
        onClick={add}
      >
        {t('policy.rows.add', { what: desc.caption })}
      </button>
    </div>
  );
}

// Values whose text is itself a code: shown through the label of that code.
const CODED_VALUES: Record<string, (v: string) => string> = {
  domain: (v) => `domain.${v}`,
  industry: (v) => `industry.${v}`,
  technology: (v) => `transfer.technology.${v}`,
  mode: (v) => `transfer.mode.${v}`,
};

/** A step value or result in the reader's language: coded words and enum values get their label. */
function stepText(key: string | null, v: string, msg: Msg, lang: 'zh-CN' | 'en'): string {
  const coded = key ? CODED_VALUES[key] : undefined;
  if (coded) return msg(coded(v));
  return localizePolicyText(v, lang);
}

function StepList({ steps, msg }: { steps: Step[]; msg: Msg }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const keyed = steps.map((s, i) => ({ s, key: `${s.code}#${i}` }));
  return (
    <ol className="steps">
      {keyed.map(({ s, key }) => (
        <li key={key} className={s.met === undefined ? '' : s.met ? 'met' : 'not-met'}>
          <div className="step-head">
            <strong>{msg(s.code)}</strong>
            {s.met !== undefined && (
              <span className={`badge ${s.met ? 'met' : 'not-met'}`}>
                {s.met ? `✓ ${msg('verdict.met')}` : `✗ ${msg('verdict.notMet')}`}
              </span>
            )}
          </div>
          <div>
            {t('policy.formula')}: <code>{localizePolicyText(s.formula, lang)}</code>
          </div>
          {Object.keys(s.values).length > 0 && (
            <dl className="values" aria-label={t('policy.values')}>
              {Object.entries(s.values).map(([k, v]) => (
                <div key={k}>
                  <dt>{policyValueLabels[k]?.[lang] ?? msg(k)}</dt>
                  <dd>{stepText(k, v, msg, lang)}</dd>
                </div>
              ))}
            </dl>
          )}
          <div>
            {t('policy.resultValue')}:{' '}
            <strong className="step-result">{stepText(null, s.result, msg, lang)}</strong>
          </div>
          <div className="rule">
            {t('policy.rule')}: <cite>{s.rule}</cite>
          </div>
        </li>
      ))}
    </ol>
  );
}

function VerdictBadge({ v, msg }: { v: 'met' | 'notMet' | 'depends'; msg: Msg }) {
  const cls = v === 'met' ? 'met' : v === 'notMet' ? 'not-met' : 'depends';
  return <span className={`badge ${cls}`}>{msg(`verdict.${v}`)}</span>;
}

function ResultView({ result, msg }: { result: AnyResult; msg: Msg }) {
  const { t } = useTranslation();
  if (result.kind === 'hnte') {
    const r = result.r;
    return (
      <>
        <p>
          {t('policy.verdict')}: <VerdictBadge v={r.verdict} msg={msg} />
        </p>
        {r.conditions.map((c) => (
          <section key={c.code} className="condition">
            <h3>
              {msg(c.code)} <VerdictBadge v={c.verdict} msg={msg} />
            </h3>
            <StepList steps={c.steps} msg={msg} />
            {c.code === 'hnte.innovation' && (
              <p className="score-ends">
                {t('policy.scoreEnds', {
                  low: r.innovation.total.low,
                  high: r.innovation.total.high,
                  lowVerdict: t(r.innovation.passAtLow ? 'policy.scorePasses' : 'policy.scoreFails'),
                  highVerdict: t(r.innovation.passAtHigh ? 'policy.scorePasses' : 'policy.scoreFails'),
                })}
              </p>
            )}
            {c.code === 'hnte.innovation' && (
              <ul className="score-items">
                {r.innovation.items.map((it) => (
                  <li key={it.code}>
                    <strong>{msg(it.code)}</strong> — {t('policy.band', { band: it.band })},{' '}
                    {t('policy.range', it.range)}
                    <StepList steps={it.steps} msg={msg} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      </>
    );
  }
  if (result.kind === 'deduction') {
    const f = result.r.figures;
    return (
      <>
        <dl className="summary">
          <div>
            <dt>{msg('deduction.rate')}</dt>
            <dd>{result.r.rate}</dd>
          </div>
          <div>
            <dt>{msg('deduction.totalExtra')}</dt>
            <dd>{f.totalExtra}</dd>
          </div>
          <div>
            <dt>{msg('deduction.taxSaved')}</dt>
            <dd>{f.taxSaved}</dd>
          </div>
        </dl>
        <h3>{t('policy.steps')}</h3>
        <StepList steps={result.r.steps} msg={msg} />
      </>
    );
  }
  const f = result.r.figures;
  return (
    <>
      <dl className="summary">
        <div>
          <dt>{msg('transfer.total')}</dt>
          <dd>{f.eligibleIncome}</dd>
        </div>
        <div>
          <dt>{msg('transfer.exempt')}</dt>
          <dd>{f.exemptIncome}</dd>
        </div>
        <div>
          <dt>{msg('transfer.tax')}</dt>
          <dd>{f.tax}</dd>
        </div>
        <div>
          <dt>{msg('transfer.taxSaved')}</dt>
          <dd>{f.taxSaved}</dd>
        </div>
      </dl>
      <h3>{t('policy.steps')}</h3>
      <StepList steps={result.r.steps} msg={msg} />
    </>
  );
}

// ------------------------------------------------------------------ the page

export function PolicyPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const msg: Msg = (code) => policyMessages[code as PolicyMessageCode]?.[lang] ?? code;

  const [kind, setKind] = useState<Kind>('hnte');
  const [inputs, setInputs] = useState<Record<Kind, Json>>(() => ({
    hnte: BLANKS.hnte(),
    deduction: BLANKS.deduction(),
    transfer: BLANKS.transfer(),
  }));
  const [jsonMode, setJsonMode] = useState(false);
  const [jsonText, setJsonText] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const [result, setResult] = useState<AnyResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const orgs = [...new Map((session?.roles ?? []).map((r) => [r.orgId, r.orgName])).entries()];
  const [orgId, setOrgId] = useState('');
  const effectiveOrg = orgId || orgs[0]?.[0] || '';
  const loaded = useRef(new Set<string>());
  const latestInputs = useRef(inputs);
  latestInputs.current = inputs;

  // Pre-fill each tool once per organisation: from its saved worksheet for last year (or the
  // latest), and from its enterprise profile wherever that worksheet has no value.
  useEffect(() => {
    const key = `${effectiveOrg}/${kind}`;
    if (!effectiveOrg || loaded.current.has(key)) return;
    loaded.current.add(key);
    Promise.all([
      api<Worksheet[]>('GET', `/api/policy/worksheets?orgId=${effectiveOrg}&kind=${kind}`),
      api<{ enterprise: EnterpriseFacts | null }>('GET', `/api/organisations/${effectiveOrg}`),
    ])
      .then(async ([list, org]) => {
        // Last year's worksheet, else the newest; one older than last year is rolled forward.
        const target = lastYear();
        const w = list.find((x) => x.taxYear === target) ?? list[0];
        const rolled = w !== undefined && w.taxYear < target;
        const prefilled = prefillInput(
          kind,
          latestInputs.current[kind],
          org.enterprise,
          w ? (rolled ? rollForward(kind, w.input, target) : w.input) : null,
        );
        const { fromProfile } = prefilled;
        let next = prefilled.input;
        // Registered technology contracts (技术合同认定登记) of the organisation: the transfer
        // calculator's contracts of the tax year, and the HNTE results transformed per year.
        const registered = (year: number) =>
          api<RegisteredContract[]>(
            'GET',
            `/api/transfer/registered-contracts?orgId=${effectiveOrg}&taxYear=${year}`,
          ).catch(() => [] as RegisteredContract[]);
        let fromRecord = 0;
        if (kind === 'transfer') {
          const r = transfersFromRegistered(next, await registered(Number(next.taxYear)), i18n.language);
          next = r.input;
          fromRecord = r.filled.length;
        } else if (kind === 'hnte') {
          const years = arr(next.years).map((y) => Number(y.year));
          const counts = new Map(
            await Promise.all(years.map(async (y) => [y, (await registered(y)).length] as const)),
          );
          next = hnteTransformedFromRegistered(next, counts);
          fromRecord = [...counts.values()].reduce((s, n) => s + n, 0);
        }
        if (!w && fromProfile.length === 0 && fromRecord === 0) return;
        setInputs((prev) => ({ ...prev, [kind]: next }));
        setJsonText(JSON.stringify(next, null, 2));
        const fields = fromProfile.map((f) => t(PROFILE_FIELD_LABELS[f] ?? f)).join(', ');
        setNotice(
          [
            w &&
              (rolled
                ? t('policy.rolledForward', { from: w.taxYear, to: target })
                : t('policy.prefilled', { year: w.taxYear })),
            fromProfile.length > 0 && t('policy.prefilledProfile', { fields }),
            fromRecord > 0 && t('policy.prefilledRegistered', { n: fromRecord }),
          ]
            .filter(Boolean)
            .join(' '),
        );
      })
      .catch((e) => setError(toFormError(e)));
  }, [effectiveOrg, kind, t, i18n.language]);

  const input = inputs[kind];
  const setInput = (next: Json) => setInputs((prev) => ({ ...prev, [kind]: next }));

  /** The input to send: the JSON text in JSON mode (it must parse), the form's otherwise. */
  const currentInput = (): Json | null => {
    if (!jsonMode) return input;
    try {
      const parsed = JSON.parse(jsonText) as Json;
      setInput(parsed);
      return parsed;
    } catch {
      setError({ code: 'VALIDATION', field: 'json', message: t('policy.jsonInvalid') });
      return null;
    }
  };
  const showError = (e: unknown) => {
    const body = toFormError(e);
    // Saved-worksheet errors name the field under "input."; the form's fields are the input's paths.
    setError(body.field?.startsWith('input.') ? { ...body, field: body.field.slice(6) } : body);
  };

  const switchKind = (k: Kind) => {
    setKind(k);
    setResult(null);
    setError(null);
    setNotice(null);
    setJsonText(JSON.stringify(inputs[k], null, 2));
  };
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = KINDS.indexOf(kind);
    const next =
      e.key === 'ArrowRight' ? KINDS[(i + 1) % 3] : e.key === 'ArrowLeft' ? KINDS[(i + 2) % 3] : null;
    if (!next) return;
    e.preventDefault();
    switchKind(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  const toggleJson = () => {
    if (jsonMode) {
      const parsed = currentInput();
      if (!parsed) return;
      setError(null);
    } else {
      setJsonText(JSON.stringify(input, null, 2));
    }
    setJsonMode(!jsonMode);
  };

  const calculate = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setNotice(null);
    const body = currentInput();
    if (!body) return;
    setBusy(true);
    try {
      const r = await api<HnteResult & DeductionResult & TransferResult>('POST', `/api/policy/${kind}`, body);
      setResult({ kind, r } as AnyResult);
      requestAnimationFrame(() => document.getElementById('policy-result')?.focus());
    } catch (err) {
      setResult(null);
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const save = async () => {
    setError(null);
    setNotice(null);
    const body = currentInput();
    if (!body) return;
    try {
      const w = await api<Worksheet>('PUT', '/api/policy/worksheets', {
        orgId: effectiveOrg,
        kind,
        taxYear: inputYear(kind, body),
        input: body,
      });
      setNotice(t('policy.saved', { year: w.taxYear }));
    } catch (err) {
      showError(err);
    }
  };

  if (!session?.person) {
    return (
      <section>
        <h1>{t('policy.title')}</h1>
        <ErrorBanner error={{ code: 'UNAUTHENTICATED', message: '' }} />
      </section>
    );
  }

  const groups = GROUPS[kind](input, t, msg);
  const removeItem = (r: Group['remove']) => {
    if (!r) return;
    setInput(
      setPath(
        input,
        r.path,
        arr(getPath(input, r.path)).filter((_, k) => k !== r.index),
      ),
    );
    // The removed group's button is gone: keyboard focus goes to the list's add button.
    const addId = r.path === 'projects' ? 'policy-add-project' : 'policy-add-contract';
    requestAnimationFrame(() => document.getElementById(addId)?.focus());
  };
  return (
    <section className="policy">
      <h1>{t('policy.title')}</h1>
      <p className="no-print">{t('policy.intro')}</p>
      <div role="tablist" aria-label={t('policy.title')} className="tabs no-print">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={k === kind}
            aria-controls="policy-panel"
            tabIndex={k === kind ? 0 : -1}
            className={k === kind ? 'active' : 'secondary'}
            onClick={() => switchKind(k)}
            onKeyDown={onTabKey}
          >
            {t(`policy.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="policy-panel" aria-labelledby={`tab-${kind}`}>
        <form onSubmit={calculate} noValidate className="no-print">
          <div className="toolbar">
            {orgs.length > 0 ? (
              <div className="field">
                <label htmlFor="policy-org">{t('policy.organisation')}</label>
                <select id="policy-org" value={effectiveOrg} onChange={(e) => setOrgId(e.target.value)}>
                  {orgs.map(([id, name]) => (
                    <option key={id} value={id}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <p className="hint">{t('policy.noOrganisation')}</p>
            )}
            <button type="button" className="secondary" onClick={toggleJson} aria-pressed={jsonMode}>
              {jsonMode ? t('policy.modeForm') : t('policy.modeJson')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                const ex = EXAMPLES[kind]();
                setInput(ex);
                setJsonText(JSON.stringify(ex, null, 2));
                setError(null);
              }}
            >
              {t('policy.example')}
            </button>
          </div>
          <ErrorBanner error={error} />
          {notice && <Notice>{notice}</Notice>}
          {jsonMode ? (
            <div className={`field${error?.field === 'json' ? ' invalid' : ''}`}>
              <label htmlFor="f-json">{t('policy.json')}</label>
              <textarea
                id="f-json"
                rows={24}
                spellCheck={false}
                value={jsonText}
                aria-describedby="f-json-hint"
                onChange={(e) => setJsonText(e.target.value)}
              />
              <small id="f-json-hint" className="hint">
                {t('policy.jsonHint')}
              </small>
            </div>
          ) : (
            <>
              {groups.map((g) => (
                <fieldset key={g.key}>
                  <legend>{g.legend}</legend>
                  {g.fields.length > 0 && (
                    <div className="grid">
                      {g.fields.map((f) => (
                        <InputField
                          key={f.path}
                          desc={f}
                          value={getPath(input, f.path)}
                          error={error}
                          onChange={(v) => setInput(f.set ? f.set(input, v) : setPath(input, f.path, v))}
                        />
                      ))}
                    </div>
                  )}
                  {g.tables?.map((d) => (
                    <RowEditor
                      key={d.path}
                      desc={d}
                      rows={arr(getPath(input, d.path))}
                      error={error}
                      hideCaption={d.caption === g.legend}
                      onChange={(rows) => setInput(setPath(input, d.path, rows))}
                    />
                  ))}
                  {g.remove && (
                    <p>
                      <button type="button" className="secondary" onClick={() => removeItem(g.remove)}>
                        {g.remove.label}
                      </button>
                    </p>
                  )}
                </fieldset>
              ))}
              {kind === 'deduction' && (
                <p>
                  <button
                    type="button"
                    className="secondary"
                    id="policy-add-project"
                    onClick={() =>
                      setInput({
                        ...input,
                        projects: [...arr(input.projects), blankProject(nextId(arr(input.projects), 'P'))],
                      })
                    }
                  >
                    {t('policy.addProject')}
                  </button>
                </p>
              )}
              {kind === 'transfer' && (
                <p>
                  <button
                    type="button"
                    className="secondary"
                    id="policy-add-contract"
                    onClick={() =>
                      setInput({
                        ...input,
                        transfers: [
                          ...arr(input.transfers),
                          blankContract(`T${arr(input.transfers).length + 1}`),
                        ],
                      })
                    }
                  >
                    {t('policy.addContract')}
                  </button>
                </p>
              )}
            </>
          )}
          <div className="toolbar">
            <button type="submit" disabled={busy} aria-busy={busy}>
              {t('policy.calculate')}
            </button>
            {effectiveOrg && (
              <button type="button" className="secondary" onClick={save}>
                {t('policy.save')}
              </button>
            )}
          </div>
        </form>
        {result && result.kind === kind && (
          <section id="policy-result" tabIndex={-1} aria-labelledby="policy-result-h" className="result">
            <h2 id="policy-result-h">
              {t('policy.result')} — {t(`policy.tabs.${kind}`)}
            </h2>
            <p className="no-print">
              <button type="button" className="secondary" onClick={() => window.print()}>
                {t('policy.print')}
              </button>
            </p>
            <ResultView result={result} msg={msg} />
          </section>
        )}
      </div>
    </section>
  );
}

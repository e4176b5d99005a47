// Enterprise policy tools: HNTE self-check, R&D super-deduction, technology-transfer income.
// Each form edits the tool's API input (the same JSON the CLI reads); the main fields are paths
// into it, and the JSON mode shows all of it. Results are explained step by step, printable.
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import deductionExample from '../../../docs/examples/policy/deduction.json';
import hnteExample from '../../../docs/examples/policy/hnte.json';
import transferExample from '../../../docs/examples/policy/transfer.json';
import { type PolicyMessageCode, policyMessages } from '../../../src/modules/policy/policy.messages.ts';
import { api } from '../api.ts';
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

function getPath(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const k of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
function setPath(obj: Json, path: string, value: unknown): Json {
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
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);

/** The tax year a worksheet is saved under: the tool's taxYear, or the HNTE input's latest year. */
function inputYear(kind: Kind, input: Json): number {
  if (kind !== 'hnte') return Number(input.taxYear);
  const years = arr(input.years);
  return Number(years[years.length - 1]?.year);
}

// ------------------------------------------------------------------ form descriptions

type FieldDesc =
  | { path: string; label: string; type: 'text' | 'date' | 'number' }
  | { path: string; label: string; type: 'select'; options: { value: string; label: string }[] }
  | { path: string; label: string; type: 'checkbox' };
interface Group {
  key: string;
  legend: string;
  fields: FieldDesc[];
}

type T = (key: string, opts?: Record<string, unknown>) => string;
type Msg = (code: string) => string;

function hnteGroups(input: Json, t: T, msg: Msg): Group[] {
  const yearFields = (i: number): FieldDesc[] => [
    { path: `years.${i}.year`, label: t('policy.f.year'), type: 'number' },
    { path: `years.${i}.salesRevenue`, label: t('policy.f.salesRevenue'), type: 'text' },
    { path: `years.${i}.netAssetsAtYearEnd`, label: t('policy.f.netAssets'), type: 'text' },
    ...(
      [
        'personnel',
        'directInputs',
        'depreciation',
        'intangibleAmortisation',
        'design',
        'equipmentAndTrials',
        'other',
        'contractedDomestic',
        'contractedOverseas',
      ] as const
    ).map(
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
        { path: 'registrationDate', label: t('policy.f.registrationDate'), type: 'date' },
        { path: 'applicationDate', label: t('policy.f.applicationDate'), type: 'date' },
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
        key: `year-${String(y.year)}-${String(i)}`,
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
        key: `project-${String(p.id)}-${String(j)}`,
        legend: t('policy.project', { id: p.id }),
        fields: [
          ...arr(p.lines).map(
            (l, k): FieldDesc => ({
              path: `projects.${j}.lines.${k}.amount`,
              label: msg(`deduction.category.${String(l.category)}`),
              type: 'text',
            }),
          ),
          ...arr(p.contracted).map(
            (c, k): FieldDesc => ({
              path: `projects.${j}.contracted.${k}.amount`,
              label: t('policy.contracted', {
                location: t(`policy.locations.${String(c.location)}`),
                recipient: t(`policy.recipients.${String(c.recipient)}`),
              }),
              type: 'text',
            }),
          ),
        ],
      }),
    ),
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
  const cb = (path: string, label: string): FieldDesc => ({ path, label, type: 'checkbox' });
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
          cb(`transfers.${i}.registered`, t('policy.f.registered')),
          cb(`transfers.${i}.fullyOwnedRelatedParty`, t('policy.f.fullyOwnedRelatedParty')),
          cb(`transfers.${i}.exportRestricted`, t('policy.f.exportRestricted')),
        ],
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
            checked={value === true}
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
      type={desc.type === 'number' ? 'number' : desc.type === 'date' ? 'date' : 'text'}
      inputMode={desc.type === 'text' ? 'decimal' : undefined}
      value={value === undefined || value === null ? '' : String(value)}
      onChange={(e) =>
        onChange(desc.type === 'number' && e.target.value !== '' ? Number(e.target.value) : e.target.value)
      }
    />
  );
}

function StepList({ steps, msg }: { steps: Step[]; msg: Msg }) {
  const { t } = useTranslation();
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
            {t('policy.formula')}: <code>{s.formula}</code>
          </div>
          {Object.keys(s.values).length > 0 && (
            <dl className="values" aria-label={t('policy.values')}>
              {Object.entries(s.values).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
            </dl>
          )}
          <div>
            {t('policy.resultValue')}: <strong className="step-result">{s.result}</strong>
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

  // Pre-fill each tool once per organisation from its saved worksheet for last year (or the latest).
  useEffect(() => {
    const key = `${effectiveOrg}/${kind}`;
    if (!effectiveOrg || loaded.current.has(key)) return;
    loaded.current.add(key);
    api<Worksheet[]>('GET', `/api/policy/worksheets?orgId=${effectiveOrg}&kind=${kind}`)
      .then((list) => {
        const w = list.find((x) => x.taxYear === lastYear()) ?? list[0];
        if (!w) return;
        setInputs((prev) => ({ ...prev, [kind]: w.input }));
        setJsonText(JSON.stringify(w.input, null, 2));
        setNotice(t('policy.prefilled', { year: w.taxYear }));
      })
      .catch((e) => setError(toFormError(e)));
  }, [effectiveOrg, kind, t]);

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
                  <div className="grid">
                    {g.fields.map((f) => (
                      <InputField
                        key={f.path}
                        desc={f}
                        value={getPath(input, f.path)}
                        error={error}
                        onChange={(v) => setInput(setPath(input, f.path, v))}
                      />
                    ))}
                  </div>
                </fieldset>
              ))}
              {kind === 'hnte' && (
                <p className="hint">
                  {t('policy.jsonOnly', {
                    staff: String(getPath(input, 'staff.mode') ?? '—'),
                    ip: arr(input.ip).length,
                  })}
                </p>
              )}
              {kind === 'deduction' && (
                <p className="hint">{t('policy.jsonOnlyDeduction', { n: arr(input.intangibles).length })}</p>
              )}
              {kind === 'transfer' && (
                <p>
                  <button
                    type="button"
                    className="secondary"
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

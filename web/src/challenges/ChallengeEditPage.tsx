// Draft or revise a challenge (proposer): bilingual text, money in yuan, a Beijing-time
// deadline and a targets editor. Saved as a draft; submitting for vetting is on the detail page.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './eligibility.i18n.ts';
import './selection.i18n.ts';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import {
  ErrorBanner,
  Field,
  type FormErrorState,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';
import { useSession } from '../session.tsx';
import {
  fromBeijingInput,
  parseYuan,
  pick,
  splitList,
  toBeijingInput,
  toggled,
  yuanInput,
} from './format.ts';
import { type Challenge, ETHICS_CATEGORIES, type Organisation, type Target } from './types.ts';

type TargetRow = Omit<Target, 'id'>;
interface Form {
  orgId: string;
  organiserOrgId: string;
  titleZh: string;
  titleEn: string;
  statementZh: string;
  statementEn: string;
  disciplineCodes: string;
  keywords: string;
  regionCode: string;
  budgetCeiling: string;
  cofund: string;
  deadline: string;
  durationMonths: string;
  ipTerms: string;
  winnerSlots: string;
  mode: 'single' | 'multiple' | 'race';
  noticeDays: string;
  targets: TargetRow[];
  eligibleKinds: string[];
  regionPrefixes: string;
  maxTeamSize: string;
  ethicsCategories: string[];
}

const ORG_KINDS = ['enterprise', 'university', 'institute', 'agency', 'grassroots'] as const;
const ETHICS = ETHICS_CATEGORIES;
type Rule =
  | { kind: 'orgKind'; allowed: string[] }
  | { kind: 'region'; prefixes: string[] }
  | { kind: 'maxTeamSize'; max: number };

/** The editor's eligibility fields as the explicit rules the server checks (none by default). */
function rulesOf(f: Form): Rule[] {
  const rules: Rule[] = [];
  if (f.eligibleKinds.length) rules.push({ kind: 'orgKind', allowed: f.eligibleKinds });
  const prefixes = splitList(f.regionPrefixes);
  if (prefixes.length) rules.push({ kind: 'region', prefixes });
  if (f.maxTeamSize.trim()) rules.push({ kind: 'maxTeamSize', max: Number(f.maxTeamSize) });
  return rules;
}

const emptyTarget = (): TargetRow => ({
  metric: '',
  unit: '',
  comparator: 'gte',
  threshold: '',
  thresholdHigh: null,
  verification: '',
  verifier: 'proposer',
  verifierName: '',
  mandatory: true,
});

function fromChallenge(c: Challenge): Form {
  return {
    orgId: c.orgId,
    organiserOrgId: c.organiserOrgId,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    statementZh: c.statementZh,
    statementEn: c.statementEn,
    disciplineCodes: c.disciplineCodes.join(', '),
    keywords: c.keywords.join(', '),
    regionCode: c.regionCode ?? '',
    budgetCeiling: yuanInput(c.budgetCeilingFen),
    cofund: yuanInput(c.cofundFen),
    deadline: toBeijingInput(c.deadline),
    durationMonths: String(c.durationMonths),
    ipTerms: c.ipTerms,
    winnerSlots: String(c.winnerSlots),
    mode: c.mode,
    noticeDays: String(c.noticeDays),
    targets: c.targets.map(({ id: _id, ...rest }) => rest),
    eligibleKinds: (c.eligibility as Rule[]).flatMap((r) => (r.kind === 'orgKind' ? r.allowed : [])),
    regionPrefixes: (c.eligibility as Rule[])
      .flatMap((r) => (r.kind === 'region' ? r.prefixes : []))
      .join(', '),
    maxTeamSize: String((c.eligibility as Rule[]).find((r) => r.kind === 'maxTeamSize')?.max ?? ''),
    ethicsCategories: c.ethicsCategories ?? [],
  };
}

export function ChallengeEditPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const [f, setF] = useState<Form | null>(null);
  const [version, setVersion] = useState(0);
  const [agencies, setAgencies] = useState<Organisation[]>([]);
  const [orgs, setOrgs] = useState<Organisation[]>([]);
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);
  const proposerOrgs = (session?.roles ?? []).filter((r) => r.role === 'proposer');

  useEffect(() => {
    api<Organisation[]>('GET', '/api/organisations').then(
      (os) => {
        setOrgs(os);
        setAgencies(os.filter((o) => o.kind === 'agency'));
      },
      (e) => setError(toFormError(e)),
    );
  }, []);
  useEffect(() => {
    if (id) {
      api<Challenge>('GET', `/api/challenges/${id}`).then(
        (c) => {
          setF(fromChallenge(c));
          setVersion(c.version);
        },
        (e) => setError(toFormError(e)),
      );
    }
  }, [id]);
  // A new challenge starts with the first proposer organisation and agency, and one target row.
  useEffect(() => {
    if (id || f) return;
    setF({
      orgId: proposerOrgs[0]?.orgId ?? '',
      organiserOrgId: '',
      titleZh: '',
      titleEn: '',
      statementZh: '',
      statementEn: '',
      disciplineCodes: '',
      keywords: '',
      regionCode: '',
      budgetCeiling: '',
      cofund: '0',
      deadline: '',
      durationMonths: '24',
      ipTerms: '',
      winnerSlots: '1',
      mode: 'single',
      noticeDays: '5',
      targets: [emptyTarget()],
      eligibleKinds: [],
      regionPrefixes: '',
      maxTeamSize: '',
      ethicsCategories: [],
    });
  }, [id, f, proposerOrgs]);
  const hasForm = f !== null;
  useEffect(() => {
    const first = agencies[0];
    if (hasForm && first) setF((g) => (g && !g.organiserOrgId ? { ...g, organiserOrgId: first.id } : g));
  }, [hasForm, agencies]);

  // The region comes from the proposer organisation's profile (filled once); the proposer may change it.
  const orgRegion = (orgId: string) => orgs.find((o) => o.id === orgId)?.regionCode ?? '';
  const formOrg = f?.orgId ?? '';
  const knownRegion = orgRegion(formOrg);
  useEffect(() => {
    if (!id && hasForm && knownRegion)
      setF((g) => (g && !g.regionCode ? { ...g, regionCode: knownRegion } : g));
  }, [id, hasForm, knownRegion]);

  if (!session?.person) return <Navigate to="/login" />;
  if (!proposerOrgs.length) return <p>{t('challenges.noProposerRole')}</p>;
  if (!f) return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;

  // Functional updates: a change never overwrites another that landed since the last render.
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((g) => g && { ...g, [k]: v });
  const setTarget = (i: number, patch: Partial<TargetRow>) =>
    setF((g) => g && { ...g, targets: g.targets.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const err = (field: string): FormErrorState => ({
    code: 'VALIDATION',
    message: t('challenges.yuanInvalid'),
    field,
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const budgetCeilingFen = parseYuan(f.budgetCeiling);
    if (budgetCeilingFen === null) return setError(err('budgetCeilingFen'));
    const cofundFen = parseYuan(f.cofund || '0');
    if (cofundFen === null) return setError(err('cofundFen'));
    const body = {
      orgId: f.orgId,
      organiserOrgId: f.organiserOrgId,
      titleZh: f.titleZh,
      titleEn: f.titleEn,
      statementZh: f.statementZh,
      statementEn: f.statementEn,
      disciplineCodes: splitList(f.disciplineCodes),
      keywords: splitList(f.keywords),
      regionCode: f.regionCode.trim() || null,
      budgetCeilingFen,
      cofundFen,
      deadline: fromBeijingInput(f.deadline),
      durationMonths: Number(f.durationMonths),
      ipTerms: f.ipTerms,
      winnerSlots: Number(f.winnerSlots),
      mode: f.mode,
      noticeDays: Number(f.noticeDays),
      eligibility: rulesOf(f),
      ethicsCategories: f.ethicsCategories,
      targets: f.targets.map((x) => ({
        ...x,
        thresholdHigh: x.comparator === 'range' ? x.thresholdHigh || null : null,
      })),
    };
    setBusy(true);
    try {
      const saved = id
        ? await api<Challenge>('PUT', `/api/challenges/${id}`, { version, challenge: body })
        : await api<Challenge>('POST', '/api/challenges', body);
      navigate(`/challenges/${saved.id}`);
    } catch (ex) {
      const fe = toFormError(ex);
      // An edit nests the challenge under "challenge"; the fields are named the same.
      setError(fe.field?.startsWith('challenge.') ? { ...fe, field: fe.field.slice(10) } : fe);
    } finally {
      setBusy(false);
    }
  };
  const list = (name: string) => (error?.field?.startsWith(`${name}.`) ? { ...error, field: name } : error);

  return (
    <section>
      <p>
        <Link to={id ? `/challenges/${id}` : '/challenges/mine'}>← {t('common.back')}</Link>
      </p>
      <h1>{id ? t('challenges.editTitle') : t('challenges.newTitle')}</h1>
      <p>{t('challenges.editorIntro')}</p>
      <ErrorBanner error={error} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('challenges.basics')}</legend>
          <div className="grid">
            <SelectField
              label={t('challenges.orgId')}
              name="orgId"
              value={f.orgId}
              disabled={!!id}
              onChange={(e) => {
                const next = e.target.value;
                // Follow the organisation's region unless the proposer typed another one.
                setF(
                  (g) =>
                    g && {
                      ...g,
                      orgId: next,
                      regionCode:
                        !g.regionCode || g.regionCode === orgRegion(g.orgId) ? orgRegion(next) : g.regionCode,
                    },
                );
              }}
              error={error}
              options={proposerOrgs.map((r) => ({ value: r.orgId, label: r.orgName }))}
            />
            <SelectField
              label={t('challenges.organiserOrgId')}
              name="organiserOrgId"
              value={f.organiserOrgId}
              onChange={(e) => set('organiserOrgId', e.target.value)}
              error={error}
              options={agencies.map((o) => ({ value: o.id, label: pick(i18n.language, o.nameZh, o.nameEn) }))}
            />
            <Field
              label={t('challenges.titleZh')}
              name="titleZh"
              value={f.titleZh}
              onChange={(e) => set('titleZh', e.target.value)}
              error={error}
            />
            <Field
              label={t('challenges.titleEn')}
              name="titleEn"
              lang="en"
              value={f.titleEn}
              onChange={(e) => set('titleEn', e.target.value)}
              error={error}
            />
          </div>
          <TextAreaField
            label={t('challenges.statementZh')}
            name="statementZh"
            rows={5}
            value={f.statementZh}
            onChange={(e) => set('statementZh', e.target.value)}
            error={error}
          />
          <TextAreaField
            label={t('challenges.statementEn')}
            name="statementEn"
            lang="en"
            rows={5}
            value={f.statementEn}
            onChange={(e) => set('statementEn', e.target.value)}
            error={error}
          />
          <div className="grid">
            <Field
              label={t('challenges.disciplineCodes')}
              name="disciplineCodes"
              hint={t('challenges.listHint')}
              value={f.disciplineCodes}
              onChange={(e) => set('disciplineCodes', e.target.value)}
              error={list('disciplineCodes')}
            />
            <Field
              label={t('challenges.keywords')}
              name="keywords"
              hint={t('challenges.listHint')}
              value={f.keywords}
              onChange={(e) => set('keywords', e.target.value)}
              error={list('keywords')}
            />
            <Field
              label={t('challenges.regionCode')}
              name="regionCode"
              inputMode="numeric"
              value={f.regionCode}
              hint={
                f.regionCode && f.regionCode === orgRegion(f.orgId)
                  ? t('selection.regionFromProfile')
                  : undefined
              }
              onChange={(e) => set('regionCode', e.target.value)}
              error={error}
            />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('challenges.targets')}</legend>
          {f.targets.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <fieldset className="row-group" key={i}>
              <legend>{t('challenges.targetN', { n: i + 1 })}</legend>
              <div className="row">
                <Field
                  label={t('challenges.metric')}
                  name={`targets.${i}.metric`}
                  value={x.metric}
                  onChange={(e) => setTarget(i, { metric: e.target.value })}
                  error={error}
                />
                <SelectField
                  label={t('challenges.comparator')}
                  name={`targets.${i}.comparator`}
                  value={x.comparator}
                  onChange={(e) => setTarget(i, { comparator: e.target.value as Target['comparator'] })}
                  error={error}
                  options={(['gte', 'lte', 'eq', 'range'] as const).map((c) => ({
                    value: c,
                    label: t(`challenges.comparators.${c}`),
                  }))}
                />
                <Field
                  label={t('challenges.threshold')}
                  name={`targets.${i}.threshold`}
                  inputMode="decimal"
                  value={x.threshold}
                  onChange={(e) => setTarget(i, { threshold: e.target.value })}
                  error={error}
                />
                {x.comparator === 'range' && (
                  <Field
                    label={t('challenges.thresholdHigh')}
                    name={`targets.${i}.thresholdHigh`}
                    inputMode="decimal"
                    value={x.thresholdHigh ?? ''}
                    onChange={(e) => setTarget(i, { thresholdHigh: e.target.value })}
                    error={error}
                  />
                )}
                <Field
                  label={t('challenges.unit')}
                  name={`targets.${i}.unit`}
                  value={x.unit}
                  onChange={(e) => setTarget(i, { unit: e.target.value })}
                  error={error}
                />
                <Field
                  label={t('challenges.verification')}
                  name={`targets.${i}.verification`}
                  value={x.verification}
                  onChange={(e) => setTarget(i, { verification: e.target.value })}
                  error={error}
                />
                <SelectField
                  label={t('challenges.verifier')}
                  name={`targets.${i}.verifier`}
                  value={x.verifier}
                  onChange={(e) => setTarget(i, { verifier: e.target.value as Target['verifier'] })}
                  error={error}
                  options={(['proposer', 'lab', 'panel'] as const).map((v) => ({
                    value: v,
                    label: t(`challenges.verifiers.${v}`),
                  }))}
                />
                {x.verifier !== 'proposer' && (
                  <Field
                    label={t('challenges.verifierName')}
                    name={`targets.${i}.verifierName`}
                    value={x.verifierName}
                    onChange={(e) => setTarget(i, { verifierName: e.target.value })}
                    error={error}
                  />
                )}
                <div className="field check">
                  <label>
                    <input
                      type="checkbox"
                      checked={x.mandatory}
                      onChange={(e) => setTarget(i, { mandatory: e.target.checked })}
                    />{' '}
                    {t('challenges.mandatory')}
                  </label>
                </div>
                <button
                  type="button"
                  className="secondary"
                  disabled={f.targets.length === 1}
                  onClick={() =>
                    set(
                      'targets',
                      f.targets.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('challenges.removeTarget', { n: i + 1 })}
                </button>
              </div>
            </fieldset>
          ))}
          {error?.field === 'targets' && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => setF((g) => g && { ...g, targets: [...g.targets, emptyTarget()] })}
          >
            {t('challenges.addTarget')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('challenges.money')}</legend>
          <div className="grid">
            <Field
              label={t('challenges.budgetCeiling')}
              name="budgetCeilingFen"
              inputMode="decimal"
              value={f.budgetCeiling}
              onChange={(e) => set('budgetCeiling', e.target.value)}
              error={error}
            />
            <Field
              label={t('challenges.cofund')}
              name="cofundFen"
              inputMode="decimal"
              value={f.cofund}
              onChange={(e) => set('cofund', e.target.value)}
              error={error}
            />
            <Field
              label={t('challenges.deadline')}
              name="deadline"
              type="datetime-local"
              value={f.deadline}
              onChange={(e) => set('deadline', e.target.value)}
              error={error}
            />
            <Field
              label={t('challenges.duration')}
              name="durationMonths"
              type="number"
              min={1}
              max={120}
              value={f.durationMonths}
              onChange={(e) => set('durationMonths', e.target.value)}
              error={error}
            />
          </div>
          <TextAreaField
            label={t('challenges.ipTerms')}
            name="ipTerms"
            rows={3}
            value={f.ipTerms}
            onChange={(e) => set('ipTerms', e.target.value)}
            error={error}
          />
        </fieldset>

        <fieldset>
          <legend>{t('challenges.selection')}</legend>
          <div className="grid">
            <SelectField
              label={t('challenges.mode')}
              name="mode"
              value={f.mode}
              onChange={(e) => {
                const mode = e.target.value as Form['mode'];
                setF((g) => g && { ...g, mode, winnerSlots: mode === 'single' ? '1' : g.winnerSlots });
              }}
              error={error}
              options={(['single', 'multiple', 'race'] as const).map((m) => ({
                value: m,
                label: t(`challenges.modes.${m}`),
              }))}
            />
            <Field
              label={t('challenges.winnerSlots')}
              name="winnerSlots"
              type="number"
              min={1}
              max={20}
              value={f.winnerSlots}
              disabled={f.mode === 'single'}
              onChange={(e) => set('winnerSlots', e.target.value)}
              error={error}
            />
            <Field
              label={t('challenges.noticeDays')}
              name="noticeDays"
              type="number"
              min={1}
              max={30}
              value={f.noticeDays}
              onChange={(e) => set('noticeDays', e.target.value)}
              error={error}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('eligibilityForm.title')}</legend>
          <p className="hint">{t('eligibilityForm.intro')}</p>
          <fieldset className="checks">
            <legend>{t('eligibilityForm.kinds')}</legend>
            {ORG_KINDS.map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={f.eligibleKinds.includes(k)}
                  onChange={(e) => set('eligibleKinds', toggled(f.eligibleKinds, k, e.target.checked))}
                />{' '}
                {t(`orgs.kinds.${k}`)}
              </label>
            ))}
          </fieldset>
          <div className="grid">
            <Field
              label={t('eligibilityForm.regions')}
              name="eligibility"
              value={f.regionPrefixes}
              onChange={(e) => set('regionPrefixes', e.target.value)}
              error={error}
            />
            <Field
              label={t('eligibilityForm.maxTeam')}
              name="maxTeamSize"
              type="number"
              min={1}
              value={f.maxTeamSize}
              onChange={(e) => set('maxTeamSize', e.target.value)}
              error={error}
            />
          </div>
          <fieldset className="checks">
            <legend>{t('eligibilityForm.ethics')}</legend>
            {ETHICS.map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={f.ethicsCategories.includes(k)}
                  onChange={(e) => set('ethicsCategories', toggled(f.ethicsCategories, k, e.target.checked))}
                />{' '}
                {t(`eligibilityForm.categories.${k}`)}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('challenges.save')}
        </button>
      </form>
    </section>
  );
}

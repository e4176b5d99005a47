// The bid editor (揭榜): pre-filled from the profile; team, technical route, milestones with the
// target values each reaches, budget within the ceiling, the pledge (军令状). A new bid is sent
// with one Idempotency-Key for the life of the form, so a double click never makes two bids.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { recordBurden, useBurdenMeter } from '../funding/burden.ts';
import { useSession } from '../session.tsx';
import './eligibility.i18n.ts';
import { newKey, parseYuan, pick, requirement, toggled, yuan, yuanInput } from './format.ts';
import './selection.i18n.ts';
import {
  type Bid,
  type BidListItem,
  type Challenge,
  ETHICS_CATEGORIES,
  type Milestone,
  type PublicPerson,
} from './types.ts';

const BURDEN_FIELDS = ['hostOrgId', 'technicalRoute', 'budget', 'commitments', 'consequences'] as const;
const BURDEN_PREFILLED = ['hostOrgId'] as const;

interface Profile {
  id: string;
  nameZh: string;
  nameEn: string;
  title: string;
  employment: { orgId: string | null; endDate: string | null }[];
}
interface Member {
  personId: string;
  role: string;
  name?: string;
}
interface Form {
  hostOrgId: string;
  technicalRoute: string;
  budget: string;
  milestones: Milestone[];
  commitments: string;
  consequences: string;
  members: Member[];
  ethicsCategories: string[];
}

const emptyMilestone = (): Milestone => ({ title: '', due: '', deliverables: '', targetValues: {} });

export function BidEditPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const navigate = useNavigate();
  const key = useRef(newKey());
  const [c, setC] = useState<Challenge | null>(null);
  const [me, setMe] = useState<Profile | null>(null);
  const [existing, setExisting] = useState<Bid | null>(null);
  const [f, setF] = useState<Form | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);
  // Burden meter: the host is pre-filled from the profile; everything else is typed by hand.
  const meter = useBurdenMeter(BURDEN_FIELDS, BURDEN_PREFILLED);
  const lang = i18n.language;
  const solverOrgs = (session?.roles ?? []).filter((r) => r.role === 'solver');

  useEffect(() => {
    if (!session?.person) return;
    const solverIds = new Set(session.roles.filter((r) => r.role === 'solver').map((r) => r.orgId));
    (async () => {
      const [challenge, profile, mine] = await Promise.all([
        api<Challenge>('GET', `/api/challenges/${id}`),
        api<Profile>('GET', '/api/profile'),
        api<{ items: BidListItem[] }>('GET', `/api/challenges/${id}/bids?pageSize=200`).then((r) => r.items),
      ]);
      setC(challenge);
      setMe(profile);
      const open = mine.find((b) => b.state === 'draft' || b.state === 'submitted');
      if (open) {
        const b = await api<Bid>('GET', `/api/bids/${open.id}`);
        setExisting(b);
        setF({
          hostOrgId: b.hostOrgId,
          technicalRoute: b.technicalRoute,
          budget: yuanInput(b.budgetFen),
          milestones: b.milestones,
          commitments: b.pledge.commitments,
          consequences: b.pledge.consequences,
          members: b.members.map((m) => ({ personId: m.personId, role: m.role, name: m.name })),
          ethicsCategories: [
            ...new Set([...(challenge.ethicsCategories ?? []), ...(b.ethicsCategories ?? [])]),
          ],
        });
        return;
      }
      // Pre-fill: the host is the current employer when the person is a solver there.
      const current = profile.employment.find((e) => !e.endDate && e.orgId && solverIds.has(e.orgId));
      setF({
        hostOrgId: current?.orgId ?? [...solverIds][0] ?? '',
        technicalRoute: '',
        budget: '',
        milestones: [emptyMilestone()],
        commitments: '',
        consequences: '',
        members: [],
        // The challenge says which ethics categories the work involves: declared from the start.
        ethicsCategories: challenge.ethicsCategories ?? [],
      });
    })().catch((e) => setError(toFormError(e)));
  }, [id, session]);

  if (!session?.person) return <Navigate to="/login" />;
  if (!solverOrgs.length) return <p>{t('bids.noSolverRole')}</p>;
  if (!c || !f || !me)
    return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;
  if (c.state !== 'published')
    return (
      <p>
        {t('bids.closed')} <Link to={`/challenges/${c.id}`}>{t('common.back')}</Link>
      </p>
    );

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF({ ...f, [k]: v });
  const setMilestone = (i: number, patch: Partial<Milestone>) =>
    set(
      'milestones',
      f.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    );
  const setMember = (i: number, patch: Partial<Member>) =>
    set(
      'members',
      f.members.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    );
  const addMember = (p: PublicPerson) =>
    set('members', [...f.members, { personId: p.id, role: '', name: pick(lang, p.nameZh, p.nameEn) }]);
  const required = new Set(c.ethicsCategories ?? []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    const budgetFen = parseYuan(f.budget);
    if (budgetFen === null)
      return setError({ code: 'VALIDATION', field: 'budgetFen', message: t('challenges.yuanInvalid') });
    if (budgetFen > c.budgetCeilingFen)
      return setError({
        code: 'VALIDATION',
        field: 'budgetFen',
        message: t('challenges.overCeiling', { ceiling: yuan(c.budgetCeilingFen) }),
      });
    const body = {
      hostOrgId: f.hostOrgId,
      technicalRoute: f.technicalRoute,
      budgetFen,
      milestones: f.milestones.map((m) => ({
        ...m,
        // Blank target values are "not reached at this milestone", not zero.
        targetValues: Object.fromEntries(Object.entries(m.targetValues).filter(([, v]) => v.trim() !== '')),
      })),
      pledge: { commitments: f.commitments, consequences: f.consequences },
      members: f.members.map((m) => ({ personId: m.personId.trim(), role: m.role })),
      ethicsCategories: f.ethicsCategories,
    };
    setBusy(true);
    try {
      const saved = existing
        ? await api<Bid>('PUT', `/api/bids/${existing.id}`, { version: existing.version, bid: body })
        : await api<Bid>('POST', `/api/challenges/${c.id}/bids`, body, { 'idempotency-key': key.current });
      if (!existing)
        await recordBurden('bid', c.id, {
          ...meter.report(),
          fieldsTotal: BURDEN_FIELDS.length + 4 * f.milestones.length + 2 * f.members.length,
        });
      navigate(`/bids/${saved.id}`);
    } catch (ex) {
      const fe = toFormError(ex);
      setError(fe.field?.startsWith('bid.') ? { ...fe, field: fe.field.slice(4) } : fe);
      setBusy(false);
    }
  };

  return (
    <section>
      <p>
        <Link to={`/challenges/${c.id}`}>← {pick(lang, c.titleZh, c.titleEn)}</Link>
      </p>
      <h1>{t('bids.editorTitle', { title: pick(lang, c.titleZh, c.titleEn) })}</h1>
      <p>{t('bids.editorIntro')}</p>
      {existing && <p className="banner ok">{t('bids.existing')}</p>}
      <ErrorBanner error={error} />
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('bids.team')}</legend>
          <p>{t('bids.commanderIs', { name: pick(lang, me.nameZh, me.nameEn), title: me.title || '—' })}</p>
          <SelectField
            label={t('bids.hostOrgId')}
            name="hostOrgId"
            value={f.hostOrgId}
            disabled={!!existing}
            onChange={(e) => {
              meter.touch('hostOrgId');
              set('hostOrgId', e.target.value);
            }}
            error={error}
            options={solverOrgs.map((r) => ({ value: r.orgId, label: r.orgName }))}
          />
          <fieldset className="row-group">
            <legend>{t('bids.members')}</legend>
            <p className="hint">{t('selection.membersHint')}</p>
            {f.members.map((m, i) => (
              <div className="row" key={m.personId}>
                <p className="grow">
                  <strong>{m.name || m.personId}</strong>
                </p>
                <Field
                  label={t('selection.memberRoleOf', { name: m.name || i + 1 })}
                  name={`members.${i}.role`}
                  value={m.role}
                  onChange={(e) => setMember(i, { role: e.target.value })}
                  error={error}
                />
                <button
                  type="button"
                  className="secondary"
                  onClick={() =>
                    set(
                      'members',
                      f.members.filter((_, j) => j !== i),
                    )
                  }
                >
                  {t('selection.removeMemberNamed', { name: m.name || i + 1 })}
                </button>
              </div>
            ))}
            {error?.field === 'members' && (
              <p className="error" role="alert">
                {error.message}
              </p>
            )}
            <PeoplePicker
              exclude={new Set([me.id, ...f.members.map((m) => m.personId)])}
              onPick={addMember}
            />
          </fieldset>
        </fieldset>

        {(c.ethicsCategories?.length ?? 0) > 0 || f.ethicsCategories.length > 0 ? (
          <fieldset className="checks">
            <legend>{t('selection.ethicsLegend')}</legend>
            <p className="hint">{t('selection.ethicsHint')}</p>
            {ETHICS_CATEGORIES.map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  name="ethicsCategories"
                  value={k}
                  checked={f.ethicsCategories.includes(k)}
                  // What the challenge involves must be declared; more may be added.
                  disabled={required.has(k)}
                  onChange={(e) => set('ethicsCategories', toggled(f.ethicsCategories, k, e.target.checked))}
                />{' '}
                {t(`eligibilityForm.categories.${k}`)}
                {required.has(k) ? ` (${t('selection.requiredByChallenge')})` : ''}
              </label>
            ))}
            {error?.field === 'ethicsCategories' && (
              <p className="error" role="alert">
                {error.message}
              </p>
            )}
          </fieldset>
        ) : null}

        <fieldset>
          <legend>{t('bids.technicalRoute')}</legend>
          <TextAreaField
            label={t('bids.technicalRoute')}
            name="technicalRoute"
            rows={6}
            value={f.technicalRoute}
            onChange={(e) => set('technicalRoute', e.target.value)}
            error={error}
          />
        </fieldset>

        <fieldset>
          <legend>{t('bids.milestones')}</legend>
          {f.milestones.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <fieldset className="row-group" key={i}>
              <legend>{t('bids.milestoneN', { n: i + 1 })}</legend>
              <div className="row">
                <Field
                  label={t('bids.milestoneTitle')}
                  name={`milestones.${i}.title`}
                  value={m.title}
                  onChange={(e) => setMilestone(i, { title: e.target.value })}
                  error={error}
                />
                <Field
                  label={t('bids.due')}
                  name={`milestones.${i}.due`}
                  type="date"
                  value={m.due}
                  onChange={(e) => setMilestone(i, { due: e.target.value })}
                  error={error}
                />
              </div>
              <TextAreaField
                label={t('bids.deliverables')}
                name={`milestones.${i}.deliverables`}
                rows={2}
                value={m.deliverables}
                onChange={(e) => setMilestone(i, { deliverables: e.target.value })}
                error={error}
              />
              <div className="row">
                {c.targets.map((x) => (
                  <Field
                    key={x.id}
                    label={t('bids.targetValue', { metric: x.metric, req: requirement(x) })}
                    name={`milestones.${i}.targetValues.${x.id}`}
                    inputMode="decimal"
                    value={m.targetValues[x.id] ?? ''}
                    onChange={(e) =>
                      setMilestone(i, { targetValues: { ...m.targetValues, [x.id]: e.target.value } })
                    }
                    error={error}
                  />
                ))}
              </div>
              <button
                type="button"
                className="secondary"
                disabled={f.milestones.length === 1}
                onClick={() =>
                  set(
                    'milestones',
                    f.milestones.filter((_, j) => j !== i),
                  )
                }
              >
                {t('bids.removeMilestone', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() => set('milestones', [...f.milestones, emptyMilestone()])}
          >
            {t('bids.addMilestone')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('bids.budget')}</legend>
          <Field
            label={t('bids.budget')}
            name="budgetFen"
            inputMode="decimal"
            value={f.budget}
            hint={t('bids.budgetHint', { ceiling: yuan(c.budgetCeilingFen) })}
            onChange={(e) => set('budget', e.target.value)}
            error={error}
          />
        </fieldset>

        <fieldset>
          <legend>{t('bids.pledge')}</legend>
          <TextAreaField
            label={t('bids.commitments')}
            name="pledge.commitments"
            rows={3}
            value={f.commitments}
            onChange={(e) => set('commitments', e.target.value)}
            error={error}
          />
          <TextAreaField
            label={t('bids.consequences')}
            name="pledge.consequences"
            rows={3}
            value={f.consequences}
            onChange={(e) => set('consequences', e.target.value)}
            error={error}
          />
        </fieldset>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('bids.save')}
        </button>
      </form>
    </section>
  );
}

/** Find a person by name or exact email and add them to the team; keyboard: type, Enter, Tab to a result. */
function PeoplePicker({ exclude, onPick }: { exclude: Set<string>; onPick: (p: PublicPerson) => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PublicPerson[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const search = async () => {
    setError(null);
    try {
      setFound(await api<PublicPerson[]>('GET', `/api/people?q=${encodeURIComponent(q.trim())}`));
    } catch (e) {
      setFound(null);
      setError(toFormError(e));
    }
  };
  const shown = (found ?? []).filter((p) => !exclude.has(p.id));
  return (
    <div className="picker">
      {error && error.field !== 'q' && <ErrorBanner error={error} />}
      <div className="toolbar">
        <Field
          label={t('selection.findPerson')}
          name="q"
          type="search"
          value={q}
          hint={t('selection.findPersonHint')}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // Enter searches here; it must not submit the whole bid.
            if (e.key === 'Enter') {
              e.preventDefault();
              void search();
            }
          }}
          error={error}
        />
        <button type="button" className="secondary" onClick={() => void search()}>
          {t('selection.search')}
        </button>
      </div>
      {found !== null && (
        <div aria-live="polite">
          {shown.length === 0 ? (
            <p>{t('selection.nobodyFound')}</p>
          ) : (
            <ul className="plain">
              {shown.map((p) => (
                <li key={p.id}>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      onPick(p);
                      setFound(null);
                      setQ('');
                    }}
                  >
                    {t('selection.addPerson', { name: pick(i18n.language, p.nameZh, p.nameEn) })}
                  </button>{' '}
                  <span className="muted">{[p.title, p.currentOrg].filter(Boolean).join(' · ')}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

// The integrity officer's desk: duplicate-submission flags side by side with the overlapping
// passages marked, decisions on them, and integrity records with sanctions. Subjects who are
// not officers see only their own records.
import './i18n.ts';
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api } from '../api.ts';
import {
  ErrorBanner,
  Field,
  type FormErrorState,
  Notice,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';
import { useSession } from '../session.tsx';
import { type RecordRow, RecordsTable } from './RecordsTable.tsx';
import { FINDINGS, type Referral, Referrals, SEVERITIES } from './Referrals.tsx';

interface Span {
  start: number;
  end: number;
}
interface Side {
  type: 'challenge' | 'bid' | 'report';
  id: string;
  challengeId: string | null;
  commanderId: string | null;
  /** The commander of a bid or report; the proposer who drafted a challenge. */
  authorId: string | null;
  text: string;
  spans: Span[];
}
interface Flag {
  id: string;
  similarity: number;
  state: string;
  a: Side;
  b: Side;
}

const BLOCKS = ['bid', 'review', 'funds'] as const;

/** The text with its overlapping passages wrapped in <mark>. */
function Marked({ text, spans }: { text: string; spans: Span[] }) {
  const out: ReactNode[] = [];
  let at = 0;
  for (const s of [...spans].sort((x, y) => x.start - y.start)) {
    if (s.start > at) out.push(text.slice(at, s.start));
    out.push(<mark key={s.start}>{text.slice(Math.max(s.start, at), s.end)}</mark>);
    at = Math.max(at, s.end);
  }
  out.push(text.slice(at));
  return <p className="dup-text">{out}</p>;
}

export function IntegrityPage() {
  const { t } = useTranslation();
  const { session } = useSession();
  // The officer's desk: integrity officers and the platform admin, not an organisation's admin.
  const officer = !!session?.roles.some(
    (r) => r.role === 'integrity_officer' || (r.role === 'admin' && r.orgKind === 'platform'),
  );
  const [flags, setFlags] = useState<Flag[]>([]);
  const [referrals, setReferrals] = useState<Referral[]>([]);
  const [records, setRecords] = useState<RecordRow[]>([]);
  const [error, setError] = useState<FormErrorState>(null);
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [subject, setSubject] = useState('');
  const [withSanction, setWithSanction] = useState(true);
  const [saved, setSaved] = useState(false);

  const load = useCallback(async () => {
    setRecords((await api<{ items: RecordRow[] }>('GET', '/api/integrity/records?pageSize=200')).items);
    if (officer) {
      setFlags(await api<Flag[]>('GET', '/api/integrity/duplicates?state=open'));
      setReferrals(await api<Referral[]>('GET', '/api/integrity/referrals?state=open'));
    }
  }, [officer]);
  useEffect(() => {
    if (session?.person) load().catch((e) => setError(toFormError(e)));
  }, [load, session?.person]);

  if (!session?.person) return <Navigate to="/login" />;

  const decide = async (id: string, decision: 'confirmed' | 'dismissed') => {
    setError(null);
    try {
      await api('POST', `/api/integrity/duplicates/${id}/decision`, { decision, note: notes[id] ?? '' });
      await load();
    } catch (e) {
      setError({ ...toFormError(e), field: toFormError(e).field ? `note-${id}` : undefined });
    }
  };

  const record = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    setSaved(false);
    try {
      await api('POST', '/api/integrity/records', {
        subjectPersonId: String(f.get('subjectPersonId') ?? '').trim() || null,
        subjectOrgId: String(f.get('subjectOrgId') ?? '').trim() || null,
        findingType: f.get('findingType'),
        severity: f.get('severity'),
        evidence: f.get('evidence'),
        decision: f.get('decision'),
        sanction: withSanction
          ? {
              blocks: BLOCKS.filter((b) => f.get(`block-${b}`) === 'on'),
              startsOn: f.get('sanction.startsOn'),
              endsOn: f.get('sanction.endsOn'),
            }
          : null,
      });
      setSaved(true);
      await load();
    } catch (err) {
      setError(toFormError(err));
    }
  };

  return (
    <section>
      <h1>{t('integrity.title')}</h1>
      <ErrorBanner error={error} />
      {officer && (
        <>
          <Referrals referrals={referrals} onDone={load} />
          <h2>{t('integrity.duplicates')}</h2>
          {flags.length === 0 && <p>{t('integrity.noFlags')}</p>}
          {flags.map((f) => (
            <article
              key={f.id}
              className="dup"
              aria-label={t('integrity.similarity', { pct: Math.round(f.similarity * 100) })}
            >
              <h3>{t('integrity.similarity', { pct: Math.round(f.similarity * 100) })}</h3>
              <div className="dup-sides">
                {[f.a, f.b].map((side) => (
                  <div key={side.id}>
                    <h4>
                      {t(`integrity.kinds.${side.type}`, { id: side.id.slice(0, 8) })}{' '}
                      {side.challengeId && (
                        <Link to={`/challenges/${side.challengeId}`}>{t('integrity.open')}</Link>
                      )}
                    </h4>
                    <Marked text={side.text} spans={side.spans} />
                    {side.authorId && (
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => setSubject(side.authorId ?? '')}
                      >
                        {t(
                          side.type === 'challenge'
                            ? 'integrity.recordAgainstProposer'
                            : 'integrity.recordAgainst',
                        )}
                      </button>
                    )}
                  </div>
                ))}
              </div>
              <Field
                label={t('integrity.note')}
                name={`note-${f.id}`}
                value={notes[f.id] ?? ''}
                onChange={(e) => setNotes({ ...notes, [f.id]: e.target.value })}
                error={error}
              />
              <div className="actions">
                <button type="button" onClick={() => decide(f.id, 'confirmed')}>
                  {t('integrity.confirm')}
                </button>
                <button type="button" className="secondary" onClick={() => decide(f.id, 'dismissed')}>
                  {t('integrity.dismiss')}
                </button>
              </div>
            </article>
          ))}

          <h2>{t('integrity.newRecord')}</h2>
          {saved && <Notice>{t('integrity.saved')}</Notice>}
          <form onSubmit={record} noValidate>
            <div className="grid">
              <Field
                label={t('integrity.subjectPersonId')}
                name="subjectPersonId"
                value={subject}
                onChange={(e) => setSubject(e.target.value)}
                error={error}
              />
              <Field
                label={t('integrity.subjectOrgId')}
                name="subjectOrgId"
                hint={t('integrity.subjectHint')}
                error={error}
              />
              <SelectField
                label={t('integrity.findingType')}
                name="findingType"
                error={error}
                options={FINDINGS.map((x) => ({ value: x, label: t(`integrity.findings.${x}`) }))}
              />
              <SelectField
                label={t('integrity.severity')}
                name="severity"
                error={error}
                options={SEVERITIES.map((x) => ({ value: x, label: t(`integrity.severities.${x}`) }))}
              />
            </div>
            <TextAreaField label={t('integrity.evidence')} name="evidence" rows={3} error={error} />
            <TextAreaField label={t('integrity.decision')} name="decision" rows={2} error={error} />
            <fieldset>
              <legend>
                <label>
                  <input
                    type="checkbox"
                    checked={withSanction}
                    onChange={(e) => setWithSanction(e.target.checked)}
                  />{' '}
                  {t('integrity.withSanction')}
                </label>
              </legend>
              {withSanction && (
                <div className="grid">
                  <div className="field">
                    <span>{t('integrity.blocks')}</span>
                    {BLOCKS.map((b) => (
                      <label key={b}>
                        <input type="checkbox" name={`block-${b}`} defaultChecked={b === 'bid'} />{' '}
                        {t(`integrity.blockNames.${b}`)}
                      </label>
                    ))}
                  </div>
                  <Field label={t('integrity.startsOn')} name="sanction.startsOn" type="date" error={error} />
                  <Field label={t('integrity.endsOn')} name="sanction.endsOn" type="date" error={error} />
                </div>
              )}
            </fieldset>
            <button type="submit">{t('integrity.save')}</button>
          </form>
        </>
      )}

      <h2>{t('integrity.records')}</h2>
      <RecordsTable records={records} session={session} officer={officer} onDone={load} />
    </section>
  );
}

// Ethics review: committee members vote on the reviews sent to them; organizers set up
// committees and send bids that declare ethics categories; commanders follow their review.
import './i18n.ts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, SelectField, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';

interface Review {
  id: string;
  bidId: string;
  categories: string[];
  state: string;
  conditions: string;
  dueAt: string;
  overdue: boolean;
  daysOverdue: number;
  votesCast: number;
  member: boolean;
  votes: { memberId: string; vote: string; comment: string }[];
  procedure: 'standard' | 'emergency';
  emergencyReason: string;
  extension: { days: number; reason: string; by: { nameZh: string; nameEn: string } } | null;
  canExtend: boolean;
}
interface Committee {
  id: string;
  name: string;
}

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' });

function VoteForm({ review, onDone }: { review: Review; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<FormErrorState>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      await api('POST', `/api/ethics/reviews/${review.id}/votes`, {
        vote: f.get('vote'),
        comment: f.get('comment'),
      });
      onDone();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  return (
    <form onSubmit={submit} className="grid">
      <ErrorBanner error={error} />
      <SelectField
        label={t('ethics.vote')}
        name="vote"
        error={error}
        options={(['approve', 'conditions', 'reject'] as const).map((v) => ({
          value: v,
          label: t(`ethics.votesNames.${v}`),
        }))}
      />
      <Field label={t('ethics.comment')} name="comment" error={error} />
      <div>
        <button type="submit">{t('ethics.send')}</button>
      </div>
    </form>
  );
}

/** The one extension the regulation allows: days (at most 30) and the reason, before the date passes. */
function ExtendForm({ review, onDone }: { review: Review; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<FormErrorState>(null);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      await api('POST', `/api/ethics/reviews/${review.id}/extension`, {
        days: Number(f.get('days')),
        reason: f.get('reason'),
      });
      onDone();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  return (
    <form onSubmit={submit} className="grid">
      <ErrorBanner error={error} />
      <Field label={t('ethics.extendDays')} name="days" type="number" min={1} max={30} error={error} />
      <Field label={t('ethics.extendReason')} name="reason" error={error} />
      <div>
        <button type="submit">{t('ethics.extend')}</button>
      </div>
    </form>
  );
}

export function EthicsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [reviews, setReviews] = useState<Review[]>([]);
  const [committees, setCommittees] = useState<Committee[]>([]);
  const [error, setError] = useState<FormErrorState>(null);
  const [created, setCreated] = useState(false);
  const organizerOrgs = (session?.roles ?? []).filter((r) => r.role === 'organizer' || r.role === 'admin');

  const load = useCallback(async () => {
    setReviews(await api<Review[]>('GET', '/api/ethics/reviews'));
    setCommittees(await api<Committee[]>('GET', '/api/ethics/committees'));
  }, []);
  useEffect(() => {
    if (session?.person) load().catch((e) => setError(toFormError(e)));
  }, [load, session?.person]);
  if (!session?.person) return <Navigate to="/login" />;
  const me = session.person.id;

  const openReview = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      await api('POST', `/api/bids/${String(f.get('bidId')).trim()}/ethics-review`, {
        committeeId: f.get('committeeId'),
        procedure: f.get('procedure'),
        emergencyReason: f.get('emergencyReason') ?? '',
      });
      await load();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const createCommittee = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    setCreated(false);
    try {
      await api('POST', '/api/ethics/committees', {
        orgId: f.get('orgId'),
        name: f.get('name'),
        members: String(f.get('members') ?? '')
          .split(/[,，\s]+/)
          .filter(Boolean),
        minMembers: Number(f.get('minMembers')),
        quorum: Number(f.get('quorum')),
        decisionDays: Number(f.get('decisionDays')),
      });
      setCreated(true);
      await load();
    } catch (err) {
      setError(toFormError(err));
    }
  };

  return (
    <section>
      <h1>{t('ethics.title')}</h1>
      <ErrorBanner error={error} />
      <h2>{t('ethics.reviews')}</h2>
      {reviews.length === 0 && <p>{t('ethics.none')}</p>}
      {reviews.some((r) => r.overdue) && (
        <Notice>{t('ethics.overdueNotice', { n: reviews.filter((r) => r.overdue).length })}</Notice>
      )}
      {reviews.map((r) => {
        const voted = r.votes.some((v) => v.memberId === me);
        return (
          <article key={r.id} className="dup" aria-label={t('ethics.bid', { id: r.bidId.slice(0, 8) })}>
            <h3>
              {t('ethics.bid', { id: r.bidId.slice(0, 8) })} · {t(`ethics.states.${r.state}`)}
            </h3>
            <p>
              {t('ethics.categories')}: {r.categories.join(', ')} · {t('ethics.due', { date: day(r.dueAt) })}
              {r.overdue && <strong> ({t('ethics.overdueDays', { n: r.daysOverdue })})</strong>} ·{' '}
              {t('ethics.votes', { n: r.votesCast })}
            </p>
            {r.procedure === 'emergency' && (
              <p>
                <strong>{t('ethics.emergency')}</strong>: {r.emergencyReason}
              </p>
            )}
            {r.extension && (
              <p>
                {t('ethics.extended', {
                  n: r.extension.days,
                  name:
                    i18n.language === 'en'
                      ? r.extension.by.nameEn || r.extension.by.nameZh
                      : r.extension.by.nameZh || r.extension.by.nameEn,
                })}
                : {r.extension.reason}
              </p>
            )}
            {r.conditions && (
              <p>
                {t('ethics.conditions')}: {r.conditions}
              </p>
            )}
            {r.member && r.state === 'open' && !voted && <VoteForm review={r} onDone={load} />}
            {r.canExtend && <ExtendForm review={r} onDone={load} />}
          </article>
        );
      })}

      {committees.length > 0 && (
        <>
          <h2>{t('ethics.open')}</h2>
          <form onSubmit={openReview} className="grid">
            <Field label={t('ethics.bidId')} name="bidId" error={error} />
            <SelectField
              label={t('ethics.committee')}
              name="committeeId"
              error={error}
              options={committees.map((c) => ({ value: c.id, label: c.name }))}
            />
            <SelectField
              label={t('ethics.procedure')}
              name="procedure"
              error={error}
              options={(['standard', 'emergency'] as const).map((v) => ({
                value: v,
                label: t(`ethics.procedures.${v}`),
              }))}
            />
            <Field label={t('ethics.emergencyReason')} name="emergencyReason" error={error} />
            <div>
              <button type="submit">{t('ethics.openButton')}</button>
            </div>
          </form>
        </>
      )}

      {organizerOrgs.length > 0 && (
        <>
          <h2>{t('ethics.newCommittee')}</h2>
          {created && <Notice>{t('ethics.created')}</Notice>}
          <form onSubmit={createCommittee} className="grid">
            <SelectField
              label={t('ethics.organisation')}
              name="orgId"
              error={error}
              options={organizerOrgs.map((o) => ({ value: o.orgId, label: o.orgName }))}
            />
            <Field label={t('ethics.name')} name="name" error={error} />
            <Field label={t('ethics.members')} name="members" error={error} />
            <Field
              label={t('ethics.minMembers')}
              name="minMembers"
              type="number"
              min={7}
              defaultValue={7}
              error={error}
            />
            <Field
              label={t('ethics.quorum')}
              name="quorum"
              type="number"
              min={5}
              defaultValue={5}
              hint={t('ethics.quorumHint')}
              error={error}
            />
            <Field
              label={t('ethics.days')}
              name="decisionDays"
              type="number"
              min={1}
              max={30}
              defaultValue={30}
              error={error}
            />
            <div>
              <button type="submit">{t('ethics.create')}</button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

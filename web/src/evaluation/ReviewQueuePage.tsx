// The expert's queue (assignments across rounds, due dates in Beijing time, overdue marked) and,
// for applicants, the review items of their own bids.
import './review.i18n.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { dateTime, pick } from '../challenges/format.ts';
import { ErrorBanner, type FormErrorState, toFormError } from '../forms.tsx';
import { hasRole, useSession } from '../session.tsx';

interface QueueRow {
  roundId: string;
  bidId: string;
  pseudonym: string;
  roundTitleZh: string;
  roundTitleEn: string;
  challengeTitleZh: string;
  challengeTitleEn: string;
  applicantOrgZh: string;
  dueAt: string;
  reviewState: 'none' | 'draft' | 'submitted';
  overdue: boolean;
  lastRemindedAt: string | null;
}

interface OrganizedRound {
  id: string;
  titleZh: string;
  titleEn: string;
  state: string;
  challengeTitleZh: string;
  challengeTitleEn: string;
}

interface ApplicantRow {
  roundId: string;
  bidId: string;
  roundTitleZh: string;
  roundTitleEn: string;
  roundState: string;
  challengeTitleZh: string;
  challengeTitleEn: string;
}

export function ReviewQueuePage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { session } = useSession();
  const [queue, setQueue] = useState<QueueRow[] | null>(null);
  const [mine, setMine] = useState<ApplicantRow[] | null>(null);
  const [organized, setOrganized] = useState<OrganizedRound[]>([]);
  const [error, setError] = useState<FormErrorState>(null);

  useEffect(() => {
    if (!session?.person) return;
    Promise.all([
      api<{ items: QueueRow[] }>('GET', '/api/reviews/queue?pageSize=200').then((p) => p.items),
      api<ApplicantRow[]>('GET', '/api/reviews/applicant-items'),
    ])
      .then(([q, m]) => {
        setQueue(q);
        setMine(m);
      })
      .catch((e) => setError(toFormError(e)));
    if (hasRole(session, 'organizer', 'admin'))
      api<{ items: OrganizedRound[] }>('GET', '/api/review-rounds?pageSize=200')
        .then((p) => setOrganized(p.items))
        .catch(() => setOrganized([]));
  }, [session]);

  if (!session?.person) return <p>{t('common.notFound')}</p>;
  return (
    <section>
      <h1>{t('review.queueTitle')}</h1>
      <ErrorBanner error={error} />
      {queue === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : queue.length === 0 ? (
        <p>{t('review.queueEmpty')}</p>
      ) : (
        <table className="review-queue">
          <thead>
            <tr>
              <th scope="col">{t('review.challenge')}</th>
              <th scope="col">{t('review.applicant')}</th>
              <th scope="col">{t('review.round')}</th>
              <th scope="col">{t('review.due')}</th>
              <th scope="col">{t('review.state')}</th>
            </tr>
          </thead>
          <tbody>
            {queue.map((r) => (
              <tr key={`${r.roundId}/${r.bidId}`} className={r.overdue ? 'overdue' : undefined}>
                <th scope="row">
                  <Link to={`/reviews/${r.roundId}/${r.bidId}`}>
                    {pick(lang, r.challengeTitleZh, r.challengeTitleEn)}
                  </Link>
                </th>
                <td>{r.applicantOrgZh}</td>
                <td>{pick(lang, r.roundTitleZh, r.roundTitleEn)}</td>
                <td>
                  {dateTime(r.dueAt, lang)}
                  {r.overdue && (
                    <strong className="tag error" data-testid="overdue">
                      {' '}
                      {t('review.overdue')}
                    </strong>
                  )}
                  {r.lastRemindedAt && (
                    <small> {t('review.reminded', { at: dateTime(r.lastRemindedAt, lang) })}</small>
                  )}
                </td>
                <td>{t(`review.reviewStates.${r.reviewState}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {organized.length > 0 && (
        <>
          <h2>{t('review.organizedTitle')}</h2>
          <ul>
            {organized.map((r) => (
              <li key={r.id}>
                <Link to={`/review-rounds/${r.id}/ranking`}>
                  {pick(lang, r.titleZh, r.titleEn)} — {pick(lang, r.challengeTitleZh, r.challengeTitleEn)}
                </Link>{' '}
                ({t(`review.roundStates.${r.state}`)})
              </li>
            ))}
          </ul>
        </>
      )}
      {mine && mine.length > 0 && (
        <>
          <h2>{t('review.applicantTitle')}</h2>
          <ul>
            {mine.map((m) => (
              <li key={`${m.roundId}/${m.bidId}`}>
                <Link to={`/reviews/${m.roundId}/${m.bidId}`}>
                  {pick(lang, m.challengeTitleZh, m.challengeTitleEn)} —{' '}
                  {pick(lang, m.roundTitleZh, m.roundTitleEn)}
                </Link>{' '}
                ({t(`review.roundStates.${m.roundState}`)})
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

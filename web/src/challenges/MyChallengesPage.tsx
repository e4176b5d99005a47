// The proposer's own challenges in every state, and the organizer's vetting queue, with the
// demand-intake figures (collected / vetted / published).
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, type FormErrorState, toFormError } from '../forms.tsx';
import { hasRole, useSession } from '../session.tsx';
import { dateTime, pick, yuan } from './format.ts';
import { IntakeChart } from './IntakeChart.tsx';
import { StateBadge } from './parts.tsx';
import type { ChallengeSummary } from './types.ts';

interface Stats {
  collected: number;
  vetted: number;
  published: number;
}

export function MyChallengesPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [items, setItems] = useState<ChallengeSummary[] | null>(null);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const lang = i18n.language;

  useEffect(() => {
    if (!session?.person) return;
    api<{ items: ChallengeSummary[] }>('GET', '/api/challenges/mine?pageSize=200').then(
      (r) => setItems(r.items),
      (e) => setError(toFormError(e)),
    );
    api<Stats>('GET', '/api/challenges/stats').then(setStats, (e) => setError(toFormError(e)));
  }, [session?.person]);
  const bars = useMemo(
    () =>
      stats
        ? [
            { label: t('challenges.collected'), value: stats.collected },
            { label: t('challenges.vetted'), value: stats.vetted },
            { label: t('challenges.published'), value: stats.published },
          ]
        : [],
    [stats, t],
  );

  if (!session?.person) return <Navigate to="/login" />;
  const organizer = hasRole(session, 'organizer');
  const proposerOrgs = new Set(session.roles.filter((r) => r.role === 'proposer').map((r) => r.orgId));
  // For an organizer, submitted listings are the ones waiting for the agency's vetting.
  const queue = (items ?? []).filter((c) => c.state === 'submitted');

  const table = (rows: ChallengeSummary[], caption: string) => (
    <table>
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('challenges.title')}</th>
          <th scope="col">{t('challenges.proposerOrg')}</th>
          <th scope="col">{t('challenges.state')}</th>
          <th scope="col">{t('challenges.budgetCeiling')}</th>
          <th scope="col">{t('challenges.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <Link to={`/challenges/${c.id}`}>{pick(lang, c.titleZh, c.titleEn)}</Link>
            </th>
            <td>{pick(lang, c.orgNameZh, c.orgNameEn)}</td>
            <td>
              <StateBadge scope="challenges" state={c.state} />
            </td>
            <td className="num">{yuan(c.budgetCeilingFen)}</td>
            <td>{dateTime(c.deadline, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <section>
      <h1>{t('challenges.mineTitle')}</h1>
      <p>{t('challenges.mineIntro')}</p>
      {proposerOrgs.size > 0 && (
        <p>
          <Link to="/challenges/new" className="button">
            {t('challenges.newChallenge')}
          </Link>
        </p>
      )}
      <ErrorBanner error={error} />
      {stats && (
        <section aria-labelledby="h-intake" className="intake">
          <h2 id="h-intake">{t('challenges.intake')}</h2>
          <dl className="summary">
            {bars.map((b) => (
              <div key={b.label}>
                <dt>{b.label}</dt>
                <dd>{b.value}</dd>
              </div>
            ))}
          </dl>
          <IntakeChart bars={bars} label={t('challenges.chartLabel', { ...stats })} />
        </section>
      )}
      {items === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <>
          {organizer && (
            <section aria-labelledby="h-queue">
              <h2 id="h-queue">{t('challenges.queue')}</h2>
              {queue.length ? table(queue, t('challenges.queue')) : <p>{t('challenges.nothing')}</p>}
            </section>
          )}
          <section aria-labelledby="h-all">
            <h2 id="h-all">{t('challenges.allMine')}</h2>
            {items.length ? table(items, t('challenges.allMine')) : <p>{t('challenges.nothing')}</p>}
          </section>
        </>
      )}
    </section>
  );
}

// Every race: which challenge, its state, how many teams are still in it, the award.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { pick, yuan } from '../challenges/format.ts';
import { ErrorBanner, type FormErrorState, toFormError } from '../forms.tsx';
import { hasRole, useSession } from '../session.tsx';
import { RaceCreateForm } from './RaceCreateForm.tsx';

interface RaceSummary {
  id: string;
  state: string;
  challengeId: string;
  titleZh: string;
  titleEn: string;
  awardFen: number;
  teams: number;
  activeTeams: number;
}

export function RaceListPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [races, setRaces] = useState<RaceSummary[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  useEffect(() => {
    api<{ items: RaceSummary[] }>('GET', '/api/races?pageSize=100')
      .then((p) => setRaces(p.items))
      .catch((e) => setError(toFormError(e)));
  }, []);
  return (
    <article>
      <h1>{t('race.listTitle')}</h1>
      <p>{t('race.listIntro')}</p>
      <ErrorBanner error={error} />
      {races === null && !error && <p aria-busy="true">{t('common.loading')}</p>}
      {races?.length === 0 && <p>{t('race.none')}</p>}
      {races && races.length > 0 && (
        <table>
          <caption className="sr-only">{t('race.listTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('race.challenge')}</th>
              <th scope="col">{t('race.status')}</th>
              <th scope="col" className="num">
                {t('race.teamsActive')}
              </th>
              <th scope="col" className="num">
                {t('race.award')}
              </th>
            </tr>
          </thead>
          <tbody>
            {races.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <Link to={`/races/${r.id}`}>{pick(i18n.language, r.titleZh, r.titleEn)}</Link>
                </th>
                <td>
                  <span className={`badge state-${r.state}`}>{t(`race.states.${r.state}`)}</span>
                </td>
                <td className="num">
                  {r.activeTeams} / {r.teams}
                </td>
                <td className="num">{yuan(r.awardFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {hasRole(session, 'organizer') && <RaceCreateForm />}
    </article>
  );
}

// Bids I lead or belong to, with their state.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, type FormErrorState, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';
import { dateTime, pick } from './format.ts';
import { StateBadge } from './parts.tsx';
import type { MyBid } from './types.ts';

export function MyBidsPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [bids, setBids] = useState<MyBid[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  useEffect(() => {
    if (session?.person)
      api<{ items: MyBid[] }>('GET', '/api/bids/mine?pageSize=200').then(
        (r) => setBids(r.items),
        (e) => setError(toFormError(e)),
      );
  }, [session?.person]);
  if (!session?.person) return <Navigate to="/login" />;
  const lang = i18n.language;
  return (
    <section>
      <h1>{t('bids.mineTitle')}</h1>
      <ErrorBanner error={error} />
      {!bids ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : bids.length === 0 ? (
        <p>
          {t('challenges.nothing')} <Link to="/challenges">{t('challenges.listTitle')}</Link>
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('bids.challenge')}</th>
              <th scope="col">{t('bids.myRole')}</th>
              <th scope="col">{t('challenges.deadline')}</th>
              <th scope="col">{t('bids.state')}</th>
            </tr>
          </thead>
          <tbody>
            {bids.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  <Link to={`/bids/${b.id}`}>{pick(lang, b.challenge.nameZh, b.challenge.nameEn)}</Link>
                </th>
                <td>{b.isCommander ? t('bids.roleCommander') : t('bids.roleMember')}</td>
                <td>{dateTime(b.deadline, lang)}</td>
                <td>
                  <StateBadge scope="bids" state={b.state} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

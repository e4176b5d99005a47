import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { api, type Role } from '../api.ts';
import { ErrorBanner, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';

interface Membership {
  id: string;
  personName: string;
  orgId: string;
  orgName: string;
  role: Role;
  status: 'pending' | 'active' | 'rejected' | 'revoked';
}

const ROLES: Role[] = [
  'proposer',
  'solver',
  'evaluator',
  'organizer',
  'integrity_officer',
  'analyst',
  'commissioner',
  'admin',
];

export function MembershipsPage() {
  const { t } = useTranslation();
  const { session, refresh } = useSession();
  const [data, setData] = useState<{ mine: Membership[]; toDecide: Membership[] } | null>(null);
  const [orgs, setOrgs] = useState<{ id: string; nameZh: string; nameEn: string }[]>([]);
  const [error, setError] = useState<FormErrorState>(null);
  const [sent, setSent] = useState(false);

  const load = useCallback(async () => {
    setData(await api('GET', '/api/memberships'));
  }, []);
  useEffect(() => {
    if (!session?.person) return;
    load().catch((e) => setError(toFormError(e)));
    api<typeof orgs>('GET', '/api/organisations').then(setOrgs, (e) => setError(toFormError(e)));
  }, [load, session?.person]);

  if (!session?.person) return <Navigate to="/login" />;

  const request = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    setSent(false);
    try {
      await api('POST', '/api/memberships', { orgId: f.get('orgId'), role: f.get('role') });
      setSent(true);
      await load();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const decide = async (id: string, decision: 'approve' | 'reject' | 'revoke') => {
    setError(null);
    try {
      await api('POST', `/api/memberships/${id}/decision`, { decision });
      await Promise.all([load(), refresh()]);
    } catch (err) {
      setError(toFormError(err));
    }
  };

  const table = (rows: Membership[], actions: boolean) =>
    rows.length === 0 ? (
      <p>{t('memberships.nothing')}</p>
    ) : (
      <table>
        <thead>
          <tr>
            {actions && <th scope="col">{t('memberships.person')}</th>}
            <th scope="col">{t('memberships.organisation')}</th>
            <th scope="col">{t('memberships.role')}</th>
            <th scope="col">{t('memberships.status')}</th>
            {actions && <th scope="col" />}
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.id}>
              {actions && <td>{m.personName}</td>}
              <td>{m.orgName}</td>
              <td>{t(`roles.${m.role}`)}</td>
              <td>{t(`memberships.statuses.${m.status}`)}</td>
              {actions && (
                <td className="actions">
                  {m.status === 'pending' && (
                    <>
                      <button type="button" onClick={() => decide(m.id, 'approve')}>
                        {t('memberships.approve')}
                      </button>
                      <button type="button" className="secondary" onClick={() => decide(m.id, 'reject')}>
                        {t('memberships.reject')}
                      </button>
                    </>
                  )}
                  {m.status === 'active' && (
                    <button type="button" className="secondary" onClick={() => decide(m.id, 'revoke')}>
                      {t('memberships.revoke')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    );

  return (
    <section>
      <h1>{t('memberships.title')}</h1>
      <ErrorBanner error={error} />
      <h2>{t('memberships.mine')}</h2>
      {data ? table(data.mine, false) : <p aria-busy="true">{t('common.loading')}</p>}
      <h2>{t('memberships.request')}</h2>
      {sent && <Notice>{t('memberships.requested')}</Notice>}
      <form onSubmit={request} className="grid">
        <div className="field">
          <label htmlFor="f-orgId">{t('memberships.organisation')}</label>
          <select id="f-orgId" name="orgId" aria-invalid={error?.field === 'orgId'}>
            {orgs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.nameZh} {o.nameEn && `· ${o.nameEn}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-role">{t('memberships.role')}</label>
          <select id="f-role" name="role" aria-invalid={error?.field === 'role'}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t('memberships.submit')}</button>
        </div>
      </form>
      {data && data.toDecide.length > 0 && (
        <>
          <h2>{t('memberships.toDecide')}</h2>
          {table(data.toDecide, true)}
        </>
      )}
    </section>
  );
}

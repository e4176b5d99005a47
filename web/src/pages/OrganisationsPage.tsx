import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';

interface Org {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  uscc: string | null;
  regionCode: string | null;
}

const KINDS = ['enterprise', 'university', 'institute', 'agency', 'grassroots'] as const;

export function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { session, refresh } = useSession();
  const [q, setQ] = useState('');
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState(false);

  const load = useCallback(async (query: string) => {
    setOrgs(await api<Org[]>('GET', `/api/organisations${query ? `?q=${encodeURIComponent(query)}` : ''}`));
  }, []);
  useEffect(() => {
    load('').catch((e) => setError(toFormError(e)));
  }, [load]);

  const create = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setError(null);
    setDone(false);
    try {
      await api('POST', '/api/organisations', {
        kind: f.get('kind'),
        nameZh: f.get('nameZh'),
        nameEn: f.get('nameEn'),
        uscc: String(f.get('uscc') ?? '').trim() || null,
        regionCode: String(f.get('regionCode') ?? '').trim() || null,
      });
      form.reset();
      setDone(true);
      await Promise.all([load(q), refresh()]);
    } catch (err) {
      setError(toFormError(err));
    }
  };

  return (
    <section>
      <h1>{t('orgs.title')}</h1>
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            load(q);
          }}
        >
          <label htmlFor="org-q" className="sr-only">
            {t('orgs.search')}
          </label>
          <input
            id="org-q"
            type="search"
            placeholder={t('orgs.search')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        </form>
      </search>
      {orgs === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : orgs.length === 0 ? (
        <p>{t('orgs.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{i18n.language === 'en' ? t('orgs.nameEn') : t('orgs.nameZh')}</th>
              <th scope="col">{t('orgs.kind')}</th>
              <th scope="col">{t('orgs.uscc')}</th>
              <th scope="col">{t('orgs.regionCode')}</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <td>{i18n.language === 'en' ? o.nameEn || o.nameZh : o.nameZh}</td>
                <td>{t(`orgs.kinds.${o.kind}`)}</td>
                <td>
                  <code>{o.uscc ?? '—'}</code>
                </td>
                <td>{o.regionCode ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {session?.person && (
        <>
          <h2>{t('orgs.register')}</h2>
          <ErrorBanner error={error} />
          {done && <Notice>{t('orgs.registered')}</Notice>}
          <form onSubmit={create} noValidate className="grid">
            <div className="field">
              <label htmlFor="f-kind">{t('orgs.kind')}</label>
              <select id="f-kind" name="kind" defaultValue="enterprise">
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`orgs.kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            <Field label={t('orgs.nameZh')} name="nameZh" required error={error} />
            <Field label={t('orgs.nameEn')} name="nameEn" error={error} />
            <Field label={t('orgs.uscc')} name="uscc" placeholder="91350100M000100Y43" error={error} />
            <Field label={t('orgs.regionCode')} name="regionCode" placeholder="330106" error={error} />
            <div>
              <button type="submit">{t('orgs.register')}</button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

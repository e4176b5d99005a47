// The profile filled once: basics, employment, publications, projects.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';

interface Employment {
  orgId: string | null;
  orgName: string;
  jobTitle: string;
  startDate: string;
  endDate: string | null;
}
interface Publication {
  title: string;
  year: number;
  venue: string;
  doi: string | null;
  coauthors: string[];
}
interface Project {
  title: string;
  role: string;
  funder: string;
  startYear: number;
  endYear: number | null;
}
interface Profile {
  version: number;
  nameZh: string;
  nameEn: string;
  orcid: string | null;
  title: string;
  phone: string;
  bio: string;
  locale: 'zh-CN' | 'en';
  disciplineCodes: string[];
  keywords: string[];
  employment: Employment[];
  publications: Publication[];
  projects: Project[];
}

const splitList = (s: string) =>
  s
    .split(/[,，;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

export function ProfilePage() {
  const { t } = useTranslation();
  const { session, refresh } = useSession();
  const [p, setP] = useState<Profile | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (session?.person) api<Profile>('GET', '/api/profile').then(setP, (e) => setError(toFormError(e)));
  }, [session?.person]);

  if (!session?.person) return <Navigate to="/login" />;
  if (!p) return <p aria-busy="true">{t('common.loading')}</p>;

  const set = <K extends keyof Profile>(k: K, v: Profile[K]) => {
    setSaved(false);
    setP({ ...p, [k]: v });
  };
  const setItem = <K extends 'employment' | 'publications' | 'projects'>(
    k: K,
    i: number,
    patch: Partial<Profile[K][number]>,
  ) => set(k, p[k].map((x, j) => (j === i ? { ...x, ...patch } : x)) as Profile[K]);
  const removeItem = (k: 'employment' | 'publications' | 'projects', i: number) =>
    set(k, p[k].filter((_, j) => j !== i) as never);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const { id: _id, email: _email, ...body } = p as Profile & { id?: string; email?: string };
    try {
      setP(await api<Profile>('PUT', '/api/profile', body));
      setSaved(true);
      await refresh();
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };

  const val = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

  return (
    <section>
      <h1>{t('profile.title')}</h1>
      <p>{t('profile.intro')}</p>
      <ErrorBanner error={error} />
      {saved && <Notice>{t('profile.saved')}</Notice>}
      <form onSubmit={submit} noValidate>
        <fieldset>
          <legend>{t('profile.basics')}</legend>
          <div className="grid">
            <Field
              label={t('auth.nameZh')}
              name="nameZh"
              value={p.nameZh}
              onChange={(e) => set('nameZh', e.target.value)}
              error={error}
            />
            <Field
              label={t('auth.nameEn')}
              name="nameEn"
              value={p.nameEn}
              onChange={(e) => set('nameEn', e.target.value)}
              error={error}
            />
            <Field
              label={t('profile.orcid')}
              name="orcid"
              value={val(p.orcid)}
              placeholder="0000-0002-1825-0097"
              onChange={(e) => set('orcid', e.target.value.trim() || null)}
              error={error}
            />
            <Field
              label={t('profile.jobTitle')}
              name="title"
              value={p.title}
              onChange={(e) => set('title', e.target.value)}
              error={error}
            />
            <Field
              label={t('profile.phone')}
              name="phone"
              value={p.phone}
              onChange={(e) => set('phone', e.target.value)}
              error={error}
            />
            <div className="field">
              <label htmlFor="f-locale">{t('profile.locale')}</label>
              <select
                id="f-locale"
                value={p.locale}
                onChange={(e) => set('locale', e.target.value as Profile['locale'])}
              >
                <option value="zh-CN">中文</option>
                <option value="en">English</option>
              </select>
            </div>
            <Field
              label={t('profile.disciplineCodes')}
              name="disciplineCodes"
              hint={t('profile.disciplineHint')}
              defaultValue={p.disciplineCodes.join(', ')}
              onBlur={(e) => set('disciplineCodes', splitList(e.target.value))}
              error={
                error?.field?.startsWith('disciplineCodes') ? { ...error, field: 'disciplineCodes' } : error
              }
            />
            <Field
              label={t('profile.keywords')}
              name="keywords"
              hint={t('profile.keywordsHint')}
              defaultValue={p.keywords.join(', ')}
              onBlur={(e) => set('keywords', splitList(e.target.value))}
              error={error?.field?.startsWith('keywords') ? { ...error, field: 'keywords' } : error}
            />
          </div>
          <div className="field">
            <label htmlFor="f-bio">{t('profile.bio')}</label>
            <textarea id="f-bio" rows={3} value={p.bio} onChange={(e) => set('bio', e.target.value)} />
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('profile.employment')}</legend>
          {p.employment.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <div className="row" key={i}>
              <Field
                label={t('profile.orgName')}
                name={`employment.${i}.orgName`}
                value={x.orgName}
                onChange={(e) => setItem('employment', i, { orgName: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.position')}
                name={`employment.${i}.jobTitle`}
                value={x.jobTitle}
                onChange={(e) => setItem('employment', i, { jobTitle: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.startDate')}
                name={`employment.${i}.startDate`}
                type="date"
                value={x.startDate}
                onChange={(e) => setItem('employment', i, { startDate: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.endDate')}
                name={`employment.${i}.endDate`}
                type="date"
                value={val(x.endDate)}
                onChange={(e) => setItem('employment', i, { endDate: e.target.value || null })}
                error={error}
              />
              <button type="button" className="secondary" onClick={() => removeItem('employment', i)}>
                {t('profile.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set('employment', [
                ...p.employment,
                { orgId: null, orgName: '', jobTitle: '', startDate: '', endDate: null },
              ])
            }
          >
            {t('profile.add')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('profile.publications')}</legend>
          {p.publications.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <div className="row" key={i}>
              <Field
                label={t('profile.pubTitle')}
                name={`publications.${i}.title`}
                value={x.title}
                onChange={(e) => setItem('publications', i, { title: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.year')}
                name={`publications.${i}.year`}
                type="number"
                value={val(x.year)}
                onChange={(e) => setItem('publications', i, { year: Number(e.target.value) })}
                error={error}
              />
              <Field
                label={t('profile.venue')}
                name={`publications.${i}.venue`}
                value={x.venue}
                onChange={(e) => setItem('publications', i, { venue: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.doi')}
                name={`publications.${i}.doi`}
                value={val(x.doi)}
                onChange={(e) => setItem('publications', i, { doi: e.target.value.trim() || null })}
                error={error}
              />
              <Field
                label={t('profile.coauthors')}
                name={`publications.${i}.coauthors`}
                defaultValue={x.coauthors.join(', ')}
                onBlur={(e) => setItem('publications', i, { coauthors: splitList(e.target.value) })}
                error={error}
              />
              <button type="button" className="secondary" onClick={() => removeItem('publications', i)}>
                {t('profile.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set('publications', [
                ...p.publications,
                { title: '', year: new Date().getFullYear(), venue: '', doi: null, coauthors: [] },
              ])
            }
          >
            {t('profile.add')}
          </button>
        </fieldset>

        <fieldset>
          <legend>{t('profile.projects')}</legend>
          {p.projects.map((x, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own
            <div className="row" key={i}>
              <Field
                label={t('profile.projTitle')}
                name={`projects.${i}.title`}
                value={x.title}
                onChange={(e) => setItem('projects', i, { title: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.projRole')}
                name={`projects.${i}.role`}
                value={x.role}
                onChange={(e) => setItem('projects', i, { role: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.funder')}
                name={`projects.${i}.funder`}
                value={x.funder}
                onChange={(e) => setItem('projects', i, { funder: e.target.value })}
                error={error}
              />
              <Field
                label={t('profile.startYear')}
                name={`projects.${i}.startYear`}
                type="number"
                value={val(x.startYear)}
                onChange={(e) => setItem('projects', i, { startYear: Number(e.target.value) })}
                error={error}
              />
              <Field
                label={t('profile.endYear')}
                name={`projects.${i}.endYear`}
                type="number"
                value={val(x.endYear)}
                onChange={(e) =>
                  setItem('projects', i, { endYear: e.target.value ? Number(e.target.value) : null })
                }
                error={error}
              />
              <button type="button" className="secondary" onClick={() => removeItem('projects', i)}>
                {t('profile.remove')}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="secondary"
            onClick={() =>
              set('projects', [
                ...p.projects,
                { title: '', role: '', funder: '', startYear: new Date().getFullYear(), endYear: null },
              ])
            }
          >
            {t('profile.add')}
          </button>
        </fieldset>

        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('profile.save')}
        </button>
      </form>
    </section>
  );
}

import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PolicyMessageCode, policyMessages } from '../../../src/shared/policy/policy.messages.ts';
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

interface Enterprise {
  registrationDate: string | null;
  industryCode: string | null;
  mainBusiness: string;
  hnteDomain: string | null;
  employeeCount: number | null;
  specialCategory: string | null;
}
interface Org {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  uscc: string | null;
  regionCode: string | null;
  enterprise: Enterprise | null;
}

const KINDS = ['enterprise', 'university', 'institute', 'agency', 'grassroots'] as const;
const DOMAINS = [
  'electronicInformation',
  'biotechMedicine',
  'aerospace',
  'newMaterials',
  'highTechServices',
  'newEnergyEfficiency',
  'resourcesEnvironment',
  'advancedManufacturing',
] as const;
const CATEGORIES = ['none', 'integratedCircuit', 'industrialMotherMachine'] as const;
const EMPTY: Enterprise = {
  registrationDate: null,
  industryCode: null,
  mainBusiness: '',
  hnteDomain: null,
  employeeCount: null,
  specialCategory: null,
};

/** The enterprise profile of one of the enterprises the signed-in person administers. */
function EnterpriseProfileForm({ orgs }: { orgs: { orgId: string; orgName: string }[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [orgId, setOrgId] = useState(orgs[0].orgId);
  const [profile, setProfile] = useState<Enterprise | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setProfile(null);
    setSaved(false);
    setError(null);
    api<Org>('GET', `/api/organisations/${orgId}`)
      .then((o) => setProfile(o.enterprise ?? EMPTY))
      .catch((e) => setError(toFormError(e)));
  }, [orgId]);

  const save = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const text = (k: keyof Enterprise) => String(f.get(`enterprise.${k}`) ?? '').trim();
    setError(null);
    setSaved(false);
    try {
      const o = await api<Org>('PATCH', `/api/organisations/${orgId}`, {
        enterprise: {
          registrationDate: text('registrationDate') || null,
          industryCode: text('industryCode') || null,
          mainBusiness: text('mainBusiness'),
          hnteDomain: text('hnteDomain') || null,
          employeeCount: text('employeeCount') === '' ? null : Number(text('employeeCount')),
          specialCategory: text('specialCategory') || null,
        },
      });
      setProfile(o.enterprise ?? EMPTY);
      setSaved(true);
    } catch (err) {
      setError(toFormError(err));
    }
  };

  const notSet = { value: '', label: t('orgs.enterprise.notSet') };
  return (
    <section aria-labelledby="enterprise-h">
      <h2 id="enterprise-h">{t('orgs.enterprise.title')}</h2>
      <p className="hint">{t('orgs.enterprise.intro')}</p>
      {orgs.length > 1 && (
        <div className="field">
          <label htmlFor="enterprise-org">{t('orgs.enterprise.organisation')}</label>
          <select id="enterprise-org" value={orgId} onChange={(e) => setOrgId(e.target.value)}>
            {orgs.map((o) => (
              <option key={o.orgId} value={o.orgId}>
                {o.orgName}
              </option>
            ))}
          </select>
        </div>
      )}
      <ErrorBanner error={error} />
      {saved && <Notice>{t('orgs.enterprise.saved')}</Notice>}
      {profile === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        // Keyed by what was loaded, so the uncontrolled fields show the stored values.
        <form key={`${orgId}/${JSON.stringify(profile)}`} onSubmit={save} noValidate className="grid">
          <Field
            label={t('orgs.enterprise.registrationDate')}
            name="enterprise.registrationDate"
            type="date"
            defaultValue={profile.registrationDate ?? ''}
            error={error}
          />
          <Field
            label={t('orgs.enterprise.industryCode')}
            name="enterprise.industryCode"
            placeholder="C3562"
            defaultValue={profile.industryCode ?? ''}
            error={error}
          />
          <SelectField
            label={t('orgs.enterprise.hnteDomain')}
            name="enterprise.hnteDomain"
            defaultValue={profile.hnteDomain ?? ''}
            options={[
              notSet,
              ...DOMAINS.map((d) => ({
                value: d,
                label: policyMessages[`domain.${d}` as PolicyMessageCode][lang],
              })),
            ]}
            error={error}
          />
          <Field
            label={t('orgs.enterprise.employeeCount')}
            name="enterprise.employeeCount"
            type="number"
            min={0}
            step={1}
            defaultValue={profile.employeeCount ?? ''}
            error={error}
          />
          <SelectField
            label={t('orgs.enterprise.specialCategory')}
            name="enterprise.specialCategory"
            defaultValue={profile.specialCategory ?? ''}
            options={[
              notSet,
              ...CATEGORIES.map((c) => ({ value: c, label: t(`orgs.enterprise.categories.${c}`) })),
            ]}
            error={error}
          />
          <TextAreaField
            label={t('orgs.enterprise.mainBusiness')}
            name="enterprise.mainBusiness"
            rows={3}
            maxLength={500}
            defaultValue={profile.mainBusiness}
            error={error}
          />
          <div>
            <button type="submit">{t('orgs.enterprise.save')}</button>
          </div>
        </form>
      )}
    </section>
  );
}

export function OrganisationsPage() {
  const { t, i18n } = useTranslation();
  const { session, refresh } = useSession();
  const [q, setQ] = useState('');
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState(false);
  // The enterprises this person administers: they fill in the enterprise profile.
  const adminOf = (session?.roles ?? []).filter((r) => r.role === 'admin' && r.orgKind === 'enterprise');

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
      {adminOf.length > 0 && <EnterpriseProfileForm orgs={adminOf} />}
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

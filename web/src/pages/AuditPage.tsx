import '../integrity/i18n.ts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';

interface Entry {
  seq: number;
  at: string;
  actorId: string | null;
  actor: { nameZh: string; nameEn: string } | null;
  objectName: { zh: string; en: string } | null;
  action: string;
  objectType: string;
  objectId: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const shanghai = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
});

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [entries, setEntries] = useState<Entry[]>([]);
  const [total, setTotal] = useState(0);
  const en = i18n.language === 'en';
  const [error, setError] = useState<FormErrorState>(null);
  const [verify, setVerify] = useState<
    { ok: boolean; entries: number; firstBreak: { seq: number; kind: string } | null } | 'running' | null
  >(null);

  const [filter, setFilter] = useState({ objectType: '', objectId: '', actorId: '', actor: '' });

  const load = useCallback(
    async (page = 1) => {
      const qs = new URLSearchParams({ pageSize: '50', page: String(page) });
      for (const [k, v] of Object.entries(filter)) if (v.trim()) qs.set(k, v.trim());
      const r = await api<{ items: Entry[]; total: number }>('GET', `/api/audit?${qs}`);
      setTotal(r.total);
      setEntries((prev) => (page > 1 ? [...prev, ...r.items] : r.items));
    },
    [filter],
  );
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);

  const runVerify = async () => {
    setVerify('running');
    try {
      setVerify(await api('GET', '/api/audit/verify'));
    } catch (e) {
      setVerify(null);
      setError(toFormError(e));
    }
  };
  // The chain's verification status shows as soon as the page opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per visit
  useEffect(() => {
    runVerify();
  }, []);

  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <ErrorBanner error={error} />
      <form
        className="grid"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setError(null);
          setFilter({
            objectType: String(f.get('objectType') ?? ''),
            objectId: String(f.get('objectId') ?? ''),
            // One box for the actor: an id is matched exactly, anything else as a name or an email.
            ...(UUID.test(String(f.get('actor') ?? '').trim())
              ? { actorId: String(f.get('actor')).trim(), actor: '' }
              : { actorId: '', actor: String(f.get('actor') ?? '') }),
          });
        }}
      >
        <Field label={t('audit.objectType')} name="objectType" placeholder="challenge" error={error} />
        <Field label={t('audit.objectId')} name="objectId" error={error} />
        <Field label={t('audit.actorSearch')} name="actor" hint={t('audit.actorHint')} error={error} />
        <div>
          <button type="submit">{t('audit.search')}</button>
        </div>
      </form>
      <p>
        <button
          type="button"
          onClick={runVerify}
          disabled={verify === 'running'}
          aria-busy={verify === 'running'}
        >
          {verify === 'running' ? t('audit.verifying') : t('audit.verify')}
        </button>
      </p>
      {verify && verify !== 'running' && verify.ok && (
        <Notice>{t('audit.intact', { n: verify.entries })}</Notice>
      )}
      {verify && verify !== 'running' && !verify.ok && (
        <div className="banner error" role="alert">
          {t('audit.broken', { seq: verify.firstBreak?.seq, kind: verify.firstBreak?.kind })}
        </div>
      )}
      <table>
        <thead>
          <tr>
            <th scope="col">{t('audit.seq')}</th>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.action')}</th>
            <th scope="col">{t('audit.object')}</th>
            <th scope="col">{t('audit.actor')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{shanghai.format(new Date(e.at))}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>
                {e.objectType}{' '}
                {e.objectName
                  ? en
                    ? e.objectName.en || e.objectName.zh
                    : e.objectName.zh || e.objectName.en
                  : ''}
              </td>
              <td>
                {e.actor ? (en ? e.actor.nameEn || e.actor.nameZh : e.actor.nameZh || e.actor.nameEn) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length < total && (
        <button type="button" className="secondary" onClick={() => load(entries.length / 50 + 1)}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}

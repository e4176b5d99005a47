// The expert pool (organizers): import from CSV/XLSX with the per-row error table, search, and
// edit one expert's load cap, availability and active flag.
import './assign.i18n.ts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, TextAreaField, toFormError } from '../forms.tsx';
import { hasRole, useSession } from '../session.tsx';

interface Expert {
  id: string;
  email: string;
  nameZh: string;
  nameEn: string;
  organisationZh: string | null;
  disciplineCodes: string[];
  keywords: string[];
  maxLoad: number;
  load: number;
  availability: { from: string; to: string }[];
  active: boolean;
}
interface Report {
  ok: boolean;
  created: number;
  updated: number;
  skipped: number;
  errors: { row: number; field: string; reason: string }[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function uploadExperts(file: File, skipBadRows: boolean): Promise<Report> {
  const session = await api<{ csrfToken: string }>('GET', '/api/auth/session');
  const type = /\.xlsx$/i.test(file.name) ? XLSX : 'text/csv';
  const res = await fetch(
    `/api/experts/import?skipBadRows=${skipBadRows}&name=${encodeURIComponent(file.name)}`,
    {
      method: 'POST',
      headers: { 'content-type': type, 'x-csrf-token': session.csrfToken },
      body: file,
      credentials: 'same-origin',
    },
  );
  const data = await res.json();
  if (res.ok || res.status === 422) return data as Report;
  throw new ApiError(res.status, data);
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const file = f.get('file');
    setError(null);
    setReport(null);
    if (!(file instanceof File) || file.size === 0) {
      setError({ code: 'VALIDATION', message: t('assign.pool.importHint'), field: 'file' });
      return;
    }
    setBusy(true);
    try {
      const r = await uploadExperts(file, f.get('skipBadRows') === 'on');
      setReport(r);
      if (r.ok) onDone();
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="import-h">
      <h2 id="import-h">{t('assign.pool.importTitle')}</h2>
      <form onSubmit={submit} className="grid">
        <ErrorBanner error={error} />
        <Field
          label={t('assign.pool.file')}
          name="file"
          type="file"
          accept=".csv,.xlsx,text/csv"
          error={error}
          hint={t('assign.pool.importHint')}
        />
        <div className="field">
          <label>
            <input type="checkbox" name="skipBadRows" /> {t('assign.pool.skipBadRows')}
          </label>
        </div>
        <div>
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('assign.pool.import')}
          </button>
        </div>
      </form>
      {report && (
        <div aria-live="polite">
          {report.ok ? (
            <Notice>
              {t('assign.pool.imported', {
                created: report.created,
                updated: report.updated,
                skipped: report.skipped,
              })}
            </Notice>
          ) : (
            <p className="error" role="alert">
              {t('assign.pool.refused')}
            </p>
          )}
          {report.errors.length > 0 && (
            <table>
              <caption>{t('assign.pool.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('assign.pool.row')}
                  </th>
                  <th scope="col">{t('assign.pool.field')}</th>
                  <th scope="col">{t('assign.pool.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e) => (
                  <tr key={`${e.row}-${e.field}-${e.reason}`}>
                    <td className="num">{e.row}</td>
                    <td>
                      <code>{e.field}</code>
                    </td>
                    <td>{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

interface Relation {
  otherPersonId: string | null;
  otherName: string;
  displayName: string;
  kind: string;
  note: string;
}

/** 'kind|name|note; …' (the import's syntax) for relations declared by name. */
function parseRelations(text: string) {
  return text
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((r) => {
      const [kind = '', otherName = '', note = ''] = r.split('|').map((x) => x.trim());
      return { kind, otherName, note };
    });
}

function EditExpert({ expert, onDone }: { expert: Expert; onDone: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<FormErrorState>(null);
  const [relations, setRelations] = useState<Relation[] | null>(null);
  useEffect(() => {
    api<{ relations: Relation[] }>('GET', `/api/experts/${expert.id}`).then(
      (e) => setRelations(e.relations),
      (e) => setError(toFormError(e)),
    );
  }, [expert.id]);
  if (!relations) return <p aria-busy="true">{t('common.loading')}</p>;
  // Relations to registered people (from an import) are kept as they are; named ones are edited as text.
  const linked = relations.filter((r) => r.otherPersonId);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    const windows = String(f.get('availability') ?? '')
      .split(/[;；]/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((w) => {
        const [from = '', to = ''] = w.split('..').map((s) => s.trim());
        return { from, to };
      });
    try {
      await api('PATCH', `/api/experts/${expert.id}`, {
        maxLoad: Number(f.get('maxLoad')),
        availability: windows,
        active: f.get('active') === 'on',
        relations: [
          ...linked.map((r) => ({ kind: r.kind, otherPersonId: r.otherPersonId, note: r.note })),
          ...parseRelations(String(f.get('relations') ?? '')),
        ],
      });
      onDone();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  return (
    <form
      onSubmit={submit}
      className="grid"
      aria-label={t('assign.pool.editTitle', { name: expert.nameZh || expert.nameEn })}
    >
      <ErrorBanner error={error} />
      <Field
        label={t('assign.pool.maxLoad')}
        name="maxLoad"
        type="number"
        min={0}
        max={1000}
        defaultValue={expert.maxLoad}
        error={error}
      />
      <Field
        label={t('assign.pool.windows')}
        name="availability"
        defaultValue={expert.availability.map((w) => `${w.from}..${w.to}`).join('; ')}
        error={error}
        hint={t('assign.pool.windowsHint')}
      />
      {linked.length > 0 && (
        <p>
          {t('assign.pool.linked')}: {linked.map((r) => `${r.kind} · ${r.displayName}`).join('; ')}
        </p>
      )}
      <TextAreaField
        label={t('assign.pool.relations')}
        name="relations"
        defaultValue={relations
          .filter((r) => !r.otherPersonId)
          .map((r) => `${r.kind}|${r.otherName}|${r.note}`)
          .join('; ')}
        error={error}
        hint={t('assign.pool.relationsHint')}
      />
      <div className="field">
        <label>
          <input type="checkbox" name="active" defaultChecked={expert.active} /> {t('assign.pool.active')}
        </label>
      </div>
      <div>
        <button type="submit">{t('assign.pool.save')}</button>{' '}
        <button type="button" onClick={onDone}>
          {t('assign.pool.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Experts per page of the pool (the server pages, searches and counts). */
const POOL_PAGE = 50;

export function ExpertPoolPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [q, setQ] = useState('');
  const [data, setData] = useState<{ total: number; items: Expert[] } | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const load = useCallback(
    (search: string, at = 1) =>
      api<{ total: number; items: Expert[] }>(
        'GET',
        `/api/experts?page=${at}&pageSize=${POOL_PAGE}&q=${encodeURIComponent(search)}`,
      ).then(
        (d) => {
          setData(d);
          setPage(at);
        },
        (e) => setError(toFormError(e)),
      ),
    [],
  );
  useEffect(() => {
    load('');
  }, [load]);
  const pages = data ? Math.max(1, Math.ceil(data.total / POOL_PAGE)) : 1;
  if (!hasRole(session, 'organizer', 'admin')) return <p>{t('common.notFound')}</p>;
  const name = (e: Expert) => (i18n.language === 'en' ? e.nameEn || e.nameZh : e.nameZh || e.nameEn);
  return (
    <>
      <h1>{t('assign.pool.title')}</h1>
      <p>
        <Link to="/evaluation/rounds">{t('assign.pool.rounds')}</Link>
      </p>
      <ErrorBanner error={error} />
      <ImportForm onDone={() => load(q)} />
      <section aria-labelledby="pool-h">
        <h2 id="pool-h">{data ? t('assign.pool.total', { count: data.total }) : t('common.loading')}</h2>
        <search>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              load(q);
            }}
          >
            <label htmlFor="pool-q">{t('assign.pool.search')}</label>{' '}
            <input id="pool-q" value={q} onChange={(e) => setQ(e.target.value)} />{' '}
            <button type="submit">{t('assign.pool.searchButton')}</button>
          </form>
        </search>
        {data && data.items.length === 0 && <p>{t('assign.pool.none')}</p>}
        {data && data.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('assign.pool.name')}</th>
                <th scope="col">{t('assign.pool.organisation')}</th>
                <th scope="col">{t('assign.pool.codes')}</th>
                <th scope="col">{t('assign.pool.keywords')}</th>
                <th scope="col" className="num">
                  {t('assign.pool.load')}
                </th>
                <th scope="col">{t('assign.pool.availability')}</th>
                <th scope="col">
                  <span className="sr-only">{t('assign.pool.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    {name(e)}
                    <br />
                    <small>{e.email}</small>
                  </td>
                  <td>{e.organisationZh ?? '—'}</td>
                  <td>{e.disciplineCodes.join(', ')}</td>
                  <td>{e.keywords.join('、')}</td>
                  <td className="num">
                    {e.load} / {e.maxLoad}
                  </td>
                  <td>
                    {e.availability.length
                      ? e.availability.map((w) => `${w.from}–${w.to}`).join('; ')
                      : t('assign.pool.always')}
                  </td>
                  <td>
                    {editing === e.id ? (
                      <EditExpert
                        expert={e}
                        onDone={() => {
                          setEditing(null);
                          load(q, page);
                        }}
                      />
                    ) : (
                      <button
                        type="button"
                        onClick={() => setEditing(e.id)}
                        aria-label={t('assign.pool.editTitle', { name: name(e) })}
                      >
                        {t('assign.pool.edit')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {pages > 1 && (
          <nav aria-label={t('assign.pool.pages')}>
            <button type="button" disabled={page <= 1} onClick={() => load(q, page - 1)}>
              {t('assign.pool.prev')}
            </button>{' '}
            {t('assign.pool.pageOf', { page, pages })}{' '}
            <button type="button" disabled={page >= pages} onClick={() => load(q, page + 1)}>
              {t('assign.pool.next')}
            </button>
          </nav>
        )}
      </section>
    </>
  );
}

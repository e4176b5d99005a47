// The public listing: full-text search (Chinese or English) and filters, no login needed.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, SelectField, toFormError } from '../forms.tsx';
import { hasRole, useSession } from '../session.tsx';
import { beijingDay, dateTime, parseYuan, pick, yuan } from './format.ts';
import { Facts } from './parts.tsx';
import type { ChallengeSummary } from './types.ts';

const PUBLIC = ['published', 'evaluating', 'notice', 'awarded'] as const;
const FILTERS = ['q', 'discipline', 'region', 'budgetMin', 'budgetMax', 'after', 'before', 'state'] as const;

/** The page's own query (yuan, calendar days) as the API's (fen, ISO +08:00); a bad amount names its field. */
function apiQuery(p: URLSearchParams): { qs: string; error: FormErrorState } {
  const out = new URLSearchParams();
  const copy = (from: string, to: string) => {
    const v = p.get(from)?.trim();
    if (v) out.set(to, v);
  };
  copy('q', 'q');
  copy('discipline', 'discipline');
  copy('region', 'region');
  copy('state', 'state');
  for (const [from, to] of [
    ['budgetMin', 'budgetMinFen'],
    ['budgetMax', 'budgetMaxFen'],
  ] as const) {
    const v = p.get(from)?.trim();
    if (!v) continue;
    const fen = parseYuan(v);
    if (fen === null) return { qs: '', error: { code: 'VALIDATION', message: '', field: from } };
    out.set(to, String(fen));
  }
  const after = p.get('after');
  const before = p.get('before');
  if (after) out.set('deadlineAfter', beijingDay(after));
  if (before) out.set('deadlineBefore', beijingDay(before, true));
  return { qs: out.toString(), error: null };
}

export function ChallengeListPage() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<ChallengeSummary[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const lang = i18n.language;

  useEffect(() => {
    const { qs, error: bad } = apiQuery(params);
    if (bad) {
      setError({ ...bad, message: t('challenges.yuanInvalid') });
      return;
    }
    setError(null);
    api<{ items: ChallengeSummary[] }>('GET', `/api/challenges${qs ? `?${qs}` : ''}`).then(
      (r) => setItems(r.items),
      (e) => setError(toFormError(e)),
    );
  }, [params, t]);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const k of FILTERS) {
      const v = String(f.get(k) ?? '').trim();
      if (v) next.set(k, v);
    }
    setParams(next);
  };
  const v = (k: string) => params.get(k) ?? '';

  return (
    <section>
      <h1>{t('challenges.listTitle')}</h1>
      <p>{t('challenges.listIntro')}</p>
      {hasRole(session, 'proposer') && (
        <p>
          <Link to="/challenges/new" className="button">
            {t('challenges.newChallenge')}
          </Link>
        </p>
      )}
      <search>
        <form onSubmit={submit} className="filters" aria-label={t('challenges.search')} noValidate>
          <div className="field">
            <label htmlFor="f-q">{t('challenges.searchLabel')}</label>
            <input id="f-q" name="q" type="search" defaultValue={v('q')} />
          </div>
          <fieldset>
            <legend>{t('challenges.filters')}</legend>
            <div className="grid">
              <Field
                label={t('challenges.discipline')}
                name="discipline"
                defaultValue={v('discipline')}
                error={error}
              />
              <Field
                label={t('challenges.region')}
                name="region"
                inputMode="numeric"
                defaultValue={v('region')}
                error={error}
              />
              <Field
                label={t('challenges.budgetMin')}
                name="budgetMin"
                inputMode="decimal"
                defaultValue={v('budgetMin')}
                error={error}
              />
              <Field
                label={t('challenges.budgetMax')}
                name="budgetMax"
                inputMode="decimal"
                defaultValue={v('budgetMax')}
                error={error}
              />
              <Field
                label={t('challenges.deadlineAfter')}
                name="after"
                type="date"
                defaultValue={v('after')}
                error={error}
              />
              <Field
                label={t('challenges.deadlineBefore')}
                name="before"
                type="date"
                defaultValue={v('before')}
                error={error}
              />
              <SelectField
                label={t('challenges.state')}
                name="state"
                defaultValue={v('state')}
                error={error}
                options={[
                  { value: '', label: t('challenges.anyState') },
                  ...PUBLIC.map((s) => ({ value: s, label: t(`challenges.states.${s}`) })),
                ]}
              />
            </div>
          </fieldset>
          <button type="submit">{t('challenges.searchButton')}</button>
        </form>
      </search>
      <ErrorBanner error={error?.field ? null : error} />
      {items === null ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : (
        <>
          <p role="status">{t('challenges.results', { n: items.length })}</p>
          {items.length === 0 ? (
            <p>{t('challenges.none')}</p>
          ) : (
            <ul className="cards">
              {items.map((c) => (
                <li key={c.id}>
                  <ChallengeCard c={c} lang={lang} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

export function ChallengeCard({ c, lang }: { c: ChallengeSummary; lang: string }) {
  const { t } = useTranslation();
  return (
    <article className="card">
      <h2>
        <Link to={`/challenges/${c.id}`}>{pick(lang, c.titleZh, c.titleEn)}</Link>
      </h2>
      <p className="muted">
        {pick(lang, c.orgNameZh, c.orgNameEn)} ·{' '}
        <span className={`badge state-${c.state}`}>{t(`challenges.states.${c.state}`)}</span>
      </p>
      <Facts
        items={[
          [t('challenges.budgetCeiling'), yuan(c.budgetCeilingFen)],
          [t('challenges.deadline'), dateTime(c.deadline, lang)],
          [t('challenges.mode'), `${t(`challenges.modes.${c.mode}`)} × ${c.winnerSlots}`],
          ...(c.disciplineCodes.length
            ? [[t('challenges.disciplineCodes'), c.disciplineCodes.join(', ')] as [string, string]]
            : []),
        ]}
      />
      {c.keywords.length > 0 && (
        <ul className="tags" aria-label={t('challenges.keywords')}>
          {c.keywords.map((k) => (
            <li key={k}>{k}</li>
          ))}
        </ul>
      )}
    </article>
  );
}

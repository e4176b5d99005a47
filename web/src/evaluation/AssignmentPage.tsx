// The organizer's assignment page: run (or rerun) the assignment, follow its progress, read its
// quality figures (affinity histogram, load distribution, conflicts excluded, items short of
// reviewers), the assignments per item with shared terms, the conflicts found, and open reviews.
import './assign.i18n.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { AssignChart } from './AssignChart.tsx';
import type { RoundView } from './RoundEditorPage.tsx';

interface Stats {
  objective: number;
  assigned: number;
  items: number;
  experts: number;
  minItemTotal: number;
  durationMs: number;
  affinityHistogram: number[];
  loadDistribution: number[];
  conflictsExcluded: Record<string, number> & { total: number };
  shortfall: { itemId: string; label: string; missing: number }[];
}
interface Run {
  id: string;
  state: 'running' | 'done' | 'failed';
  phase: string;
  progress: number;
  stats: Stats | Record<string, never>;
  error: string;
}
interface Assignments {
  round: { id: string; state: string; reviewersPerItem: number };
  latestRun: Run | null;
  items: {
    bidId: string;
    hostZh: string;
    commanderZh: string;
    active: number;
    assignments: {
      id: string;
      pseudonym: string;
      expertNameZh: string;
      affinity: number;
      sharedTerms: string[];
      state: string;
    }[];
  }[];
}
interface ConflictRow {
  bidId: string;
  item: string;
  expertId: string;
  expertNameZh: string;
  conflicts: { code: string; detail: string }[];
}

const hasStats = (s: Run['stats']): s is Stats => 'objective' in s;

export function AssignmentPage() {
  const { t, i18n } = useTranslation();
  const { roundId } = useParams();
  const [round, setRound] = useState<RoundView | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [data, setData] = useState<Assignments | null>(null);
  const [conflicts, setConflicts] = useState<ConflictRow[]>([]);
  const [error, setError] = useState<FormErrorState>(null);
  const [notice, setNotice] = useState('');
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  const reload = useCallback(async () => {
    try {
      const [r, a, c] = await Promise.all([
        api<RoundView>('GET', `/api/review-rounds/${roundId}`),
        api<Assignments>('GET', `/api/review-rounds/${roundId}/assignments`),
        api<ConflictRow[]>('GET', `/api/review-rounds/${roundId}/conflicts`),
      ]);
      setRound(r);
      setData(a);
      setConflicts(c);
      setRun((cur) => (cur && cur.state === 'running' ? cur : a.latestRun));
    } catch (e) {
      setError(toFormError(e));
    }
  }, [roundId]);
  useEffect(() => {
    reload();
  }, [reload]);

  const poll = useCallback(
    async (id: string) => {
      for (;;) {
        if (!alive.current) return;
        const r = await api<Run>('GET', `/api/review-rounds/${roundId}/assignment-runs/${id}`);
        setRun(r);
        if (r.state !== 'running') break;
        await new Promise((res) => setTimeout(res, 300));
      }
      await reload();
    },
    [roundId, reload],
  );

  const start = async () => {
    setError(null);
    setNotice('');
    try {
      const r = await api<Run>('POST', `/api/review-rounds/${roundId}/assignment-runs`, {});
      setRun(r);
      await poll(r.id);
    } catch (e) {
      setError(toFormError(e));
    }
  };
  const openReviews = async () => {
    setError(null);
    try {
      await api('POST', `/api/review-rounds/${roundId}/open-reviews`, {});
      setNotice(t('assign.run.opened'));
      await reload();
    } catch (e) {
      setError(toFormError(e));
    }
  };

  if (!round) return <ErrorBanner error={error} />;
  const title = i18n.language === 'en' ? round.titleEn || round.titleZh : round.titleZh;
  const stats = run && hasStats(run.stats) ? run.stats : null;
  const pct = run ? Math.round(run.progress * 100) : 0;
  const canRun = ['draft', 'assigning', 'reviewing'].includes(round.state);
  return (
    <>
      <h1>{t('assign.run.title', { title })}</h1>
      <p>
        {t('assign.round.state')}: <strong>{t(`assign.round.states.${round.state}`)}</strong> ·{' '}
        <Link to="/evaluation/rounds">{t('assign.round.listTitle')}</Link>
      </p>
      <ErrorBanner error={error} />
      {notice && <Notice>{notice}</Notice>}
      {canRun && (
        <p>
          <button type="button" onClick={start} disabled={run?.state === 'running'}>
            {round.state === 'draft' ? t('assign.run.start') : t('assign.run.rerun')}
          </button>{' '}
          {round.state === 'assigning' && (
            <button type="button" onClick={openReviews} disabled={run?.state === 'running'}>
              {t('assign.run.openReviews')}
            </button>
          )}
        </p>
      )}
      {run && (
        <section aria-labelledby="progress-h">
          <h2 id="progress-h">{t('assign.run.progress')}</h2>
          <div
            className="progress"
            style={{ border: '1px solid #888', height: '1rem', maxWidth: '32rem', background: '#eee' }}
            role="progressbar"
            aria-labelledby="progress-h"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}% — ${t(`assign.run.phases.${run.phase}`, { defaultValue: run.phase })}`}
          >
            <div
              className="progress-fill"
              style={{ width: `${pct}%`, height: '100%', background: '#b3261e' }}
            />
          </div>
          <p aria-live="polite">
            {pct}% ·{' '}
            {t('assign.run.phase', {
              phase: t(`assign.run.phases.${run.phase}`, { defaultValue: run.phase }),
            })}
          </p>
          {run.state === 'failed' && (
            <p className="error" role="alert">
              {t('assign.run.failed', { error: run.error })}
            </p>
          )}
        </section>
      )}
      {stats && (
        <section aria-labelledby="figures-h">
          <h2 id="figures-h">{t('assign.run.figures')}</h2>
          <dl className="summary">
            <div>
              <dt>{t('assign.run.objective')}</dt>
              <dd data-testid="objective">{stats.objective}</dd>
            </div>
            <div>
              <dt>{t('assign.run.assigned')}</dt>
              <dd>{stats.assigned}</dd>
            </div>
            <div>
              <dt>{t('assign.run.minItem')}</dt>
              <dd>{stats.minItemTotal}</dd>
            </div>
            <div>
              <dt>{t('assign.run.duration')}</dt>
              <dd>{stats.durationMs} ms</dd>
            </div>
          </dl>
          <h3>{t('assign.run.histogram')}</h3>
          <AssignChart
            labels={stats.affinityHistogram.map((_, i) => `${i * 100}–${i * 100 + 99}`)}
            values={stats.affinityHistogram}
            color="#b3261e"
            label={t('assign.run.histogramLabel', {
              values: stats.affinityHistogram.map((v, i) => `${i * 100}–${i * 100 + 99}: ${v}`).join(', '),
            })}
          />
          <h3>{t('assign.run.loads')}</h3>
          <AssignChart
            labels={stats.loadDistribution.map((_, i) => String(i))}
            values={stats.loadDistribution}
            color="#1d5fa8"
            label={t('assign.run.loadsLabel', {
              values: stats.loadDistribution.map((v, i) => `${i}: ${v}`).join(', '),
            })}
          />
          <h3>{t('assign.run.conflicts')}</h3>
          <p>{t('assign.run.conflictsTotal', { count: stats.conflictsExcluded.total })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('assign.run.code')}</th>
                <th scope="col" className="num">
                  {t('assign.run.count')}
                </th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(stats.conflictsExcluded)
                .filter(([k, v]) => k !== 'total' && v > 0)
                .map(([k, v]) => (
                  <tr key={k}>
                    <td>{t(`assign.run.codes.${k}`)}</td>
                    <td className="num">{v}</td>
                  </tr>
                ))}
            </tbody>
          </table>
          <h3>{t('assign.run.short')}</h3>
          {stats.shortfall.length === 0 ? (
            <p data-testid="no-short">{t('assign.run.noShort')}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('assign.run.item')}</th>
                  <th scope="col" className="num">
                    {t('assign.run.missing')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.shortfall.map((s) => (
                  <tr key={s.itemId}>
                    <td>{s.label}</td>
                    <td className="num">{s.missing}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
      {data && data.items.length > 0 && (
        <section aria-labelledby="assignments-h">
          <h2 id="assignments-h">{t('assign.run.assignments')}</h2>
          {data.items.map((it) => (
            <table key={it.bidId}>
              <caption>
                {it.hostZh} · {it.commanderZh} ({it.active}/{data.round.reviewersPerItem})
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('assign.run.pseudonym')}</th>
                  <th scope="col">{t('assign.run.expert')}</th>
                  <th scope="col" className="num">
                    {t('assign.run.affinity')}
                  </th>
                  <th scope="col">{t('assign.run.shared')}</th>
                  <th scope="col">{t('assign.run.state')}</th>
                </tr>
              </thead>
              <tbody>
                {it.assignments.map((a) => (
                  <tr key={a.id}>
                    <td>{a.pseudonym}</td>
                    <td>{a.expertNameZh}</td>
                    <td className="num">{Math.round(a.affinity)}</td>
                    <td>{a.sharedTerms.join('、')}</td>
                    <td>{t(`assign.run.states.${a.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </section>
      )}
      {conflicts.length > 0 && (
        <section aria-labelledby="conflicts-h">
          <h2 id="conflicts-h">{t('assign.run.conflictList')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('assign.run.item')}</th>
                <th scope="col">{t('assign.run.expert')}</th>
                <th scope="col">{t('assign.run.code')}</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.map((c) => (
                <tr key={`${c.bidId}-${c.expertId}`}>
                  <td>{c.item}</td>
                  <td>{c.expertNameZh}</td>
                  <td>
                    {c.conflicts
                      .map((x) => `${t(`assign.run.codes.${x.code}`)}${x.detail ? ` (${x.detail})` : ''}`)
                      .join('; ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

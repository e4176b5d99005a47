// The round desk (organizer): progress per item with overdue reviewers and reminders, ending
// reviewing, and the calibrated ranking — raw vs calibrated ranks side by side, percentiles, the
// funding line by budget, drawn as a chart and as a table; reviewers' estimated severities.
// An applicant sees their own rows of the ranking only.
import './review.i18n.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api.ts';
import { dateTime, fromBeijingInput, pick, yuan } from '../challenges/format.ts';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { RankingChart } from './RankingChart.tsx';

interface Progress {
  round: {
    id: string;
    titleZh: string;
    titleEn: string;
    state: string;
    dueAt: string;
    rebuttalAllowed: boolean;
  };
  items: {
    bidId: string;
    applicantOrgZh: string;
    applicantOrgEn: string;
    budgetFen: number;
    consensusState: string;
    assignments: {
      assignmentId: string;
      pseudonym: string;
      expertNameZh: string;
      state: string;
      reviewState: string;
      total: number | null;
      overdue: boolean;
      reminders: number;
    }[];
  }[];
}

interface Row {
  bidId: string;
  position: number | null;
  tiedWith?: number;
  decidedBy?: string | null;
  funded: boolean;
  cumulativeFen?: number | null;
  reviewCount?: number;
  rawMean: number | null;
  rawRank?: number | null;
  calibrated: number | null;
  standardError: number | null;
  calibratedRank?: number | null;
  percentile: number | null;
  applicantOrgZh?: string;
  applicantOrgEn?: string;
}

interface Ranking {
  round: { id: string; titleZh: string; titleEn: string; state: string; budgetFen: number };
  decision: {
    version: number;
    decidedAt: string;
    inputsSha256?: string;
    budgetFen?: number;
    fundedCount?: number;
    fundedTotalFen?: number;
    lineAfter?: number;
    tieBreak?: string[];
    ranked?: number;
    rows: Row[];
    reviewers?: { expertId: string; nameZh: string; bias: number | null; reviews: number }[];
  } | null;
}

const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? '—' : x.toFixed(d));

export function RankingPage() {
  const { roundId } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [progress, setProgress] = useState<Progress | null>(null);
  const [ranking, setRanking] = useState<Ranking | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [notice, setNotice] = useState('');
  const [opensAt, setOpensAt] = useState('');
  const [closesAt, setClosesAt] = useState('');

  const load = useCallback(async () => {
    try {
      setRanking(await api<Ranking>('GET', `/api/review-rounds/${roundId}/ranking`));
      try {
        setProgress(await api<Progress>('GET', `/api/review-rounds/${roundId}/progress`));
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      }
    } catch (e) {
      setError(toFormError(e));
    }
  }, [roundId]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (
    method: string,
    path: string,
    done?: (body: unknown) => string,
    payload: unknown = {},
  ) => {
    setError(null);
    setNotice('');
    try {
      const body = await api<unknown>(method, `/api/review-rounds/${roundId}${path}`, payload);
      if (done) setNotice(done(body));
      await load();
    } catch (e) {
      setError(toFormError(e));
    }
  };

  const d = ranking?.decision;
  const organizer = !!progress;
  const chartRows = useMemo(
    () =>
      (d?.rows ?? [])
        .filter((r) => r.position !== null && r.calibrated !== null)
        .map((r) => ({
          label: `${r.position}. ${pick(lang, r.applicantOrgZh ?? '', r.applicantOrgEn ?? '')} ${r.bidId.slice(0, 4)}`,
          calibrated: r.calibrated!,
          standardError: r.standardError ?? 0,
          rawMean: r.rawMean ?? 0,
          funded: r.funded,
        })),
    [d, lang],
  );
  const chartNames = useMemo(
    () => ({
      calibrated: t('review.calibrated'),
      rawMean: t('review.rawMean'),
      fundingLine: t('review.fundingLine'),
    }),
    [t],
  );

  if (!ranking) return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;
  const round = ranking.round;
  return (
    <section>
      <h1>
        {pick(lang, round.titleZh, round.titleEn)} — {t('review.desk')}
      </h1>
      <p>
        {t('review.state')}:{' '}
        <strong data-testid="round-state">{t(`review.roundStates.${round.state}`)}</strong>
      </p>
      <ErrorBanner error={error} />
      {notice && <Notice>{notice}</Notice>}
      {progress && (
        <section aria-labelledby="progress-title">
          <h2 id="progress-title">{t('review.progress')}</h2>
          <p>
            {t('review.due')}: {dateTime(progress.round.dueAt, lang)}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('review.applicant')}</th>
                <th scope="col">{t('review.reviews')}</th>
                <th scope="col">{t('review.consensus')}</th>
              </tr>
            </thead>
            <tbody>
              {progress.items.map((it) => (
                <tr key={it.bidId}>
                  <th scope="row">
                    <Link to={`/reviews/${roundId}/${it.bidId}`}>
                      {pick(lang, it.applicantOrgZh, it.applicantOrgEn)} {it.bidId.slice(0, 4)}
                    </Link>
                  </th>
                  <td>
                    <ul className="plain">
                      {it.assignments.map((a) => (
                        <li key={a.assignmentId}>
                          {a.pseudonym} {a.expertNameZh}: {t(`review.reviewStates.${a.reviewState}`, a.state)}
                          {a.state === 'conflict' || a.state === 'declined' ? ` (${a.state})` : ''}
                          {a.total !== null ? ` — ${a.total}` : ''}
                          {a.overdue && <strong className="tag error"> {t('review.overdue')}</strong>}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {it.consensusState === 'none' ? '—' : t(`review.consensusStates.${it.consensusState}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            {round.state === 'reviewing' && (
              <button
                type="button"
                onClick={() =>
                  void act('POST', '/reminders', (b) =>
                    t('review.remindedCount', { count: (b as { reminded: unknown[] }).reminded.length }),
                  )
                }
              >
                {t('review.remind')}
              </button>
            )}
            {round.state === 'reviewing' && (
              <button type="button" onClick={() => void act('POST', '/open-consensus')}>
                {t('review.openConsensus')}
              </button>
            )}
            {['consensus', 'ranked'].includes(round.state) && (
              <button type="button" className="primary" onClick={() => void act('POST', '/ranking')}>
                {d ? t('review.recompute') : t('review.compute')}
              </button>
            )}
            {round.state === 'ranked' && (
              <button type="button" onClick={() => void act('POST', '/close')}>
                {t('review.close')}
              </button>
            )}
          </div>
          {progress.round.rebuttalAllowed && ['reviewing', 'consensus', 'ranked'].includes(round.state) && (
            <form
              className="inline"
              onSubmit={(e) => {
                e.preventDefault();
                void act('PUT', '/rebuttal-window', () => t('review.windowSaved'), {
                  opensAt: fromBeijingInput(opensAt),
                  closesAt: fromBeijingInput(closesAt),
                });
              }}
            >
              <Field
                name="opensAt"
                type="datetime-local"
                label={t('review.opensAt')}
                error={error}
                value={opensAt}
                onChange={(e) => setOpensAt(e.target.value)}
              />
              <Field
                name="closesAt"
                type="datetime-local"
                label={t('review.closesAt')}
                error={error}
                value={closesAt}
                onChange={(e) => setClosesAt(e.target.value)}
              />
              <button type="submit">{t('review.setWindow')}</button>
            </form>
          )}
        </section>
      )}
      <section aria-labelledby="ranking-title">
        <h2 id="ranking-title">{t('review.ranking')}</h2>
        {!d ? (
          <p>{t('review.noRanking')}</p>
        ) : organizer ? (
          <>
            <p>
              {t('review.version', { v: d.version, at: dateTime(d.decidedAt, lang) })}.{' '}
              <span data-testid="budget-line">
                {t('review.budgetLine', {
                  budget: yuan(d.budgetFen ?? 0),
                  funded: yuan(d.fundedTotalFen ?? 0),
                  count: d.fundedCount,
                })}
              </span>{' '}
              {t('review.tieBreak', { rules: (d.tieBreak ?? []).join(' → ') })}
            </p>
            <RankingChart
              rows={chartRows}
              lineAfter={d.lineAfter ?? 0}
              label={t('review.chartLabel')}
              names={chartNames}
            />
            <table className="ranking">
              <thead>
                <tr>
                  <th scope="col">{t('review.position')}</th>
                  <th scope="col">{t('review.applicant')}</th>
                  <th scope="col">{t('review.rawMean')}</th>
                  <th scope="col">{t('review.rawRank')}</th>
                  <th scope="col">{t('review.calibrated')}</th>
                  <th scope="col">{t('review.calibratedRank')}</th>
                  <th scope="col">{t('review.shift')}</th>
                  <th scope="col">{t('review.percentile')}</th>
                  <th scope="col">{t('review.cumulative')}</th>
                  <th scope="col">{t('review.funded')}</th>
                </tr>
              </thead>
              <tbody>
                {d.rows.map((r, i) => {
                  const shift =
                    r.rawRank != null && r.calibratedRank != null ? r.rawRank - r.calibratedRank : null;
                  return [
                    <tr key={r.bidId} className={r.funded ? 'funded' : undefined}>
                      <th scope="row">{r.position ?? '—'}</th>
                      <td>
                        <Link to={`/reviews/${roundId}/${r.bidId}`}>
                          {pick(lang, r.applicantOrgZh ?? '', r.applicantOrgEn ?? '')} {r.bidId.slice(0, 4)}
                        </Link>
                        {r.decidedBy && <small> ({t('review.decidedBy', { rule: r.decidedBy })})</small>}
                      </td>
                      <td>{fmt(r.rawMean)}</td>
                      <td>{fmt(r.rawRank, 1)}</td>
                      <td>
                        {fmt(r.calibrated)} ± {fmt(r.standardError)}
                      </td>
                      <td>{fmt(r.calibratedRank, 1)}</td>
                      <td>{shift === null ? '—' : shift > 0 ? `+${shift}` : String(shift)}</td>
                      <td>{r.percentile ?? '—'}</td>
                      <td>{r.cumulativeFen != null ? yuan(r.cumulativeFen) : '—'}</td>
                      <td>{r.funded ? t('review.yes') : t('review.no')}</td>
                    </tr>,
                    i + 1 === d.lineAfter && i + 1 < d.rows.length ? (
                      <tr key="line" className="funding-line" data-testid="funding-line">
                        <td colSpan={10}>— {t('review.fundingLine')} —</td>
                      </tr>
                    ) : null,
                  ];
                })}
              </tbody>
            </table>
            {d.reviewers && (
              <>
                <h3>{t('review.biases')}</h3>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t('review.expert')}</th>
                      <th scope="col">{t('review.bias')}</th>
                      <th scope="col">{t('review.reviewCount')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.reviewers.map((r) => (
                      <tr key={r.expertId}>
                        <th scope="row">{r.nameZh}</th>
                        <td>{fmt(r.bias)}</td>
                        <td>{r.reviews}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </>
            )}
            <p>
              <small>
                {t('review.inputsDigest')}: <code>{d.inputsSha256}</code>
              </small>
            </p>
          </>
        ) : (
          <ul>
            {d.rows.map((r) => (
              <li key={r.bidId}>
                {t('review.yourRank', {
                  position: r.position ?? '—',
                  of: d.ranked,
                  percentile: r.percentile ?? '—',
                })}{' '}
                — {t('review.funded')}: {r.funded ? t('review.yes') : t('review.no')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}

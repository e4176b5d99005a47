// The race board (赛马榜): teams × stages with targets met, mean scores and status, drawn as a
// chart; the declared stages, rules and tranche plan; every gate with its ranking, the viewer's
// explanations, objections during the notice; and the history of every decision with reasons.
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { dateTime, pick, requirement, yuan } from '../challenges/format.ts';
import { Facts } from '../challenges/parts.tsx';
import { ErrorBanner, type FormErrorState, Notice, TextAreaField, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';
import { RaceConsole } from './RaceConsole.tsx';
import { RaceTeamPanel } from './RaceTeamPanel.tsx';
import { ADVANCED_RIM, type ChartPoint, chartPoints, OUT_RIM } from './race-chart.ts';
import './race.i18n.ts';

interface StageTarget {
  id: string;
  metric: string;
  unit: string;
  comparator: string;
  threshold: string;
  thresholdHigh: string | null;
}
interface Explanation {
  teamId: string;
  rank: number;
  advanced: boolean;
  meanScore: string | null;
  scores: string[];
  targets: { targetId: string; measured: string | null; met: boolean }[];
  targetsMet: number;
  reasonCode: string;
  reason: string;
  tieBrokenBy: string | null;
}
interface Gate {
  id: string;
  stageNo: number;
  state: 'proposed' | 'final' | 'withdrawn';
  proposedAt: string;
  noticeEndsAt: string;
  noticeOpen: boolean;
  decidedAt: string | null;
  withdrawReason: string;
  seed: string;
  scoreOrigin:
    | { kind: 'manual' }
    | { kind: 'review_round'; roundId: string; decisionId: string; version: number; inputsSha256: string };
  rule: string;
  reproducible: boolean;
  advancing: string[];
  board: {
    teamId: string;
    rank: number;
    advanced: boolean;
    meanScore: string | null;
    targetsMet: number;
    targetsTotal: number;
    tieBrokenBy: string | null;
  }[];
  explanations: Explanation[];
  objections: { id: string; text: string; state: string; resolution: string; createdAt: string }[];
}
interface Team {
  id: string;
  entryNo: number;
  bidId: string;
  commanderZh: string;
  commanderEn: string;
  hostZh: string;
  hostEn: string;
  joinedVia: string;
  status: string;
  statusReason: string;
  mergedInto: string | null;
  receivedFen: number;
  mine: boolean;
}
export interface RaceBoard {
  id: string;
  state: string;
  challenge: { id: string; titleZh: string; titleEn: string };
  awardFen: number;
  noticeDays: number;
  endReason: string;
  releasedFen: number;
  tranchePlan: {
    signingPercent: number;
    signingCapFen: number;
    signingPoolFen: number;
    stages: { sharePercent: number; rankWeights: number[]; poolFen: number }[];
  };
  viewer: { organizer: boolean; teamIds: string[]; mayObject: boolean; commands: string[] };
  stages: {
    no: number;
    titleZh: string;
    titleEn: string;
    gateAt: string;
    evidence: string;
    evidenceRequired: boolean;
    scoreSource: 'manual' | 'review_round';
    targets: StageTarget[];
    ruleText: string;
    rule: { kind: string; k?: number; minScore?: string };
    tieBreak: { kind: string; targetId?: string }[];
  }[];
  teams: Team[];
  gates: Gate[];
  history: {
    n: number;
    kind: string;
    stageNo: number | null;
    teamIds: string[];
    reason: string;
    at: string;
  }[];
  winners: string[];
  /** The teams' own evidence: the viewer's team's (organizers: every team's). */
  teamEvidence: {
    stageNo: number;
    teamId: string;
    text: string;
    attachmentIds: string[];
    submittedAt: string;
  }[];
  /** Who has submitted evidence for which stage (public). */
  evidenceSubmitted: { stageNo: number; teamId: string }[];
  /** Evaluation inputs: the organizers see every team's, a team its own. */
  evaluations: {
    stageNo: number;
    teamId: string;
    measured: Record<string, string>;
    scores: string[];
    evidence: string;
  }[];
}

const HUMAN_REASON = new Set(['withdrawn', 'merged', 'stopped']);
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const COLORS = ['#b3261e', '#1f6feb', '#2e7d32', '#8a5a00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];

/** Mean score of each team at each final or proposed gate: one line per team. */
function ScoreChart({ board, label }: { board: RaceBoard; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  const { i18n, t } = useTranslation();
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | null = null;
    (async () => {
      const { init } = await import('./race-echarts.ts');
      if (disposed || !el.current) return;
      const points = chartPoints(board);
      const c = init(el.current, undefined, { renderer: 'canvas' });
      c.setOption({
        animation: false,
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        legend: { top: 0 },
        // One point at a time: its gate's verdict, rank, mean score and targets met.
        tooltip: {
          trigger: 'item',
          formatter: (p: { seriesName: string; data: ChartPoint | null }) => {
            const d = p.data;
            if (!d) return p.seriesName;
            return [
              `${p.seriesName} — ${t('race.gateN', { n: d.stageNo })}`,
              `${t('race.rankOf', { rank: d.rank, n: d.ranked })} · ${t('race.meanScore')} ${d.value ?? '—'}`,
              t('race.targetsMet', { met: d.targetsMet, total: d.targetsTotal }),
              `${d.status === 'advanced' ? t('race.advanced') : t('race.out')}${d.proposed ? ` (${t('race.gateStates.proposed')})` : ''}`,
            ]
              .map(escapeHtml)
              .join('<br/>');
          },
        },
        xAxis: { type: 'category', data: board.stages.map((s) => t('race.gateN', { n: s.no })) },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: board.teams.map((team, i) => ({
          type: 'line',
          name: teamName(team, i18n.language),
          color: COLORS[i % COLORS.length],
          showAllSymbol: true,
          data: points[i],
          connectNulls: false,
        })),
      });
      chart = c;
    })();
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [board, i18n.language, t]);
  return (
    <>
      <div ref={el} className="chart race-chart" role="img" aria-label={label} />
      <p className="hint chart-legend">
        <span style={{ color: ADVANCED_RIM }}>●</span> {t('race.chartAdvanced')}{' '}
        <span style={{ color: OUT_RIM }}>◆</span> {t('race.chartOut')} · {t('race.chartSize')}
      </p>
    </>
  );
}

export const teamName = (team: Team, lang: string) =>
  `${pick(lang, team.commanderZh, team.commanderEn)} · ${pick(lang, team.hostZh, team.hostEn)}`;

function Badge({ state }: { state: string }) {
  const { t } = useTranslation();
  return <span className={`badge state-${state}`}>{t(`race.states.${state}`)}</span>;
}

export function RacePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const lang = i18n.language;
  const [board, setBoard] = useState<RaceBoard | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState('');
  const [objection, setObjection] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => setBoard(await api<RaceBoard>('GET', `/api/races/${id}`)), [id]);
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);

  if (!board) return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;

  const name = (teamId: string) => {
    const i = board.teams.findIndex((x) => x.id === teamId);
    return i < 0 ? teamId : teamName(board.teams[i], lang);
  };
  const run = async (fn: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await fn();
      setDone(message);
      await load();
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };
  const finalize = (g: Gate) =>
    run(() => api('POST', `/api/races/${id}/gates/${g.id}/finalize`, {}), t('race.finalized'));
  const object = (e: FormEvent, g: Gate) => {
    e.preventDefault();
    return run(async () => {
      await api('POST', `/api/races/${id}/gates/${g.id}/objections`, { text: objection });
      setObjection('');
    }, t('race.objected'));
  };
  const liveGate = (no: number) => board.gates.find((g) => g.stageNo === no && g.state !== 'withdrawn');
  const title = pick(lang, board.challenge.titleZh, board.challenge.titleEn);

  return (
    <article>
      <p>
        <Link to="/races">← {t('race.listTitle')}</Link>
      </p>
      <h1>{t('race.title', { title })}</h1>
      <p>
        <Badge state={board.state} />{' '}
        <Link to={`/challenges/${board.challenge.id}`}>{t('race.challenge')}</Link>
      </p>
      <Facts
        items={[
          [t('race.award'), yuan(board.awardFen)],
          [t('race.released'), yuan(board.releasedFen)],
          [t('race.teamsCount'), board.teams.length],
          [t('race.noticeDays'), board.noticeDays],
        ]}
      />
      {board.winners.length > 0 && (
        <p className="winner" role="status">
          {t('race.winner', { names: board.winners.map(name).join('、') })}
        </p>
      )}
      {board.state === 'ended_early' && (
        <p role="status">{t('race.endedEarly', { reason: board.endReason })}</p>
      )}
      <ErrorBanner error={error} />
      {done && <Notice>{done}</Notice>}

      <section aria-labelledby="h-board">
        <h2 id="h-board">{t('race.board')}</h2>
        <div className="table-scroll">
          <table className="race-board">
            <caption>{t('race.boardCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('race.team')}</th>
                <th scope="col">{t('race.status')}</th>
                {board.stages.map((s) => (
                  <th scope="col" key={s.no}>
                    {t('race.gateN', { n: s.no })} · {pick(lang, s.titleZh, s.titleEn)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t('race.received')}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.teams.map((team) => (
                <tr key={team.id} className={team.mine ? 'mine' : undefined}>
                  <th scope="row">
                    {teamName(team, lang)}
                    {team.joinedVia === 'invited' && <small> ({t('race.invited')})</small>}
                  </th>
                  <td>
                    <Badge state={team.status} />
                    {/* Reasons people gave; gate outcomes speak through the stage columns. */}
                    {team.statusReason && HUMAN_REASON.has(team.status) && (
                      <div className="hint">{team.statusReason}</div>
                    )}
                  </td>
                  {board.stages.map((s) => {
                    const g = liveGate(s.no);
                    const row = g?.board.find((b) => b.teamId === team.id);
                    return (
                      <td key={s.no} data-testid={`cell-${team.entryNo}-${s.no}`}>
                        {row ? (
                          <>
                            <div>
                              {t('race.rankOf', { rank: row.rank, n: g?.board.length ?? 0 })} ·{' '}
                              {row.meanScore ?? '—'}
                            </div>
                            <div>
                              {t('race.targetsMet', { met: row.targetsMet, total: row.targetsTotal })}
                            </div>
                            <div>
                              <span className={`badge ${row.advanced ? 'met' : 'not-met'}`}>
                                {row.advanced ? t('race.advanced') : t('race.out')}
                              </span>
                              {g?.state === 'proposed' && <small> ({t('race.gateStates.proposed')})</small>}
                            </div>
                          </>
                        ) : (
                          '—'
                        )}
                      </td>
                    );
                  })}
                  <td className="num">{yuan(team.receivedFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ScoreChart board={board} label={t('race.chartLabel')} />
      </section>

      {board.viewer.organizer && <RaceConsole board={board} onChange={load} />}
      <RaceTeamPanel board={board} onChange={load} />

      <section aria-labelledby="h-rules">
        <h2 id="h-rules">{t('race.rules')}</h2>
        <p>
          {t('race.signing', {
            percent: board.tranchePlan.signingPercent,
            cap: yuan(board.tranchePlan.signingCapFen),
            pool: yuan(board.tranchePlan.signingPoolFen),
          })}
        </p>
        {board.stages.map((s, i) => {
          const plan = board.tranchePlan.stages[i];
          return (
            <div key={s.no} className="panel">
              <h3>
                {t('race.gateN', { n: s.no })} · {pick(lang, s.titleZh, s.titleEn)} —{' '}
                {dateTime(s.gateAt, lang)}
              </h3>
              <p>
                <strong>{t('race.rule')}:</strong> {t(`race.ruleKinds.${s.rule.kind}`, s.rule)}
              </p>
              <p>
                <strong>{t('race.tieBreak')}:</strong>{' '}
                {s.tieBreak
                  .map((tb) =>
                    tb.kind === 'target'
                      ? t('race.tieBreaks.target', {
                          metric: s.targets.find((x) => x.id === tb.targetId)?.metric ?? '',
                        })
                      : t(`race.tieBreaks.${tb.kind}`),
                  )
                  .join(' → ')}
              </p>
              <p>
                <strong>{t('race.evidence')}:</strong> {s.evidence}
              </p>
              <p>
                <strong>{t('race.scoreSource')}:</strong> {t(`race.scoreSources.${s.scoreSource}`)}
              </p>
              {s.evidenceRequired && <p>{t('race.teamSide.evidenceRequired')}</p>}
              <ul>
                {s.targets.map((x) => (
                  <li key={x.id}>
                    {x.metric} {requirement(x)}
                  </li>
                ))}
              </ul>
              {plan && (
                <p>
                  {t('race.pool', {
                    pool: yuan(plan.poolFen),
                    share: plan.sharePercent,
                    weights: plan.rankWeights.join(' : '),
                  })}
                </p>
              )}
            </div>
          );
        })}
      </section>

      <section aria-labelledby="h-gates">
        <h2 id="h-gates">{t('race.gates')}</h2>
        {board.gates.length === 0 && <p>{t('race.noGates')}</p>}
        {board.gates.map((g) => {
          const stage = board.stages.find((s) => s.no === g.stageNo);
          const noticeOpen = g.noticeOpen;
          return (
            <section key={g.id} className="panel" aria-labelledby={`h-gate-${g.id}`}>
              <h3 id={`h-gate-${g.id}`}>
                {t('race.gateN', { n: g.stageNo })} · {t(`race.gateStates.${g.state}`)}
              </h3>
              <Facts
                items={[
                  [t('race.proposedAt'), dateTime(g.proposedAt, lang)],
                  [t('race.noticeEndsAt'), dateTime(g.noticeEndsAt, lang)],
                  [t('race.decidedAt'), dateTime(g.decidedAt, lang)],
                  [t('race.seed'), <code key="seed">{g.seed}</code>],
                  [
                    t('race.scoreOrigin'),
                    g.scoreOrigin.kind === 'manual' ? (
                      t('race.scoreSources.manual')
                    ) : (
                      <span key="origin" data-testid={`origin-${g.stageNo}`}>
                        {t('race.scoreOriginDecision', {
                          version: g.scoreOrigin.version,
                          id: g.scoreOrigin.decisionId.slice(0, 8),
                          sha: g.scoreOrigin.inputsSha256.slice(0, 12),
                        })}
                      </span>
                    ),
                  ],
                  [t('race.reproducible'), g.reproducible ? t('race.yes') : t('race.no')],
                ]}
              />
              <p>
                <strong>{t('race.rule')}:</strong>{' '}
                {stage ? t(`race.ruleKinds.${stage.rule.kind}`, stage.rule) : g.rule}
              </p>
              {g.withdrawReason && <p>{t('race.withdrawnBecause', { reason: g.withdrawReason })}</p>}
              <table>
                <caption>{t('race.rankingCaption', { n: g.stageNo })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('race.rank')}
                    </th>
                    <th scope="col">{t('race.team')}</th>
                    <th scope="col" className="num">
                      {t('race.meanScore')}
                    </th>
                    <th scope="col">{t('race.targets')}</th>
                    <th scope="col">{t('race.decision')}</th>
                  </tr>
                </thead>
                <tbody>
                  {g.board.map((r) => (
                    <tr key={r.teamId}>
                      <td className="num">{r.rank}</td>
                      <th scope="row">{name(r.teamId)}</th>
                      <td className="num">{r.meanScore ?? '—'}</td>
                      <td>{t('race.targetsMet', { met: r.targetsMet, total: r.targetsTotal })}</td>
                      <td>
                        {r.advanced ? t('race.advanced') : t('race.out')}
                        {r.tieBrokenBy && <small> ({t('race.tieBrokenBy', { by: r.tieBrokenBy })})</small>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {g.explanations.length > 0 && (
                <div>
                  <h4>{t('race.explanations')}</h4>
                  {g.explanations.map((e) => (
                    <div key={e.teamId} className="explanation">
                      <p>
                        <strong>{name(e.teamId)}</strong> —{' '}
                        {t(`race.reasons.${e.reasonCode}`, {
                          rank: e.rank,
                          n: g.board.length,
                          mean: e.meanScore ?? '—',
                          k: stage?.rule.k ?? '',
                          min: stage?.rule.minScore ?? '',
                        })}
                      </p>
                      {lang === 'en' && <p className="hint">{e.reason}</p>}
                      <p>
                        {t('race.scores')}: {e.scores.join(', ') || '—'}
                      </p>
                      <ul>
                        {e.targets.map((x) => {
                          const target = stage?.targets.find((s) => s.id === x.targetId);
                          return (
                            <li key={x.targetId}>
                              {target?.metric ?? x.targetId}: {x.measured ?? '—'}{' '}
                              {target && <>({requirement(target)})</>}{' '}
                              <span className={`badge ${x.met ? 'met' : 'not-met'}`}>
                                {x.met ? t('race.met') : t('race.notMet')}
                              </span>
                            </li>
                          );
                        })}
                      </ul>
                    </div>
                  ))}
                </div>
              )}
              {g.objections.length > 0 && (
                <ul>
                  {g.objections.map((o) => (
                    <li key={o.id}>
                      {o.text} — {t(`race.objectionStates.${o.state}`)}
                      {o.resolution && `: ${o.resolution}`}
                    </li>
                  ))}
                </ul>
              )}
              {noticeOpen && session?.person && board.viewer.mayObject && (
                <form onSubmit={(e) => object(e, g)} className="no-print">
                  <TextAreaField
                    label={t('race.objection')}
                    hint={t('race.objectionWhoHint')}
                    name="text"
                    rows={2}
                    value={objection}
                    onChange={(e) => setObjection(e.target.value)}
                    error={error}
                  />
                  <button type="submit" disabled={busy}>
                    {t('race.raiseObjection')}
                  </button>
                </form>
              )}
              {g.state === 'proposed' && board.viewer.organizer && (
                <div className="buttons no-print">
                  <button type="button" disabled={busy} onClick={() => finalize(g)}>
                    {t('race.finalize')}
                  </button>
                </div>
              )}
            </section>
          );
        })}
      </section>

      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('race.history')}</h2>
        <ol className="race-history">
          {board.history.map((h) => (
            <li key={h.n}>
              <time dateTime={h.at}>{dateTime(h.at, lang)}</time> —{' '}
              {t(`race.events.${h.kind}`, { n: h.stageNo ?? '' })}
              {h.teamIds.length > 0 && `: ${h.teamIds.map(name).join('、')}`}
              {h.reason && <> — {t('race.reason', { reason: h.reason })}</>}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

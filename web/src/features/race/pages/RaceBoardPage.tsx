// The race board (赛马榜): teams × stages with rank, mean score, targets met and verdict, drawn as a
// chart; the organizer console and the team's own panel; the declared stages, rules and tranche
// plan; every gate with its ranking, the viewer's explanations and objections during the notice;
// and the history of every decision with its reasons.

import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, List, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, MoneyText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { yuan } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { type Gate, type RaceBoard, type Stage, type Team, useRaceBoard, useRaceWrites } from '../api.ts';
import { HEADING, requirement, teamName, teamNamer } from '../components/names.ts';
import { RaceConsole } from '../components/RaceConsole.tsx';
import { ScoreChart } from '../components/ScoreChart.tsx';
import { TeamPanel } from '../components/TeamPanel.tsx';
import { around, MARK, Verbatim } from '../components/Verbatim.tsx';
import { NS } from '../i18n.ts';

const HUMAN_REASON = new Set(['withdrawn', 'merged', 'stopped']);
const STATE_COLOR: Record<string, string> = {
  setup: 'default',
  running: 'processing',
  finished: 'success',
  ended_early: 'warning',
  active: 'processing',
  eliminated: 'default',
  withdrawn: 'default',
  merged: 'default',
  winner: 'success',
  stopped: 'warning',
};

export function RaceBoardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const board = useRaceBoard(id);
  if (!board.data)
    return (
      <Page title={t('list.title')}>
        {board.isError ? <Alert type="error" showIcon message={errorText(board.error)} /> : <Card loading />}
      </Page>
    );
  const b = board.data;
  const lang = i18n.language;
  const title = nameIn(lang, b.challenge.titleZh, b.challenge.titleEn);
  const name = teamNamer(b.teams, lang);
  return (
    <Page
      title={t('title', { title })}
      breadcrumb={[{ title: <Link to="/races">{t('list.title')}</Link> }, { title }]}
      extra={
        <>
          <Tag color={STATE_COLOR[b.state]}>{t(`states.${b.state}`)}</Tag>
          <Link to={`/challenges/${b.challenge.id}`}>{t('challengeLink')}</Link>
        </>
      }
    >
      <Flex vertical gap="middle">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 4 }}
          items={[
            { key: 'award', label: t('award'), children: <MoneyText fen={b.awardFen} /> },
            { key: 'released', label: t('released'), children: <MoneyText fen={b.releasedFen} /> },
            { key: 'teams', label: t('teamsCount'), children: b.teams.length },
            { key: 'notice', label: t('noticeDays'), children: b.noticeDays },
          ]}
        />
        {b.winners.length > 0 && (
          <Alert
            type="success"
            showIcon
            role="status"
            message={around(
              t('winner', { names: MARK }),
              <Verbatim>{b.winners.map(name).join('、')}</Verbatim>,
            )}
          />
        )}
        {b.state === 'ended_early' && (
          <Alert
            type="warning"
            showIcon
            role="status"
            message={around(t('endedEarly', { reason: MARK }), <Verbatim>{b.endReason}</Verbatim>)}
          />
        )}
        <BoardTable board={b} />
        {b.viewer.organizer && <RaceConsole board={b} />}
        <TeamPanel board={b} />
        <Rules board={b} />
        <Card size="small" title={<h2 style={HEADING}>{t('gates')}</h2>}>
          {b.gates.length === 0 ? (
            <EmptyState text={t('noGates')} />
          ) : (
            <Flex vertical gap="middle">
              {b.gates.map((g) => (
                <GateCard key={g.id} board={b} gate={g} />
              ))}
            </Flex>
          )}
        </Card>
        <Card size="small" title={<h2 style={HEADING}>{t('history')}</h2>}>
          <List
            size="small"
            dataSource={b.history}
            renderItem={(h) => (
              <List.Item key={h.n}>
                <span>
                  <DateText iso={h.at} /> — {t(`events.${h.kind}`, { n: h.stageNo ?? '' })}
                  {h.teamIds.length > 0 && <Verbatim>: {h.teamIds.map(name).join('、')}</Verbatim>}
                  {h.reason && (
                    <> — {around(t('reason', { reason: MARK }), <Verbatim>{h.reason}</Verbatim>)}</>
                  )}
                </span>
              </List.Item>
            )}
          />
        </Card>
      </Flex>
    </Page>
  );
}

/** Teams × stages: rank, mean score, targets met and the verdict at each live gate; the chart below. */
function BoardTable({ board }: { board: RaceBoard }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const liveGate = (no: number) => board.gates.find((g) => g.stageNo === no && g.state !== 'withdrawn');
  return (
    <Card size="small" title={<h2 style={HEADING}>{t('board')}</h2>}>
      <PlainTable<Team>
        label={t('boardCaption')}
        rowKey="id"
        dataSource={board.teams}
        rowClassName={(team) => (team.mine ? 'mine' : '')}
        columns={[
          {
            title: t('team'),
            key: 'team',
            render: (_, team) => (
              <span translate="no">
                {teamName(team, lang)}
                {team.joinedVia === 'invited' && (
                  <Typography.Text type="secondary"> ({t('invited')})</Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: t('status'),
            key: 'status',
            render: (_, team) => (
              <>
                <Tag color={STATE_COLOR[team.status]}>{t(`states.${team.status}`)}</Tag>
                {/* Reasons people gave; gate outcomes speak through the stage columns. */}
                {team.statusReason && HUMAN_REASON.has(team.status) && (
                  <div>
                    <Typography.Text type="secondary">
                      <Verbatim>{team.statusReason}</Verbatim>
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          ...board.stages.map((s) => ({
            title: `${t('gateN', { n: s.no })} · ${nameIn(lang, s.titleZh, s.titleEn)}`,
            key: `stage-${s.no}`,
            render: (_: unknown, team: Team) => {
              const g = liveGate(s.no);
              const row = g?.board.find((r) => r.teamId === team.id);
              if (!row) return '—';
              return (
                <div data-testid={`cell-${team.entryNo}-${s.no}`}>
                  <div>
                    {t('rankOf', { rank: row.rank, n: g?.board.length ?? 0 })} · {row.meanScore ?? '—'}
                  </div>
                  <div>{t('targetsMet', { met: row.targetsMet, total: row.targetsTotal })}</div>
                  <Tag color={row.advanced ? 'success' : 'error'}>
                    {row.advanced ? t('advanced') : t('out')}
                  </Tag>
                  {g?.state === 'proposed' && (
                    <Typography.Text type="secondary">({t('gateStates.proposed')})</Typography.Text>
                  )}
                </div>
              );
            },
          })),
          {
            title: t('received'),
            key: 'received',
            align: 'right' as const,
            render: (_, team) => <MoneyText fen={team.receivedFen} />,
          },
        ]}
      />
      <ScoreChart board={board} />
    </Card>
  );
}

function ruleText(t: TFunction<'race'>, s: Stage) {
  return t(`ruleKinds.${s.rule.kind}`, s.rule);
}

/** The rules declared in advance: signing tranche, and per stage its gate, rule, tie-breaks, evidence, targets and pool. */
function Rules({ board }: { board: RaceBoard }) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const plan = board.tranchePlan;
  return (
    <Card size="small" title={<h2 style={HEADING}>{t('rules')}</h2>}>
      <Typography.Paragraph>
        {t('signing', {
          percent: plan.signingPercent,
          cap: yuan(plan.signingCapFen),
          pool: yuan(plan.signingPoolFen),
        })}
      </Typography.Paragraph>
      <Flex vertical gap="small">
        {board.stages.map((s, i) => {
          const pool = plan.stages[i];
          return (
            <Card
              key={s.no}
              size="small"
              type="inner"
              title={
                <h3 style={HEADING}>
                  {t('gateN', { n: s.no })} · {nameIn(lang, s.titleZh, s.titleEn)}
                </h3>
              }
              extra={<DateText iso={s.gateAt} />}
            >
              <Descriptions
                size="small"
                column={1}
                items={[
                  { key: 'rule', label: t('rule'), children: ruleText(t, s) },
                  {
                    key: 'tie',
                    label: t('tieBreak'),
                    children: s.tieBreak.map((tb, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: tie-breaks apply in their declared order
                      <span key={j}>
                        {j > 0 && ' → '}
                        {tb.kind === 'target'
                          ? around(
                              t('tieBreaks.target', { metric: MARK }),
                              <Verbatim>{s.targets.find((x) => x.id === tb.targetId)?.metric}</Verbatim>,
                            )
                          : t(`tieBreaks.${tb.kind}`)}
                      </span>
                    )),
                  },
                  {
                    key: 'evidence',
                    label: t('evidence'),
                    children: (
                      <>
                        <Verbatim>{s.evidence}</Verbatim>
                        {s.evidenceRequired && <div>{t('teamSide.evidenceRequired')}</div>}
                      </>
                    ),
                  },
                  { key: 'source', label: t('scoreSource'), children: t(`scoreSources.${s.scoreSource}`) },
                  {
                    key: 'targets',
                    label: t('targets'),
                    children: (
                      <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                        {s.targets.map((x) => (
                          <li key={x.id}>
                            <Verbatim>
                              {x.metric} {requirement(x)}
                            </Verbatim>
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]}
              />
              {pool && (
                <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('pool', {
                    pool: yuan(pool.poolFen),
                    share: pool.sharePercent,
                    weights: pool.rankWeights.join(' : '),
                  })}
                </Typography.Paragraph>
              )}
            </Card>
          );
        })}
      </Flex>
    </Card>
  );
}

/** One gate: when and how it was decided, its ranking, the viewer's explanations, objections and actions. */
function GateCard({ board, gate: g }: { board: RaceBoard; gate: Gate }) {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const { session } = useSession();
  const lang = i18n.language;
  const name = teamNamer(board.teams, lang);
  const stage = board.stages.find((s) => s.no === g.stageNo);
  const writes = useRaceWrites(board.id);
  const [form] = Form.useForm<{ text: string }>();
  const origin = g.scoreOrigin;
  return (
    <Card
      size="small"
      type="inner"
      title={
        <h3 style={HEADING}>
          {t('gateN', { n: g.stageNo })} · {t(`gateStates.${g.state}`)}
        </h3>
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'proposed', label: t('proposedAt'), children: <DateText iso={g.proposedAt} /> },
          { key: 'notice', label: t('noticeEndsAt'), children: <DateText iso={g.noticeEndsAt} /> },
          { key: 'decided', label: t('decidedAt'), children: <DateText iso={g.decidedAt} /> },
          { key: 'seed', label: t('seed'), children: <Typography.Text code>{g.seed}</Typography.Text> },
          {
            key: 'origin',
            label: t('scoreOrigin'),
            children:
              origin.kind === 'manual' ? (
                t('scoreSources.manual')
              ) : (
                <span data-testid={`origin-${g.stageNo}`}>
                  {t('scoreOriginDecision', {
                    version: origin.version,
                    sha: origin.inputsSha256.slice(0, 12),
                  })}
                </span>
              ),
          },
          { key: 'repro', label: t('reproducible'), children: g.reproducible ? t('yes') : t('no') },
          { key: 'rule', label: t('rule'), children: stage ? ruleText(t, stage) : g.rule },
        ]}
      />
      {g.withdrawReason && (
        <Alert
          type="info"
          message={around(t('withdrawnBecause', { reason: MARK }), <Verbatim>{g.withdrawReason}</Verbatim>)}
        />
      )}
      <PlainTable
        label={t('rankingCaption', { n: g.stageNo })}
        rowKey="teamId"
        dataSource={g.board}
        columns={[
          { title: t('rank'), dataIndex: 'rank', align: 'right' },
          { title: t('team'), key: 'team', render: (_, r) => <span translate="no">{name(r.teamId)}</span> },
          { title: t('meanScore'), key: 'mean', align: 'right', render: (_, r) => r.meanScore ?? '—' },
          {
            title: t('targets'),
            key: 'targets',
            render: (_, r) => t('targetsMet', { met: r.targetsMet, total: r.targetsTotal }),
          },
          {
            title: t('decision'),
            key: 'decision',
            render: (_, r) => (
              <>
                {r.advanced ? t('advanced') : t('out')}
                {r.tieBrokenBy && (
                  <Typography.Text type="secondary">
                    {' '}
                    ({t('tieBrokenBy', { by: r.tieBrokenBy })})
                  </Typography.Text>
                )}
              </>
            ),
          },
        ]}
      />
      {g.explanations.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Title level={4} style={{ fontSize: 15 }}>
            {t('explanations')}
          </Typography.Title>
          {g.explanations.map((e) => (
            <div key={e.teamId} style={{ marginBottom: 8 }}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>
                <strong translate="no">{name(e.teamId)}</strong> —{' '}
                {t(`reasons.${e.reasonCode}`, {
                  rank: e.rank,
                  n: g.board.length,
                  mean: e.meanScore ?? '—',
                  k: stage && 'k' in stage.rule ? stage.rule.k : '',
                  min: stage && 'minScore' in stage.rule ? stage.rule.minScore : '',
                })}
              </Typography.Paragraph>
              <div>
                {t('scores')}: {e.scores.join(', ') || '—'}
              </div>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {e.targets.map((x) => {
                  const target = stage?.targets.find((s) => s.id === x.targetId);
                  return (
                    <li key={x.targetId}>
                      <Verbatim>
                        {target?.metric ?? '—'}: {x.measured ?? '—'} {target && <>({requirement(target)})</>}
                      </Verbatim>{' '}
                      <Tag color={x.met ? 'success' : 'error'}>{x.met ? t('met') : t('notMet')}</Tag>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      )}
      {g.objections.length > 0 && (
        <List
          size="small"
          dataSource={g.objections}
          renderItem={(o) => (
            <List.Item key={o.id}>
              <span>
                <Verbatim>{o.text}</Verbatim> — {t(`objectionStates.${o.state}`)}
                {o.resolution && <Verbatim>: {o.resolution}</Verbatim>}
              </span>
            </List.Item>
          )}
        />
      )}
      {g.noticeOpen && session?.person && board.viewer.mayObject && (
        <Form
          form={form}
          layout="vertical"
          style={{ marginTop: 12 }}
          onFinish={async (v) => {
            try {
              await writes.object.mutateAsync({ gateId: g.id, text: v.text });
              form.resetFields();
              message.success(t('objected'));
            } catch (e) {
              if (!showFieldError(form, e)) message.error(errorText(e));
            }
          }}
        >
          <Form.Item name="text" label={t('objection')} extra={t('objectionWhoHint')}>
            <Input.TextArea rows={2} maxLength={5000} />
          </Form.Item>
          <Button htmlType="submit" loading={writes.object.isPending}>
            {t('raiseObjection')}
          </Button>
        </Form>
      )}
      {g.state === 'proposed' && board.viewer.organizer && (
        <Flex style={{ marginTop: 12 }}>
          <ConfirmButton
            type="primary"
            effect={t('finalizeEffect')}
            onConfirm={async () => {
              try {
                await writes.finalize.mutateAsync(g.id);
                message.success(t('finalized'));
              } catch (e) {
                message.error(errorText(e));
              }
            }}
          >
            {t('finalize')}
          </ConfirmButton>
        </Flex>
      )}
    </Card>
  );
}

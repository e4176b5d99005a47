// The organizer console on the race board: record a stage's evaluation inputs per team, propose
// a gate decision, resolve objections, and withdraw, merge or end early with a reason. Each form
// keeps its own error; the server's field name is prefixed with the form's so that the error
// shows next to the right field even when two forms share a field name (e.g. "reason").
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { pick, requirement, splitList, yuan } from '../challenges/format.ts';
import {
  ErrorBanner,
  Field,
  type FormErrorState,
  Notice,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';
import { type RaceBoard, teamName } from './RacePage.tsx';
import './race.i18n.ts';

/** The server's error with its field renamed into this form's names (`prefix.field`), trimmed to a known one. */
export function scopeError(err: unknown, prefix: string, known: string[]): FormErrorState {
  const e = toFormError(err);
  if (!e.field) return e;
  const parts = e.field.split('.');
  while (parts.length > 0) {
    const name = `${prefix}.${parts.join('.')}`;
    if (known.includes(name)) return { ...e, field: name };
    parts.pop();
  }
  return e;
}

/** One console form: its busy flag, its error and its success notice. */
export function useAction(prefix: string, known: string[], onChange: () => Promise<void>) {
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (e: FormEvent, fn: () => Promise<unknown>, message: string) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone('');
    try {
      await fn();
      await onChange();
      setDone(message);
      return true;
    } catch (err) {
      setError(scopeError(err, prefix, known));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, done, busy, run };
}

/** An action form's end: its error, its success notice and the submit button (busy while it runs). */
function Outcome({
  a,
  label,
  disabled = false,
}: {
  a: ReturnType<typeof useAction>;
  label: string;
  disabled?: boolean;
}) {
  return (
    <>
      <ErrorBanner error={a.error} />
      {a.done && <Notice>{a.done}</Notice>}
      <button type="submit" disabled={a.busy || disabled}>
        {label}
      </button>
    </>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel no-print" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}

interface Props {
  board: RaceBoard;
  onChange: () => Promise<void>;
}

export function RaceConsole({ board, onChange }: Props) {
  const { t } = useTranslation();
  if (board.state === 'finished' || board.state === 'ended_early') return null;
  return (
    <section aria-labelledby="h-console" className="race-console">
      <h2 id="h-console">{t('race.console.title')}</h2>
      <p className="hint">{t('race.console.intro')}</p>
      {board.state === 'setup' && (
        <>
          <InviteForm board={board} onChange={onChange} />
          <StartForm board={board} onChange={onChange} />
        </>
      )}
      {board.state === 'running' && (
        <>
          <EvaluationForm board={board} onChange={onChange} />
          <ProposeGateForm board={board} onChange={onChange} />
          <WithdrawGateForm board={board} onChange={onChange} />
        </>
      )}
      <ObjectionForms board={board} onChange={onChange} />
      {board.state === 'running' && (
        <>
          <WithdrawForm board={board} onChange={onChange} />
          <MergeForm board={board} onChange={onChange} />
          <EndEarlyForm board={board} onChange={onChange} />
        </>
      )}
    </section>
  );
}

const activeTeams = (board: RaceBoard) => board.teams.filter((x) => x.status === 'active');

interface BidRow {
  id: string;
  state: string;
  commanderName: string;
  budgetFen: number;
}

/** Before the start: invite a further submitted bid of the challenge into the field. */
function InviteForm({ board, onChange }: Props) {
  const { t } = useTranslation();
  const [bids, setBids] = useState<BidRow[] | null>(null);
  const [bidId, setBidId] = useState('');
  const a = useAction('invite', ['invite.bidId'], onChange);
  const inRace = new Set(board.teams.map((x) => x.bidId));
  useEffect(() => {
    api<{ items: BidRow[] }>('GET', `/api/challenges/${board.challenge.id}/bids?pageSize=200`)
      .then((r) => setBids(r.items))
      .catch(() => setBids([]));
  }, [board.challenge.id]);
  const open = (bids ?? []).filter(
    (b) => !inRace.has(b.id) && ['submitted', 'not_selected', 'awarded'].includes(b.state),
  );
  const chosen = open.some((b) => b.id === bidId) ? bidId : (open[0]?.id ?? '');
  return (
    <Panel id="h-console-invite" title={t('race.console.invite')}>
      {open.length === 0 ? (
        <>
          {a.done && <Notice>{a.done}</Notice>}
          <p className="hint">{t('race.console.noneToInvite')}</p>
        </>
      ) : (
        <form
          onSubmit={(e) =>
            a.run(
              e,
              () => api('POST', `/api/races/${board.id}/invite`, { bidId: chosen }),
              t('race.console.invited'),
            )
          }
        >
          <SelectField
            label={t('race.console.bid')}
            name="invite.bidId"
            error={a.error}
            value={chosen}
            onChange={(e) => setBidId(e.target.value)}
            options={open.map((b) => ({
              value: b.id,
              label: `${b.commanderName} · ${yuan(b.budgetFen)} · ${t(`race.console.bidStates.${b.state}`)}`,
            }))}
          />
          <Outcome a={a} label={t('race.console.inviteButton')} />
        </form>
      )}
    </Panel>
  );
}

/** Start the race: signing tranches go to the whole field. */
function StartForm({ board, onChange }: Props) {
  const { t } = useTranslation();
  const a = useAction('start', [], onChange);
  return (
    <Panel id="h-console-start" title={t('race.console.start')}>
      <form
        onSubmit={(e) =>
          a.run(e, () => api('POST', `/api/races/${board.id}/start`, {}), t('race.console.started'))
        }
      >
        <p className="hint">
          {t('race.console.startHint', {
            n: board.teams.length,
            pool: yuan(board.tranchePlan.signingPoolFen),
          })}
        </p>
        <Outcome a={a} label={t('race.console.startButton')} />
      </form>
    </Panel>
  );
}

/** Withdraw a proposed gate decision, with the reason (the stage's lot is kept for the next proposal). */
function WithdrawGateForm({ board, onChange }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const a = useAction('withdrawGate', ['withdrawGate.reason'], onChange);
  const gate = board.gates.find((g) => g.state === 'proposed');
  if (!gate) return null;
  return (
    <Panel id="h-console-withdraw-gate" title={t('race.console.withdrawGate', { n: gate.stageNo })}>
      <form
        onSubmit={async (e) => {
          if (
            await a.run(
              e,
              () => api('POST', `/api/races/${board.id}/gates/${gate.id}/withdraw`, { reason }),
              t('race.console.gateWithdrawn'),
            )
          )
            setReason('');
        }}
      >
        <TextAreaField
          label={t('race.console.reason')}
          hint={t('race.console.withdrawGateHint')}
          name="withdrawGate.reason"
          rows={2}
          required
          error={a.error}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Outcome a={a} label={t('race.console.withdrawGateButton')} />
      </form>
    </Panel>
  );
}

function EvaluationForm({ board, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const open = board.stages.filter(
    (s) => !board.gates.some((g) => g.stageNo === s.no && g.state !== 'withdrawn'),
  );
  const teams = activeTeams(board);
  const [stageNo, setStageNo] = useState(String(open[0]?.no ?? board.stages[0]?.no ?? 1));
  const [teamId, setTeamId] = useState(teams[0]?.id ?? '');
  const [measured, setMeasured] = useState<Record<string, string>>({});
  const [scores, setScores] = useState('');
  const [evidence, setEvidence] = useState('');
  const stage = board.stages.find((s) => String(s.no) === stageNo);
  const targets = stage?.targets ?? [];
  const known = [
    'eval.stageNo',
    'eval.teamId',
    'eval.scores',
    'eval.evidence',
    'eval.measured',
    ...targets.map((x) => `eval.measured.${x.id}`),
  ];
  const a = useAction('eval', known, onChange);
  const recorded = board.evaluations.filter((e) => String(e.stageNo) === stageNo);
  const name = (id: string) => {
    const team = board.teams.find((x) => x.id === id);
    return team ? teamName(team, lang) : id;
  };
  const submit = async (e: FormEvent) => {
    const body = {
      measured: Object.fromEntries(
        targets.filter((x) => (measured[x.id] ?? '').trim() !== '').map((x) => [x.id, measured[x.id].trim()]),
      ),
      scores: splitList(scores),
      evidence,
    };
    const ok = await a.run(
      e,
      () => api('PUT', `/api/races/${board.id}/stages/${stageNo}/evaluations/${teamId}`, body),
      t('race.console.evaluated', { team: name(teamId) }),
    );
    if (ok) {
      setMeasured({});
      setScores('');
      setEvidence('');
    }
  };
  return (
    <Panel id="h-console-eval" title={t('race.console.evaluations')}>
      <form onSubmit={submit}>
        <SelectField
          label={t('race.console.stage')}
          name="eval.stageNo"
          error={a.error}
          value={stageNo}
          onChange={(e) => setStageNo(e.target.value)}
          options={board.stages.map((s) => ({
            value: String(s.no),
            label: `${t('race.gateN', { n: s.no })} · ${pick(lang, s.titleZh, s.titleEn)}`,
          }))}
        />
        <SelectField
          label={t('race.team')}
          name="eval.teamId"
          error={a.error}
          value={teamId}
          onChange={(e) => setTeamId(e.target.value)}
          options={teams.map((x) => ({ value: x.id, label: teamName(x, lang) }))}
        />
        {targets.map((x) => (
          <Field
            key={x.id}
            label={t('race.console.measured', { metric: x.metric, unit: x.unit })}
            hint={requirement(x)}
            name={`eval.measured.${x.id}`}
            error={a.error}
            inputMode="decimal"
            value={measured[x.id] ?? ''}
            onChange={(e) => setMeasured({ ...measured, [x.id]: e.target.value })}
          />
        ))}
        <Field
          label={t('race.console.scores')}
          hint={t('race.console.scoresHint')}
          name="eval.scores"
          error={a.error}
          value={scores}
          onChange={(e) => setScores(e.target.value)}
        />
        <TextAreaField
          label={t('race.console.evidence')}
          name="eval.evidence"
          rows={2}
          error={a.error}
          value={evidence}
          onChange={(e) => setEvidence(e.target.value)}
        />
        <Outcome a={a} label={t('race.console.record')} disabled={!teamId} />
      </form>
      <table>
        <caption>{t('race.console.recorded', { n: stageNo })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('race.team')}</th>
            <th scope="col">{t('race.targets')}</th>
            <th scope="col">{t('race.scores')}</th>
          </tr>
        </thead>
        <tbody>
          {recorded.map((r) => (
            <tr key={r.teamId} data-testid="recorded-evaluation">
              <th scope="row">{name(r.teamId)}</th>
              <td>{targets.map((x) => `${x.metric}: ${r.measured[x.id] ?? '—'}`).join('; ')}</td>
              <td>{r.scores.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

function ProposeGateForm({ board, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const open = board.stages.filter(
    (s) => !board.gates.some((g) => g.stageNo === s.no && g.state !== 'withdrawn'),
  );
  const [stageNo, setStageNo] = useState(String(open[0]?.no ?? ''));
  const a = useAction('gate', ['gate.stageNo'], onChange);
  const chosen = open.some((s) => String(s.no) === stageNo) ? stageNo : String(open[0]?.no ?? '');
  if (open.length === 0) return null;
  return (
    <Panel id="h-console-gate" title={t('race.console.propose')}>
      <form
        onSubmit={(e) =>
          a.run(
            e,
            () => api('POST', `/api/races/${board.id}/stages/${chosen}/gate`, {}),
            t('race.console.proposed', { n: chosen }),
          )
        }
      >
        <SelectField
          label={t('race.console.stage')}
          name="gate.stageNo"
          error={a.error}
          value={chosen}
          onChange={(e) => setStageNo(e.target.value)}
          options={open.map((s) => ({
            value: String(s.no),
            label: `${t('race.gateN', { n: s.no })} · ${pick(i18n.language, s.titleZh, s.titleEn)}`,
          }))}
        />
        <p className="hint">{t('race.console.proposeHint')}</p>
        <Outcome a={a} label={t('race.console.proposeButton')} />
      </form>
    </Panel>
  );
}

function ObjectionForms({ board, onChange }: Props) {
  const { t } = useTranslation();
  const open = board.gates.flatMap((g) =>
    g.objections.filter((o) => o.state === 'open').map((o) => ({ gate: g, objection: o })),
  );
  if (open.length === 0) return null;
  return (
    <Panel id="h-console-objections" title={t('race.console.objections')}>
      {open.map(({ gate, objection }) => (
        <ResolveForm key={objection.id} gateNo={gate.stageNo} objection={objection} onChange={onChange} />
      ))}
    </Panel>
  );
}

function ResolveForm({
  gateNo,
  objection,
  onChange,
}: {
  gateNo: number;
  objection: { id: string; text: string };
  onChange: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const prefix = `resolve-${objection.id}`;
  const [decision, setDecision] = useState('dismissed');
  const [resolution, setResolution] = useState('');
  const a = useAction(prefix, [`${prefix}.decision`, `${prefix}.resolution`], onChange);
  return (
    <form
      onSubmit={(e) =>
        a.run(
          e,
          () => api('POST', `/api/race-objections/${objection.id}/resolve`, { decision, resolution }),
          t('race.console.resolved'),
        )
      }
    >
      <p>
        {t('race.gateN', { n: gateNo })}: {objection.text}
      </p>
      <SelectField
        label={t('race.console.decision')}
        name={`${prefix}.decision`}
        error={a.error}
        value={decision}
        onChange={(e) => setDecision(e.target.value)}
        options={[
          { value: 'dismissed', label: t('race.objectionStates.dismissed') },
          { value: 'upheld', label: t('race.objectionStates.upheld') },
        ]}
      />
      <TextAreaField
        label={t('race.console.resolution')}
        name={`${prefix}.resolution`}
        rows={2}
        required
        error={a.error}
        value={resolution}
        onChange={(e) => setResolution(e.target.value)}
      />
      <Outcome a={a} label={t('race.console.resolve')} />
    </form>
  );
}

function WithdrawForm({ board, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const teams = activeTeams(board);
  const [teamId, setTeamId] = useState('');
  const [reason, setReason] = useState('');
  const a = useAction('withdraw', ['withdraw.teamId', 'withdraw.reason'], onChange);
  const chosen = teams.some((x) => x.id === teamId) ? teamId : (teams[0]?.id ?? '');
  if (teams.length === 0) return null;
  return (
    <Panel id="h-console-withdraw" title={t('race.console.withdraw')}>
      <form
        onSubmit={async (e) => {
          if (
            await a.run(
              e,
              () => api('POST', `/api/races/${board.id}/teams/${chosen}/withdraw`, { reason }),
              t('race.console.withdrawn'),
            )
          )
            setReason('');
        }}
      >
        <SelectField
          label={t('race.team')}
          name="withdraw.teamId"
          error={a.error}
          value={chosen}
          onChange={(e) => setTeamId(e.target.value)}
          options={teams.map((x) => ({ value: x.id, label: teamName(x, i18n.language) }))}
        />
        <TextAreaField
          label={t('race.console.reason')}
          name="withdraw.reason"
          rows={2}
          required
          error={a.error}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Outcome a={a} label={t('race.console.withdrawButton')} />
      </form>
    </Panel>
  );
}

function MergeForm({ board, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const teams = activeTeams(board);
  const [into, setInto] = useState('');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const a = useAction('merge', ['merge.intoTeamId', 'merge.fromTeamId', 'merge.reason'], onChange);
  if (teams.length < 2) return null;
  const options = teams.map((x) => ({ value: x.id, label: teamName(x, i18n.language) }));
  const intoId = teams.some((x) => x.id === into) ? into : teams[0].id;
  const fromId = teams.some((x) => x.id === from) ? from : teams[1].id;
  return (
    <Panel id="h-console-merge" title={t('race.console.merge')}>
      <form
        onSubmit={async (e) => {
          if (
            await a.run(
              e,
              () =>
                api('POST', `/api/races/${board.id}/merge`, {
                  intoTeamId: intoId,
                  fromTeamId: fromId,
                  reason,
                }),
              t('race.console.merged'),
            )
          )
            setReason('');
        }}
      >
        <SelectField
          label={t('race.console.into')}
          name="merge.intoTeamId"
          error={a.error}
          value={intoId}
          onChange={(e) => setInto(e.target.value)}
          options={options}
        />
        <SelectField
          label={t('race.console.from')}
          name="merge.fromTeamId"
          error={a.error}
          value={fromId}
          onChange={(e) => setFrom(e.target.value)}
          options={options}
        />
        <TextAreaField
          label={t('race.console.reason')}
          name="merge.reason"
          rows={2}
          required
          error={a.error}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Outcome a={a} label={t('race.console.mergeButton')} />
      </form>
    </Panel>
  );
}

function EndEarlyForm({ board, onChange }: Props) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const a = useAction('end', ['end.reason'], onChange);
  return (
    <Panel id="h-console-end" title={t('race.console.end')}>
      <form
        onSubmit={(e) =>
          a.run(e, () => api('POST', `/api/races/${board.id}/end`, { reason }), t('race.console.ended'))
        }
      >
        <TextAreaField
          label={t('race.console.reason')}
          name="end.reason"
          rows={2}
          required
          error={a.error}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <Outcome a={a} label={t('race.console.endButton')} />
      </form>
    </Panel>
  );
}

// The team's side of the race board (commander and members): submit the team's own evidence for
// the open stage — text and files already attached to its task book — and, for the commander,
// withdraw the team with a reason. Each form keeps its own error, named by the server's field.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { dateTime, toggled } from '../challenges/format.ts';
import { ErrorBanner, Notice, TextAreaField } from '../forms.tsx';
import { useAction } from './RaceConsole.tsx';
import { type RaceBoard, teamName } from './RacePage.tsx';
import './race.i18n.ts';

interface Props {
  board: RaceBoard;
  onChange: () => Promise<void>;
}
interface Attachment {
  id: string;
  fileName: string;
}

/** The open stage: the first without a final gate, if its gate is not already proposed. */
function openStage(board: RaceBoard) {
  const s = board.stages.find((x) => !board.gates.some((g) => g.stageNo === x.no && g.state === 'final'));
  if (!s || board.gates.some((g) => g.stageNo === s.no && g.state === 'proposed')) return null;
  return s;
}

export function RaceTeamPanel({ board, onChange }: Props) {
  const { t, i18n } = useTranslation();
  const mine = board.teams.filter((x) => x.mine && x.status === 'active');
  if (board.state !== 'running' || mine.length === 0) return null;
  return (
    <section aria-labelledby="h-team" className="race-team no-print">
      <h2 id="h-team">{t('race.teamSide.title')}</h2>
      {mine.map((team) => (
        <div key={team.id} className="panel">
          <h3>{teamName(team, i18n.language)}</h3>
          <EvidenceForm board={board} teamId={team.id} bidId={team.bidId} onChange={onChange} />
          {board.viewer.commands.includes(team.id) && (
            <WithdrawTeamForm board={board} teamId={team.id} onChange={onChange} />
          )}
        </div>
      ))}
    </section>
  );
}

function EvidenceForm({ board, teamId, bidId, onChange }: Props & { teamId: string; bidId: string }) {
  const { t, i18n } = useTranslation();
  const stage = openStage(board);
  const prior = board.teamEvidence.find((e) => e.teamId === teamId && e.stageNo === stage?.no);
  const [text, setText] = useState(prior?.text ?? '');
  const [chosen, setChosen] = useState<string[]>(prior?.attachmentIds ?? []);
  const [book, setBook] = useState<{ id: string; attachments: Attachment[] } | null>(null);
  const a = useAction('evidence', ['evidence.text', 'evidence.attachmentIds'], onChange);
  useEffect(() => {
    (async () => {
      const c = await api<{ taskBooks: { id: string; bidId: string }[] }>(
        'GET',
        `/api/challenges/${board.challenge.id}`,
      );
      const tb = c.taskBooks.find((x) => x.bidId === bidId);
      if (!tb) return;
      const full = await api<{ attachments: Attachment[] }>('GET', `/api/task-books/${tb.id}`);
      setBook({ id: tb.id, attachments: full.attachments ?? [] });
    })().catch(() => setBook(null));
  }, [board.challenge.id, bidId]);
  if (!stage) return null;
  const n = stage.no;
  return (
    <form
      aria-labelledby={`h-evidence-${teamId}`}
      onSubmit={(e) =>
        a.run(
          e,
          () =>
            api('PUT', `/api/races/${board.id}/stages/${n}/evidence/${teamId}`, {
              text,
              attachmentIds: chosen,
            }),
          t('race.teamSide.evidenceSaved'),
        )
      }
    >
      <h4 id={`h-evidence-${teamId}`}>{t('race.teamSide.evidence', { n })}</h4>
      <p className="hint">
        {stage.evidence}
        {stage.evidenceRequired && <> — {t('race.teamSide.evidenceRequired')}</>}
      </p>
      {prior && <p>{t('race.teamSide.submitted', { at: dateTime(prior.submittedAt, i18n.language) })}</p>}
      <TextAreaField
        label={t('race.teamSide.evidenceText')}
        name="evidence.text"
        rows={3}
        required
        error={a.error}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <fieldset
        aria-describedby={
          a.error?.field === 'evidence.attachmentIds' ? `f-evidence-${teamId}-files-err` : undefined
        }
      >
        <legend>{t('race.teamSide.attachments')}</legend>
        <p className="hint">
          {t('race.teamSide.attachmentsHint')}{' '}
          {book && <Link to={`/task-books/${book.id}`}>{book.id.slice(0, 8)}</Link>}
        </p>
        {book?.attachments.length ? (
          book.attachments.map((f) => (
            <label key={f.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(f.id)}
                onChange={(e) => setChosen(toggled(chosen, f.id, e.target.checked))}
              />{' '}
              {f.fileName}
            </label>
          ))
        ) : (
          <p className="hint">{t('race.teamSide.noAttachments')}</p>
        )}
        {a.error?.field === 'evidence.attachmentIds' && (
          <small id={`f-evidence-${teamId}-files-err`} className="error" role="alert">
            {a.error.message}
          </small>
        )}
      </fieldset>
      <ErrorBanner error={a.error} />
      {a.done && <Notice>{a.done}</Notice>}
      <button type="submit" disabled={a.busy}>
        {t('race.teamSide.submitEvidence')}
      </button>
    </form>
  );
}

function WithdrawTeamForm({ board, teamId, onChange }: Props & { teamId: string }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const a = useAction('teamWithdraw', ['teamWithdraw.reason'], onChange);
  return (
    <form
      aria-labelledby={`h-team-withdraw-${teamId}`}
      onSubmit={(e) =>
        a.run(
          e,
          () => api('POST', `/api/races/${board.id}/teams/${teamId}/withdraw`, { reason }),
          t('race.teamSide.withdrawn'),
        )
      }
    >
      <h4 id={`h-team-withdraw-${teamId}`}>{t('race.teamSide.withdraw')}</h4>
      <p className="hint">{t('race.teamSide.withdrawHint')}</p>
      <TextAreaField
        label={t('race.teamSide.reason')}
        name="teamWithdraw.reason"
        rows={2}
        required
        error={a.error}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorBanner error={a.error} />
      {a.done && <Notice>{a.done}</Notice>}
      <button type="submit" disabled={a.busy}>
        {t('race.teamSide.withdrawButton')}
      </button>
    </form>
  );
}

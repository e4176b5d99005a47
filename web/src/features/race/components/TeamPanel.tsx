// The team's side of the race board (commander and members): submit the team's own evidence for
// the open stage — text and files already attached to its task book — and, for the commander,
// withdraw the team with a reason.
import { App, Button, Card, Checkbox, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { dateTime } from '../../../lib/format.ts';
import { type RaceBoard, type Team, useRaceWrites, useTeamTaskBook } from '../api.ts';
import { NS } from '../i18n.ts';
import { HEADING, teamName } from './names.ts';
import { Verbatim } from './Verbatim.tsx';

interface Props {
  board: RaceBoard;
}

/** The open stage: the first without a final gate, if its gate is not already proposed. */
function openStage(board: RaceBoard) {
  const s = board.stages.find((x) => !board.gates.some((g) => g.stageNo === x.no && g.state === 'final'));
  if (!s || board.gates.some((g) => g.stageNo === s.no && g.state === 'proposed')) return null;
  return s;
}

export function TeamPanel({ board }: Props) {
  const { t, i18n } = useTranslation(NS);
  const mine = board.teams.filter((x) => x.mine && x.status === 'active');
  if (board.state !== 'running' || mine.length === 0) return null;
  return (
    <section aria-labelledby="h-team" className="no-print">
      <Card
        size="small"
        title={
          <h2 id="h-team" style={HEADING}>
            {t('teamSide.title')}
          </h2>
        }
      >
        <Flex vertical gap="middle">
          {mine.map((team) => (
            <Card
              key={team.id}
              size="small"
              type="inner"
              title={
                <h3 style={HEADING} translate="no">
                  {teamName(team, i18n.language)}
                </h3>
              }
            >
              <EvidenceForm board={board} team={team} />
              {board.viewer.commands.includes(team.id) && <WithdrawTeamForm board={board} team={team} />}
            </Card>
          ))}
        </Flex>
      </Card>
    </section>
  );
}

function EvidenceForm({ board, team }: Props & { team: Team }) {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ text: string; attachmentIds: string[] }>();
  const writes = useRaceWrites(board.id);
  const stage = openStage(board);
  const book = useTeamTaskBook(board.challenge.id, team.bidId);
  if (!stage) return null;
  const prior = board.teamEvidence.find((e) => e.teamId === team.id && e.stageNo === stage.no);
  const files = book.data?.attachments ?? [];
  const headingId = `h-evidence-${team.entryNo}`;
  return (
    <section aria-labelledby={headingId}>
      <Typography.Title level={4} id={headingId} style={{ fontSize: 15 }}>
        {t('teamSide.evidence', { n: stage.no })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        <Verbatim>{stage.evidence}</Verbatim>
        {stage.evidenceRequired && <> — {t('teamSide.evidenceRequired')}</>}
      </Typography.Paragraph>
      {prior && (
        <Typography.Paragraph>
          {t('teamSide.submitted', { at: dateTime(prior.submittedAt, i18n.language) })}
        </Typography.Paragraph>
      )}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ text: prior?.text ?? '', attachmentIds: prior?.attachmentIds ?? [] }}
        onFinish={async (v) => {
          try {
            await writes.evidence.mutateAsync({
              stageNo: stage.no,
              teamId: team.id,
              body: { text: v.text, attachmentIds: v.attachmentIds ?? [] },
            });
            message.success(t('teamSide.evidenceSaved'));
          } catch (e) {
            if (!showFieldError(form, e)) message.error(errorText(e));
          }
        }}
      >
        <Form.Item
          name="text"
          label={t('teamSide.evidenceText')}
          rules={[{ required: true, message: t('create.required') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} />
        </Form.Item>
        <Form.Item
          name="attachmentIds"
          label={t('teamSide.attachments')}
          extra={
            <>
              {t('teamSide.attachmentsHint')}{' '}
              {book.data && <Link to={`/task-books/${book.data.id}`}>{t('teamSide.taskBook')}</Link>}
            </>
          }
        >
          {files.length > 0 ? (
            <Checkbox.Group
              options={files.map((f) => ({ value: f.id, label: <Verbatim>{f.fileName}</Verbatim> }))}
            />
          ) : (
            <Typography.Text type="secondary">{t('teamSide.noAttachments')}</Typography.Text>
          )}
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={writes.evidence.isPending}>
          {t('teamSide.submitEvidence')}
        </Button>
      </Form>
    </section>
  );
}

function WithdrawTeamForm({ board, team }: Props & { team: Team }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const writes = useRaceWrites(board.id);
  const headingId = `h-team-withdraw-${team.entryNo}`;
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await writes.withdrawTeam.mutateAsync({ teamId: team.id, reason: v.reason });
      message.success(t('teamSide.withdrawn'));
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <section aria-labelledby={headingId} style={{ marginTop: 16 }}>
      <Typography.Title level={4} id={headingId} style={{ fontSize: 15 }}>
        {t('teamSide.withdraw')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('teamSide.withdrawHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('teamSide.reason')}
          rules={[{ required: true, message: t('create.required') }]}
        >
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <ConfirmButton danger effect={t('teamSide.withdrawEffect')} onConfirm={submit}>
          {t('teamSide.withdrawButton')}
        </ConfirmButton>
      </Form>
    </section>
  );
}

// The organizer console on the race board: invite a further team and start the race; record a
// stage's evaluation inputs per team, propose a gate decision or withdraw it; resolve objections;
// withdraw, merge or end early with a reason. Teams, stages and bids are chosen by name. Each form
// shows the server's field errors on its own fields.
import { App, Button, Card, Flex, Form, type FormInstance, Input, Select, Typography } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { money } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { type RaceBoard, useInvitableBids, useRaceWrites } from '../api.ts';
import { NS } from '../i18n.ts';
import { HEADING, requirement, teamName, teamNamer } from './names.ts';
import { around, MARK, Verbatim } from './Verbatim.tsx';

interface Props {
  board: RaceBoard;
}

export function RaceConsole({ board }: Props) {
  const { t } = useTranslation(NS);
  if (board.state === 'finished' || board.state === 'ended_early') return null;
  return (
    <Card size="small" title={<h2 style={HEADING}>{t('console.title')}</h2>} className="no-print">
      <Typography.Paragraph type="secondary">{t('console.intro')}</Typography.Paragraph>
      <Flex vertical gap="middle">
        {board.state === 'setup' && (
          <>
            <InviteForm board={board} />
            <StartForm board={board} />
          </>
        )}
        {board.state === 'running' && (
          <>
            <EvaluationForm board={board} />
            <ProposeGateForm board={board} />
            <WithdrawGateForm board={board} />
          </>
        )}
        <ObjectionForms board={board} />
        {board.state === 'running' && (
          <>
            <WithdrawForm board={board} />
            <MergeForm board={board} />
            <EndEarlyForm board={board} />
          </>
        )}
      </Flex>
    </Card>
  );
}

/** A console section: a labelled region with its heading. */
function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Card
        size="small"
        type="inner"
        title={
          <h3 id={id} style={HEADING}>
            {title}
          </h3>
        }
      >
        {children}
      </Card>
    </section>
  );
}

const activeTeams = (board: RaceBoard) => board.teams.filter((x) => x.status === 'active');
const openStages = (board: RaceBoard) =>
  board.stages.filter((s) => !board.gates.some((g) => g.stageNo === s.no && g.state !== 'withdrawn'));

/** Runs a write: on success says so; a field error goes onto the form's field, any other error to a message. */
function useRun() {
  const { message } = App.useApp();
  return async (
    form: Parameters<typeof showFieldError>[0] | null,
    fn: () => Promise<unknown>,
    done: string,
  ): Promise<boolean> => {
    try {
      await fn();
      message.success(done);
      return true;
    } catch (e) {
      if (!form || !showFieldError(form, e)) message.error(errorText(e));
      return false;
    }
  };
}

/** Before the start: invite a further submitted bid of the challenge into the field. */
function InviteForm({ board }: Props) {
  const { t, i18n } = useTranslation(NS);
  const [form] = Form.useForm<{ bidId: string }>();
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const bids = useInvitableBids(board.challenge.id);
  const inRace = new Set(board.teams.map((x) => x.bidId));
  const open = (bids.data ?? []).filter((b) => !inRace.has(b.id));
  const bidId = Form.useWatch('bidId', form);
  return (
    <Section id="h-console-invite" title={t('console.invite')}>
      {open.length === 0 ? (
        <Typography.Text type="secondary">{t('console.noneToInvite')}</Typography.Text>
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item name="bidId" label={t('console.bid')}>
            <Select
              style={{ maxWidth: 480 }}
              options={open.map((b) => ({
                value: b.id,
                label: (
                  <>
                    <Verbatim>
                      {nameIn(i18n.language, b.commander.nameZh, b.commander.nameEn)} ·{' '}
                      {nameIn(i18n.language, b.hostOrg.nameZh, b.hostOrg.nameEn)}
                    </Verbatim>{' '}
                    · {money(b.budgetFen)} · {t(`console.bidStates.${b.state}`)}
                  </>
                ),
              }))}
            />
          </Form.Item>
          <ConfirmButton
            disabled={!bidId}
            effect={t('console.inviteEffect')}
            onConfirm={() => run(form, () => writes.invite.mutateAsync(bidId), t('console.invited'))}
          >
            {t('console.inviteButton')}
          </ConfirmButton>
        </Form>
      )}
    </Section>
  );
}

/** Start the race: signing tranches go to the whole field. */
function StartForm({ board }: Props) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const facts = { n: board.teams.length, pool: money(board.tranchePlan.signingPoolFen) };
  return (
    <Section id="h-console-start" title={t('console.start')}>
      <Typography.Paragraph type="secondary">{t('console.startHint', facts)}</Typography.Paragraph>
      <ConfirmButton
        type="primary"
        effect={t('console.startEffect', facts)}
        onConfirm={() => run(null, () => writes.start.mutateAsync(undefined), t('console.started'))}
      >
        {t('console.startButton')}
      </ConfirmButton>
    </Section>
  );
}

interface EvalDraft {
  stageNo: number;
  teamId: string;
  measured: Record<string, string | undefined>;
  scores: string;
  evidence: string;
}

/** A stage's inputs per team: measured values of its targets, expert scores and evidence. */
function EvaluationForm({ board }: Props) {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const [form] = Form.useForm<EvalDraft>();
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const teams = activeTeams(board);
  const first = openStages(board)[0]?.no ?? board.stages[0]?.no ?? 1;
  const stageNo = Form.useWatch('stageNo', form) ?? first;
  const stage = board.stages.find((s) => s.no === stageNo);
  const targets = stage?.targets ?? [];
  const recorded = board.evaluations.filter((e) => e.stageNo === stageNo);
  const name = teamNamer(board.teams, lang);
  return (
    <Section id="h-console-eval" title={t('console.evaluations')}>
      <Form<EvalDraft>
        form={form}
        layout="vertical"
        initialValues={{ stageNo: first, teamId: teams[0]?.id, scores: '', evidence: '' }}
        onFinish={async (v) => {
          const measured = Object.fromEntries(
            targets
              .map((x) => [x.id, (v.measured?.[x.id] ?? '').trim()] as const)
              .filter(([, m]) => m !== ''),
          );
          const scores = (v.scores ?? '')
            .split(/[,，\s]+/)
            .map((s) => s.trim())
            .filter(Boolean);
          const ok = await run(
            form,
            () =>
              writes.evaluate.mutateAsync({
                stageNo: v.stageNo,
                teamId: v.teamId,
                body: { measured, scores, evidence: v.evidence ?? '', submittedAt: null },
              }),
            t('console.evaluated', { team: name(v.teamId) }),
          );
          if (ok) form.setFieldsValue({ measured: {}, scores: '', evidence: '' });
        }}
      >
        <Flex wrap gap="middle">
          <Form.Item name="stageNo" label={t('console.stage')} style={{ minWidth: 220 }}>
            <Select
              options={board.stages.map((s) => ({
                value: s.no,
                label: `${t('gateN', { n: s.no })} · ${nameIn(lang, s.titleZh, s.titleEn)}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="teamId" label={t('team')} style={{ minWidth: 260 }}>
            <Select
              options={teams.map((x) => ({ value: x.id, label: <Verbatim>{teamName(x, lang)}</Verbatim> }))}
            />
          </Form.Item>
        </Flex>
        {targets.map((x) => (
          <Form.Item
            key={x.id}
            name={['measured', x.id]}
            label={around(
              t('console.measured', { metric: MARK, unit: MARK }),
              <Verbatim>{x.metric}</Verbatim>,
              <Verbatim>{x.unit}</Verbatim>,
            )}
            extra={<Verbatim>{requirement(x)}</Verbatim>}
          >
            <Input inputMode="decimal" style={{ maxWidth: 200 }} />
          </Form.Item>
        ))}
        <Form.Item name="scores" label={t('console.scores')} extra={t('console.scoresHint')}>
          <Input style={{ maxWidth: 320 }} />
        </Form.Item>
        <Form.Item name="evidence" label={t('console.evidence')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Button htmlType="submit" loading={writes.evaluate.isPending} disabled={teams.length === 0}>
          {t('console.record')}
        </Button>
      </Form>
      <div style={{ marginTop: 12 }}>
        <PlainTable
          label={t('console.recorded', { n: stageNo })}
          title={() => t('console.recorded', { n: stageNo })}
          rowKey="teamId"
          dataSource={recorded}
          onRow={() => ({ 'data-testid': 'recorded-evaluation' }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('team'), key: 'team', render: (_, r) => <span translate="no">{name(r.teamId)}</span> },
            {
              title: t('targets'),
              key: 'targets',
              render: (_, r) => (
                <Verbatim>
                  {targets.map((x) => `${x.metric}: ${r.measured[x.id] ?? '—'}`).join('; ')}
                </Verbatim>
              ),
            },
            { title: t('scores'), key: 'scores', render: (_, r) => r.scores.join(', ') || '—' },
          ]}
        />
      </div>
    </Section>
  );
}

/** Rank a stage by the recorded inputs under the declared rule and open the notice. */
function ProposeGateForm({ board }: Props) {
  const { t, i18n } = useTranslation(NS);
  const [form] = Form.useForm<{ stageNo: number }>();
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const open = openStages(board);
  const chosen = Form.useWatch('stageNo', form);
  if (open.length === 0) return null;
  const stageNo = open.some((s) => s.no === chosen) ? chosen : open[0].no;
  return (
    <Section id="h-console-gate" title={t('console.propose')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ stageNo }}
        onFinish={() =>
          run(form, () => writes.propose.mutateAsync(stageNo), t('console.proposed', { n: stageNo }))
        }
      >
        <Form.Item name="stageNo" label={t('console.stage')} extra={t('console.proposeHint')}>
          <Select
            style={{ maxWidth: 320 }}
            options={open.map((s) => ({
              value: s.no,
              label: `${t('gateN', { n: s.no })} · ${nameIn(i18n.language, s.titleZh, s.titleEn)}`,
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={writes.propose.isPending}>
          {t('console.proposeButton')}
        </Button>
      </Form>
    </Section>
  );
}

/** A reason and a button: the withdraw-a-proposal, withdraw-a-team and end-early forms. */
function ReasonForm({
  onSubmit,
  button,
  hint,
  confirm,
  busy,
  children,
}: {
  onSubmit: (reason: string, form: FormInstance<{ reason: string }>) => Promise<boolean>;
  button: string;
  hint?: string;
  /** When given: the action asks first, stating this effect, and looks destructive. */
  confirm?: string;
  busy: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation(NS);
  const [form] = Form.useForm<{ reason: string }>();
  const submit = async () => {
    const v = await form.validateFields();
    if (await onSubmit(v.reason, form)) form.resetFields();
  };
  return (
    <Form form={form} layout="vertical" onFinish={confirm ? undefined : submit}>
      {children}
      <Form.Item
        name="reason"
        label={t('console.reason')}
        extra={hint}
        rules={[{ required: true, message: t('create.required') }]}
      >
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      {confirm ? (
        <ConfirmButton danger effect={confirm} onConfirm={submit}>
          {button}
        </ConfirmButton>
      ) : (
        <Button htmlType="submit" loading={busy}>
          {button}
        </Button>
      )}
    </Form>
  );
}

/** Withdraw a proposed gate decision, with the reason (the stage's lot is kept for the next proposal). */
function WithdrawGateForm({ board }: Props) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const gate = board.gates.find((g) => g.state === 'proposed');
  if (!gate) return null;
  return (
    <Section id="h-console-withdraw-gate" title={t('console.withdrawGate', { n: gate.stageNo })}>
      <ReasonForm
        button={t('console.withdrawGateButton')}
        hint={t('console.withdrawGateHint')}
        busy={writes.withdrawGate.isPending}
        onSubmit={(reason, form) =>
          run(
            form,
            () => writes.withdrawGate.mutateAsync({ gateId: gate.id, reason }),
            t('console.gateWithdrawn'),
          )
        }
      />
    </Section>
  );
}

function ObjectionForms({ board }: Props) {
  const { t } = useTranslation(NS);
  const open = board.gates.flatMap((g) =>
    g.objections.filter((o) => o.state === 'open').map((o) => ({ gate: g, objection: o })),
  );
  if (open.length === 0) return null;
  return (
    <Section id="h-console-objections" title={t('console.objections')}>
      <Flex vertical gap="middle">
        {open.map(({ gate, objection }) => (
          <ResolveForm key={objection.id} board={board} gateNo={gate.stageNo} objection={objection} />
        ))}
      </Flex>
    </Section>
  );
}

function ResolveForm({
  board,
  gateNo,
  objection,
}: Props & { gateNo: number; objection: { id: string; text: string } }) {
  const { t } = useTranslation(NS);
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; resolution: string }>();
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const submit = async () => {
    const v = await form.validateFields();
    await run(
      form,
      () => writes.resolve.mutateAsync({ objectionId: objection.id, body: v }),
      t('console.resolved'),
    );
  };
  return (
    <Form form={form} layout="vertical" initialValues={{ decision: 'dismissed', resolution: '' }}>
      <Typography.Paragraph>
        {t('gateN', { n: gateNo })}: <Verbatim>{objection.text}</Verbatim>
      </Typography.Paragraph>
      <Form.Item name="decision" label={t('console.decision')}>
        <Select
          style={{ maxWidth: 240 }}
          options={[
            { value: 'dismissed', label: t('objectionStates.dismissed') },
            { value: 'upheld', label: t('objectionStates.upheld') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="resolution"
        label={t('console.resolution')}
        rules={[{ required: true, message: t('create.required') }]}
      >
        <Input.TextArea rows={2} maxLength={5000} />
      </Form.Item>
      <ConfirmButton effect={t('console.resolveEffect')} onConfirm={submit}>
        {t('console.resolve')}
      </ConfirmButton>
    </Form>
  );
}

function WithdrawForm({ board }: Props) {
  const { t, i18n } = useTranslation(NS);
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const teams = activeTeams(board);
  const [picker] = Form.useForm<{ teamId: string }>();
  if (teams.length === 0) return null;
  return (
    <Section id="h-console-withdraw" title={t('console.withdraw')}>
      <Form form={picker} layout="vertical" initialValues={{ teamId: teams[0].id }}>
        <Form.Item name="teamId" label={t('team')}>
          <Select
            style={{ maxWidth: 360 }}
            options={teams.map((x) => ({
              value: x.id,
              label: <Verbatim>{teamName(x, i18n.language)}</Verbatim>,
            }))}
          />
        </Form.Item>
      </Form>
      <ReasonForm
        button={t('console.withdrawButton')}
        confirm={t('console.withdrawEffect')}
        busy={writes.withdrawTeam.isPending}
        onSubmit={(reason, form) =>
          run(
            form,
            () => writes.withdrawTeam.mutateAsync({ teamId: picker.getFieldValue('teamId'), reason }),
            t('console.withdrawn'),
          )
        }
      />
    </Section>
  );
}

function MergeForm({ board }: Props) {
  const { t, i18n } = useTranslation(NS);
  const run = useRun();
  const writes = useRaceWrites(board.id);
  const teams = activeTeams(board);
  const [picker] = Form.useForm<{ intoTeamId: string; fromTeamId: string }>();
  if (teams.length < 2) return null;
  const options = teams.map((x) => ({
    value: x.id,
    label: <Verbatim>{teamName(x, i18n.language)}</Verbatim>,
  }));
  return (
    <Section id="h-console-merge" title={t('console.merge')}>
      <Form
        form={picker}
        layout="vertical"
        initialValues={{ intoTeamId: teams[0].id, fromTeamId: teams[1].id }}
      >
        <Flex wrap gap="middle">
          <Form.Item name="intoTeamId" label={t('console.into')} style={{ minWidth: 260 }}>
            <Select options={options} />
          </Form.Item>
          <Form.Item name="fromTeamId" label={t('console.from')} style={{ minWidth: 260 }}>
            <Select options={options} />
          </Form.Item>
        </Flex>
      </Form>
      <ReasonForm
        button={t('console.mergeButton')}
        confirm={t('console.mergeEffect')}
        busy={writes.merge.isPending}
        onSubmit={(reason) =>
          run(
            picker,
            () => writes.merge.mutateAsync({ ...picker.getFieldsValue(), reason }),
            t('console.merged'),
          )
        }
      />
    </Section>
  );
}

function EndEarlyForm({ board }: Props) {
  const { t } = useTranslation(NS);
  const run = useRun();
  const writes = useRaceWrites(board.id);
  return (
    <Section id="h-console-end" title={t('console.end')}>
      <ReasonForm
        button={t('console.endButton')}
        confirm={t('console.endEffect')}
        busy={writes.end.isPending}
        onSubmit={(reason, form) => run(form, () => writes.end.mutateAsync(reason), t('console.ended'))}
      />
    </Section>
  );
}

// One bid: what it still needs before it can be submitted and who must act, the buttons this
// reader may press (each stating its effect), the team, the route, the milestones, the pledge
// and its signed versions, and the scores once they are shown.
import { Alert, App, Button, Card, Descriptions, Flex, List, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText, MoneyText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { type BidAction, type BidView, useBid, useBidAction } from '../api.ts';
import { StateTag } from '../components/StateTag.tsx';
import { NS } from '../i18n.ts';

export function BidPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const bid = useBid(id);
  if (bid.error) return <Result status="warning" title={errorText(bid.error)} />;
  if (!bid.data) return <Skeleton active />;
  const b = bid.data;
  const title = nameIn(i18n.language, b.challenge.nameZh, b.challenge.nameEn);
  return (
    <Page
      title={t('bid.title', { title })}
      breadcrumb={[
        { title: <Link to="/bids/mine">{t('menu.myBids')}</Link> },
        { title: <Link to={`/challenges/${b.challenge.id}`}>{title}</Link> },
      ]}
      extra={<StateTag scope="bidState" state={b.state} />}
    >
      <Flex vertical gap="middle">
        <Checklist b={b} />
        <Actions b={b} />
        <Card title={t('bid.facts')} size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={[
              {
                label: t('bid.commander'),
                children: <PersonName zh={b.commander.nameZh} en={b.commander.nameEn} />,
              },
              { label: t('bid.hostOrg'), children: <OrgName zh={b.hostOrg.nameZh} en={b.hostOrg.nameEn} /> },
              { label: t('bid.budget'), children: <MoneyText fen={b.budgetFen} strong /> },
              { label: t('bid.ceiling'), children: <MoneyText fen={b.budgetCeilingFen} /> },
              { label: t('bid.deadline'), children: <DateText iso={b.deadline} /> },
              { label: t('bid.submittedAt'), children: <DateText iso={b.submittedAt} /> },
            ]}
          />
        </Card>
        <Team b={b} />
        <Card title={t('bid.route')} size="small">
          {/* What the team wrote, in whatever language they wrote it. */}
          <Typography.Paragraph translate="no" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
            {b.technicalRoute}
          </Typography.Paragraph>
        </Card>
        <Milestones b={b} />
        <Pledge b={b} />
        {b.scores.length > 0 && (
          <Card title={t('bid.scores')} size="small">
            <List
              size="small"
              dataSource={b.scores}
              renderItem={(s) => (
                <List.Item>
                  {s.kind === 'organizer' ? t('bid.organizerScore') : t('bid.proposerFit')}: {s.score}
                  {s.comment ? ` — ${s.comment}` : ''}
                </List.Item>
              )}
            />
          </Card>
        )}
      </Flex>
    </Page>
  );
}

/** What the draft still needs, each with who must act; or that it is ready. */
function Checklist({ b }: { b: BidView }) {
  const { t } = useTranslation(NS);
  if (b.state !== 'draft') return null;
  if (b.missing.length === 0) return <Alert type="success" showIcon title={t('bid.readyTitle')} />;
  return (
    <Alert
      type="warning"
      showIcon
      title={t('bid.missingTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }} aria-label={t('bid.missingTitle')}>
          {b.missing.map((m) => (
            <li key={`${m.code}-${m.who}`}>
              {m.what}
              {m.who && (
                <Typography.Text type="secondary"> — {t('bid.missingWho', { who: m.who })}</Typography.Text>
              )}
            </li>
          ))}
        </ul>
      }
    />
  );
}

function Actions({ b }: { b: BidView }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const act = useBidAction(b.id);
  const navigate = useNavigate();
  const draft = b.state === 'draft';
  const { session } = useSession();
  const mine = b.members.find((m) => m.personId === session?.person?.id);
  const run = async (action: BidAction) => {
    try {
      await act.mutateAsync({ action, pledgeVersion: b.pledgeVersion });
      message.success(t('bid.done'));
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const button = (
    action: BidAction,
    label: string,
    effect: string,
    opts: { primary?: boolean; danger?: boolean } = {},
  ) => (
    <ConfirmButton
      key={action}
      type={opts.primary ? 'primary' : 'default'}
      danger={opts.danger}
      effect={effect}
      onConfirm={() => run(action)}
    >
      {label}
    </ConfirmButton>
  );
  const buttons = [
    draft &&
      mine &&
      !mine.confirmed &&
      button('confirm', t('bid.confirm'), t('bid.confirmEffect'), { primary: true }),
    draft &&
      b.viewer.commander &&
      !b.pledgeSignedByCommander &&
      button('signCommander', t('bid.signCommander'), t('bid.signCommanderEffect'), { primary: true }),
    draft &&
      b.viewer.hostAdmin &&
      !b.pledgeSignedByHost &&
      button('signHost', t('bid.signHost'), t('bid.signHostEffect'), { primary: true }),
    b.actions.includes('edit') && (
      <Button key="edit" onClick={() => navigate(`/challenges/${b.challenge.id}/bid`)}>
        {t('bid.edit')}
      </Button>
    ),
    b.actions.includes('submit') &&
      button('submit', t('bid.submit'), t('bid.submitEffect'), { primary: true }),
    b.actions.includes('select') &&
      button('select', t('bid.select'), t('bid.selectEffect'), { primary: true }),
    b.actions.includes('deselect') && button('deselect', t('bid.deselect'), t('bid.deselectEffect')),
    b.actions.includes('withdraw') &&
      button('withdraw', t('bid.withdraw'), t('bid.withdrawEffect'), { danger: true }),
  ].filter(Boolean);
  if (!buttons.length) return null;
  return (
    <Flex wrap gap="small" className="no-print">
      {buttons}
    </Flex>
  );
}

function Team({ b }: { b: BidView }) {
  const { t, i18n } = useTranslation(NS);
  return (
    <Card title={t('bid.team')} size="small">
      {b.members.length === 0 ? (
        <Typography.Text type="secondary">{t('bid.noMembers')}</Typography.Text>
      ) : (
        <PlainTable
          label={t('bid.team')}
          rowKey="personId"
          dataSource={b.members}
          columns={[
            {
              title: t('bid.memberName'),
              key: 'name',
              render: (_, m) => (
                <>
                  {nameIn(i18n.language, m.nameZh, m.nameEn)}
                  {m.title && <Typography.Text type="secondary"> ({m.title})</Typography.Text>}
                </>
              ),
            },
            {
              title: t('bid.memberRole'),
              key: 'role',
              render: (_, m) => <span translate="no">{m.role}</span>,
            },
            {
              title: t('bid.memberState'),
              key: 'confirmed',
              render: (_, m) => (m.confirmed ? `✓ ${t('bid.confirmed')}` : t('bid.notConfirmed')),
            },
          ]}
        />
      )}
    </Card>
  );
}

function Milestones({ b }: { b: BidView }) {
  const { t } = useTranslation(NS);
  const target = new Map(b.targets.map((x) => [x.id, x]));
  return (
    <Card title={t('bid.milestones')} size="small">
      <PlainTable
        label={t('bid.milestones')}
        rowKey={(m) => `${m.title}-${m.due}`}
        dataSource={b.milestones}
        columns={[
          { title: t('bid.msTitle'), key: 'title', render: (_, m) => <span translate="no">{m.title}</span> },
          {
            title: t('bid.msDue'),
            key: 'due',
            render: (_, m) => <DateText iso={`${m.due}T00:00:00+08:00`} dateOnly />,
          },
          {
            title: t('bid.msDeliverables'),
            key: 'deliverables',
            render: (_, m) => <span translate="no">{m.deliverables}</span>,
          },
          {
            title: t('bid.msTargets'),
            key: 'targets',
            render: (_, m) =>
              Object.entries(m.targetValues).map(([id, v]) => {
                const x = target.get(id);
                return (
                  <div key={id} translate="no">
                    {x ? `${x.metric}: ${v}${x.unit ? ` ${x.unit}` : ''}` : v}
                  </div>
                );
              }),
          },
        ]}
      />
    </Card>
  );
}

function Pledge({ b }: { b: BidView }) {
  const { t, i18n } = useTranslation(NS);
  const signer = (s: { nameZh: string; nameEn: string } | null, at: string | null) =>
    s ? (
      <>
        {nameIn(i18n.language, s.nameZh, s.nameEn)}, <DateText iso={at} />
      </>
    ) : (
      t('bid.unsigned')
    );
  return (
    <Card title={t('bid.pledge', { n: b.pledgeVersion })} size="small">
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            label: t('bid.commitments'),
            children: (
              <span translate="no" style={{ whiteSpace: 'pre-wrap' }}>
                {b.pledge.commitments}
              </span>
            ),
          },
          {
            label: t('bid.consequences'),
            children: (
              <span translate="no" style={{ whiteSpace: 'pre-wrap' }}>
                {b.pledge.consequences}
              </span>
            ),
          },
        ]}
      />
      <Flex vertical gap={4} style={{ margin: '8px 0' }}>
        <span>
          {b.pledgeSignedByCommander ? `✓ ${t('bid.signedCommander')}` : `✗ ${t('bid.unsignedCommander')}`}
        </span>
        <span>{b.pledgeSignedByHost ? `✓ ${t('bid.signedHost')}` : `✗ ${t('bid.unsignedHost')}`}</span>
        <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
          {t('bid.digest')}
          <code>{b.pledgeDigest.slice(0, 16)}</code>
        </Typography.Text>
      </Flex>
      {b.pledgeVersions.length > 0 && (
        <PlainTable
          label={t('bid.history')}
          rowKey="version"
          title={() => t('bid.history')}
          dataSource={b.pledgeVersions}
          columns={[
            {
              title: t('bid.version'),
              key: 'version',
              render: (_, v) =>
                `${v.version}${v.version === b.pledgeVersion ? ` (${t('bid.current')})` : ''}`,
            },
            {
              title: t('bid.commander'),
              key: 'commander',
              render: (_, v) => signer(v.commanderSigner, v.commanderSignedAt),
            },
            { title: t('bid.hostOrg'), key: 'host', render: (_, v) => signer(v.hostSigner, v.hostSignedAt) },
          ]}
        />
      )}
    </Card>
  );
}

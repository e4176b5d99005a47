// One achievement: what it is (number checked, kind and filing year), who made it with their
// shares, what is offered at what price, the demands it fits (explained), and — for an enterprise —
// expressing interest, which opens a confidential deal with the owner.
import { App, Button, Card, Descriptions, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { MoneyText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useAchievement, useAchievementAction, useAchievementMatches, useInterest } from '../api.ts';
import { MatchList, StateTag } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

export function AchievementPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const { session } = useSession();
  const navigate = useNavigate();
  const { data: a, error } = useAchievement(id);
  const matches = useAchievementMatches(id, !!a);
  const action = useAchievementAction(id);
  const interest = useInterest(id);
  const [form] = Form.useForm<{ buyerOrgId: string; message: string }>();
  if (error) return <Page title={t('ach.newTitle')}>{errorText(error)}</Page>;
  if (!a) return null;
  const title = nameIn(i18n.language, a.title.zh, a.title.en);
  const buyerOrgs = [
    ...new Map(
      (session?.roles ?? [])
        .filter((r) => (r.role === 'proposer' || r.role === 'admin') && r.orgId !== a.orgId)
        .map((r) => [r.orgId, r.orgName]),
    ).entries(),
  ];
  const act = async (x: 'list' | 'withdraw') => {
    try {
      await action.mutateAsync(x);
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const send = async (v: { buyerOrgId: string; message: string }) => {
    try {
      const d = await interest.mutateAsync(v);
      message.success(t('ach.interestSent'));
      navigate(`/transfer/deals/${d.id}`);
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <Page
      title={title}
      breadcrumb={[{ title: <Link to="/transfer">{t('menu.market')}</Link> }, { title }]}
      extra={
        a.canEdit && (
          <Space wrap>
            {a.state === 'draft' && (
              <Button type="primary" onClick={() => act('list')} loading={action.isPending}>
                {t('ach.listNow')}
              </Button>
            )}
            {a.state !== 'withdrawn' && (
              <ConfirmButton danger effect={t('ach.withdrawEffect')} onConfirm={() => act('withdraw')}>
                {t('ach.withdraw')}
              </ConfirmButton>
            )}
          </Space>
        )
      }
    >
      <Flex vertical gap="middle">
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('market.colOrg')}>
              <OrgName zh={a.org.zh} en={a.org.en} />
            </Descriptions.Item>
            <Descriptions.Item label={t('market.colState')}>
              <StateTag scope="achState" state={a.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('ach.kind')}>{t(`kind.${a.kind}`)}</Descriptions.Item>
            {a.ipNumber && (
              <Descriptions.Item label={a.kind === 'patent' ? t('ach.ipNumber') : t('ach.regNumber')}>
                <span translate="no">{a.kind === 'patent' ? `ZL${a.ipNumber}` : a.ipNumber}</span>
                {a.patentKind && a.filingYear && (
                  <Typography.Text type="secondary">
                    {' '}
                    ({t('ach.filing', { kind: t(`patentKind.${a.patentKind}`), year: a.filingYear })})
                  </Typography.Text>
                )}
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('ach.trl')}>{a.trl}</Descriptions.Item>
            <Descriptions.Item label={t('market.colPrice')}>
              {a.askingPriceFen === null ? t('market.negotiable') : <MoneyText fen={a.askingPriceFen} />}
            </Descriptions.Item>
            <Descriptions.Item label={t('ach.offers')}>
              <Flex wrap gap={4}>
                {a.offers.map((o) => (
                  <Tag key={o} style={{ marginInlineEnd: 0 }}>
                    {t(`offer.${o}`)}
                  </Tag>
                ))}
              </Flex>
            </Descriptions.Item>
            {a.keywords.length > 0 && (
              <Descriptions.Item label={t('ach.keywords')}>
                <span translate="no">{a.keywords.join('、')}</span>
              </Descriptions.Item>
            )}
            {(a.disciplineCodes.length > 0 || a.ipcCodes.length > 0) && (
              <Descriptions.Item label={`${t('ach.disciplineCodes')} / ${t('ach.ipcCodes')}`}>
                {[...a.disciplineCodes, ...a.ipcCodes].join(', ')}
              </Descriptions.Item>
            )}
            {a.source && (
              <Descriptions.Item label={t('ach.source')}>
                <Link to={`/challenges/${a.source.challengeId}`}>
                  {nameIn(i18n.language, a.source.title.zh, a.source.title.en)}
                </Link>
              </Descriptions.Item>
            )}
          </Descriptions>
          {(a.abstract.zh || a.abstract.en) && (
            <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
              {nameIn(i18n.language, a.abstract.zh, a.abstract.en)}
            </Typography.Paragraph>
          )}
        </Card>
        <Card title={t('ach.inventors')} size="small">
          {a.inventors.map((p) => (
            <div key={`${p.name.zh}-${p.shareBp}`}>
              <PersonName zh={p.name.zh} en={p.name.en} /> — {(p.shareBp / 100).toFixed(2)}%
            </div>
          ))}
        </Card>
        {a.canExpressInterest && buyerOrgs.length > 0 && (
          <Card title={t('ach.interest')} size="small">
            <Form
              form={form}
              layout="vertical"
              onFinish={send}
              initialValues={{ buyerOrgId: buyerOrgs[0][0] }}
            >
              <Form.Item name="buyerOrgId" label={t('ach.interestAs')} rules={[{ required: true }]}>
                <Select options={buyerOrgs.map(([value, label]) => ({ value, label }))} />
              </Form.Item>
              <Form.Item name="message" label={t('ach.message')} rules={[{ required: true }]}>
                <Input.TextArea rows={3} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={interest.isPending}>
                {t('ach.interest')}
              </Button>
            </Form>
          </Card>
        )}
        <Card title={t('ach.matches')} size="small">
          <MatchList
            items={matches.data ?? []}
            hrefOf={(x) => `/transfer/demands/${x}`}
            empty={t('ach.noMatches')}
          />
        </Card>
      </Flex>
    </Page>
  );
}

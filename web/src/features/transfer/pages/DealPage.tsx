// One deal, for its parties only: the confidential thread, the terms (propose / accept), the price
// notice with its objections, both signatures, the contract registration, payments received and the
// income distribution with every step's rule. Money-moving and irreversible steps ask first.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText, MoneyText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { money, parseYuan } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { type Deal, useDeal, useDealActions } from '../api.ts';
import { StateTag } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

const OFFERS = [
  'transfer',
  'exclusiveLicence',
  'soleLicence',
  'nonExclusiveLicence',
  'equity',
  'jointDevelopment',
] as const;
const PRICINGS = ['agreement', 'market', 'auction'] as const;

export function DealPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const { data: d, error } = useDeal(id);
  const act = useDealActions(id);
  const [termsForm] = Form.useForm();
  const [payForm] = Form.useForm();
  const [distForm] = Form.useForm();
  const [msgForm] = Form.useForm();
  if (error) return <Page title={t('deal.title')}>{errorText(error)}</Page>;
  if (!d) return null;
  const title = nameIn(i18n.language, d.achievement.title.zh, d.achievement.title.en);
  const run = async (p: () => Promise<unknown>, form?: Parameters<typeof showFieldError>[0]) => {
    try {
      await p();
    } catch (e) {
      if (!form || !showFieldError(form, e)) message.error(errorText(e));
    }
  };
  const sideName = (s: string | null | undefined) => (s ? t(`side.${s}`) : '');
  const sig = (side: 'seller' | 'buyer', s: Deal['signatures']['seller']) =>
    s
      ? t('deal.signedBy', {
          side: sideName(side),
          name: nameIn(i18n.language, s.by.zh, s.by.en),
          date: dayjs(s.at).format('YYYY-MM-DD'),
        })
      : t('deal.notSigned', { side: sideName(side) });
  return (
    <Page
      title={`${t('deal.title')} · ${title}`}
      heading={title}
      breadcrumb={[{ title: <Link to="/transfer/deals">{t('menu.deals')}</Link> }, { title }]}
      extra={<StateTag scope="dealState" state={d.state} />}
    >
      <Flex vertical gap="middle">
        <Alert type="info" showIcon message={t('deal.confidential')} />
        <Card size="small">
          <Descriptions column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t('deals.seller')}>
              <OrgName zh={d.seller.zh} en={d.seller.en} />
            </Descriptions.Item>
            <Descriptions.Item label={t('deals.buyer')}>
              <OrgName zh={d.buyer.zh} en={d.buyer.en} />
            </Descriptions.Item>
            <Descriptions.Item label={t('deals.achievement')}>
              <Link to={`/transfer/achievements/${d.achievement.id}`}>{title}</Link>
            </Descriptions.Item>
          </Descriptions>
        </Card>

        <Card size="small" title={t('deal.terms')}>
          {d.terms ? (
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('deal.mode')}>{t(`offer.${d.terms.mode}`)}</Descriptions.Item>
              <Descriptions.Item label={t('deals.price')}>
                <MoneyText fen={d.terms.priceFen} strong />
              </Descriptions.Item>
              <Descriptions.Item label={t('deal.pricing')}>
                {t(`pricing.${d.terms.pricing}`)} {d.terms.pricingRef}
              </Descriptions.Item>
              <Descriptions.Item label={t('deal.termMonths')}>{d.terms.termMonths}</Descriptions.Item>
              {d.terms.field && (
                <Descriptions.Item label={t('deal.field')}>{d.terms.field}</Descriptions.Item>
              )}
              {d.terms.territory && (
                <Descriptions.Item label={t('deal.territory')}>{d.terms.territory}</Descriptions.Item>
              )}
              {d.terms.royaltyBp > 0 && (
                <Descriptions.Item label={t('deal.royalty')}>{d.terms.royaltyBp / 100}%</Descriptions.Item>
              )}
              {d.state === 'proposed' && (
                <Descriptions.Item label="">
                  <Tag color="warning">{t('deal.proposedBy', { side: sideName(d.terms.proposedBy) })}</Tag>
                </Descriptions.Item>
              )}
            </Descriptions>
          ) : (
            <Typography.Text type="secondary">{t('deal.noTerms')}</Typography.Text>
          )}
          <Space wrap style={{ marginTop: 8 }}>
            {d.can.accept && (
              <ConfirmButton
                type="primary"
                effect={t('deal.acceptEffect')}
                onConfirm={() => run(() => act.accept.mutateAsync())}
              >
                {t('deal.accept')}
              </ConfirmButton>
            )}
          </Space>
          {d.can.propose && (
            <Form
              form={termsForm}
              layout="vertical"
              style={{ marginTop: 12, maxWidth: 640 }}
              initialValues={{
                mode: d.terms?.mode ?? 'transfer',
                pricing: d.terms?.pricing ?? 'agreement',
                price: d.terms ? (d.terms.priceFen / 100).toFixed(2) : undefined,
                termMonths: d.terms?.termMonths ?? 60,
                noticeDays: d.noticeDays,
                field: d.terms?.field,
                territory: d.terms?.territory,
              }}
              onFinish={(v) =>
                run(
                  () =>
                    act.terms.mutateAsync({
                      mode: v.mode,
                      priceFen: parseYuan(String(v.price ?? '')) ?? 0,
                      pricing: v.pricing,
                      pricingRef: v.pricingRef ?? '',
                      termMonths: v.termMonths,
                      noticeDays: v.noticeDays,
                      field: v.field ?? '',
                      territory: v.territory ?? '',
                    }),
                  termsForm,
                )
              }
            >
              <Form.Item name="mode" label={t('deal.mode')} rules={[{ required: true }]}>
                <Select options={OFFERS.map((o) => ({ value: o, label: t(`offer.${o}`) }))} />
              </Form.Item>
              <Form.Item name="price" label={t('deal.price')} rules={[{ required: true }]}>
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name="pricing" label={t('deal.pricing')} rules={[{ required: true }]}>
                <Select options={PRICINGS.map((o) => ({ value: o, label: t(`pricing.${o}`) }))} />
              </Form.Item>
              <Form.Item name="pricingRef" label={t('deal.pricingRef')}>
                <Input />
              </Form.Item>
              <Form.Item name="termMonths" label={t('deal.termMonths')} rules={[{ required: true }]}>
                <InputNumber min={1} max={600} />
              </Form.Item>
              <Form.Item name="noticeDays" label={t('deal.noticeDays')}>
                <InputNumber min={1} max={90} />
              </Form.Item>
              <Form.Item name="field" label={t('deal.field')}>
                <Input />
              </Form.Item>
              <Form.Item name="territory" label={t('deal.territory')}>
                <Input />
              </Form.Item>
              <Button htmlType="submit" loading={act.terms.isPending}>
                {t('deal.propose')}
              </Button>
            </Form>
          )}
        </Card>

        {d.noticeEndsAt && (
          <Card size="small" title={t('deal.notice')}>
            <Typography.Paragraph>
              {d.noticeOver
                ? t('deal.noticeOver')
                : t('deal.noticeUntil', { date: dayjs(d.noticeEndsAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Paragraph>
            {d.objections.length > 0 && (
              <List
                header={t('deal.objections')}
                dataSource={d.objections}
                renderItem={(o) => (
                  <List.Item>
                    <Flex vertical gap={4} style={{ width: '100%' }}>
                      <span>
                        <PersonName zh={o.author.zh} en={o.author.en} /> · <DateText iso={o.at} />
                      </span>
                      <Typography.Text>{o.text}</Typography.Text>
                      {o.state !== 'open' ? (
                        <Tag>
                          {o.state === 'upheld' ? t('deal.uphold') : t('deal.dismiss')}: {o.resolution}
                        </Tag>
                      ) : (
                        d.you.office && (
                          <Form
                            layout="inline"
                            onFinish={(v: { resolution: string; decision: 'upheld' | 'dismissed' }) =>
                              run(() => act.resolve.mutateAsync({ objectionId: o.id, ...v }))
                            }
                            initialValues={{ decision: 'dismissed' }}
                          >
                            <Form.Item name="decision">
                              <Select
                                style={{ width: 120 }}
                                options={[
                                  { value: 'dismissed', label: t('deal.dismiss') },
                                  { value: 'upheld', label: t('deal.uphold') },
                                ]}
                              />
                            </Form.Item>
                            <Form.Item name="resolution" rules={[{ required: true }]}>
                              <Input placeholder={t('deal.resolution')} aria-label={t('deal.resolution')} />
                            </Form.Item>
                            <Button htmlType="submit">{t('deal.resolution')}</Button>
                          </Form>
                        )
                      )}
                    </Flex>
                  </List.Item>
                )}
              />
            )}
          </Card>
        )}

        {['notice', 'signing', 'signed', 'registered'].includes(d.state) && (
          <Card size="small" title={t('deal.sign')}>
            <Flex vertical gap={4}>
              <span>{sig('seller', d.signatures.seller)}</span>
              <span>{sig('buyer', d.signatures.buyer)}</span>
            </Flex>
            <Space wrap style={{ marginTop: 8 }}>
              {d.can.sign && (
                <ConfirmButton
                  type="primary"
                  effect={t('deal.signEffect')}
                  onConfirm={() => run(() => act.sign.mutateAsync())}
                >
                  {t('deal.sign')}
                </ConfirmButton>
              )}
              {d.can.register && (
                <ConfirmButton
                  type="primary"
                  effect={t('deal.registerEffect')}
                  onConfirm={() => run(() => act.register.mutateAsync())}
                >
                  {t('deal.register')}
                </ConfirmButton>
              )}
            </Space>
          </Card>
        )}

        {d.registration && (
          <Card size="small" title={t('deal.registration')}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small">
              <Descriptions.Item label={t('deal.regNo')}>
                <span translate="no">{d.registration.number}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('deal.regType')}>
                {t(`contractType.${d.registration.contractType}`)}
              </Descriptions.Item>
              <Descriptions.Item label={t('deal.regAmount')}>
                <MoneyText fen={d.registration.amountFen ?? 0} />
              </Descriptions.Item>
              <Descriptions.Item label={t('deal.taxYear')}>{d.registration.taxYear}</Descriptions.Item>
            </Descriptions>
          </Card>
        )}

        {d.state === 'registered' && (
          <Card size="small" title={t('deal.payments')}>
            <Typography.Paragraph>
              {t('deal.received', { amount: money(d.receivedFen), left: money(d.undistributedFen) })}
            </Typography.Paragraph>
            {d.payments.map((p) => (
              <div key={p.id}>
                <DateText iso={p.receivedOn} dateOnly /> · <MoneyText fen={p.amountFen} />
              </div>
            ))}
            {d.can.pay && (
              <Form
                form={payForm}
                layout="vertical"
                style={{ marginTop: 12, maxWidth: 480 }}
                initialValues={{ receivedOn: dayjs().format('YYYY-MM-DD') }}
              >
                <Form.Item name="amountFen" label={t('deal.amount')} rules={[{ required: true }]}>
                  <Input inputMode="decimal" />
                </Form.Item>
                <Form.Item name="receivedOn" label={t('deal.receivedOn')} rules={[{ required: true }]}>
                  <Input type="date" />
                </Form.Item>
                <ConfirmButton
                  effect={t('deal.payEffect')}
                  onConfirm={async () => {
                    const v = await payForm.validateFields();
                    await run(
                      () =>
                        act.pay.mutateAsync({
                          amountFen: parseYuan(String(v.amountFen)) ?? 0,
                          receivedOn: v.receivedOn,
                        }),
                      payForm,
                    );
                  }}
                >
                  {t('deal.pay')}
                </ConfirmButton>
              </Form>
            )}
          </Card>
        )}

        {(d.distributions.length > 0 || d.can.distribute) && (
          <Card size="small" title={t('deal.distribution')}>
            {d.distributions.map((x) => (
              <Flex key={x.id} vertical gap={8} style={{ marginBottom: 16 }}>
                <Descriptions column={{ xs: 1, md: 3 }} size="small">
                  <Descriptions.Item label={t('deal.net')}>
                    <MoneyText fen={x.netFen} />
                  </Descriptions.Item>
                  <Descriptions.Item label={t('deal.rate')}>
                    {x.rateBp / 100}% ({x.rule === 'unit' ? t('deal.ruleUnit') : t('deal.ruleStatute')})
                  </Descriptions.Item>
                  <Descriptions.Item label={t('deal.pool')}>
                    <MoneyText fen={x.poolFen} strong />
                  </Descriptions.Item>
                </Descriptions>
                <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                  {x.steps.map((s) => (
                    <li key={s.rule}>
                      {t(`rule.${s.rule}`)}
                      {x.rule === 'unit' && s.rule === 'art44' && x.unitRuleText
                        ? `（${x.unitRuleText}）`
                        : ''}
                      : <code>{s.formula}</code>
                    </li>
                  ))}
                </ol>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(r) => `${r.name.zh}-${r.shareBp}`}
                  dataSource={x.rewards}
                  columns={[
                    {
                      title: t('ach.inventorName'),
                      key: 'n',
                      render: (_, r) => <PersonName zh={r.name.zh} en={r.name.en} />,
                    },
                    {
                      title: t('ach.share'),
                      key: 's',
                      align: 'right',
                      render: (_, r) => `${(r.shareBp / 100).toFixed(2)}%`,
                    },
                    {
                      title: t('deal.reward'),
                      key: 'a',
                      align: 'right',
                      render: (_, r) => <MoneyText fen={r.amountFen} />,
                    },
                  ]}
                />
              </Flex>
            ))}
            {d.can.distribute && (
              <Form form={distForm} layout="vertical" style={{ maxWidth: 480 }}>
                <Form.Item name="costsFen" label={t('deal.costs')}>
                  <Input inputMode="decimal" />
                </Form.Item>
                <Form.Item name="unitRuleBp" label={t('deal.unitRule')}>
                  <InputNumber min={0} max={100} precision={2} />
                </Form.Item>
                <Form.Item name="unitRuleText" label={t('deal.unitRuleText')}>
                  <Input />
                </Form.Item>
                <ConfirmButton
                  type="primary"
                  effect={t('deal.distributeEffect')}
                  onConfirm={async () => {
                    const v = distForm.getFieldsValue();
                    await run(
                      () =>
                        act.distribute.mutateAsync({
                          costsFen: v.costsFen ? (parseYuan(String(v.costsFen)) ?? 0) : 0,
                          unitRuleBp:
                            v.unitRuleBp === null || v.unitRuleBp === undefined
                              ? null
                              : Math.round(v.unitRuleBp * 100),
                          unitRuleText: v.unitRuleText ?? '',
                        }),
                      distForm,
                    );
                  }}
                >
                  {t('deal.distribute')}
                </ConfirmButton>
              </Form>
            )}
          </Card>
        )}

        <Card size="small" title={t('deal.thread')}>
          <List
            dataSource={d.messages}
            renderItem={(m) => (
              <List.Item>
                <Flex vertical style={{ width: '100%' }}>
                  <span>
                    <PersonName zh={m.author.zh} en={m.author.en} /> <Tag>{sideName(m.side)}</Tag>{' '}
                    <DateText iso={m.at} />
                  </span>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{m.body}</Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
          {d.state !== 'cancelled' && (
            <Form
              form={msgForm}
              layout="vertical"
              onFinish={(v: { body: string }) =>
                run(async () => {
                  await act.message.mutateAsync(v.body);
                  msgForm.resetFields();
                }, msgForm)
              }
            >
              <Form.Item name="body" label={t('ach.message')} rules={[{ required: true }]}>
                <Input.TextArea rows={2} />
              </Form.Item>
              <Button htmlType="submit" loading={act.message.isPending}>
                {t('deal.send')}
              </Button>
            </Form>
          )}
        </Card>
        {d.can.cancel && (
          <ConfirmButton
            danger
            effect={t('deal.cancelEffect')}
            onConfirm={() => run(() => act.cancel.mutateAsync(t('deal.cancel')))}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('deal.cancel')}
          </ConfirmButton>
        )}
      </Flex>
    </Page>
  );
}

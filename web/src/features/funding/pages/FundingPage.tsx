// Funding home: the funds the person may see (an agency organizer opens one), the awards they
// organise or belong to, a call's funding rules, and committing an award to a fundable task book —
// calls and task books are found by name.
import { App, Button, Card, Flex, Form, Input, InputNumber, List, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { MoneyText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { SearchSelect } from '../../../components/SearchSelect.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { money, parseYuan } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import {
  type FundRow,
  findFundableTaskBooks,
  findMyCalls,
  type RulesView,
  useAwards,
  useFundingWrites,
  useFunds,
  useRules,
} from '../api.ts';
import { NS } from '../i18n.ts';

export function FundingPage() {
  const { t, i18n } = useTranslation(NS);
  const { session } = useSession();
  const funds = useFunds();
  const awards = useAwards();
  const agencies = (session?.roles ?? []).filter((r) => r.role === 'organizer');
  const programmeFunds = (funds.data ?? []).filter((f) => f.kind === 'programme' && f.canManage);
  const name = (zh: string, en: string) => nameIn(i18n.language, zh, en);
  return (
    <Page title={t('title')}>
      <Flex vertical gap="middle">
        <Card size="small" title={t('funds')}>
          <PlainTable<FundRow>
            label={t('funds')}
            rowKey="id"
            loading={funds.isLoading}
            dataSource={funds.data ?? []}
            locale={{ emptyText: <EmptyState text={t('noFunds')} /> }}
            columns={[
              {
                title: t('name'),
                key: 'name',
                render: (_, f) => <Link to={`/funding/funds/${f.id}`}>{name(f.nameZh, f.nameEn)}</Link>,
              },
              { title: t('year'), dataIndex: 'fiscalYear' },
              ...(['appropriatedFen', 'availableFen', 'committedFen', 'spentFen'] as const).map((k) => ({
                title: t(`figures.${k}`),
                key: k,
                align: 'right' as const,
                render: (_: unknown, f: FundRow) => <MoneyText fen={f[k]} />,
              })),
            ]}
          />
        </Card>
        <Card size="small" title={t('awards')}>
          <List
            loading={awards.isLoading}
            dataSource={awards.data ?? []}
            locale={{ emptyText: <EmptyState text={t('noAwards')} /> }}
            renderItem={(a) => (
              <List.Item>
                <Flex wrap gap="small" align="center">
                  <Link to={`/funding/awards/${a.id}`}>{name(a.challengeTitleZh, a.challengeTitleEn)}</Link>
                  <MoneyText fen={a.amountFen} />
                  <Tag color={a.state === 'active' ? 'processing' : 'default'}>{t(`states.${a.state}`)}</Tag>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
        {agencies.length > 0 && (
          <>
            <NewFund agencies={agencies} />
            <CallRules />
            {programmeFunds.length > 0 && <CommitAward funds={programmeFunds} />}
          </>
        )}
      </Flex>
    </Page>
  );
}

function NewFund({ agencies }: { agencies: { orgId: string; orgName: string }[] }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const { createFund } = useFundingWrites();
  return (
    <Card size="small" title={t('newFund')}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ orgId: agencies[0]?.orgId, fiscalYear: new Date().getFullYear() }}
        onFinish={async (v) => {
          try {
            const f = (await createFund.mutateAsync({ kind: 'programme', ...v })) as { id: string };
            navigate(`/funding/funds/${f.id}`);
          } catch (e) {
            if (!showFieldError(form, e)) message.error(errorText(e));
          }
        }}
      >
        <Form.Item name="orgId" label={t('agency')} rules={[{ required: true }]}>
          <Select options={agencies.map((a) => ({ value: a.orgId, label: a.orgName }))} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('nameZh')} rules={[{ required: true, message: t('required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="fiscalYear" label={t('year')} rules={[{ required: true, message: t('required') }]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={createFund.isPending}>
          {t('create')}
        </Button>
      </Form>
    </Card>
  );
}

type Item = RulesView['negativeList'][number];
const toText = (list: Item[]) =>
  list.map((i) => [i.code, i.labelZh, i.labelEn, i.keywords.join(', ')].join(' | ')).join('\n');
const fromText = (text: string): Item[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [code = '', labelZh = '', labelEn = '', kw = ''] = l.split('|').map((x) => x.trim());
      const keywords = kw
        .split(/[,，]/)
        .map((k) => k.trim())
        .filter(Boolean);
      return { code, labelZh, labelEn, keywords };
    });

/** A call's funding rules: choose the call by its title, then edit its rules. */
function CallRules() {
  const { t, i18n } = useTranslation(NS);
  const [challengeId, setChallengeId] = useState<string>();
  const rules = useRules(challengeId);
  return (
    <Card size="small" title={t('rules')}>
      <Form layout="vertical">
        <Form.Item label={t('call')} htmlFor="rules-call" extra={t('callHint')}>
          <SearchSelect
            id="rules-call"
            queryKey="my-calls"
            placeholder={t('callPlaceholder')}
            value={challengeId}
            onChange={(v) => setChallengeId(v)}
            search={async (q) =>
              (await findMyCalls(q)).map((c) => ({
                value: c.id,
                label: nameIn(i18n.language, c.titleZh, c.titleEn),
              }))
            }
          />
        </Form.Item>
      </Form>
      {rules.isError && <Typography.Text type="danger">{errorText(rules.error)}</Typography.Text>}
      {challengeId && rules.data && (
        <RulesForm key={challengeId} challengeId={challengeId} rules={rules.data} />
      )}
    </Card>
  );
}

function RulesForm({ challengeId, rules }: { challengeId: string; rules: RulesView }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { saveRules } = useFundingWrites();
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ ...rules, negativeList: toText(rules.negativeList) }}
      onFinish={async (v) => {
        try {
          await saveRules.mutateAsync({
            challengeId,
            body: {
              budgetMode: v.budgetMode,
              indirectCapPct: v.indirectCapPct,
              surplus: v.surplus,
              negativeList: fromText(v.negativeList ?? ''),
            },
          });
          message.success(t('saved'));
        } catch (e) {
          if (!showFieldError(form, e)) message.error(errorText(e));
        }
      }}
    >
      <Form.Item name="budgetMode" label={t('budgetMode')}>
        <Select
          options={[
            { value: 'lump_sum', label: t('lumpSum') },
            { value: 'categorised', label: t('categorised') },
          ]}
        />
      </Form.Item>
      <Form.Item name="indirectCapPct" label={t('indirectCapPct')}>
        <InputNumber min={0} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="surplus" label={t('surplusRule')}>
        <Select
          options={[
            { value: 'retain_if_accepted', label: t('surplus.retain_if_accepted') },
            { value: 'return', label: t('surplus.return') },
          ]}
        />
      </Form.Item>
      <Form.Item name="negativeList" label={t('negativeList')} extra={t('negativeListHint')}>
        <Input.TextArea rows={7} spellCheck={false} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saveRules.isPending}>
        {t('saveRules')}
      </Button>
    </Form>
  );
}

/** Commit a fund's money to a task book I organize, found by its challenge's title. */
function CommitAward({ funds }: { funds: FundRow[] }) {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm();
  const { commitAward } = useFundingWrites();
  const taskBookId = Form.useWatch('taskBookId', form);
  const total = Form.useWatch(['budget', 'totalFen'], form);
  const fundId = Form.useWatch('fundId', form);
  const fund = funds.find((f) => f.id === fundId);
  const name = (zh: string, en: string) => nameIn(i18n.language, zh, en);
  const commit = async () => {
    const v = await form.validateFields();
    try {
      const a = (await commitAward.mutateAsync({
        taskBookId: v.taskBookId,
        fundId: v.fundId,
        cofundFen: parseYuan(String(v.cofundFen ?? '0')) ?? 0,
        budget: { mode: 'lump_sum', totalFen: parseYuan(String(v.budget.totalFen)) ?? 0 },
      })) as { id: string };
      navigate(`/funding/awards/${a.id}`);
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  const yuanRule = { pattern: /^\d+(\.\d{1,2})?$/, message: t('yuanFormat') };
  return (
    <Card size="small" title={t('fundAward')}>
      <Form form={form} layout="vertical" initialValues={{ fundId: funds[0]?.id, cofundFen: '0' }}>
        <Form.Item
          name="taskBookId"
          label={t('taskBook')}
          extra={t('taskBookHint')}
          rules={[{ required: true, message: t('chooseTaskBook') }]}
        >
          <SearchSelect
            queryKey="fundable-task-books"
            placeholder={t('callPlaceholder')}
            search={async (q) =>
              (await findFundableTaskBooks(q)).map((b) => ({
                value: b.id,
                label: `${name(b.challenge.nameZh, b.challenge.nameEn)} · ${name(b.hostOrg.nameZh, b.hostOrg.nameEn)} · ${money(b.budgetFen)}`,
              }))
            }
          />
        </Form.Item>
        <Form.Item name="fundId" label={t('fund')} rules={[{ required: true }]}>
          <Select
            options={funds.map((f) => ({
              value: f.id,
              label: `${name(f.nameZh, f.nameEn)} (${t('availableShort', { amount: money(f.availableFen) })})`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name={['budget', 'totalFen']}
          label={t('budgetTotal')}
          rules={[{ required: true, message: t('required') }, yuanRule]}
        >
          <Input inputMode="decimal" style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item name="cofundFen" label={t('cofund')} rules={[yuanRule]}>
          <Input inputMode="decimal" style={{ maxWidth: 240 }} />
        </Form.Item>
        <ConfirmButton
          type="primary"
          disabled={!taskBookId || !total}
          effect={t('commitEffect', {
            amount: money(parseYuan(String(total ?? '')) ?? 0),
            fund: fund ? name(fund.nameZh, fund.nameEn) : '',
          })}
          onConfirm={commit}
        >
          {t('commit')}
        </ConfirmButton>
      </Form>
    </Card>
  );
}

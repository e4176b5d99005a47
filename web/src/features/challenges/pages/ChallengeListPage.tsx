// The public challenge list (榜单大厅): full-text search in Chinese or English, state and budget
// filters, sorted and paged on the server. The filters live in the address, so a search can be shared.
import { Button, Form, Grid, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../../components/Page.tsx';
import { parseYuan, yuan } from '../../../lib/format.ts';
import { fetchPublicChallenges, type PublicChallengeFilter } from '../api.ts';
import { ChallengeTable } from '../components/ChallengeTable.tsx';
import { NS } from '../i18n.ts';

const STATES = ['published', 'evaluating', 'notice', 'awarded'] as const;

export function ChallengeListPage() {
  const { t } = useTranslation(NS);
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm();
  const state = params.get('state');
  const filter: PublicChallengeFilter = {
    ...(params.get('q') ? { q: params.get('q') ?? '' } : {}),
    ...(STATES.includes(state as (typeof STATES)[number]) ? { state: state as (typeof STATES)[number] } : {}),
    ...(params.get('budgetMinFen') ? { budgetMinFen: Number(params.get('budgetMinFen')) } : {}),
    ...(params.get('budgetMaxFen') ? { budgetMaxFen: Number(params.get('budgetMaxFen')) } : {}),
  };
  const fen = (v?: string) => (v?.trim() ? parseYuan(v) : undefined);
  const yuanRule = {
    validator: (_: unknown, v?: string) =>
      fen(v) === null ? Promise.reject(new Error(t('list.badBudget'))) : Promise.resolve(),
  };
  const apply = (v: { q?: string; state?: string; budgetMin?: string; budgetMax?: string }) => {
    const next = new URLSearchParams();
    if (v.q?.trim()) next.set('q', v.q.trim());
    if (v.state) next.set('state', v.state);
    const min = fen(v.budgetMin);
    const max = fen(v.budgetMax);
    if (min != null) next.set('budgetMinFen', String(min));
    if (max != null) next.set('budgetMaxFen', String(max));
    setParams(next);
  };
  // Filters sit on one line on a desktop and stack on a phone, where long labels would push inputs off-screen.
  const wide = Grid.useBreakpoint().md;
  return (
    <Page title={t('list.title')} subtitle={t('list.subtitle')}>
      <Form
        form={form}
        layout={wide ? 'inline' : 'vertical'}
        onFinish={apply}
        style={{ marginBottom: 16, rowGap: 8 }}
        initialValues={{
          q: filter.q,
          state: filter.state,
          budgetMin: filter.budgetMinFen !== undefined ? yuan(filter.budgetMinFen) : undefined,
          budgetMax: filter.budgetMaxFen !== undefined ? yuan(filter.budgetMaxFen) : undefined,
        }}
      >
        <Form.Item name="q" label={t('list.search')}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="state" label={t('list.state')}>
          <Select
            allowClear
            placeholder={t('list.anyState')}
            style={{ width: 140 }}
            options={STATES.map((s) => ({ value: s, label: t(`challengeState.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="budgetMin" label={t('list.budgetMin')} rules={[yuanRule]}>
          <Input inputMode="decimal" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="budgetMax" label={t('list.budgetMax')} rules={[yuanRule]}>
          <Input inputMode="decimal" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('list.apply')}
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.setFieldsValue({
                q: undefined,
                state: undefined,
                budgetMin: undefined,
                budgetMax: undefined,
              });
              setParams(new URLSearchParams());
            }}
          >
            {t('list.reset')}
          </Button>
        </Form.Item>
      </Form>
      <ChallengeTable
        queryKey={['challenges', 'public', filter]}
        fetchPage={fetchPublicChallenges(filter)}
        label={t('list.label')}
        empty={t('list.empty')}
      />
    </Page>
  );
}

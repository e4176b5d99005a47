// The public catalogue of shared instruments: search by capability words (Chinese or English),
// category, region (GB/T 2260 code) and free time, paged on the server; no login needed.
import { Button, Form, Grid, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { client, ok } from '../../../api/client.ts';
import { MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { type PageRequest, ServerTable } from '../../../components/ServerTable.tsx';
import { beijingInput, fromBeijingInput } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { CATEGORIES, type Category } from '../api.ts';
import { NS } from '../i18n.ts';

export function InstrumentListPage() {
  const { t, i18n } = useTranslation(NS);
  const [params, setParams] = useSearchParams();
  const wide = Grid.useBreakpoint().md;
  const q = params.get('q') ?? undefined;
  const cat = params.get('category');
  const category = CATEGORIES.includes(cat as Category) ? (cat as Category) : undefined;
  const region = /^[0-9]{6}$/.test(params.get('region') ?? '')
    ? (params.get('region') ?? undefined)
    : undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const fetchPage = (p: PageRequest) =>
    ok(
      client.GET('/api/instruments', {
        params: {
          query: {
            page: p.page,
            pageSize: p.pageSize,
            ...(q ? { q } : {}),
            ...(category ? { category } : {}),
            ...(region ? { region } : {}),
            ...(from && to ? { from, to } : {}),
          },
        },
      }),
    );
  type Row = Awaited<ReturnType<typeof fetchPage>>['items'][number];
  const name = (r: Row) => (
    <Link to={`/instruments/${r.id}`}>{nameIn(i18n.language, r.nameZh, r.nameEn)}</Link>
  );
  return (
    <Page title={t('list.title')} subtitle={t('list.subtitle')}>
      <Form
        layout={wide ? 'inline' : 'vertical'}
        initialValues={{ q, category, region, from: beijingInput(from), to: beijingInput(to) }}
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v: { q?: string; category?: string; region?: string; from?: string; to?: string }) => {
          const next = new URLSearchParams();
          if (v.q?.trim()) next.set('q', v.q.trim());
          if (v.category) next.set('category', v.category);
          if (v.region?.trim()) next.set('region', v.region.trim());
          if (v.from && v.to) {
            next.set('from', fromBeijingInput(v.from));
            next.set('to', fromBeijingInput(v.to));
          }
          setParams(next);
        }}
      >
        <Form.Item name="q" label={t('list.search')}>
          <Input allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="category" label={t('list.category')}>
          <Select
            allowClear
            placeholder={t('list.anyCategory')}
            style={{ width: 180 }}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="region"
          label={t('list.region')}
          rules={[{ pattern: /^[0-9]{6}$/, message: t('list.badRegion') }]}
        >
          <Input inputMode="numeric" maxLength={6} style={{ width: 110 }} />
        </Form.Item>
        <Form.Item name="from" label={t('list.from')}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="to" label={t('list.to')}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('list.apply')}
          </Button>
        </Form.Item>
      </Form>
      <ServerTable<Row>
        queryKey={['instruments', q, category, region, from, to]}
        fetchPage={fetchPage}
        rowKey="id"
        label={t('list.label')}
        empty={t('list.empty')}
        columns={[
          { title: t('list.colName'), key: 'name', render: (_, r) => name(r) },
          { title: t('list.category'), key: 'category', render: (_, r) => t(`category.${r.category}`) },
          {
            title: t('list.colOrg'),
            key: 'org',
            render: (_, r) => <OrgName zh={r.org.nameZh} en={r.org.nameEn} />,
          },
          {
            title: t('list.colPrice'),
            key: 'price',
            align: 'right' as const,
            render: (_, r) => <MoneyText fen={r.yourPriceFen} />,
          },
        ]}
        card={(r) => (
          <div>
            <Typography.Text strong>{name(r)}</Typography.Text>
            <div>
              <OrgName zh={r.org.nameZh} en={r.org.nameEn} /> · <MoneyText fen={r.yourPriceFen} />
            </div>
          </div>
        )}
      />
    </Page>
  );
}

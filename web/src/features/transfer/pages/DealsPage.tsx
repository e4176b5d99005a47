// The deals I am a party to (owner side, transfer office or enterprise), newest first.
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, MoneyText, OrgName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { useDeals } from '../api.ts';
import { StateTag } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

export function DealsPage() {
  const { t, i18n } = useTranslation(NS);
  const { data, isLoading } = useDeals();
  type Row = NonNullable<typeof data>[number];
  const name = (r: Row) => (
    <Link to={`/transfer/deals/${r.id}`}>{nameIn(i18n.language, r.achievement.zh, r.achievement.en)}</Link>
  );
  return (
    <Page title={t('deals.title')}>
      <div style={{ overflowX: 'auto' }}>
        <Table<Row>
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          pagination={false}
          locale={{ emptyText: <EmptyState text={t('deals.empty')} /> }}
          columns={[
            { title: t('deals.achievement'), key: 'a', render: (_, r) => name(r) },
            {
              title: t('deals.seller'),
              key: 's',
              responsive: ['md'],
              render: (_, r) => <OrgName zh={r.seller.zh} en={r.seller.en} />,
            },
            {
              title: t('deals.buyer'),
              key: 'b',
              responsive: ['md'],
              render: (_, r) => <OrgName zh={r.buyer.zh} en={r.buyer.en} />,
            },
            {
              title: t('deals.price'),
              key: 'p',
              align: 'right',
              render: (_, r) => (r.priceFen === null ? '—' : <MoneyText fen={r.priceFen} />),
            },
            {
              title: t('market.colState'),
              key: 'st',
              render: (_, r) => <StateTag scope="dealState" state={r.state} />,
            },
            {
              title: t('deals.updated'),
              key: 'u',
              responsive: ['lg'],
              render: (_, r) => <DateText iso={r.updatedAt} />,
            },
          ]}
        />
      </div>
    </Page>
  );
}

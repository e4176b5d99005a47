// My instrument bookings, newest first: the instrument, the time, the state, the fee and my rating.
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateText, MoneyText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { fetchMyBookings } from '../api.ts';
import { NS } from '../i18n.ts';

type Row = Awaited<ReturnType<typeof fetchMyBookings>>['items'][number];

export function MyBookingsPage() {
  const { t, i18n } = useTranslation(NS);
  const name = (r: Row) => (
    <Link to={`/instruments/bookings/${r.id}`}>
      {nameIn(i18n.language, r.instrument.nameZh, r.instrument.nameEn)}
    </Link>
  );
  const time = (r: Row) => (
    <span>
      <DateText iso={r.start} /> – <DateText iso={r.end} />
    </span>
  );
  return (
    <Page title={t('bookings.title')}>
      <ServerTable<Row>
        queryKey={['instruments', 'bookings', 'mine']}
        fetchPage={fetchMyBookings}
        rowKey="id"
        label={t('bookings.label')}
        empty={t('bookings.empty')}
        columns={[
          { title: t('bookings.colInstrument'), key: 'instrument', render: (_, r) => name(r) },
          { title: t('bookings.colTime'), key: 'time', render: (_, r) => time(r) },
          {
            title: t('bookings.colState'),
            key: 'state',
            render: (_, r) => <Tag>{t(`state.${r.state}`)}</Tag>,
          },
          {
            title: t('bookings.colFee'),
            key: 'fee',
            align: 'right' as const,
            render: (_, r) => (r.feeFen === null ? '—' : <MoneyText fen={r.feeFen} />),
          },
          { title: t('bookings.colScore'), key: 'score', render: (_, r) => r.score ?? '—' },
        ]}
        card={(r) => (
          <div>
            <Typography.Text strong>{name(r)}</Typography.Text>
            <div>{time(r)}</div>
            <Tag>{t(`state.${r.state}`)}</Tag> {r.feeFen !== null && <MoneyText fen={r.feeFen} />}
          </div>
        )}
      />
    </Page>
  );
}

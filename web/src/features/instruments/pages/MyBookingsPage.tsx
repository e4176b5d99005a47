// Instrument bookings, newest first: the instrument, the time, the state, the fee and the rating.
// Mine by default; `?award=` lists the bookings an award pays for (the fees against it) and
// `?taskBook=` the time a task book reserved, with who booked and for which milestone.
import { Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { DateText, MoneyText, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { type BookingScope, fetchBookings, useBookingsSummary } from '../api.ts';
import { NS } from '../i18n.ts';

type Row = Awaited<ReturnType<ReturnType<typeof fetchBookings>>>['items'][number];

export function MyBookingsPage() {
  const { t, i18n } = useTranslation(NS);
  const [params] = useSearchParams();
  const awardId = params.get('award') ?? undefined;
  const taskBookId = awardId ? undefined : (params.get('taskBook') ?? undefined);
  const scope: BookingScope = awardId ? { awardId } : taskBookId ? { taskBookId } : {};
  const scoped = !!(awardId || taskBookId);
  const summary = useBookingsSummary(scope);
  const s = summary.data?.scope;
  const title = s
    ? t(s.kind === 'award' ? 'bookings.awardTitle' : 'bookings.taskBookTitle', {
        name: nameIn(i18n.language, s.challenge.nameZh, s.challenge.nameEn),
      })
    : t('bookings.title');
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
  const milestone = (r: Row) => (r.milestoneNo === null ? '—' : r.milestoneNo);
  return (
    <Page title={title}>
      {scoped && summary.data && (
        <Statistic
          title={t('bookings.feeTotal')}
          value={summary.data.feeFenTotal}
          formatter={() => <MoneyText fen={summary.data.feeFenTotal} />}
          style={{ marginBottom: 16 }}
        />
      )}
      <ServerTable<Row>
        queryKey={['instruments', 'bookings', scope]}
        fetchPage={fetchBookings(scope)}
        rowKey="id"
        label={title}
        empty={t(scoped ? 'bookings.scopedEmpty' : 'bookings.empty')}
        columns={[
          { title: t('bookings.colInstrument'), key: 'instrument', render: (_, r) => name(r) },
          { title: t('bookings.colTime'), key: 'time', render: (_, r) => time(r) },
          ...(scoped
            ? [
                {
                  title: t('bookings.colBooker'),
                  key: 'booker',
                  render: (_: unknown, r: Row) => <PersonName zh={r.booker.nameZh} en={r.booker.nameEn} />,
                },
                {
                  title: t('bookings.colMilestone'),
                  key: 'milestone',
                  render: (_: unknown, r: Row) => milestone(r),
                },
              ]
            : []),
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
            {scoped && (
              <div>
                <PersonName zh={r.booker.nameZh} en={r.booker.nameEn} />
                {r.milestoneNo !== null && ` · ${t('bookings.colMilestone')} ${r.milestoneNo}`}
              </div>
            )}
            <Tag>{t(`state.${r.state}`)}</Tag> {r.feeFen !== null && <MoneyText fen={r.feeFen} />}
          </div>
        )}
      />
    </Page>
  );
}

// The instruments I manage: pending requests, and each one's calendar for the next 14 days, day by
// day (a list that reads on a phone as well as on a desktop).
import { Badge, Button, Card, Empty, List, Spin, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { useCalendar, useListingOrgs, useManaged } from '../api.ts';
import { NS } from '../i18n.ts';

function Calendar({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const [from, to] = useMemo(() => {
    const now = new Date();
    now.setMinutes(0, 0, 0);
    return [now.toISOString(), new Date(now.getTime() + 14 * 86_400_000).toISOString()];
  }, []);
  const q = useCalendar(id, from, to);
  if (!q.data) return <Spin size="small" />;
  const items = [
    ...q.data.bookings.map((b) => ({ kind: 'booking' as const, ...b })),
    ...q.data.maintenance.map((m) => ({ kind: 'maintenance' as const, ...m })),
  ].sort((a, b) => a.start.localeCompare(b.start));
  return (
    <List
      size="small"
      header={t('managed.calendar')}
      dataSource={items}
      locale={{ emptyText: <EmptyState text={t('managed.noBookings')} /> }}
      renderItem={(x) => (
        <List.Item>
          <div>
            <DateText iso={x.start} /> – <DateText iso={x.end} />{' '}
            {x.kind === 'booking' ? (
              <>
                <Tag>{t(`state.${x.state}`)}</Tag>
                <PersonName zh={x.booker.nameZh} en={x.booker.nameEn} />{' '}
                <Link to={`/instruments/bookings/${x.id}`}>{t('managed.open')}</Link>
              </>
            ) : (
              <Tag color="warning">
                {t('detail.maintenance')} {x.reason}
              </Tag>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}

export function ManagedPage() {
  const { t, i18n } = useTranslation(NS);
  const q = useManaged();
  const orgs = useListingOrgs();
  const navigate = useNavigate();
  return (
    <Page
      title={t('managed.title')}
      extra={
        orgs.data?.length ? (
          <Button type="primary" onClick={() => navigate('/instruments/new')}>
            {t('form.add')}
          </Button>
        ) : null
      }
    >
      {q.isPending ? (
        <Spin />
      ) : !q.data?.length ? (
        <Empty description={t('managed.empty')} />
      ) : (
        q.data.map((i) => (
          <Card
            key={i.id}
            size="small"
            style={{ marginBottom: 16 }}
            title={
              <Link to={`/instruments/${i.id}`}>
                <Typography.Text strong>{nameIn(i18n.language, i.nameZh, i.nameEn)}</Typography.Text>
              </Link>
            }
            extra={
              i.pending ? <Badge count={i.pending} title={t('managed.pending', { n: i.pending })} /> : null
            }
          >
            {i.waiting.length > 0 && (
              <List
                size="small"
                header={t('managed.waiting')}
                dataSource={i.waiting}
                renderItem={(w) => (
                  <List.Item>
                    <div>
                      <DateText iso={w.start} /> – <DateText iso={w.end} /> <Tag>{t(`state.${w.state}`)}</Tag>
                      <PersonName zh={w.booker.nameZh} en={w.booker.nameEn} />{' '}
                      <Link to={`/instruments/bookings/${w.id}`}>{t('managed.open')}</Link>
                    </div>
                  </List.Item>
                )}
              />
            )}
            <Calendar id={i.id} />
          </Card>
        ))
      )}
    </Page>
  );
}

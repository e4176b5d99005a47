// My reviews: the expert's assignments across rounds, soonest due first (days left, overdue
// flagged), the review items of the applicant's own bids, and for organizers the way to their rounds.

import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Flex, List, Segmented, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { daysLeft } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { hasRole, useSession } from '../../../session.tsx';
import { fetchQueue, type QueueStatus, useApplicantItems } from '../api.ts';
import { NS } from '../i18n.ts';

type Row = Awaited<ReturnType<typeof fetchQueue>>['items'][number];

function Due({ row }: { row: Row }) {
  const { t } = useTranslation(NS);
  const left = daysLeft(row.dueAt);
  return (
    <Flex wrap gap={4} align="center">
      <DateText iso={row.dueAt} />
      {row.overdue ? (
        <Tag color="error" data-testid="overdue">
          {t('queue.overdue', { count: -left })}
        </Tag>
      ) : row.reviewState !== 'submitted' && row.roundState === 'reviewing' ? (
        <Tag color={left <= 3 ? 'warning' : 'default'}>{t('queue.daysLeft', { count: left })}</Tag>
      ) : null}
      {row.lastRemindedAt && (
        <Typography.Text type="secondary">
          {t('queue.reminded')} <DateText iso={row.lastRemindedAt} />
        </Typography.Text>
      )}
    </Flex>
  );
}

const stateColor = { none: 'processing', draft: 'warning', submitted: 'success' } as const;

export function ReviewQueuePage() {
  const { t, i18n } = useTranslation(NS);
  const lang = i18n.language;
  const navigate = useNavigate();
  const { session } = useSession();
  const [status, setStatus] = useState<QueueStatus | 'all'>('all');
  const mine = useApplicantItems();
  // The queue changes under the reader (a decline or a declared conflict reassigns the item):
  // read it afresh whenever the page opens.
  const queryClient = useQueryClient();
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ['reviews'] });
  }, [queryClient]);
  const title = (r: Row) => nameIn(lang, r.challengeTitleZh, r.challengeTitleEn);
  const itemLink = (r: Row) => <Link to={`/reviews/${r.roundId}/${r.bidId}`}>{title(r)}</Link>;
  const stateTag = (r: Row) => (
    <Tag color={stateColor[r.reviewState]}>{t(`reviewStates.${r.reviewState}`)}</Tag>
  );
  return (
    <Page
      title={t('queue.title')}
      extra={
        hasRole(session, 'organizer', 'admin') && (
          <Button onClick={() => navigate('/evaluation/rounds')}>{t('queue.myRounds')}</Button>
        )
      }
    >
      <ServerTable<Row>
        label={t('queue.title')}
        queryKey={['reviews', 'queue', status]}
        fetchPage={(q) => fetchQueue(q, status === 'all' ? undefined : status)}
        rowKey="bidId"
        toolbar={
          <Segmented
            aria-label={t('queue.filter')}
            value={status}
            onChange={(v) => setStatus(v as QueueStatus | 'all')}
            options={[
              { value: 'all', label: t('queue.all') },
              { value: 'open', label: t('queue.open') },
              { value: 'submitted', label: t('queue.submitted') },
            ]}
          />
        }
        empty={t('queue.empty')}
        columns={[
          { title: t('fields.challenge'), key: 'challenge', render: (_, r) => itemLink(r) },
          {
            title: t('fields.applicant'),
            key: 'applicant',
            render: (_, r) => nameIn(lang, r.applicantOrgZh, r.applicantOrgEn),
          },
          {
            title: t('fields.round'),
            key: 'round',
            render: (_, r) => nameIn(lang, r.roundTitleZh, r.roundTitleEn),
          },
          { title: t('fields.due'), key: 'dueAt', sorter: true, render: (_, r) => <Due row={r} /> },
          { title: t('fields.state'), key: 'state', render: (_, r) => stateTag(r) },
        ]}
        card={(r) => (
          <Card size="small" title={itemLink(r)} extra={stateTag(r)}>
            <div>{nameIn(lang, r.applicantOrgZh, r.applicantOrgEn)}</div>
            <div>{nameIn(lang, r.roundTitleZh, r.roundTitleEn)}</div>
            <Due row={r} />
          </Card>
        )}
      />
      {(mine.data?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
            {t('queue.applicantTitle')}
          </Typography.Title>
          <List
            bordered
            dataSource={mine.data ?? []}
            renderItem={(m) => (
              <List.Item extra={<Tag>{t(`roundStates.${m.roundState}`)}</Tag>}>
                <Link to={`/reviews/${m.roundId}/${m.bidId}`}>
                  {nameIn(lang, m.challengeTitleZh, m.challengeTitleEn)} —{' '}
                  {nameIn(lang, m.roundTitleZh, m.roundTitleEn)}
                </Link>
              </List.Item>
            )}
          />
        </>
      )}
    </Page>
  );
}

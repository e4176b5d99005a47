// The admin's view of the job queue: each queue's jobs by state, the failed ones with their
// error, and a retry.
import { App, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { useJobs, useRetryJob } from '../api.ts';
import { NS } from '../i18n.ts';

export function Jobs() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const jobs = useJobs();
  const retry = useRetryJob();
  const counts = ['created', 'retry', 'active', 'completed', 'failed'] as const;
  return (
    <Page title={t('jobs.title')}>
      <PlainTable
        label={t('jobs.title')}
        rowKey="name"
        loading={jobs.isLoading}
        dataSource={jobs.data?.queues ?? []}
        columns={[
          { title: t('jobs.queue'), key: 'name', dataIndex: 'title' },
          ...counts.map((c) => ({
            title: t(`jobs.${c}`),
            key: c,
            render: (_: unknown, r: Record<string, unknown>) => String(r[c]),
          })),
        ]}
      />
      <Typography.Title level={2} style={{ fontSize: 18, marginTop: 24 }}>
        {t('jobs.failedJobs')}
      </Typography.Title>
      <PlainTable
        label={t('jobs.failedJobs')}
        rowKey="id"
        loading={jobs.isLoading}
        locale={{ emptyText: <EmptyState text={t('jobs.none')} /> }}
        dataSource={jobs.data?.failed ?? []}
        columns={[
          { title: t('jobs.queue'), key: 'queue', dataIndex: 'title' },
          { title: t('jobs.error'), key: 'error', render: (_, r) => r.error },
          { title: t('jobs.retries'), key: 'retryCount', render: (_, r) => r.retryCount },
          { title: t('jobs.when'), key: 'completedAt', render: (_, r) => <DateText iso={r.completedAt} /> },
          {
            title: '',
            key: 'retry',
            render: (_, r) => (
              <ConfirmButton
                size="small"
                effect={t('jobs.retryEffect')}
                onConfirm={async () => {
                  try {
                    await retry.mutateAsync({ queue: r.queue, id: r.id });
                    message.success(t('jobs.retried'));
                  } catch (e) {
                    message.error(errorText(e));
                  }
                }}
              >
                {t('jobs.retryJob')}
              </ConfirmButton>
            ),
          },
        ]}
      />
    </Page>
  );
}

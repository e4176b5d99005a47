// The admin's mail outbox: every mail the platform made, with its state; with no SMTP server
// configured, mail stays here (state "outbox") for the admin to read.
import { Button, Modal, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { type OutboxState, outboxPage, useOutboxMessage } from '../api.ts';
import { NS } from '../i18n.ts';

const STATES: NonNullable<OutboxState>[] = ['queued', 'sending', 'sent', 'outbox', 'failed'];
const COLOR: Record<string, string> = {
  sent: 'success',
  outbox: 'processing',
  failed: 'error',
  sending: 'warning',
};

export function Outbox() {
  const { t } = useTranslation(NS);
  const [state, setState] = useState<OutboxState>();
  const [open, setOpen] = useState<string | null>(null);
  const mail = useOutboxMessage(open);
  return (
    <Page title={t('outbox.title')} subtitle={t('outbox.intro')}>
      <ServerTable
        queryKey={['notifications', 'outbox', state]}
        fetchPage={(q) => outboxPage(q, state)}
        rowKey="id"
        label={t('outbox.title')}
        toolbar={
          <Select
            allowClear
            aria-label={t('outbox.state')}
            placeholder={t('outbox.allStates')}
            style={{ minWidth: 160 }}
            value={state}
            onChange={(v) => setState(v)}
            options={STATES.map((s) => ({ value: s, label: t(`outbox.states.${s}`) }))}
          />
        }
        columns={[
          { title: t('outbox.to'), key: 'to', render: (_, r) => `${r.recipient} <${r.to}>` },
          { title: t('outbox.subject'), key: 'subject', render: (_, r) => r.subject },
          {
            title: t('outbox.state'),
            key: 'state',
            render: (_, r) => <Tag color={COLOR[r.state]}>{t(`outbox.states.${r.state}`)}</Tag>,
          },
          { title: t('outbox.created'), key: 'createdAt', render: (_, r) => <DateText iso={r.createdAt} /> },
          {
            title: '',
            key: 'view',
            render: (_, r) => (
              <Button size="small" onClick={() => setOpen(r.id)}>
                {t('outbox.view')}
              </Button>
            ),
          },
        ]}
        card={(r) => (
          <Typography.Link onClick={() => setOpen(r.id)}>
            {r.subject} · {r.recipient} · {t(`outbox.states.${r.state}`)}
          </Typography.Link>
        )}
      />
      <Modal
        open={!!open}
        title={mail.data?.subject}
        onCancel={() => setOpen(null)}
        footer={<Button onClick={() => setOpen(null)}>{t('outbox.close')}</Button>}
        width={720}
      >
        {mail.data && (
          <>
            <Typography.Paragraph type="secondary">
              {mail.data.to} · {mail.data.messageId}
            </Typography.Paragraph>
            <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{mail.data.text}</pre>
          </>
        )}
      </Modal>
    </Page>
  );
}

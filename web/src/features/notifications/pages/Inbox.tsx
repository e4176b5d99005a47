// The inbox: every notification of the signed-in person, newest first, filtered by kind or
// unread; opening one marks it read and goes to the page where they act.
import { App, Button, Checkbox, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { inboxPage, type Kind, useMarkAllRead, useMarkRead } from '../api.ts';
import { NS } from '../i18n.ts';
import { KINDS } from '../kinds.ts';

export function Inbox() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [kind, setKind] = useState<Kind>();
  const [unread, setUnread] = useState(false);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  type Row = Awaited<ReturnType<typeof inboxPage>>['items'][number];
  const open = async (r: Row) => {
    if (!r.read) await markRead.mutateAsync(r.id);
    navigate(r.href);
  };
  const title = (r: Row) => (
    <Flex vertical gap={2}>
      <Typography.Link strong={!r.read} onClick={() => open(r)}>
        {r.title}
      </Typography.Link>
      <Flex gap="small" wrap>
        <Tag>{t(`kinds.${r.kind}`)}</Tag>
        {!r.read && <Tag color="processing">{t('inbox.unread')}</Tag>}
        <Typography.Text type="secondary">
          <DateText iso={r.createdAt} />
        </Typography.Text>
      </Flex>
    </Flex>
  );
  return (
    <Page
      title={t('inbox.title')}
      extra={
        <>
          <Link to="/notifications/preferences">{t('inbox.preferences')}</Link>
          <ConfirmButton
            effect={t('inbox.markAllEffect')}
            onConfirm={async () => {
              const r = await markAll.mutateAsync(kind);
              message.success(t('inbox.markedAll', { count: r.count }));
            }}
          >
            {t('inbox.markAll')}
          </ConfirmButton>
        </>
      }
    >
      <ServerTable
        queryKey={['notifications', 'inbox', kind, unread]}
        fetchPage={(q) => inboxPage(q, kind, unread)}
        rowKey="id"
        label={t('inbox.title')}
        empty={t('inbox.empty')}
        toolbar={
          <Flex gap="small" wrap align="center">
            <Select
              allowClear
              aria-label={t('inbox.kind')}
              placeholder={t('inbox.allKinds')}
              style={{ minWidth: 200 }}
              value={kind}
              onChange={(v) => setKind(v)}
              options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            />
            <Checkbox checked={unread} onChange={(e) => setUnread(e.target.checked)}>
              {t('inbox.unreadOnly')}
            </Checkbox>
          </Flex>
        }
        columns={[
          { title: t('inbox.what'), key: 'title', render: (_, r) => title(r) },
          {
            title: '',
            key: 'actions',
            width: 120,
            render: (_, r) =>
              r.read ? null : (
                <Button size="small" onClick={() => markRead.mutate(r.id)}>
                  {t('inbox.markRead')}
                </Button>
              ),
          },
        ]}
        card={(r) => title(r)}
      />
    </Page>
  );
}

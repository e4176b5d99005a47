// The audit trail: who did what to which object, in words (the action's code on hover), newest
// first, paged on the server; the hash chain is verified on opening; CSV export of the selection.
import { Alert, Button, Form, Input, Select, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { nameIn } from '../../../lib/i18n.ts';
import { type AuditEntry, type AuditQuery, fetchAudit, useAuditVerify } from '../api.ts';
import { NS } from '../i18n.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Labels of an entry's action and object kind in the reader's language. */
function useLabels() {
  const { t, i18n } = useTranslation(NS);
  const label = (key: string) => {
    const s = i18n.getResource(i18n.language, NS, key) ?? i18n.getResource('en', NS, key);
    return typeof s === 'string' ? s : null;
  };
  const type = (code: string) => label(`types.${code}`) ?? t('types.audit');
  const action = (e: AuditEntry) =>
    label(`actions.${e.action}`) ?? t('otherAction', { object: type(e.objectType) });
  const object = (e: AuditEntry) => {
    const name = e.objectName ? nameIn(i18n.language, e.objectName.zh, e.objectName.en) : '';
    return name ? `${type(e.objectType)} · ${name}` : type(e.objectType);
  };
  return { t, type, action, object, lang: i18n.language };
}

export function AuditPage() {
  const { t, type, action, object, lang } = useLabels();
  const verify = useAuditVerify();
  const [filter, setFilter] = useState<Pick<AuditQuery, 'actor' | 'actorId' | 'objectType'>>({});
  const types = Object.keys((useTranslation(NS).i18n.getResource('en', NS, 'types') as object) ?? {});
  const who = (e: AuditEntry) => (e.actor ? nameIn(lang, e.actor.nameZh, e.actor.nameEn) : t('system'));
  return (
    <Page title={t('title')}>
      {verify.isPending ? (
        <Alert type="info" showIcon title={t('verifying')} />
      ) : verify.data?.ok ? (
        <Alert type="success" showIcon title={t('intact', { n: verify.data.entries })} />
      ) : verify.data ? (
        <Alert
          type="error"
          showIcon
          title={t('broken', { seq: verify.data.firstBreak?.seq, kind: verify.data.firstBreak?.kind })}
        />
      ) : null}
      <Space style={{ margin: '12px 0' }}>
        <Button onClick={() => verify.refetch()} loading={verify.isFetching}>
          {t('verify')}
        </Button>
      </Space>
      <Form
        layout="inline"
        style={{ rowGap: 8, marginBottom: 12 }}
        onFinish={(v: { actor?: string; objectType?: string }) => {
          const a = v.actor?.trim();
          setFilter({
            objectType: v.objectType || undefined,
            ...(a && UUID.test(a) ? { actorId: a } : a ? { actor: a } : {}),
          });
        }}
      >
        <Form.Item name="actor" label={t('actor')}>
          <Input placeholder={t('actorPlaceholder')} allowClear style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="objectType" label={t('objectType')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('anyType')}
            style={{ width: 180 }}
            options={types.map((k) => ({ value: k, label: type(k) }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            {t('search')}
          </Button>
        </Form.Item>
      </Form>
      <ServerTable<AuditEntry>
        label={t('title')}
        queryKey={['audit', filter]}
        fetchPage={(q) =>
          fetchAudit({ ...filter, page: q.page, pageSize: q.pageSize, sort: 'seq', order: q.order ?? 'desc' })
        }
        rowKey="seq"
        columns={[
          { title: t('seq'), key: 'seq', dataIndex: 'seq', sorter: true, width: 80 },
          { title: t('at'), key: 'at', render: (_, e) => <DateText iso={e.at} /> },
          {
            title: t('actor'),
            key: 'actor',
            render: (_, e) =>
              e.actor ? <PersonName zh={e.actor.nameZh} en={e.actor.nameEn} /> : t('system'),
          },
          {
            title: t('action'),
            key: 'action',
            render: (_, e) => (
              <Tooltip title={<code>{e.action}</code>}>
                <abbr title={e.action} style={{ textDecoration: 'none' }}>
                  {action(e)}
                </abbr>
              </Tooltip>
            ),
          },
          { title: t('object'), key: 'object', render: (_, e) => object(e) },
        ]}
        card={(e) => (
          <Space direction="vertical" size={0}>
            <Typography.Text type="secondary">
              #{e.seq} · <DateText iso={e.at} />
            </Typography.Text>
            <Typography.Text strong>
              {who(e)} · <abbr title={e.action}>{action(e)}</abbr>
            </Typography.Text>
            <span>{object(e)}</span>
          </Space>
        )}
        exportAs={{
          filename: 'audit-trail',
          columns: [
            { title: t('seq'), value: (e) => e.seq },
            { title: t('at'), value: (e) => e.at },
            { title: t('actor'), value: who },
            { title: t('action'), value: action },
            { title: 'code', value: (e) => e.action },
            { title: t('object'), value: object },
          ],
        }}
      />
    </Page>
  );
}

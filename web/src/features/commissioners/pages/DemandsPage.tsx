// Demands as each party sees them: posted by me, my agency's (agency staff), dispatched to me
// (commissioners). Paged on the server; cards on a phone.
import { Button, Card, Segmented, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DateText, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { useSession } from '../../../session.tsx';
import { type DemandRow, type DemandScope, fetchDemands } from '../api.ts';
import { DemandStateTag, UrgencyTag } from '../components/StateTag.tsx';
import { NS } from '../i18n.ts';

export function DemandsPage({ fixedScope, title }: { fixedScope?: DemandScope; title?: string }) {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const navigate = useNavigate();
  const roles = session?.roles ?? [];
  const staff = roles.some((r) => (r.role === 'organizer' || r.role === 'admin') && r.orgKind === 'agency');
  const commissioner = roles.some((r) => r.role === 'commissioner');
  const scopes: DemandScope[] = [
    'mine',
    ...(staff ? (['agency'] as const) : []),
    ...(commissioner ? (['assigned'] as const) : []),
  ];
  const [scope, setScope] = useState<DemandScope>(fixedScope ?? (staff ? 'agency' : 'mine'));
  const link = (r: DemandRow) => <Link to={`/commissioners/demands/${r.id}`}>{r.title}</Link>;
  return (
    <Page
      title={title ?? t('list.title')}
      extra={
        !fixedScope && (
          <Button type="primary" onClick={() => navigate('/commissioners/demands/new')}>
            {t('list.post')}
          </Button>
        )
      }
    >
      <ServerTable<DemandRow>
        label={t('list.title')}
        queryKey={['commissioners', 'demands', scope]}
        fetchPage={(q) => fetchDemands(q, scope)}
        rowKey="id"
        empty={t('list.none')}
        toolbar={
          !fixedScope &&
          scopes.length > 1 && (
            <Segmented<DemandScope>
              value={scope}
              onChange={setScope}
              options={scopes.map((s) => ({ value: s, label: t(`list.${s}`) }))}
            />
          )
        }
        columns={[
          { title: t('form.what'), key: 'title', render: (_, r) => link(r) },
          { title: t('list.urgency'), key: 'urgency', render: (_, r) => <UrgencyTag urgency={r.urgency} /> },
          { title: t('list.state'), key: 'state', render: (_, r) => <DemandStateTag state={r.state} /> },
          { title: t('list.place'), key: 'place', render: (_, r) => r.region.name },
          { title: t('list.requester'), key: 'requester', render: (_, r) => r.requester },
          {
            title: t('list.commissioner'),
            key: 'commissioner',
            render: (_, r) =>
              r.commissioner ? <PersonName zh={r.commissioner.nameZh} en={r.commissioner.nameEn} /> : '—',
          },
          {
            title: t('list.posted'),
            key: 'createdAt',
            render: (_, r) => <DateText iso={r.createdAt} dateOnly />,
          },
        ]}
        card={(r) => (
          <Card size="small" title={link(r)}>
            <Space wrap size={4}>
              <UrgencyTag urgency={r.urgency} />
              <DemandStateTag state={r.state} />
            </Space>
            <div>{r.region.name}</div>
            <div>{r.requester}</div>
            {r.commissioner && (
              <div>
                {t('list.commissioner')}: <PersonName zh={r.commissioner.nameZh} en={r.commissioner.nameEn} />
              </div>
            )}
          </Card>
        )}
      />
    </Page>
  );
}

// The commissioner's page: their registration (regions, capacity, confirmed service) and the
// demands dispatched to them, to accept or decline and to log visits on.
import { Alert, Card, Descriptions, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { PersonName } from '../../../components/Names.tsx';
import { useMyCommissioner } from '../api.ts';
import { NS } from '../i18n.ts';
import { DemandsPage } from './DemandsPage.tsx';

export function ServicePage() {
  const { t } = useTranslation(NS);
  const me = useMyCommissioner();
  const c = me.data?.commissioner;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <DemandsPage fixedScope="assigned" title={t('service.title')} />
      {me.data && !c && <Alert type="info" showIcon title={t('service.notRegistered')} />}
      {c && (
        <Card size="small" title={t('service.record')}>
          <Descriptions
            styles={{ label: { color: 'rgba(0, 0, 0, 0.65)' } }}
            size="small"
            column={{ xs: 1, md: 2 }}
          >
            <Descriptions.Item label={t('registry.name')}>
              <PersonName zh={c.nameZh} en={c.nameEn} />
            </Descriptions.Item>
            <Descriptions.Item label={t('registry.homeOrg')}>{c.homeOrg}</Descriptions.Item>
            <Descriptions.Item label={t('registry.keywords')}>{c.keywords.join('、')}</Descriptions.Item>
            <Descriptions.Item label={t('registry.regions')}>
              {c.regions.map((r) => r.name).join('；')}
            </Descriptions.Item>
            <Descriptions.Item label={t('registry.load')}>
              {c.load} / {c.capacity}
            </Descriptions.Item>
            <Descriptions.Item label={t('registry.visits')}>{c.confirmedVisits}</Descriptions.Item>
            <Descriptions.Item label={t('registry.hours')}>{c.hours}</Descriptions.Item>
            <Descriptions.Item label={t('registry.rating')}>{c.rating ?? '—'}</Descriptions.Item>
          </Descriptions>
        </Card>
      )}
    </Space>
  );
}

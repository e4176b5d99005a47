// A demand's state and urgency as tags.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n.ts';

const STATE_COLOR: Record<string, string> = {
  open: 'purple',
  dispatched: 'blue',
  serving: 'blue',
  resolved: 'default',
  withdrawn: 'default',
};

export function DemandStateTag({ state }: { state: string }) {
  const { t } = useTranslation(NS);
  return <Tag color={STATE_COLOR[state] ?? 'default'}>{t(`states.${state}`)}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: string }) {
  const { t } = useTranslation(NS);
  return (
    <Tag color={urgency === 'urgent' ? 'red' : urgency === 'normal' ? 'blue' : 'default'}>
      {t(`urgency.${urgency}`)}
    </Tag>
  );
}

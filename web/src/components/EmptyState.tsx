// An empty list or page, saying so (and optionally what to do next).
//   <EmptyState text={t('noBids')} action={<Link to="/challenges">{t('browse')}</Link>} />
import { Empty } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './i18n.ts';

export function EmptyState({ text, action }: { text?: ReactNode; action?: ReactNode }) {
  const { t } = useTranslation(NS);
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text ?? t('empty')}>
      {action}
    </Empty>
  );
}

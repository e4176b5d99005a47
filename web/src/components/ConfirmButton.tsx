// A button for an irreversible or money-moving action: it asks first, stating the effect, and
// looks destructive when it is. The action's result is shown by the caller (message.success).
//   <ConfirmButton effect={t('publishEffect')} onConfirm={() => publish.mutateAsync()}>{t('publish')}</ConfirmButton>
//   <ConfirmButton danger effect={t('withdrawEffect')} onConfirm={…}>{t('withdraw')}</ConfirmButton>
import { Button, type ButtonProps, Popconfirm } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './i18n.ts';

export function ConfirmButton({
  effect,
  onConfirm,
  okText,
  danger,
  children,
  ...button
}: Omit<ButtonProps, 'onClick'> & {
  /** What will happen, in a sentence ("The challenge is published and can no longer be edited."). */
  effect: ReactNode;
  onConfirm: () => unknown;
  okText?: string;
}) {
  const { t } = useTranslation(NS);
  const [busy, setBusy] = useState(false);
  return (
    <Popconfirm
      title={effect}
      okText={okText ?? t('confirm')}
      cancelText={t('cancel')}
      okButtonProps={{ danger, loading: busy }}
      onConfirm={async () => {
        setBusy(true);
        try {
          await onConfirm();
        } finally {
          setBusy(false);
        }
      }}
    >
      <Button danger={danger} loading={busy} {...button}>
        {children}
      </Button>
    </Popconfirm>
  );
}

// A new password typed twice, with the policy's hint; the second must equal the first.
import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { NS } from '../i18n.ts';

export function NewPasswordFields({ label, confirmLabel }: { label: string; confirmLabel: string }) {
  const { t } = useTranslation(NS);
  return (
    <>
      <Form.Item
        name="password"
        label={label}
        extra={t('policy.hint')}
        rules={[{ required: true, message: '' }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={confirmLabel}
        dependencies={['password']}
        rules={[
          { required: true, message: '' },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('password')
                ? Promise.resolve()
                : Promise.reject(new Error(t('reset.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

// "Forgot password": asks for a reset link by e-mail. The answer never says whether the address
// has an account.
import { App, Button, Form, Input, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { useRequestReset } from '../api.ts';
import { NS } from '../i18n.ts';

export function ForgotPassword() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm<{ email: string }>();
  const send = useRequestReset();
  const [sent, setSent] = useState(false);
  const submit = async ({ email }: { email: string }) => {
    try {
      await send.mutateAsync(email);
      setSent(true);
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <Page title={t('forgot.title')}>
      <div style={{ maxWidth: 440 }}>
        {sent ? (
          <Result
            status="success"
            title={t('forgot.sentTitle')}
            subTitle={t('forgot.sent')}
            extra={<Link to="/login">{t('forgot.back')}</Link>}
          />
        ) : (
          <>
            <p>{t('forgot.intro')}</p>
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
              <Form.Item name="email" label={t('forgot.email')} rules={[{ required: true, message: '' }]}>
                <Input type="email" autoComplete="username" autoFocus />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={send.isPending}>
                {t('forgot.send')}
              </Button>
            </Form>
            <p style={{ marginTop: 16 }}>
              <Link to="/login">{t('forgot.back')}</Link>
            </p>
          </>
        )}
      </div>
    </Page>
  );
}

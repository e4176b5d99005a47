// The reset link's page: a new password for the account the token belongs to (once).
import { Alert, App, Button, Form, Result } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client.ts';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { useConfirmReset } from '../api.ts';
import { NewPasswordFields } from '../components/NewPassword.tsx';
import { NS } from '../i18n.ts';

export function ResetPassword() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const confirm = useConfirmReset();
  const [done, setDone] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(token ? null : t('reset.noToken'));
  const submit = async ({ password }: { password: string }) => {
    try {
      await confirm.mutateAsync({ token, password });
      setDone(true);
    } catch (e) {
      if (e instanceof ApiError && e.field === 'token') setLinkError(e.message);
      else if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <Page title={t('reset.title')}>
      <div style={{ maxWidth: 440 }}>
        {done ? (
          <Result
            status="success"
            title={t('reset.doneTitle')}
            subTitle={t('reset.done')}
            extra={
              <Link to="/login" className="ant-btn ant-btn-primary">
                {t('reset.login')}
              </Link>
            }
          />
        ) : linkError ? (
          <Alert
            type="error"
            showIcon
            message={linkError}
            description={<Link to="/forgot-password">{t('reset.again')}</Link>}
          />
        ) : (
          <>
            <p>{t('reset.intro')}</p>
            <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
              <NewPasswordFields label={t('reset.password')} confirmLabel={t('reset.confirm')} />
              <Button type="primary" htmlType="submit" loading={confirm.isPending}>
                {t('reset.save')}
              </Button>
            </Form>
          </>
        )}
      </div>
    </Page>
  );
}

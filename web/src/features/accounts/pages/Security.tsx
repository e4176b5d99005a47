// Account security: change my password (with the current one; my other sessions end).
import { App, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { useChangePassword } from '../api.ts';
import { NewPasswordFields } from '../components/NewPassword.tsx';
import { NS } from '../i18n.ts';

type Values = { currentPassword: string; password: string; confirm: string };

function ChangePassword() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const submit = async ({ currentPassword, password }: Values) => {
    try {
      await change.mutateAsync({ currentPassword, password });
      form.resetFields();
      message.success(t('password.saved'));
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('password.title')}</h2>}
      style={{ maxWidth: 520 }}
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: '' }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields label={t('password.new')} confirmLabel={t('password.confirm')} />
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('password.save')}
        </Button>
      </Form>
    </Card>
  );
}

export function Security() {
  const { t } = useTranslation(NS);
  return (
    <Page title={t('security.title')}>
      <ChangePassword />
    </Page>
  );
}

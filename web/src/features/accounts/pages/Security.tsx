// Account security: change my password (with the current one; my other sessions end) and see
// and end the sessions of my account on other devices; two-step sign-in.
import { App, Button, Card, Flex, Form, Input, List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { useChangePassword, useEndOtherSessions, useEndSession, useMySessions } from '../api.ts';
import { NewPasswordFields } from '../components/NewPassword.tsx';
import { TwoStep } from '../components/TwoStep.tsx';
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

function Sessions() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const sessions = useMySessions();
  const end = useEndSession();
  const endOthers = useEndOtherSessions();
  const others = (sessions.data ?? []).filter((s) => !s.current).length;
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('sessions.title')}</h2>}
      style={{ maxWidth: 720, marginTop: 16 }}
    >
      <Typography.Paragraph type="secondary">{t('sessions.intro')}</Typography.Paragraph>
      <List
        loading={sessions.isLoading}
        dataSource={sessions.data ?? []}
        rowKey="id"
        renderItem={(s) => (
          <List.Item
            actions={
              s.current
                ? []
                : [
                    <ConfirmButton
                      key="end"
                      size="small"
                      danger
                      effect={t('sessions.endEffect')}
                      onConfirm={async () => {
                        try {
                          await end.mutateAsync(s.id);
                          message.success(t('sessions.ended'));
                        } catch (e) {
                          message.error(errorText(e));
                        }
                      }}
                    >
                      {t('sessions.end')}
                    </ConfirmButton>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                <Flex wrap gap="small" align="center">
                  <span>
                    {/* Product names read the same in every language. */}
                    {s.browser ? <span translate="no">{s.browser}</span> : t('sessions.unknownBrowser')} ·{' '}
                    {s.os ? <span translate="no">{s.os}</span> : t('sessions.unknownOs')}
                    {s.mobile ? ` · ${t('sessions.phone')}` : ''}
                  </span>
                  {s.current && <Tag color="success">{t('sessions.current')}</Tag>}
                </Flex>
              }
              description={
                <>
                  {t('sessions.address', { ip: s.ip || '—' })} · {t('sessions.lastSeen')}{' '}
                  <DateText iso={s.lastSeenAt} /> · {t('sessions.started')} <DateText iso={s.createdAt} />
                </>
              }
            />
          </List.Item>
        )}
      />
      {sessions.data && (
        <div style={{ marginTop: 12 }}>
          {others > 0 ? (
            <ConfirmButton
              danger
              effect={t('sessions.endOthersEffect')}
              onConfirm={async () => {
                try {
                  const r = await endOthers.mutateAsync();
                  message.success(t('sessions.endedOthers', { count: r.sessionsRevoked }));
                } catch (e) {
                  message.error(errorText(e));
                }
              }}
            >
              {t('sessions.endOthers')}
            </ConfirmButton>
          ) : (
            <Typography.Text type="secondary">{t('sessions.none')}</Typography.Text>
          )}
        </div>
      )}
    </Card>
  );
}

export function Security() {
  const { t } = useTranslation(NS);
  return (
    <Page title={t('security.title')}>
      <TwoStep />
      <ChangePassword />
      <Sessions />
    </Page>
  );
}

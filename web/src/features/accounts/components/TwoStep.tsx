// Two-step sign-in on Account security: set it up (scan the QR code or type the key, confirm with a
// code, keep the ten recovery codes shown once), or, when on, renew the recovery codes or turn it
// off with the password. When a role requires it, says so: nothing else works until it is on.
import { Alert, App, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/Names.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { useSession } from '../../../session.tsx';
import {
  useConfirmTotp,
  useDisableTotp,
  useRenewRecoveryCodes,
  useStartTotp,
  useTotpStatus,
} from '../api.ts';
import { NS } from '../i18n.ts';

type Enrolment = { secret: string; qrDataUrl: string };

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation(NS);
  return (
    <Alert
      type="warning"
      showIcon
      title={t('totp.codesTitle')}
      description={
        <>
          <Typography.Paragraph>{t('totp.codesIntro')}</Typography.Paragraph>
          <ol className="recovery-codes" aria-label={t('totp.codesTitle')} translate="no">
            {codes.map((c) => (
              <li key={c}>
                <Typography.Text code>{c}</Typography.Text>
              </li>
            ))}
          </ol>
          <Flex wrap gap="small">
            <Typography.Text
              copyable={{ text: codes.join('\n'), tooltips: [t('totp.copy'), t('totp.copied')] }}
            >
              {t('totp.copy')}
            </Typography.Text>
            <Button type="primary" onClick={onDone}>
              {t('totp.saved')}
            </Button>
          </Flex>
        </>
      }
    />
  );
}

function Enrol({ enrolment, onCodes }: { enrolment: Enrolment; onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const { refresh } = useSession();
  const [form] = Form.useForm<{ code: string }>();
  const confirm = useConfirmTotp();
  const submit = async ({ code }: { code: string }) => {
    try {
      const r = await confirm.mutateAsync(code);
      onCodes(r.recoveryCodes);
      message.success(t('totp.on'));
      await refresh();
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <>
      <Typography.Paragraph>{t('totp.scan')}</Typography.Paragraph>
      <img src={enrolment.qrDataUrl} alt={t('totp.qrAlt')} width={200} height={200} />
      <Typography.Paragraph>
        {t('totp.typeKey')}{' '}
        <Typography.Text code copyable translate="no" data-testid="totp-secret">
          {enrolment.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} style={{ maxWidth: 320 }}>
        <Form.Item
          name="code"
          label={t('totp.code')}
          rules={[{ required: true, message: t('totp.codeNeeded') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={confirm.isPending}>
          {t('totp.confirm')}
        </Button>
      </Form>
    </>
  );
}

function WhenOn({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const { refresh } = useSession();
  const [form] = Form.useForm<{ password: string }>();
  const renew = useRenewRecoveryCodes();
  const disable = useDisableTotp();
  const run = async (what: 'renew' | 'disable') => {
    try {
      const { password } = await form.validateFields();
      if (what === 'renew') onCodes((await renew.mutateAsync(password)).recoveryCodes);
      else {
        await disable.mutateAsync(password);
        message.success(t('totp.off'));
        await refresh();
      }
      form.resetFields();
    } catch (e) {
      if (e instanceof Error && !showFieldError(form, e)) message.error(errorText(e));
    }
  };
  return (
    <Form form={form} layout="vertical" requiredMark={false} style={{ maxWidth: 360 }}>
      <Typography.Paragraph type="secondary">{t('totp.passwordFor')}</Typography.Paragraph>
      <Form.Item name="password" label={t('totp.password')} rules={[{ required: true, message: '' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Flex wrap gap="small">
        <Button onClick={() => run('renew')} loading={renew.isPending}>
          {t('totp.renew')}
        </Button>
        <Button danger onClick={() => run('disable')} loading={disable.isPending}>
          {t('totp.turnOff')}
        </Button>
      </Flex>
    </Form>
  );
}

export function TwoStep() {
  const { t } = useTranslation(NS);
  const { t: common } = useTranslation();
  const { message } = App.useApp();
  const status = useTotpStatus();
  const start = useStartTotp();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const s = status.data;
  const begin = async () => {
    try {
      setEnrolment(await start.mutateAsync());
    } catch (e) {
      message.error(errorText(e));
    }
  };
  return (
    <Card
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('totp.title')}</h2>}
      style={{ maxWidth: 720, marginBottom: 16 }}
      loading={status.isLoading}
      extra={
        s && (
          <Tag color={s.enabled ? 'success' : 'default'}>{s.enabled ? t('totp.isOn') : t('totp.isOff')}</Tag>
        )
      }
    >
      {s && !s.enabled && s.requiredBy.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('totp.required', {
            roles: s.requiredBy.map((r) => `${r.orgName} · ${common(`roles.${r.role}`)}`).join('；'),
          })}
        />
      )}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : s?.enabled ? (
        <>
          <Typography.Paragraph>
            {t('totp.since')} {s.enabledAt && <DateText iso={s.enabledAt} />} ·{' '}
            {t('totp.codesLeft', { count: s.recoveryCodesLeft })}
          </Typography.Paragraph>
          <WhenOn onCodes={setCodes} />
        </>
      ) : enrolment ? (
        <Enrol
          enrolment={enrolment}
          onCodes={(c) => {
            setEnrolment(null);
            setCodes(c);
          }}
        />
      ) : (
        <>
          <Typography.Paragraph>{t('totp.intro')}</Typography.Paragraph>
          <Button type="primary" onClick={begin} loading={start.isPending}>
            {t('totp.setUp')}
          </Button>
        </>
      )}
    </Card>
  );
}

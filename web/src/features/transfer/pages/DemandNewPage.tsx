// Posting a technology demand: the problem in both languages, keywords and field codes, the budget
// range in yuan and the deadline; by default the enterprise is told when a fitting achievement is listed.
import { App, Button, Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { parseYuan } from '../../../lib/format.ts';
import { useSession } from '../../../session.tsx';
import { createDemand } from '../api.ts';
import { splitList } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

interface Values {
  orgId: string;
  titleZh: string;
  titleEn?: string;
  problemZh?: string;
  problemEn?: string;
  keywords?: string;
  disciplineCodes?: string;
  budgetMinFen?: string;
  budgetMaxFen: string;
  deadline: Dayjs;
  alert: boolean;
}

export function DemandNewPage() {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const { session } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const orgs = [
    ...new Map(
      (session?.roles ?? [])
        .filter((r) => r.role === 'proposer' || r.role === 'admin')
        .map((r) => [r.orgId, r.orgName]),
    ).entries(),
  ];
  const yuanRule = {
    validator: (_: unknown, v?: string) =>
      v?.trim() && parseYuan(v) === null ? Promise.reject(new Error(t('demand.budget'))) : Promise.resolve(),
  };
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const d = await createDemand({
        orgId: v.orgId,
        titleZh: v.titleZh,
        titleEn: v.titleEn ?? '',
        problemZh: v.problemZh ?? '',
        problemEn: v.problemEn ?? '',
        keywords: splitList(v.keywords),
        disciplineCodes: splitList(v.disciplineCodes),
        budgetMinFen: v.budgetMinFen?.trim() ? (parseYuan(v.budgetMinFen) ?? 0) : 0,
        budgetMaxFen: parseYuan(v.budgetMaxFen) ?? 0,
        deadline: v.deadline.format('YYYY-MM-DD'),
        alert: v.alert,
      });
      message.success(t('saved'));
      navigate(`/transfer/demands/${d.id}`);
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('demand.newTitle')}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 720 }}
        initialValues={{ orgId: orgs[0]?.[0], alert: true }}
      >
        <Form.Item name="orgId" label={t('demand.org')} rules={[{ required: true }]}>
          <Select options={orgs.map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="titleZh" label={t('demand.titleZh')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="titleEn" label={t('demand.titleEn')}>
          <Input />
        </Form.Item>
        <Form.Item name="problemZh" label={t('demand.problemZh')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="problemEn" label={t('demand.problemEn')}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="keywords" label={t('demand.keywords')}>
          <Input />
        </Form.Item>
        <Form.Item name="disciplineCodes" label={t('demand.disciplineCodes')}>
          <Input placeholder="E02" />
        </Form.Item>
        <Form.Item name="budgetMinFen" label={t('demand.budgetMin')} rules={[yuanRule]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="budgetMaxFen" label={t('demand.budgetMax')} rules={[{ required: true }, yuanRule]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="deadline" label={t('demand.deadline')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="alert" valuePropName="checked">
          <Checkbox>{t('demand.alert')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ach.save')}
        </Button>
      </Form>
    </Page>
  );
}

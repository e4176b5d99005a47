// Posting a technology demand: the problem in both languages, keywords and field codes, the budget
// range in yuan and the deadline; by default the enterprise is told when a fitting achievement is listed.
import { Button, Checkbox, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Page } from '../../../components/Page.tsx';
import { parseYuan } from '../../../lib/format.ts';
import { createDemand } from '../api.ts';
import { DescriptionFields, useCreate, useOrgOptions, yuanRule } from '../components/ListingForm.tsx';
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
  const [form] = Form.useForm<Values>();
  const orgs = useOrgOptions(['proposer', 'admin']);
  const { busy, submit } = useCreate(
    form,
    (v: Values) =>
      createDemand({
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
      }),
    (d) => `/transfer/demands/${d.id}`,
  );
  const budget = yuanRule(t('demand.budget'));
  return (
    <Page title={t('demand.newTitle')}>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 720 }}
        initialValues={{ orgId: orgs[0]?.value, alert: true }}
      >
        <DescriptionFields scope="demand" text="problem" orgs={orgs} codesPlaceholder="E02" />
        <Form.Item name="budgetMinFen" label={t('demand.budgetMin')} rules={[budget]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="budgetMaxFen" label={t('demand.budgetMax')} rules={[{ required: true }, budget]}>
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

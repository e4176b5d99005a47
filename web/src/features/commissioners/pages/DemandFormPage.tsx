// Posting a demand, phone first: a field worker fills it on a 390 px screen — plain words, the
// place down to the county, urgency, who is to be served and how to reach them.
import { Button, Form, Input, message, Radio, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DivisionPicker } from '../../../components/DivisionPicker.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { type DemandBody, useAgencies, usePostDemand } from '../api.ts';
import { NS } from '../i18n.ts';

const URGENCIES = ['low', 'normal', 'urgent'] as const;
const KINDS = ['village', 'cooperative', 'farm', 'firm', 'other'] as const;

export function DemandFormPage() {
  const { t, i18n } = useTranslation(NS);
  const [form] = Form.useForm<DemandBody>();
  const navigate = useNavigate();
  const agencies = useAgencies();
  const post = usePostDemand();
  useEffect(() => {
    const first = agencies.data?.[0];
    if (first && !form.getFieldValue('agencyOrgId')) form.setFieldValue('agencyOrgId', first.id);
  }, [agencies.data, form]);
  const submit = async (values: DemandBody) => {
    try {
      const d = await post.mutateAsync(values);
      message.success(t('form.posted'));
      navigate(`/commissioners/demands/${d.id}`);
    } catch (e) {
      if (!showFieldError(form, e)) message.error(errorText(e));
    }
  };
  const required = [{ required: true }];
  return (
    <Page title={t('form.title')} subtitle={t('form.intro')}>
      <Form<DemandBody>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ urgency: 'normal', requesterKind: 'village' }}
        style={{ maxWidth: 560 }}
        requiredMark={false}
      >
        <Form.Item name="title" label={t('form.what')} rules={required}>
          <Input placeholder={t('form.whatHint')} maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('form.description')} rules={required}>
          <Input.TextArea
            placeholder={t('form.descriptionHint')}
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={5000}
          />
        </Form.Item>
        <Form.Item name="regionCode" label={t('form.place')} rules={required} extra={t('form.placeHint')}>
          <DivisionPicker />
        </Form.Item>
        <Form.Item name="industry" label={t('form.industry')}>
          <Input placeholder={t('form.industryHint')} maxLength={100} />
        </Form.Item>
        <Form.Item name="urgency" label={t('form.urgency')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
          />
        </Form.Item>
        <Form.Item name="requester" label={t('form.requester')} rules={required}>
          <Input placeholder={t('form.requesterHint')} maxLength={200} />
        </Form.Item>
        <Form.Item name="requesterKind" label={t('form.requesterKind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`requesterKinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="contactName" label={t('form.contactName')}>
          <Input maxLength={100} autoComplete="name" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('form.contactPhone')} extra={t('form.contactNote')}>
          <Input type="tel" inputMode="tel" maxLength={40} autoComplete="tel" />
        </Form.Item>
        <Form.Item name="agencyOrgId" label={t('form.agency')} rules={required}>
          <Select
            loading={agencies.isLoading}
            options={(agencies.data ?? []).map((a) => ({
              value: a.id,
              label: nameIn(i18n.language, a.nameZh, a.nameEn),
            }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={post.isPending}>
          {t('form.submit')}
        </Button>
      </Form>
    </Page>
  );
}

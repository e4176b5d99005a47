// Listing an achievement: kind and number (a patent's check digit is verified by the server),
// bilingual title and abstract, keywords and codes, readiness, what is offered at what price, and
// the contributors with their shares (which must make 100 %). Server field errors land on fields.
import { Alert, Button, Checkbox, Form, Input, InputNumber, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ListEditor } from '../../../components/ListEditor.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { parseYuan } from '../../../lib/format.ts';
import { useSession } from '../../../session.tsx';
import { type AchievementBody, createAchievement, useTaskBookListing } from '../api.ts';
import { DescriptionFields, useCreate, useOrgOptions, yuanRule } from '../components/ListingForm.tsx';
import { splitList } from '../components/Parts.tsx';
import { NS } from '../i18n.ts';

const KINDS = ['patent', 'softwareCopyright', 'plantVariety', 'icLayout', 'knowHow'] as const;
const OFFERS = [
  'transfer',
  'exclusiveLicence',
  'soleLicence',
  'nonExclusiveLicence',
  'equity',
  'jointDevelopment',
] as const;

interface Values {
  orgId: string;
  kind: (typeof KINDS)[number];
  ipNumber?: string;
  titleZh: string;
  titleEn?: string;
  abstractZh?: string;
  abstractEn?: string;
  keywords?: string;
  disciplineCodes?: string;
  ipcCodes?: string;
  trl: number;
  offers: (typeof OFFERS)[number][];
  askingPrice?: string;
  inventors: { personId?: string | null; nameZh: string; nameEn?: string; sharePct: number }[];
  list: boolean;
}

export function AchievementNewPage() {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const [form] = Form.useForm<Values>();
  const orgs = useOrgOptions();
  const kind = Form.useWatch('kind', form);
  // ?taskBook=… : an accepted challenge deliverable, pre-filled by the server.
  const [params] = useSearchParams();
  const draft = useTaskBookListing(params.get('taskBook'));
  useEffect(() => {
    const d = draft.data;
    if (!d) return;
    form.setFieldsValue({
      orgId: d.orgId,
      kind: d.kind,
      titleZh: d.titleZh,
      titleEn: d.titleEn,
      abstractZh: d.abstractZh,
      abstractEn: d.abstractEn,
      keywords: d.keywords.join('，'),
      disciplineCodes: d.disciplineCodes.join(', '),
      trl: d.trl,
      offers: d.offers,
      inventors: d.inventors.map((i) => ({
        personId: i.personId,
        nameZh: i.nameZh,
        nameEn: i.nameEn,
        sharePct: i.shareBp / 100,
      })),
    });
  }, [draft.data, form]);
  const toBody = (v: Values): AchievementBody => ({
    orgId: v.orgId,
    kind: v.kind,
    ipNumber: v.ipNumber?.trim() || null,
    titleZh: v.titleZh,
    titleEn: v.titleEn ?? '',
    abstractZh: v.abstractZh ?? '',
    abstractEn: v.abstractEn ?? '',
    keywords: splitList(v.keywords),
    disciplineCodes: splitList(v.disciplineCodes),
    ipcCodes: splitList(v.ipcCodes),
    trl: v.trl,
    offers: v.offers,
    askingPriceFen: v.askingPrice?.trim() ? parseYuan(v.askingPrice) : null,
    inventors: v.inventors.map((i) => ({
      nameZh: i.nameZh,
      nameEn: i.nameEn ?? '',
      shareBp: Math.round(i.sharePct * 100),
    })),
    list: v.list,
    sourceTaskBookId: draft.data?.sourceTaskBookId ?? null,
  });
  const { busy, submit } = useCreate(
    form,
    (v: Values) => createAchievement(toBody(v)),
    (a) => `/transfer/achievements/${a.id}`,
  );
  return (
    <Page title={t('ach.newTitle')}>
      {draft.data && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('ach.fromTaskBook')} />
      )}
      {draft.error && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={errorText(draft.error)} />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        style={{ maxWidth: 720 }}
        initialValues={{
          orgId: orgs[0]?.value,
          kind: 'patent',
          trl: 5,
          offers: ['transfer'],
          list: true,
          inventors: [
            { nameZh: session?.person?.nameZh ?? '', nameEn: session?.person?.nameEn ?? '', sharePct: 100 },
          ],
        }}
      >
        <DescriptionFields scope="ach" text="abstract" orgs={orgs} codesPlaceholder="E0207">
          <Form.Item name="kind" label={t('ach.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))} />
          </Form.Item>
          <Form.Item
            name="ipNumber"
            label={kind === 'patent' ? t('ach.ipNumber') : t('ach.regNumber')}
            extra={kind === 'patent' ? t('ach.ipNumberHelp') : undefined}
            rules={kind === 'patent' ? [{ required: true }] : []}
          >
            <Input inputMode="text" autoComplete="off" />
          </Form.Item>
        </DescriptionFields>
        <Form.Item name="ipcCodes" label={t('ach.ipcCodes')}>
          <Input placeholder="C30B 15/10" />
        </Form.Item>
        <Form.Item name="trl" label={t('ach.trl')} rules={[{ required: true }]}>
          <InputNumber min={1} max={9} />
        </Form.Item>
        <Form.Item name="offers" label={t('ach.offers')} rules={[{ required: true }]}>
          <Select mode="multiple" options={OFFERS.map((o) => ({ value: o, label: t(`offer.${o}`) }))} />
        </Form.Item>
        <Form.Item name="askingPrice" label={t('ach.askingPrice')} rules={[yuanRule(t('deal.price'))]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <ListEditor
          name="inventors"
          label={t('ach.inventors')}
          min={1}
          addText={t('ach.addInventor')}
          initialRow={{ nameZh: '', nameEn: '', sharePct: 0 }}
        >
          {(field) => (
            <>
              <Form.Item
                name={[field.name, 'nameZh']}
                label={t('ach.inventorName')}
                rules={[{ required: true }]}
              >
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'nameEn']} label={t('ach.inventorNameEn')}>
                <Input />
              </Form.Item>
              <Form.Item name={[field.name, 'sharePct']} label={t('ach.share')} rules={[{ required: true }]}>
                <InputNumber min={0.01} max={100} step={1} precision={2} />
              </Form.Item>
            </>
          )}
        </ListEditor>
        <Form.Item name="list" valuePropName="checked">
          <Checkbox>{t('ach.list')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('ach.save')}
        </Button>
      </Form>
    </Page>
  );
}

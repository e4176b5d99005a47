// Listing an instrument or changing its entry (its organisation's admins), phone first: one column
// of fields, the place picked by name down to the county, the manager found by name among the
// organisation's members, money in yuan (stored in fen). Server field errors land on their fields.
// Once saved, the maintenance windows are added below.
import { Alert, App, Button, Card, Form, Input, InputNumber, List, Radio, Select, Spin, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.tsx';
import { DivisionPicker } from '../../../components/DivisionPicker.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { fromBeijingInput } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import {
  CATEGORIES,
  type InstrumentBody,
  useAddMaintenance,
  useInstrument,
  useListingOrgs,
  useManagerCandidates,
  useRemoveMaintenance,
  useSaveInstrument,
} from '../api.ts';
import { NS } from '../i18n.ts';

/** A money field shown in yuan and held in fen. */
const fenField = {
  getValueProps: (fen: number | undefined) => ({ value: fen == null ? fen : fen / 100 }),
  normalize: (yuan: number | null) => (yuan == null ? undefined : Math.round(yuan * 100)),
};

const DEFAULTS: Partial<InstrumentBody> = {
  openness: 'external',
  minSlotMinutes: 30,
  leadHours: 24,
  needsApproval: true,
  nameEn: '',
  model: '',
  maker: '',
  address: '',
  capabilitiesZh: '',
  capabilitiesEn: '',
};

function Maintenance({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const x = useInstrument(id);
  const add = useAddMaintenance(id);
  const remove = useRemoveMaintenance(id);
  return (
    <Card size="small" title={t('form.maintenance')} style={{ marginTop: 16 }}>
      <List
        size="small"
        dataSource={x.data?.maintenance ?? []}
        locale={{ emptyText: <EmptyState text={t('form.maintenanceNone')} /> }}
        renderItem={(w) => (
          <List.Item
            actions={[
              <ConfirmButton
                key="remove"
                danger
                size="small"
                effect={t('form.maintenanceRemoveEffect')}
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync(w.id);
                    message.success(t('form.maintenanceRemoved'));
                  } catch (e) {
                    message.error(errorText(e));
                  }
                }}
              >
                {t('form.maintenanceRemove')}
              </ConfirmButton>,
            ]}
          >
            <span>
              <DateText iso={w.start} /> – <DateText iso={w.end} /> {w.reason}
            </span>
          </List.Item>
        )}
      />
      <Form
        form={form}
        layout="vertical"
        style={{ marginTop: 12 }}
        onFinish={async (v: { start: string; end: string; reason?: string }) => {
          try {
            await add.mutateAsync({
              start: fromBeijingInput(v.start),
              end: fromBeijingInput(v.end),
              reason: v.reason ?? '',
            });
            message.success(t('form.maintenanceAdded'));
            form.resetFields();
          } catch (e) {
            if (!showFieldError(form, e)) message.error(errorText(e));
          }
        }}
      >
        <Form.Item name="start" label={t('detail.start')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="end" label={t('detail.end')} rules={[{ required: true }]}>
          <Input type="datetime-local" />
        </Form.Item>
        <Form.Item name="reason" label={t('form.maintenanceReason')}>
          <Input maxLength={500} />
        </Form.Item>
        <Button htmlType="submit" loading={add.isPending}>
          {t('form.maintenanceAdd')}
        </Button>
      </Form>
    </Card>
  );
}

export function InstrumentFormPage() {
  const { t, i18n } = useTranslation(NS);
  const { message } = App.useApp();
  const id = useParams().id;
  const navigate = useNavigate();
  const [form] = Form.useForm<InstrumentBody>();
  const existing = useInstrument(id ?? '');
  const orgs = useListingOrgs();
  const orgId = Form.useWatch('orgId', form);
  const managers = useManagerCandidates(orgId);
  const save = useSaveInstrument(id);
  const x = id ? existing.data : undefined;

  useEffect(() => {
    if (x)
      form.setFieldsValue({
        orgId: x.org.id,
        nameZh: x.nameZh,
        nameEn: x.nameEn,
        category: x.category as InstrumentBody['category'],
        model: x.model,
        maker: x.maker,
        valueFen: x.valueFen,
        regionCode: x.regionCode,
        address: x.address,
        capabilitiesZh: x.capabilitiesZh,
        capabilitiesEn: x.capabilitiesEn,
        managerId: x.manager.id,
        openness: x.openness as InstrumentBody['openness'],
        priceInternalFen: x.priceInternalFen,
        priceExternalFen: x.priceExternalFen,
        minSlotMinutes: x.minSlotMinutes,
        leadHours: x.leadHours,
        needsApproval: x.needsApproval,
      });
  }, [x, form]);
  useEffect(() => {
    const only = orgs.data?.length === 1 ? orgs.data[0] : undefined;
    if (!id && only && !form.getFieldValue('orgId')) form.setFieldValue('orgId', only.id);
  }, [id, orgs.data, form]);

  if ((id && existing.isPending) || orgs.isPending) return <Spin />;
  if (id && existing.isError) return <Alert type="error" message={errorText(existing.error)} />;
  const title = id ? t('form.editTitle') : t('form.newTitle');
  const name = x ? nameIn(i18n.language, x.nameZh, x.nameEn) : '';
  const breadcrumb = [
    { title: t('menu.list'), href: '/instruments' },
    ...(x ? [{ title: name, href: `/instruments/${x.id}` }] : []),
    { title },
  ];
  if (!orgs.data?.length && !x?.canEdit)
    return (
      <Page title={title} breadcrumb={breadcrumb}>
        <Alert type="info" message={t('form.noOrg')} />
      </Page>
    );
  const required = [{ required: true }];
  const orgOptions = (orgs.data ?? []).map((o) => ({
    value: o.id,
    label: nameIn(i18n.language, o.nameZh, o.nameEn),
  }));
  if (x && !orgOptions.some((o) => o.value === x.org.id))
    orgOptions.push({ value: x.org.id, label: nameIn(i18n.language, x.org.nameZh, x.org.nameEn) });
  return (
    <Page title={title} breadcrumb={breadcrumb}>
      <Form<InstrumentBody>
        form={form}
        layout="vertical"
        initialValues={DEFAULTS}
        style={{ maxWidth: 720 }}
        onValuesChange={(changed) => {
          if ('orgId' in changed) form.setFieldValue('managerId', undefined);
        }}
        onFinish={async (values) => {
          try {
            const saved = await save.mutateAsync({ ...DEFAULTS, ...values });
            message.success(id ? t('form.saved') : t('form.created'));
            navigate(id ? `/instruments/${saved.id}` : `/instruments/${saved.id}/edit`);
          } catch (e) {
            if (!showFieldError(form, e)) message.error(errorText(e));
          }
        }}
      >
        <Form.Item name="orgId" label={t('form.org')} rules={required}>
          <Select options={orgOptions} disabled={!!id} showSearch optionFilterProp="label" />
        </Form.Item>
        <Form.Item name="nameZh" label={t('form.nameZh')} rules={required}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('form.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="category" label={t('form.category')} rules={required}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="model" label={t('form.model')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="maker" label={t('form.maker')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="valueFen" label={t('form.value')} rules={required} {...fenField}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="regionCode" label={t('form.region')} rules={required}>
          <DivisionPicker placeholder={t('form.regionPick')} />
        </Form.Item>
        <Form.Item name="address" label={t('form.address')}>
          <Input maxLength={500} />
        </Form.Item>
        {/* The writer's own words, in either language: not interface text. */}
        <Form.Item name="capabilitiesZh" label={t('form.capabilitiesZh')}>
          <Input.TextArea rows={3} maxLength={5000} translate="no" />
        </Form.Item>
        <Form.Item name="capabilitiesEn" label={t('form.capabilitiesEn')}>
          <Input.TextArea rows={3} maxLength={5000} translate="no" lang="en" />
        </Form.Item>
        <Form.Item name="managerId" label={t('form.manager')} rules={required}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('form.managerPick')}
            loading={managers.isFetching}
            options={(managers.data ?? []).map((p) => ({
              value: p.id,
              label: nameIn(i18n.language, p.nameZh, p.nameEn),
            }))}
          />
        </Form.Item>
        <Form.Item name="openness" label={t('form.openness')} rules={required}>
          <Radio.Group
            options={[
              { value: 'external', label: t('detail.external') },
              { value: 'internal', label: t('detail.internal') },
            ]}
          />
        </Form.Item>
        <Form.Item name="priceInternalFen" label={t('form.priceInternal')} rules={required} {...fenField}>
          <InputNumber min={0} precision={1} step={10} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="priceExternalFen" label={t('form.priceExternal')} rules={required} {...fenField}>
          <InputNumber min={0} precision={1} step={10} style={{ width: '100%' }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="minSlotMinutes" label={t('form.minSlot')} rules={required}>
          <InputNumber min={6} max={1440} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="leadHours" label={t('form.lead')} rules={required}>
          <InputNumber min={0} max={2160} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="needsApproval" label={t('form.needsApproval')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending} block>
          {t('form.save')}
        </Button>
      </Form>
      {id ? (
        <Maintenance id={id} />
      ) : (
        <Alert style={{ marginTop: 16 }} type="info" message={t('form.saveFirst')} />
      )}
    </Page>
  );
}

// The registry an agency keeps: who its commissioners are, what they know, where they serve, how
// loaded they are, and the service they gave (confirmed hours, visits, mean rating); register new ones.
import {
  Button,
  Card,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  message,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { DivisionPicker } from '../../../components/DivisionPicker.tsx';
import { PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { ServerTable } from '../../../components/ServerTable.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { useSession } from '../../../session.tsx';
import {
  type CommissionerBody,
  type CommissionerRow,
  fetchCommissioners,
  type ImportReport,
  useImport,
  useRegister,
} from '../api.ts';
import { NS } from '../i18n.ts';

const KINDS = ['individual', 'team', 'legal_entity'] as const;

export function RegistryPage() {
  const { t } = useTranslation(NS);
  const { session } = useSession();
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const agencies = (session?.roles ?? []).filter(
    (r) => (r.role === 'organizer' || r.role === 'admin') && r.orgKind === 'agency',
  );
  const name = (r: CommissionerRow) => <PersonName zh={r.nameZh} en={r.nameEn} />;
  const load = (r: CommissionerRow) => (
    <span className="num">
      {r.load} / {r.capacity}
    </span>
  );
  const avail = (r: CommissionerRow) =>
    r.available ? <Tag color="blue">{t('registry.available')}</Tag> : <Tag>{t('registry.unavailable')}</Tag>;
  return (
    <Page
      title={t('registry.title')}
      subtitle={t('registry.intro')}
      extra={
        agencies.length > 0 && (
          <>
            <ImportButton agencyId={agencies[0].orgId} />
            <Button type="primary" onClick={() => setOpen(true)}>
              {t('registry.add')}
            </Button>
          </>
        )
      }
    >
      <ServerTable<CommissionerRow>
        label={t('registry.title')}
        queryKey={['commissioners', 'registry', search]}
        fetchPage={(q) => fetchCommissioners(q, search)}
        rowKey="id"
        empty={t('registry.none')}
        toolbar={
          <Input.Search
            allowClear
            aria-label={t('registry.search')}
            placeholder={t('registry.search')}
            onSearch={setSearch}
            style={{ maxWidth: 320 }}
          />
        }
        exportAs={{
          filename: 'commissioners',
          columns: [
            { title: t('registry.name'), value: (r) => r.nameZh },
            { title: t('registry.kind'), value: (r) => t(`kinds.${r.kind}`) },
            { title: t('registry.homeOrg'), value: (r) => r.homeOrg },
            { title: t('registry.regions'), value: (r) => r.regions.map((x) => x.name).join('; ') },
            { title: t('registry.visits'), value: (r) => String(r.confirmedVisits) },
            { title: t('registry.hours'), value: (r) => String(r.hours) },
            { title: t('registry.rating'), value: (r) => (r.rating === null ? '' : String(r.rating)) },
          ],
        }}
        columns={[
          {
            title: t('registry.name'),
            key: 'name',
            render: (_, r) => (
              <>
                {name(r)}
                <div>
                  <Typography.Text type="secondary">
                    {t(`kinds.${r.kind}`)} · {r.homeOrg}
                  </Typography.Text>
                </div>
              </>
            ),
          },
          {
            title: t('registry.regions'),
            key: 'regions',
            render: (_, r) => r.regions.map((x) => x.name).join('；'),
          },
          { title: t('registry.load'), key: 'load', align: 'right', render: (_, r) => load(r) },
          { title: t('registry.available'), key: 'available', render: (_, r) => avail(r) },
          {
            title: `${t('registry.visits')} · ${t('registry.hours')} · ${t('registry.rating')}`,
            key: 'service',
            render: (_, r) => (
              <span className="num">
                {r.confirmedVisits} · {r.hours} · {r.rating ?? '—'}
              </span>
            ),
          },
        ]}
        card={(r) => (
          <Card size="small" title={name(r)} extra={avail(r)}>
            <div>
              {t(`kinds.${r.kind}`)} · {r.homeOrg}
            </div>
            <div>{r.keywords.slice(0, 4).join('、')}</div>
            <div>{r.regions.map((x) => x.name).join('；')}</div>
            <Space wrap size="middle">
              <span>
                {t('registry.load')}: {load(r)}
              </span>
              <span>
                {t('registry.visits')}: {r.confirmedVisits}
              </span>
              <span>
                {t('registry.hours')}: {r.hours}
              </span>
              <span>
                {t('registry.rating')}: {r.rating ?? '—'}
              </span>
            </Space>
          </Card>
        )}
      />
      <RegisterDrawer open={open} onClose={() => setOpen(false)} agencies={agencies} />
    </Page>
  );
}

interface RegisterValues extends Omit<CommissionerBody, 'regions'> {
  region: string;
}

function RegisterDrawer({
  open,
  onClose,
  agencies,
}: {
  open: boolean;
  onClose: () => void;
  agencies: { orgId: string; orgName: string }[];
}) {
  const { t } = useTranslation(NS);
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegister();
  return (
    <Drawer open={open} onClose={onClose} title={t('registry.form')} width={Math.min(520, window.innerWidth)}>
      <Form<RegisterValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ kind: 'individual', capacity: 2, available: true, agencyOrgId: agencies[0]?.orgId }}
        onFinish={async ({ region, ...v }) => {
          try {
            await register.mutateAsync({
              ...v,
              agencyOrgId: v.agencyOrgId ?? agencies[0]?.orgId,
              personEmail: v.personEmail || null,
              regions: [region],
            });
            message.success(t('registry.saved'));
            form.resetFields();
            onClose();
          } catch (e) {
            if (!showFieldError(form, e)) message.error(errorText(e));
          }
        }}
      >
        <Form.Item name="kind" label={t('registry.kind')}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))} />
        </Form.Item>
        <Form.Item name="nameZh" label={t('registry.nameZh')} rules={[{ required: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('registry.nameEn')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="personEmail" label={t('registry.personEmail')} extra={t('registry.personEmailHint')}>
          <Input type="email" maxLength={320} />
        </Form.Item>
        <Form.Item name="homeOrg" label={t('registry.homeOrg')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="keywords" label={t('registry.keywords')} extra={t('registry.listHint')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="industries" label={t('registry.industries')} extra={t('registry.listHint')}>
          <Select mode="tags" open={false} />
        </Form.Item>
        <Form.Item name="region" label={t('registry.regions')} rules={[{ required: true }]}>
          <DivisionPicker placeholder={t('form.placeHint')} />
        </Form.Item>
        <Form.Item name="capacity" label={t('registry.capacity')}>
          <InputNumber min={1} max={50} />
        </Form.Item>
        <Form.Item name="available" label={t('registry.available')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {agencies.length > 1 && (
          <Form.Item name="agencyOrgId" label={t('dispatch.agency')}>
            <Select options={agencies.map((a) => ({ value: a.orgId, label: a.orgName }))} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t('registry.save')}
        </Button>
      </Form>
    </Drawer>
  );
}

function ImportButton({ agencyId }: { agencyId: string }) {
  const { t } = useTranslation(NS);
  const imp = useImport();
  const [failed, setFailed] = useState<{ file: File; report: ImportReport } | null>(null);
  const send = async (file: File, skipBadRows: boolean) => {
    try {
      const r = await imp.mutateAsync({ agencyId, file, skipBadRows });
      setFailed(null);
      message.success(t('registry.imported', { created: r.created, skipped: r.skipped }));
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as unknown as ImportReport) : undefined;
      if (body?.errors?.length) setFailed({ file, report: body });
      else message.error(errorText(e));
    }
  };
  return (
    <>
      <Upload
        accept=".csv,.xlsx"
        showUploadList={false}
        beforeUpload={(f) => {
          void send(f, false);
          return false;
        }}
      >
        <Button loading={imp.isPending}>{t('registry.import')}</Button>
      </Upload>
      <Modal
        open={!!failed}
        title={t('registry.importProblems')}
        okText={t('registry.importSkip')}
        onOk={() => failed && send(failed.file, true)}
        onCancel={() => setFailed(null)}
      >
        <List
          size="small"
          dataSource={failed?.report.errors ?? []}
          renderItem={(e) => (
            <List.Item>
              {t('registry.row', { row: e.row })} · {e.field}: {e.reason}
            </List.Item>
          )}
        />
      </Modal>
    </>
  );
}

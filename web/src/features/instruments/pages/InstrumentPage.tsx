// One instrument: what it can do, prices, booking rules, taken times and maintenance (public),
// the booking form (signed in), and this year's open-sharing figures.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  List,
  Select,
  Space,
  Spin,
  Statistic,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { BarsChart } from '../../../components/BarsChart.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { DateText, MoneyText, OrgName, PersonName } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { errorText, showFieldError } from '../../../lib/form-errors.ts';
import { fromBeijingInput } from '../../../lib/format.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useBook, useInstrument, useOpenness, usePayers } from '../api.ts';
import { thisYear, YearSelect } from '../components/YearSelect.tsx';
import { NS } from '../i18n.ts';

interface BookValues {
  start: string;
  end: string;
  purpose: string;
  /** 'org:<id>' or 'award:<id>'. */
  payer?: string;
  milestoneNo?: number;
}

function BookForm({ id }: { id: string }) {
  const { t, i18n } = useTranslation(NS);
  const [form] = Form.useForm<BookValues>();
  const book = useBook(id);
  const payers = usePayers(true);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const payer = Form.useWatch('payer', form);
  const name = (x: { nameZh: string; nameEn: string }) => nameIn(i18n.language, x.nameZh, x.nameEn);
  const options = [
    ...(payers.data?.orgs ?? []).map((o) => ({
      value: `org:${o.id}`,
      label: t('detail.payerOrg', { name: name(o) }),
    })),
    ...(payers.data?.awards ?? []).map((a) => ({
      value: `award:${a.id}`,
      label: t('detail.payerAward', { name: name(a.challenge) }),
    })),
  ];
  const award = payers.data?.awards.find((a) => `award:${a.id}` === payer);
  return (
    <Card title={t('detail.book')} size="small" style={{ marginTop: 16 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          const [kind, payerId] = (v.payer ?? '').split(':');
          const chosen = payers.data?.awards.find((a) => a.id === payerId);
          try {
            const b = await book.mutateAsync({
              start: fromBeijingInput(v.start),
              end: fromBeijingInput(v.end),
              purpose: v.purpose,
              ...(kind === 'org' ? { payerOrgId: payerId } : {}),
              ...(kind === 'award' && chosen
                ? {
                    awardId: chosen.id,
                    taskBookId: chosen.taskBookId,
                    ...(v.milestoneNo ? { milestoneNo: v.milestoneNo } : {}),
                  }
                : {}),
            });
            message.success(t('detail.booked'));
            navigate(`/instruments/bookings/${b.id}`);
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
        <Form.Item name="purpose" label={t('detail.purpose')} rules={[{ required: true }]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {options.length > 0 && (
          <Form.Item name="payer" label={t('detail.payer')} initialValue={options[0].value}>
            <Select options={options} />
          </Form.Item>
        )}
        {award && award.milestones.length > 0 && (
          <Form.Item name="milestoneNo" label={t('detail.milestone')}>
            <Select
              allowClear
              options={award.milestones.map((m) => ({
                value: m.no,
                label: t('detail.milestoneItem', { no: m.no, title: m.title }),
              }))}
            />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={book.isPending}>
          {t('detail.submit')}
        </Button>
      </Form>
    </Card>
  );
}

function Figures({ id }: { id: string }) {
  const { t, i18n } = useTranslation(NS);
  const [year, setYear] = useState(thisYear());
  const q = useOpenness(id, year);
  const chart = useMemo(() => {
    const months = q.data?.byMonth ?? [];
    const label = (m: number) =>
      new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' }).format(
        Date.UTC(2000, m - 1, 1),
      );
    return {
      categories: months.map((m) => label(m.month)),
      series: [
        { name: t('openness.hours'), values: months.map((m) => m.tenths / 10), color: '#1677ff' },
        { name: t('openness.external'), values: months.map((m) => m.externalTenths / 10), color: '#d48806' },
      ],
    };
  }, [q.data, t, i18n.language]);
  const f = q.data?.figures;
  return (
    <Card
      title={t('detail.figures', { year })}
      extra={<YearSelect value={year} onChange={setYear} />}
      size="small"
      style={{ marginTop: 16 }}
    >
      {!f ? (
        <Spin />
      ) : (
        <>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
            <Statistic title={t('detail.hours')} value={(f.tenths / 10).toFixed(1)} />
            <Statistic
              title={t('detail.externalShare')}
              value={f.externalShareMille === null ? '—' : `${(f.externalShareMille / 10).toFixed(1)} %`}
            />
            <Statistic title={t('detail.users')} value={f.users} />
            <Statistic title={t('detail.income')} valueRender={() => <MoneyText fen={f.incomeFen} />} />
            <Statistic
              title={t('detail.meanScore')}
              value={f.meanScoreCenti === null ? '—' : (f.meanScoreCenti / 100).toFixed(2)}
            />
          </div>
          {f.uses > 0 && <BarsChart {...chart} label={t('openness.chartLabel', { year })} />}
        </>
      )}
    </Card>
  );
}

export function InstrumentPage() {
  const { t, i18n } = useTranslation(NS);
  const id = useParams().id ?? '';
  const q = useInstrument(id);
  const navigate = useNavigate();
  const { session } = useSession();
  if (q.isPending) return <Spin />;
  if (q.isError) return <Alert type="error" message={errorText(q.error)} />;
  const x = q.data;
  const title = nameIn(i18n.language, x.nameZh, x.nameEn);
  const slot = (w: { start: string; end: string }) => (
    <span>
      <DateText iso={w.start} /> – <DateText iso={w.end} />
    </span>
  );
  return (
    <Page
      title={title}
      breadcrumb={[{ title: t('menu.list'), href: '/instruments' }, { title }]}
      extra={
        <Space wrap>
          {x.canManage && (
            <Button onClick={() => navigate(`/instruments/${x.id}/calendar`)}>{t('calendar.open')}</Button>
          )}
          {x.canEdit && (
            <Button onClick={() => navigate(`/instruments/${x.id}/edit`)}>{t('form.edit')}</Button>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('list.category')}>{t(`category.${x.category}`)}</Descriptions.Item>
        <Descriptions.Item label={t('list.colOrg')}>
          <OrgName zh={x.org.nameZh} en={x.org.nameEn} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.model')}>{x.model}</Descriptions.Item>
        <Descriptions.Item label={t('detail.maker')}>{x.maker}</Descriptions.Item>
        <Descriptions.Item label={t('detail.value')}>
          <MoneyText fen={x.valueFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.address')}>{x.address}</Descriptions.Item>
        <Descriptions.Item label={t('detail.manager')}>
          <PersonName zh={x.manager.nameZh} en={x.manager.nameEn} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.openness')}>
          {x.openness === 'external' ? t('detail.external') : t('detail.internal')}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.capabilities')} span={2}>
          {nameIn(i18n.language, x.capabilitiesZh, x.capabilitiesEn)}
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.priceInternal')}>
          <MoneyText fen={x.priceInternalFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.priceExternal')}>
          <MoneyText fen={x.priceExternalFen} />
        </Descriptions.Item>
        <Descriptions.Item label={t('detail.rules')} span={2}>
          {t('detail.rulesText', { min: x.minSlotMinutes, lead: x.leadHours })} ·{' '}
          {x.needsApproval ? t('detail.approval') : t('detail.noApproval')}
        </Descriptions.Item>
      </Descriptions>
      <List
        header={t('detail.busy')}
        dataSource={x.busy}
        locale={{ emptyText: <EmptyState text={t('detail.none')} /> }}
        renderItem={(w) => <List.Item>{slot(w)}</List.Item>}
      />
      <List
        header={t('detail.maintenance')}
        dataSource={x.maintenance}
        locale={{ emptyText: <EmptyState text={t('detail.none')} /> }}
        renderItem={(w) => (
          <List.Item>
            {slot(w)} {w.reason}
          </List.Item>
        )}
      />
      {x.canBook ? (
        <BookForm id={x.id} />
      ) : !session?.person ? (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          message={<Link to="/login">{t('detail.loginToBook')}</Link>}
        />
      ) : null}
      <Figures id={x.id} />
    </Page>
  );
}

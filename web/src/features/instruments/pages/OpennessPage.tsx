// The annual open-sharing figures of an organisation's instruments (what the yearly evaluation of
// open sharing asks for): a chart of machine hours against external hours per instrument, the
// table, and its export as CSV (built here) or XLSX (the server's export route).
import { Alert, Card, Select, Space, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarsChart } from '../../../components/BarsChart.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { MoneyText } from '../../../components/Names.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { errorText } from '../../../lib/form-errors.ts';
import { nameIn } from '../../../lib/i18n.ts';
import { useListingOrgs, useOpennessTable } from '../api.ts';
import { thisYear, YearSelect } from '../components/YearSelect.tsx';
import { NS } from '../i18n.ts';

const hours = (tenths: number) => (tenths / 10).toFixed(1);
const share = (mille: number | null) => (mille === null ? '—' : `${(mille / 10).toFixed(1)} %`);
const score = (centi: number | null) => (centi === null ? '—' : (centi / 100).toFixed(2));

export function OpennessPage() {
  const { t, i18n } = useTranslation(NS);
  const orgs = useListingOrgs();
  const [orgId, setOrgId] = useState<string>();
  const [year, setYear] = useState(thisYear());
  useEffect(() => {
    if (!orgId && orgs.data?.[0]) setOrgId(orgs.data[0].id);
  }, [orgId, orgs.data]);
  const q = useOpennessTable(orgId, year);
  const rows = q.data ?? [];
  type Row = (typeof rows)[number];
  const name = (r: Row) => nameIn(i18n.language, r.nameZh, r.nameEn);
  const used = rows.filter((r) => r.uses > 0);
  const chart = useMemo(() => {
    const list = (q.data ?? []).filter((r) => r.uses > 0);
    return {
      categories: list.map((r) => nameIn(i18n.language, r.nameZh, r.nameEn)),
      series: [
        { name: t('openness.hours'), values: list.map((r) => r.tenths / 10), color: '#1677ff' },
        { name: t('openness.external'), values: list.map((r) => r.externalTenths / 10), color: '#d48806' },
      ],
    };
  }, [q.data, t, i18n.language]);
  const columns = [
    { title: t('openness.colInstrument'), value: (r: Row) => name(r) },
    { title: t('openness.colUses'), value: (r: Row) => r.uses },
    { title: t('openness.colHours'), value: (r: Row) => hours(r.tenths) },
    { title: t('openness.colExternal'), value: (r: Row) => hours(r.externalTenths) },
    { title: t('openness.colShare'), value: (r: Row) => share(r.externalShareMille) },
    { title: t('openness.colUsers'), value: (r: Row) => r.users },
    { title: t('openness.colExternalUsers'), value: (r: Row) => r.externalUsers },
    { title: t('openness.colIncome'), value: (r: Row) => (r.incomeFen / 100).toFixed(2) },
    { title: t('openness.colRatings'), value: (r: Row) => r.ratings },
    { title: t('openness.colScore'), value: (r: Row) => score(r.meanScoreCenti) },
  ];
  if (orgs.isPending) return <Spin />;
  if (!orgs.data?.length)
    return (
      <Page title={t('openness.title')}>
        <Alert type="info" message={t('openness.noOrg')} />
      </Page>
    );
  return (
    <Page
      title={t('openness.title')}
      extra={
        orgId ? (
          <ExportButton<Row>
            filename={`instruments-openness-${year}`}
            columns={columns}
            rows={async () => rows}
            xlsxHref={`/api/organisations/${orgId}/instruments/openness/export?year=${year}&format=xlsx`}
          />
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('openness.org')}
          value={orgId}
          onChange={setOrgId}
          style={{ minWidth: 220, maxWidth: '100%' }}
          options={orgs.data.map((o) => ({ value: o.id, label: nameIn(i18n.language, o.nameZh, o.nameEn) }))}
        />
        <YearSelect value={year} onChange={setYear} />
      </Space>
      {q.isError ? (
        <Alert type="error" message={errorText(q.error)} />
      ) : q.isPending ? (
        <Spin />
      ) : (
        <>
          {used.length > 0 ? (
            <Card size="small" title={t('openness.tableChart')} style={{ marginBottom: 16 }}>
              <BarsChart {...chart} label={t('openness.tableChart')} />
            </Card>
          ) : (
            <EmptyState text={t('openness.empty')} />
          )}
          <PlainTable<Row>
            label={t('openness.title')}
            rowKey="id"
            dataSource={rows}
            columns={[
              {
                title: t('openness.colInstrument'),
                key: 'name',
                render: (_, r) => <Link to={`/instruments/${r.id}`}>{name(r)}</Link>,
              },
              { title: t('openness.colUses'), dataIndex: 'uses', align: 'right' },
              { title: t('openness.colHours'), key: 'h', align: 'right', render: (_, r) => hours(r.tenths) },
              {
                title: t('openness.colExternal'),
                key: 'e',
                align: 'right',
                render: (_, r) => hours(r.externalTenths),
              },
              {
                title: t('openness.colShare'),
                key: 's',
                align: 'right',
                render: (_, r) => share(r.externalShareMille),
              },
              { title: t('openness.colUsers'), dataIndex: 'users', align: 'right' },
              { title: t('openness.colExternalUsers'), dataIndex: 'externalUsers', align: 'right' },
              {
                title: t('openness.colIncome'),
                key: 'i',
                align: 'right',
                render: (_, r) => <MoneyText fen={r.incomeFen} />,
              },
              { title: t('openness.colRatings'), dataIndex: 'ratings', align: 'right' },
              {
                title: t('openness.colScore'),
                key: 'm',
                align: 'right',
                render: (_, r) => score(r.meanScoreCenti),
              },
            ]}
          />
        </>
      )}
    </Page>
  );
}

// Statistics by province, city or county (names, never codes): commissioners, demands open and
// served, confirmed hours and visits, mean rating; a chart, a table to drill into a division, and
// CSV/XLSX export. Analysts see everything, agency staff their agencies.
import { Breadcrumb, Button, Card, Col, Row, Segmented, Statistic } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BarsChart } from '../../../components/BarsChart.tsx';
import { ExportButton } from '../../../components/ExportButton.tsx';
import { Page } from '../../../components/Page.tsx';
import { PlainTable } from '../../../components/PlainTable.tsx';
import { type Stats, type StatsLevel, useStats } from '../api.ts';
import { NS } from '../i18n.ts';

type StatRow = Stats['rows'][number];
const LEVELS: StatsLevel[] = ['province', 'city', 'county'];

export function StatsPage() {
  const { t } = useTranslation(NS);
  const [level, setLevel] = useState<StatsLevel>('province');
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const within = trail.at(-1)?.code;
  const stats = useStats(level, within);
  const data = stats.data;
  const rows = data?.rows ?? [];
  const drill = (r: StatRow) => {
    if (!data?.next) return;
    setTrail([...trail, { code: r.code, name: r.shortName }]);
    setLevel(data.next);
  };
  const back = (i: number) => {
    const kept = trail.slice(0, i);
    setTrail(kept);
    setLevel(LEVELS[kept.length]);
  };
  const query = `level=${level}${within ? `&within=${within}` : ''}`;
  const rating = (v: number | null) => (v === null ? '—' : v.toFixed(2));
  return (
    <Page title={t('stats.title')} subtitle={t('stats.intro')}>
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={[
          {
            title: trail.length ? (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => back(0)}>
                {t('stats.country')}
              </Button>
            ) : (
              t('stats.country')
            ),
          },
          ...trail.map((x, i) => ({
            title:
              i < trail.length - 1 ? (
                <Button type="link" size="small" style={{ padding: 0 }} onClick={() => back(i + 1)}>
                  {x.name}
                </Button>
              ) : (
                x.name
              ),
          })),
        ]}
      />
      {!trail.length && (
        <Segmented<StatsLevel>
          aria-label={t('stats.level')}
          value={level}
          onChange={setLevel}
          options={LEVELS.map((l) => ({ value: l, label: t(`stats.levels.${l}`) }))}
          style={{ marginBottom: 16 }}
        />
      )}
      {data && (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {(
            [
              ['commissioners', data.totals.commissioners],
              ['demandsOpen', data.totals.demandsOpen],
              ['demandsServed', data.totals.demandsServed],
              ['hours', data.totals.hours],
              ['visits', data.totals.visits],
              ['rating', rating(data.totals.rating)],
            ] as const
          ).map(([k, v]) => (
            <Col xs={12} md={4} key={k}>
              <Card size="small">
                <Statistic title={t(`stats.figures.${k}`)} value={v} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {rows.length > 0 && (
        <Card size="small" title={t('stats.chart')} style={{ marginBottom: 16 }}>
          <BarsChart
            label={t('stats.chartLabel')}
            categories={rows.map((r) => r.shortName)}
            series={[
              {
                name: t('stats.figures.commissioners'),
                values: rows.map((r) => r.commissioners),
                color: '#1677ff',
              },
              {
                name: t('stats.figures.demandsOpen'),
                values: rows.map((r) => r.demandsOpen),
                color: '#d46b08',
              },
              {
                name: t('stats.figures.demandsServed'),
                values: rows.map((r) => r.demandsServed),
                color: '#389e0d',
              },
            ]}
          />
        </Card>
      )}
      <Card
        size="small"
        title={t('stats.table')}
        extra={
          <ExportButton<StatRow>
            filename={`commissioner-stats-${within ?? 'all'}-${level}`}
            rows={async () => rows}
            xlsxHref={`/api/commissioner-stats/export?${query}&format=xlsx`}
            columns={[
              { title: t('stats.division'), value: (r) => r.name },
              { title: t('stats.figures.commissioners'), value: (r) => r.commissioners },
              { title: t('stats.figures.demandsOpen'), value: (r) => r.demandsOpen },
              { title: t('stats.figures.demandsServed'), value: (r) => r.demandsServed },
              { title: t('stats.figures.hours'), value: (r) => r.hours },
              { title: t('stats.figures.visits'), value: (r) => r.visits },
              { title: t('stats.figures.rating'), value: (r) => r.rating ?? '' },
            ]}
          />
        }
      >
        <PlainTable<StatRow>
          label={t('stats.table')}
          loading={stats.isLoading}
          rowKey="code"
          dataSource={rows}
          locale={{ emptyText: t('stats.none') }}
          columns={[
            {
              title: t('stats.division'),
              key: 'name',
              render: (_, r) =>
                data?.next ? (
                  <Button type="link" style={{ padding: 0 }} onClick={() => drill(r)}>
                    {r.shortName}
                  </Button>
                ) : (
                  r.shortName
                ),
            },
            ...(['commissioners', 'demandsOpen', 'demandsServed', 'hours', 'visits'] as const).map((k) => ({
              title: t(`stats.figures.${k}`),
              key: k,
              align: 'right' as const,
              render: (_: unknown, r: StatRow) => r[k],
            })),
            {
              title: t('stats.figures.rating'),
              key: 'rating',
              align: 'right',
              render: (_, r) => rating(r.rating),
            },
          ]}
        />
      </Card>
    </Page>
  );
}

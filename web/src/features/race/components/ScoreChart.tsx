// Mean score of each team at each final or proposed gate: one line per team, each point marked by
// the gate's verdict. ECharts is loaded on demand (its own chunk).
import { Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RaceBoard } from '../api.ts';
import { NS } from '../i18n.ts';
import { ADVANCED_RIM, type ChartPoint, chartPoints, OUT_RIM } from './chart.ts';
import { teamName } from './names.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const COLORS = ['#b3261e', '#1f6feb', '#2e7d32', '#8a5a00', '#6a1b9a', '#00838f', '#5d4037', '#455a64'];

export function ScoreChart({ board }: { board: RaceBoard }) {
  const el = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation(NS);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | null = null;
    (async () => {
      const { init } = await import('./echarts.ts');
      if (disposed || !el.current) return;
      const points = chartPoints(board);
      const c = init(el.current, undefined, { renderer: 'canvas' });
      c.setOption({
        animation: false,
        grid: { left: 40, right: 16, top: 36, bottom: 28 },
        legend: { top: 0 },
        // One point at a time: its gate's verdict, rank, mean score and targets met.
        tooltip: {
          trigger: 'item',
          formatter: (p: { seriesName: string; data: ChartPoint | null }) => {
            const d = p.data;
            if (!d) return p.seriesName;
            return [
              `${p.seriesName} — ${t('gateN', { n: d.stageNo })}`,
              `${t('rankOf', { rank: d.rank, n: d.ranked })} · ${t('meanScore')} ${d.value ?? '—'}`,
              t('targetsMet', { met: d.targetsMet, total: d.targetsTotal }),
              `${d.status === 'advanced' ? t('advanced') : t('out')}${d.proposed ? ` (${t('gateStates.proposed')})` : ''}`,
            ]
              .map(escapeHtml)
              .join('<br/>');
          },
        },
        xAxis: { type: 'category', data: board.stages.map((s) => t('gateN', { n: s.no })) },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: board.teams.map((team, i) => ({
          type: 'line',
          name: teamName(team, i18n.language),
          color: COLORS[i % COLORS.length],
          showAllSymbol: true,
          data: points[i],
          connectNulls: false,
        })),
      });
      chart = c;
    })();
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [board, i18n.language, t]);
  return (
    <>
      <div
        ref={el}
        className="race-chart"
        style={{ width: '100%', height: 280 }}
        role="img"
        aria-label={t('chartLabel')}
      />
      <Typography.Paragraph type="secondary">
        <span style={{ color: ADVANCED_RIM }}>●</span> {t('chartAdvanced')}{' '}
        <span style={{ color: OUT_RIM }}>◆</span> {t('chartOut')} · {t('chartSize')}
      </Typography.Paragraph>
    </>
  );
}

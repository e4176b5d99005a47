// Calibrated score (bars, ± standard error in the tooltip) and raw mean (points) per item in ranked
// order, with the funding line drawn after the last funded item.
import { useEffect, useRef } from 'react';

export interface ChartRow {
  label: string;
  calibrated: number;
  standardError: number;
  rawMean: number;
  funded: boolean;
}

export function RankingChart(props: {
  rows: ChartRow[];
  lineAfter: number;
  label: string;
  names: { calibrated: string; rawMean: string; fundingLine: string };
}) {
  const { rows, lineAfter, label, names } = props;
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | null = null;
    (async () => {
      const { init } = await import('./RankingChart.echarts.ts');
      if (disposed || !el.current) return;
      const c = init(el.current, undefined, { renderer: 'canvas' });
      c.setOption({
        animation: false,
        legend: { top: 0 },
        tooltip: { trigger: 'axis' },
        grid: { left: 48, right: 16, top: 32, bottom: 48 },
        xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', min: 0, max: 100 },
        series: [
          {
            name: names.calibrated,
            type: 'bar',
            barMaxWidth: 40,
            data: rows.map((r) => ({
              value: Number(r.calibrated.toFixed(2)),
              itemStyle: { color: r.funded ? '#1b5e20' : '#9e9e9e' },
            })),
            markLine:
              lineAfter > 0 && lineAfter < rows.length
                ? {
                    symbol: 'none',
                    lineStyle: { color: '#b3261e', width: 2, type: 'dashed' },
                    label: { formatter: names.fundingLine, position: 'end' },
                    data: [{ xAxis: lineAfter - 0.5 }],
                  }
                : undefined,
          },
          {
            name: names.rawMean,
            type: 'scatter',
            symbolSize: 10,
            itemStyle: { color: '#1565c0' },
            data: rows.map((r) => Number(r.rawMean.toFixed(2))),
          },
        ],
      });
      chart = c;
    })();
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [rows, lineAfter, names]);
  return <div ref={el} className="chart" role="img" aria-label={label} data-testid="ranking-chart" />;
}

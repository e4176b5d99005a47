// Grouped bar chart (funding, instruments' open-sharing figures); ECharts is loaded as its own chunk. The numbers are
// also in the tables next to it, so the chart is an image with a label for screen readers.
import { useEffect, useRef } from 'react';

export interface Series {
  name: string;
  values: number[];
  color: string;
}

export function BarsChart({
  categories,
  series,
  label,
}: {
  categories: string[];
  series: Series[];
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | null = null;
    (async () => {
      const { init } = await import('./bars-echarts.ts');
      if (disposed || !el.current) return;
      const c = init(el.current, undefined, { renderer: 'canvas' });
      c.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 64, right: 16, top: 32, bottom: 28 },
        xAxis: { type: 'category', data: categories },
        yAxis: { type: 'value' },
        series: series.map((s) => ({
          type: 'bar',
          name: s.name,
          data: s.values,
          itemStyle: { color: s.color },
          barMaxWidth: 36,
        })),
      });
      chart = c;
    })();
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [categories, series]);
  return <div ref={el} className="chart" role="img" aria-label={label} />;
}

// Demand-intake bar chart. ECharts is loaded on demand (its own chunk) so the main bundle stays small.
import { useEffect, useRef } from 'react';

export interface Bar {
  label: string;
  value: number;
}

export function IntakeChart({ bars, label }: { bars: Bar[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | null = null;
    (async () => {
      const { init } = await import('./echarts-bar.ts');
      if (disposed || !el.current) return;
      const c = init(el.current, undefined, { renderer: 'canvas' });
      c.setOption({
        animation: false,
        grid: { left: 40, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: bars.map((b) => b.label) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: bars.map((b) => b.value),
            itemStyle: { color: '#b3261e' },
            label: { show: true, position: 'top' },
            barMaxWidth: 48,
          },
        ],
      });
      chart = c;
    })();
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [bars]);
  return <div ref={el} className="chart" role="img" aria-label={label} />;
}

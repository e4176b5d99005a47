// A small bar chart of one assignment figure (affinity histogram, load distribution). The numbers
// are also in the accessible name, so the figure reads without the picture.
import { useEffect, useRef } from 'react';

export function AssignChart({
  labels,
  values,
  label,
  color,
}: {
  labels: string[];
  values: number[];
  label: string;
  color: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  const key = JSON.stringify([labels, values]);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void } | null = null;
    const [ls, vs] = JSON.parse(key) as [string[], number[]];
    (async () => {
      const { init } = await import('./assign-echarts.ts');
      if (disposed || !el.current) return;
      const c = init(el.current, undefined, { renderer: 'canvas' });
      c.setOption({
        animation: false,
        grid: { left: 40, right: 16, top: 16, bottom: 28 },
        xAxis: { type: 'category', data: ls },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            type: 'bar',
            data: vs,
            itemStyle: { color },
            label: { show: true, position: 'top' },
            barMaxWidth: 40,
          },
        ],
      });
      chart = c;
    })();
    return () => {
      disposed = true;
      chart?.dispose();
    };
  }, [key, color]);
  return <div ref={el} className="chart" role="img" aria-label={label} data-testid="assign-chart" />;
}

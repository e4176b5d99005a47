// A small, unpaged table (a bid's team, its milestones, a queue list) that scrolls sideways inside
// its card on a phone. The scrolling region takes keyboard focus, so it can be scrolled without a
// mouse (WCAG 2.1.1; axe's scrollable-region-focusable) — antd leaves it unfocusable.
import { Table, type TableProps } from 'antd';
import { useEffect, useRef } from 'react';

/** Makes each scrolling table body under `root` reachable by keyboard, named by `label`. */
export function useFocusableScroll(label: string) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    for (const el of ref.current?.querySelectorAll<HTMLElement>('.ant-table-content') ?? []) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  });
  return ref;
}

export function PlainTable<T extends object>({ label, ...props }: TableProps<T> & { label: string }) {
  const ref = useFocusableScroll(label);
  return (
    <div ref={ref}>
      <Table<T> size="small" pagination={false} scroll={{ x: 'max-content' }} {...props} />
    </div>
  );
}

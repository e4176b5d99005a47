// A picker that finds things by name on the server: type part of a name, choose from what the server
// answers (never an id to type). The value is the chosen item's id.
//   <Form.Item name="taskBookId" label={t('taskBook')}>
//     <SearchSelect queryKey="fundable-task-books" search={(q) => findTaskBooks(q)} />
//   </Form.Item>
import { useQuery } from '@tanstack/react-query';
import { Select, type SelectProps } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NS } from './i18n.ts';

export interface SearchOption {
  value: string;
  label: ReactNode;
}

export function SearchSelect({
  queryKey,
  search,
  value,
  onChange,
  ...rest
}: Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption' | 'onSearch'> & {
  /** Names this picker's answers in the query cache. */
  queryKey: string;
  /** The items whose name contains `q` (all the first ones when `q` is empty). */
  search: (q: string) => Promise<SearchOption[]>;
}) {
  const { t } = useTranslation(NS);
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useQuery({ queryKey: ['search-select', queryKey, q], queryFn: () => search(q) });
  // Keep the chosen item's label while other answers are shown.
  const [chosen, setChosen] = useState<SearchOption | null>(null);
  const options = [...(found.data ?? [])];
  if (chosen && chosen.value === value && !options.some((o) => o.value === chosen.value))
    options.unshift(chosen);
  return (
    <Select<string>
      {...rest}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      value={value}
      onChange={(v, option) => {
        setChosen((option as SearchOption | undefined) ?? null);
        onChange?.(v, option);
      }}
      options={options}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('searching') : t('noMatch')}
    />
  );
}

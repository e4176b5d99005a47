// A list that pages and sorts on the server ({items, total, page, pageSize} from
// src/http/paging.ts). Wide tables scroll inside their own container on phones, or render as
// cards when `card` is given; `exportAs` adds a CSV export of every page.
//
//   <ServerTable
//     queryKey={['challenges', filters]}
//     fetchPage={(q) => ok(client.GET('/api/challenges', { params: { query: { ...filters, ...q } } }))}
//     rowKey="id"
//     columns={[{ title: t('title'), key: 'title', sorter: true, render: (_, r) => <Link …/> }]}
//     card={(r) => <Link to={`/challenges/${r.id}`}>{r.title}</Link>}
//     exportAs={{ filename: 'challenges', columns: [{ title: t('title'), value: (r) => r.title }] }}
//   />
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Flex,
  Grid,
  List,
  type PaginationProps,
  Table,
  type TableColumnsType,
} from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { type Key, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/form-errors.ts';
import { EmptyState } from './EmptyState.tsx';
import { ExportButton, type ExportColumn } from './ExportButton.tsx';
import { NS } from './i18n.ts';
import { useFocusableScroll } from './PlainTable.tsx';

export interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
  /** The sorted column's `key` (a server sort field), when the reader sorted. */
  sort?: string;
  order?: 'asc' | 'desc';
}

export function ServerTable<T extends object>({
  queryKey,
  fetchPage,
  columns,
  rowKey,
  pageSize: initialSize = 20,
  card,
  exportAs,
  toolbar,
  label,
  empty,
}: {
  queryKey: readonly unknown[];
  fetchPage: (q: PageRequest) => Promise<PageOf<T>>;
  /** antd columns; a sortable column has `sorter: true` and its `key` is the server's sort name. */
  columns: TableColumnsType<T>;
  rowKey: keyof T & string;
  pageSize?: number;
  /** On phones (< 768 px) rows render as these cards instead of a table. */
  card?: (row: T) => ReactNode;
  exportAs?: { filename: string; columns: ExportColumn<T>[]; xlsxHref?: string };
  /** Filters and buttons shown above the list. */
  toolbar?: ReactNode;
  /** The table's accessible name. */
  label?: string;
  empty?: ReactNode;
}) {
  const { t } = useTranslation(NS);
  const phone = !Grid.useBreakpoint().md;
  const scrollRef = useFocusableScroll(label ?? '');
  const [q, setQ] = useState<PageRequest>({ page: 1, pageSize: initialSize });
  const data = useQuery({
    queryKey: [...queryKey, q],
    queryFn: () => fetchPage(q),
    placeholderData: keepPreviousData,
  });
  const pagination: PaginationProps = {
    current: q.page,
    pageSize: q.pageSize,
    total: data.data?.total ?? 0,
    showSizeChanger: !phone,
    simple: phone,
    showTotal: (total) => t('total', { total }),
    onChange: (page, pageSize) => setQ((x) => ({ ...x, page: pageSize === x.pageSize ? page : 1, pageSize })),
  };
  const fetchAll = async () => {
    const size = 200;
    const first = await fetchPage({ ...q, page: 1, pageSize: size });
    const rows = [...first.items];
    for (let page = 2; (page - 1) * size < first.total; page++)
      rows.push(...(await fetchPage({ ...q, page, pageSize: size })).items);
    return rows;
  };
  const head = (toolbar || exportAs) && (
    <Flex wrap gap="small" justify="space-between" style={{ marginBottom: 12 }}>
      <Flex wrap gap="small">
        {toolbar}
      </Flex>
      {exportAs && <ExportButton {...exportAs} rows={fetchAll} />}
    </Flex>
  );
  const error = data.error && (
    <Alert
      type="error"
      showIcon
      title={t('loadFailed', { message: errorText(data.error) })}
      action={<Button onClick={() => data.refetch()}>{t('retry')}</Button>}
    />
  );
  if (phone && card)
    return (
      <>
        {head}
        {error}
        <List
          aria-label={label}
          loading={data.isFetching}
          dataSource={data.data?.items ?? []}
          locale={{ emptyText: <EmptyState text={empty} /> }}
          pagination={{ ...pagination, align: 'center' }}
          renderItem={(row) => (
            <List.Item key={String(row[rowKey])} style={{ padding: '4px 0' }}>
              <Card size="small" style={{ width: '100%' }}>
                {card(row)}
              </Card>
            </List.Item>
          )}
        />
      </>
    );
  return (
    <>
      {head}
      {error}
      <div ref={scrollRef}>
        <Table<T>
          aria-label={label}
          rowKey={(r) => String(r[rowKey]) as Key}
          columns={columns}
          dataSource={data.data?.items ?? []}
          loading={data.isFetching}
          pagination={pagination}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <EmptyState text={empty} /> }}
          onChange={(_p, _f, sorter) => {
            const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
            const sort = s?.order ? String(s.columnKey ?? s.field) : undefined;
            setQ((x) => ({
              ...x,
              page: sort === x.sort && (s?.order === 'ascend' ? 'asc' : 'desc') === x.order ? x.page : 1,
              sort,
              order: s?.order ? (s.order === 'ascend' ? 'asc' : 'desc') : undefined,
            }));
          }}
        />
      </div>
    </>
  );
}

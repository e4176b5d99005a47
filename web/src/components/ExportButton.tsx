// Export a list: CSV built in the browser from the rows (all pages, fetched on click), and Excel
// through a server export route when the list has one.
//   <ExportButton filename="bids" columns={[{ title: t('name'), value: (r) => r.name }]}
//                 rows={() => fetchAll()} xlsxHref="/api/…/export.xlsx" />
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { download, toCsv } from '../lib/csv.ts';
import { errorText } from '../lib/form-errors.ts';
import { NS } from './i18n.ts';

export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

export function ExportButton<T>({
  filename,
  columns,
  rows,
  xlsxHref,
}: {
  filename: string;
  columns: ExportColumn<T>[];
  rows: () => Promise<T[]>;
  xlsxHref?: string;
}) {
  const { t } = useTranslation(NS);
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const csv = async () => {
    setBusy(true);
    try {
      const all = await rows();
      download(
        `${filename}.csv`,
        toCsv(
          columns.map((c) => c.title),
          all.map((r) => columns.map((c) => c.value(r))),
        ),
      );
    } catch (e) {
      message.error(t('exportFailed', { message: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };
  if (!xlsxHref)
    return (
      <Button icon={<DownloadOutlined />} loading={busy} onClick={csv}>
        {t('exportCsv')}
      </Button>
    );
  return (
    <Dropdown
      menu={{
        items: [
          { key: 'csv', label: t('exportCsv'), onClick: () => void csv() },
          { key: 'xlsx', label: <a href={xlsxHref}>{t('exportXlsx')}</a> },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />} loading={busy}>
        {t('export')}
      </Button>
    </Dropdown>
  );
}

// The journal of a fund or award, one row per line, with its CSV/XLSX export links.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { dateTime, yuan } from '../challenges/format.ts';
import type { LedgerRow } from './types.ts';

export function LedgerTable({ query, version }: { query: string; version: unknown }) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<LedgerRow[] | null>(null);
  useEffect(() => {
    void version;
    api<LedgerRow[]>('GET', `/api/funding/ledger?${query}`)
      .then(setRows)
      .catch(() => setRows([]));
  }, [query, version]);
  return (
    <section aria-labelledby="ledger-h">
      <h2 id="ledger-h">{t('funding.ledger')}</h2>
      <p>
        <a href={`/api/funding/ledger?${query}&format=csv`} download>
          {t('funding.exportCsv')}
        </a>{' '}
        ·{' '}
        <a href={`/api/funding/ledger?${query}&format=xlsx`} download>
          {t('funding.exportXlsx')}
        </a>
      </p>
      {rows && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('funding.seq')}</th>
              <th scope="col">{t('funding.postedAt')}</th>
              <th scope="col">{t('funding.kind')}</th>
              <th scope="col">{t('funding.memo')}</th>
              <th scope="col">{t('funding.account')}</th>
              <th scope="col" className="num">
                {t('funding.debit')}
              </th>
              <th scope="col" className="num">
                {t('funding.credit')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.entryId}-${r.account}-${r.debitFen}-${r.creditFen}`}>
                <td>{r.seq}</td>
                <td>{dateTime(r.postedAt, i18n.language)}</td>
                <td>{r.kind}</td>
                <td>{r.memo}</td>
                <td>
                  <code>{r.account.replace(/([0-9a-f]{8})-[0-9a-f-]{27}/g, '$1…')}</code>
                </td>
                <td className="num">{r.debitFen ? yuan(r.debitFen) : ''}</td>
                <td className="num">{r.creditFen ? yuan(r.creditFen) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

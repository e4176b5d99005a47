// The journal of a fund or award, one entry per row read as a sentence in the reader's language
// (composed here from the names the server sends per entry kind), paged, with CSV/XLSX export.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { dateTime, yuan } from '../challenges/format.ts';
import type { LedgerEntry } from './types.ts';

const PAGE = 20;

/** A name in the reader's language, falling back to the other. */
const nameIn = (en: boolean, n: { nameZh: string; nameEn: string } | null | undefined) =>
  n ? (en ? n.nameEn || n.nameZh : n.nameZh || n.nameEn) : '';

export function useLedgerSentence() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (e: LedgerEntry) =>
    t(`funding.sentence.${e.kind}`, {
      amount: yuan(e.amountFen),
      fund: nameIn(en, e.fund),
      challenge: nameIn(en, e.award?.challenge),
      host: nameIn(en, e.award?.host),
      no: e.trancheOrdinal ?? '',
      period: e.expense?.period ?? '',
      categories: (e.expense?.categories ?? [])
        .map((c) => t(`funding.categories.${c}`))
        .join(en ? ', ' : '、'),
      seq: e.reverses?.seq ?? '',
      kind: e.reverses ? t(`funding.entryKinds.${e.reverses.kind}`) : '',
    });
}

export function LedgerTable({ query, version }: { query: string; version: unknown }) {
  const { t, i18n } = useTranslation();
  const sentence = useLedgerSentence();
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ items: LedgerEntry[]; total: number } | null>(null);
  useEffect(() => {
    void version;
    api<{ items: LedgerEntry[]; total: number }>(
      'GET',
      `/api/funding/ledger?${query}&page=${page}&pageSize=${PAGE}`,
    )
      .then(setData)
      .catch(() => setData({ items: [], total: 0 }));
  }, [query, version, page]);
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  return (
    <section aria-labelledby="ledger-h">
      <h2 id="ledger-h">{t('funding.ledger')}</h2>
      <p>
        <a href={`/api/funding/ledger/export?${query}&format=csv`} download>
          {t('funding.exportCsv')}
        </a>{' '}
        ·{' '}
        <a href={`/api/funding/ledger/export?${query}&format=xlsx`} download>
          {t('funding.exportXlsx')}
        </a>
      </p>
      {data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('funding.seq')}</th>
                <th scope="col">{t('funding.postedAt')}</th>
                <th scope="col">{t('funding.kind')}</th>
                <th scope="col">{t('funding.entry')}</th>
                <th scope="col" className="num">
                  {t('funding.amount')}
                </th>
                <th scope="col">{t('funding.postedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.entryId}>
                  <td>{e.seq}</td>
                  <td>{dateTime(e.postedAt, i18n.language)}</td>
                  <td>{t(`funding.entryKinds.${e.kind}`)}</td>
                  <td>{sentence(e)}</td>
                  <td className="num">{yuan(e.amountFen)}</td>
                  <td>{nameIn(i18n.language === 'en', e.postedBy)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <p>
          <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            ‹
          </button>{' '}
          {page} / {pages}{' '}
          <button
            type="button"
            className="secondary"
            disabled={page >= pages}
            onClick={() => setPage(page + 1)}
          >
            ›
          </button>
        </p>
      )}
    </section>
  );
}

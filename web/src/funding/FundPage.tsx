// The fund dashboard: appropriated, available, committed, held, spent, returned; the month-by-month
// chart; an appropriation form for the fund's managers; its awards and its ledger.
import './i18n.ts';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { newKey, parseYuan, pick, yuan } from '../challenges/format.ts';
import { BarsChart } from '../components/BarsChart.tsx';
import { ErrorBanner, Field, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import type { FundView } from './types.ts';

export function Figures({ items }: { items: [string, number][] }) {
  return (
    <dl className="figures">
      {items.map(([label, fen]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>¥{yuan(fen)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function FundPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [f, setF] = useState<FundView | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState(false);
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const load = useCallback(async () => {
    try {
      setF(await api<FundView>('GET', `/api/funding/funds/${id}`));
    } catch (err) {
      setError(toFormError(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const chart = useMemo(
    () => ({
      categories: (f?.byMonth ?? []).map((m) => m.month),
      series: [
        {
          name: t('funding.committed'),
          values: (f?.byMonth ?? []).map((m) => m.committedFen / 100),
          color: '#8a6d3b',
        },
        {
          name: t('funding.released'),
          values: (f?.byMonth ?? []).map((m) => m.disbursedFen / 100),
          color: '#b3261e',
        },
        {
          name: t('funding.spent'),
          values: (f?.byMonth ?? []).map((m) => m.spentFen / 100),
          color: '#1d5c8f',
        },
      ],
    }),
    [f, t],
  );
  const appropriate = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(false);
    const fen = parseYuan(amount);
    if (fen === null)
      return setError({ code: 'VALIDATION', message: t('funding.amount'), field: 'amountFen' });
    try {
      setF(
        await api<FundView>(
          'POST',
          `/api/funding/funds/${id}/appropriations`,
          { amountFen: fen, memo },
          { 'idempotency-key': newKey() },
        ),
      );
      setAmount('');
      setMemo('');
      setDone(true);
    } catch (err) {
      setError(toFormError(err));
    }
  };
  if (!f) return <ErrorBanner error={error} />;
  return (
    <>
      <h1>{pick(i18n.language, f.nameZh, f.nameEn)}</h1>
      <p>
        {t('funding.year')}: {f.fiscalYear}
      </p>
      <Figures
        items={[
          [t('funding.appropriated'), f.appropriatedFen],
          [t('funding.available'), f.availableFen],
          [t('funding.committed'), f.committedFen],
          [t('funding.disbursed'), f.disbursedFen],
          [t('funding.spent'), f.spentFen],
          [t('funding.retained'), f.retainedFen],
          [t('funding.returned'), f.returnedFen],
        ]}
      />
      <section aria-labelledby="month-h">
        <h2 id="month-h">{t('funding.byMonth')}</h2>
        <BarsChart categories={chart.categories} series={chart.series} label={t('funding.chartLabel')} />
      </section>
      {f.canManage && (
        <section aria-labelledby="appr-h">
          <h2 id="appr-h">{t('funding.appropriate')}</h2>
          <form onSubmit={appropriate} noValidate>
            <ErrorBanner error={error} />
            {done && <Notice>{t('funding.done')}</Notice>}
            <Field
              label={t('funding.amount')}
              name="amountFen"
              error={error}
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
            <Field
              label={t('funding.memo')}
              name="memo"
              error={error}
              value={memo}
              onChange={(e) => setMemo(e.target.value)}
            />
            <button type="submit">{t('funding.appropriateButton')}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="fa-h">
        <h2 id="fa-h">{t('funding.awards')}</h2>
        {f.awards.length === 0 ? (
          <p>{t('funding.noAwards')}</p>
        ) : (
          <ul>
            {f.awards.map((a) => (
              <li key={a.id}>
                <Link to={`/funding/awards/${a.id}`}>
                  {pick(i18n.language, a.challengeTitleZh, a.challengeTitleEn)}
                </Link>{' '}
                · ¥{yuan(a.amountFen)} · {t(`funding.states.${a.state}`)}
              </li>
            ))}
          </ul>
        )}
      </section>
      <LedgerTable query={`fundId=${f.id}`} version={f} />
    </>
  );
}

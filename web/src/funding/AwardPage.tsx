// The award page: budget and the call's rules, the tranche schedule with release buttons for the
// organizer, the team's expense entry (checked against the negative list), spending by category,
// closing with the performance record, the call's burden meter and the award's ledger.
import './i18n.ts';
import { type FormEvent, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { dateTime, newKey, parseYuan, pick, yuan } from '../challenges/format.ts';
import { BarsChart } from '../components/BarsChart.tsx';
import { ErrorBanner, Field, type FormErrorState, Notice, SelectField, toFormError } from '../forms.tsx';
import { useBurdenMeter } from './burden.ts';
import { Figures } from './FundPage.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import type { AwardView } from './types.ts';

const CATEGORIES = ['equipment', 'operational', 'labour', 'indirect'];
const KINDS = [
  'materials',
  'testing',
  'travel',
  'services',
  'equipment_purchase',
  'personnel',
  'overhead',
  'other',
];
const EXPENSE_FIELDS = ['period', 'category', 'kind', 'description', 'amount'] as const;
const PREFILLED = ['period', 'category', 'kind'] as const;

interface BurdenForm {
  form: string;
  submissions: number;
  avgFieldsByHand: number;
  avgFieldsPrefilled: number;
  avgDocuments: number;
  medianSeconds: number;
}

export function AwardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [a, setA] = useState<AwardView | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [notice, setNotice] = useState('');
  const [burden, setBurden] = useState<BurdenForm[]>([]);
  const month = new Date().toISOString().slice(0, 7);
  const [line, setLine] = useState({
    period: month,
    category: 'operational',
    kind: 'materials',
    description: '',
    amount: '',
  });
  const meter = useBurdenMeter(EXPENSE_FIELDS, PREFILLED);

  const load = useCallback(async () => {
    try {
      const v = await api<AwardView>('GET', `/api/funding/awards/${id}`);
      setA(v);
      const b = await api<{ forms: BurdenForm[] }>('GET', `/api/funding/calls/${v.challengeId}/burden`);
      setBurden(b.forms);
    } catch (err) {
      setError(toFormError(err));
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (fn: () => Promise<AwardView>, message: string) => {
    let ok = false;
    setError(null);
    setNotice('');
    try {
      setA(await fn());
      setNotice(message);
      ok = true;
      const b = await api<{ forms: BurdenForm[] }>('GET', `/api/funding/calls/${a?.challengeId}/burden`);
      setBurden(b.forms);
    } catch (err) {
      setError(toFormError(err));
    }
    return ok;
  };
  const release = (no: number) =>
    act(
      () =>
        api<AwardView>(
          'POST',
          `/api/funding/awards/${id}/tranches/${no}/release`,
          {},
          { 'idempotency-key': newKey() },
        ),
      t('funding.releasedOn', { date: new Date().toISOString().slice(0, 10) }),
    );
  const close = () =>
    act(() => api<AwardView>('POST', `/api/funding/awards/${id}/close`, {}), t('funding.done'));
  const submitExpense = async (e: FormEvent) => {
    e.preventDefault();
    const fen = parseYuan(line.amount);
    if (fen === null) {
      setError({ code: 'VALIDATION', message: t('funding.amount'), field: 'lines.0.amountFen' });
      return;
    }
    const ok = await act(
      () =>
        api<AwardView>(
          'POST',
          `/api/funding/awards/${id}/expenses`,
          {
            period: line.period,
            lines: [
              { category: line.category, kind: line.kind, description: line.description, amountFen: fen },
            ],
            burden: meter.report(),
          },
          { 'idempotency-key': newKey() },
        ),
      t('funding.done'),
    );
    if (ok) {
      setLine((l) => ({ ...l, description: '', amount: '' }));
      meter.restart();
    }
  };
  const spentChart = useMemo(
    () => ({
      categories: CATEGORIES.map((c) => t(`funding.categories.${c}`)),
      series: [
        {
          name: t('funding.spent'),
          values: CATEGORIES.map((c) => (a?.spentByCategory[c] ?? 0) / 100),
          color: '#1d5c8f',
        },
      ],
    }),
    [a, t],
  );
  const burdenChart = useMemo(
    () => ({
      categories: burden.map((b) => b.form),
      series: [
        { name: t('funding.byHand'), values: burden.map((b) => b.avgFieldsByHand), color: '#b3261e' },
        { name: t('funding.prefilled'), values: burden.map((b) => b.avgFieldsPrefilled), color: '#3b7d3b' },
        { name: t('funding.documents'), values: burden.map((b) => b.avgDocuments), color: '#8a6d3b' },
      ],
    }),
    [burden, t],
  );

  if (!a) return <ErrorBanner error={error} />;
  const lang = i18n.language;
  const p = a.performance;
  return (
    <>
      <h1>
        {t('funding.award')}: {pick(lang, a.challengeTitleZh, a.challengeTitleEn)}
      </h1>
      <p>
        {t(`funding.states.${a.state}`)} · <Link to={`/task-books/${a.taskBookId}`}>{a.taskBookState}</Link> ·{' '}
        {t('funding.reportEvery', { months: a.reportEveryMonths })} ·{' '}
        <Link to={`/instruments/bookings?award=${a.id}`}>{t('funding.instrumentFees')}</Link>
      </p>
      <ErrorBanner error={error} />
      {notice && <Notice>{notice}</Notice>}
      <Figures
        items={[
          [t('funding.amount'), a.amountFen],
          [t('funding.cofund'), a.cofundFen],
          [t('funding.committed'), a.committedFen],
          [t('funding.released'), a.releasedFen],
          [t('funding.disbursed'), a.disbursedFen],
          [t('funding.spent'), a.spentFen],
          [t('funding.retained'), a.retainedFen],
        ]}
      />
      <section aria-labelledby="budget-h">
        <h2 id="budget-h">{t('funding.budget')}</h2>
        <p>
          {a.rules.budgetMode === 'lump_sum' ? t('funding.lumpSum') : t('funding.categorised')} ·{' '}
          {t('funding.indirectCap', { pct: a.rules.indirectCapPct })} ·{' '}
          {t(`funding.surplus.${a.rules.surplus}`)}
        </p>
        <p>
          <strong>{t('funding.trustRule')}:</strong> {pick(lang, a.trustRule.textZh, a.trustRule.textEn)}
        </p>
        <p>
          <strong>{t('funding.negativeList')}:</strong>{' '}
          {a.rules.negativeList.map((n) => pick(lang, n.labelZh, n.labelEn)).join('；')}
        </p>
      </section>
      <section aria-labelledby="tr-h">
        <h2 id="tr-h">{t('funding.tranches')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('funding.name')}</th>
              <th scope="col" className="num">
                {t('funding.amount')}
              </th>
              <th scope="col">{t('funding.condition')}</th>
              <th scope="col">{t('funding.state')}</th>
            </tr>
          </thead>
          <tbody>
            {a.tranches.map((tr) => (
              <tr key={tr.no}>
                <td>{tr.no + 1}</td>
                <td>{tr.label}</td>
                <td className="num">{yuan(tr.amountFen)}</td>
                <td>{t(`funding.conditions.${tr.condition}`, { n: (tr.milestoneNo ?? 0) + 1 })}</td>
                <td>
                  {tr.state === 'released' ? (
                    t('funding.releasedOn', { date: dateTime(tr.releasedAt, lang) })
                  ) : tr.canRelease ? (
                    <button type="button" onClick={() => release(tr.no)}>
                      {t('funding.release', { n: tr.no + 1 })}
                    </button>
                  ) : (
                    <span>
                      {tr.blockedBy
                        ? t('funding.waiting', { reason: tr.blockedBy })
                        : t('funding.trancheState.planned')}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {a.you.team && a.state === 'active' && (
        <section aria-labelledby="exp-h">
          <h2 id="exp-h">{t('funding.newExpense')}</h2>
          <form onSubmit={submitExpense} noValidate>
            <Field
              label={t('funding.period')}
              name="period"
              error={error}
              type="month"
              value={line.period}
              onChange={(e) => {
                meter.touch('period');
                setLine((l) => ({ ...l, period: e.target.value }));
              }}
            />
            <SelectField
              label={t('funding.category')}
              name="lines.0.category"
              error={error}
              value={line.category}
              onChange={(e) => {
                meter.touch('category');
                setLine((l) => ({ ...l, category: e.target.value }));
              }}
              options={CATEGORIES.map((c) => ({ value: c, label: t(`funding.categories.${c}`) }))}
            />
            <SelectField
              label={t('funding.spendingKind')}
              name="lines.0.kind"
              error={error}
              value={line.kind}
              onChange={(e) => {
                meter.touch('kind');
                setLine((l) => ({ ...l, kind: e.target.value }));
              }}
              options={KINDS.map((k) => ({ value: k, label: t(`funding.kinds.${k}`) }))}
            />
            <Field
              label={t('funding.description')}
              name="lines.0.description"
              error={error}
              value={line.description}
              onChange={(e) => setLine((l) => ({ ...l, description: e.target.value }))}
            />
            <Field
              label={t('funding.amount')}
              name="lines.0.amountFen"
              error={error}
              inputMode="decimal"
              value={line.amount}
              onChange={(e) => setLine((l) => ({ ...l, amount: e.target.value }))}
            />
            <button type="submit">{t('funding.submitExpense')}</button>
          </form>
        </section>
      )}
      <section aria-labelledby="exps-h">
        <h2 id="exps-h">{t('funding.expenses')}</h2>
        {a.expenses.length === 0 ? (
          <p>{t('funding.noExpenses')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('funding.period')}</th>
                <th scope="col">{t('funding.category')}</th>
                <th scope="col">{t('funding.spendingKind')}</th>
                <th scope="col">{t('funding.description')}</th>
                <th scope="col" className="num">
                  {t('funding.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {a.expenses.map((x) => (
                <tr key={x.id}>
                  <td>{x.period}</td>
                  <td>{t(`funding.categories.${x.category}`)}</td>
                  <td>{t(`funding.kinds.${x.kind}`, { defaultValue: x.kind })}</td>
                  <td>{x.description}</td>
                  <td className="num">{yuan(x.amountFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{t('funding.spentByCategory')}</h3>
        <BarsChart
          categories={spentChart.categories}
          series={spentChart.series}
          label={t('funding.spentByCategory')}
        />
      </section>
      {a.you.canClose && (
        <section aria-labelledby="close-h">
          <h2 id="close-h">{t('funding.close')}</h2>
          <p>{t('funding.closeHint')}</p>
          <button type="button" onClick={close}>
            {t('funding.close')}
          </button>
        </section>
      )}
      {p && (
        <section aria-labelledby="perf-h">
          <h2 id="perf-h">{t('funding.performance')}</h2>
          <dl className="figures">
            <div>
              <dt>{t('funding.grade')}</dt>
              <dd>{p.grade}</dd>
            </div>
            <div>
              <dt>{t('funding.outcome')}</dt>
              <dd>{p.outcome}</dd>
            </div>
            <div>
              <dt>{t('funding.targetsMet')}</dt>
              <dd>
                {p.targetsMet}/{p.targetsTotal}
              </dd>
            </div>
            <div>
              <dt>{t('funding.spent')}</dt>
              <dd>¥{yuan(p.spentFen)}</dd>
            </div>
            <div>
              <dt>{t('funding.returned')}</dt>
              <dd>¥{yuan(p.returnedFen)}</dd>
            </div>
            <div>
              <dt>{t('funding.retained')}</dt>
              <dd>¥{yuan(p.retainedFen)}</dd>
            </div>
            <div>
              <dt>{t('funding.integrity')}</dt>
              <dd>{p.integrityClean ? t('funding.clean') : t('funding.finding')}</dd>
            </div>
          </dl>
          <ul>
            {p.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="burden-h">
        <h2 id="burden-h">{t('funding.burden')}</h2>
        {burden.length === 0 ? (
          <p>{t('funding.noBurden')}</p>
        ) : (
          <>
            <BarsChart
              categories={burdenChart.categories}
              series={burdenChart.series}
              label={t('funding.burdenLabel')}
            />
            <table>
              <thead>
                <tr>
                  <th scope="col">form</th>
                  <th scope="col" className="num">
                    n
                  </th>
                  <th scope="col" className="num">
                    {t('funding.byHand')}
                  </th>
                  <th scope="col" className="num">
                    {t('funding.prefilled')}
                  </th>
                  <th scope="col" className="num">
                    {t('funding.seconds')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {burden.map((b) => (
                  <tr key={b.form}>
                    <td>{b.form}</td>
                    <td className="num">{b.submissions}</td>
                    <td className="num">{b.avgFieldsByHand}</td>
                    <td className="num">{b.avgFieldsPrefilled}</td>
                    <td className="num">{b.medianSeconds}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>
      <LedgerTable query={`awardId=${a.id}`} version={a} />
    </>
  );
}

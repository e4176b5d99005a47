// Joint revision of a task book before signing: milestone titles and dates, and the tranche
// schedule (which must add up to the budget). Saving resets both signatures on the server.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, toFormError } from '../forms.tsx';
import { parseYuan, yuan, yuanInput } from './format.ts';
import type { TaskBook } from './types.ts';

interface Row {
  label: string;
  amount: string;
  condition: string;
}

export function TaskBookRevision({ tb, onSaved }: { tb: TaskBook; onSaved: (next: TaskBook) => void }) {
  const { t } = useTranslation();
  const [milestones, setMilestones] = useState(tb.milestones.map((m) => ({ ...m })));
  const [rows, setRows] = useState<Row[]>(
    tb.tranches.map((x) => ({ label: x.label, amount: yuanInput(x.amountFen), condition: x.condition })),
  );
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);
  const total = rows.reduce((a, r) => a + (parseYuan(r.amount) ?? 0), 0);

  const save = async () => {
    const bad = rows.findIndex((r) => parseYuan(r.amount) === null);
    if (bad >= 0) {
      setError({
        code: 'VALIDATION',
        message: t('taskBookRevision.badAmount'),
        field: `tranches.${bad}.amountFen`,
      });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      onSaved(
        await api<TaskBook>('PUT', `/api/task-books/${tb.id}`, {
          revision: tb.revision,
          milestones,
          tranches: rows.map((r) => ({
            label: r.label,
            amountFen: parseYuan(r.amount),
            condition: r.condition,
          })),
        }),
      );
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="h-revise">
      <h2 id="h-revise">{t('taskBookRevision.title')}</h2>
      <p>{t('taskBookRevision.intro')}</p>
      <ErrorBanner error={error} />
      {milestones.map((m, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: milestones are numbered by position
        <div className="row" key={i}>
          <Field
            label={t('taskBookRevision.milestone', { n: i + 1 })}
            name={`milestones.${i}.title`}
            value={m.title}
            onChange={(e) =>
              setMilestones(milestones.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))
            }
            error={error}
          />
          <Field
            label={t('taskBookRevision.due', { n: i + 1 })}
            name={`milestones.${i}.due`}
            type="date"
            value={m.due}
            onChange={(e) =>
              setMilestones(milestones.map((x, j) => (j === i ? { ...x, due: e.target.value } : x)))
            }
            error={error}
          />
        </div>
      ))}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: tranches are numbered by position
        <div className="row" key={i}>
          <Field
            label={t('taskBookRevision.label', { n: i + 1 })}
            name={`tranches.${i}.label`}
            value={r.label}
            onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))}
            error={error}
          />
          <Field
            label={t('taskBookRevision.amount', { n: i + 1 })}
            name={`tranches.${i}.amountFen`}
            inputMode="decimal"
            value={r.amount}
            onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, amount: e.target.value } : x)))}
            error={error}
          />
          <Field
            label={t('taskBookRevision.condition', { n: i + 1 })}
            name={`tranches.${i}.condition`}
            value={r.condition}
            onChange={(e) => setRows(rows.map((x, j) => (j === i ? { ...x, condition: e.target.value } : x)))}
            error={error}
          />
          <button
            type="button"
            className="secondary"
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
            disabled={rows.length === 1}
          >
            {t('taskBookRevision.remove', { n: i + 1 })}
          </button>
        </div>
      ))}
      <p aria-live="polite">
        {t('taskBookRevision.total', { total: yuan(total), budget: yuan(tb.budgetFen) })}
        {total !== tb.budgetFen && <strong> — {t('taskBookRevision.mismatch')}</strong>}
      </p>
      <div className="actions">
        <button
          type="button"
          className="secondary"
          onClick={() => setRows([...rows, { label: '', amount: '', condition: '' }])}
        >
          {t('taskBookRevision.add')}
        </button>
        <button type="button" onClick={save} disabled={busy} aria-busy={busy}>
          {t('taskBookRevision.save')}
        </button>
      </div>
    </section>
  );
}

// Review rounds (organizers): the list, and the editor — challenge, rubric with weighted criteria,
// reviewers per item, fairness, conflict-of-interest rules, due date, budget, tie-break, rebuttal.
import './assign.i18n.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, Field, type FormErrorState, SelectField, toFormError } from '../forms.tsx';

export interface RoundView {
  id: string;
  challengeId: string;
  challengeTitleZh: string;
  challengeTitleEn: string;
  state: string;
  titleZh: string;
  titleEn: string;
  rubric: Criterion[];
  reviewersPerItem: number;
  fairness: boolean;
  coi: {
    orgYears: number;
    coauthorYears: number;
    projectYears: number;
    maxExclusions: number;
    acceptance: boolean;
  };
  dueAt: string;
  budgetFen: number;
  tieBreak: string;
  rebuttalAllowed: boolean;
  version: number;
}
interface Criterion {
  key: string;
  nameZh: string;
  nameEn: string;
  weight: number;
  min: number;
  max: number;
  descriptors: { score: number; zh: string; en: string }[];
}

const DEFAULT_RUBRIC: Criterion[] = [
  { key: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 30, min: 0, max: 10, descriptors: [] },
  {
    key: 'feasibility',
    nameZh: '可行性',
    nameEn: 'Feasibility',
    weight: 30,
    min: 0,
    max: 10,
    descriptors: [],
  },
  {
    key: 'team',
    nameZh: '团队能力',
    nameEn: 'Team capability',
    weight: 20,
    min: 0,
    max: 10,
    descriptors: [],
  },
  {
    key: 'value',
    nameZh: '应用价值',
    nameEn: 'Application value',
    weight: 20,
    min: 0,
    max: 10,
    descriptors: [],
  },
];

/** 'YYYY-MM-DDTHH:mm' in Beijing time for a datetime-local input. */
const toLocal = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

export function RoundEditorPage() {
  const { t, i18n } = useTranslation();
  const { roundId } = useParams();
  const navigate = useNavigate();
  const [round, setRound] = useState<RoundView | null>(null);
  const [challenges, setChallenges] = useState<
    { id: string; titleZh: string; titleEn: string; state: string }[]
  >([]);
  const [rubric, setRubric] = useState<Criterion[]>(DEFAULT_RUBRIC);
  const [error, setError] = useState<FormErrorState>(null);
  useEffect(() => {
    api<{ items: { id: string; titleZh: string; titleEn: string; state: string }[] }>(
      'GET',
      '/api/challenges/mine?pageSize=200',
    ).then(
      ({ items: l }) =>
        setChallenges(l.filter((c) => ['published', 'evaluating', 'notice', 'awarded'].includes(c.state))),
      (e) => setError(toFormError(e)),
    );
    if (roundId)
      api<RoundView>('GET', `/api/review-rounds/${roundId}`).then(
        (r) => {
          setRound(r);
          setRubric(r.rubric);
        },
        (e) => setError(toFormError(e)),
      );
  }, [roundId]);
  if (roundId && !round) return <ErrorBanner error={error} />;
  const setCrit = (i: number, patch: Partial<Criterion>) =>
    setRubric((rs) => rs.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    const due = String(f.get('dueAt') ?? '');
    const body = {
      titleZh: String(f.get('titleZh') ?? ''),
      titleEn: String(f.get('titleEn') ?? ''),
      rubric,
      reviewersPerItem: Number(f.get('reviewersPerItem')),
      fairness: f.get('fairness') === 'on',
      coi: {
        orgYears: Number(f.get('coi.orgYears')),
        coauthorYears: Number(f.get('coi.coauthorYears')),
        projectYears: Number(f.get('coi.projectYears')),
        maxExclusions: Number(f.get('coi.maxExclusions')),
        acceptance: f.get('coi.acceptance') === 'on',
      },
      dueAt: due ? `${due}:00+08:00` : '',
      budgetFen: Math.round(Number(f.get('budgetFen') || 0) * 100),
      tieBreak: String(f.get('tieBreak') ?? ''),
      rebuttalAllowed: f.get('rebuttalAllowed') === 'on',
    };
    try {
      const saved = round
        ? await api<RoundView>('PUT', `/api/review-rounds/${round.id}`, { ...body, version: round.version })
        : await api<RoundView>('POST', '/api/review-rounds', { ...body, challengeId: f.get('challengeId') });
      navigate(`/evaluation/rounds/${saved.id}/assignment`);
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const en = i18n.language === 'en';
  const num = (name: string, label: string, value: number, min = 0, max = 100) => (
    <Field label={label} name={name} type="number" min={min} max={max} defaultValue={value} error={error} />
  );
  return (
    <>
      <h1>{round ? t('assign.round.editTitle') : t('assign.round.new')}</h1>
      <form onSubmit={submit} className="grid" noValidate>
        <ErrorBanner error={error} />
        {round ? (
          <p>
            {t('assign.round.challenge')}:{' '}
            {en ? round.challengeTitleEn || round.challengeTitleZh : round.challengeTitleZh}
          </p>
        ) : (
          <SelectField
            label={t('assign.round.challenge')}
            name="challengeId"
            error={error}
            options={challenges.map((c) => ({ value: c.id, label: en ? c.titleEn || c.titleZh : c.titleZh }))}
          />
        )}
        <Field
          label={t('assign.round.titleZh')}
          name="titleZh"
          defaultValue={round?.titleZh ?? ''}
          required
          error={error}
        />
        <Field
          label={t('assign.round.titleEn')}
          name="titleEn"
          defaultValue={round?.titleEn ?? ''}
          error={error}
        />
        {num('reviewersPerItem', t('assign.round.k'), round?.reviewersPerItem ?? 3, 1, 20)}
        <div className="field">
          <label>
            <input type="checkbox" name="fairness" defaultChecked={round?.fairness ?? false} />{' '}
            {t('assign.round.fairness')}
          </label>
        </div>
        <Field
          label={t('assign.round.dueAt')}
          name="dueAt"
          type="datetime-local"
          defaultValue={round ? toLocal(round.dueAt) : ''}
          required
          error={error}
        />
        <Field
          label={t('assign.round.budget')}
          name="budgetFen"
          type="number"
          min={0}
          step="0.01"
          defaultValue={round ? round.budgetFen / 100 : 0}
          error={error}
        />
        <Field
          label={t('assign.round.tieBreak')}
          name="tieBreak"
          defaultValue={round?.tieBreak ?? 'confidence'}
          hint={t('assign.round.tieBreakHint')}
          error={error}
        />
        <div className="field">
          <label>
            <input type="checkbox" name="rebuttalAllowed" defaultChecked={round?.rebuttalAllowed ?? false} />{' '}
            {t('assign.round.rebuttal')}
          </label>
        </div>
        <fieldset>
          <legend>{t('assign.round.coi')}</legend>
          {num('coi.orgYears', t('assign.round.orgYears'), round?.coi.orgYears ?? 3, 0, 20)}
          {num('coi.coauthorYears', t('assign.round.coauthorYears'), round?.coi.coauthorYears ?? 3, 0, 20)}
          {num('coi.projectYears', t('assign.round.projectYears'), round?.coi.projectYears ?? 3, 0, 20)}
          {num('coi.maxExclusions', t('assign.round.maxExclusions'), round?.coi.maxExclusions ?? 3, 0, 20)}
          <div className="field">
            <label>
              <input type="checkbox" name="coi.acceptance" defaultChecked={round?.coi.acceptance ?? false} />{' '}
              {t('assign.round.acceptance')}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('assign.round.rubric')}</legend>
          {error?.field === 'rubric' && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          {rubric.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: criteria are edited in place by position
            <fieldset key={i}>
              <legend>{t('assign.round.criterion', { n: i + 1 })}</legend>
              {(
                [
                  ['key', 'text'],
                  ['nameZh', 'text'],
                  ['nameEn', 'text'],
                  ['weight', 'number'],
                  ['min', 'number'],
                  ['max', 'number'],
                ] as const
              ).map(([k, type]) => {
                const field = `rubric.${i}.${k}`;
                return (
                  <div className={`field${error?.field === field ? ' invalid' : ''}`} key={k}>
                    <label htmlFor={`f-${field}`}>{t(`assign.round.${k}`)}</label>
                    <input
                      id={`f-${field}`}
                      type={type}
                      value={c[k]}
                      aria-invalid={error?.field === field}
                      onChange={(e) =>
                        setCrit(i, { [k]: type === 'number' ? Number(e.target.value) : e.target.value })
                      }
                    />
                    {error?.field === field && (
                      <small className="error" role="alert">
                        {error.message}
                      </small>
                    )}
                  </div>
                );
              })}
              <button
                type="button"
                onClick={() => setRubric((rs) => rs.filter((_, j) => j !== i))}
                disabled={rubric.length === 1}
              >
                {t('assign.round.removeCriterion', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              setRubric((rs) => [
                ...rs,
                {
                  key: `c${rs.length + 1}`,
                  nameZh: '',
                  nameEn: '',
                  weight: 0,
                  min: 0,
                  max: 10,
                  descriptors: [],
                },
              ])
            }
          >
            {t('assign.round.addCriterion')}
          </button>
        </fieldset>
        <div>
          <button type="submit">{t('assign.round.save')}</button>
        </div>
      </form>
    </>
  );
}

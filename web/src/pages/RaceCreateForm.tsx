// Declaring a race (organizers): pick an awarded race-mode challenge, the award and tranche plan,
// and the stages with gate dates, targets, advance rule, tie-break, share and rank weights. An
// "advanced" JSON body, pre-filled with a complete example, is the fallback for anything the form
// does not cover (interim target values, several tie-breaks).
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import './race.i18n.ts';
import { api } from '../api.ts';
import { fromBeijingInput, parseYuan, pick, splitList, toBeijingInput } from '../challenges/format.ts';
import type { ChallengeSummary, Target } from '../challenges/types.ts';
import {
  ErrorBanner,
  Field,
  type FormErrorState,
  Notice,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';

type RuleKind = 'top_k' | 'threshold' | 'top_k_threshold' | 'targets_met';
interface StageDraft {
  titleZh: string;
  titleEn: string;
  gateAt: string;
  targetIds: string[];
  evidence: string;
  scoreSource: 'manual' | 'review_round';
  evidenceRequired: boolean;
  ruleKind: RuleKind;
  k: string;
  minScore: string;
  tieBreak: string;
  sharePercent: string;
  rankWeights: string;
}

const DAY = 86_400_000;
const blankStage = (targets: Target[], days: number): StageDraft => ({
  titleZh: '',
  titleEn: '',
  gateAt: `${toBeijingInput(new Date(Date.now() + days * DAY).toISOString()).slice(0, 10)}T17:00`,
  targetIds: targets.map((x) => x.id),
  evidence: '',
  scoreSource: 'manual',
  evidenceRequired: false,
  ruleKind: 'top_k',
  k: '1',
  minScore: '',
  tieBreak: 'earlier_submission',
  sharePercent: '',
  rankWeights: '1',
});

const num = (s: string) => (s.trim() === '' ? null : Number(s));

function stageBody(s: StageDraft) {
  const rule =
    s.ruleKind === 'top_k'
      ? { kind: s.ruleKind, k: num(s.k) }
      : s.ruleKind === 'threshold'
        ? { kind: s.ruleKind, minScore: s.minScore.trim() }
        : s.ruleKind === 'top_k_threshold'
          ? { kind: s.ruleKind, k: num(s.k), minScore: s.minScore.trim() }
          : { kind: s.ruleKind, targetIds: s.targetIds };
  const first =
    s.tieBreak === 'earlier_submission'
      ? [{ kind: 'earlier_submission' }]
      : s.tieBreak.startsWith('target:')
        ? [{ kind: 'target', targetId: s.tieBreak.slice(7) }, { kind: 'earlier_submission' }]
        : [];
  return {
    titleZh: s.titleZh,
    titleEn: s.titleEn,
    gateAt: fromBeijingInput(s.gateAt),
    targetIds: s.targetIds,
    evidence: s.evidence,
    scoreSource: s.scoreSource,
    evidenceRequired: s.evidenceRequired,
    rule,
    tieBreak: [...first, { kind: 'lot' }],
  };
}

/** A complete example body for the advanced textarea. */
function example(challengeId: string, targets: Target[]) {
  const ids = targets.length ? targets.map((x) => x.id) : ['<target id>'];
  const day = (n: number) => fromBeijingInput(blankStage([], n).gateAt);
  const tieBreak = [{ kind: 'target', targetId: ids[0] }, { kind: 'earlier_submission' }, { kind: 'lot' }];
  return JSON.stringify(
    {
      challengeId: challengeId || '<challenge id>',
      awardFen: 800_000_000,
      noticeDays: 5,
      tranchePlan: {
        signingPercent: 30,
        signingCapFen: 300_000_000,
        stages: [
          { sharePercent: 40, rankWeights: [1] },
          { sharePercent: 60, rankWeights: [3, 1] },
        ],
      },
      stages: [
        {
          titleZh: '小批量样品',
          titleEn: 'Pilot samples',
          gateAt: day(60),
          targetIds: ids,
          targetValues: {},
          evidence: '第三方检测报告',
          scoreSource: 'review_round',
          rule: { kind: 'top_k', k: 2 },
          tieBreak,
        },
        {
          titleZh: '产线验证',
          titleEn: 'Line validation',
          gateAt: day(150),
          targetIds: ids,
          evidence: '产线连续运行记录',
          rule: { kind: 'top_k', k: 1 },
          tieBreak,
        },
      ],
    },
    null,
    2,
  );
}

/** The server's field as one of this form's field names (trailing list indexes trimmed). */
function fieldOf(err: unknown, known: Set<string>): FormErrorState {
  const e = toFormError(err);
  if (!e.field) return e;
  const parts = e.field.split('.');
  while (parts.length > 0 && !known.has(parts.join('.'))) parts.pop();
  return parts.length > 0 ? { ...e, field: parts.join('.') } : e;
}

export function RaceCreateForm() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const [challenges, setChallenges] = useState<ChallengeSummary[] | null>(null);
  const [challengeId, setChallengeId] = useState('');
  const [targets, setTargets] = useState<Target[]>([]);
  const [award, setAward] = useState('');
  const [noticeDays, setNoticeDays] = useState('5');
  const [signingPercent, setSigningPercent] = useState('30');
  const [signingCap, setSigningCap] = useState('');
  const [stages, setStages] = useState<StageDraft[]>([]);
  const [advanced, setAdvanced] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api<{ items: ChallengeSummary[] }>('GET', '/api/challenges/mine?pageSize=200')
      .then(({ items: all }) => {
        const eligible = all.filter((c) => c.mode === 'race' && c.state === 'awarded');
        setChallenges(eligible);
        if (eligible[0]) setChallengeId(eligible[0].id);
      })
      .catch((e) => setError(toFormError(e)));
  }, []);
  useEffect(() => {
    if (!challengeId) return;
    api<{ targets: Target[] }>('GET', `/api/challenges/${challengeId}`)
      .then((c) => {
        setTargets(c.targets);
        setStages([blankStage(c.targets, 60)]);
        setAdvanced(example(challengeId, c.targets));
      })
      .catch((e) => setError(toFormError(e)));
  }, [challengeId]);

  if (challenges === null) return error ? <ErrorBanner error={error} /> : null;
  if (challenges.length === 0) return <p className="hint">{t('race.create.noChallenge')}</p>;

  const known = new Set([
    'challengeId',
    'awardFen',
    'noticeDays',
    'tranchePlan.signingPercent',
    'tranchePlan.signingCapFen',
    'stages',
    'tranchePlan.stages',
    'advanced',
    ...stages.flatMap((_, i) => [
      `stages.${i}.titleZh`,
      `stages.${i}.titleEn`,
      `stages.${i}.gateAt`,
      `stages.${i}.targetIds`,
      `stages.${i}.evidence`,
      `stages.${i}.scoreSource`,
      `stages.${i}.rule.k`,
      `stages.${i}.rule.minScore`,
      `stages.${i}.rule`,
      `stages.${i}.tieBreak`,
      `tranchePlan.stages.${i}.sharePercent`,
      `tranchePlan.stages.${i}.rankWeights`,
    ]),
  ]);
  const send = async (body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const race = await api<{ id: string }>('POST', '/api/races', body);
      navigate(`/races/${race.id}`);
    } catch (err) {
      setError(fieldOf(err, known));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const fen = (s: string) => parseYuan(s) ?? (s.trim() === '' ? null : Number.NaN);
    return send({
      challengeId,
      awardFen: fen(award),
      noticeDays: num(noticeDays),
      tranchePlan: {
        signingPercent: num(signingPercent),
        signingCapFen: fen(signingCap),
        stages: stages.map((s) => ({
          sharePercent: num(s.sharePercent),
          rankWeights: splitList(s.rankWeights).map(Number),
        })),
      },
      stages: stages.map(stageBody),
    });
  };
  const submitAdvanced = (e: FormEvent) => {
    e.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(advanced);
    } catch (err) {
      setError({ code: 'VALIDATION', field: 'advanced', message: String(err) });
      return;
    }
    return send(body);
  };
  const edit = (i: number, patch: Partial<StageDraft>) =>
    setStages(stages.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const challengeOptions = challenges.map((c) => ({ value: c.id, label: pick(lang, c.titleZh, c.titleEn) }));

  return (
    <section aria-labelledby="h-create-race" className="panel">
      <h2 id="h-create-race">{t('race.create.title')}</h2>
      <form onSubmit={submit}>
        <SelectField
          label={t('race.challenge')}
          name="challengeId"
          error={error}
          value={challengeId}
          onChange={(e) => setChallengeId(e.target.value)}
          options={challengeOptions}
        />
        <Field
          label={t('race.create.award')}
          name="awardFen"
          error={error}
          inputMode="decimal"
          required
          value={award}
          onChange={(e) => setAward(e.target.value)}
        />
        <Field
          label={t('race.noticeDays')}
          name="noticeDays"
          type="number"
          min={1}
          max={30}
          error={error}
          value={noticeDays}
          onChange={(e) => setNoticeDays(e.target.value)}
        />
        <Field
          label={t('race.create.signingPercent')}
          name="tranchePlan.signingPercent"
          type="number"
          min={0}
          max={100}
          error={error}
          value={signingPercent}
          onChange={(e) => setSigningPercent(e.target.value)}
        />
        <Field
          label={t('race.create.signingCap')}
          name="tranchePlan.signingCapFen"
          error={error}
          inputMode="decimal"
          required
          value={signingCap}
          onChange={(e) => setSigningCap(e.target.value)}
        />
        {stages.map((s, i) => {
          const p = `stages.${i}`;
          const n = i + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: stages are positional (stage 1, 2, …)
            <fieldset key={i}>
              <legend>{t('race.gateN', { n })}</legend>
              <Field
                label={t('race.create.titleZh', { n })}
                name={`${p}.titleZh`}
                error={error}
                required
                value={s.titleZh}
                onChange={(e) => edit(i, { titleZh: e.target.value })}
              />
              <Field
                label={t('race.create.titleEn', { n })}
                name={`${p}.titleEn`}
                error={error}
                value={s.titleEn}
                onChange={(e) => edit(i, { titleEn: e.target.value })}
              />
              <Field
                label={t('race.create.gateAt', { n })}
                hint={t('race.create.beijing')}
                name={`${p}.gateAt`}
                type="datetime-local"
                error={error}
                required
                value={s.gateAt}
                onChange={(e) => edit(i, { gateAt: e.target.value })}
              />
              <fieldset
                aria-describedby={
                  error?.field === `${p}.targetIds` ? `f-stages-${i}-targetIds-err` : undefined
                }
              >
                <legend>{t('race.create.targets', { n })}</legend>
                {targets.map((x) => (
                  <label key={x.id} className="check">
                    <input
                      type="checkbox"
                      checked={s.targetIds.includes(x.id)}
                      onChange={(e) =>
                        edit(i, {
                          targetIds: e.target.checked
                            ? targets.map((y) => y.id).filter((id) => id === x.id || s.targetIds.includes(id))
                            : s.targetIds.filter((id) => id !== x.id),
                        })
                      }
                    />{' '}
                    {x.metric}
                  </label>
                ))}
                {error?.field === `${p}.targetIds` && (
                  <small id={`f-stages-${i}-targetIds-err`} className="error" role="alert">
                    {error.message}
                  </small>
                )}
              </fieldset>
              <TextAreaField
                label={t('race.create.evidence', { n })}
                name={`${p}.evidence`}
                rows={2}
                required
                error={error}
                value={s.evidence}
                onChange={(e) => edit(i, { evidence: e.target.value })}
              />
              <label className="check">
                <input
                  type="checkbox"
                  name={`${p}.evidenceRequired`}
                  checked={s.evidenceRequired}
                  onChange={(e) => edit(i, { evidenceRequired: e.target.checked })}
                />{' '}
                {t('race.teamSide.evidenceRequired')}
              </label>
              <SelectField
                label={`${t('race.scoreSource')} (${t('race.gateN', { n })})`}
                name={`${p}.scoreSource`}
                error={error}
                value={s.scoreSource}
                onChange={(e) => edit(i, { scoreSource: e.target.value as StageDraft['scoreSource'] })}
                options={(['manual', 'review_round'] as const).map((k) => ({
                  value: k,
                  label: t(`race.scoreSources.${k}`),
                }))}
              />
              <SelectField
                label={t('race.create.ruleKind', { n })}
                name={`${p}.rule`}
                error={error}
                value={s.ruleKind}
                onChange={(e) => edit(i, { ruleKind: e.target.value as RuleKind })}
                options={(['top_k', 'threshold', 'top_k_threshold', 'targets_met'] as const).map((k) => ({
                  value: k,
                  label: t(`race.create.kinds.${k}`),
                }))}
              />
              {(s.ruleKind === 'top_k' || s.ruleKind === 'top_k_threshold') && (
                <Field
                  label={t('race.create.k', { n })}
                  name={`${p}.rule.k`}
                  type="number"
                  min={1}
                  error={error}
                  value={s.k}
                  onChange={(e) => edit(i, { k: e.target.value })}
                />
              )}
              {(s.ruleKind === 'threshold' || s.ruleKind === 'top_k_threshold') && (
                <Field
                  label={t('race.create.minScore', { n })}
                  name={`${p}.rule.minScore`}
                  inputMode="decimal"
                  error={error}
                  value={s.minScore}
                  onChange={(e) => edit(i, { minScore: e.target.value })}
                />
              )}
              <SelectField
                label={t('race.create.tieBreak', { n })}
                name={`${p}.tieBreak`}
                error={error}
                value={s.tieBreak}
                onChange={(e) => edit(i, { tieBreak: e.target.value })}
                options={[
                  { value: 'earlier_submission', label: t('race.tieBreaks.earlier_submission') },
                  ...targets.map((x) => ({
                    value: `target:${x.id}`,
                    label: t('race.tieBreaks.target', { metric: x.metric }),
                  })),
                  { value: 'lot', label: t('race.tieBreaks.lot') },
                ]}
              />
              <Field
                label={t('race.create.share', { n })}
                name={`tranchePlan.stages.${i}.sharePercent`}
                type="number"
                min={0}
                max={100}
                required
                error={error}
                value={s.sharePercent}
                onChange={(e) => edit(i, { sharePercent: e.target.value })}
              />
              <Field
                label={t('race.create.weights', { n })}
                hint={t('race.create.weightsHint')}
                name={`tranchePlan.stages.${i}.rankWeights`}
                error={error}
                value={s.rankWeights}
                onChange={(e) => edit(i, { rankWeights: e.target.value })}
              />
              {stages.length > 1 && (
                <button type="button" onClick={() => setStages(stages.filter((_, j) => j !== i))}>
                  {t('race.create.removeStage', { n })}
                </button>
              )}
            </fieldset>
          );
        })}
        <div className="buttons">
          <button
            type="button"
            disabled={stages.length >= 10}
            onClick={() => setStages([...stages, blankStage(targets, 60 + 90 * stages.length)])}
          >
            {t('race.create.addStage')}
          </button>
        </div>
        <ErrorBanner error={error} />
        <button type="submit" disabled={busy || !challengeId}>
          {t('race.create.submit')}
        </button>
      </form>
      <details>
        <summary>{t('race.create.advanced')}</summary>
        <form onSubmit={submitAdvanced}>
          <TextAreaField
            label={t('race.create.json')}
            hint={t('race.create.jsonHint')}
            name="advanced"
            rows={16}
            spellCheck={false}
            error={error}
            value={advanced}
            onChange={(e) => setAdvanced(e.target.value)}
          />
          <button type="submit" disabled={busy}>
            {t('race.create.submitJson')}
          </button>
        </form>
      </details>
      {busy && <Notice>{t('common.loading')}</Notice>}
    </section>
  );
}

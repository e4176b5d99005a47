// The score sheet: one labelled select per criterion (its scale with descriptors), confidence,
// comments to the applicant and to the organizer; save draft or submit. The weighted total is
// the server's; field errors come back named and are shown at their field.
import './review.i18n.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { pick } from '../challenges/format.ts';
import {
  ErrorBanner,
  type FormErrorState,
  Notice,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';
import type { Criterion, ItemView } from './review.types.ts';

export function ReviewForm({
  item,
  onSaved,
}: {
  item: ItemView;
  onSaved: (next: ItemView, submitted: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const mine = item.myReview!;
  const [scores, setScores] = useState<Record<string, string>>(
    Object.fromEntries(item.rubric.map((c) => [c.key, mine.scores[c.key]?.toString() ?? ''])),
  );
  const [confidence, setConfidence] = useState(mine.confidence?.toString() ?? '');
  const [commentApplicant, setCommentApplicant] = useState(mine.commentApplicant);
  const [commentConfidential, setCommentConfidential] = useState(mine.commentConfidential);
  const [error, setError] = useState<FormErrorState>(null);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const locked = mine.state === 'submitted';

  const body = () => ({
    scores: Object.fromEntries(
      Object.entries(scores)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)]),
    ),
    confidence: confidence === '' ? null : Number(confidence),
    commentApplicant,
    commentConfidential,
  });

  const send = async (submit: boolean) => {
    setBusy(true);
    setError(null);
    setNotice('');
    try {
      const base = `/api/review-rounds/${item.round.id}/items/${item.proposal.bidId}/review`;
      const next = submit
        ? await api<ItemView>('POST', `${base}/submit`, body())
        : await api<ItemView>('PUT', base, body());
      setNotice(submit ? t('review.submitted') : t('review.saved'));
      onSaved(next, submit);
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void send(true);
  };

  const options = (c: Criterion) => [
    { value: '', label: t('review.choose') },
    ...Array.from({ length: c.max - c.min + 1 }, (_, i) => {
      const s = c.min + i;
      const d = c.descriptors.find((x) => x.score === s);
      return { value: String(s), label: d ? `${s} — ${pick(lang, d.zh, d.en)}` : String(s) };
    }),
  ];

  return (
    <form onSubmit={onSubmit} aria-labelledby="sheet-title" noValidate>
      <h2 id="sheet-title">{t('review.form')}</h2>
      <p>{t('review.youAre', { pseudonym: mine.pseudonym })}</p>
      <ErrorBanner error={error} />
      {notice && <Notice>{notice}</Notice>}
      {locked && <p>{t('review.submittedNote')}</p>}
      <fieldset disabled={locked || busy}>
        {item.rubric.map((c) => (
          <SelectField
            key={c.key}
            name={`scores.${c.key}`}
            label={`${pick(lang, c.nameZh, c.nameEn)} (${t('review.scaleHint', { min: c.min, max: c.max, weight: c.weight })})`}
            error={error}
            options={options(c)}
            value={scores[c.key]}
            onChange={(e) => setScores({ ...scores, [c.key]: e.target.value })}
          />
        ))}
        <SelectField
          name="confidence"
          label={t('review.confidence')}
          error={error}
          options={[
            { value: '', label: t('review.choose') },
            ...['1', '2', '3', '4', '5'].map((v) => ({ value: v, label: t(`review.confidenceLevels.${v}`) })),
          ]}
          value={confidence}
          onChange={(e) => setConfidence(e.target.value)}
        />
        <TextAreaField
          name="commentApplicant"
          label={t('review.commentApplicant')}
          error={error}
          rows={5}
          value={commentApplicant}
          onChange={(e) => setCommentApplicant(e.target.value)}
        />
        <TextAreaField
          name="commentConfidential"
          label={t('review.commentConfidential')}
          error={error}
          rows={3}
          value={commentConfidential}
          onChange={(e) => setCommentConfidential(e.target.value)}
        />
        <div className="actions">
          <button type="button" onClick={() => void send(false)}>
            {t('review.saveDraft')}
          </button>
          <button type="submit" className="primary">
            {t('review.submit')}
          </button>
        </div>
      </fieldset>
      {mine.total !== null && (
        <p>
          {t('review.total')}: <strong data-testid="my-total">{mine.total}</strong>
        </p>
      )}
    </form>
  );
}

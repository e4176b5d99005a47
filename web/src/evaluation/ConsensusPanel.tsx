// The consensus report of one item: the organizer chooses the rapporteur among the reviewers who
// have submitted, the rapporteur edits majority and minority views and proposes, the organizer
// accepts. Others read it as the server shows it to them.
import './review.i18n.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { ErrorBanner, type FormErrorState, SelectField, TextAreaField, toFormError } from '../forms.tsx';
import type { ItemView } from './review.types.ts';

const RECOMMENDATIONS = ['', 'fund', 'fund_if_budget', 'do_not_fund'];

export function ConsensusPanel({ item, onChange }: { item: ItemView; onChange: (next: ItemView) => void }) {
  const { t } = useTranslation();
  const c = item.consensus;
  const base = `/api/review-rounds/${item.round.id}/items/${item.proposal.bidId}`;
  const [error, setError] = useState<FormErrorState>(null);
  const [rapporteur, setRapporteur] = useState(c?.rapporteurAssignmentId ?? '');
  const [majority, setMajority] = useState(c?.majority ?? '');
  const [minority, setMinority] = useState(c?.minority ?? '');
  const [recommendation, setRecommendation] = useState(c?.recommendation ?? '');

  const run = async (method: string, path: string, body?: unknown) => {
    setError(null);
    try {
      onChange(await api<ItemView>(method, `${base}${path}`, body));
    } catch (err) {
      setError(toFormError(err));
    }
  };

  const candidates = item.reviews.filter((r) => r.assignmentState === 'submitted');
  const editable = c?.mine && c.state !== 'accepted';

  const onSave = (propose: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    void run('PUT', '/consensus', { majority, minority, recommendation, propose });
  };

  return (
    <section aria-labelledby="consensus-title">
      <h2 id="consensus-title">{t('review.consensus')}</h2>
      <ErrorBanner error={error} />
      {c ? (
        <p>
          {c.rapporteurPseudonym && t('review.rapporteur', { pseudonym: c.rapporteurPseudonym })}{' '}
          <strong data-testid="consensus-state">{t(`review.consensusStates.${c.state}`)}</strong>
        </p>
      ) : (
        <p>{t('review.noConsensus')}</p>
      )}
      {item.viewer === 'organizer' && c?.state !== 'accepted' && candidates.length > 0 && (
        <form
          className="inline"
          onSubmit={(e) => {
            e.preventDefault();
            void run('POST', '/rapporteur', { assignmentId: rapporteur });
          }}
        >
          <SelectField
            name="assignmentId"
            label={t('review.chooseRapporteur')}
            error={error}
            options={[
              { value: '', label: t('review.choose') },
              ...candidates.map((r) => ({
                value: r.assignmentId!,
                label: `${t('review.reviewer', { pseudonym: r.pseudonym })} — ${r.expertNameZh}`,
              })),
            ]}
            value={rapporteur}
            onChange={(e) => setRapporteur(e.target.value)}
          />
          <button type="submit">{t('review.setRapporteur')}</button>
        </form>
      )}
      {editable ? (
        <form onSubmit={onSave(false)}>
          <TextAreaField
            name="majority"
            label={t('review.majority')}
            error={error}
            rows={4}
            value={majority}
            onChange={(e) => setMajority(e.target.value)}
          />
          <TextAreaField
            name="minority"
            label={t('review.minority')}
            error={error}
            rows={3}
            value={minority}
            onChange={(e) => setMinority(e.target.value)}
          />
          <SelectField
            name="recommendation"
            label={t('review.recommendation')}
            error={error}
            options={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`review.recommendations.${r}`) }))}
            value={recommendation}
            onChange={(e) => setRecommendation(e.target.value)}
          />
          <div className="actions">
            <button type="submit">{t('review.saveConsensus')}</button>
            <button type="button" className="primary" onClick={() => onSave(true)()}>
              {t('review.propose')}
            </button>
          </div>
        </form>
      ) : (
        c && (
          <dl>
            <dt>{t('review.majority')}</dt>
            <dd className="prose">{c.majority || '—'}</dd>
            <dt>{t('review.minority')}</dt>
            <dd className="prose">{c.minority || '—'}</dd>
            <dt>{t('review.recommendation')}</dt>
            <dd>{t(`review.recommendations.${c.recommendation}`)}</dd>
          </dl>
        )
      )}
      {item.viewer === 'organizer' && c?.state === 'proposed' && (
        <button type="button" className="primary" onClick={() => void run('POST', '/consensus/accept', {})}>
          {t('review.accept')}
        </button>
      )}
    </section>
  );
}

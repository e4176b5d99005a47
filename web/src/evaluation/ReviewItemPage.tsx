// One review item, as the server shows it to this viewer: the proposal; for a reviewer the score
// sheet and, after submitting, the others' reviews; for the applicant the reviews signed by
// pseudonym, the rebuttal and appeals; for the organizer everything, with who wrote what.
import './review.i18n.ts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api.ts';
import { dateTime, pick, yuan } from '../challenges/format.ts';
import { ErrorBanner, type FormErrorState, SelectField, TextAreaField, toFormError } from '../forms.tsx';
import { ConsensusPanel } from './ConsensusPanel.tsx';
import { ReviewForm } from './ReviewForm.tsx';
import type { AppealView, Criterion, ItemView, ReviewView } from './review.types.ts';

const GROUNDS = ['conflict_of_interest', 'procedure_not_followed', 'rubric_misapplied', 'calculation_error'];

function ReviewCard({ r, rubric }: { r: ReviewView; rubric: Criterion[] }) {
  const { t, i18n } = useTranslation();
  return (
    <article className="card" aria-label={t('review.reviewer', { pseudonym: r.pseudonym })}>
      <h3>
        {t('review.reviewer', { pseudonym: r.pseudonym })}
        {r.expertNameZh ? ` — ${r.expertNameZh}` : ''}
        {r.state && r.state !== 'submitted' ? ` (${t(`review.reviewStates.${r.state}`)})` : ''}
      </h3>
      <dl className="scores">
        {rubric.map((c) => (
          <div key={c.key}>
            <dt>{pick(i18n.language, c.nameZh, c.nameEn)}</dt>
            <dd>{r.scores[c.key] ?? '—'}</dd>
          </div>
        ))}
        <div>
          <dt>{t('review.total')}</dt>
          <dd>{r.total ?? '—'}</dd>
        </div>
        {r.confidence !== undefined && (
          <div>
            <dt>{t('review.confidence')}</dt>
            <dd>{r.confidence ?? '—'}</dd>
          </div>
        )}
      </dl>
      <p className="prose">{r.commentApplicant}</p>
      {r.commentConfidential && (
        <p className="prose confidential">
          <strong>{t('review.confidential')}:</strong> {r.commentConfidential}
        </p>
      )}
    </article>
  );
}

function RebuttalForm({ item, onChange }: { item: ItemView; onChange: (i: ItemView) => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onChange(
        await api<ItemView>(
          'POST',
          `/api/review-rounds/${item.round.id}/items/${item.proposal.bidId}/rebuttal`,
          {
            body,
          },
        ),
      );
    } catch (err) {
      setError(toFormError(err));
    }
  };
  return (
    <form onSubmit={submit}>
      <ErrorBanner error={error} />
      <TextAreaField
        name="body"
        label={t('review.rebuttalBody')}
        error={error}
        rows={5}
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <button type="submit" className="primary">
        {t('review.sendRebuttal')}
      </button>
    </form>
  );
}

function Appeals({ item, reload }: { item: ItemView; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const [ground, setGround] = useState('');
  const [statement, setStatement] = useState('');
  const [reasons, setReasons] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const call = async (method: string, url: string, body: unknown) => {
    setError(null);
    try {
      await api(method, url, body);
      reload();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const pending = item.appeals.some((a) => a.state === 'pending');
  const canFile =
    item.viewer === 'applicant' && !pending && ['consensus', 'ranked'].includes(item.round.state);
  return (
    <section aria-labelledby="appeals-title">
      <h2 id="appeals-title">{t('review.appeals')}</h2>
      <ErrorBanner error={error} />
      {item.appeals.map((a: AppealView) => (
        <article key={a.id} className="card">
          <p>
            <strong>{t(`review.grounds.${a.ground}`)}</strong> — {dateTime(a.filedAt, i18n.language)} —{' '}
            {t(`review.appealStates.${a.state}`)}
          </p>
          <p className="prose">{a.statement}</p>
          {a.decisionReasons && (
            <p className="prose">
              {t('review.reasons')}: {a.decisionReasons}
            </p>
          )}
          {item.viewer === 'organizer' && a.state === 'pending' && (
            <form onSubmit={(e) => e.preventDefault()}>
              <TextAreaField
                name="reasons"
                label={t('review.reasons')}
                error={error}
                rows={3}
                value={reasons}
                onChange={(e) => setReasons(e.target.value)}
              />
              <div className="actions">
                <button
                  type="button"
                  onClick={() =>
                    void call('POST', `/api/review-appeals/${a.id}/decide`, { decision: 'upheld', reasons })
                  }
                >
                  {t('review.uphold')}
                </button>
                <button
                  type="button"
                  onClick={() =>
                    void call('POST', `/api/review-appeals/${a.id}/decide`, {
                      decision: 'dismissed',
                      reasons,
                    })
                  }
                >
                  {t('review.dismiss')}
                </button>
              </div>
            </form>
          )}
        </article>
      ))}
      {canFile && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void call('POST', `/api/review-rounds/${item.round.id}/items/${item.proposal.bidId}/appeals`, {
              ground,
              statement,
            });
          }}
        >
          <p>{t('review.appealNote')}</p>
          <SelectField
            name="ground"
            label={t('review.ground')}
            error={error}
            options={[
              { value: '', label: t('review.choose') },
              ...GROUNDS.map((g) => ({ value: g, label: t(`review.grounds.${g}`) })),
            ]}
            value={ground}
            onChange={(e) => setGround(e.target.value)}
          />
          <TextAreaField
            name="statement"
            label={t('review.statement')}
            error={error}
            rows={4}
            value={statement}
            onChange={(e) => setStatement(e.target.value)}
          />
          <button type="submit">{t('review.fileAppeal')}</button>
        </form>
      )}
    </section>
  );
}

/** Before submitting, the expert may decline the item or declare a conflict; only that item is reassigned. */
function LeaveItem({ assignmentId }: { assignmentId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [kind, setKind] = useState('decline');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const path = kind === 'decline' ? 'decline' : 'declare-conflict';
      await api('POST', `/api/review-assignments/${assignmentId}/${path}`, { reason });
      navigate('/reviews');
    } catch (err) {
      setError(toFormError(err));
    }
  };
  return (
    <section aria-labelledby="leave-title">
      <h2 id="leave-title">{t('review.leaveTitle')}</h2>
      <p>{t('review.leaveIntro')}</p>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <SelectField
          name="kind"
          label={t('review.leaveKind')}
          error={error}
          options={[
            { value: 'decline', label: t('review.leaveDecline') },
            { value: 'conflict', label: t('review.leaveConflict') },
          ]}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
        />
        <TextAreaField
          name="reason"
          label={t('review.leaveReason')}
          error={error}
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button type="submit">{t('review.leaveSubmit')}</button>
      </form>
    </section>
  );
}

export function ReviewItemPage() {
  const { roundId, bidId } = useParams();
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [item, setItem] = useState<ItemView | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const load = useCallback(() => {
    api<ItemView>('GET', `/api/review-rounds/${roundId}/items/${bidId}`)
      .then(setItem)
      .catch((e) => setError(toFormError(e)));
  }, [roundId, bidId]);
  useEffect(load, [load]);

  if (error && !item) return <ErrorBanner error={error} />;
  if (!item) return <p aria-busy="true">{t('common.loading')}</p>;
  const p = item.proposal;
  const showReviews = item.viewer !== 'reviewer' || item.myReview?.state === 'submitted';
  return (
    <section>
      <h1>{pick(lang, p.challengeTitleZh, p.challengeTitleEn)}</h1>
      <p>
        {pick(lang, item.round.titleZh, item.round.titleEn)} — {t(`review.roundStates.${item.round.state}`)} —{' '}
        {t('review.due')}: {dateTime(item.round.dueAt, lang)}
        {item.round.overdue && item.myReview?.state !== 'submitted' && item.viewer === 'reviewer' && (
          <strong className="tag error"> {t('review.overdue')}</strong>
        )}
        {item.viewer === 'organizer' && (
          <>
            {' '}
            — <Link to={`/review-rounds/${item.round.id}/ranking`}>{t('review.desk')}</Link>
          </>
        )}
        {item.viewer === 'applicant' && ['ranked', 'closed'].includes(item.round.state) && (
          <>
            {' '}
            — <Link to={`/review-rounds/${item.round.id}/ranking`}>{t('review.ranking')}</Link>
          </>
        )}
      </p>
      <section aria-labelledby="proposal-title">
        <h2 id="proposal-title">{t('review.proposal')}</h2>
        <dl>
          <dt>{t('review.applicant')}</dt>
          <dd>{pick(lang, p.applicantOrgZh, p.applicantOrgEn)}</dd>
          <dt>{t('review.technicalRoute')}</dt>
          <dd className="prose">{p.technicalRoute}</dd>
          <dt>{t('review.budget')}</dt>
          <dd>{yuan(p.budgetFen)}</dd>
          <dt>{t('review.milestones')}</dt>
          <dd>
            <ul>
              {p.milestones.map((m, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: milestones are an ordered list without ids
                <li key={i}>
                  {m.title} {m.due ? `(${m.due})` : ''} — {m.deliverables}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </section>
      {item.viewer === 'reviewer' && item.myReview && (
        <ReviewForm
          item={item}
          onSaved={(next) => {
            setItem(next);
          }}
        />
      )}
      {item.viewer === 'reviewer' && item.myReview && item.myReview.state !== 'submitted' && (
        <LeaveItem assignmentId={item.myReview.assignmentId} />
      )}
      <section aria-labelledby="reviews-title">
        <h2 id="reviews-title">{item.viewer === 'reviewer' ? t('review.others') : t('review.reviews')}</h2>
        {!showReviews ? (
          <p>{t('review.othersHidden')}</p>
        ) : item.viewer === 'applicant' && !item.reviewsReleased ? (
          <p>{t('review.embargo')}</p>
        ) : item.reviews.length === 0 ? (
          <p>{t('review.noReviews')}</p>
        ) : (
          item.reviews.map((r) => <ReviewCard key={r.pseudonym} r={r} rubric={item.rubric} />)
        )}
      </section>
      {item.rebuttal || item.canRebut || item.rebuttalWindow ? (
        <section aria-labelledby="rebuttal-title">
          <h2 id="rebuttal-title">{t('review.rebuttal')}</h2>
          {item.rebuttalWindow && (
            <p>
              {t('review.rebuttalWindow', {
                from: dateTime(item.rebuttalWindow.opensAt, lang),
                to: dateTime(item.rebuttalWindow.closesAt, lang),
              })}
            </p>
          )}
          {item.rebuttal && <p className="prose">{item.rebuttal.body}</p>}
          {item.canRebut && <RebuttalForm item={item} onChange={setItem} />}
        </section>
      ) : null}
      {(item.viewer !== 'reviewer' || item.myReview?.state === 'submitted') && (
        <ConsensusPanel
          key={`${item.consensus?.state}-${item.consensus?.rapporteurPseudonym}`}
          item={item}
          onChange={setItem}
        />
      )}
      {item.viewer !== 'reviewer' && <Appeals item={item} reload={load} />}
    </section>
  );
}

// One challenge: statement, targets and terms for everyone; the workflow actions the server
// offers this viewer; vetting history, objections, bids and task books for those involved.
import { type FormEvent, type ReactNode, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, type FormErrorState, Notice, TextAreaField, toFormError } from '../forms.tsx';
import { hasRole, useSession } from '../session.tsx';
import { Attachments } from './Attachments.tsx';
import { describeRule, type EligibilityRuleView } from './eligibility.i18n.ts';
import { dateTime, pick, yuan } from './format.ts';
import { Facts, StateBadge, TargetsTable } from './parts.tsx';
import './selection.i18n.ts';
import type { BidListItem, Challenge, Objection } from './types.ts';

const EVALUATION = ['evaluating', 'notice', 'awarded'];

export function ChallengeDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [c, setC] = useState<Challenge | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;

  const load = useCallback(async () => setC(await api<Challenge>('GET', `/api/challenges/${id}`)), [id]);
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);

  if (!c) return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;

  const act = async (action: string) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const r = await api<{ state: string }>('POST', `/api/challenges/${id}/actions/${action}`, { comment });
      setComment('');
      setDone(t('challenges.done', { state: t(`challenges.states.${r.state}`) }));
      await load();
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };
  const buttons = c.actions.filter((a) => a !== 'edit');
  // Cancelling a listing people may have bid on needs a reason too (the server refuses without one).
  const cancelNeedsReason = c.state === 'published' || c.state === 'evaluating';
  const needsComment = buttons.some(
    (a) => a === 'return' || a === 'reject' || (a === 'cancel' && cancelNeedsReason),
  );
  const involved = c.relations.length > 0;
  const other = lang === 'en' ? c.titleZh : c.titleEn;

  return (
    <article>
      <p>
        <Link to="/challenges">← {t('challenges.listTitle')}</Link>
      </p>
      <h1>{pick(lang, c.titleZh, c.titleEn)}</h1>
      {other && <p className="subtitle">{other}</p>}
      <p>
        <StateBadge scope="challenges" state={c.state} /> {pick(lang, c.orgNameZh, c.orgNameEn)}
      </p>
      <Facts
        items={[
          [t('challenges.budgetCeiling'), yuan(c.budgetCeilingFen)],
          [t('challenges.cofund'), yuan(c.cofundFen)],
          [t('challenges.deadline'), dateTime(c.deadline, lang)],
          [t('challenges.duration'), t('challenges.durationValue', { n: c.durationMonths })],
          [t('challenges.winners'), `${t(`challenges.modes.${c.mode}`)} × ${c.winnerSlots}`],
          [t('challenges.noticeDays'), c.noticeDays],
          ...(c.noticeEndsAt
            ? [[t('challenges.noticeEndsAt'), dateTime(c.noticeEndsAt, lang)] as [string, string]]
            : []),
          [t('challenges.disciplineCodes'), c.disciplineCodes.join(', ') || '—'],
          [t('challenges.keywords'), c.keywords.join(', ') || '—'],
          [t('challenges.regionCode'), c.regionCode ?? '—'],
          ...(c.fromDemand
            ? [
                [
                  t('challenges.fromDemand'),
                  <Link key="d" to={`/transfer/demands/${c.fromDemand.id}`}>
                    {pick(lang, c.fromDemand.nameZh, c.fromDemand.nameEn)}
                  </Link>,
                ] as [string, ReactNode],
              ]
            : []),
        ]}
      />

      <ErrorBanner error={error} />
      {done && <Notice>{done}</Notice>}

      {(buttons.length > 0 || c.actions.includes('edit')) && (
        <section aria-labelledby="h-actions" className="panel no-print">
          <h2 id="h-actions">{t('challenges.actionsTitle')}</h2>
          {needsComment && (
            <TextAreaField
              label={
                buttons.includes('cancel') && cancelNeedsReason
                  ? t('selection.commentOrCancelReason')
                  : t('challenges.comment')
              }
              name="comment"
              rows={3}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              error={error}
            />
          )}
          <div className="buttons">
            {c.actions.includes('edit') && (
              <Link className="button secondary" to={`/challenges/${c.id}/edit`}>
                {t('challenges.actions.edit')}
              </Link>
            )}
            {buttons.map((a) => (
              <button
                key={a}
                type="button"
                className={a === 'cancel' || a === 'reject' ? 'secondary' : undefined}
                disabled={busy}
                onClick={() => act(a)}
              >
                {t(`challenges.actions.${a}`)}
              </button>
            ))}
          </div>
        </section>
      )}

      {c.state === 'published' && !involved && (
        <p className="no-print">
          {hasRole(session, 'solver') ? (
            <Link className="button" to={`/challenges/${c.id}/bid`}>
              {t('challenges.bid')}
            </Link>
          ) : (
            t('challenges.loginToBid')
          )}
        </p>
      )}

      <section aria-labelledby="h-statement">
        <h2 id="h-statement">{t('challenges.statement')}</h2>
        <div className="statement" lang={lang === 'en' && c.statementEn ? 'en' : 'zh-CN'}>
          {pick(lang, c.statementZh, c.statementEn)}
        </div>
        {(lang === 'en' ? c.statementZh : c.statementEn) && (
          <details>
            <summary>{lang === 'en' ? '中文' : 'English'}</summary>
            <div className="statement" lang={lang === 'en' ? 'zh-CN' : 'en'}>
              {lang === 'en' ? c.statementZh : c.statementEn}
            </div>
          </details>
        )}
      </section>

      <section aria-labelledby="h-targets">
        <h2 id="h-targets">{t('challenges.targets')}</h2>
        <TargetsTable targets={c.targets} caption={t('challenges.targets')} />
      </section>

      <section aria-labelledby="h-ip">
        <h2 id="h-ip">{t('challenges.ipTerms')}</h2>
        <p className="statement">{c.ipTerms || '—'}</p>
        <h3>{t('challenges.eligibility')}</h3>
        {c.eligibility.length === 0 ? (
          <p>{t('challenges.noEligibility')}</p>
        ) : (
          <ul>
            {(c.eligibility as EligibilityRuleView[]).map((r) => (
              <li key={JSON.stringify(r)}>{describeRule(r, t, lang)}</li>
            ))}
          </ul>
        )}
        {(c.ethicsCategories?.length ?? 0) > 0 && (
          <p>
            {t('eligibilityForm.involves', {
              categories: (c.ethicsCategories ?? [])
                .map((k) => t(`eligibilityForm.categories.${k}`))
                .join(lang === 'en' ? ', ' : '、'),
            })}
          </p>
        )}
      </section>

      <Attachments
        items={c.attachments}
        uploadUrl={
          c.relations.includes('owner') && (c.state === 'draft' || c.state === 'returned')
            ? `/api/challenges/${c.id}/attachments`
            : null
        }
        onChange={load}
      />

      {c.vetting.length > 0 && (
        <section aria-labelledby="h-vetting">
          <h2 id="h-vetting">{t('challenges.vettingHistory')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('challenges.at')}</th>
                <th scope="col">{t('challenges.by')}</th>
                <th scope="col">{t('challenges.actionsTitle')}</th>
                <th scope="col">{t('challenges.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {c.vetting.map((v) => (
                <tr key={`${v.at}-${v.action}`}>
                  <td>{dateTime(v.at, lang)}</td>
                  <td>{v.by}</td>
                  <td>{t(`challenges.vettingActions.${v.action}`, { defaultValue: v.action })}</td>
                  <td>{v.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {c.noticeWinners.length > 0 && <NoticeWinners c={c} />}
      {session?.person && c.state === 'notice' && <Objections c={c} />}
      {session?.person && involved && EVALUATION.includes(c.state) && <Bids c={c} onChange={load} />}
      {session?.person && !involved && hasRole(session, 'solver') && <MyBidOn challengeId={c.id} />}

      {c.taskBooks.length > 0 && (
        <section aria-labelledby="h-books">
          <h2 id="h-books">{t('challenges.taskBooks')}</h2>
          <ul>
            {c.taskBooks.map((b, i) => (
              <li key={b.id}>
                <Link to={`/task-books/${b.id}`}>
                  {t('challenges.taskBook')} {i + 1}
                </Link>{' '}
                <StateBadge scope="taskBook" state={b.state} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

/** The public notice (公示): who is intended to win, and until when objections are heard. */
function NoticeWinners({ c }: { c: Challenge }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const title = c.state === 'notice' ? t('selection.noticeTitle') : t('selection.awardedTitle');
  return (
    <section aria-labelledby="h-notice">
      <h2 id="h-notice">{title}</h2>
      {c.state === 'notice' && c.noticeEndsAt && (
        <p>{t('selection.noticeIntro', { end: dateTime(c.noticeEndsAt, lang) })}</p>
      )}
      <table>
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('selection.commander')}</th>
            <th scope="col">{t('selection.hostOrg')}</th>
            <th scope="col">{t('selection.budget')}</th>
            <th scope="col">{t('selection.bidRef')}</th>
          </tr>
        </thead>
        <tbody>
          {c.noticeWinners.map((w) => (
            <tr key={w.bidId}>
              <th scope="row">{pick(lang, w.commanderName, w.commanderNameEn)}</th>
              <td>{pick(lang, w.hostOrgNameZh, w.hostOrgNameEn)}</td>
              <td className="num">{yuan(w.budgetFen)}</td>
              <td>
                <code>{w.bidId.slice(0, 8)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Objections during the public notice: anyone raises one; the organizer resolves each. */
function Objections({ c }: { c: Challenge }) {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<Objection[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<FormErrorState>(null);
  const [ok, setOk] = useState(false);
  const organizer = c.relations.includes('organizer');
  const load = useCallback(
    async () => setList(await api<Objection[]>('GET', `/api/challenges/${c.id}/objections`)),
    [c.id],
  );
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);

  const raise = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setOk(false);
    try {
      await api('POST', `/api/challenges/${c.id}/objections`, { text });
      setText('');
      setOk(true);
      await load();
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const resolve = async (e: FormEvent<HTMLFormElement>, id: string) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(null);
    try {
      await api('POST', `/api/objections/${id}/resolve`, {
        decision: f.get('decision'),
        resolution: f.get('resolution'),
      });
      await load();
    } catch (err) {
      setError(toFormError(err));
    }
  };

  return (
    <section aria-labelledby="h-objections">
      <h2 id="h-objections">{t('challenges.objections')}</h2>
      <p>{t('challenges.objectionsIntro')}</p>
      <ErrorBanner error={error} />
      {ok && <Notice>{t('challenges.objectionRaised')}</Notice>}
      {list.length > 0 && (
        <ul className="plain">
          {list.map((o) => (
            <li key={o.id} className="card">
              <p>
                <span className="badge">{t(`challenges.objectionStates.${o.state}`)}</span>{' '}
                {dateTime(o.createdAt, i18n.language)}
              </p>
              <p className="statement">{o.text}</p>
              {o.resolution && (
                <p>
                  {t('challenges.resolution')}: {o.resolution}
                </p>
              )}
              {organizer && o.state === 'open' && (
                <form onSubmit={(e) => resolve(e, o.id)} className="toolbar">
                  <div className="field">
                    <label htmlFor={`dec-${o.id}`}>{t('challenges.decision')}</label>
                    <select id={`dec-${o.id}`} name="decision" defaultValue="dismissed">
                      <option value="dismissed">{t('challenges.dismissed')}</option>
                      <option value="upheld">{t('challenges.upheld')}</option>
                    </select>
                  </div>
                  <div className="field grow">
                    <label htmlFor={`res-${o.id}`}>{t('challenges.resolution')}</label>
                    <input id={`res-${o.id}`} name="resolution" required />
                  </div>
                  <button type="submit">{t('challenges.resolve')}</button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {!organizer && (
        <form onSubmit={raise}>
          <TextAreaField
            label={t('challenges.objectionText')}
            name="text"
            rows={3}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={error}
          />
          <button type="submit">{t('challenges.raiseObjection')}</button>
        </form>
      )}
    </section>
  );
}

/** Bids once bidding has closed: scores (organizer score, proposer fit), select and deselect. */
function Bids({ c, onChange }: { c: Challenge; onChange: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [bids, setBids] = useState<BidListItem[] | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const organizer = c.relations.includes('organizer');
  const owner = c.relations.includes('owner');
  const evaluating = c.state === 'evaluating';
  const load = useCallback(
    async () =>
      setBids(
        (await api<{ items: BidListItem[] }>('GET', `/api/challenges/${c.id}/bids?pageSize=200`)).items,
      ),
    [c.id],
  );
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);

  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      await Promise.all([load(), onChange()]);
    } catch (err) {
      setError(toFormError(err));
    }
  };
  const score = (e: FormEvent<HTMLFormElement>, bidId: string, kind: 'organizer' | 'proposer_fit') => {
    e.preventDefault();
    const value = Number(new FormData(e.currentTarget).get('score'));
    return run(() => api('POST', `/api/bids/${bidId}/scores`, { kind, score: value }));
  };
  const fmt = (x: number | null) => (x === null ? '—' : x.toFixed(1));
  const ev = bids?.find((b) => b.evaluation)?.evaluation ?? null;
  const expert = ev?.source === 'expert_ranking';

  return (
    <section aria-labelledby="h-bids">
      <h2 id="h-bids">{t('challenges.bids')}</h2>
      <ErrorBanner error={error} />
      {ev && (
        <p>
          {expert && ev.decision
            ? t('selection.expertSource', {
                version: ev.decision.version,
                at: dateTime(ev.decision.decidedAt, i18n.language),
              })
            : t('selection.organizerSource')}
        </p>
      )}
      {!bids ? (
        <p aria-busy="true">{t('common.loading')}</p>
      ) : bids.length === 0 ? (
        <p>{t('challenges.nothing')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('challenges.commander')}</th>
              <th scope="col">{t('challenges.budget')}</th>
              <th scope="col">{t('challenges.submittedAt')}</th>
              <th scope="col">{t('selection.rank')}</th>
              <th scope="col">{expert ? t('selection.calibrated') : t('challenges.organizerScore')}</th>
              <th scope="col">{t('challenges.proposerFit')}</th>
              <th scope="col">{t('bids.state')}</th>
              <th scope="col">{t('challenges.actionsTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {bids.map((b) => (
              <tr key={b.id}>
                <th scope="row">
                  <Link to={`/bids/${b.id}`}>{b.commanderName}</Link>
                </th>
                <td className="num">{yuan(b.budgetFen)}</td>
                <td>{dateTime(b.submittedAt, i18n.language)}</td>
                <td className="num">{b.evaluation?.rank ?? '—'}</td>
                <td className="num">
                  {fmt(b.evaluation ? b.evaluation.score : b.organizerScore)}
                  {expert && b.evaluation?.standardError != null && (
                    <> ± {b.evaluation.standardError.toFixed(1)}</>
                  )}
                </td>
                <td className="num">{fmt(b.proposerFit)}</td>
                <td>
                  <StateBadge scope="bids" state={b.state} />
                </td>
                <td>
                  {evaluating && (organizer || owner) && ['submitted', 'selected'].includes(b.state) && (
                    <form
                      className="inline"
                      onSubmit={(e) => score(e, b.id, organizer ? 'organizer' : 'proposer_fit')}
                    >
                      <label htmlFor={`score-${b.id}`} className="sr-only">
                        {t('challenges.scoreOf', { name: b.commanderName })}
                      </label>
                      <input
                        id={`score-${b.id}`}
                        name="score"
                        type="number"
                        min={0}
                        max={100}
                        step={1}
                        required
                        className="short"
                      />
                      <button type="submit" className="secondary">
                        {t('challenges.saveScore')}
                      </button>
                    </form>
                  )}
                  {evaluating && organizer && b.state === 'submitted' && (
                    <button
                      type="button"
                      onClick={() => run(() => api('POST', `/api/bids/${b.id}/actions/select`))}
                    >
                      {t('challenges.select')}
                    </button>
                  )}
                  {evaluating && organizer && b.state === 'selected' && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => run(() => api('POST', `/api/bids/${b.id}/actions/deselect`))}
                    >
                      {t('challenges.deselect')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A solver's own bid on this challenge, if any. */
function MyBidOn({ challengeId }: { challengeId: string }) {
  const { t } = useTranslation();
  const [mine, setMine] = useState<BidListItem[]>([]);
  useEffect(() => {
    api<{ items: BidListItem[] }>('GET', `/api/challenges/${challengeId}/bids`).then(
      (r) => setMine(r.items),
      () => setMine([]),
    );
  }, [challengeId]);
  if (!mine.length) return null;
  return (
    <section aria-labelledby="h-mybid">
      <h2 id="h-mybid">{t('challenges.myBid')}</h2>
      <ul>
        {mine.map((b) => (
          <li key={b.id}>
            <Link to={`/bids/${b.id}`}>{t('bids.title')}</Link> <StateBadge scope="bids" state={b.state} />
          </li>
        ))}
      </ul>
    </section>
  );
}

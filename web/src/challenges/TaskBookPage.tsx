// The task book (任务书): frozen targets, milestones, tranches and signatures; then milestone
// reports, their review, acceptance target by target and the conclusion.
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, upload } from '../api.ts';
import {
  ErrorBanner,
  Field,
  type FormErrorState,
  Notice,
  SelectField,
  TextAreaField,
  toFormError,
} from '../forms.tsx';
import { type Attachment, Attachments } from './Attachments.tsx';
import './delivery.i18n.ts';
import { dateTime, pick, requirement, toggled, yuan } from './format.ts';
import { Facts, MilestonesTable, StateBadge, TargetsTable } from './parts.tsx';
import { TaskBookRevision } from './TaskBookRevision.tsx';
import type { TaskBook } from './types.ts';

export function TaskBookPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [tb, setTb] = useState<TaskBook | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;
  const load = useCallback(async () => setTb(await api<TaskBook>('GET', `/api/task-books/${id}`)), [id]);
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);
  if (!tb) return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;

  /** Run a request that answers with the task book; show the server's error naming its field. */
  const run = async (fn: () => Promise<TaskBook>) => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      setTb(await fn());
      setDone(true);
      return true;
    } catch (err) {
      setError(toFormError(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const rel = new Set(tb.relations);
  const mySide = rel.has('proposer')
    ? tb.signedByProposer
    : rel.has('commander')
      ? tb.signedByCommander
      : true;
  const judges = (rel.has('proposer') || rel.has('organizer')) && tb.state === 'active';
  const judgement = new Map(tb.judgements.map((j) => [j.targetId, j]));
  const fileNames = new Map(
    [...tb.attachments, ...tb.reports.flatMap((r) => r.attachments)].map((a) => [a.id, a.fileName]),
  );
  const finals = tb.actions.filter((a) => a === 'accept' || a === 'fail_honest' || a === 'fail_misconduct');
  const canFinish = (rel.has('proposer') || rel.has('organizer')) && tb.state === 'active';
  const title = pick(lang, tb.titleZh, tb.titleEn);

  return (
    <article>
      <p>
        <Link to={`/challenges/${tb.challengeId}`}>← {title}</Link>
      </p>
      <h1>{t('taskBook.title', { title })}</h1>
      {tb.state === 'accepted' && rel.has('commander') && (
        <p className="no-print">
          <Link to={`/transfer/achievements/new?taskBook=${tb.id}`}>{t('taskBook.listAsAchievement')}</Link>
        </p>
      )}
      <p className="no-print">
        <Link to={`/instruments/bookings?taskBook=${tb.id}`}>{t('taskBook.instrumentTime')}</Link>
      </p>
      <p>
        <StateBadge scope="taskBook" state={tb.state} />{' '}
        <span className="no-print">
          {t('taskBook.print')}:{' '}
          <a
            href={`/api/task-books/${tb.id}/print?lang=zh-CN`}
            target="_blank"
            rel="noreferrer"
            hrefLang="zh-CN"
          >
            {t('taskBook.printZh')}
          </a>{' '}
          ·{' '}
          <a href={`/api/task-books/${tb.id}/print?lang=en`} target="_blank" rel="noreferrer" hrefLang="en">
            {t('taskBook.printEn')}
          </a>
        </span>
      </p>
      <ErrorBanner error={error} />
      {done && <Notice>{t('taskBook.done')}</Notice>}

      <Facts
        items={[
          [t('taskBook.proposer'), pick(lang, tb.proposerOrg, tb.proposerOrgEn)],
          [t('taskBook.host'), pick(lang, tb.hostOrg, tb.hostOrgEn)],
          [t('challenges.commander'), tb.commanderName],
          [t('bids.budget'), yuan(tb.budgetFen)],
        ]}
      />

      <section aria-labelledby="h-targets">
        <h2 id="h-targets">{t('taskBook.frozen', { digest: tb.targetsDigest.slice(0, 12) })}</h2>
        <TargetsTable targets={tb.targets} caption={t('challenges.targets')} />
      </section>

      <section aria-labelledby="h-ms">
        <h2 id="h-ms">{t('bids.milestones')}</h2>
        <MilestonesTable
          milestones={tb.milestones}
          targets={tb.targets}
          targetsHeader={t('challenges.targets')}
        />
      </section>

      <section aria-labelledby="h-tranches">
        <h2 id="h-tranches">{t('taskBook.tranches')}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('taskBook.label')}</th>
              <th scope="col">{t('taskBook.amount')}</th>
              <th scope="col">{t('taskBook.condition')}</th>
            </tr>
          </thead>
          <tbody>
            {tb.tranches.map((x) => (
              <tr key={x.label}>
                <th scope="row">{x.label}</th>
                <td className="num">{yuan(x.amountFen)}</td>
                <td>{x.condition}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="h-sign">
        <h2 id="h-sign">{t('taskBook.signatures')}</h2>
        <ul className="plain">
          {(['proposer', 'commander'] as const).map((party) => {
            const s = tb.signatures[party];
            return (
              <li key={party}>
                {t(party === 'proposer' ? 'taskBook.signedProposer' : 'taskBook.signedCommander')}:{' '}
                {s
                  ? `✓ ${t('taskBook.signed')} — ${pick(lang, s.name, s.nameEn)}, ${dateTime(s.at, lang)}`
                  : t('taskBook.notSigned')}
              </li>
            );
          })}
        </ul>
        {tb.actions.includes('sign') && !mySide && (
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => api<TaskBook>('POST', `/api/task-books/${tb.id}/sign`))}
          >
            {t('taskBook.sign')}
          </button>
        )}
      </section>

      {tb.actions.includes('revise') && <TaskBookRevision key={tb.revision} tb={tb} onSaved={setTb} />}

      <Attachments
        items={tb.attachments}
        uploadUrl={tb.state === 'active' ? `/api/task-books/${tb.id}/attachments` : null}
        onChange={load}
      />

      <Experts tb={tb} run={run} busy={busy} error={error} />

      <Reports tb={tb} run={run} busy={busy} error={error} reload={() => load().catch(() => {})} />

      {(tb.judgements.length > 0 || judges) && (
        <section aria-labelledby="h-accept">
          <h2 id="h-accept">{t('taskBook.acceptance')}</h2>
          {judges && <p>{t('taskBook.acceptanceIntro')}</p>}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('challenges.metric')}</th>
                <th scope="col">{t('taskBook.requirement')}</th>
                <th scope="col">{t('taskBook.measured')}</th>
                <th scope="col">{t('taskBook.evidence')}</th>
                <th scope="col">{t('taskBook.verifiedBy')}</th>
                <th scope="col">{t('taskBook.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {tb.targets.map((x, i) => {
                const j = judgement.get(x.id);
                return (
                  <tr key={x.id}>
                    <th scope="row">
                      {x.metric}
                      {x.mandatory ? ' *' : ''}
                    </th>
                    <td>{requirement(x)}</td>
                    {judges ? (
                      <td colSpan={3}>
                        <Judge
                          key={`${x.id}-${j?.measured ?? ''}`}
                          index={i}
                          tb={tb}
                          target={x}
                          initial={j}
                          busy={busy}
                          error={error}
                          run={run}
                        />
                      </td>
                    ) : (
                      <>
                        <td className="num">{j?.measured ?? '—'}</td>
                        <td>
                          {j?.evidence ?? ''}
                          {j && j.evidenceAttachmentIds.length > 0 && (
                            <ul>
                              {j.evidenceAttachmentIds.map((fid) => (
                                <li key={fid}>
                                  <a href={`/api/attachments/${encodeURIComponent(fid)}`} download>
                                    {fileNames.get(fid) ?? fid}
                                  </a>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                        <td>
                          {j?.verifierKind ? `${t(`delivery.verifierKinds.${j.verifierKind}`)}: ` : ''}
                          {j?.verifier ?? ''}
                          {j?.verifierReason ? ` (${t('delivery.verifierReason')}: ${j.verifierReason})` : ''}
                        </td>
                      </>
                    )}
                    <td>
                      {j ? (
                        <span className={`badge ${j.met ? 'met' : 'not-met'}`}>
                          {j.met ? `✓ ${t('taskBook.met')}` : `✗ ${t('taskBook.notMet')}`}
                        </span>
                      ) : (
                        t('taskBook.notJudged')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {tb.outcome && (
            <p role="status">
              <strong>{t('taskBook.outcome')}:</strong> {t(`taskBook.outcomes.${tb.outcome}`)}
            </p>
          )}
        </section>
      )}

      {canFinish && finals.length > 0 && (
        <Finish tb={tb} actions={finals} run={run} busy={busy} error={error} />
      )}
    </article>
  );
}

type Run = (fn: () => Promise<TaskBook>) => Promise<boolean>;

function Judge(props: {
  index: number;
  tb: TaskBook;
  target: TaskBook['targets'][number];
  initial: TaskBook['judgements'][number] | undefined;
  busy: boolean;
  error: FormErrorState;
  run: Run;
}) {
  const { t } = useTranslation();
  const { index: i, tb, target: x, initial, run, error, busy } = props;
  const [measured, setMeasured] = useState(initial?.measured ?? '');
  const [evidence, setEvidence] = useState(initial?.evidence ?? '');
  const [kind, setKind] = useState<string>(initial?.verifierKind ?? x.verifier);
  // Empty means "the declared verifier": the server fills in its name.
  const [verifier, setVerifier] = useState(initial?.verifier ?? x.verifierName);
  const [reason, setReason] = useState(initial?.verifierReason ?? '');
  const [cited, setCited] = useState<string[]>(initial?.evidenceAttachmentIds ?? []);
  // The server names the body's field; only the row last submitted shows it.
  const [mine, setMine] = useState(false);
  const err = mine ? error : null;
  const own = (field: string) => (err?.field === field ? { ...err, field: `judge.${i}.${field}` } : null);
  const files = [
    ...tb.attachments,
    ...tb.reports.flatMap((r) =>
      r.attachments.map((a) => ({
        ...a,
        fileName: `${t('taskBook.milestoneNo')} ${r.milestoneNo + 1}: ${a.fileName}`,
      })),
    ),
  ];
  const declared = `${t(`delivery.verifierKinds.${x.verifier}`)}${x.verifierName ? ` — ${x.verifierName}` : ''}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMine(true);
    await run(() =>
      api<TaskBook>('POST', `/api/task-books/${tb.id}/judgements`, {
        targetId: x.id,
        measured,
        evidence,
        verifier,
        verifierKind: kind,
        verifierReason: reason,
        evidenceAttachmentIds: cited,
      }),
    );
  };
  return (
    <form onSubmit={submit} className="inline judge" aria-label={x.metric}>
      <Field
        label={`${t('taskBook.measured')} (${x.unit})`}
        name={`judge.${i}.measured`}
        inputMode="decimal"
        value={measured}
        onChange={(e) => setMeasured(e.target.value)}
        error={own('measured')}
      />
      <Field
        label={t('taskBook.evidence')}
        name={`judge.${i}.evidence`}
        value={evidence}
        onChange={(e) => setEvidence(e.target.value)}
        error={own('evidence')}
      />
      {files.length > 0 && (
        <fieldset>
          <legend>{t('delivery.evidenceCited')}</legend>
          {files.map((f) => (
            <label key={f.id} className="check">
              <input
                type="checkbox"
                checked={cited.includes(f.id)}
                onChange={(e) => setCited(toggled(cited, f.id, e.target.checked))}
              />{' '}
              {f.fileName}
            </label>
          ))}
          {own('evidenceAttachmentIds') && (
            <small className="error" role="alert">
              {err?.message}
            </small>
          )}
        </fieldset>
      )}
      <SelectField
        label={t('delivery.verifierKind')}
        name={`judge.${i}.verifierKind`}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        error={own('verifierKind')}
        options={(['proposer', 'lab', 'panel'] as const).map((v) => ({
          value: v,
          label: t(`delivery.verifierKinds.${v}`),
        }))}
      />
      <Field
        label={t('delivery.verifierName')}
        name={`judge.${i}.verifier`}
        value={verifier}
        hint={t('delivery.declared', { who: declared })}
        onChange={(e) => setVerifier(e.target.value)}
        error={own('verifier')}
      />
      <Field
        label={t('delivery.verifierReason')}
        name={`judge.${i}.verifierReason`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={own('verifierReason')}
      />
      <button type="submit" className="secondary" disabled={busy}>
        {t('taskBook.judge')}
      </button>
    </form>
  );
}

function Reports(props: {
  tb: TaskBook;
  run: Run;
  busy: boolean;
  error: FormErrorState;
  reload: () => void;
}) {
  const { tb, run, busy, error, reload } = props;
  const { t, i18n } = useTranslation();
  const rel = new Set(tb.relations);
  const reviewer =
    (rel.has('proposer') || rel.has('organizer') || rel.has('expert')) && tb.state === 'active';
  const reporter = rel.has('commander') && tb.actions.includes('report');
  const [no, setNo] = useState('0');
  const [summary, setSummary] = useState('');
  const [measured, setMeasured] = useState<Record<string, string>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [files, setFiles] = useState<File[]>([]);
  const [formKey, setFormKey] = useState(0);
  const metric = new Map(tb.targets.map((x) => [x.id, x]));

  const send = async (e: FormEvent) => {
    e.preventDefault();
    const values = Object.fromEntries(Object.entries(measured).filter(([, v]) => v.trim() !== ''));
    const known = new Set(tb.reports.map((r) => r.id));
    const ok = await run(async () => {
      const after = await api<TaskBook>('POST', `/api/task-books/${tb.id}/reports`, {
        milestoneNo: Number(no),
        summary,
        measured: values,
      });
      const created = after.reports.find((r) => !known.has(r.id));
      if (!created || files.length === 0) return after;
      // The report exists now; its evidence files follow one by one (each checked by its bytes).
      for (const f of files) await upload(`/api/reports/${created.id}/attachments`, f);
      return api<TaskBook>('GET', `/api/task-books/${tb.id}`);
    });
    if (ok) {
      setSummary('');
      setMeasured({});
      setFiles([]);
      setFormKey((k) => k + 1);
    } else if (files.length > 0) reload();
  };
  const review = (reportId: string, decision: 'accepted' | 'revise') =>
    run(() =>
      api<TaskBook>('POST', `/api/reports/${reportId}/review`, {
        decision,
        comment: comments[reportId] ?? '',
      }),
    );

  return (
    <section aria-labelledby="h-reports">
      <h2 id="h-reports">{t('taskBook.reports')}</h2>
      {tb.reports.length === 0 ? (
        <p>{t('taskBook.noReports')}</p>
      ) : (
        <ul className="plain">
          {tb.reports.map((r) => (
            <li key={r.id} className="card">
              <h3>
                {t('taskBook.milestoneNo')} {r.milestoneNo + 1}: {tb.milestones[r.milestoneNo]?.title}{' '}
                <span className="badge">
                  {t(`taskBook.reviewStates.${r.reviewState}`, { defaultValue: r.reviewState })}
                </span>
              </h3>
              <p className="muted">{dateTime(r.submittedAt, i18n.language)}</p>
              <p className="statement">{r.summary}</p>
              {Object.keys(r.measured).length > 0 && (
                <ul>
                  {Object.entries(r.measured).map(([k, v]) => (
                    <li key={k}>
                      {metric.get(k)?.metric}: {v} {metric.get(k)?.unit} (
                      {requirement(
                        metric.get(k) ?? { comparator: 'eq', threshold: '', thresholdHigh: null, unit: '' },
                      )}
                      )
                    </li>
                  ))}
                </ul>
              )}
              <ReportEvidence
                report={r}
                canAdd={reporter && r.reviewState === 'pending' && r.reviews.length === 0}
                onAdded={reload}
              />
              <h4>{t('delivery.reviews')}</h4>
              {r.reviews.length === 0 ? (
                <p className="muted">{t('delivery.noReviews')}</p>
              ) : (
                <ul>
                  {r.reviews.map((v) => (
                    <li key={v.reviewerId}>
                      <strong>
                        {t(`delivery.roles.${v.role}`)} {v.reviewerName}
                      </strong>
                      : {t(`delivery.decisions.${v.decision}`)}
                      {v.comment ? ` — ${v.comment}` : ''}{' '}
                      <span className="muted">({dateTime(v.reviewedAt, i18n.language)})</span>
                    </li>
                  ))}
                </ul>
              )}
              {r.reviewState !== 'accepted' && r.awaitingExperts.length > 0 && (
                <p className="muted">
                  {t('delivery.awaitingExperts', { names: r.awaitingExperts.map((x) => x.name).join('、') })}
                </p>
              )}
              {reviewer && r.reviewState !== 'accepted' && (
                <div className="toolbar">
                  <div className="field grow">
                    <label htmlFor={`rc-${r.id}`}>{t('taskBook.reviewComment')}</label>
                    <input
                      id={`rc-${r.id}`}
                      value={comments[r.id] ?? ''}
                      onChange={(e) => setComments({ ...comments, [r.id]: e.target.value })}
                    />
                  </div>
                  <button type="button" disabled={busy} onClick={() => review(r.id, 'accepted')}>
                    {t('taskBook.acceptReport')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() => review(r.id, 'revise')}
                  >
                    {t('taskBook.reviseReport')}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {reporter && (
        <form onSubmit={send} noValidate>
          <fieldset>
            <legend>{t('taskBook.report')}</legend>
            <div className="field">
              <label htmlFor="f-milestoneNo">{t('taskBook.milestoneNo')}</label>
              <select id="f-milestoneNo" value={no} onChange={(e) => setNo(e.target.value)}>
                {tb.milestones.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: milestones are an ordered list without ids
                  <option key={i} value={i}>
                    {i + 1}. {m.title} ({m.due})
                  </option>
                ))}
              </select>
            </div>
            <TextAreaField
              label={t('taskBook.summary')}
              name="summary"
              rows={4}
              value={summary}
              onChange={(e) => setSummary(e.target.value)}
              error={error}
            />
            <div className="grid">
              {tb.targets.map((x) => (
                <Field
                  key={x.id}
                  label={t('taskBook.measuredFor', { metric: x.metric, unit: x.unit || '—' })}
                  name={`measured.${x.id}`}
                  inputMode="decimal"
                  value={measured[x.id] ?? ''}
                  onChange={(e) => setMeasured({ ...measured, [x.id]: e.target.value })}
                  error={error}
                />
              ))}
            </div>
            <div className="field" key={formKey}>
              <label htmlFor="f-report-files">{t('delivery.evidenceChoose')}</label>
              <input
                id="f-report-files"
                name="file"
                type="file"
                multiple
                accept="application/pdf,image/png,image/jpeg"
                aria-describedby="f-report-files-chosen"
                onChange={(e) => setFiles([...(e.target.files ?? [])])}
              />
              <small id="f-report-files-chosen" aria-live="polite">
                {files.length > 0 &&
                  t('delivery.evidenceChosen', { names: files.map((f) => f.name).join(', ') })}
              </small>
              {error?.field === 'file' && (
                <small className="error" role="alert">
                  {error.message}
                </small>
              )}
            </div>
            <button type="submit" disabled={busy}>
              {t('taskBook.submitReport')}
            </button>
          </fieldset>
        </form>
      )}
    </section>
  );
}

interface PoolExpert {
  id: string;
  nameZh: string;
  nameEn: string;
  organisation: string | null;
  active: boolean;
}

/** The experts named to review the delivery; the organizer names more from the pool. */
function Experts({ tb, run, busy, error }: { tb: TaskBook; run: Run; busy: boolean; error: FormErrorState }) {
  const { t } = useTranslation();
  const organizer = tb.relations.includes('organizer') && (tb.state === 'drafting' || tb.state === 'active');
  const [q, setQ] = useState('');
  const [found, setFound] = useState<PoolExpert[] | null>(null);
  const [searchError, setSearchError] = useState<FormErrorState>(null);
  if (!organizer && tb.experts.length === 0) return null;
  const search = async (e: FormEvent) => {
    e.preventDefault();
    setSearchError(null);
    try {
      const r = await api<{ items: PoolExpert[] }>(
        'GET',
        `/api/experts?q=${encodeURIComponent(q)}&pageSize=10`,
      );
      setFound(r.items.filter((x) => x.active && !tb.experts.some((n) => n.id === x.id)));
    } catch (err) {
      setSearchError(toFormError(err));
    }
  };
  const name = async (x: PoolExpert) => {
    const ok = await run(() => api<TaskBook>('POST', `/api/task-books/${tb.id}/experts`, { personId: x.id }));
    if (ok) setFound((list) => list?.filter((y) => y.id !== x.id) ?? null);
  };
  return (
    <section aria-labelledby="h-experts">
      <h2 id="h-experts">{t('delivery.experts')}</h2>
      <p>{t('delivery.expertsIntro')}</p>
      {tb.experts.length === 0 ? (
        <p>{t('delivery.expertsNone')}</p>
      ) : (
        <ul>
          {tb.experts.map((x) => (
            <li key={x.id}>{x.name}</li>
          ))}
        </ul>
      )}
      {organizer && (
        <>
          <form onSubmit={search} className="toolbar">
            <div className="field grow">
              <label htmlFor="f-expert-q">{t('delivery.expertSearch')}</label>
              <input id="f-expert-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
            </div>
            <button type="submit" className="secondary">
              {t('delivery.search')}
            </button>
          </form>
          <ErrorBanner error={searchError} />
          {error?.field === 'personId' && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          {found && found.length === 0 && <p>{t('delivery.noMatches')}</p>}
          {found && found.length > 0 && (
            <ul className="plain">
              {found.map((x) => (
                <li key={x.id}>
                  <button type="button" className="secondary" disabled={busy} onClick={() => name(x)}>
                    {t('delivery.nameExpert', { name: x.nameZh || x.nameEn })}
                  </button>{' '}
                  {x.organisation ?? ''}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}

function Finish(props: { tb: TaskBook; actions: string[]; run: Run; busy: boolean; error: FormErrorState }) {
  const { t } = useTranslation();
  const { tb, actions, run, busy, error } = props;
  const [comment, setComment] = useState('');
  const failing = actions.some((a) => a !== 'accept');
  return (
    <section aria-labelledby="h-final" className="panel">
      <h2 id="h-final">{t('taskBook.final')}</h2>
      {failing && (
        <TextAreaField
          label={t('taskBook.reasons')}
          name="comment"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={error}
        />
      )}
      <div className="buttons">
        {actions.map((a) => (
          <button
            key={a}
            type="button"
            className={a === 'accept' ? undefined : 'secondary'}
            disabled={busy}
            onClick={() =>
              run(() => api<TaskBook>('POST', `/api/task-books/${tb.id}/actions/${a}`, { comment }))
            }
          >
            {t(`taskBook.actions.${a}`)}
          </button>
        ))}
      </div>
    </section>
  );
}

/** A report's evidence files as download links; its commander may add more until the first review. */
function ReportEvidence(props: {
  report: { id: string; attachments: Attachment[] };
  canAdd: boolean;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const { report, canAdd, onAdded } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormErrorState>(null);
  const [ok, setOk] = useState(false);
  const inputId = `evidence-${report.id}`;
  const send = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setOk(false);
    try {
      await upload(`/api/reports/${report.id}/attachments`, file);
      setOk(true);
      onAdded();
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="evidence">
      <h4>{t('delivery.evidence')}</h4>
      {report.attachments.length === 0 ? (
        <p className="muted">{t('delivery.evidenceNone')}</p>
      ) : (
        <ul>
          {report.attachments.map((a) => (
            <li key={a.id}>
              {/* Built from the id only; the server sends it as a download with a safe name. */}
              <a href={`/api/attachments/${encodeURIComponent(a.id)}`} download>
                {a.fileName}
              </a>{' '}
              ({t('delivery.sizeKiB', { n: Math.ceil(a.sizeBytes / 1024) })})
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <div className="field">
          <label htmlFor={inputId}>{t('delivery.addEvidence')}</label>
          <input
            id={inputId}
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            disabled={busy}
            aria-busy={busy}
            onChange={(e) => send(e.target.files?.[0])}
          />
          {busy && <small>{t('delivery.uploading')}</small>}
        </div>
      )}
      <ErrorBanner error={error} />
      {ok && <Notice>{t('delivery.uploaded')}</Notice>}
    </div>
  );
}

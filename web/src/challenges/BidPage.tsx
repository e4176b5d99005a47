// One bid: team and confirmations, route, milestones, budget, the pledge and its signatures,
// and the buttons this viewer may press (confirm, sign as commander or host, submit, withdraw).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api.ts';
import { ErrorBanner, type FormErrorState, Notice, toFormError } from '../forms.tsx';
import { useSession } from '../session.tsx';
import { dateTime, pick, yuan } from './format.ts';
import { Facts, MilestonesTable, StateBadge } from './parts.tsx';
import './selection.i18n.ts';
import type { Bid, Challenge, Target } from './types.ts';

export function BidPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const [b, setB] = useState<Bid | null>(null);
  const [error, setError] = useState<FormErrorState>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [targets, setTargets] = useState<Target[]>([]);
  const lang = i18n.language;
  const challengeId = b?.challengeId;
  useEffect(() => {
    if (challengeId)
      api<Challenge>('GET', `/api/challenges/${challengeId}`).then(
        (c) => setTargets(c.targets),
        () => setTargets([]),
      );
  }, [challengeId]);
  const load = useCallback(async () => setB(await api<Bid>('GET', `/api/bids/${id}`)), [id]);
  useEffect(() => {
    load().catch((e) => setError(toFormError(e)));
  }, [load]);
  if (!b) return error ? <ErrorBanner error={error} /> : <p aria-busy="true">{t('common.loading')}</p>;

  const me = session?.person?.id;
  const commander = me === b.commanderId;
  const member = b.members.find((m) => m.personId === me);
  const hostAdmin = !!session?.roles.some((r) => r.role === 'admin' && r.orgId === b.hostOrgId);
  const draft = b.state === 'draft';
  const run = async (fn: () => Promise<Bid>) => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      setB(await fn());
      setDone(true);
    } catch (err) {
      setError(toFormError(err));
    } finally {
      setBusy(false);
    }
  };
  const post = (path: string, body?: unknown) =>
    run(() => api<Bid>('POST', `/api/bids/${b.id}${path}`, body ?? {}));
  const title = pick(lang, b.challengeTitleZh, b.challengeTitleEn);

  return (
    <article>
      <p>
        <Link to={`/challenges/${b.challengeId}`}>← {title}</Link>
      </p>
      <h1>
        {t('bids.title')}: {title}
      </h1>
      <p>
        <StateBadge scope="bids" state={b.state} />
      </p>
      <ErrorBanner error={error} />
      {done && <Notice>{t('bids.done')}</Notice>}

      <div className="buttons no-print">
        {member && !member.confirmed && draft && (
          <button type="button" disabled={busy} onClick={() => post('/confirm')}>
            {t('bids.confirm')}
          </button>
        )}
        {commander && draft && !b.pledgeSignedByCommander && (
          <button
            type="button"
            disabled={busy}
            onClick={() => post('/sign', { as: 'commander', pledgeVersion: b.pledgeVersion })}
          >
            {t('bids.signCommander')}
          </button>
        )}
        {hostAdmin && draft && !b.pledgeSignedByHost && (
          <button
            type="button"
            disabled={busy}
            onClick={() => post('/sign', { as: 'host', pledgeVersion: b.pledgeVersion })}
          >
            {t('bids.signHost')}
          </button>
        )}
        {b.actions.includes('edit') && (
          <Link className="button secondary" to={`/challenges/${b.challengeId}/bid`}>
            {t('bids.actions.edit')}
          </Link>
        )}
        {b.actions
          .filter((a) => a !== 'edit')
          .map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'withdraw' || a === 'deselect' ? 'secondary' : undefined}
              disabled={busy}
              onClick={() => run(() => api<Bid>('POST', `/api/bids/${b.id}/actions/${a}`))}
            >
              {t(`bids.actions.${a}`)}
            </button>
          ))}
      </div>

      <Facts
        items={[
          [t('challenges.commander'), b.commanderName],
          [t('bids.hostOrgId'), b.hostOrgName],
          [t('bids.budget'), yuan(b.budgetFen)],
          [t('challenges.submittedAt'), dateTime(b.submittedAt, lang)],
        ]}
      />

      <section aria-labelledby="h-team">
        <h2 id="h-team">{t('bids.members')}</h2>
        {b.members.length === 0 ? (
          <p>—</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('bids.memberName')}</th>
                <th scope="col">{t('bids.memberRole')}</th>
                <th scope="col">{t('bids.state')}</th>
              </tr>
            </thead>
            <tbody>
              {b.members.map((m) => (
                <tr key={m.personId}>
                  <th scope="row">
                    {m.name} {m.title && <span className="muted">({m.title})</span>}
                  </th>
                  <td>{m.role}</td>
                  <td>{m.confirmed ? `✓ ${t('bids.confirmed')}` : t('bids.notConfirmed')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="h-route">
        <h2 id="h-route">{t('bids.technicalRoute')}</h2>
        <p className="statement">{b.technicalRoute}</p>
      </section>

      <section aria-labelledby="h-ms">
        <h2 id="h-ms">{t('bids.milestones')}</h2>
        <MilestonesTable milestones={b.milestones} targets={targets} targetsHeader={t('bids.targetValues')} />
      </section>

      <section aria-labelledby="h-pledge">
        <h2 id="h-pledge">
          {t('bids.pledge')}{' '}
          <small className="muted">{t('bids.pledgeVersion', { n: b.pledgeVersion })}</small>
        </h2>
        <h3>{t('bids.commitments')}</h3>
        <p className="statement">{b.pledge.commitments}</p>
        <h3>{t('bids.consequences')}</h3>
        <p className="statement">{b.pledge.consequences}</p>
        <ul className="plain">
          <li>
            {b.pledgeSignedByCommander
              ? `✓ ${t('bids.signedCommander')}`
              : `✗ ${t('bids.unsigned')} (${t('challenges.commander')})`}
          </li>
          <li>
            {b.pledgeSignedByHost
              ? `✓ ${t('bids.signedHost')}`
              : `✗ ${t('bids.unsigned')} (${t('bids.hostOrgId')})`}
          </li>
        </ul>
        <p className="muted">
          {t('selection.pledgeCovers')} <code>{b.pledgeDigest.slice(0, 16)}</code>
        </p>
        {b.pledgeVersions.length > 0 && (
          <table>
            <caption>{t('selection.pledgeHistory')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('selection.pledgeVersionCol')}</th>
                <th scope="col">{t('selection.digest')}</th>
                <th scope="col">{t('challenges.commander')}</th>
                <th scope="col">{t('bids.hostOrgId')}</th>
              </tr>
            </thead>
            <tbody>
              {b.pledgeVersions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">
                    {v.version}
                    {v.version === b.pledgeVersion ? ` (${t('selection.current')})` : ''}
                  </th>
                  <td>
                    <code title={v.digest}>{v.digest.slice(0, 16)}</code>
                  </td>
                  <td>
                    {v.commanderSignedBy !== null
                      ? `${v.commanderSignedBy}, ${dateTime(v.commanderSignedAt, lang)}`
                      : t('bids.unsigned')}
                  </td>
                  <td>
                    {v.hostSignedBy !== null
                      ? `${v.hostSignedBy}, ${dateTime(v.hostSignedAt, lang)}`
                      : t('bids.unsigned')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {b.scores.length > 0 && (
        <section aria-labelledby="h-scores">
          <h2 id="h-scores">{t('bids.scores')}</h2>
          <ul>
            {b.scores.map((s, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: scores have no id in this view
              <li key={i}>
                {s.kind === 'organizer' ? t('challenges.organizerScore') : t('challenges.proposerFit')}:{' '}
                {s.score}
                {s.comment ? ` — ${s.comment}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}

// Personal-data rights (PIPL art. 45): a person downloads everything the platform holds about them
// as JSON — their account, and every row of every table that points at them — secrets left out.
import { type Ctx, inTx } from '../../app/context.ts';
import { AppError, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as accounts from './accounts.repo.ts';
import * as repo from './personal-data.repo.ts';
import './accounts.messages.ts';

/** Rows per table at most (a guard, far above what one person produces). */
const ROW_LIMIT = 10_000;
/** Columns never exported: credentials and the hashes that stand for them. */
const SECRET_COLUMN =
  /(^|_)(password|secret|token)(_|$)|_hash$|^secret_enc$|^session_id$|_digest$|idempotency/;
/** Tables whose rows are credentials, not information about the person. */
const SECRET_TABLES = new Set(['password_reset', 'totp_recovery_code', 'session', 'idempotency_key']);

const redact = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !SECRET_COLUMN.test(k)));

/** Everything about me, as one JSON document; the download itself is audited. */
export async function myData(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  const me = ctx.actor.personId;
  const person = await accounts.findPerson(ctx.db, me);
  if (!person) throw notFound(t('notFound.person'));
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const { table, column } of await repo.personReferences(ctx.db)) {
    if (SECRET_TABLES.has(table)) continue;
    const rows = await repo.rowsOf(ctx.db, table, column, me, ROW_LIMIT);
    if (rows.length) records[`${table}.${column}`] = rows.map(redact);
  }
  const sessions = await accounts.liveSessionsOf(ctx.db, me, ctx.now());
  // Entries about my records too (a membership of mine is audited under the membership's id).
  const recordIds = Object.values(records)
    .flat()
    .map((r) => r.id)
    .filter((id): id is string => typeof id === 'string');
  const audit = await repo.auditAbout(ctx.db, me, recordIds, ROW_LIMIT);
  const now = ctx.now();
  await inTx(ctx, (tx) =>
    recordAudit(tx, ctx.actor, now, { action: 'person.dataExport', objectType: 'person', objectId: me }),
  );
  return {
    exportedAt: now.toISOString(),
    person: redact({ ...person }),
    sessions: sessions.map((s) => ({
      id: s.public_id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      userAgent: s.user_agent,
    })),
    records,
    audit: audit.map((a) => ({
      seq: a.seq,
      at: a.at,
      actorId: a.actor_id,
      action: a.action,
      objectType: a.object_type,
      objectId: a.object_id,
      detail: a.detail,
    })),
  };
}

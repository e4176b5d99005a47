// Retention: what the platform keeps only for a while is deleted on a schedule (the job queue's
// `maintenance.purge`, hourly): idempotency records past their retry window, sessions long ended,
// and rate-limit windows that have closed. Deletes go in batches so no purge holds locks for long.
import { type Kysely, sql } from 'kysely';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import { t } from '../i18n/messages.ts';
import { defineJob } from './queue.ts';

export interface Retention {
  /** An Idempotency-Key is honoured this long after its first use (days). */
  idempotencyDays: number;
  /** A session is kept this long after it ended — logged out, expired or idle (days). */
  sessionDays: number;
}

export const PURGE_JOB = 'maintenance.purge';
const BATCH = 5000;
const DAY = 86_400_000;

export function retentionOf(
  config: Pick<Config, 'retentionIdempotencyDays' | 'retentionSessionDays'>,
): Retention {
  return { idempotencyDays: config.retentionIdempotencyDays, sessionDays: config.retentionSessionDays };
}

/** Deletes the rows `where` selects from `table`, BATCH at a time; returns how many. */
async function deleteInBatches(
  db: Kysely<DB>,
  table: string,
  where: ReturnType<typeof sql>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const r = await sql`DELETE FROM ${sql.table(table)} WHERE ctid IN (
      SELECT ctid FROM ${sql.table(table)} WHERE ${where} LIMIT ${BATCH})`.execute(db);
    const n = Number(r.numAffectedRows ?? 0);
    total += n;
    if (n < BATCH) return total;
  }
}

/** Purges what retention no longer keeps, as of `now`. Safe to run anywhere, any number of times. */
export async function purgeExpired(
  db: Kysely<DB>,
  now: Date,
  retention: Retention,
): Promise<{ idempotency: number; sessions: number; rateLimits: number }> {
  const idemCutoff = new Date(now.getTime() - retention.idempotencyDays * DAY).toISOString();
  const sessionCutoff = new Date(now.getTime() - retention.sessionDays * DAY).toISOString();
  const at = now.toISOString();
  const idempotency = await deleteInBatches(
    db,
    'idempotency_record',
    sql`created_at < ${idemCutoff}::timestamptz`,
  );
  // Ended before the cutoff: revoked, past its absolute expiry, or not seen since (the idle
  // timeout is minutes, the retention days, so a session unseen since the cutoff ended long ago).
  const sessions = await deleteInBatches(
    db,
    'session',
    sql`(revoked_at < ${sessionCutoff}::timestamptz OR expires_at < ${sessionCutoff}::timestamptz
         OR last_seen_at < ${sessionCutoff}::timestamptz)`,
  );
  const rateLimits = await deleteInBatches(db, 'rate_limit_hit', sql`resets_at <= ${at}::timestamptz`);
  return { idempotency, sessions, rateLimits };
}

defineJob<Record<string, never>>({
  name: PURGE_JOB,
  title: t('jobs.purge'),
  options: { retryLimit: 2, retryDelay: 300, retryBackoff: true },
  cron: '17 * * * *',
  async handle(_jobs, env) {
    await purgeExpired(env.db, env.now(), retentionOf(env.config));
  },
});

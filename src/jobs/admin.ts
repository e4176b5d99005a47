// The admin's view of the job queue: queues with their jobs counted by state, the latest failed
// jobs with their error, and retrying one (audited).
import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Ctx } from '../app/context.ts';
import type { DB } from '../db/schema.ts';
import { notFound } from '../errors.ts';
import type { Locale } from '../i18n/locale.ts';
import { render, t } from '../i18n/messages.ts';
import { recordAudit } from '../modules/audit/audit.service.ts';
import { requireAdmin } from '../modules/notifications/notifications.service.ts';
import { bossDb, jobDefs, SCHEMA } from './queue.ts';

export interface QueueSummary {
  name: string;
  /** The queue's title in the reader's language. */
  title: string;
  created: number;
  retry: number;
  active: number;
  completed: number;
  failed: number;
  cancelled: number;
}

/** A queue's title from its definition; a queue no code defines any more keeps its name. */
const titleOf = (name: string, locale: Locale) => {
  const def = jobDefs().find((d) => d.name === name);
  return def ? render(def.title, locale) : name;
};

const STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;

export async function queueSummary(db: Kysely<DB>, locale: Locale): Promise<QueueSummary[]> {
  const rows = await sql<{ name: string; state: string | null; n: number }>`
    SELECT q.name, j.state::text AS state, count(j.id)::int AS n
    FROM ${sql.raw(SCHEMA)}.queue q LEFT JOIN ${sql.raw(SCHEMA)}.job j ON j.name = q.name
    WHERE q.name NOT LIKE '\\_\\_pgboss%'
    GROUP BY q.name, j.state ORDER BY q.name`.execute(db);
  const out = new Map<string, QueueSummary>();
  for (const r of rows.rows) {
    const s = out.get(r.name) ?? {
      name: r.name,
      title: titleOf(r.name, locale),
      created: 0,
      retry: 0,
      active: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
    };
    out.set(r.name, s);
    const state = STATES.find((x) => x === r.state);
    if (state) s[state] = r.n;
  }
  return [...out.values()];
}

export async function failedJobs(db: Kysely<DB>, locale: Locale) {
  const rows = await sql<{
    id: string;
    name: string;
    retry_count: number;
    output: unknown;
    created_on: Date;
    completed_on: Date | null;
  }>`
    SELECT id, name, retry_count, output, created_on, completed_on FROM ${sql.raw(SCHEMA)}.job
    WHERE state = 'failed' ORDER BY completed_on DESC NULLS LAST LIMIT 100`.execute(db);
  const errorOf = (o: unknown) => {
    if (o && typeof o === 'object' && 'message' in o) return String((o as { message: unknown }).message);
    return o ? JSON.stringify(o).slice(0, 500) : '';
  };
  return {
    queues: await queueSummary(db, locale),
    failed: rows.rows.map((r) => ({
      id: r.id,
      queue: r.name,
      title: titleOf(r.name, locale),
      retryCount: r.retry_count,
      error: errorOf(r.output),
      createdAt: r.created_on.toISOString(),
      completedAt: r.completed_on?.toISOString() ?? null,
    })),
  };
}

let boss: PgBoss | undefined;
/** Retries a failed job: it goes back to 'retry' with one more attempt allowed. */
export async function retryJob(ctx: Ctx, queue: string, id: string): Promise<{ retried: true }> {
  const actor = requireAdmin(ctx.actor);
  const now = ctx.now();
  boss ??= new PgBoss({
    schema: SCHEMA,
    db: { executeSql: () => Promise.reject(new Error('explicit db')) },
  } as never);
  return ctx.db.transaction().execute(async (tx) => {
    const r = (await boss!.retry(queue, id, { db: bossDb(tx) } as never)) as unknown as { affected: number };
    if (!r.affected) throw notFound(t('notify.jobNotFound'));
    await recordAudit(tx, actor, now, {
      action: 'job.retry',
      objectType: 'job',
      objectId: id,
      detail: { queue },
    });
    return { retried: true as const };
  });
}

// The durable job queue: pg-boss 10 over the application's own pool (decision 0030). Jobs are
// rows in schema pgboss; a job sent with a transaction's executor exists only if that transaction
// commits. Every instance started with a runner works every queue: pg-boss hands each job to one
// worker (SELECT … FOR UPDATE SKIP LOCKED), retries failures with backoff, and fails or retries a
// job whose worker died once its expiry passes. Handlers must be idempotent (they are re-run after
// a crash): the notification and assignment handlers claim their rows before doing anything.

import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Tx } from '../app/context.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/db.ts';
import type { DB } from '../db/schema.ts';
import type { Msg } from '../i18n/messages.ts';

export const SCHEMA = 'pgboss';

export interface JobEnv {
  db: Kysely<DB>;
  config: Config;
  /** The application's clock (tests move it); pg-boss itself schedules on the database's clock. */
  now: () => Date;
  /** The queue's own handle: handlers send follow-up jobs, fail stalled ones. */
  queue: JobRunner;
}

export interface QueueOptions {
  retryLimit: number;
  retryDelay: number;
  retryBackoff: boolean;
  /** A job still active after this long is taken as dead (its instance stopped) and retried;
   * default: the configured JOB_EXPIRE_SECONDS. */
  expireInSeconds?: number;
}

export interface JobDef<T> {
  name: string;
  /** What the queue does, as the admin's job page names it. */
  title: Msg;
  options: QueueOptions;
  /** Jobs fetched per call (one handler call gets them all: one SMTP connection, one query…). */
  batchSize?: number;
  /** Cron (UTC) for a recurring job; at most one instance enqueues each tick. */
  cron?: string;
  handle(jobs: { id: string; data: T }[], env: JobEnv): Promise<void>;
}

const defs = new Map<string, JobDef<unknown>>();

/** Declare a queue and its handler (at import time of the module that owns the work). */
export function defineJob<T>(def: JobDef<T>): JobDef<T> {
  if (defs.has(def.name)) throw new Error(`job ${def.name} defined twice`);
  defs.set(def.name, def as JobDef<unknown>);
  return def;
}

export function jobDefs(): JobDef<unknown>[] {
  return [...defs.values()];
}

type Executor = Kysely<DB> | Tx;

/** pg-boss's database adapter over a Kysely executor (the pool, or one transaction). */
export function bossDb(q: Executor) {
  return {
    executeSql: async (text: string, values?: unknown[]) =>
      q.executeQuery(CompiledQuery.raw(text, (values ?? []) as unknown[])),
  };
}

// Sending needs no started instance: pg-boss only inserts rows through the executor it is given.
let sender: PgBoss | undefined;
function senderBoss(): PgBoss {
  sender ??= new PgBoss({
    schema: SCHEMA,
    db: {
      executeSql: () => {
        throw new Error('jobs are sent through an explicit executor');
      },
    },
  } as unknown as PgBoss.ConstructorOptions);
  return sender;
}

async function ensureQueue(q: Executor, name: string): Promise<void> {
  // Options of a queue this process has not loaded the handler of: a runner applies the real ones on start.
  const options = defs.get(name)?.options ?? {};
  await sql`SELECT ${sql.raw(SCHEMA)}.create_queue(${name}, ${JSON.stringify({ policy: 'standard', ...options })}::json)`.execute(
    q,
  );
}

/**
 * Enqueue jobs through `q`: inside a transaction they exist only if it commits. Returns the ids.
 * The queue is created on first use if no runner has created it yet.
 */
export async function enqueue<T extends object>(
  q: Executor,
  name: string,
  items: T[],
  opts: { startAfter?: Date; singletonKey?: string } = {},
): Promise<string[]> {
  if (items.length === 0) return [];
  const jobs = items.map((data) => ({
    id: randomUUID(),
    name,
    data,
    ...(opts.startAfter ? { startAfter: opts.startAfter.toISOString() } : {}),
    ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
  }));
  // pg-boss's insert returns nothing: count the rows it wrote to notice a queue that is missing.
  let affected = 0;
  const db = {
    executeSql: async (text: string, values?: unknown[]) => {
      const r = await q.executeQuery(CompiledQuery.raw(text, (values ?? []) as unknown[]));
      affected = Number(r.numAffectedRows ?? 0);
      return r;
    },
  };
  const boss = senderBoss();
  await boss.insert(jobs as PgBoss.JobInsert[], { db } as never);
  if (affected < jobs.length) {
    await ensureQueue(q, name);
    await boss.insert(jobs as PgBoss.JobInsert[], { db } as never);
    if (affected < jobs.length && !opts.singletonKey)
      throw new Error(`job ${name}: ${jobs.length - affected} of ${jobs.length} not enqueued`);
  }
  return jobs.map((j) => j.id);
}

/**
 * Starts pg-boss on the shared pool, creates every defined queue, works each one, and schedules
 * the recurring ones. `stop()` waits for running handlers (bounded) and leaves the pool open.
 */
export class JobRunner {
  /** The running pg-boss and its state; pg-boss 10 cannot be restarted (a second start leaks its
   * maintenance timers), so every start makes a new one. */
  private current: { boss: PgBoss; stopping: boolean; closed: boolean } | null = null;

  constructor(
    private readonly database: Database,
    private readonly opts: {
      config: Config;
      now: () => Date;
    },
  ) {}

  get env(): JobEnv {
    return { db: this.database.db, config: this.opts.config, now: this.opts.now, queue: this };
  }

  async start(): Promise<void> {
    if (this.current) return;
    const state = { stopping: false, closed: false } as { boss: PgBoss; stopping: boolean; closed: boolean };
    const boss = new PgBoss({
      schema: SCHEMA,
      // After stop() nothing of pg-boss may reach the pool, which its owner may end next: a late
      // timer or a handler finishing after the wait gets an empty answer instead of a rejection.
      db: {
        executeSql: (text: string, values?: unknown[]) =>
          state.closed ? Promise.resolve({ rows: [], rowCount: 0 }) : this.database.pool.query(text, values),
      },
      // PGlite is one session: keep pg-boss's own housekeeping light and infrequent.
      supervise: true,
      schedule: this.opts.config.jobSchedules,
      migrate: true,
      monitorStateIntervalSeconds: 60,
      maintenanceIntervalSeconds: this.opts.config.jobMaintenanceSeconds,
    } as unknown as PgBoss.ConstructorOptions);
    boss.on('error', (err) => {
      // A database hiccup during a poll: pg-boss polls again; never take the process down.
      if (!state.stopping) console.error(`job queue: ${(err as Error).message}`);
    });
    state.boss = boss;
    this.current = state;
    await boss.start();
    const poll = this.opts.config.jobPollSeconds;
    for (const def of defs.values()) {
      const options = {
        name: def.name,
        policy: 'standard',
        ...def.options,
        expireInSeconds: def.options.expireInSeconds ?? this.opts.config.jobExpireSeconds,
      };
      await boss.createQueue(def.name, options as never);
      await boss.updateQueue(def.name, options as never);
      await boss.work(
        def.name,
        { batchSize: def.batchSize ?? 1, pollingIntervalSeconds: poll, includeMetadata: false } as never,
        async (jobs: PgBoss.Job<unknown>[]) => def.handle(jobs, this.env),
      );
      if (def.cron && this.opts.config.jobSchedules)
        await boss.schedule(def.name, def.cron, {}, { tz: 'UTC' } as never);
    }
  }

  /** Stops fetching, waits (up to `timeoutMs`) for running handlers; the pool stays open. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const state = this.current;
    if (!state) return;
    state.stopping = true;
    await state.boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs } as never);
    state.closed = true;
    this.current = null;
  }

  send<T extends object>(name: string, data: T, q?: Executor): Promise<string[]> {
    return enqueue(q ?? this.database.db, name, [data]);
  }
}

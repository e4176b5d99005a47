// A @fastify/rate-limit store in PostgreSQL, so every app instance counts against the same
// limit (the library's default store is a per-process LRU: two instances would each allow `max`).
// Fixed windows, one upsert per hit, timed by the database clock so instances never disagree.
// The table is UNLOGGED: counters need no crash durability, and hits cost no WAL flush.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';

type Callback = (err: Error | null, res?: { current: number; ttl: number }) => void;

interface RouteParams {
  routeInfo?: { method?: string | string[]; url?: string };
}

/** Every so many hits, one instance deletes windows that ended (bounded table, no sweeper job). */
const SWEEP_EVERY = 1000;

/** The store class @fastify/rate-limit instantiates (`store: pgRateLimitStore(db)`). */
export function pgRateLimitStore(db: Kysely<DB>) {
  let hits = 0;
  return class PgRateLimitStore {
    constructor(
      _params?: unknown,
      private readonly prefix = '',
    ) {}

    incr(key: string, cb: Callback, timeWindow: number) {
      incrementHit(db, this.prefix + key, timeWindow).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
      if (++hits % SWEEP_EVERY === 0) sweepRateLimits(db).catch(() => {});
    }

    read(key: string, cb: Callback) {
      readHit(db, this.prefix + key).then(
        (r) => cb(null, r),
        (err: Error) => cb(err),
      );
    }

    /** One namespace per route, as the library's own stores do. */
    child(params: object) {
      // The library passes its merged route settings, which carry the route as `routeInfo`.
      const route = (params as RouteParams).routeInfo;
      const method = [route?.method ?? ''].flat().join(',');
      return new PgRateLimitStore(undefined, `${this.prefix}${method} ${route?.url ?? ''}|`);
    }
  };
}

/** The database clock, or a given instant (tests: windows opened and ended without waiting). */
const clock = (at?: Date) => (at ? sql`${at.toISOString()}::timestamptz` : sql`clock_timestamp()`);

/** Count one hit in the current window (starting a new window if the last one ended). */
export async function incrementHit(db: Kysely<DB>, key: string, windowMs: number, at?: Date) {
  const now = clock(at);
  const r = await sql<{ hits: number; ttl: number }>`
    INSERT INTO rate_limit_hit AS h (key, hits, resets_at)
    VALUES (${key}, 1, ${now} + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN h.resets_at <= ${now} THEN 1 ELSE h.hits + 1 END,
      resets_at = CASE WHEN h.resets_at <= ${now} THEN excluded.resets_at ELSE h.resets_at END
    RETURNING hits, GREATEST(0, (extract(epoch FROM resets_at - ${now}) * 1000))::float8 AS ttl`.execute(db);
  const row = r.rows[0];
  return { current: row.hits, ttl: Math.ceil(row.ttl) };
}

async function readHit(db: Kysely<DB>, key: string) {
  const r = await sql<{ hits: number; ttl: number }>`
    SELECT hits, (extract(epoch FROM resets_at - clock_timestamp()) * 1000)::float8 AS ttl
    FROM rate_limit_hit WHERE key = ${key} AND resets_at > clock_timestamp()`.execute(db);
  const row = r.rows[0];
  return row ? { current: row.hits, ttl: Math.ceil(row.ttl) } : { current: 0, ttl: 0 };
}

/** Delete the counters of windows that have ended (by the database clock, or at `at`). */
export async function sweepRateLimits(db: Kysely<DB>, at?: Date): Promise<number> {
  const r = await sql`DELETE FROM rate_limit_hit WHERE resets_at <= ${clock(at)}`.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

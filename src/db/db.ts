// Connection to the one database: embedded PGlite (a data directory) or a PostgreSQL
// server (DATABASE_URL). Both sit behind a node-postgres Pool so Kysely, migrations and
// every query are the same.
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type TransactionBuilder } from 'kysely';
import pg from 'pg';
import { acquireDirLock, type DirLock } from './lock.ts';
import { migrateToLatest } from './migrate.ts';
import type { DB } from './schema.ts';

export type DbKind = 'pglite' | 'postgres';

export interface Database {
  kind: DbKind;
  db: Kysely<DB>;
  pool: pg.Pool;
  /** Present in embedded mode; tests use it to snapshot and restore. */
  pglite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… : use that server. */
  url?: string;
  /** PGlite data directory (embedded mode); `memory://` for a throwaway one. */
  dataDir?: string;
  /** PGlite: start from a dumped data directory (tests, restore). */
  loadDataDir?: Blob | File;
  /** Run migrations before returning (default true). */
  migrate?: boolean;
  /** Switch to the least-privilege application role after migrating (default true). */
  appRole?: boolean;
}

export const APP_ROLE = 'jiebang_app';

/** PostgreSQL's answers that mean "run the whole transaction again": a deadlock victim, a serialization failure. */
export const isRetryable = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
};
/** How many times a transaction is run before its deadlock or serialization failure is answered. */
export const TX_ATTEMPTS = 5;

function retrying<D>(builder: TransactionBuilder<D>): TransactionBuilder<D> {
  return new Proxy(builder, {
    get(target, prop) {
      if (prop === 'execute')
        return async <T>(fn: Parameters<TransactionBuilder<D>['execute']>[0]): Promise<T> => {
          for (let attempt = 1; ; attempt++) {
            try {
              return (await target.execute(fn)) as T;
            } catch (err) {
              if (!isRetryable(err) || attempt >= TX_ATTEMPTS) throw err;
              // Rolled back already; wait a little (growing, jittered) so the racers spread out.
              await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** attempt));
            }
          }
        };
      if (prop === 'setAccessMode' || prop === 'setIsolationLevel')
        return (v: never) => retrying(target[prop](v));
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/**
 * Kysely whose transactions are retried, a bounded number of times (TX_ATTEMPTS), when PostgreSQL
 * picks them as a deadlock victim or cannot serialise them: every `db.transaction().execute(fn)`
 * runs `fn` again from the start, so such a race never surfaces as an error unless it persists.
 * (Inside a transaction, `fn` must only write to the database: anything else would happen twice.)
 */
export class RetryingKysely<D> extends Kysely<D> {
  override transaction(): TransactionBuilder<D> {
    return retrying(super.transaction());
  }
}

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/** int8 → number, refusing values JavaScript cannot hold exactly (money is fen, far below 2^53). */
function parseInt8(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`int8 value ${v} exceeds the safe integer range`);
  return n;
}

/** Explicit type parsers: int8 exact or error, numeric kept as text, dates kept as 'YYYY-MM-DD'. */
export const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8) return parseInt8;
    if (oid === NUMERIC) return (v: string) => v;
    if (oid === DATE) return (v: string) => v;
    // biome-ignore lint/suspicious/noExplicitAny: pg's overloads are not expressible here
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

export async function openDatabase(opts: OpenOptions = {}): Promise<Database> {
  const migrate = opts.migrate ?? true;
  const appRole = opts.appRole ?? true;
  if (opts.url) {
    const owner = new pg.Pool({ connectionString: opts.url, types: typeParsers, max: 1 });
    if (migrate)
      await migrateToLatest(new Kysely<DB>({ dialect: new PostgresDialect({ pool: owner }) }), false);
    const canSetRole = appRole && (await memberOfAppRole(owner));
    await owner.end();
    const pool = new pg.Pool({
      connectionString: opts.url,
      types: typeParsers,
      max: Number(process.env.DB_POOL_MAX ?? 10),
      options: `-c TimeZone=UTC${canSetRole ? ` -c role=${APP_ROLE}` : ''}`,
    });
    // An idle connection can die (server restart, admin termination): the pool replaces it;
    // without a listener node-postgres would take the whole process down.
    pool.on('error', (err) => console.error(`database connection lost: ${err.message}`));
    // A connection checked out by a request can die too (PostgreSQL killed between two queries of a
    // transaction): the request then fails on its next query and the pool drops the connection;
    // the error event itself must not take the process down.
    pool.on('connect', (client) => {
      client.on('error', (err) => console.error(`database connection lost in use: ${err.message}`));
    });
    const db = new RetryingKysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { kind: 'postgres', db, pool, close: () => db.destroy() };
  }

  const dataDir = opts.dataDir ?? './data';
  let lock: DirLock | undefined;
  if (!dataDir.startsWith('memory://')) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDirLock(dataDir);
  }
  const pglite = await PGlite.create({
    // With loadDataDir the dump is unpacked into the data directory (PGlite refuses one that holds a database).
    dataDir: dataDir.startsWith('memory://') ? undefined : `${dataDir}/pg`,
    loadDataDir: opts.loadDataDir,
    // Exclusion constraints over (instrument, time range) need btree_gist's equality on uuid.
    extensions: { btree_gist },
  });
  // PGlite is one session: exactly one pool over it, shared by everyone.
  const pool = new pg.Pool({ ...createPgConfig(pglite), types: typeParsers, max: 1 });
  const db = new RetryingKysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await pglite.exec(`SET TimeZone = 'UTC'`);
  if (migrate) await migrateToLatest(db, true);
  if (appRole && (await memberOfAppRole(pool))) await pglite.exec(`SET ROLE ${APP_ROLE}`);
  return {
    kind: 'pglite',
    db,
    pool,
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
      lock?.release();
    },
  };
}

async function memberOfAppRole(pool: pg.Pool): Promise<boolean> {
  const r = await pool.query(
    `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER') AS ok`,
    [APP_ROLE],
  );
  return r.rows[0]?.ok === true;
}

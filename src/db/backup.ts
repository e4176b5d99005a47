// Backup and restore of the one database, on either backend. PGlite: the data directory as PGlite
// dumps it (a gzipped tar), taken under the directory lock, so the server must be stopped.
// PostgreSQL: pg_dump's custom format, restored by pg_restore in one transaction. A restore only
// ever goes into an empty target (an empty data directory, a database without tables).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { APP_ROLE, openDatabase } from './db.ts';

export interface Target {
  /** postgres://… : that server's database. */
  url?: string;
  /** Else the PGlite data directory. */
  dataDir: string;
}

export type BackupKind = 'pglite' | 'postgres';

/** What a backup file holds, from its first bytes: pg_dump's custom format or a gzipped PGlite directory. */
export function backupKind(head: Uint8Array): BackupKind | null {
  if (Buffer.from(head.subarray(0, 5)).toString('latin1') === 'PGDMP') return 'postgres';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return null;
}

/** The PostgreSQL client tool `name`: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin, else PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.PG_BIN) return join(process.env.PG_BIN, name);
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(base, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(base, versions[0], 'bin', name);
  }
  return name;
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    p.stderr.on('data', (d) => {
      err += String(d);
    });
    p.on('error', (e) => reject(new Error(`${cmd}: ${e.message}`)));
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim().slice(-2000)}`)),
    );
  });
}

/** Writes a backup of `from` to `out` (written beside it first, then renamed: never half a file). */
export async function backupDatabase(
  from: Target,
  out: string,
): Promise<{ kind: BackupKind; bytes: number }> {
  const partial = `${out}.partial`;
  if (from.url) {
    await run(pgTool('pg_dump'), [
      '--format=custom',
      '--no-owner',
      `--file=${partial}`,
      `--dbname=${from.url}`,
    ]);
    renameSync(partial, out);
    return { kind: 'postgres', bytes: statSync(out).size };
  }
  if (!existsSync(join(from.dataDir, 'pg', 'PG_VERSION')))
    throw new Error(`no database in ${from.dataDir} to back up`);
  // The data directory's lock keeps a running server (or another command) out while it is read.
  const database = await openDatabase({ dataDir: from.dataDir, migrate: false, appRole: false });
  try {
    // Everything committed is written into the data files before they are copied.
    await database.pglite!.exec('CHECKPOINT');
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await database.close();
  }
  renameSync(partial, out);
  return { kind: 'pglite', bytes: statSync(out).size };
}

/** Tables, views and sequences of the target outside PostgreSQL's own schemas: a restore needs none. */
async function serverObjects(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
    );
    // GRANTs in the dump name the application role; it is cluster-wide, so a new server needs it first.
    await c.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF;
    END $$`);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
}

/** Restores the backup `file` into the empty target `to`; refuses a target that holds anything. */
export async function restoreDatabase(to: Target, file: string): Promise<{ kind: BackupKind }> {
  const head = readFileSync(file).subarray(0, 8);
  const kind = backupKind(head);
  if (!kind) throw new Error(`${file} is not a Jiebang backup (neither a pg_dump archive nor a PGlite dump)`);
  const targetKind: BackupKind = to.url ? 'postgres' : 'pglite';
  if (kind !== targetKind)
    throw new Error(
      kind === 'pglite'
        ? `${file} is a PGlite backup: restore it into a data directory (--data-dir, without DATABASE_URL); to move to PostgreSQL use \`jiebang db move\``
        : `${file} is a PostgreSQL backup: restore it with DATABASE_URL set to an empty database`,
    );
  if (to.url) {
    const n = await serverObjects(to.url);
    if (n > 0)
      throw new Error(`the target database is not empty (${n} tables, views or sequences): restore refused`);
    await run(pgTool('pg_restore'), [
      '--exit-on-error',
      '--single-transaction',
      '--no-owner',
      `--dbname=${to.url}`,
      file,
    ]);
    return { kind };
  }
  const pgDir = join(to.dataDir, 'pg');
  if (existsSync(pgDir) && readdirSync(pgDir).length > 0)
    throw new Error(`the data directory ${to.dataDir} already holds a database: restore refused`);
  const database = await openDatabase({
    dataDir: to.dataDir,
    loadDataDir: new Blob([readFileSync(file)]),
    migrate: false,
    appRole: false,
  });
  // Written through to the directory before it is closed.
  await database.pglite!.exec('CHECKPOINT');
  await database.close();
  return { kind };
}

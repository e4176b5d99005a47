// A throwaway PostgreSQL 15 server on loopback for the surge and crash benchmarks, with default
// durability (fsync, synchronous_commit on), as scripts/with-postgres.sh starts it; plus kill -9
// of the postmaster and a restart with crash recovery, and pgbench against it.
import { execFile, spawn } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

/** A free TCP port on loopback, from the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

/** postgres refuses to run as root: run its tools as the postgres user when we are root. */
function asPostgres(cmd: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface PgServer {
  url: string;
  port: number;
  dir: string;
  /** Start (again) after a stop or a kill; waits until it accepts connections (crash recovery included). */
  start(): Promise<void>;
  /** kill -9 the postmaster; its backends exit on their own when they notice. */
  kill9(): number;
  stop(): Promise<void>;
  /** Stop and remove every file. */
  destroy(): Promise<void>;
  /** Run pgbench against database `db` with these arguments; returns its stdout. */
  pgbench(db: string, args: string[]): Promise<string>;
  urlFor(db: string): string;
}

export async function startPostgres(opts: { maxConnections?: number } = {}): Promise<PgServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'jb-surge-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const [c, a] = asPostgres(`${PGBIN}/initdb`, [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  await run(c, a);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    `-c max_connections=${opts.maxConnections ?? 200}`,
  ].join(' ');
  const url = `postgres://postgres@127.0.0.1:${port}/jiebang`;
  const pg: PgServer = {
    url,
    port,
    dir,
    urlFor: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    async start() {
      // After a kill -9 the old backends may still hold the shared memory for a moment:
      // pg_ctl then fails ("pre-existing shared memory block is still in use"); try again.
      for (let attempt = 0; ; attempt++) {
        const [cmd, args] = asPostgres(`${PGBIN}/pg_ctl`, [
          '-D',
          data,
          '-l',
          join(dir, 'server.log'),
          '-w',
          '-t',
          '120',
          '-o',
          options,
          'start',
        ]);
        try {
          await run(cmd, args);
          return;
        } catch (err) {
          if (attempt >= 50) throw err;
          await sleep(200);
        }
      }
    },
    kill9() {
      const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      process.kill(pid, 'SIGKILL');
      return pid;
    },
    async stop() {
      const [cmd, args] = asPostgres(`${PGBIN}/pg_ctl`, ['-D', data, '-m', 'fast', '-w', 'stop']);
      await run(cmd, args).catch(() => {});
    },
    async destroy() {
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
    async pgbench(db, args) {
      const [cmd, a] = asPostgres(`${PGBIN}/pgbench`, [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-U',
        'postgres',
        ...args,
        db,
      ]);
      return new Promise((resolve, reject) => {
        const child = spawn(cmd, a, { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => {
          out += d;
        });
        child.stderr.on('data', (d) => {
          err += d;
        });
        child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench: ${err || out}`))));
      });
    },
  };
  await pg.start();
  const [cc, ca] = asPostgres(`${PGBIN}/createdb`, [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-U',
    'postgres',
    'jiebang',
  ]);
  await run(cc, ca);
  return pg;
}

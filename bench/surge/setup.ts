// Shared by the surge and crash runs: a fresh PostgreSQL, the cast seeded through the services,
// N server instances on it, and every solver and member logged in over HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/db.ts';
import { type AppServer, appServer } from './app.ts';
import { loginAll, type Solver } from './flow.ts';
import { startPostgres } from './pg.ts';
import { type Cast, PASSWORD, seedCast } from './seed.ts';

export interface Rig {
  pg: Awaited<ReturnType<typeof startPostgres>>;
  database: Awaited<ReturnType<typeof openDatabase>>;
  cast: Cast;
  servers: AppServer[];
  bases: string[];
  solvers: Solver[];
  members: Solver[];
  logDir: string;
  close(): Promise<void>;
}

export const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 23)}] ${line}`);

export function flag(args: string[], name: string, def: string): string {
  const i = args.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < args.length) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : def;
}

export async function buildRig(opts: { instances: number; solvers: number; members: number }): Promise<Rig> {
  const t0 = performance.now();
  const pg = await startPostgres();
  log(`PostgreSQL 15 on ${pg.url} (data in ${pg.dir}; fsync and synchronous_commit at their defaults)`);
  // The bench's own pool: the owner connection migrates, the app role seeds.
  const database = await openDatabase({ url: pg.url });
  const servers: AppServer[] = [];
  const close = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database.close().catch(() => {});
    await pg.destroy();
  };
  // Ctrl-C or a failure while building: leave no server or PostgreSQL behind.
  const onSignal = () => {
    close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await build();
  } catch (err) {
    await close();
    throw err;
  }

  async function build(): Promise<Rig> {
    const cast = await seedCast(database, opts.solvers, opts.members, '');
    log(
      `seeded ${opts.solvers} solvers with their organisations and ${opts.members} team members through the services in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const logDir = mkdtempSync(join(tmpdir(), 'jb-surge-log-'));
    for (let i = 0; i < opts.instances; i++) {
      servers.push(await appServer({ databaseUrl: pg.url, logFile: join(logDir, `server${i}.log`) }));
    }
    await Promise.all(servers.map((s) => s.start()));
    const bases = servers.map((s) => s.base);
    log(`${opts.instances} server instance(s): ${bases.join(', ')} (NODE_ENV=production, logs in ${logDir})`);
    for (const s of servers) for (const l of s.durabilityLines) log(`  server says: ${extractMsg(l)}`);
    const t1 = performance.now();
    const solvers = await loginAll(bases, cast.solvers, PASSWORD, 16);
    const members = await loginAll(bases, cast.members, PASSWORD, 4);
    log(
      `logged in ${solvers.length + members.length} people over HTTP in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );
    return {
      pg,
      database,
      cast,
      servers,
      bases,
      solvers,
      members,
      logDir,
      close,
    };
  }
}

function extractMsg(line: string): string {
  try {
    return (JSON.parse(line) as { msg: string }).msg;
  } catch {
    return line;
  }
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

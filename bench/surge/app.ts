// Jiebang server processes for the benchmarks: `node bin/jiebang.mjs serve` on a free port with
// DATABASE_URL, in production mode; kill -9 and restart.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './pg.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface AppServer {
  base: string;
  port: number;
  pid(): number | undefined;
  /** CPU seconds the current process has used (Linux /proc). */
  cpuSeconds(): number;
  start(): Promise<void>;
  kill9(): void;
  stop(): Promise<void>;
  /** Lines of its log that mention durability (the start-up check). */
  durabilityLines: string[];
  /** Exits nobody asked for (a crash): counted, and the process is started again, as systemd would. */
  unexpectedExits: number;
}

/** Wait until GET /api/health answers 200, or throw after `ms`. */
export async function waitHealthy(base: string, ms = 60_000, alive: () => boolean = () => true) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive()) throw new Error(`server at ${base} exited while starting`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server at ${base} not healthy after ${ms} ms`);
}

export async function appServer(opts: {
  databaseUrl: string;
  logFile: string;
  env?: Record<string, string>;
}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  let child: ChildProcess | undefined;
  let exited = true;
  let exitedAt: Promise<unknown> = Promise.resolve();
  const expected = new WeakSet<ChildProcess>();
  const server: AppServer = {
    base,
    port,
    durabilityLines: [],
    unexpectedExits: 0,
    pid: () => child?.pid,
    cpuSeconds() {
      // utime + stime of the running process, in clock ticks (100 per second on Linux).
      const pid = child?.pid;
      if (!pid || exited) return 0;
      try {
        const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        return 0;
      }
    },
    async start() {
      // A killed predecessor must be gone before its successor counts as started.
      await exitedAt;
      // SURGE_SERVER_NODE_ARGS: extra node flags for the servers (e.g. --cpu-prof to profile them).
      const nodeArgs = (process.env.SURGE_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
      child = spawn(process.execPath, [...nodeArgs, 'bin/jiebang.mjs', 'serve', '--port', String(port)], {
        cwd: ROOT,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: opts.databaseUrl,
          ...opts.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      exited = false;
      const c = child;
      exitedAt = new Promise((resolve) =>
        c.once('exit', (code, signal) => {
          if (child === c) exited = true;
          resolve(undefined);
          if (child === c && !expected.has(c)) {
            server.unexpectedExits++;
            log.write(`\n[bench] server exited unexpectedly (code ${code}, signal ${signal}); restarting\n`);
            console.error(
              `server ${base} exited unexpectedly (code ${code}, signal ${signal}); restarting it`,
            );
            server.start().catch((err) => console.error(`restart failed: ${err.message}`));
          }
        }),
      );
      for (const s of [child.stdout, child.stderr]) {
        s?.on('data', (d: Buffer) => {
          log.write(d);
          const text = d.toString();
          if (text.includes('durability')) {
            for (const line of text.split('\n'))
              if (line.includes('durability')) server.durabilityLines.push(line);
          }
        });
      }
      await waitHealthy(base, 120_000, () => !exited);
    },
    kill9() {
      if (child && !exited) {
        expected.add(child);
        child.kill('SIGKILL');
      }
    },
    async stop() {
      if (!child || exited) return;
      const c = child;
      expected.add(c);
      c.kill('SIGTERM');
      await Promise.race([exitedAt, sleep(10_000)]);
      if (!exited) c.kill('SIGKILL');
    },
  };
  return server;
}

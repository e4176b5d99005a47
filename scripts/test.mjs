#!/usr/bin/env node
// Runs every test: unit specs beside the code (src/**/*.test.ts), database specs
// (*.int.test.ts, on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set,
// also on that PostgreSQL server) and end-to-end journeys (test/e2e).
// Usage: npm test [-- <file or folder filters>]
// Files run TEST_JOBS at a time (default 2), each in its own runner, except a browser journey, which
// runs alone; each file's report is printed whole when it ends, headed by its duration. Every test is bounded by TEST_TIMEOUT_MS (default 15 minutes) and
// every file by that plus a minute: a hang fails the run instead of stalling it. A skipped suite
// counts as skipped, a file with no tests fails, and under CI a missing TEST_DATABASE_URL is an
// error (the PostgreSQL half would silently vanish).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { summarise } from './tap-summary.mjs';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, p));
  }
  return out;
}

let files = [...walk(join(root, 'src')), ...walk(join(root, 'test'))].sort();
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const env = { ...process.env, TZ: 'UTC' };
env.TEST_DATABASE_URL ||= process.env.DATABASE_URL ?? '';
delete env.DATABASE_URL; // tests choose their database explicitly
const tmp = join(root, '.tmp', 'test');
mkdirSync(tmp, { recursive: true });
env.JIEBANG_TEST_TMP = tmp;

const needsDb = files.some((f) => f.includes('.int.') || f.startsWith('test/'));
if (needsDb && process.env.CI && !env.TEST_DATABASE_URL) {
  console.error(
    'CI: TEST_DATABASE_URL (or DATABASE_URL) is not set, so every database test would run on PGlite only; start PostgreSQL (scripts/with-postgres.sh) or unset CI',
  );
  process.exit(1);
}
if (needsDb) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/setup.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const needsWeb = files.some((f) => f.includes('.browser.'));
if (needsWeb && !existsSync(join(root, 'web/dist/index.html'))) {
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const timeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 15 * 60_000);
const jobs = Math.max(1, Number(process.env.TEST_JOBS ?? 2));
const isBrowser = (f) => f.includes('.browser.');

const running = new Set();
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    for (const c of running)
      try {
        process.kill(-c.pid, 'SIGKILL');
      } catch {}
    process.exit(1);
  });

/** Runs one file in its own test runner; resolves with its counts once its report is printed. */
function runFile(file, n) {
  const base = join(tmp, `run-${process.pid}-${n}`);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        `--test-timeout=${timeoutMs}`,
        '--test-reporter=spec',
        `--test-reporter-destination=${base}.txt`,
        '--test-reporter=tap',
        `--test-reporter-destination=${base}.tap`,
        file,
      ],
      { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true },
    );
    running.add(child);
    const limit = setTimeout(() => {
      console.error(`${file}: still running after ${timeoutMs / 1000 + 60} s, stopped`);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }, timeoutMs + 60_000);
    child.on('exit', (code) => {
      clearTimeout(limit);
      running.delete(child);
      const read = (p) => (existsSync(p) ? readFileSync(p, 'utf8') : '');
      const counts = summarise(read(`${base}.tap`), [file]);
      const failed = counts.failed + (code === 0 || counts.failed > 0 ? 0 : 1);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n# ${file} (${secs} s)\n${read(`${base}.txt`)}`);
      rmSync(`${base}.txt`, { force: true });
      rmSync(`${base}.tap`, { force: true });
      resolve({ ...counts, failed });
    });
  });
}

// A browser journey runs alone (Chromium and the server it drives need the machine's CPU, or its
// waits time out); the other files run `jobs` at a time. Browser files first: they are the longest.
const queue = [...files.filter(isBrowser), ...files.filter((f) => !isBrowser(f))];
let active = 0;
let exclusive = false;
let n = 0;
const total = { passed: 0, failed: 0, skipped: 0 };
async function worker() {
  for (;;) {
    if (queue.length === 0) return;
    const next = queue[0];
    if (exclusive || (isBrowser(next) && active > 0)) {
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    queue.shift();
    active++;
    if (isBrowser(next)) exclusive = true;
    const c = await runFile(next, n++);
    if (isBrowser(next)) exclusive = false;
    active--;
    for (const k of Object.keys(total)) total[k] += c[k];
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);

#!/usr/bin/env node
// Runs every test: unit specs beside the code (src/**/*.test.ts), database specs
// (*.int.test.ts, on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set,
// also on that PostgreSQL server) and end-to-end journeys (test/e2e).
// Usage: npm test [-- <file or folder filters>]
// Every test (and every file as a whole) is bounded by TEST_TIMEOUT_MS (default 15 minutes): a hang
// fails the run instead of stalling it. A skipped suite counts as skipped, a file with no tests fails,
// and under CI a missing TEST_DATABASE_URL is an error (the PostgreSQL half would silently vanish).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

const tap = join(tmp, `results-${process.pid}.tap`);
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    `--test-timeout=${Number(process.env.TEST_TIMEOUT_MS ?? 15 * 60_000)}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const { passed, failed, line } = summarise(text, files);
console.log(line);
process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1);

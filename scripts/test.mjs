#!/usr/bin/env node
// Runs every test: unit specs beside the code (src/**/*.test.ts), database specs
// (*.int.test.ts, on PGlite and, when TEST_DATABASE_URL or DATABASE_URL is set,
// also on that PostgreSQL server) and end-to-end journeys (test/e2e).
// Usage: npm test [-- <file or folder filters>]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

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
env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? '';
delete env.DATABASE_URL; // tests choose their database explicitly
const tmp = join(root, '.tmp', 'test');
mkdirSync(tmp, { recursive: true });
env.JIEBANG_TEST_TMP = tmp;

const needsDb = files.some((f) => f.includes('.int.') || f.startsWith('test/'));
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
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ],
  { cwd: root, env, stdio: 'inherit' },
);
const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
const count = (k) => Number(text.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
const passed = count('pass');
const failed = count('fail') + count('cancelled');
console.log(`${passed} passed, ${failed} failed, ${count('skipped')} skipped`);
process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1);

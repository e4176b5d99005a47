// The commands a newcomer runs: serve on an empty data directory, admin create, demo load,
// audit verify — as real processes.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-cli-'));
const env = { ...process.env, DATABASE_URL: '', JIEBANG_DATA_DIR: join(dir, 'data') };

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function waitFor(url: string, ms: number): Promise<Response> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await fetch(url);
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('jiebang CLI', { timeout: 180_000 }, () => {
  let server: ChildProcess | undefined;
  after(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('admin create refuses a short password, naming the option', () => {
    const r = run('admin', 'create', '--email', 'root@example.cn', '--password', 'short');
    assert.notEqual(r.status, 0);
    assert.match(r.out, /--password: must be at least 10 characters/);
  });

  test('demo load creates the demo data, and a second run changes nothing', () => {
    const first = run('demo', 'load');
    assert.equal(first.status, 0, first.out);
    assert.match(first.out, /people: 32/);
    assert.match(first.out, /organizer@demo\.jiebang\.cn/);
    const again = run('demo', 'load');
    assert.match(again.out, /already loaded/);
  });

  test('integrity rescan checks every submitted bid and report of the demo and shows progress', () => {
    const r = run('integrity', 'rescan');
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /checked \d+ texts in \d+ ms/);
    assert.match(r.out, /\[#+\]/);
  });

  test('audit verify reports an intact chain', () => {
    const r = run('audit', 'verify');
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /audit chain intact: \d+ entries/);
  });

  test('serve starts on the data directory, serves the API and refuses a second process', async () => {
    const port = 3900 + Math.floor(Math.random() * 90);
    server = spawn(process.execPath, [bin, 'serve', '--port', String(port)], { env, stdio: 'pipe' });
    const health = await waitFor(`http://127.0.0.1:${port}/api/health`, 60_000);
    assert.deepEqual(await health.json(), { ok: true, db: 'pglite' });
    const login = await fetch(`http://127.0.0.1:${port}/api/auth/session`);
    assert.equal(login.status, 200);
    const second = run('audit', 'verify');
    assert.notEqual(second.status, 0);
    assert.match(second.out, /in use by process/);
    server.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
    assert.equal(run('audit', 'verify').status, 0, 'the lock is released on shutdown');
  });
});

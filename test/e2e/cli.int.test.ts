// The commands a newcomer runs: serve on an empty data directory, admin create, demo load,
// audit verify — as real processes.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../../src/db/db.ts';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-cli-'));
const env = {
  ...process.env,
  DATABASE_URL: '',
  JIEBANG_DATA_DIR: join(dir, 'data'),
  LANG: 'C.UTF-8',
  LC_ALL: '',
};

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * Start `jiebang serve --port 0`: the process at once (so a cleanup hook can always stop it) and the
 * address it prints once listening (the port the system chose).
 */
function serve(serveEnv: NodeJS.ProcessEnv): { proc: ChildProcess; base: Promise<string> } {
  const proc = spawn(process.execPath, [bin, 'serve', '--port', '0'], { env: serveEnv, stdio: 'pipe' });
  let out = '';
  const base = new Promise<string>((resolve, reject) => {
    const seen = (d: Buffer) => {
      out += d;
      const m = out.match(/running on http:\/\/[^:\s]+:(\d+)/);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    proc.stdout?.on('data', seen);
    proc.stderr?.on('data', seen);
    proc.once('exit', (code) => reject(new Error(`serve exited (${code}): ${out}`)));
  });
  return { proc, base };
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

// Real processes (tsx start-up, a demo load): slow on a busy machine; the runner bounds every test anyway.
describe('jiebang CLI', { timeout: 600_000 }, () => {
  let server: ChildProcess | undefined;
  after(() => {
    server?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('admin create refuses a short password, naming the option', () => {
    const r = run('admin', 'create', '--email', 'root@example.cn', '--password', 'short');
    assert.notEqual(r.status, 0);
    assert.match(r.out, /--password: must be at least 8 characters/);
  });

  test('errors read in the language of LANG / LC_ALL', () => {
    const args = [bin, 'admin', 'create', '--email', 'root@example.cn', '--password', 'short'];
    for (const [langEnv, said] of [
      [{ LANG: 'zh_CN.UTF-8' }, /--password: 至少 8 个字符/],
      [{ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' }, /--password: must be at least 8 characters/],
      [{ LANG: 'en_US.UTF-8', LC_ALL: 'zh_TW.UTF-8' }, /--password: 至少 8 个字符/],
    ] as const) {
      const r = spawnSync(process.execPath, args, {
        env: { ...env, ...langEnv },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.notEqual(r.status, 0);
      assert.match(`${r.stdout}${r.stderr}`, said);
    }
  });

  test('demo load creates the demo data, and a second run changes nothing', () => {
    const first = run('demo', 'load');
    assert.equal(first.status, 0, first.out);
    assert.match(first.out, /people: 32/);
    assert.match(first.out, /organizer@demo\.jiebang\.cn/);
    const again = run('demo', 'load');
    assert.equal(again.status, 0, again.out);
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
    const started = serve(env);
    server = started.proc;
    const base = await started.base;
    const health = await waitFor(`${base}/api/health`, 60_000);
    assert.deepEqual(await health.json(), { ok: true, db: 'pglite' });
    const login = await fetch(`${base}/api/auth/session`);
    assert.equal(login.status, 200);
    const second = run('audit', 'verify');
    assert.notEqual(second.status, 0);
    assert.match(second.out, /in use by process/);
    server.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
    assert.equal(run('audit', 'verify').status, 0, 'the lock is released on shutdown');
  });

  test('audit verify exits 1 and names the first broken seq after one row is edited', async () => {
    // As the owner, with the append-only guard switched off: what someone with the files could do.
    const database = await openDatabase({ dataDir: join(dir, 'data'), migrate: false, appRole: false });
    try {
      await database.pglite!.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER;
        UPDATE audit_log SET detail = '{"forged": true}' WHERE seq = 5;
        ALTER TABLE audit_log ENABLE TRIGGER USER`);
    } finally {
      await database.close();
    }
    const r = run('audit', 'verify');
    assert.equal(r.status, 1, r.out);
    assert.match(r.out, /audit chain BROKEN at seq 5\b/);
  });
});

describe('jiebang CLI: help and a fresh start', { timeout: 180_000 }, () => {
  const fresh = mkdtempSync(join(tmpdir(), 'jiebang-fresh-'));
  const freshEnv = { ...env, JIEBANG_DATA_DIR: join(fresh, 'data') };
  const runFresh = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], {
      env: freshEnv,
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: r.status, out: `${r.stdout}${r.stderr}` };
  };
  let server: ChildProcess | undefined;
  after(() => {
    server?.kill('SIGKILL');
    rmSync(fresh, { recursive: true, force: true });
  });

  for (const cmd of [['serve'], ['migrate'], ['admin', 'create'], ['demo', 'load'], ['audit', 'verify']])
    test(`${cmd.join(' ')} --help prints its usage and exits 0`, () => {
      const r = runFresh(...cmd, '--help');
      assert.equal(r.status, 0, r.out);
      assert.match(r.out, new RegExp(`^Usage: jiebang ${cmd.join(' ')} \\[options\\]`, 'm'));
      assert.match(r.out, /--data-dir/);
    });

  test('migrate on an empty data directory, admin create, then that admin logs in over HTTP', async () => {
    const m = runFresh('migrate');
    assert.equal(m.status, 0, m.out);
    assert.match(m.out, /database is at the latest migration \(\d+ applied\)/);
    const a = runFresh(
      'admin',
      'create',
      '--email',
      'first@example.cn',
      '--password',
      'first admin password',
    );
    assert.equal(a.status, 0, a.out);
    assert.match(a.out, /platform admin first@example\.cn ready/);

    const started = serve(freshEnv);
    server = started.proc;
    const base = await started.base;
    const s0 = await waitFor(`${base}/api/auth/session`, 60_000);
    const cookies = new Map<string, string>();
    const keep = (r: Response) => {
      for (const c of r.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const i = pair.indexOf('=');
        cookies.set(pair.slice(0, i), pair.slice(i + 1));
      }
    };
    const cookie = () => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    keep(s0);
    const { csrfToken } = (await s0.json()) as { csrfToken: string };
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: cookie() },
      body: JSON.stringify({ email: 'first@example.cn', password: 'first admin password' }),
    });
    assert.equal(login.status, 200, await login.clone().text());
    keep(login);
    const session = (await (
      await fetch(`${base}/api/auth/session`, { headers: { cookie: cookie() } })
    ).json()) as {
      person: { email: string } | null;
      roles: { role: string }[];
    };
    assert.equal(session.person?.email, 'first@example.cn');
    assert.ok(
      session.roles.some((r) => r.role === 'admin'),
      `an admin role: ${JSON.stringify(session.roles)}`,
    );
    server.kill('SIGTERM');
    await new Promise((r) => server?.once('exit', r));
  });
});

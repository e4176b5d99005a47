// Reliability of one deployment across processes and crashes: rate limits shared by every
// instance (counters in PostgreSQL), and the start-up durability check of `serve`.
// The long runs (surge, crash) are benchmarks: bench/surge and bench/crash.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { checkDurability, readDurability } from '../../src/db/durability.ts';
import { incrementHit, sweepRateLimits } from '../../src/http/rate-limit-store.ts';
import { buildServer } from '../../src/http/server.ts';
import { buildTestApp } from '../support/app.ts';
import { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { TEMPLATE_DB, withDatabase } from '../support/pg.ts';

for (const kind of backends()) {
  describe(`rate limits shared by every instance (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let second: Awaited<ReturnType<typeof buildServer>>;
    before(async () => {
      t = await buildTestApp(kind, { LOGIN_RATE_MAX: '3' });
      // A second instance on the same database, as behind a load balancer.
      second = await buildServer({
        database: t.database,
        config: loadConfig({ LOGIN_RATE_MAX: '3' }),
        now: t.clock.now,
      });
    });
    after(async () => {
      await second.close();
      await t.close();
    });

    test('login attempts are counted across instances: the fourth in a minute is refused on either', async () => {
      const a = new TestClient(t.app);
      const b = new TestClient(second);
      const attempt = (c: TestClient) => c.login('nobody@example.cn', 'wrong password here');
      assert.equal((await attempt(a)).status, 401);
      assert.equal((await attempt(b)).status, 401);
      assert.equal((await attempt(a)).status, 401);
      const fourth = await attempt(b);
      assert.equal(fourth.status, 429);
      assert.equal((await attempt(a)).status, 429);
    });

    test('the login limit is per address and email: another account from the same address is not locked out', async () => {
      const c = new TestClient(second);
      assert.equal((await c.login('someone.else@example.cn', 'wrong password here')).status, 401);
    });

    test('a window ends: the counter starts again, and ended windows are swept', async () => {
      // Instants given, not waited for: the outcome does not depend on how busy the machine is.
      const key = `test|${randomBytes(4).toString('hex')}`;
      const t0 = new Date(Date.UTC(2030, 0, 1, 0, 0, 0));
      const at = (ms: number) => new Date(t0.getTime() + ms);
      assert.equal((await incrementHit(t.database.db, key, 200, at(0))).current, 1);
      const second = await incrementHit(t.database.db, key, 200, at(150));
      assert.equal(second.current, 2);
      assert.equal(second.ttl, 50, 'the window ends 200 ms after its first hit');
      assert.equal(
        (await incrementHit(t.database.db, key, 200, at(199))).current,
        3,
        'still the same window',
      );
      assert.equal((await incrementHit(t.database.db, key, 200, at(200))).current, 1, 'a new window');
      await incrementHit(t.database.db, `${key}-short`, 1, at(0));
      assert.ok((await sweepRateLimits(t.database.db, at(100))) >= 1);
      assert.equal(await sweepRateLimits(t.database.db, at(100)), 0, 'swept once');
      const left = await t.database.pool.query('SELECT key FROM rate_limit_hit WHERE key LIKE $1', [
        `${key}%`,
      ]);
      assert.deepEqual(
        left.rows.map((r: { key: string }) => r.key),
        [key],
        'the ended window is gone, the open one stays',
      );
    });

    test('concurrent hits on two instances are all counted (no lost update)', async () => {
      const key = `race|${randomBytes(4).toString('hex')}`;
      const hits = await Promise.all(
        Array.from({ length: 20 }, () => incrementHit(t.database.db, key, 60_000)),
      );
      assert.deepEqual(
        hits.map((h) => h.current).sort((x, y) => x - y),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
    });
  });
}

describe('start-up durability check', () => {
  const fake = (fsync: string, sc: string) => ({
    query: async () => ({ rows: [{ fsync, sc }] }),
  });
  const logger = () => {
    const lines: string[] = [];
    return {
      lines,
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
    };
  };

  test('logs fsync and synchronous_commit when both make commits durable', async () => {
    const log = logger();
    const d = await checkDurability(fake('on', 'on') as never, true, log);
    assert.equal(d.durable, true);
    assert.deepEqual(log.lines, ['info PostgreSQL durability: fsync=on synchronous_commit=on']);
  });

  test('refuses to start in production with synchronous_commit off, warns outside production', async () => {
    const log = logger();
    await assert.rejects(
      checkDurability(fake('on', 'off') as never, true, log),
      /refusing to run in production/,
    );
    assert.match(log.lines[0], /^warn .*synchronous_commit=off — acknowledged writes may be lost/);
    const dev = await checkDurability(fake('off', 'on') as never, false, logger());
    assert.equal(dev.durable, false);
  });

  const url = process.env.TEST_DATABASE_URL;
  test('reads the real settings of a PostgreSQL server (defaults are durable)', { skip: !url }, async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const d = await readDurability(pool);
      assert.deepEqual(d, { fsync: 'on', synchronousCommit: 'on', durable: true });
      await pool.query('SET synchronous_commit = off');
      assert.equal((await readDurability(pool)).durable, false);
    } finally {
      await pool.end();
    }
  });

  test('`serve` in production refuses a database whose commits are not durable', {
    skip: !url,
    timeout: 60_000,
  }, async () => {
    const name = `jb_t_dur_${process.pid}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
      await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
      const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
      const child = spawn(process.execPath, [bin, 'serve', '--port', '0'], {
        env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: withDatabase(url!, name) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      const code = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          resolve(null);
        }, 45_000);
        child.on('exit', (c) => {
          clearTimeout(timer);
          resolve(c);
        });
      });
      assert.notEqual(code, 0, out);
      assert.notEqual(code, null, `still running: ${out}`);
      assert.match(out, /synchronous_commit=off/);
      assert.match(out, /refusing to run in production/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('load shedding', () => {
  test('a lagging event loop answers 503 OVERLOADED with Retry-After at once, and recovers', async () => {
    const t = await buildTestApp('pglite', { MAX_EVENT_LOOP_DELAY_MS: '50' });
    try {
      const health = () => t.app.inject({ method: 'GET', url: '/api/health' });
      // Wait until the sampler sees a calm loop (a loaded CI machine may lag on its own).
      const calm = async () => {
        for (let i = 0; i < 100; i++) {
          if ((await health()).statusCode === 200) return;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error('the server never recovered');
      };
      await calm();
      // Block the loop for 1.5 s (a request doing heavy synchronous work); the next sample sees the lag.
      const until = Date.now() + 1500;
      while (Date.now() < until);
      let r = await health();
      for (let i = 0; i < 20 && r.statusCode !== 503; i++) {
        await new Promise((res) => setTimeout(res, 10));
        r = await health();
      }
      assert.equal(r.statusCode, 503);
      assert.equal(r.headers['retry-after'], '5');
      assert.equal(r.json().code, 'OVERLOADED');
      await calm();
    } finally {
      await t.close();
    }
  });

  test('production turns it on by default; elsewhere it is off unless set', () => {
    assert.equal(loadConfig({ NODE_ENV: 'production' }).maxEventLoopDelayMs, 1000);
    assert.equal(loadConfig({}).maxEventLoopDelayMs, 0);
    assert.equal(loadConfig({ NODE_ENV: 'production', MAX_EVENT_LOOP_DELAY_MS: '0' }).maxEventLoopDelayMs, 0);
  });
});

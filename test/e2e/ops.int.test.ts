// Operations signals: liveness and readiness, Prometheus metrics (by route pattern, loopback or
// bearer token only), request ids on answers and log lines, and a graceful shutdown: a real
// `jiebang serve` sent SIGTERM under write load finishes what it acknowledged and exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/db/db.ts';
import { buildTestApp } from '../support/app.ts';
import { buildChallenge } from '../support/challenges.ts';
import { backends, enterpriseMember } from '../support/db.ts';
import { freePort } from '../support/net.ts';

const root = new URL('../..', import.meta.url).pathname;
type App = Awaited<ReturnType<typeof buildTestApp>>;

for (const kind of backends()) {
  describe(`operations signals (${kind})`, () => {
    let t: App;
    before(async () => {
      t = await buildTestApp(kind, { METRICS_TOKEN: 'scrape-secret-1' });
    });
    after(() => t?.close());

    test('/healthz is up; /readyz checks the database and migrations, and answers 503 while draining', async () => {
      const live = await t.app.inject({ url: '/healthz' });
      assert.equal(live.statusCode, 200);
      const ready = await t.app.inject({ url: '/readyz' });
      assert.equal(ready.statusCode, 200, ready.body);
      assert.deepEqual(ready.json(), {
        ready: true,
        checks: { database: true, migrations: true, accepting: true },
      });
      t.app.ops.draining = true;
      try {
        const draining = await t.app.inject({ url: '/readyz' });
        assert.equal(draining.statusCode, 503);
        assert.equal(draining.json().checks.accepting, false);
        assert.equal((await t.app.inject({ url: '/healthz' })).statusCode, 200, 'still alive');
      } finally {
        t.app.ops.draining = false;
      }
    });

    test('every answer carries a request id: a sane incoming one is kept, anything else replaced', async () => {
      const kept = await t.app.inject({ url: '/api/health', headers: { 'x-request-id': 'lb-7f3a.42' } });
      assert.equal(kept.headers['x-request-id'], 'lb-7f3a.42');
      const hostile = await t.app.inject({
        url: '/api/health',
        headers: { 'x-request-id': 'a b"<script>' },
      });
      assert.match(String(hostile.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      const none = await t.app.inject({ url: '/api/no-such-thing' });
      assert.equal(none.statusCode, 404);
      assert.match(String(none.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      assert.notEqual(none.headers['x-request-id'], hostile.headers['x-request-id']);
    });

    test('/metrics: route patterns, error codes, pool, event loop and job queue; loopback or the token only', async () => {
      const id = '11111111-1111-4111-8111-111111111111';
      assert.equal((await t.app.inject({ url: `/api/challenges/${id}` })).statusCode, 404);
      await t.app.inject({ url: '/api/challenges?page=1' });
      const r = await t.app.inject({ url: '/metrics' });
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^text\/plain/);
      const text = r.body;
      assert.match(text, /http_requests_total\{method="GET",route="\/api\/challenges\/:id",status="404"\} 1/);
      assert.match(
        text,
        /http_request_duration_seconds_bucket\{le="0\.1",method="GET",route="\/api\/challenges"\}/,
      );
      assert.ok(!text.includes(id), 'a raw URL never becomes a label');
      assert.match(text, /http_errors_total\{code="NOT_FOUND",status="404"\} \d/);
      assert.match(text, /db_pool_connections\{state="max"\} \d+/);
      assert.match(text, /nodejs_eventloop_lag_seconds \d/);
      assert.match(text, /# TYPE job_queue_depth gauge/);
      assert.match(text, /http_requests_in_flight 1/);

      const remote = { remoteAddress: '203.0.113.9' };
      assert.equal((await t.app.inject({ url: '/metrics', ...remote })).statusCode, 403);
      const wrong = await t.app.inject({
        url: '/metrics',
        ...remote,
        headers: { authorization: 'Bearer scrape-secret-2' },
      });
      assert.equal(wrong.statusCode, 403);
      assert.equal(wrong.json().code, 'FORBIDDEN');
      const bearer = await t.app.inject({
        url: '/metrics',
        ...remote,
        headers: { authorization: 'Bearer scrape-secret-1' },
      });
      assert.equal(bearer.statusCode, 200);
      // A proxy on this machine relays outside clients: that is not the machine asking.
      const relayed = await t.app.inject({ url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } });
      assert.equal(relayed.statusCode, 403);
    });

    test('job queue depth counts waiting jobs per queue', async () => {
      const { enqueue } = await import('../../src/jobs/queue.ts');
      await enqueue(t.database.db, 'notify.deliver', [{ ids: [] }], {
        startAfter: new Date(Date.now() + 3_600_000),
      });
      const text = (await t.app.inject({ url: '/metrics' })).body;
      assert.match(text, /job_queue_depth\{queue="notify\.deliver",state="created"\} [1-9]/);
    });
  });
}

/** Cookies of a fetch-based client, kept like a browser keeps them. */
class Jar {
  cookies = new Map<string, string>();
  keep(r: Response) {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  get header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('graceful shutdown of jiebang serve (pglite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jb-shutdown-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('SIGTERM during write load: readiness drops, every acknowledged write is kept, exit 0', async () => {
    const template = new Blob([
      readFileSync(join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'pglite-template.tar')),
    ]);
    const setup = await openDatabase({ dataDir: join(dir, 'data'), loadDataDir: template });
    const { orgId } = await enterpriseMember(
      setup,
      {
        email: 'p@example.cn',
        password: 'correct horse battery',
        nameZh: '发榜人',
        nameEn: 'P',
        locale: 'zh-CN',
      },
      { nameZh: '华晶石英', nameEn: 'Huajing Quartz' },
      'proposer',
    );
    const agency = (
      await setup.pool.query(
        `INSERT INTO organisation (kind, name_zh, name_en) VALUES ('agency', '东海省科学技术厅', 'Donghai S&T') RETURNING id`,
      )
    ).rows[0].id as string;
    await setup.close();

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const log: string[] = [];
    const proc = spawn(
      process.execPath,
      ['bin/jiebang.mjs', 'serve', '--port', String(port), '--data-dir', join(dir, 'data')],
      {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: 'info', DRAIN_DELAY_SECONDS: '1', JOB_SCHEDULES: 'off' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proc.stdout.on('data', (d) => log.push(String(d)));
    proc.stderr.on('data', (d) => log.push(String(d)));
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    try {
      const until = Date.now() + 20_000;
      for (;;) {
        const ok = await fetch(`${base}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (proc.exitCode !== null || Date.now() > until)
          throw new Error(`serve did not start: ${log.join('').slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }

      const jar = new Jar();
      const s = await fetch(`${base}/api/auth/session`);
      jar.keep(s);
      let csrf = (await s.json()).csrfToken as string;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: jar.header, 'x-csrf-token': csrf },
        body: JSON.stringify({ email: 'p@example.cn', password: 'correct horse battery' }),
      });
      assert.equal(login.status, 200, await login.clone().text());
      jar.keep(login);
      csrf = (await login.json()).csrfToken;

      const acked: string[] = [];
      const requestIds: string[] = [];
      let sigtermAt = 0;
      let ackedAfterSigterm = 0;
      let n = 0;
      const worker = async () => {
        for (;;) {
          const i = n++;
          let r: Response;
          try {
            r = await fetch(`${base}/api/challenges`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie: jar.header, 'x-csrf-token': csrf },
              body: JSON.stringify(buildChallenge(orgId, agency, { titleEn: `Crucible ${i}` })),
            });
          } catch {
            return; // the listener is closed: nothing more is accepted
          }
          const body = await r.json().catch(() => null);
          if (r.status === 201) {
            acked.push(body.id);
            requestIds.push(String(r.headers.get('x-request-id')));
            if (sigtermAt) ackedAfterSigterm++;
          } else if (r.status !== 503) {
            throw new Error(`unexpected ${r.status}: ${JSON.stringify(body)}`);
          } else if (!sigtermAt) {
            throw new Error('503 before shutdown');
          }
          if (Date.now() > until + 20_000) return;
        }
      };
      const workers = Array.from({ length: 6 }, worker);
      while (acked.length < 12) await new Promise((r) => setTimeout(r, 10));
      sigtermAt = Date.now();
      proc.kill('SIGTERM');
      // While draining the instance says it is not ready (within the drain delay), and still serves.
      let readiness = await fetch(`${base}/readyz`);
      while (readiness.status === 200 && Date.now() - sigtermAt < 900) {
        await new Promise((r) => setTimeout(r, 20));
        readiness = await fetch(`${base}/readyz`);
      }
      assert.equal(readiness.status, 503);
      assert.equal((await readiness.json()).checks.accepting, false);
      await Promise.all(workers);
      assert.equal(await exited, 0, log.join('').slice(-2000));
      assert.ok(ackedAfterSigterm > 0, 'writes in flight or arriving while draining were answered');

      const after = await openDatabase({ dataDir: join(dir, 'data') });
      try {
        const r = await after.pool.query('SELECT id FROM challenge WHERE id = ANY($1::uuid[])', [acked]);
        assert.equal(r.rowCount, acked.length, `${acked.length} acknowledged, ${r.rowCount} stored`);
      } finally {
        await after.close();
      }
      // Request log lines carry the request's id, the same one its answer carried.
      const lines = log
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      const requestLines = lines.filter((l) => l.req || l.res);
      assert.ok(requestLines.length >= acked.length);
      for (const l of requestLines)
        assert.ok(l.reqId, `a request log line without its id: ${JSON.stringify(l)}`);
      const logged = new Set(requestLines.map((l) => l.reqId));
      for (const id of requestIds) assert.ok(logged.has(id), `request ${id} is not in the log`);
      assert.ok(lines.some((l) => /shut down: every in-flight request and job finished/.test(l.msg)));
    } finally {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
    }
  });
});

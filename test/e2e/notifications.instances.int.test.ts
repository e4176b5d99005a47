// Two app instances (real `jiebang serve` processes) on one PostgreSQL deliver each notification
// once; the same event emitted by both at once notifies each person once; an instance killed with
// SIGKILL in the middle of a batch leaves nothing undelivered after a restart, and nothing sent
// twice apart from the SMTP window (a message the server accepted before the instance could mark
// it sent), which is counted. Needs PostgreSQL: `bash scripts/with-postgres.sh npm test -- <file>`.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import type { Tx } from '../../src/app/context.ts';
import { type Database, openDatabase } from '../../src/db/db.ts';
import { type NotifyEvent, notify } from '../../src/modules/notifications/notifications.service.ts';
import { freshDatabase } from '../support/db.ts';
import { freePort } from '../support/net.ts';
import { withDatabase } from '../support/pg.ts';
import { type SmtpSink, startSmtpSink } from '../support/smtp.ts';

const url = process.env.TEST_DATABASE_URL;
const root = new URL('../..', import.meta.url).pathname;

interface Instance {
  proc: ChildProcess;
  port: number;
  log: string[];
}

async function startInstance(dbUrl: string, smtp: SmtpSink): Promise<Instance> {
  const port = await freePort();
  const log: string[] = [];
  const proc = spawn(process.execPath, ['bin/jiebang.mjs', 'serve', '--port', String(port)], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Jiebang <noreply@jiebang.test>',
      JOB_POLL_SECONDS: '0.5',
      JOB_EXPIRE_SECONDS: '4',
      JOB_MAINTENANCE_SECONDS: '1',
      JOB_SCHEDULES: 'off',
      DB_POOL_MAX: '5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (d) => log.push(String(d)));
  proc.stderr?.on('data', (d) => log.push(String(d)));
  const until = Date.now() + 60_000;
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return { proc, port, log };
    } catch {}
    if (proc.exitCode !== null || Date.now() > until)
      throw new Error(`instance did not start: ${log.join('').slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stop(i: Instance, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (i.proc.exitCode !== null || i.proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    i.proc.once('exit', () => resolve());
    i.proc.kill(signal);
  });
}

const bareId = (id: string | undefined) => (id ?? '').replace(/^<|>$/g, '');

async function people(database: Database, n: number, tag: string): Promise<string[]> {
  const r = await database.pool.query(
    `INSERT INTO person (email, email_norm, password_hash, name_zh, name_en, locale)
     SELECT 'p' || i || '-${tag}@example.cn', 'p' || i || '-${tag}@example.cn', '!', '申请人' || i, 'Applicant ' || i,
            CASE WHEN i % 2 = 0 THEN 'en' ELSE 'zh-CN' END
     FROM generate_series(1, $1::int) AS i RETURNING id`,
    [n],
  );
  return r.rows.map((x) => x.id as string);
}

const resultEvent = (recipients: string[], id: string): NotifyEvent => ({
  kind: 'bid.notSelected',
  recipients,
  object: { type: 'bid', id, name: { zh: '钠离子电池电芯', en: 'Sodium-ion cell' } },
  href: `/bids/${id}`,
});

async function mailStates(database: Database): Promise<Record<string, number>> {
  const r = await database.pool.query(`SELECT state, count(*)::int AS n FROM mail_message GROUP BY state`);
  return Object.fromEntries(r.rows.map((x) => [x.state, x.n]));
}

/** Waits until every mail is sent, hurrying jobs waiting out their retry delay. */
async function drained(database: Database, total: number, ms = 120_000) {
  const until = Date.now() + ms;
  for (;;) {
    const s = await mailStates(database);
    if ((s.sent ?? 0) === total) return;
    if (Date.now() > until) throw new Error(`not delivered: ${JSON.stringify(s)}`);
    await database.pool.query(`UPDATE pgboss.job SET start_after = now() WHERE state = 'retry'`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('notifications across instances (postgres)', {
  skip: !url && 'needs PostgreSQL (TEST_DATABASE_URL)',
}, () => {
  let database: Database;
  let dbUrl: string;
  const instances: Instance[] = [];
  before(async () => {
    database = await freshDatabase('postgres');
    const name = (await database.pool.query('SELECT current_database() AS d')).rows[0].d as string;
    dbUrl = withDatabase(url!, name);
  });
  after(async () => {
    for (const i of instances) await stop(i, 'SIGKILL');
    await database?.close();
  });
  const emit = (db: Database, e: NotifyEvent) =>
    db.db.transaction().execute((tx: Tx) => notify(tx, new Date(), e));

  test('two instances: each notification delivered once; one event from both at once tells each person once', async () => {
    const smtp = await startSmtpSink({ delayMs: 2 });
    try {
      const a = await startInstance(dbUrl, smtp);
      const b = await startInstance(dbUrl, smtp);
      instances.push(a, b);
      const ids = await people(database, 300, 'two');
      // The same event emitted concurrently through two pools (as two instances would).
      const other = await openDatabase({ url: dbUrl, migrate: false });
      try {
        const event = resultEvent(ids, '88888888-8888-4888-8888-888888888888');
        const [x, y] = await Promise.all([emit(database, event), emit(other, event)]);
        assert.equal(x + y, 300, `created ${x} + ${y}`);
      } finally {
        await other.close();
      }
      await drained(database, 300);
      await new Promise((r) => setTimeout(r, 500));
      const got = smtp.messages.map((m) => bareId(m.messageId));
      const rows = (await database.pool.query('SELECT message_id FROM mail_message')).rows.map((r) =>
        bareId(r.message_id),
      );
      assert.equal(rows.length, 300);
      assert.equal(got.length, 300, `received ${got.length}`);
      assert.deepEqual([...new Set(got)].sort(), rows.sort(), 'every mail once, under its own Message-ID');
      await stop(a);
      await stop(b);
    } finally {
      await smtp.close();
    }
  });

  test('kill -9 in the middle of a batch: after a restart all delivered, none twice beyond the SMTP window', async () => {
    await database.pool.query('DELETE FROM notification; DELETE FROM mail_message');
    // A slow SMTP server: a batch takes seconds, so the kill lands in the middle of one.
    const smtp = await startSmtpSink({ delayMs: 15 });
    try {
      const ids = await people(database, 400, 'kill');
      await emit(database, resultEvent(ids, '99999999-9999-4999-8999-999999999999'));
      const a = await startInstance(dbUrl, smtp);
      instances.push(a);
      const until = Date.now() + 60_000;
      while (smtp.messages.length < 100) {
        if (Date.now() > until)
          throw new Error(`only ${smtp.messages.length} delivered: ${a.log.join('').slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      await stop(a, 'SIGKILL');
      const atKill = await mailStates(database);
      const window = atKill.sending ?? 0;
      assert.ok((atKill.sent ?? 0) < 400, 'the kill came before the end');
      const b = await startInstance(dbUrl, smtp);
      instances.push(b);
      await drained(database, 400);
      await new Promise((r) => setTimeout(r, 500));
      const got = smtp.messages.map((m) => bareId(m.messageId));
      const distinct = new Set(got);
      const rows = (await database.pool.query('SELECT message_id FROM mail_message')).rows.map((r) =>
        bareId(r.message_id),
      );
      for (const id of rows) assert.ok(distinct.has(id), `mail ${id} never arrived`);
      const twice = got.length - distinct.size;
      console.log(
        `kill -9 after ${atKill.sent ?? 0} of 400 sent: ${window} in the SMTP window, ${twice} received twice (same Message-ID)`,
      );
      assert.ok(twice <= window, `${twice} duplicates, more than the ${window} mails in flight at the kill`);
      await stop(b);
    } finally {
      await smtp.close();
    }
  });
});

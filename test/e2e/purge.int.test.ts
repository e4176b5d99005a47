// Retention: the hourly purge deletes idempotency records past their window, sessions long ended
// and closed rate-limit windows, and nothing else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/db/db.ts';
import { PURGE_JOB, purgeExpired } from '../../src/jobs/purge.ts';
import { jobDefs } from '../../src/jobs/queue.ts';
import { backends, freshDatabase } from '../support/db.ts';

const DAY = 86_400_000;
const now = new Date('2026-11-28T02:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
const retention = { idempotencyDays: 7, sessionDays: 30 };

for (const kind of backends()) {
  describe(`retention purge (${kind})`, () => {
    let database: Database;
    before(async () => {
      database = await freshDatabase(kind);
    });
    after(() => database?.close());

    test('deletes only what retention no longer keeps, and a second run deletes nothing', async () => {
      const q = (text: string, values: unknown[] = []) => database.pool.query(text, values);
      const person = (
        await q(`INSERT INTO person (email, email_norm, password_hash, name_zh, name_en, locale)
                 VALUES ('r@example.cn', 'r@example.cn', '!', '留存', 'Retention', 'zh-CN') RETURNING id`)
      ).rows[0].id as string;
      const idem = async (key: string, createdAt: string) =>
        q(
          `INSERT INTO idempotency_record (actor_id, key, method, route, request_digest, created_at)
           VALUES ($1, $2, 'POST', '/api/bids', 'd', $3)`,
          [person, key, createdAt],
        );
      await idem('old-key-0001', ago(8));
      await idem('new-key-0001', ago(6));
      const session = async (
        id: string,
        s: { created: number; seen: number; expires: number; revoked?: number },
      ) =>
        q(
          `INSERT INTO session (id, person_id, created_at, last_seen_at, expires_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            id,
            person,
            ago(s.created),
            ago(s.seen),
            ago(s.expires),
            s.revoked === undefined ? null : ago(s.revoked),
          ],
        );
      await session('revoked-long-ago', { created: 40, seen: 40, expires: 39.5, revoked: 40 });
      await session('expired-long-ago', { created: 35, seen: 34, expires: 31 });
      await session('idle-long-ago', { created: 32, seen: 31, expires: 31.5 });
      await session('revoked-recently', { created: 5, seen: 5, expires: 4.5, revoked: 5 });
      await session('live', { created: 0.1, seen: 0, expires: -0.4 });
      await q(`INSERT INTO rate_limit_hit (key, hits, resets_at) VALUES ('closed', 3, $1), ('open', 1, $2)`, [
        ago(0.001),
        ago(-0.001),
      ]);

      const r = await purgeExpired(database.db, now, retention);
      assert.deepEqual(r, { idempotency: 1, sessions: 3, rateLimits: 1 });
      const left = async (table: string, col: string) =>
        (await q(`SELECT ${col} AS v FROM ${table} ORDER BY 1`)).rows.map((x) => x.v);
      assert.deepEqual(await left('idempotency_record', 'key'), ['new-key-0001']);
      assert.deepEqual(await left('session', 'id'), ['live', 'revoked-recently']);
      assert.deepEqual(await left('rate_limit_hit', 'key'), ['open']);
      assert.equal(
        (await q('SELECT count(*)::int AS n FROM person')).rows[0].n,
        1,
        'people are never purged',
      );

      assert.deepEqual(await purgeExpired(database.db, now, retention), {
        idempotency: 0,
        sessions: 0,
        rateLimits: 0,
      });
    });

    test('the purge is a scheduled job on the queue', () => {
      const def = jobDefs().find((d) => d.name === PURGE_JOB);
      assert.ok(def, 'maintenance.purge is defined');
      assert.equal(def.cron, '17 * * * *');
    });
  });
}

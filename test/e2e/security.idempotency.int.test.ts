// Idempotency-Key on the creating endpoints: the same key and request give the same response
// with one write; the same key with another request is refused and writes nothing; concurrent
// retries settle on one write; keys are per actor; failures are not remembered.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast, buildChallenge, publishedChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { buildOrganisation } from '../support/factories.ts';
import { buildRace } from '../support/race.ts';
import { countAllTables, rawRequest } from '../support/security.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const kind of backends()) {
  describe(`idempotency (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      // The notice-period case moves the clock days ahead; sessions must outlive it.
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    const withKey = (c: TestClient, method: string, url: string, body: unknown, key: string) =>
      c.request(method, url, body, { headers: { 'idempotency-key': key } });
    const changed = (a: Record<string, number>, b: Record<string, number>) =>
      Object.keys(b).filter((k) => a[k] !== b[k]);

    test('same key and body: the stored response comes back and nothing is written twice', async () => {
      const body = buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '幂等发榜' });
      const first = await withKey(cast.proposer, 'POST', '/api/challenges', body, 'challenge-key-1');
      assert.equal(first.status, 201, JSON.stringify(first.body));
      assert.equal(first.headers['idempotent-replayed'], undefined);
      const before = await countAllTables(t.database);
      const again = await withKey(cast.proposer, 'POST', '/api/challenges', body, 'challenge-key-1');
      assert.equal(again.status, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.body, first.body);
      assert.deepEqual(changed(before, await countAllTables(t.database)), [], 'the replay wrote nothing');
    });

    test('same key, different body: IDEMPOTENCY_MISMATCH naming the header, nothing written', async () => {
      const body = buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '幂等发榜二' });
      assert.equal(
        (await withKey(cast.proposer, 'POST', '/api/challenges', body, 'challenge-key-2')).status,
        201,
      );
      const before = await countAllTables(t.database);
      const r = await withKey(
        cast.proposer,
        'POST',
        '/api/challenges',
        { ...body, titleZh: '换了标题' },
        'challenge-key-2',
      );
      assert.equal(r.status, 422);
      assert.equal(r.body.code, 'IDEMPOTENCY_MISMATCH');
      assert.equal(r.body.field, 'idempotency-key');
      assert.deepEqual(changed(before, await countAllTables(t.database)), []);
    });

    test('the same key on another route is a different request, not a replay', async () => {
      const r = await withKey(
        cast.admin,
        'POST',
        '/api/organisations',
        buildOrganisation({ nameZh: '幂等单位' }),
        'shared-key-0001',
      );
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const other = await withKey(
        cast.admin,
        'POST',
        '/api/ethics/committees',
        { orgId: r.body.id, name: '伦理委员会', members: [] },
        'shared-key-0001',
      );
      assert.equal(other.status, 422);
      assert.equal(other.body.code, 'IDEMPOTENCY_MISMATCH');
    });

    test('keys belong to one actor: another person’s identical key is independent', async () => {
      const org = buildOrganisation({ nameZh: '各自的单位' });
      const a = await withKey(cast.solver1, 'POST', '/api/organisations', org, 'per-actor-key-1');
      assert.equal(a.status, 201, JSON.stringify(a.body));
      const b = await withKey(
        cast.solver2,
        'POST',
        '/api/organisations',
        { ...org, uscc: buildOrganisation().uscc, nameZh: '另一个单位' },
        'per-actor-key-1',
      );
      assert.equal(b.status, 201, JSON.stringify(b.body));
      assert.notEqual(b.body.id, a.body.id);
      assert.equal(b.headers['idempotent-replayed'], undefined);
    });

    test('a refused request is not remembered: the same key works once the cause is fixed', async () => {
      const bad = buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '' });
      const before = await countAllTables(t.database);
      const r1 = await withKey(cast.proposer, 'POST', '/api/challenges', bad, 'retry-after-fix');
      assert.equal(r1.status, 400);
      // A domain refusal inside the handler (not only the schema) must also leave no record.
      const r2 = await withKey(
        cast.solver1,
        'POST',
        '/api/challenges',
        buildChallenge(cast.enterprise.id, cast.agency.id),
        'retry-after-fix',
      );
      assert.equal(r2.status, 403, JSON.stringify(r2.body));
      assert.deepEqual(changed(before, await countAllTables(t.database)), []);
      const good = buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '修好了' });
      const r3 = await withKey(cast.proposer, 'POST', '/api/challenges', good, 'retry-after-fix');
      assert.equal(r3.status, 201, JSON.stringify(r3.body));
    });

    test('concurrent retries with one key make one challenge', async () => {
      const body = buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '并发重试' });
      const count = async () =>
        Number(
          (
            await t.database.pool.query(
              "SELECT count(*)::int AS n FROM challenge WHERE title_zh = '并发重试'",
            )
          ).rows[0].n,
        );
      const rs = await Promise.all(
        [1, 2, 3, 4].map(() => withKey(cast.proposer, 'POST', '/api/challenges', body, 'concurrent-key-1')),
      );
      for (const r of rs) assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(new Set(rs.map((r) => r.body.id)).size, 1);
      assert.equal(await count(), 1);
    });

    test('a malformed key is refused before anything runs', async () => {
      const before = await countAllTables(t.database);
      const r = await withKey(cast.admin, 'POST', '/api/organisations', buildOrganisation(), 'short');
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'idempotency-key');
      assert.deepEqual(changed(before, await countAllTables(t.database)), []);
    });

    test('every creating endpoint takes the header (a malformed key is refused by the mechanism itself)', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const creating: [string, unknown][] = [
        ['/api/organisations', buildOrganisation()],
        ['/api/memberships', { orgId: id, role: 'solver' }],
        ['/api/memberships/grant', { personId: id, orgId: id, role: 'solver' }],
        ['/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id)],
        [`/api/challenges/${id}/attachments?name=a.pdf`, Buffer.from('%PDF-1.7\n')],
        [`/api/task-books/${id}/attachments?name=a.pdf`, Buffer.from('%PDF-1.7\n')],
        [`/api/challenges/${id}/objections`, { text: '异议' }],
        [`/api/task-books/${id}/reports`, { milestoneNo: 0, summary: '进展' }],
        [
          '/api/integrity/records',
          {
            subjectPersonId: id,
            findingType: 'other',
            severity: 'minor',
            evidence: '证据',
            decision: '提醒',
          },
        ],
        ['/api/ethics/committees', { orgId: id, name: '伦理委员会', members: [] }],
        [`/api/bids/${id}/ethics-review`, { committeeId: id }],
        [
          '/api/races',
          buildRace(t, { id, targets: [{ id }, { id: '00000000-0000-4000-8000-000000000001' }] }),
        ],
        [`/api/races/${id}/gates/${id}/objections`, { text: '异议' }],
      ];
      for (const [url, body] of creating) {
        const headers = { 'idempotency-key': 'short' };
        const r = Buffer.isBuffer(body)
          ? await rawRequest(cast.admin, 'POST', url, body, {
              ...headers,
              'content-type': 'application/pdf',
            }).then((x) => ({ status: x.statusCode, body: x.json() }))
          : await cast.admin.request('POST', url, body, { headers });
        // The body is valid, so only the idempotency mechanism answers 400 naming the header.
        assert.equal(r.status, 400, `${url}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, 'idempotency-key', `${url}: ${JSON.stringify(r.body)}`);
      }
    });

    test('evaluation and funding creations replay too: a review round, a fund', async () => {
      const c = await publishedChallenge(cast, { titleZh: '幂等评审轮次' });
      const round = {
        challengeId: c.id,
        titleZh: '幂等初评',
        rubric: [{ key: 'q', nameZh: '质量', nameEn: 'Quality', weight: 100, min: 0, max: 10 }],
        dueAt: new Date(t.clock.t + 30 * 86_400_000).toISOString(),
      };
      const fund = {
        kind: 'programme',
        orgId: cast.agency.id,
        nameZh: '幂等基金',
        nameEn: 'F',
        fiscalYear: 2026,
      };
      for (const [url, body, table, changed] of [
        ['/api/review-rounds', round, 'review_round', { ...round, titleZh: '另一个' }],
        ['/api/funding/funds', fund, 'fund', { ...fund, nameZh: '另一个' }],
      ] as const) {
        const n = async () =>
          Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
        const before = await n();
        const a = await withKey(cast.organizer, 'POST', url, body, `replay-${table}`);
        assert.equal(a.status, 201, JSON.stringify(a.body));
        const b = await withKey(cast.organizer, 'POST', url, body, `replay-${table}`);
        assert.equal(b.status, 201);
        assert.equal(b.headers['idempotent-replayed'], 'true', url);
        assert.equal(b.body.id, a.body.id);
        assert.equal(await n(), before + 1, `${url}: one write`);
        const other = await withKey(cast.organizer, 'POST', url, changed, `replay-${table}`);
        assert.equal(other.status, 422, url);
        assert.equal(other.body.code, 'IDEMPOTENCY_MISMATCH');
      }
    });

    test('without a key the endpoint behaves as before (two requests, two objects)', async () => {
      const body = buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '无键' });
      const a = await cast.proposer.post('/api/challenges', body);
      const b = await cast.proposer.post('/api/challenges', body);
      assert.equal(a.status, 201);
      assert.equal(b.status, 201);
      assert.notEqual(a.body.id, b.body.id);
    });

    test('every creating endpoint replays: memberships, grants, integrity, ethics, objections, uploads', async () => {
      const c = (
        await cast.proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id))
      ).body;
      const officerOrg = (await cast.admin.post('/api/organisations', buildOrganisation({ kind: 'agency' })))
        .body;
      const cases: { who: TestClient; url: string; body: unknown; table: string }[] = [
        {
          who: cast.outsider,
          url: '/api/organisations',
          body: buildOrganisation({ nameZh: '重放单位' }),
          table: 'organisation',
        },
        {
          who: cast.outsider,
          url: '/api/memberships',
          body: { orgId: cast.university.id, role: 'solver' },
          table: 'membership',
        },
        {
          who: cast.admin,
          url: '/api/memberships/grant',
          body: { personId: cast.outsider.id, orgId: officerOrg.id, role: 'integrity_officer' },
          table: 'membership',
        },
        {
          who: cast.admin,
          url: '/api/ethics/committees',
          body: {
            orgId: cast.agency.id,
            name: '幂等伦理委员会',
            // The floors (7 members, quorum 5) hold for every committee.
            members: [
              cast.solver2,
              cast.solver1,
              cast.member,
              cast.hostAdmin,
              cast.outsider,
              cast.proposer,
              cast.organizer,
            ].map((p) => p.id),
          },
          table: 'ethics_committee',
        },
      ];
      for (const x of cases) {
        const key = `every-${x.url}`;
        const first = await withKey(x.who, 'POST', x.url, x.body, key);
        assert.ok(first.status === 201, `${x.url}: ${JSON.stringify(first.body)}`);
        const before = await countAllTables(t.database);
        const again = await withKey(x.who, 'POST', x.url, x.body, key);
        assert.equal(again.status, first.status, x.url);
        assert.deepEqual(again.body, first.body, x.url);
        assert.equal(again.headers['idempotent-replayed'], 'true', x.url);
        assert.deepEqual(changed(before, await countAllTables(t.database)), [], x.url);
      }

      // Integrity record by the officer just granted above.
      await cast.outsider.login(`outsider@example.cn`);
      const record = {
        subjectPersonId: cast.solver2.id,
        findingType: 'duplicate_submission',
        severity: 'minor',
        evidence: '两份申报书正文高度重合',
        decision: '通报批评',
      };
      const r1 = await withKey(cast.outsider, 'POST', '/api/integrity/records', record, 'integrity-key-1');
      if (r1.status === 201) {
        const before = await countAllTables(t.database);
        const r2 = await withKey(cast.outsider, 'POST', '/api/integrity/records', record, 'integrity-key-1');
        assert.deepEqual(r2.body, r1.body);
        assert.deepEqual(changed(before, await countAllTables(t.database)), []);
      } else assert.fail(`integrity record refused: ${JSON.stringify(r1.body)}`);

      // Uploads: the digest covers the bytes; other bytes under the same key are a mismatch.
      const url = `/api/challenges/${c.id}/attachments?name=spec.pdf`;
      const h = { 'content-type': 'application/pdf', 'idempotency-key': 'upload-key-0001' };
      const u1 = await rawRequest(cast.proposer, 'POST', url, PDF, h);
      assert.equal(u1.statusCode, 201, u1.body);
      const before = await countAllTables(t.database);
      const u2 = await rawRequest(cast.proposer, 'POST', url, PDF, h);
      assert.equal(u2.statusCode, 201);
      assert.deepEqual(u2.json(), u1.json());
      const u3 = await rawRequest(cast.proposer, 'POST', url, Buffer.concat([PDF, Buffer.from('%x')]), h);
      assert.equal(u3.statusCode, 422);
      assert.deepEqual(changed(before, await countAllTables(t.database)), []);
    });

    test('an objection during the notice period replays instead of objecting twice', async () => {
      const deadline = t.clock.t + 10 * 86_400_000;
      const c = await publishedChallenge(cast, {
        titleZh: '异议幂等',
        deadline: new Date(deadline).toISOString(),
      });
      const { submittedBid } = await import('../support/challenges.ts');
      const b = await submittedBid(cast.solver1, cast.hostAdmin, c, cast.university.id, 'idem-objection-bid');
      t.clock.t = deadline + 3_600_000;
      assert.equal(
        (await cast.organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {})).status,
        200,
      );
      assert.equal((await cast.organizer.post(`/api/bids/${b.id}/actions/select`)).status, 200);
      assert.equal((await cast.organizer.post(`/api/challenges/${c.id}/actions/announce`, {})).status, 200);
      const body = { text: '该团队的检测报告存疑，请核实。' };
      const o1 = await withKey(
        cast.solver2,
        'POST',
        `/api/challenges/${c.id}/objections`,
        body,
        'objection-key',
      );
      assert.equal(o1.status, 201, JSON.stringify(o1.body));
      const o2 = await withKey(
        cast.solver2,
        'POST',
        `/api/challenges/${c.id}/objections`,
        body,
        'objection-key',
      );
      assert.deepEqual(o2.body, o1.body);
      const n = (
        await t.database.pool.query('SELECT count(*)::int AS n FROM objection WHERE challenge_id = $1', [
          c.id,
        ])
      ).rows[0].n;
      assert.equal(n, 1);
    });
  });
}

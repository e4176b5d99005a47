// Listing, intake and bid edges over HTTP on every backend: exact demand-intake counts, the
// deadline and status filters, what a withdrawal leaves, and refused transitions that change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast, buildChallenge, publishedChallenge, submittedBid } from '../support/challenges.ts';
import { backends } from '../support/db.ts';

const TABLES = [
  'challenge',
  'challenge_target',
  'challenge_vetting',
  'bid',
  'bid_member',
  'bid_score',
  'bid_pledge_version',
  'objection',
  'task_book',
  'audit_log',
];

for (const kind of backends()) {
  describe(`challenge listing and edges (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    /** Row counts of every table a challenge touches, and each challenge's and bid's state. */
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      for (const table of TABLES)
        out[table] = (await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;
      out.challenges = (
        await t.database.pool.query('SELECT id, state, version FROM challenge ORDER BY id')
      ).rows;
      out.bids = (await t.database.pool.query('SELECT id, state, version FROM bid ORDER BY id')).rows;
      return out;
    };

    test('intake counts are exact: collected, vetted (returned, rejected or published), published, by state', async () => {
      const { proposer, organizer, enterprise, agency } = cast;
      const draft = async (titleZh: string) =>
        (await proposer.post('/api/challenges', buildChallenge(enterprise.id, agency.id, { titleZh }))).body;
      await draft('仅草稿');
      const returned = await draft('退回修改');
      await proposer.post(`/api/challenges/${returned.id}/actions/submit`, {});
      await organizer.post(`/api/challenges/${returned.id}/actions/return`, { comment: '补充指标' });
      const rejected = await draft('不予发布');
      await proposer.post(`/api/challenges/${rejected.id}/actions/submit`, {});
      await organizer.post(`/api/challenges/${rejected.id}/actions/reject`, { comment: '不属于支持范围' });
      const waiting = await draft('待审核');
      await proposer.post(`/api/challenges/${waiting.id}/actions/submit`, {});
      // Returned, resubmitted and published: vetted once, however many times it was vetted.
      const twice = await draft('两次审核');
      await proposer.post(`/api/challenges/${twice.id}/actions/submit`, {});
      await organizer.post(`/api/challenges/${twice.id}/actions/return`, { comment: '补充' });
      await proposer.post(`/api/challenges/${twice.id}/actions/submit`, {});
      await organizer.post(`/api/challenges/${twice.id}/actions/publish`, {});
      const stats = (await t.client().get('/api/challenges/stats')).body;
      assert.deepEqual(stats, {
        collected: 5,
        vetted: 3,
        published: 1,
        byState: { draft: 1, returned: 1, rejected: 1, submitted: 1, published: 1 },
      });
    });

    test('deadline and status filters of the public listing', async () => {
      const anon = t.client();
      const early = await publishedChallenge(cast, {
        titleZh: '早截止',
        deadline: '2027-01-10T17:00:00+08:00',
      });
      const late = await publishedChallenge(cast, {
        titleZh: '晚截止',
        deadline: '2027-03-10T17:00:00+08:00',
      });
      const ids = async (qs: string) => {
        const r = await anon.get(`/api/challenges?${qs}`);
        assert.equal(r.status, 200, JSON.stringify(r.body));
        return r.body.items.map((x: { id: string }) => x.id) as string[];
      };
      const q = (k: string, v: string) => `${k}=${encodeURIComponent(v)}`;
      assert.deepEqual(
        (await ids(q('deadlineAfter', '2027-02-01T00:00:00+08:00'))).filter((x) =>
          [early.id, late.id].includes(x),
        ),
        [late.id],
      );
      assert.deepEqual(
        (await ids(q('deadlineBefore', '2027-02-01T00:00:00+08:00'))).filter((x) =>
          [early.id, late.id].includes(x),
        ),
        [early.id],
      );
      // The bounds are inclusive, to the second: 17:00 Beijing is 09:00 UTC.
      assert.ok((await ids(q('deadlineBefore', '2027-01-10T09:00:00Z'))).includes(early.id));
      assert.ok(!(await ids(q('deadlineBefore', '2027-01-10T08:59:59Z'))).includes(early.id));
      assert.ok((await ids(q('deadlineAfter', '2027-03-10T17:00:00+08:00'))).includes(late.id));
      const bad = await anon.get(`/api/challenges?${q('deadlineAfter', 'next week')}`);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'deadlineAfter');

      const start = t.clock.t;
      t.clock.t = Date.parse('2027-01-11T00:00:00Z');
      await cast.organizer.post(`/api/challenges/${early.id}/actions/close_bidding`, {});
      t.clock.t = start;
      assert.ok((await ids('state=evaluating')).includes(early.id));
      assert.ok(!(await ids('state=evaluating')).includes(late.id));
      assert.ok((await ids('state=published')).includes(late.id));
      assert.ok(!(await ids('state=published')).includes(early.id));
      const all = await ids('');
      assert.ok(all.includes(early.id) && all.includes(late.id), 'no state filter: every public state');
      const draftOnly = await anon.get('/api/challenges?state=draft');
      assert.equal(draftOnly.status, 400, 'drafts are never listed publicly');
      assert.equal(draftOnly.body.field, 'state');
    });

    test('withdrawing: the bid says withdrawn, leaves the evaluation, and its commander may bid again', async () => {
      const { solver1, hostAdmin, organizer, proposer, university } = cast;
      const start = t.clock.t;
      const c = await publishedChallenge(cast, {
        titleZh: '撤回方案',
        deadline: '2027-02-01T17:00:00+08:00',
      });
      const b = await submittedBid(solver1, hostAdmin, c, university.id, 'withdraw-1');
      const r = await solver1.post(`/api/bids/${b.id}/actions/withdraw`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.state, 'withdrawn');
      assert.deepEqual(r.body.actions, [], 'a withdrawn bid offers nothing more');
      const audit = (await cast.admin.get(`/api/audit?objectType=bid&objectId=${b.id}`)).body.items;
      assert.equal(audit[0].action, 'bid.withdraw');
      assert.equal((await solver1.post(`/api/bids/${b.id}/actions/submit`)).status, 409);
      const again = await submittedBid(solver1, hostAdmin, c, university.id, 'withdraw-2');
      assert.notEqual(again.id, b.id);
      t.clock.t = Date.parse('2027-02-02T00:00:00Z');
      assert.equal(
        (await solver1.post(`/api/bids/${again.id}/actions/withdraw`)).status,
        409,
        'no withdrawal once bidding closed',
      );
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      const seen = (await proposer.get(`/api/challenges/${c.id}/bids`)).body.items.map(
        (x: { id: string }) => x.id,
      );
      assert.deepEqual(seen, [again.id], 'the withdrawn bid is not evaluated');
      t.clock.t = start;
    });

    test('refused transitions change nothing: not a row, not a state, not an audit entry', async () => {
      const { proposer, organizer, solver1, solver2, hostAdmin, outsider, university } = cast;
      const c = await publishedChallenge(cast, {
        titleZh: '拒绝的操作',
        deadline: '2027-02-01T17:00:00+08:00',
      });
      const b = await submittedBid(solver1, hostAdmin, c, university.id, 'refused-1');
      const before = await snapshot();
      const attempts: [Promise<{ status: number }>, number][] = [
        [proposer.post(`/api/challenges/${c.id}/actions/close_bidding`, {}), 403],
        [organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {}), 409],
        [organizer.post(`/api/challenges/${c.id}/actions/announce`, {}), 409],
        [organizer.post(`/api/challenges/${c.id}/actions/award`, {}), 409],
        [organizer.post(`/api/challenges/${c.id}/actions/publish`, {}), 409],
        [organizer.post(`/api/challenges/${c.id}/actions/cancel`, {}), 400],
        [outsider.post(`/api/challenges/${c.id}/actions/cancel`, { comment: '无权' }), 403],
        [organizer.post(`/api/bids/${b.id}/actions/select`), 404], // sealed until bidding closes
        [solver2.post(`/api/bids/${b.id}/actions/withdraw`), 404],
        [solver1.post(`/api/bids/${b.id}/sign`, { as: 'commander' }), 409],
        [organizer.post(`/api/bids/${b.id}/scores`, { kind: 'organizer', score: 80 }), 409],
      ];
      const got = [];
      for (const [p] of attempts) got.push((await p).status);
      assert.deepEqual(
        got,
        attempts.map(([, status]) => status),
      );
      assert.deepEqual(await snapshot(), before);
    });
  });
}

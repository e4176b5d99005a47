// The selection side of 揭榜挂帅 over HTTP on every backend: the public notice names the intended
// winners, sanctions are re-checked at submit, select and award, expert rankings feed the bids view,
// pledge versions, cancelling with bids.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';
import {
  buildExperts,
  buildSheet,
  closedChallengeWithBids,
  insertAssignments,
  insertRound,
} from '../support/evaluation.ts';
import { messageEn } from '../support/messages.ts';

for (const kind of backends()) {
  describe(`challenge selection (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      // The clock jumps months ahead here; sessions must outlive it.
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('the public notice names the intended winner to anyone, with the objection window end', async () => {
      const { solver1, solver2, hostAdmin, organizer, university } = cast;
      const start = t.clock.t;
      const c = await publishedChallenge(cast, { titleZh: '公示测试' });
      const b1 = await submittedBid(solver1, hostAdmin, c, university.id, 'notice-bid-1');
      await submittedBid(solver2, hostAdmin, c, university.id, 'notice-bid-2');
      const anon = t.client();
      assert.deepEqual((await anon.get(`/api/challenges/${c.id}`)).body.noticeWinners, [], 'none while open');
      t.clock.t = Date.parse('2027-01-02T00:00:00Z');
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await organizer.post(`/api/bids/${b1.id}/actions/select`);
      assert.deepEqual(
        (await anon.get(`/api/challenges/${c.id}`)).body.noticeWinners,
        [],
        'a selection is not public before the notice',
      );
      assert.equal((await organizer.post(`/api/challenges/${c.id}/actions/announce`, {})).status, 200);
      const pub = await anon.get(`/api/challenges/${c.id}`);
      assert.equal(pub.status, 200);
      assert.equal(pub.body.state, 'notice');
      assert.deepEqual(pub.body.noticeWinners, [
        {
          bidId: b1.id,
          commanderName: 'solver1',
          commanderNameEn: 'solver1',
          hostOrgNameZh: '东海大学',
          hostOrgNameEn: university.nameEn,
          budgetFen: 400_000_000,
        },
      ]);
      assert.equal(pub.body.noticeEndsAt, new Date(t.clock.t + 5 * 86_400_000).toISOString());
      t.clock.t += 6 * 86_400_000;
      assert.equal((await organizer.post(`/api/challenges/${c.id}/actions/award`, {})).status, 200);
      const awarded = (await anon.get(`/api/challenges/${c.id}`)).body;
      assert.deepEqual(
        awarded.noticeWinners.map((w: { bidId: string }) => w.bidId),
        [b1.id],
      );
      t.clock.t = start;
    });

    test('a sanction that starts while the bid is a draft blocks its submission until its end day (Beijing)', async () => {
      const { solver1, member, hostAdmin, university } = cast;
      const start = t.clock.t;
      const c = await publishedChallenge(cast, { titleZh: '处理期内提交' });
      const b = (
        await solver1.request(
          'POST',
          `/api/challenges/${c.id}/bids`,
          buildBid(
            university.id,
            c.targets.map((x) => x.id),
            { members: [{ personId: member.id, role: '工艺' }] },
          ),
          { headers: { 'idempotency-key': 'sanction-draft-1' } },
        )
      ).body;
      await member.post(`/api/bids/${b.id}/confirm`);
      await solver1.post(`/api/bids/${b.id}/sign`, { as: 'commander' });
      await hostAdmin.post(`/api/bids/${b.id}/sign`, { as: 'host' });
      await asOwner(
        t.database,
        `INSERT INTO sanction (person_id, blocks, starts_on, ends_on, reason) VALUES ('${member.id}', '{bid}', '2026-11-01', '2026-11-30', '一稿多投')`,
      );
      const refused = await solver1.post(`/api/bids/${b.id}/actions/submit`);
      assert.equal(refused.status, 403);
      assert.equal(refused.body.code, 'INELIGIBLE');
      assert.equal(refused.body.field, 'members');
      assert.match(messageEn(refused.body), /team member member: barred from bidding .* until 2026-11-30/);
      assert.equal((await solver1.get(`/api/bids/${b.id}`)).body.state, 'draft', 'nothing changed');
      // 23:30 on 30 November in Beijing is still the last day of the sanction …
      t.clock.t = Date.parse('2026-11-30T15:30:00Z');
      assert.equal((await solver1.post(`/api/bids/${b.id}/actions/submit`)).status, 403);
      // … and 00:30 on 1 December in Beijing is past it, though UTC still says 30 November.
      t.clock.t = Date.parse('2026-11-30T16:30:00Z');
      const ok = await solver1.post(`/api/bids/${b.id}/actions/submit`);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.state, 'submitted');
      await asOwner(t.database, `DELETE FROM sanction WHERE person_id = '${member.id}'`);
      t.clock.t = start;
    });

    test('a sanction is checked again at selection and at award', async () => {
      const { solver1, solver2, hostAdmin, organizer, university } = cast;
      const start = t.clock.t;
      const c = await publishedChallenge(cast, {
        titleZh: '遴选与授予时复核',
        winnerSlots: 2,
        mode: 'multiple',
      });
      const b1 = await submittedBid(solver1, hostAdmin, c, university.id, 'sanction-sel-1');
      const b2 = await submittedBid(solver2, hostAdmin, c, university.id, 'sanction-sel-2');
      t.clock.t = Date.parse('2027-01-02T00:00:00Z');
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await asOwner(
        t.database,
        `INSERT INTO sanction (person_id, blocks, starts_on, ends_on, reason) VALUES ('${solver2.id}', '{bid}', '2027-01-01', '2027-12-31', '数据造假')`,
      );
      const sel = await organizer.post(`/api/bids/${b2.id}/actions/select`);
      assert.equal(sel.status, 403);
      assert.equal(sel.body.field, 'commander');
      assert.match(messageEn(sel.body), /until 2027-12-31/);
      assert.equal((await organizer.post(`/api/bids/${b1.id}/actions/select`)).status, 200);
      await organizer.post(`/api/challenges/${c.id}/actions/announce`, {});
      t.clock.t += 6 * 86_400_000;
      await asOwner(
        t.database,
        `INSERT INTO sanction (org_id, blocks, starts_on, ends_on, reason) VALUES ('${university.id}', '{bid}', '2027-01-05', '2027-03-31', '管理失职')`,
      );
      const award = await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      assert.equal(award.status, 403);
      assert.equal(award.body.field, 'hostOrgId');
      assert.match(messageEn(award.body), /host organisation: barred from bidding .* until 2027-03-31/);
      const after = (await organizer.get(`/api/challenges/${c.id}`)).body;
      assert.equal(after.state, 'notice', 'the refused award changed nothing');
      assert.deepEqual(after.taskBooks, []);
      assert.equal((await solver1.get(`/api/bids/${b1.id}`)).body.state, 'selected');
      await asOwner(
        t.database,
        `DELETE FROM sanction WHERE person_id = '${solver2.id}' OR org_id = '${university.id}'`,
      );
      t.clock.t = start;
    });

    test('the bids view shows the organizer scores until a review round ranks the bids, then the calibrated ranking', async () => {
      const { organizer, proposer } = cast;
      const start = t.clock.t;
      const { challenge, bids } = await closedChallengeWithBids(t, cast, 'selection');
      const view = async () =>
        (await organizer.get(`/api/challenges/${challenge.id}/bids`)).body.items as {
          id: string;
          proposerFit: number | null;
          evaluation: { source: string; score: number | null; rank: number | null; decision: unknown };
        }[];
      // Organizer scores stand in: 60 and 80 rank bids 1 and 0; bid 2 is unscored, listed last.
      await organizer.post(`/api/bids/${bids[0].id}/scores`, { kind: 'organizer', score: 60 });
      await organizer.post(`/api/bids/${bids[1].id}/scores`, { kind: 'organizer', score: 80 });
      await proposer.post(`/api/bids/${bids[2].id}/scores`, { kind: 'proposer_fit', score: 95 });
      let v = await view();
      assert.deepEqual(
        v.map((b) => [b.id, b.evaluation.source, b.evaluation.score, b.evaluation.rank]),
        [
          [bids[1].id, 'organizer', 80, 1],
          [bids[0].id, 'organizer', 60, 2],
          [bids[2].id, 'organizer', null, null],
        ],
      );
      assert.equal(v[2].proposerFit, 95);

      // An expert round: bid 2 is scored best by every expert, bid 1 worst.
      const experts = await buildExperts(t, 3);
      const roundId = await insertRound(t, challenge.id, organizer.id);
      await insertAssignments(
        t,
        roundId,
        bids.map((b) => ({ bidId: b.id, expertIds: experts.map((e) => e.id) })),
      );
      const sheet = [
        { innovation: 3, feasibility: 3, team: 3 },
        { innovation: 1, feasibility: 2, team: 2 },
        { innovation: 5, feasibility: 5, team: 4 },
      ];
      for (const [i, b] of bids.entries())
        for (const e of experts) {
          const r = await e.post(
            `/api/review-rounds/${roundId}/items/${b.id}/review/submit`,
            buildSheet({ scores: sheet[i] }),
          );
          assert.equal(r.status, 200, JSON.stringify(r.body));
        }
      v = await view();
      assert.equal(v[0].evaluation.source, 'organizer', 'reviews alone are not a ranking decision');
      assert.equal((await organizer.post(`/api/review-rounds/${roundId}/open-consensus`)).status, 200);
      const ranked = await organizer.post(`/api/review-rounds/${roundId}/ranking`);
      assert.equal(ranked.status, 201, JSON.stringify(ranked.body));
      const rows = ranked.body.decision.rows as { bidId: string; calibrated: number; position: number }[];
      v = await view();
      assert.deepEqual(
        v.map((b) => b.id),
        [bids[2].id, bids[0].id, bids[1].id],
      );
      for (const b of v) {
        const row = rows.find((r) => r.bidId === b.id)!;
        assert.equal(b.evaluation.source, 'expert_ranking');
        assert.equal(b.evaluation.score, row.calibrated);
        assert.equal(b.evaluation.rank, row.position);
        assert.deepEqual(b.evaluation.decision, {
          roundId,
          version: 1,
          inputsSha256: ranked.body.decision.inputsSha256,
          decidedAt: new Date(t.clock.t).toISOString(),
        });
      }
      assert.equal(v.find((b) => b.id === bids[2].id)?.proposerFit, 95, 'the proposer’s fit stays shown');
      const asProposer = (await proposer.get(`/api/challenges/${challenge.id}/bids`)).body.items;
      assert.equal(asProposer[0].evaluation.source, 'expert_ranking');
      t.clock.t = start;
    });

    test('pledge versions: changing what was signed makes a new version both must sign again; history kept', async () => {
      const { solver1, hostAdmin, university } = cast;
      const c = await publishedChallenge(cast, { titleZh: '军令状版本' });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
      );
      const b = (
        await solver1.request('POST', `/api/challenges/${c.id}/bids`, body, {
          headers: { 'idempotency-key': 'pledge-versions-1' },
        })
      ).body;
      assert.equal(b.pledgeVersion, 1);
      assert.deepEqual(b.pledgeVersions, [], 'nothing signed yet');
      await solver1.post(`/api/bids/${b.id}/sign`, { as: 'commander', pledgeVersion: 1 });
      let v = (await hostAdmin.post(`/api/bids/${b.id}/sign`, { as: 'host' })).body;
      assert.equal(v.pledgeVersions.length, 1);
      const v1 = v.pledgeVersions[0];
      assert.equal(v1.version, 1);
      assert.equal(v1.digest, v.pledgeDigest);
      assert.equal(v1.commanderSignedBy, 'solver1');
      assert.equal(v1.hostSignedBy, 'hostadmin');
      assert.equal(v1.hostSignedAt, new Date(t.clock.t).toISOString());

      // The technical route is not part of the pledge: editing it keeps the signatures.
      v = (
        await solver1.put(`/api/bids/${b.id}`, {
          version: v.version,
          bid: { ...body, technicalRoute: '改用等离子熔制' },
        })
      ).body;
      assert.equal(v.pledgeVersion, 1);
      assert.ok(v.pledgeSignedByCommander && v.pledgeSignedByHost);

      // Commitments, consequences, milestones and budget are each part of what was signed.
      const changes: Record<string, unknown>[] = [
        { budgetFen: 390_000_000 },
        { milestones: [{ ...body.milestones[0], due: '2027-07-31' }, body.milestones[1]] },
        { pledge: { ...body.pledge, consequences: '未完成则退还全部经费' } },
        { pledge: { ...body.pledge, commitments: '按期完成全部指标并开放测试数据' } },
      ];
      let current = { ...body, technicalRoute: '改用等离子熔制' };
      let expected = 1;
      for (const change of changes) {
        current = { ...current, ...change };
        const edited = await solver1.put(`/api/bids/${b.id}`, { version: v.version, bid: current });
        assert.equal(edited.status, 200, JSON.stringify(edited.body));
        v = edited.body;
        expected++;
        assert.equal(v.pledgeVersion, expected, JSON.stringify(change));
        assert.ok(!v.pledgeSignedByCommander && !v.pledgeSignedByHost, 'both signatures cleared');
        const refused = await solver1.post(`/api/bids/${b.id}/actions/submit`);
        assert.equal(refused.status, 409);
        assert.match(messageEn(refused.body), /pledge must be signed/);
      }
      // Signing what one read: an old version number is refused and signs nothing.
      const stale = await hostAdmin.post(`/api/bids/${b.id}/sign`, { as: 'host', pledgeVersion: 1 });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.field, 'pledgeVersion');
      assert.equal((await solver1.get(`/api/bids/${b.id}`)).body.pledgeSignedByHost, false);
      await solver1.post(`/api/bids/${b.id}/sign`, { as: 'commander', pledgeVersion: expected });
      v = (await hostAdmin.post(`/api/bids/${b.id}/sign`, { as: 'host', pledgeVersion: expected })).body;
      assert.deepEqual(
        v.pledgeVersions.map((x: { version: number }) => x.version),
        [expected, 1],
        'the signed versions, newest first',
      );
      assert.notEqual(v.pledgeVersions[0].digest, v1.digest);
      assert.equal((await solver1.post(`/api/bids/${b.id}/actions/submit`)).status, 200);
      // A signed version never changes, even for the database owner.
      await assert.rejects(
        asOwner(
          t.database,
          `UPDATE bid_pledge_version SET digest = repeat('0', 64) WHERE bid_id = '${b.id}'`,
        ),
        /frozen/,
      );
      await assert.rejects(
        asOwner(t.database, `DELETE FROM bid_pledge_version WHERE bid_id = '${b.id}'`),
        /kept/,
      );
      const audit = (await cast.admin.get(`/api/audit?objectType=bid&objectId=${b.id}`)).body.items.filter(
        (e: { action: string }) => e.action === 'bid.sign_pledge_host',
      );
      assert.deepEqual(
        audit.map((e: { detail: { pledgeVersion: number } }) => e.detail.pledgeVersion).sort(),
        [1, expected],
      );
    });

    test('cancelling a challenge with bids needs a reason and ends its open bids through their machine, audited', async () => {
      const { solver1, solver2, member, hostAdmin, organizer, university } = cast;
      const start = t.clock.t;
      const c = await publishedChallenge(cast, { titleZh: '撤榜', winnerSlots: 2, mode: 'multiple' });
      const submitted = await submittedBid(solver1, hostAdmin, c, university.id, 'cancel-1');
      const selected = await submittedBid(solver2, hostAdmin, c, university.id, 'cancel-2');
      const withdrawn = await submittedBid(member, hostAdmin, c, university.id, 'cancel-3');
      await member.post(`/api/bids/${withdrawn.id}/actions/withdraw`);
      t.clock.t = Date.parse('2027-01-02T00:00:00Z');
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await organizer.post(`/api/bids/${selected.id}/actions/select`);
      const count = async (sql: string) => Number((await t.database.pool.query(sql)).rows[0].n);
      const snapshot = async () => [
        await count(`SELECT count(*)::int AS n FROM audit_log`),
        await count(
          `SELECT count(*)::int AS n FROM bid WHERE challenge_id = '${c.id}' AND state = 'cancelled'`,
        ),
      ];
      const before = await snapshot();
      const bare = await organizer.post(`/api/challenges/${c.id}/actions/cancel`, {});
      assert.equal(bare.status, 400);
      assert.equal(bare.body.field, 'comment');
      assert.deepEqual(await snapshot(), before, 'a refused cancel changes nothing');
      const r = await organizer.post(`/api/challenges/${c.id}/actions/cancel`, { comment: '发榜方需求变更' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.state, 'cancelled');
      const states = Object.fromEntries(
        (await t.database.pool.query('SELECT id, state FROM bid WHERE challenge_id = $1', [c.id])).rows.map(
          (x: { id: string; state: string }) => [x.id, x.state],
        ),
      );
      assert.deepEqual(states, {
        [submitted.id]: 'cancelled',
        [selected.id]: 'cancelled',
        [withdrawn.id]: 'withdrawn',
      });
      const audit = (await cast.admin.get(`/api/audit?objectType=bid&objectId=${selected.id}`)).body.items;
      const entry = audit.find((e: { action: string }) => e.action === 'bid.cancel');
      assert.ok(entry, 'the bid’s cancellation is audited');
      assert.deepEqual(entry.detail, { challengeId: c.id, comment: '发榜方需求变更' });
      assert.equal(
        (await solver2.post(`/api/bids/${selected.id}/actions/withdraw`)).status,
        409,
        'a cancelled bid is final',
      );
      t.clock.t = start;
    });

    test('people search for the team picker: names or an exact email, public fields only, signed in', async () => {
      const { solver1, solver2, member } = cast;
      assert.equal((await t.client().get('/api/people?q=solver')).status, 401);
      const short = await solver1.get('/api/people?q=s');
      assert.equal(short.status, 400);
      assert.equal(short.body.field, 'q');
      const byName = await solver1.get('/api/people?q=SOLVER');
      assert.equal(byName.status, 200);
      assert.deepEqual(
        byName.body.map((p: { id: string }) => p.id).sort(),
        [solver1.id, solver2.id].sort(),
        'names match case-insensitively',
      );
      assert.deepEqual(Object.keys(byName.body[0]).sort(), [
        'currentOrg',
        'disciplineCodes',
        'id',
        'keywords',
        'nameEn',
        'nameZh',
        'title',
      ]);
      assert.ok(!JSON.stringify(byName.body).includes('@'), 'no email leaves the server');
      const byEmail = (await solver1.get('/api/people?q=Member@Example.cn')).body;
      assert.deepEqual(
        byEmail.map((p: { id: string }) => p.id),
        [member.id],
      );
      assert.deepEqual(
        (await solver1.get('/api/people?q=example.cn')).body,
        [],
        'a partial email finds nobody',
      );
      assert.deepEqual((await solver1.get('/api/people?q=%25%25')).body, [], 'LIKE wildcards are literal');
    });
  });
}

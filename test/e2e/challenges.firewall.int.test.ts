// Firewalls of a firm in several roles (decision 0900): the proposer and the organising agency do
// not bid on their challenge, their staff sit on no team for it, a firm's staff sit on no team
// competing with the firm's own bid, and nobody is on two teams of one challenge. Each refusal
// names its reason in both languages and changes nothing, at creation, team changes, member
// confirmation, submission, selection and award. One scenario shows a firm as proposer, solver
// and evaluator: all three firewalls hold, and the conflict rules keep its experts off its item.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import '../../src/i18n/catalogue.ts';
import { render } from '../../src/i18n/messages.ts';
import { buildTestApp } from '../support/app.ts';
import { buildBid, buildCast, buildChallenge, publishedChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { RUBRIC } from '../support/evaluation.ts';
import { buildOrganisation } from '../support/factories.ts';
import { messageEn } from '../support/messages.ts';

const DAY = 86_400_000;
type Person = TestClient & { id: string };
type Challenge = { id: string; targets: { id: string }[] };

for (const kind of backends()) {
  describe(`firewalls of a firm in several roles (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let rival: { id: string; nameZh: string; nameEn: string };
    let n = 0;

    const person = async (name: string, grants: [string, string][] = []): Promise<Person> => {
      const c = t.client();
      c.remoteAddress = `10.90.0.${++n}`; // many people join in a minute: one address each
      const email = `p${n}@firewall.cn`;
      const r = await c.register(email, 'correct horse battery', name);
      for (const [orgId, role] of grants) {
        const g = await cast.admin.post('/api/memberships/grant', { personId: r.body.id, orgId, role });
        assert.equal(g.status, 201, JSON.stringify(g.body));
      }
      await c.login(email);
      return Object.assign(c, { id: r.body.id as string });
    };
    /** Records a current employment stint on the person's own profile (no role in the organisation). */
    const employ = async (p: Person, org: { id: string; nameZh: string }) => {
      const me = (await p.get('/api/profile')).body;
      const r = await p.put('/api/profile', {
        version: me.version,
        nameZh: me.nameZh,
        nameEn: me.nameEn,
        employment: [{ orgId: org.id, orgName: org.nameZh, startDate: '2020-01-01' }],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
    };
    const open = (over: Record<string, unknown> = {}): Promise<Challenge> =>
      publishedChallenge(cast, { deadline: new Date(t.clock.t + 20 * DAY).toISOString(), ...over });
    const body = (c: Challenge, hostOrgId: string, members: string[]) =>
      buildBid(
        hostOrgId,
        c.targets.map((x) => x.id),
        { members: members.map((personId) => ({ personId, role: '研究' })) },
      );
    const create = (c: Challenge, commander: Person, hostOrgId: string, members: string[] = []) =>
      commander.request('POST', `/api/challenges/${c.id}/bids`, body(c, hostOrgId, members), {
        headers: { 'idempotency-key': `firewall-bid-${++n}` },
      });
    /** A bid taken to submitted: members confirm, both sign, the commander submits. */
    const submitted = async (c: Challenge, commander: Person, hostOrgId: string, members: Person[] = []) => {
      const b = await create(
        c,
        commander,
        hostOrgId,
        members.map((m) => m.id),
      );
      assert.equal(b.status, 201, JSON.stringify(b.body));
      for (const m of members) assert.equal((await m.post(`/api/bids/${b.body.id}/confirm`)).status, 200);
      await commander.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
      const admin = hostOrgId === cast.university.id ? cast.hostAdmin : null;
      assert.ok(admin, 'a host admin signs');
      await admin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
      const s = await commander.post(`/api/bids/${b.body.id}/actions/submit`);
      assert.equal(s.status, 200, JSON.stringify(s.body));
      return b.body as { id: string; version: number };
    };
    /** Every row a bid change could touch, whole: "nothing changed" is this staying equal. */
    const world = async () => {
      const q = async (sql: string) => (await t.database.pool.query(sql)).rows;
      return JSON.stringify({
        bid: await q('SELECT * FROM bid ORDER BY id'),
        member: await q('SELECT * FROM bid_member ORDER BY bid_id, person_id'),
        pledge: await q('SELECT * FROM bid_pledge_version ORDER BY bid_id, version'),
        taskBook: await q('SELECT id, bid_id FROM task_book ORDER BY id'),
        challenge: await q('SELECT id, state, updated_at FROM challenge ORDER BY id'),
        notification: await q('SELECT count(*)::int AS n FROM notification'),
        head: await q('SELECT seq, hash FROM audit_head'),
      });
    };
    /** An English pattern, the organisations named as English readers see them. */
    const en = (pattern: string) =>
      new RegExp(pattern.replaceAll('华晶石英', cast.enterprise.nameEn).replaceAll('东岳材料', rival.nameEn));
    /** The request is refused with this firewall, its reason said in both languages, and changes nothing. */
    const refused = async (
      request: () => Promise<{ status: number; body: Record<string, unknown> }>,
      code: string,
      en: RegExp,
      zh: RegExp,
    ) => {
      const before = await world();
      const r = await request();
      assert.equal(r.status, 403, JSON.stringify(r.body));
      assert.equal(r.body.code, 'INELIGIBLE');
      assert.ok((r.body.details as { firewall: string[] }).firewall.includes(code), JSON.stringify(r.body));
      const msg = r.body as { key: string; params?: Record<string, never> };
      assert.match(messageEn(msg), en);
      assert.match(render({ key: msg.key, params: msg.params }, 'zh-CN'), zh);
      assert.equal(await world(), before);
      return r.body;
    };

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      rival = (
        await cast.admin.post(
          '/api/organisations',
          buildOrganisation({ kind: 'enterprise', nameZh: '东岳材料', nameEn: 'Dongyue Materials' }),
        )
      ).body;
    });
    after(() => t.close());

    test('the proposer organisation and the organising agency may not host a bid on the challenge', async () => {
      const c = await open();
      const firmSolver = await person('发榜方研发员', [[cast.enterprise.id, 'solver']]);
      const hostRefusal = await refused(
        () => create(c, firmSolver, cast.enterprise.id),
        'proposer_host',
        en('华晶石英 proposed this challenge, so it may not host a bid'),
        /华晶石英是本榜单的发榜方/,
      );
      assert.equal(hostRefusal.field, 'hostOrgId');
      const agencySolver = await person('组织单位人员', [[cast.agency.id, 'solver']]);
      await refused(
        () => create(c, agencySolver, cast.agency.id),
        'organiser_host',
        /organises this challenge, so it may not host a bid/,
        /是本榜单的组织单位/,
      );
    });

    test('staff of the proposer or the agency (by role or by employment) may not be on a team', async () => {
      const c = await open();
      const byEmployment = await person('发榜方工程师');
      await employ(byEmployment, cast.enterprise);
      const staffRefusal = await refused(
        () => create(c, cast.solver1, cast.university.id, [byEmployment.id]),
        'proposer_staff',
        en('发榜方工程师 works for 华晶石英, which proposed this challenge'),
        /发榜方工程师任职于本榜单的发榜方华晶石英/,
      );
      assert.equal(staffRefusal.field, 'members');
      const agencyStaff = await person('科技厅职员', [[cast.agency.id, 'organizer']]);
      await refused(
        () => create(c, cast.solver1, cast.university.id, [agencyStaff.id]),
        'organiser_staff',
        /works for .*, which organises this challenge/,
        /任职于本榜单的组织单位/,
      );
      // A pool expert holds the evaluator role in the agency: that does not make them its staff.
      const poolExpert = await person('评审专家', [[cast.agency.id, 'evaluator']]);
      const ok = await create(c, cast.solver1, cast.university.id, [poolExpert.id]);
      assert.equal(ok.status, 201, JSON.stringify(ok.body));

      // Team changes: adding the proposer's staff to an existing bid is refused too.
      const edit = await refused(
        () =>
          cast.solver1.put(`/api/bids/${ok.body.id}`, {
            version: ok.body.version,
            bid: body(c, cast.university.id, [poolExpert.id, cast.proposer.id]),
          }),
        'proposer_staff',
        en('proposer works for 华晶石英, which proposed this challenge'),
        /任职于本榜单的发榜方华晶石英/,
      );
      assert.equal(edit.field, 'members');
    });

    test('a firm’s staff may not join a team competing with the firm’s own bid, nor anyone two teams', async () => {
      const c = await open();
      const rivalSolver = await person('东岳负责人', [[rival.id, 'solver']]);
      const rivalStaff = await person('东岳工程师');
      await employ(rivalStaff, rival);
      const rivalBid = await create(c, rivalSolver, rival.id);
      assert.equal(rivalBid.status, 201, JSON.stringify(rivalBid.body));
      await refused(
        () => create(c, cast.solver1, cast.university.id, [rivalStaff.id]),
        'competitor_staff',
        en('东岳工程师 works for 东岳材料, which hosts a competing bid'),
        /东岳工程师任职于东岳材料，该单位另有揭榜申请/,
      );
      // The mirror: the university's member already works for the rival when the rival bids.
      const c2 = await open();
      const mine = await create(c2, cast.solver1, cast.university.id, [rivalStaff.id]);
      assert.equal(mine.status, 201, JSON.stringify(mine.body));
      await refused(
        () => create(c2, rivalSolver, rival.id),
        'staff_on_competitor',
        en('东岳工程师, who works for the host organisation 东岳材料, is on a competing team'),
        /依托单位东岳材料的人员东岳工程师在本榜单的另一个竞争团队中/,
      );
      // One person, one team per challenge.
      await refused(
        () => create(c2, cast.solver2, cast.university.id, [cast.member.id, cast.solver1.id]),
        'two_teams',
        /solver1 is already on another team for this challenge/,
        /solver1已在本榜单的另一个揭榜团队中/,
      );
    });

    test('a breach arising later stops confirmation, submission, selection and award', async () => {
      const c = await open();
      const late = await person('后入职成员', [[cast.university.id, 'solver']]);
      const b = await create(c, cast.solver1, cast.university.id, [late.id]);
      assert.equal(b.status, 201, JSON.stringify(b.body));
      // The member takes a job with the proposer before confirming.
      const grant = await cast.admin.post('/api/memberships/grant', {
        personId: late.id,
        orgId: cast.enterprise.id,
        role: 'proposer',
      });
      assert.equal(grant.status, 201);
      await refused(
        () => late.post(`/api/bids/${b.body.id}/confirm`),
        'proposer_staff',
        en('后入职成员 works for 华晶石英'),
        /后入职成员任职于本榜单的发榜方/,
      );

      // Submission: a bid whose member became agency staff after confirming.
      const member = await person('借调人员', [[cast.university.id, 'solver']]);
      const s = await create(c, cast.solver2, cast.university.id, [member.id]);
      assert.equal((await member.post(`/api/bids/${s.body.id}/confirm`)).status, 200);
      await cast.solver2.post(`/api/bids/${s.body.id}/sign`, { as: 'commander' });
      await cast.hostAdmin.post(`/api/bids/${s.body.id}/sign`, { as: 'host' });
      await employ(member, cast.agency);
      await refused(
        () => cast.solver2.post(`/api/bids/${s.body.id}/actions/submit`),
        'organiser_staff',
        /借调人员 works for .*, which organises this challenge/,
        /借调人员任职于本榜单的组织单位/,
      );

      // Selection and award.
      const c3 = await open();
      const teamMate = await person('团队成员', [[cast.university.id, 'solver']]);
      const sel = await submitted(c3, cast.member, cast.university.id, [teamMate]);
      t.clock.t += 21 * DAY;
      assert.equal(
        (await cast.organizer.post(`/api/challenges/${c3.id}/actions/close_bidding`, {})).status,
        200,
      );
      await employ(teamMate, cast.enterprise);
      await refused(
        () => cast.organizer.post(`/api/bids/${sel.id}/actions/select`),
        'proposer_staff',
        en('团队成员 works for 华晶石英'),
        /团队成员任职于本榜单的发榜方/,
      );
      // Back to the university only: selected and announced; then the firm hires them before the award.
      await employ(teamMate, cast.university);
      assert.equal((await cast.organizer.post(`/api/bids/${sel.id}/actions/select`)).status, 200);
      assert.equal((await cast.organizer.post(`/api/challenges/${c3.id}/actions/announce`, {})).status, 200);
      t.clock.t += 10 * DAY;
      await employ(teamMate, cast.enterprise);
      await refused(
        () => cast.organizer.post(`/api/challenges/${c3.id}/actions/award`, {}),
        'proposer_staff',
        en('团队成员 works for 华晶石英'),
        /团队成员任职于本榜单的发榜方/,
      );
      await employ(teamMate, cast.university);
      const award = await cast.organizer.post(`/api/challenges/${c3.id}/actions/award`, {});
      assert.equal(award.status, 200, JSON.stringify(award.body));
    });

    test('one firm as proposer, solver and evaluator: three firewalls and the conflict rules', async () => {
      const firm = cast.enterprise; // 华晶石英
      const firmSolver = await person('华晶研发负责人', [[firm.id, 'solver']]);
      const firmAdmin = await person('华晶管理员', [[firm.id, 'admin']]);
      const firmEngineer = await person('华晶工程师');
      await employ(firmEngineer, firm);
      // As proposer: its own challenge C1.
      const c1 = await open({ titleZh: '华晶自有榜单' });
      // Another firm's challenge C2, on which 华晶 competes as a solver.
      const rivalProposer = await person('东岳发榜人', [[rival.id, 'proposer']]);
      const draft = await rivalProposer.post(
        '/api/challenges',
        buildChallenge(rival.id, cast.agency.id, { deadline: new Date(t.clock.t + 20 * DAY).toISOString() }),
      );
      assert.equal(draft.status, 201, JSON.stringify(draft.body));
      await rivalProposer.post(`/api/challenges/${draft.body.id}/actions/submit`, {});
      assert.equal(
        (await cast.organizer.post(`/api/challenges/${draft.body.id}/actions/publish`, {})).status,
        200,
      );
      const c2 = draft.body as Challenge;

      // Firewall 1: the proposer does not bid on its own challenge.
      await refused(
        () => create(c1, firmSolver, firm.id),
        'proposer_host',
        en('华晶石英 proposed this challenge'),
        /华晶石英是本榜单的发榜方/,
      );
      // Firewall 2: its staff sit on no team for it.
      await refused(
        () => create(c1, cast.solver1, cast.university.id, [firmEngineer.id]),
        'proposer_staff',
        en('华晶工程师 works for 华晶石英, which proposed this challenge'),
        /华晶工程师任职于本榜单的发榜方华晶石英/,
      );
      // As solver on C2: its own bid goes through.
      const firmBid = await create(c2, firmSolver, firm.id);
      assert.equal(firmBid.status, 201, JSON.stringify(firmBid.body));
      await firmSolver.post(`/api/bids/${firmBid.body.id}/sign`, { as: 'commander' });
      await firmAdmin.post(`/api/bids/${firmBid.body.id}/sign`, { as: 'host' });
      assert.equal((await firmSolver.post(`/api/bids/${firmBid.body.id}/actions/submit`)).status, 200);
      // Firewall 3: its staff sit on no competing team.
      await refused(
        () => create(c2, cast.solver1, cast.university.id, [firmEngineer.id]),
        'competitor_staff',
        en('华晶工程师 works for 华晶石英, which hosts a competing bid'),
        /华晶工程师任职于华晶石英，该单位另有揭榜申请/,
      );
      const uniBid = await submitted(c2, cast.solver1, cast.university.id);

      // As evaluator: the firm's expert is in the pool; the conflict rules keep them off its item.
      const header =
        'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load,availability,employment,publications,projects,relations';
      const rows = [`firm-expert@firewall.cn,华晶专家,,${firm.nameZh},E0207,石英；坩埚,crucible,3,,,,,`];
      for (const k of ['A', 'B', 'C']) {
        const org = (
          await cast.admin.post(
            '/api/organisations',
            buildOrganisation({ kind: 'institute', nameZh: `材料研究所${k}` }),
          )
        ).body;
        rows.push(`expert-${k}@firewall.cn,专家${k},,${org.nameZh},E0207,石英；坩埚,crucible,3,,,,,`);
      }
      const imp = await cast.organizer.request(
        'POST',
        '/api/experts/import',
        `${header}\n${rows.join('\n')}\n`,
        {
          headers: { 'content-type': 'text/csv' },
        },
      );
      assert.equal(imp.status, 200, JSON.stringify(imp.body));
      const round = await cast.organizer.post('/api/review-rounds', {
        challengeId: c2.id,
        titleZh: '初评',
        titleEn: 'First review',
        rubric: RUBRIC,
        reviewersPerItem: 2,
        dueAt: new Date(t.clock.t + 30 * DAY).toISOString(),
      });
      assert.equal(round.status, 201, JSON.stringify(round.body));
      const start = await cast.organizer.post(`/api/review-rounds/${round.body.id}/assignment-runs`);
      assert.equal(start.status, 202, JSON.stringify(start.body));
      let run = start.body;
      for (let i = 0; i < 400 && run.state !== 'done' && run.state !== 'failed'; i++) {
        await new Promise((res) => setTimeout(res, 25));
        run = (
          await cast.organizer.get(`/api/review-rounds/${round.body.id}/assignment-runs/${start.body.id}`)
        ).body;
      }
      assert.equal(run.state, 'done', run.error);
      const experts = (
        await cast.organizer.get(`/api/experts?q=${encodeURIComponent('firm-expert@firewall.cn')}`)
      ).body;
      const firmExpertId = experts.items.find((e: { nameZh: string }) => e.nameZh === '华晶专家')?.id;
      assert.ok(firmExpertId, JSON.stringify(experts));
      const conflicts = (await cast.organizer.get(`/api/review-rounds/${round.body.id}/conflicts`)).body as {
        bidId: string;
        expertId: string;
        conflicts: { code: string }[];
      }[];
      const codes = (bid: string) =>
        conflicts
          .filter((x) => x.bidId === bid && x.expertId === firmExpertId)
          .flatMap((x) => x.conflicts.map((y) => y.code));
      assert.deepEqual(codes(firmBid.body.id), ['same_org']);
      assert.deepEqual(codes(uniBid.id), []);
      const view = (await cast.organizer.get(`/api/review-rounds/${round.body.id}/assignments`)).body;
      const reviewersOf = (bid: string) =>
        view.items
          .find((it: { bidId: string }) => it.bidId === bid)
          .assignments.map((a: { expertId: string }) => a.expertId);
      assert.ok(
        !reviewersOf(firmBid.body.id).includes(firmExpertId),
        'the firm’s expert never reviews its own bid',
      );
      assert.equal(reviewersOf(firmBid.body.id).length, 2);
    });
  });
}

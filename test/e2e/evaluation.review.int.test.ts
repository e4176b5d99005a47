// Blind rubric review over HTTP on every backend: score sheets checked against the rubric with the
// weighted total computed on the server; reviewers see others' reviews only after submitting;
// a conflicted or unassigned expert is refused every object of the item; reminders for the
// overdue; consensus by a rapporteur; one rebuttal in the window; the calibrated ranking with its
// funding line, stored reproducibly; appeals on procedural grounds only; and an anonymity canary:
// no response an applicant can reach contains any reviewer's name, email or id.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import {
  buildExperts,
  buildSheet,
  closedChallengeWithBids,
  insertAssignments,
  insertRound,
} from '../support/evaluation.ts';
import { messageEn } from '../support/messages.ts';

const DAY = 86_400_000;

for (const kind of backends()) {
  describe(`blind review (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let experts: Awaited<ReturnType<typeof buildExperts>>;
    let bids: { id: string }[];
    let challengeId: string;
    let roundId: string;
    let assignmentIds: Record<string, Record<string, string>>;
    const url = (bid: { id: string }, rest = '') => `/api/review-rounds/${roundId}/items/${bid.id}${rest}`;
    const count = async (table: string) =>
      Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      const c = await closedChallengeWithBids(t, cast, 'blind');
      bids = c.bids;
      challengeId = c.challenge.id;
      experts = await buildExperts(t, 5);
      roundId = await insertRound(t, challengeId, cast.organizer.id);
      const [e0, e1, e2, e3] = experts.map((e) => e.id);
      assignmentIds = await insertAssignments(t, roundId, [
        {
          bidId: bids[0].id,
          expertIds: [e0, e1, e2, e3],
          states: ['assigned', 'assigned', 'assigned', 'conflict'],
        },
        { bidId: bids[1].id, expertIds: [e0, e1, e2] },
        { bidId: bids[2].id, expertIds: [e1, e2, e3] },
      ]);
    });
    after(() => t.close());

    test('OpenAPI documents every review step with its body', async () => {
      const r = await t.client().get('/api/openapi.json');
      const item = '/api/review-rounds/{roundId}/items/{bidId}';
      const bodies: [string, 'post' | 'put'][] = [
        [`${item}/review`, 'put'],
        [`${item}/review/submit`, 'post'],
        [`${item}/rapporteur`, 'post'],
        [`${item}/consensus`, 'put'],
        [`${item}/rebuttal`, 'post'],
        [`${item}/appeals`, 'post'],
        ['/api/review-rounds/{roundId}/rebuttal-window', 'put'],
        ['/api/review-appeals/{id}/decide', 'post'],
      ];
      for (const [p, m] of bodies) assert.ok(r.body.paths[p]?.[m]?.requestBody, `${m} ${p}`);
      for (const p of [
        '/api/reviews/queue',
        item,
        `${item}/reviews`,
        '/api/review-rounds/{roundId}/progress',
        '/api/review-rounds/{roundId}/ranking',
      ])
        assert.ok(r.body.paths[p]?.get, p);
    });

    test('the expert queue lists active assignments with the due date; a conflicted item is absent', async () => {
      const q0 = await experts[0].get('/api/reviews/queue');
      assert.equal(q0.status, 200);
      assert.deepEqual(
        q0.body.items.map((x: { bidId: string }) => x.bidId).sort(),
        [bids[0].id, bids[1].id].sort(),
      );
      assert.equal(q0.body.items[0].overdue, false);
      assert.equal(q0.body.items[0].reviewState, 'none');
      assert.ok(q0.body.items[0].dueAt);
      const q3 = await experts[3].get('/api/reviews/queue');
      assert.deepEqual(
        q3.body.items.map((x: { bidId: string }) => x.bidId),
        [bids[2].id],
      );
      assert.equal((await t.client().get('/api/reviews/queue')).status, 401);
    });

    test('bad score sheets are refused naming the field, and write nothing', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [buildSheet({ scores: { innovation: 4, team: 5 } }), 'scores.feasibility'],
        [buildSheet({ scores: { innovation: 9, feasibility: 3, team: 5 } }), 'scores.innovation'],
        [buildSheet({ scores: { innovation: 4, feasibility: 3, team: 4.5 } }), 'scores.team'],
        [buildSheet({ scores: { innovation: 4, feasibility: 3, team: 5, novelty: 2 } }), 'scores.novelty'],
        [buildSheet({ confidence: null }), 'confidence'],
        [buildSheet({ confidence: 7 }), 'confidence'],
        [buildSheet({ commentApplicant: '  ' }), 'commentApplicant'],
        [{ ...buildSheet(), surprise: 1 }, 'surprise'],
      ];
      const audit = await count('audit_log');
      for (const [body, field] of cases) {
        const r = await experts[0].post(url(bids[0], '/review/submit'), body);
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field, JSON.stringify(r.body));
      }
      assert.equal(await count('review'), 0);
      assert.equal(await count('audit_log'), audit);
    });

    test('a draft saves partially; submission computes the weighted total on the server', async () => {
      const d = await experts[0].put(url(bids[0], '/review'), {
        scores: { innovation: 4 },
        commentApplicant: '草稿',
      });
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.equal(d.body.myReview.state, 'draft');
      assert.equal(d.body.myReview.total, null);
      assert.equal(d.body.myReview.confidence, null);
      assert.equal(d.body.myReview.scores.innovation, 4);
      // innovation 4 of 1..5 → 0.75·40 = 30; feasibility 3 → 0.5·30 = 15; team 5 → 30: total 75.
      const s = await experts[0].post(url(bids[0], '/review/submit'), buildSheet({ total: 100 }));
      assert.equal(s.status, 400, 'the client cannot send a total');
      const ok = await experts[0].post(url(bids[0], '/review/submit'), buildSheet());
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.myReview.state, 'submitted');
      assert.equal(ok.body.myReview.total, 75);
      const again = await experts[0].put(url(bids[0], '/review'), buildSheet({ confidence: 1 }));
      assert.equal(again.status, 409, 'a submitted review does not change');
    });

    test('a reviewer sees the others’ reviews only after submitting, pseudonymous and without confidential comments', async () => {
      const before = await experts[1].get(url(bids[0]));
      assert.equal(before.status, 200);
      assert.deepEqual(before.body.reviews, []);
      assert.deepEqual((await experts[1].get(url(bids[0], '/reviews'))).body, []);
      await experts[1].put(url(bids[0], '/review'), buildSheet());
      assert.deepEqual(
        (await experts[1].get(url(bids[0], '/reviews'))).body,
        [],
        'a draft is not a submission',
      );
      const s = await experts[1].post(
        url(bids[0], '/review/submit'),
        buildSheet({
          scores: { innovation: 5, feasibility: 5, team: 4 },
          commentConfidential: 'CONFIDENTIAL-B',
        }),
      );
      assert.equal(s.status, 200);
      assert.equal(s.body.reviews.length, 1);
      const [other] = s.body.reviews;
      assert.equal(other.pseudonym, 'A');
      assert.equal(other.total, 75);
      const text = JSON.stringify(s.body);
      for (const leak of [experts[0].id, experts[0].name, experts[0].email, '团队与某企业关系需核实'])
        assert.ok(!text.includes(leak), `leaked ${leak}`);
      assert.equal(other.commentConfidential, undefined);
      assert.equal(other.expertId, undefined);
    });

    test('a conflicted or unassigned expert is refused every object of the item, as if it did not exist', async () => {
      const e3 = experts[3];
      const missing = '00000000-0000-4000-8000-000000000000';
      const probes: [string, string, unknown?][] = [
        ['GET', url(bids[0])],
        ['GET', url(bids[0], '/reviews')],
        ['PUT', url(bids[0], '/review'), buildSheet()],
        ['POST', url(bids[0], '/review/submit'), buildSheet()],
        ['PUT', url(bids[0], '/consensus'), { majority: 'x' }],
        ['POST', url(bids[0], '/rebuttal'), { body: 'x' }],
        ['POST', url(bids[0], '/appeals'), { ground: 'procedure_not_followed', statement: 'x' }],
        ['GET', `/api/bids/${bids[0].id}`],
        ['GET', `/api/review-rounds/${roundId}/ranking`],
        ['GET', `/api/review-rounds/${roundId}/progress`],
      ];
      const before = { review: await count('review'), audit: await count('audit_log') };
      // Expert 4 is in the pool but assigned nothing in this round.
      for (const who of [e3, experts[4]]) {
        for (const [method, path, body] of probes) {
          const r = await who.request(method, path, body);
          assert.equal(r.status, 404, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
          assert.ok(!JSON.stringify(r.body).includes('技术路线'), 'nothing of the proposal');
        }
      }
      // Unassigned: e3 has no assignment on bid 1; same answer as a non-existent item.
      const unassigned = await e3.get(url(bids[1]));
      const nonexistent = await e3.get(`/api/review-rounds/${roundId}/items/${missing}`);
      assert.equal(unassigned.status, 404);
      assert.deepEqual(unassigned.body, nonexistent.body);
      // An outsider and the proposer (not the organizer) are refused too.
      assert.equal((await cast.outsider.get(url(bids[0]))).status, 404);
      assert.equal((await cast.proposer.get(url(bids[0]))).status, 404);
      assert.deepEqual({ review: await count('review'), audit: await count('audit_log') }, before);
      // The same expert reads the item it is assigned to.
      assert.equal((await e3.get(url(bids[2]))).status, 200);
    });

    test('applicants see nothing of the reviews while reviewing is on', async () => {
      const r = await cast.solver1.get(url(bids[0]));
      assert.equal(r.status, 200);
      assert.equal(r.body.viewer, 'applicant');
      assert.deepEqual(r.body.reviews, []);
      assert.equal(r.body.reviewsReleased, false);
      assert.equal((await cast.solver1.get(url(bids[1]))).status, 404, 'another team’s item');
    });

    test('the organizer lists and reminds overdue reviewers; reminders are recorded and shown in the queue', async () => {
      assert.equal((await experts[0].post(`/api/review-rounds/${roundId}/reminders`)).status, 404);
      const early = await cast.organizer.post(`/api/review-rounds/${roundId}/reminders`);
      assert.equal(early.status, 200);
      assert.deepEqual(early.body.reminded, [], 'nobody is overdue before the due date');
      t.clock.t += 15 * DAY;
      const r = await cast.organizer.post(`/api/review-rounds/${roundId}/reminders`);
      assert.equal(r.status, 200);
      // Still to do: e2 on bids 0–2, e0 and e1 on bid 1, e1 and e3 on bid 2.
      assert.equal(r.body.reminded.length, 7);
      assert.ok(
        r.body.reminded.every((x: { expertNameZh: string }) => x.expertNameZh.startsWith('CANARYNAME')),
      );
      assert.equal(await count('review_reminder'), 7);
      const q2 = await experts[2].get('/api/reviews/queue');
      assert.ok(
        q2.body.items.every(
          (x: { overdue: boolean; lastRemindedAt: string }) => x.overdue && x.lastRemindedAt,
        ),
      );
      const p = await cast.organizer.get(`/api/review-rounds/${roundId}/progress`);
      assert.equal(p.status, 200);
      const item0 = p.body.items.find((i: { bidId: string }) => i.bidId === bids[0].id);
      assert.equal(item0.assignments.length, 4);
      assert.deepEqual(
        item0.assignments.map((a: { state: string; overdue: boolean }) => [a.state, a.overdue]),
        [
          ['submitted', false],
          ['submitted', false],
          ['assigned', true],
          ['conflict', false],
        ],
      );
    });

    test('a reviewer barred by an integrity sanction cannot submit during it, and can the day after it ends', async () => {
      const today = new Date(t.clock.t).toISOString().slice(0, 10);
      const endsOn = new Date(t.clock.t + 2 * DAY).toISOString().slice(0, 10);
      await t.database.db
        .insertInto('sanction')
        .values({
          person_id: experts[3].id,
          org_id: null,
          blocks: ['review'],
          starts_on: today,
          ends_on: endsOn,
          reason: '评审失信',
        })
        .execute();
      const sheet = buildSheet({ scores: { innovation: 4, feasibility: 3, team: 4 } });
      const r = await experts[3].post(url(bids[2], '/review/submit'), sheet);
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'INELIGIBLE');
      assert.match(
        messageEn(r.body),
        new RegExp(`barred from reviewing by an integrity sanction until ${endsOn}`),
      );
      t.clock.t = Date.parse(`${endsOn}T00:00:00Z`) + DAY + 3_600_000; // the day after it ends (clock injected)
      const afterwards = await experts[3].post(url(bids[2], '/review/submit'), sheet);
      assert.equal(afterwards.status, 200, JSON.stringify(afterwards.body));
    });

    test('late reviews are accepted and every item gets its reviews', async () => {
      // Expert 2 is severe (scores low everywhere); bid 1 is reviewed by lenient experts.
      const plan: [number, number, Record<string, number>][] = [
        [2, 0, { innovation: 2, feasibility: 2, team: 3 }],
        [0, 1, { innovation: 5, feasibility: 4, team: 4 }],
        [1, 1, { innovation: 5, feasibility: 5, team: 5 }],
        [2, 1, { innovation: 3, feasibility: 3, team: 3 }],
        [1, 2, { innovation: 4, feasibility: 4, team: 4 }],
        [2, 2, { innovation: 2, feasibility: 3, team: 2 }],
        // (expert 3 reviewed bid 2 once their sanction ended, above)
      ];
      for (const [e, b, scores] of plan) {
        const r = await experts[e].post(url(bids[b], '/review/submit'), buildSheet({ scores }));
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      assert.equal(await count('review'), 9);
    });

    test('consensus: the organizer names a rapporteur, who drafts majority and minority views; the organizer accepts', async () => {
      const open = await cast.organizer.post(`/api/review-rounds/${roundId}/open-consensus`);
      assert.equal(open.status, 200, JSON.stringify(open.body));
      assert.equal(open.body.round.state, 'consensus');
      assert.equal((await cast.organizer.post(`/api/review-rounds/${roundId}/open-consensus`)).status, 409);
      assert.equal(
        (await cast.organizer.post(`/api/review-rounds/${roundId}/reminders`)).status,
        409,
        'reviewing has ended: nobody to remind',
      );
      // A reviewer added late cannot write once reviewing has ended.
      await t.database.db
        .insertInto('review_assignment')
        .values({
          round_id: roundId,
          bid_id: bids[2].id,
          expert_id: experts[4].id,
          pseudonym: 'D',
          state: 'assigned',
          assigned_at: t.clock.now(),
        })
        .execute();
      const late = await experts[4].put(url(bids[2], '/review'), buildSheet());
      assert.equal(late.status, 409, JSON.stringify(late.body));
      const rapporteur = assignmentIds[bids[0].id][experts[1].id];
      const conflicted = assignmentIds[bids[0].id][experts[3].id];
      const bad = await cast.organizer.post(url(bids[0], '/rapporteur'), { assignmentId: conflicted });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'assignmentId');
      assert.equal(
        (await experts[1].post(url(bids[0], '/rapporteur'), { assignmentId: rapporteur })).status,
        403,
        'a reviewer does not choose the rapporteur',
      );
      const chosen = await cast.organizer.post(url(bids[0], '/rapporteur'), { assignmentId: rapporteur });
      assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
      assert.equal(chosen.body.consensus.rapporteurPseudonym, 'B');
      const draft = {
        majority: '多数意见：创新性突出。',
        minority: '少数意见：中试数据不足。',
        recommendation: 'fund',
      };
      assert.equal(
        (await experts[0].put(url(bids[0], '/consensus'), draft)).status,
        403,
        'only the rapporteur',
      );
      const early = await cast.organizer.post(url(bids[0], '/consensus/accept'));
      assert.equal(early.status, 409, 'nothing proposed yet');
      const missing = await experts[1].put(url(bids[0], '/consensus'), {
        ...draft,
        majority: '',
        propose: true,
      });
      assert.equal(missing.status, 400);
      assert.equal(missing.body.field, 'majority');
      const saved = await experts[1].put(url(bids[0], '/consensus'), { ...draft, propose: true });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal(saved.body.consensus.state, 'proposed');
      assert.equal(saved.body.consensus.mine, true);
      const seenByA = await experts[0].get(url(bids[0]));
      assert.equal(seenByA.body.consensus.minority, draft.minority);
      assert.equal(seenByA.body.consensus.mine, false);
      const applicantBefore = await cast.solver1.get(url(bids[0]));
      assert.equal(applicantBefore.body.consensus, null, 'not before acceptance');
      const accepted = await cast.organizer.post(url(bids[0], '/consensus/accept'));
      assert.equal(accepted.status, 200);
      assert.equal(accepted.body.consensus.state, 'accepted');
      assert.equal((await experts[1].put(url(bids[0], '/consensus'), draft)).status, 409);
      const applicant = await cast.solver1.get(url(bids[0]));
      assert.deepEqual(applicant.body.consensus, { ...draft, state: 'accepted' });
    });

    test('applicants now read the reviews: comments to the applicant, signed by pseudonym, nothing confidential', async () => {
      const r = await cast.solver1.get(url(bids[0]));
      assert.equal(r.body.reviewsReleased, true);
      assert.deepEqual(
        r.body.reviews.map((x: { pseudonym: string }) => x.pseudonym),
        ['A', 'B', 'C'],
      );
      for (const x of r.body.reviews) {
        assert.deepEqual(Object.keys(x).sort(), ['commentApplicant', 'pseudonym', 'scores', 'total']);
      }
      assert.ok(!JSON.stringify(r.body).includes('CONFIDENTIAL-B'));
    });

    test('rebuttal: once, by the commander, within the window; reviewers read it', async () => {
      const w = {
        opensAt: new Date(t.clock.t).toISOString(),
        closesAt: new Date(t.clock.t + 7 * DAY).toISOString(),
      };
      assert.equal((await cast.solver1.put(`/api/review-rounds/${roundId}/rebuttal-window`, w)).status, 404);
      const bad = await cast.organizer.put(`/api/review-rounds/${roundId}/rebuttal-window`, {
        ...w,
        closesAt: w.opensAt,
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'closesAt');
      assert.equal(
        (await cast.organizer.put(`/api/review-rounds/${roundId}/rebuttal-window`, w)).status,
        200,
      );
      assert.equal((await experts[0].post(url(bids[0], '/rebuttal'), { body: '答复' })).status, 403);
      const item = await cast.solver1.get(url(bids[0]));
      assert.equal(item.body.canRebut, true);
      const r = await cast.solver1.post(url(bids[0], '/rebuttal'), { body: '关于中试数据：已于附件补充。' });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.canRebut, false);
      assert.equal((await cast.solver1.post(url(bids[0], '/rebuttal'), { body: '再答' })).status, 409);
      const seen = await experts[2].get(url(bids[0]));
      assert.equal(seen.body.rebuttal.body, '关于中试数据：已于附件补充。');
      t.clock.t += 8 * DAY;
      const closed = await cast.solver2.post(url(bids[1], '/rebuttal'), { body: '过期答复' });
      assert.equal(closed.status, 409, 'the window has closed');
    });

    test('the calibrated ranking: raw vs calibrated, percentiles, funding line by budget, stored reproducibly', async () => {
      assert.equal((await experts[0].post(`/api/review-rounds/${roundId}/ranking`)).status, 404);
      const auditBefore = await count('audit_log');
      const r = await cast.organizer.post(`/api/review-rounds/${roundId}/ranking`);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const d = r.body.decision;
      assert.equal(d.version, 1);
      assert.equal(r.body.round.state, 'ranked');
      assert.equal(d.rows.length, 3);
      assert.deepEqual(
        d.rows.map((x: { position: number }) => x.position),
        [1, 2, 3],
      );
      // Three bids of 4 亿 fen each against a 9 亿 budget: two above the line.
      assert.equal(d.fundedCount, 2);
      assert.equal(d.fundedTotalFen, 800_000_000);
      assert.deepEqual(
        d.rows.map((x: { funded: boolean }) => x.funded),
        [true, true, false],
      );
      for (const x of d.rows) {
        assert.equal(typeof x.calibrated, 'number');
        assert.ok(x.standardError > 0);
        assert.ok(x.percentile >= 1 && x.percentile <= 99);
        assert.equal(typeof x.rawRank, 'number');
      }
      assert.equal(d.reviewers.length, 4);
      assert.ok(
        d.reviewers.some((x: { bias: number }) => x.bias < 0),
        'the severe expert has a negative bias',
      );
      assert.equal(await count('ranking_decision'), 1);
      assert.equal(await count('audit_log'), auditBefore + 1);
      const v = await cast.organizer.get(`/api/review-rounds/${roundId}/ranking/verify`);
      assert.deepEqual(v.body, { version: 1, inputsSha256Matches: true, outcomeReproduced: true });
      const again = await cast.organizer.post(`/api/review-rounds/${roundId}/ranking`);
      assert.equal(again.body.decision.version, 2);
      assert.deepEqual(
        again.body.decision.rows.map((x: { bidId: string }) => x.bidId),
        d.rows.map((x: { bidId: string }) => x.bidId),
      );
      const mine = await cast.solver1.get(`/api/review-rounds/${roundId}/ranking`);
      assert.equal(mine.status, 200);
      assert.deepEqual(
        mine.body.decision.rows.map((x: { bidId: string }) => x.bidId),
        [bids[0].id],
      );
      assert.equal(mine.body.decision.reviewers, undefined);
      assert.equal((await experts[0].get(`/api/review-rounds/${roundId}/ranking`)).status, 404);
      assert.equal((await cast.outsider.get(`/api/review-rounds/${roundId}/ranking`)).status, 404);
    });

    test('appeals lie only on procedural grounds and are decided with reasons', async () => {
      const merits = await cast.solver1.post(url(bids[0], '/appeals'), {
        ground: 'disagree_with_scores',
        statement: '我们认为分数偏低',
      });
      assert.equal(merits.status, 400);
      assert.equal(merits.body.field, 'ground');
      assert.equal(
        (await experts[0].post(url(bids[0], '/appeals'), { ground: 'calculation_error', statement: 'x' }))
          .status,
        403,
      );
      const a = await cast.solver1.post(url(bids[0], '/appeals'), {
        ground: 'conflict_of_interest',
        statement: '评审专家C与我方存在合作关系。',
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.equal(
        (await cast.solver1.post(url(bids[0], '/appeals'), { ground: 'calculation_error', statement: 'x' }))
          .status,
        409,
        'one pending appeal at a time',
      );
      assert.deepEqual((await experts[0].get(url(bids[0]))).body.appeals, [], 'reviewers do not see appeals');
      const noReason = await cast.organizer.post(`/api/review-appeals/${a.body.id}/decide`, {
        decision: 'dismissed',
        reasons: ' ',
      });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'reasons');
      assert.equal(
        (
          await cast.solver1.post(`/api/review-appeals/${a.body.id}/decide`, {
            decision: 'upheld',
            reasons: 'x',
          })
        ).status,
        404,
      );
      const early = await cast.organizer.post(`/api/review-rounds/${roundId}/close`);
      assert.equal(early.status, 409, 'not while an appeal is pending');
      const d = await cast.organizer.post(`/api/review-appeals/${a.body.id}/decide`, {
        decision: 'dismissed',
        reasons: '经核查，专家C与申请方无合作记录。',
      });
      assert.equal(d.status, 200);
      assert.equal(d.body.state, 'dismissed');
      const seen = await cast.solver1.get(url(bids[0]));
      assert.equal(seen.body.appeals[0].decisionReasons, '经核查，专家C与申请方无合作记录。');
      const closed = await cast.organizer.post(`/api/review-rounds/${roundId}/close`);
      assert.equal(closed.status, 200, JSON.stringify(closed.body));
      assert.equal(closed.body.round.state, 'closed');
      const afterClose = await cast.solver1.post(url(bids[0], '/appeals'), {
        ground: 'calculation_error',
        statement: '总分计算有误',
      });
      assert.equal(afterClose.status, 409);
      assert.equal((await cast.organizer.post(`/api/review-rounds/${roundId}/ranking`)).status, 409);
    });

    test('anonymity canary: nothing an applicant can reach names a reviewer', async () => {
      const markers = experts.flatMap((e) => [e.id, e.name, e.email, e.email.split('@')[0]]);
      const applicants: [TestClient, { id: string }][] = [
        [cast.solver1, bids[0]],
        [cast.solver2, bids[1]],
        [cast.member, bids[2]],
      ];
      let reached = 0;
      for (const [who, bid] of applicants) {
        const paths = [
          '/api/auth/session',
          '/api/bids/mine',
          `/api/bids/${bid.id}`,
          `/api/challenges/${challengeId}`,
          `/api/challenges/${challengeId}/bids`,
          `/api/challenges/${challengeId}/objections`,
          '/api/challenges',
          '/api/reviews/queue',
          '/api/reviews/applicant-items',
          url(bid),
          url(bid, '/reviews'),
          `/api/review-rounds/${roundId}/ranking`,
          `/api/review-rounds/${roundId}/progress`,
          `/api/review-rounds/${roundId}/ranking/verify`,
          '/api/audit',
          '/api/me',
          '/api/profile',
          '/api/notifications?pageSize=200',
        ];
        for (const p of paths) {
          const r = await who.get(p);
          if (r.status === 200) reached++;
          const text = JSON.stringify(r.body);
          for (const m of markers) assert.ok(!text.includes(m), `${p} (${r.status}) leaks ${m}`);
        }
        const items = (await who.get('/api/reviews/applicant-items')).body;
        assert.deepEqual(
          items.map((x: { bidId: string }) => x.bidId),
          [bid.id],
        );
      }
      assert.ok(reached >= 30, `the applicants reached ${reached} endpoints`);
      // The outbox: every mail to an applicant (kept here: no SMTP server) names no reviewer either.
      const applicantIds = [cast.solver1.id, cast.solver2.id, cast.member.id];
      await t.database.db.transaction().execute((tx) =>
        notify(tx, t.clock.now(), {
          kind: 'bid.notSelected',
          recipients: applicantIds,
          object: { type: 'challenge', id: challengeId, name: { zh: '评审用揭榜', en: 'Review' } },
          href: `/challenges/${challengeId}`,
        }),
      );
      const until = Date.now() + 20_000;
      while ((await count("mail_message WHERE state IN ('queued','sending')")) > 0) {
        assert.ok(Date.now() < until, 'the outbox did not drain');
        await new Promise((r) => setTimeout(r, 100));
      }
      const mails = (
        await t.database.pool.query(
          'SELECT subject, text_body, html_body FROM mail_message WHERE recipient_id = ANY($1::uuid[])',
          [applicantIds],
        )
      ).rows;
      assert.ok(mails.length >= applicantIds.length, `only ${mails.length} mails to applicants`);
      for (const m of mails)
        for (const marker of markers)
          assert.ok(!JSON.stringify(m).includes(marker), `a mail leaks ${marker}`);
      // The canary can fail: the organizer's view of the same round does name the reviewers.
      const org = JSON.stringify((await cast.organizer.get(`/api/review-rounds/${roundId}/progress`)).body);
      assert.ok(org.includes(experts[0].name));
    });
  });
}

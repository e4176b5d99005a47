// The horse race over HTTP on every backend: declaration, invitation, start with signing
// tranches, evaluation inputs, gate proposals with explanations and objections, finalisation
// with eliminations and releases, withdrawal, merging and ending early; who may see and do what.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildCast, publishedChallenge } from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';
import { buildExperts, insertAssignments, RUBRIC } from '../support/evaluation.ts';
import { lumpSum, ok, programmeFund, signTaskBook } from '../support/funding.ts';
import { messageEn } from '../support/messages.ts';
import { awardedRaceChallenge, buildRace } from '../support/race.ts';

const DAY = 86_400_000;

for (const kind of backends()) {
  describe(`race (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      // The clock jumps months ahead here; sessions must outlive it.
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    const raceCount = async () =>
      Number((await t.database.pool.query('SELECT count(*)::int AS n FROM race')).rows[0].n);

    test('OpenAPI documents every race step with its body', async () => {
      const r = await t.client().get('/api/openapi.json');
      assert.equal(r.status, 200);
      const posts = [
        '/api/races',
        '/api/races/{id}/invite',
        '/api/races/{id}/start',
        '/api/races/{id}/stages/{no}/gate',
        '/api/races/{id}/gates/{gateId}/finalize',
        '/api/races/{id}/gates/{gateId}/withdraw',
        '/api/races/{id}/gates/{gateId}/objections',
        '/api/race-objections/{id}/resolve',
        '/api/races/{id}/teams/{teamId}/withdraw',
        '/api/races/{id}/merge',
        '/api/races/{id}/end',
      ];
      for (const p of posts) assert.ok(r.body.paths[p]?.post?.requestBody, p);
      assert.ok(r.body.paths['/api/races/{id}/stages/{no}/evaluations/{teamId}']?.put?.requestBody);
      assert.ok(r.body.paths['/api/races/{id}/stages/{no}/evidence/{teamId}']?.put?.requestBody);
      assert.ok(r.body.paths['/api/races/{id}']?.get);
    });

    test('bad race declarations are refused naming the field, and write nothing', async () => {
      const { organizer, proposer } = cast;
      const { challenge } = await awardedRaceChallenge(t, cast, 'bad');
      const single = await publishedChallenge(cast, {
        titleZh: '单一揭榜',
        deadline: new Date(t.clock.t + 30 * DAY).toISOString(),
      });
      const base = buildRace(t, challenge);
      const [impurity] = challenge.targets.map((x) => x.id);
      const stage0 = base.stages[0];
      const withStage = (s: Record<string, unknown>) => ({ stages: [{ ...stage0, ...s }, base.stages[1]] });
      const cases: [Record<string, unknown>, string][] = [
        [withStage({ tieBreak: [{ kind: 'earlier_submission' }] }), 'stages.0.tieBreak'],
        [withStage({ tieBreak: [{ kind: 'lot' }, { kind: 'earlier_submission' }] }), 'stages.0.tieBreak.0'],
        [
          withStage({
            targetIds: ['00000000-0000-4000-8000-000000000000'],
            targetValues: {},
            tieBreak: [{ kind: 'lot' }],
          }),
          'stages.0.targetIds.0',
        ],
        [withStage({ gateAt: '2020-01-01T00:00:00+08:00' }), 'stages.0.gateAt'],
        [withStage({ gateAt: 'tomorrow' }), 'stages.0.gateAt'],
        [withStage({ gateAt: base.stages[1].gateAt }), 'stages.1.gateAt'],
        [withStage({ rule: { kind: 'top_k', k: 0 } }), 'stages.0.rule.k'],
        [withStage({ rule: { kind: 'threshold', minScore: '101' } }), 'stages.0.rule.minScore'],
        [
          withStage({
            targetIds: [impurity],
            targetValues: {},
            tieBreak: [{ kind: 'lot' }],
            rule: { kind: 'targets_met', targetIds: [challenge.targets[1].id] },
          }),
          'stages.0.rule.targetIds.0',
        ],
        [
          {
            tranchePlan: {
              ...base.tranchePlan,
              stages: [
                { sharePercent: 50, rankWeights: [1] },
                { sharePercent: 40, rankWeights: [1] },
              ],
            },
          },
          'tranchePlan.stages',
        ],
        [{ tranchePlan: { ...base.tranchePlan, signingPercent: 30.5 } }, 'tranchePlan.signingPercent'],
        [{ awardFen: 800_000_001 }, 'awardFen'],
        [{ awardFen: 1.5 }, 'awardFen'],
        [{ challengeId: single.id }, 'challengeId'],
        [{ surprise: true }, 'surprise'],
      ];
      for (const [override, field] of cases) {
        const before = { ...(await snapshotCounts(t.database)), race: await raceCount() };
        const r = await organizer.post('/api/races', { ...base, ...override });
        assert.equal(r.status, 400, `${field}: ${r.status} ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, field, JSON.stringify(r.body));
        assert.deepEqual({ ...(await snapshotCounts(t.database)), race: await raceCount() }, before);
      }
      assert.equal(
        (await proposer.post('/api/races', base)).status,
        403,
        'the proposer does not run the race',
      );
      assert.equal((await cast.outsider.post('/api/races', base)).status, 403);
      assert.equal(
        (await t.client().post('/api/races', base)).status,
        403,
        'anonymous: no CSRF token, nothing',
      );
      assert.equal(await raceCount(), 0);
    });

    test('three teams through two gates to a winner: notice, objection, explanations, tranches', async () => {
      const { organizer, proposer, solver1, member, outsider } = cast;
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'flow');
      const [impurity, hours] = challenge.targets.map((x) => x.id);
      const created = await organizer.post('/api/races', buildRace(t, challenge));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const raceId = created.body.id;
      assert.equal(created.body.teams.length, 2, 'the awarded bids are the field');
      assert.equal(
        (await organizer.post(`/api/races/${raceId}/invite`, { bidId: bids[0].id })).body.field,
        'bidId',
      );
      assert.equal((await solver1.post(`/api/races/${raceId}/invite`, { bidId: bids[2].id })).status, 403);
      let board = (await organizer.post(`/api/races/${raceId}/invite`, { bidId: bids[2].id })).body;
      assert.equal(board.teams.length, 3);
      const teamOf = (bidId: string) =>
        board.teams.find((x: { bidId: string }) => x.bidId === bidId).id as string;
      const [A, B, C] = bids.map((b) => teamOf(b.id));

      assert.equal((await solver1.post(`/api/races/${raceId}/start`, {})).status, 403);
      board = (await organizer.post(`/api/races/${raceId}/start`, {})).body;
      assert.equal(board.state, 'running');
      assert.deepEqual(
        board.teams.map((x: { receivedFen: number }) => x.receivedFen),
        [80_000_000, 80_000_000, 80_000_000],
        '30% of ¥8M at signing, split across the three',
      );
      assert.equal((await organizer.post(`/api/races/${raceId}/invite`, { bidId: bids[2].id })).status, 409);

      // Evaluation inputs: bad input names the field and writes nothing.
      const evalUrl = (stage: number, team: string) =>
        `/api/races/${raceId}/stages/${stage}/evaluations/${team}`;
      const badEvals: [Record<string, unknown>, string][] = [
        [{ scores: ['101'] }, 'scores.0'],
        [{ scores: ['88.123'] }, 'scores.0'],
        [{ measured: { [impurity]: 'low' } }, `measured.${impurity}`],
        [
          { measured: { '00000000-0000-4000-8000-000000000000': '1' } },
          'measured.00000000-0000-4000-8000-000000000000',
        ],
      ];
      for (const [body, field] of badEvals) {
        const before = await snapshotCounts(t.database);
        const r = await organizer.put(evalUrl(1, A), body);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.field, field);
        assert.deepEqual(await snapshotCounts(t.database), before);
      }
      assert.equal(
        (await solver1.put(evalUrl(1, A), { scores: ['100'] })).status,
        403,
        'teams do not score themselves',
      );
      await organizer.put(evalUrl(1, A), {
        measured: { [impurity]: '12', [hours]: '260' },
        scores: ['88', '90'],
        evidence: '报告 A-1',
      });
      await organizer.put(evalUrl(1, B), {
        measured: { [impurity]: '14', [hours]: '210' },
        scores: ['80', '82'],
        evidence: '报告 B-1',
      });
      await organizer.put(evalUrl(1, C), {
        measured: { [impurity]: '18', [hours]: '150' },
        scores: ['70', '75'],
        evidence: '报告 C-1',
      });

      const early = await organizer.post(`/api/races/${raceId}/stages/1/gate`, {});
      assert.equal(early.status, 409, 'not before the gate date');
      assert.match(messageEn(early.body), /opens at/);
      t.clock.t += 31 * DAY;
      assert.equal((await solver1.post(`/api/races/${raceId}/stages/1/gate`, {})).status, 403);
      assert.equal(
        (await organizer.post(`/api/races/${raceId}/stages/2/gate`, {})).status,
        409,
        'gates in order',
      );
      board = (await organizer.post(`/api/races/${raceId}/stages/1/gate`, {})).body;
      const gate1 = board.gates[0];
      assert.equal(gate1.state, 'proposed');
      assert.equal(gate1.reproducible, true);
      assert.deepEqual(gate1.advancing, [A, B]);
      assert.equal(gate1.explanations.length, 3, 'the organizer sees every explanation');
      const expC = gate1.explanations.find((e: { teamId: string }) => e.teamId === C);
      assert.equal(expC.rank, 3);
      assert.equal(expC.reasonCode, 'top_k_out');
      assert.equal(expC.meanScore, '72.50');
      assert.deepEqual(
        expC.targets.map((x: { met: boolean }) => x.met),
        [false, false],
        '18 ppm misses the interim ≤ 15, 150 h misses ≥ 200',
      );
      assert.equal(
        (await organizer.put(evalUrl(1, A), { scores: ['99'] })).status,
        409,
        'inputs are frozen while the decision is on notice',
      );

      // Teams see the public board and their own explanation only; outsiders only the board.
      const seenByC = (await member.get(`/api/races/${raceId}`)).body.gates[0];
      assert.deepEqual(
        seenByC.explanations.map((e: { teamId: string }) => e.teamId),
        [C],
      );
      assert.equal(seenByC.board.length, 3);
      const seenByOutsider = (await outsider.get(`/api/races/${raceId}`)).body;
      assert.deepEqual(seenByOutsider.gates[0].explanations, []);
      assert.deepEqual(seenByOutsider.evaluations, []);
      assert.equal((await t.client().get(`/api/races/${raceId}`)).status, 200, 'the board is public');
      assert.equal((await proposer.get(`/api/races/${raceId}`)).body.gates[0].explanations.length, 0);

      const obj = await member.post(`/api/races/${raceId}/gates/${gate1.id}/objections`, {
        text: '杂质检测样品批次有误',
      });
      assert.equal(obj.status, 201);
      const fin = `/api/races/${raceId}/gates/${gate1.id}/finalize`;
      assert.match(messageEn((await organizer.post(fin, {})).body), /notice period/);
      t.clock.t += 4 * DAY;
      assert.equal(
        (await member.post(`/api/races/${raceId}/gates/${gate1.id}/objections`, { text: '迟到的异议' }))
          .status,
        409,
      );
      assert.match(messageEn((await organizer.post(fin, {})).body), /objection/);
      assert.equal(
        (
          await solver1.post(`/api/race-objections/${obj.body.id}/resolve`, {
            decision: 'dismissed',
            resolution: 'x',
          })
        ).status,
        403,
      );
      await organizer.post(`/api/race-objections/${obj.body.id}/resolve`, {
        decision: 'dismissed',
        resolution: '复核样品批次一致，异议不成立',
      });
      assert.equal((await proposer.post(fin, {})).status, 403, 'only organizers decide gates');
      board = (await organizer.post(fin, {})).body;
      const status = () =>
        Object.fromEntries(board.teams.map((x: { id: string; status: string }) => [x.id, x.status]));
      assert.deepEqual(status(), { [A]: 'active', [B]: 'active', [C]: 'eliminated' });
      assert.equal(board.gates[0].state, 'final');
      const received = () =>
        Object.fromEntries(
          board.teams.map((x: { id: string; receivedFen: number }) => [x.id, x.receivedFen]),
        );
      assert.deepEqual(received(), { [A]: 192_000_000, [B]: 192_000_000, [C]: 80_000_000 });
      assert.equal(
        (await organizer.put(evalUrl(2, C), { scores: ['99'] })).status,
        409,
        'an eliminated team is not evaluated',
      );

      // Gate 2: the best one takes the race; equal scores are decided by the declared tie-break.
      await organizer.put(evalUrl(2, A), { measured: { [impurity]: '9', [hours]: '420' }, scores: ['90'] });
      await organizer.put(evalUrl(2, B), { measured: { [impurity]: '9.5', [hours]: '410' }, scores: ['90'] });
      t.clock.t += 60 * DAY;
      board = (await organizer.post(`/api/races/${raceId}/stages/2/gate`, {})).body;
      const gate2 = board.gates[1];
      assert.deepEqual(gate2.advancing, [A]);
      assert.equal(gate2.board[1].tieBrokenBy, 'better result on 总金属杂质含量');
      assert.equal(gate2.board.length, 2, 'only teams still in the race are ranked');
      t.clock.t += 4 * DAY;
      board = (await organizer.post(`/api/races/${raceId}/gates/${gate2.id}/finalize`, {})).body;
      assert.equal(board.state, 'finished');
      assert.deepEqual(board.winners, [A]);
      assert.deepEqual(status(), { [A]: 'winner', [B]: 'eliminated', [C]: 'eliminated' });
      assert.deepEqual(received(), { [A]: 528_000_000, [B]: 192_000_000, [C]: 80_000_000 });
      assert.equal(board.releasedFen, 800_000_000, 'the whole award, never more');
      assert.ok(board.gates.every((g: { reproducible: boolean }) => g.reproducible));
      assert.deepEqual(
        board.history.map((h: { kind: string }) => h.kind),
        [
          'create',
          'invite',
          'start',
          'gate_proposed',
          'objection_raised',
          'objection_dismissed',
          'gate_final',
          'gate_proposed',
          'gate_final',
        ],
      );
      // The database holds the money invariants even against the application.
      await assert.rejects(
        asOwner(
          t.database,
          `INSERT INTO race_tranche (race_id, team_id, stage_no, amount_fen, released_at) VALUES ('${raceId}', '${A}', 9, 1, now())`,
        ),
        /exceed the award|receives no tranche/,
      );
      await assert.rejects(
        asOwner(
          t.database,
          `UPDATE race_tranche SET amount_fen = amount_fen + 1 WHERE race_id = '${raceId}'`,
        ),
        /never changed/,
      );
      const audit = (await cast.admin.get(`/api/audit?objectType=race&objectId=${raceId}`)).body.items.map(
        (e: { action: string }) => e.action,
      );
      for (const a of [
        'race.create',
        'race.start',
        'race.propose_gate',
        'race.finalize_gate',
        'race.objection_dismissed',
      ])
        assert.ok(audit.includes(a), a);
      assert.equal(
        (await t.client().get('/api/races')).body.items.some((r: { id: string }) => r.id === raceId),
        true,
      );
    });

    test('withdrawal mid-race, merging after a gate, ending early — each with its reason', async () => {
      const { organizer, solver1, solver2 } = cast;
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'merge');
      const race = (
        await organizer.post(
          '/api/races',
          buildRace(t, challenge, {
            stages: buildRace(t, challenge).stages.map((s) => ({
              ...s,
              rule: { kind: 'threshold', minScore: '60' },
            })),
          }),
        )
      ).body;
      let board = (await organizer.post(`/api/races/${race.id}/invite`, { bidId: bids[2].id })).body;
      const [A, B, C] = bids.map(
        (b) => board.teams.find((x: { bidId: string }) => x.bidId === b.id).id as string,
      );
      assert.equal(
        (await organizer.post(`/api/races/${race.id}/merge`, { intoTeamId: A, fromTeamId: B, reason: 'x' }))
          .status,
        409,
      );
      await organizer.post(`/api/races/${race.id}/start`, {});
      assert.equal(
        (
          await organizer.post(`/api/races/${race.id}/merge`, {
            intoTeamId: A,
            fromTeamId: B,
            reason: '联合',
          })
        ).status,
        409,
        'merging comes after a gate',
      );
      assert.equal((await organizer.post(`/api/races/${race.id}/end`, { reason: '' })).body.field, 'reason');
      for (const [team, s] of [
        [A, '80'],
        [B, '75'],
        [C, '90'],
      ])
        await organizer.put(`/api/races/${race.id}/stages/1/evaluations/${team}`, { scores: [s] });
      t.clock.t += 31 * DAY;
      board = (await organizer.post(`/api/races/${race.id}/stages/1/gate`, {})).body;
      const gateId = board.gates[0].id;
      // C withdraws while the decision is on notice: it advanced on paper but is never paid.
      assert.equal(
        (await solver1.post(`/api/races/${race.id}/teams/${C}/withdraw`, { reason: '不是我的团队' })).status,
        403,
      );
      board = (
        await cast.member.post(`/api/races/${race.id}/teams/${C}/withdraw`, { reason: '核心成员调离' })
      ).body;
      assert.equal(board.teams.find((x: { id: string }) => x.id === C).status, 'withdrawn');
      t.clock.t += 4 * DAY;
      board = (await organizer.post(`/api/races/${race.id}/gates/${gateId}/finalize`, {})).body;
      const paid = Object.fromEntries(
        board.teams.map((x: { id: string; receivedFen: number }) => [x.id, x.receivedFen]),
      );
      assert.equal(paid[C], 80_000_000, 'the withdrawn team keeps only what it had');
      assert.equal(paid[A] + paid[B], 160_000_000 + 224_000_000);

      const bad = await organizer.post(`/api/races/${race.id}/merge`, {
        intoTeamId: A,
        fromTeamId: C,
        reason: '联合',
      });
      assert.equal(bad.body.field, 'fromTeamId', 'a withdrawn team cannot be merged');
      assert.equal(
        (await solver2.post(`/api/races/${race.id}/merge`, { intoTeamId: A, fromTeamId: B, reason: 'x' }))
          .status,
        403,
      );
      board = (
        await organizer.post(`/api/races/${race.id}/merge`, {
          intoTeamId: A,
          fromTeamId: B,
          reason: '两队技术路线互补，强强联合',
        })
      ).body;
      const b = board.teams.find((x: { id: string }) => x.id === B);
      assert.equal(b.status, 'merged');
      assert.equal(b.mergedInto, A);
      assert.equal((await solver1.post(`/api/races/${race.id}/end`, { reason: 'x' })).status, 403);
      board = (
        await organizer.post(`/api/races/${race.id}/end`, { reason: '联合体已达成全部指标，提前结束' })
      ).body;
      assert.equal(board.state, 'ended_early');
      assert.equal(board.endReason, '联合体已达成全部指标，提前结束');
      assert.equal(board.teams.find((x: { id: string }) => x.id === A).status, 'stopped');
      assert.deepEqual(
        board.history.map((h: { kind: string; reason: string }) => [h.kind, h.reason]).slice(-4),
        [
          ['withdraw', '核心成员调离'],
          ['gate_final', ''],
          ['merge', '两队技术路线互补，强强联合'],
          ['end_early', '联合体已达成全部指标，提前结束'],
        ],
      );
      assert.ok(board.releasedFen <= 800_000_000);
      assert.equal((await organizer.post(`/api/races/${race.id}/stages/2/gate`, {})).status, 409);
    });

    test('a review round run for stage 1 feeds the gate its calibrated scores, pinned by decision id and digest', async () => {
      const { organizer } = cast;
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'calibrated');
      const base = buildRace(t, challenge);
      const created = await organizer.post(
        '/api/races',
        buildRace(t, challenge, {
          stages: [{ ...base.stages[0], scoreSource: 'review_round' }, base.stages[1]],
        }),
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const raceId = created.body.id;
      assert.deepEqual(
        created.body.stages.map((s: { scoreSource: string }) => s.scoreSource),
        ['review_round', 'manual'],
      );
      let board = (await organizer.post(`/api/races/${raceId}/invite`, { bidId: bids[2].id })).body;
      const teamOf = (bidId: string) =>
        board.teams.find((x: { bidId: string }) => x.bidId === bidId).id as string;
      const [A, B, C] = bids.map((b) => teamOf(b.id));
      await organizer.post(`/api/races/${raceId}/start`, {});
      const typed = await organizer.put(`/api/races/${raceId}/stages/1/evaluations/${A}`, { scores: ['99'] });
      assert.equal(typed.status, 400, 'no hand-typed scores on a review-round stage');
      assert.equal(typed.body.field, 'scores');
      const [impurity] = challenge.targets.map((x) => x.id);
      for (const team of [A, B, C])
        assert.equal(
          (
            await organizer.put(`/api/races/${raceId}/stages/1/evaluations/${team}`, {
              measured: { [impurity]: '12' },
            })
          ).status,
          200,
          'measured values are still entered',
        );
      t.clock.t += 31 * DAY;
      const gateUrl = `/api/races/${raceId}/stages/1/gate`;
      const none = await organizer.post(gateUrl, {});
      assert.equal(none.status, 409);
      assert.match(messageEn(none.body), /none has been run/);

      // The round for stage 1: three experts review every team; B best, then A, then C.
      const experts = await buildExperts(t, 3);
      const round = await t.database.db
        .insertInto('review_round')
        .values({
          challenge_id: challenge.id,
          race_stage_no: 1,
          state: 'consensus',
          title_zh: '第一关函评',
          rubric: JSON.stringify(RUBRIC),
          reviewers_per_item: 3,
          coi: JSON.stringify({ years: 3 }),
          due_at: new Date(t.clock.t + 14 * DAY),
          budget_fen: 0,
          created_by: cast.organizer.id,
          created_at: t.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ids = await insertAssignments(
        t,
        round.id,
        bids.map((b) => ({
          bidId: b.id,
          expertIds: experts.map((e) => e.id),
          states: experts.map(() => 'submitted'),
        })),
      );
      const base100 = [78, 86, 61];
      for (const [i, b] of bids.entries())
        for (const [j, e] of experts.entries())
          await t.database.db
            .insertInto('review')
            .values({
              assignment_id: ids[b.id][e.id],
              scores: JSON.stringify({ innovation: 4, feasibility: 4, team: 4 }),
              total: String(base100[i] + [0, 4, -3][j]),
              confidence: 4,
              state: 'submitted',
              saved_at: t.clock.now(),
              submitted_at: t.clock.now(),
            })
            .execute();
      const unranked = await organizer.post(gateUrl, {});
      assert.equal(unranked.status, 409);
      assert.match(messageEn(unranked.body), /no ranking decision yet/);
      assert.equal((await organizer.post(`/api/review-rounds/${round.id}/ranking`)).status, 201);
      const decision = (await organizer.get(`/api/review-rounds/${round.id}/ranking`)).body.decision;
      const calibrated = new Map(
        decision.rows.map((r: { bidId: string; calibrated: number }) => [r.bidId, r.calibrated]),
      );

      board = (await organizer.post(gateUrl, {})).body;
      const gate = board.gates[0];
      assert.deepEqual(gate.scoreOrigin, {
        kind: 'review_round',
        roundId: round.id,
        decisionId: decision.id,
        version: 1,
        inputsSha256: decision.inputsSha256,
      });
      assert.deepEqual(gate.advancing, [B, A], 'ranked on the calibrated scores, top 2');
      for (const [i, team] of [A, B, C].entries()) {
        const exp = gate.explanations.find((e: { teamId: string }) => e.teamId === team);
        assert.deepEqual(exp.scores, [(calibrated.get(bids[i].id) as number).toFixed(2)]);
      }
      assert.equal(gate.reproducible, true, 'the stored inputs reproduce the outcome');
      // A later ranking version does not change a gate already proposed.
      const again = await organizer.post(`/api/review-rounds/${round.id}/ranking`);
      assert.equal(again.status, 201);
      const now = (await organizer.get(`/api/races/${raceId}`)).body.gates[0];
      assert.equal(now.scoreOrigin.decisionId, decision.id);
      assert.equal(now.reproducible, true);
    });

    test('in a funded race every release reaches the ledger, the invited team’s too', async () => {
      const { organizer, proposer, admin } = cast;
      const fund = await programmeFund(cast, 2_000_000_000, '赛马专项（全额入账）');
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'ledger');
      const base = buildRace(t, challenge);
      const race = await ok(
        organizer.post(
          '/api/races',
          buildRace(t, challenge, {
            stages: [base.stages[0], { ...base.stages[1], rule: { kind: 'top_k', k: 2 } }],
            tranchePlan: {
              ...base.tranchePlan,
              stages: [base.tranchePlan.stages[0], { sharePercent: 60, rankWeights: [1] }],
            },
          }),
        ),
      );
      let board = await ok(organizer.post(`/api/races/${race.id}/invite`, { bidId: bids[2].id }));
      const books = (await ok(proposer.get(`/api/challenges/${challenge.id}`))).taskBooks as {
        id: string;
        bidId: string;
      }[];
      assert.equal(books.length, 3, 'the invited team has a task book like the awarded ones');
      const bookOf = (bidId: string) => books.find((b) => b.bidId === bidId)!.id;
      const awards: { id: string }[] = [];
      for (const b of bids.slice(0, 2))
        awards.push(
          await ok(
            organizer.post('/api/funding/awards', {
              taskBookId: bookOf(b.id),
              fundId: fund.id,
              budget: lumpSum(),
            }),
          ),
        );
      const before = await snapshotCounts(t.database);
      const refused = await organizer.post(`/api/races/${race.id}/start`, {});
      assert.equal(refused.status, 409, 'a funded race does not start with an unfunded team');
      assert.match(messageEn(refused.body), /team 3 has no funding award/);
      assert.deepEqual(await snapshotCounts(t.database), before, 'the refused start wrote nothing');
      awards.push(
        await ok(
          organizer.post('/api/funding/awards', {
            taskBookId: bookOf(bids[2].id),
            fundId: fund.id,
            budget: lumpSum(),
          }),
        ),
      );
      board = await ok(organizer.post(`/api/races/${race.id}/start`, {}));
      const [A, B, C] = bids.map(
        (b) => board.teams.find((x: { bidId: string }) => x.bidId === b.id).id as string,
      );
      const ledgerTotal = async () => {
        let sum = 0;
        for (const a of awards) sum += (await ok(organizer.get(`/api/funding/awards/${a.id}`))).disbursedFen;
        return sum;
      };
      assert.equal(await ledgerTotal(), board.releasedFen);
      assert.equal(board.releasedFen, 240_000_000);
      for (const [stage, scores] of [
        [1, { [A]: '90', [B]: '85', [C]: '70' }],
        [2, { [A]: '92', [B]: '88' }],
      ] as const) {
        for (const [team, score] of Object.entries(scores))
          await ok(
            organizer.put(`/api/races/${race.id}/stages/${stage}/evaluations/${team}`, { scores: [score] }),
          );
        t.clock.t += (stage === 1 ? 31 : 60) * DAY;
        board = await ok(organizer.post(`/api/races/${race.id}/stages/${stage}/gate`, {}));
        t.clock.t += 4 * DAY;
        const gate = board.gates.find((g: { stageNo: number }) => g.stageNo === stage);
        board = await ok(organizer.post(`/api/races/${race.id}/gates/${gate.id}/finalize`, {}));
        assert.equal(await ledgerTotal(), board.releasedFen, `released == ledger after gate ${stage}`);
      }
      assert.equal(board.state, 'finished');
      assert.equal(board.releasedFen, 800_000_000);
      assert.deepEqual(
        Object.fromEntries(
          board.teams.map((x: { id: string; receivedFen: number }) => [x.id, x.receivedFen]),
        ),
        { [A]: 360_000_000, [B]: 360_000_000, [C]: 80_000_000 },
      );
      assert.equal((await ok(admin.get('/api/funding/ledger/verify'))).ok, true);
    });

    test('the lot is drawn once per stage: withdrawing and re-proposing a gate redraws nothing', async () => {
      const { organizer } = cast;
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'lot');
      const base = buildRace(t, challenge);
      const lotOnly = [{ kind: 'lot' }];
      const race = await ok(
        organizer.post(
          '/api/races',
          buildRace(t, challenge, {
            stages: base.stages.map((s) => ({ ...s, rule: { kind: 'top_k', k: 1 }, tieBreak: lotOnly })),
          }),
        ),
      );
      let board = await ok(organizer.post(`/api/races/${race.id}/invite`, { bidId: bids[2].id }));
      await ok(organizer.post(`/api/races/${race.id}/start`, {}));
      for (const team of board.teams as { id: string }[])
        await ok(organizer.put(`/api/races/${race.id}/stages/1/evaluations/${team.id}`, { scores: ['80'] }));
      t.clock.t += 31 * DAY;
      board = await ok(organizer.post(`/api/races/${race.id}/stages/1/gate`, {}));
      const first = board.gates[0];
      assert.equal(first.board[1].tieBrokenBy, 'lot', 'three equal scores: the lot decides');
      const order = (g: { board: { teamId: string }[] }) => g.board.map((r) => r.teamId);
      const wd = `/api/races/${race.id}/gates/${first.id}/withdraw`;
      assert.equal((await organizer.post(wd, { reason: '' })).body.field, 'reason');
      for (let i = 0; i < 3; i++) {
        const live = board.gates.find((g: { state: string }) => g.state === 'proposed');
        board = await ok(
          organizer.post(`/api/races/${race.id}/gates/${live.id}/withdraw`, { reason: `重新提议 ${i}` }),
        );
        board = await ok(organizer.post(`/api/races/${race.id}/stages/1/gate`, {}));
        const again = board.gates.find((g: { state: string }) => g.state === 'proposed');
        assert.notEqual(again.id, first.id);
        assert.equal(again.seed, first.seed, 'the stage’s seed is reused');
        assert.deepEqual(order(again), order(first), 'and so is the draw');
        assert.deepEqual(again.advancing, first.advancing);
      }
      assert.equal(
        board.gates.filter((g: { state: string }) => g.state === 'withdrawn').length,
        3,
        'every withdrawn proposal stays on the record',
      );
    });

    test('an upheld objection withdraws the proposal; only teams, organizers and the proposer may object', async () => {
      const { organizer, proposer, outsider, solver1, member } = cast;
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'objection');
      const race = await ok(organizer.post('/api/races', buildRace(t, challenge)));
      let board = await ok(organizer.post(`/api/races/${race.id}/invite`, { bidId: bids[2].id }));
      await ok(organizer.post(`/api/races/${race.id}/start`, {}));
      for (const [i, team] of (board.teams as { id: string }[]).entries())
        await ok(
          organizer.put(`/api/races/${race.id}/stages/1/evaluations/${team.id}`, {
            scores: [String(90 - i)],
          }),
        );
      t.clock.t += 31 * DAY;
      board = await ok(organizer.post(`/api/races/${race.id}/stages/1/gate`, {}));
      const gate = board.gates[0];
      const objUrl = `/api/races/${race.id}/gates/${gate.id}/objections`;
      const before = await snapshotCounts(t.database);
      assert.equal(
        (await outsider.post(objUrl, { text: '路人异议' })).status,
        403,
        'not a party to the race',
      );
      assert.equal((await t.client().post(objUrl, { text: '匿名' })).status, 403);
      assert.deepEqual(await snapshotCounts(t.database), before, 'refused objections write nothing');
      assert.equal((await outsider.get(`/api/races/${race.id}`)).body.viewer.mayObject, false);
      assert.equal((await proposer.get(`/api/races/${race.id}`)).body.viewer.mayObject, true);
      const byProposer = await proposer.post(objUrl, { text: '发榜方：检测口径与榜单不一致' });
      assert.equal(byProposer.status, 201, 'the proposer may object');
      const byTeam = await solver1.post(objUrl, { text: '我方样品未被检测' });
      assert.equal(byTeam.status, 201, 'a team in the race may object');
      const byMember = await member.post(objUrl, { text: '排名有误' });
      assert.equal(byMember.status, 201);
      // Dismiss one, uphold another: the proposal is withdrawn at once.
      await ok(
        organizer.post(`/api/race-objections/${byMember.body.id}/resolve`, {
          decision: 'dismissed',
          resolution: '排名与输入一致',
        }),
      );
      const upheld = await ok(
        organizer.post(`/api/race-objections/${byTeam.body.id}/resolve`, {
          decision: 'upheld',
          resolution: '该队样品漏检，需补测后重新决定',
        }),
      );
      assert.equal(upheld.gateWithdrawn, true);
      t.clock.t += 4 * DAY;
      const fin = await organizer.post(`/api/races/${race.id}/gates/${gate.id}/finalize`, {});
      assert.equal(fin.status, 409, 'an upheld objection blocks finalising');
      board = await ok(organizer.get(`/api/races/${race.id}`));
      assert.equal(board.gates[0].state, 'withdrawn');
      assert.equal(board.gates[0].withdrawReason, 'objection upheld: 该队样品漏检，需补测后重新决定');
      assert.deepEqual(board.history.map((h: { kind: string }) => h.kind).slice(3), [
        'gate_proposed',
        'objection_raised',
        'objection_raised',
        'objection_raised',
        'objection_dismissed',
        'objection_upheld',
        'gate_withdrawn',
      ]);
      assert.ok(
        board.history.every((h: { reason: string }) => !h.reason.includes('样品未被检测')),
        'the history does not publish what an objection says',
      );
      // The last objection is still open on the withdrawn proposal; a new proposal goes ahead.
      board = await ok(organizer.post(`/api/races/${race.id}/stages/1/gate`, {}));
      const again = board.gates.find((g: { state: string }) => g.state === 'proposed');
      assert.equal(again.seed, gate.seed);
      t.clock.t += 4 * DAY;
      board = await ok(organizer.post(`/api/races/${race.id}/gates/${again.id}/finalize`, {}));
      assert.equal(board.gates.find((g: { id: string }) => g.id === again.id).state, 'final');
    });

    test('teams submit their own evidence; where a stage requires it, a team without it does not advance', async () => {
      const { organizer, proposer, solver1, solver2, member } = cast;
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'evidence');
      const base = buildRace(t, challenge);
      const race = await ok(
        organizer.post(
          '/api/races',
          buildRace(t, challenge, {
            stages: [{ ...base.stages[0], evidenceRequired: true }, base.stages[1]],
          }),
        ),
      );
      assert.equal(race.stages[0].evidenceRequired, true);
      let board = await ok(organizer.post(`/api/races/${race.id}/invite`, { bidId: bids[2].id }));
      await ok(organizer.post(`/api/races/${race.id}/start`, {}));
      const [A, B, C] = bids.map(
        (b) => board.teams.find((x: { bidId: string }) => x.bidId === b.id).id as string,
      );
      const books = (await ok(proposer.get(`/api/challenges/${challenge.id}`))).taskBooks as {
        id: string;
        bidId: string;
      }[];
      const bookOf = (i: number) => books.find((b) => b.bidId === bids[i].id)!.id;
      await signTaskBook(cast, solver1, bookOf(0));
      await signTaskBook(cast, solver2, bookOf(1));
      const upload = async (who: typeof solver1, bookId: string) => {
        const r = await t.app.inject({
          method: 'POST',
          url: `/api/task-books/${bookId}/attachments?name=report.pdf`,
          headers: {
            cookie: [...who.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-csrf-token': who.csrf,
            'content-type': 'application/pdf',
          },
          payload: Buffer.from('%PDF-1.7\n%%EOF\n'),
        });
        assert.equal(r.statusCode, 201, r.body);
        return r.json().id as string;
      };
      const fileA = await upload(solver1, bookOf(0));
      const fileB = await upload(solver2, bookOf(1));
      const url = (team: string, stage = 1) => `/api/races/${race.id}/stages/${stage}/evidence/${team}`;
      const before = await snapshotCounts(t.database);
      assert.equal(
        (await organizer.put(url(A), { text: '代交' })).status,
        403,
        'the team submits, nobody for it',
      );
      assert.equal((await solver2.put(url(A), { text: '冒名' })).status, 403);
      const foreign = await solver1.put(url(A), { text: '报告', attachmentIds: [fileB] });
      assert.equal(foreign.status, 400);
      assert.equal(foreign.body.field, 'attachmentIds.0', 'only files of the team’s own task book');
      assert.equal((await solver1.put(url(A), { text: '' })).body.field, 'text');
      assert.equal((await solver1.put(url(A, 2), { text: '下一关' })).status, 409, 'only the open stage');
      assert.deepEqual(await snapshotCounts(t.database), before, 'refusals write nothing');
      board = await ok(solver1.put(url(A), { text: '第三方检测报告 A-1', attachmentIds: [fileA] }));
      assert.deepEqual(
        board.teamEvidence.map((e: { teamId: string; attachmentIds: string[] }) => [
          e.teamId,
          e.attachmentIds,
        ]),
        [[A, [fileA]]],
      );
      await ok(member.put(url(C), { text: '试用记录 C-1' }));
      for (const [team, score] of [
        [A, '90'],
        [B, '95'],
        [C, '80'],
      ])
        await ok(organizer.put(`/api/races/${race.id}/stages/1/evaluations/${team}`, { scores: [score] }));
      t.clock.t += 31 * DAY;
      board = await ok(organizer.post(`/api/races/${race.id}/stages/1/gate`, {}));
      const gate = board.gates[0];
      assert.deepEqual(gate.advancing, [A, C], 'B scored best but submitted no evidence');
      const expB = gate.explanations.find((e: { teamId: string }) => e.teamId === B);
      assert.equal(expB.reasonCode, 'no_evidence');
      assert.equal(expB.advanced, false);
      assert.equal(expB.rank, 3);
      assert.equal(gate.reproducible, true);
      assert.equal(
        (await solver2.put(url(B), { text: '迟交' })).status,
        409,
        'inputs frozen at the proposal',
      );
      const seenByA = (await solver1.get(`/api/races/${race.id}`)).body;
      assert.deepEqual(
        seenByA.teamEvidence.map((e: { teamId: string }) => e.teamId),
        [A],
        'a team sees its own submission only',
      );
      assert.deepEqual(
        seenByA.evidenceSubmitted.map((e: { teamId: string }) => e.teamId).sort(),
        [A, C].sort(),
      );
      assert.ok(board.history.some((h: { kind: string }) => h.kind === 'evidence'));
    });

    test('in a race the task books point to the race plan instead of a tranche schedule of their own', async () => {
      const { challenge } = await awardedRaceChallenge(t, cast, 'books');
      const detail = (await cast.proposer.get(`/api/challenges/${challenge.id}`)).body;
      assert.equal(detail.taskBooks.length, 2);
      const book = (await cast.proposer.get(`/api/task-books/${detail.taskBooks[0].id}`)).body;
      assert.equal(book.tranches.length, 1);
      assert.equal(book.tranches[0].amountFen, book.budgetFen);
      assert.match(book.tranches[0].condition, /race/);
    });

    test('no tranche goes to a team sanctioned from receiving funds, and the error says until when', async () => {
      const { organizer } = cast;
      const { challenge } = await awardedRaceChallenge(t, cast, 'funds');
      const race = (await organizer.post('/api/races', buildRace(t, challenge))).body;
      const today = new Date(t.clock.t).toISOString().slice(0, 10);
      const endsOn = new Date(t.clock.t + 2 * 86_400_000).toISOString().slice(0, 10);
      await asOwner(
        t.database,
        `INSERT INTO sanction (person_id, blocks, starts_on, ends_on, reason) VALUES ('${cast.solver1.id}', '{funds}', '${today}', '${endsOn}', '挪用经费')`,
      );
      const r = await organizer.post(`/api/races/${race.id}/start`, {});
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'INELIGIBLE');
      assert.match(
        messageEn(r.body),
        new RegExp(`barred from receiving funds by an integrity sanction until ${endsOn}`),
      );
      t.clock.t = Date.parse(`${endsOn}T00:00:00Z`) + 86_400_000 + 3_600_000; // the day after it ends
      const started = await organizer.post(`/api/races/${race.id}/start`, {});
      assert.equal(
        started.status,
        200,
        `allowed once the sanction has ended: ${JSON.stringify(started.body)}`,
      );
    });
  });
}

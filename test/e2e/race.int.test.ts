// The horse race over HTTP on every backend: declaration, invitation, start with signing
// tranches, evaluation inputs, gate proposals with explanations and objections, finalisation
// with eliminations and releases, withdrawal, merging and ending early; who may see and do what.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildCast, publishedChallenge } from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';
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
      assert.match(early.body.message, /opens at/);
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
      assert.match((await organizer.post(fin, {})).body.message, /notice period/);
      t.clock.t += 4 * DAY;
      assert.equal(
        (await member.post(`/api/races/${raceId}/gates/${gate1.id}/objections`, { text: '迟到的异议' }))
          .status,
        409,
      );
      assert.match((await organizer.post(fin, {})).body.message, /objection/);
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
        ['create', 'invite', 'start', 'gate_proposed', 'gate_final', 'gate_proposed', 'gate_final'],
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
      const audit = (await cast.admin.get(`/api/audit?objectType=race&objectId=${raceId}`)).body.map(
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
        (await t.client().get('/api/races')).body.some((r: { id: string }) => r.id === raceId),
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
      await asOwner(
        t.database,
        `INSERT INTO sanction (person_id, blocks, starts_on, ends_on, reason) VALUES ('${cast.solver1.id}', '{funds}', '${today}', '2099-01-01', '挪用经费')`,
      );
      const r = await organizer.post(`/api/races/${race.id}/start`, {});
      await asOwner(t.database, `DELETE FROM sanction WHERE person_id = '${cast.solver1.id}'`);
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'INELIGIBLE');
      assert.match(r.body.message, /barred from receiving funds by an integrity sanction until 2099-01-01/);
      assert.equal(
        (await organizer.post(`/api/races/${race.id}/start`, {})).status,
        200,
        'allowed once the sanction is gone',
      );
    });
  });
}

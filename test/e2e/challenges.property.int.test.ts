// Random action sequences against the real services (fast-check): whatever order people act
// in, a challenge never awards more bids than it has slots, never accepts a bid at or after
// the deadline, never changes its frozen targets, and its audit trail alone explains every
// state it reached; the runs must reach selection and award (one example run is known to).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson, stateDigest } from '../../src/core/audit/chain.ts';
import { BID_STATES, CHALLENGE_STATES } from '../../src/modules/challenges/challenges.ts';
import { buildTestApp } from '../support/app.ts';
import { buildBid, buildCast, buildChallenge } from '../support/challenges.ts';
import { backends } from '../support/db.ts';

type Cmd =
  | { k: 'bid'; who: number; submit: boolean }
  | { k: 'submit' | 'withdraw' | 'edit' | 'select' | 'deselect'; who: number }
  | { k: 'clock'; hours: number }
  | { k: 'close' | 'announce' | 'object' | 'resolve' | 'withdraw_notice' | 'award' | 'cancel' };

const who = fc.integer({ min: 0, max: 2 });
const clock = (max: number, min = 1) => fc.integer({ min, max }).map((hours): Cmd => ({ k: 'clock', hours }));
/** Bidding-phase activity: bids come and go, the clock ticks, someone tries to close early. */
const biddingCmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(who, fc.integer({ min: 0, max: 3 }))
      .map(([w, p]): Cmd => ({ k: 'bid', who: w, submit: p > 0 })),
  },
  { weight: 4, arbitrary: who.map((w): Cmd => ({ k: 'submit', who: w })) },
  { weight: 1, arbitrary: who.map((w): Cmd => ({ k: 'withdraw', who: w })) },
  { weight: 1, arbitrary: who.map((w): Cmd => ({ k: 'edit', who: w })) },
  { weight: 1, arbitrary: who.map((w): Cmd => ({ k: 'select', who: w })) },
  { weight: 2, arbitrary: clock(4) },
  { weight: 1, arbitrary: fc.constantFrom<Cmd>({ k: 'close' }, { k: 'award' }) },
);
/** Evaluation-phase activity: late submissions, selection, notice, objections, award. */
const evaluationCmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 2, arbitrary: who.map((w): Cmd => ({ k: 'submit', who: w })) },
  { weight: 6, arbitrary: who.map((w): Cmd => ({ k: 'select', who: w })) },
  { weight: 1, arbitrary: who.map((w): Cmd => ({ k: 'deselect', who: w })) },
  { weight: 4, arbitrary: clock(40, 6) },
  { weight: 3, arbitrary: fc.constant<Cmd>({ k: 'close' }) },
  { weight: 6, arbitrary: fc.constantFrom<Cmd>({ k: 'announce' }, { k: 'award' }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Cmd>(
      { k: 'object' },
      { k: 'resolve' },
      { k: 'withdraw_notice' },
      { k: 'cancel' },
    ),
  },
);
/** Bidding, usually a jump past the deadline, evaluation, and often a late attempt to award. */
const scenario = fc
  .tuple(
    fc.array(biddingCmd, { minLength: 3, maxLength: 15 }),
    fc.tuple(fc.integer({ min: 0, max: 9 }), clock(120, 73)).map(([p, c]) => (p < 8 ? c : null)),
    fc.array(evaluationCmd, { minLength: 8, maxLength: 24 }),
    fc.boolean(),
  )
  .map(([a, jump, b, finish]) => [
    ...a,
    ...(jump ? [jump] : []),
    ...b,
    ...(finish ? ([{ k: 'resolve' }, { k: 'clock', hours: 30 }, { k: 'award' }] as Cmd[]) : []),
  ]);

/** Replay the audit trail of one object into the state it says the object is in. */
function replayState(
  entries: { action: string; afterDigest: string | null }[],
  states: readonly string[],
  initial: string,
) {
  const byDigest = new Map(states.map((s) => [stateDigest({ state: s }), s]));
  let state = initial;
  for (const e of [...entries].reverse()) {
    if (e.action.endsWith('.create') || e.action.endsWith('.edit')) state = initial;
    else if (e.afterDigest && byDigest.has(e.afterDigest)) state = byDigest.get(e.afterDigest)!;
  }
  return state;
}

for (const kind of backends()) {
  describe(`challenge invariants under random action sequences (${kind})`, { timeout: 600_000 }, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '100000000', SESSION_MAX_HOURS: '10000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('slots, deadline, frozen targets and a complete audit trail hold for any sequence', async () => {
      const commanders = [cast.solver1, cast.solver2, cast.member];
      const reached = new Map<string, number>();
      // Selections the server accepted, over all runs: the property must exercise the late states too.
      let selectionsAccepted = 0;
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 1, max: 2 }),
          fc.integer({ min: 1, max: 72 }),
          scenario,
          async (slots, hours, cmds) => {
            run++;
            const deadline = new Date(t.clock.t + hours * 3_600_000).toISOString();
            const created = await cast.proposer.post(
              '/api/challenges',
              buildChallenge(cast.enterprise.id, cast.agency.id, {
                deadline,
                winnerSlots: slots,
                mode: slots === 1 ? 'single' : 'multiple',
                noticeDays: 1,
              }),
            );
            assert.equal(created.status, 201, JSON.stringify(created.body));
            const c = created.body;
            const frozen = canonicalJson(c.targets);
            await cast.proposer.post(`/api/challenges/${c.id}/actions/submit`, {});
            await cast.organizer.post(`/api/challenges/${c.id}/actions/publish`, {});
            const bids: (string | undefined)[] = [];
            for (const [i, x] of cmds.entries()) {
              let r: { status: number; body: any } | undefined;
              const bid = 'who' in x ? bids[x.who] : undefined;
              switch (x.k) {
                case 'bid': {
                  const commander = commanders[x.who];
                  r = await commander.request(
                    'POST',
                    `/api/challenges/${c.id}/bids`,
                    buildBid(
                      cast.university.id,
                      c.targets.map((y: { id: string }) => y.id),
                    ),
                    {
                      headers: { 'idempotency-key': `run${run}-cmd${i}-who${x.who}` },
                    },
                  );
                  if (r.status === 201) {
                    bids[x.who] = r.body.id;
                    await commander.post(`/api/bids/${r.body.id}/sign`, { as: 'commander' });
                    await cast.hostAdmin.post(`/api/bids/${r.body.id}/sign`, { as: 'host' });
                  }
                  break;
                }
                case 'submit':
                case 'withdraw':
                  if (bid) r = await commanders[x.who].post(`/api/bids/${bid}/actions/${x.k}`);
                  break;
                case 'edit':
                  if (bid) {
                    const cur = (await commanders[x.who].get(`/api/bids/${bid}`)).body;
                    r = await commanders[x.who].put(`/api/bids/${bid}`, {
                      version: cur.version,
                      bid: buildBid(
                        cast.university.id,
                        c.targets.map((y: { id: string }) => y.id),
                        { technicalRoute: `route ${i}` },
                      ),
                    });
                  }
                  break;
                case 'select':
                case 'deselect':
                  if (bid) r = await cast.organizer.post(`/api/bids/${bid}/actions/${x.k}`);
                  break;
                case 'clock':
                  t.clock.t += x.hours * 3_600_000;
                  break;
                case 'close':
                  r = await cast.organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
                  break;
                case 'object':
                  r = await cast.outsider.post(`/api/challenges/${c.id}/objections`, {
                    text: `objection ${i}`,
                  });
                  break;
                case 'resolve': {
                  const open = (await cast.organizer.get(`/api/challenges/${c.id}/objections`)).body.filter(
                    (o: { state: string }) => o.state === 'open',
                  );
                  for (const o of open)
                    r = await cast.organizer.post(`/api/objections/${o.id}/resolve`, {
                      decision: 'dismissed',
                      resolution: 'no merit',
                    });
                  break;
                }
                default:
                  r = await cast.organizer.post(
                    `/api/challenges/${c.id}/actions/${x.k}`,
                    x.k === 'cancel' ? { comment: `cancelled at step ${i}` } : {},
                  );
              }
              if (x.k === 'select' && r?.status === 200) selectionsAccepted++;
              if (process.env.PROPERTY_DEBUG && r)
                console.log(x.k, r.status, r.status >= 400 ? JSON.stringify(r.body).slice(0, 120) : '');
              if (r) assert.ok(r.status < 500, `${x.k} → ${r.status} ${JSON.stringify(r.body)}`);
            }

            // Invariants, read straight from the database.
            const rows = (
              await t.database.pool.query('SELECT id, state, submitted_at FROM bid WHERE challenge_id = $1', [
                c.id,
              ])
            ).rows;
            const won = rows.filter((b) => b.state === 'awarded' || b.state === 'selected').length;
            assert.ok(won <= slots, `${won} selected/awarded bids for ${slots} slot(s)`);
            for (const b of rows) {
              if (b.submitted_at)
                assert.ok(
                  new Date(b.submitted_at) < new Date(deadline),
                  'a bid was accepted at or after the deadline',
                );
            }
            const now = (await cast.proposer.get(`/api/challenges/${c.id}`)).body;
            reached.set(now.state, (reached.get(now.state) ?? 0) + 1);
            if (now.state === 'cancelled')
              for (const b of rows)
                assert.ok(
                  ['withdrawn', 'cancelled'].includes(b.state),
                  `a ${b.state} bid outlived its cancelled challenge`,
                );
            assert.equal(canonicalJson(now.targets), frozen, 'targets changed after publication');
            for (const tb of now.taskBooks) {
              const book = (await cast.proposer.get(`/api/task-books/${tb.id}`)).body;
              assert.equal(
                canonicalJson(book.targets),
                frozen,
                'task book targets differ from the challenge',
              );
            }
            const auditOf = async (type: string, id: string) =>
              (await cast.admin.get(`/api/audit?objectType=${type}&objectId=${id}&pageSize=500`)).body.items;
            assert.equal(
              replayState(await auditOf('challenge', c.id), CHALLENGE_STATES, 'draft'),
              now.state,
              'challenge audit does not explain its state',
            );
            for (const b of rows) {
              assert.equal(
                replayState(await auditOf('bid', b.id), BID_STATES, 'draft'),
                b.state,
                `bid audit does not explain ${b.state}`,
              );
            }
          },
        ),
        {
          // One run known to go all the way (bid, deadline, selection, notice, award), then random ones.
          examples: [
            [
              1,
              24,
              [
                { k: 'bid', who: 0, submit: true },
                { k: 'submit', who: 0 },
                { k: 'clock', hours: 30 },
                { k: 'close' },
                { k: 'select', who: 0 },
                { k: 'announce' },
                { k: 'clock', hours: 30 },
                { k: 'award' },
              ],
            ],
          ],
          numRuns: Number(process.env.PROPERTY_RUNS ?? 30),
          seed: process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : undefined,
        },
      );
      console.log('final challenge states over the runs:', JSON.stringify(Object.fromEntries(reached)));
      assert.ok(selectionsAccepted > 0, 'no run reached a selection');
      assert.ok(
        (reached.get('awarded') ?? 0) > 0,
        `no run reached an award: ${JSON.stringify([...reached])}`,
      );
    });
  });
}

// Race fixtures: an awarded race-mode challenge with three submitted bids (two awarded, one
// left to invite), and a race declaration to create on it.
import type { buildTestApp } from './app.ts';
import { type buildCast, publishedChallenge, submittedBid } from './challenges.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Cast = Awaited<ReturnType<typeof buildCast>>;

/**
 * Publishes a race-mode challenge, takes three bids (solver1, solver2, member as commanders) to
 * submitted, selects `selected` of them, and awards after the notice. Moves the clock about five weeks on.
 */
export async function awardedRaceChallenge(t: App, cast: Cast, tag: string, selected = 2) {
  const { solver1, solver2, member, hostAdmin, organizer, university } = cast;
  const deadline = t.clock.t + 30 * 86_400_000;
  const c = await publishedChallenge(cast, {
    titleZh: `石英坩埚赛马（${tag}）`,
    mode: 'race',
    winnerSlots: 3,
    deadline: new Date(deadline).toISOString(),
  });
  const bids = [];
  for (const [i, who] of [solver1, solver2, member].entries())
    bids.push(await submittedBid(who, hostAdmin, c, university.id, `race-${tag}-${i}`));
  t.clock.t = deadline + 86_400_000;
  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  };
  await ok(organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {}));
  for (const b of bids.slice(0, selected)) await ok(organizer.post(`/api/bids/${b.id}/actions/select`));
  await ok(organizer.post(`/api/challenges/${c.id}/actions/announce`, {}));
  t.clock.t += 6 * 86_400_000;
  await ok(organizer.post(`/api/challenges/${c.id}/actions/award`, {}));
  return { challenge: c, bids };
}

/** ISO date-time `days` after the clock. */
export const daysFrom = (t: App, days: number) => new Date(t.clock.t + days * 86_400_000).toISOString();

/** A two-stage race: top 2 by score at gate 1, then the best one (tie-break: purity target, submission, lot). */
export function buildRace(
  t: App,
  challenge: { id: string; targets: { id: string }[] },
  overrides: Record<string, unknown> = {},
) {
  const [impurity, hours] = challenge.targets.map((x) => x.id);
  const tieBreak = [{ kind: 'target', targetId: impurity }, { kind: 'earlier_submission' }, { kind: 'lot' }];
  return {
    challengeId: challenge.id,
    awardFen: 800_000_000,
    noticeDays: 3,
    tranchePlan: {
      signingPercent: 30,
      signingCapFen: 300_000_000,
      stages: [
        { sharePercent: 40, rankWeights: [1] },
        { sharePercent: 60, rankWeights: [3, 1] },
      ],
    },
    stages: [
      {
        titleZh: '小批量样品',
        titleEn: 'Pilot samples',
        gateAt: daysFrom(t, 30),
        targetIds: [impurity, hours],
        targetValues: { [impurity]: '15', [hours]: '200' },
        evidence: '第三方检测报告与试用记录',
        rule: { kind: 'top_k', k: 2 },
        tieBreak,
      },
      {
        titleZh: '产线验证',
        titleEn: 'Line validation',
        gateAt: daysFrom(t, 90),
        targetIds: [impurity, hours],
        evidence: '产线连续拉晶记录',
        rule: { kind: 'top_k', k: 1 },
        tieBreak,
      },
    ],
    ...overrides,
  };
}

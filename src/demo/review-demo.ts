// Demo expert review: a review round on the RV-reducer challenge (its two bids are submitted and
// scored, none selected), assigned by the exact solver from the demo expert pool and opened, so the
// organizer sees the assignment figures and the demo experts find the items in their queue. Loaded
// through the same services as the API (audited).
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import { startRun } from '../modules/evaluation/assignment.service.ts';
import { createRound, openReviews } from '../modules/evaluation/rounds.service.ts';
import { actorFor } from './actor.ts';

const ROUND_ZH = 'RV 减速器揭榜方案函评';
const CHALLENGE_ZH = '工业机器人高精度 RV 减速器';

const criterion = (key: string, nameZh: string, nameEn: string, weight: number) => ({
  key,
  nameZh,
  nameEn,
  weight,
  min: 1,
  max: 5,
  descriptors: [
    { score: 1, zh: '差', en: 'Poor' },
    { score: 3, zh: '中', en: 'Fair' },
    { score: 5, zh: '优', en: 'Excellent' },
  ],
});

/** Loads the demo review round unless it exists; returns how many rounds it made. */
export async function loadReviewDemo(base: Omit<Ctx, 'actor'>, log: (line: string) => void = () => {}) {
  if (
    await base.db.selectFrom('review_round').select('id').where('title_zh', '=', ROUND_ZH).executeTakeFirst()
  )
    return 0;
  const challenge = await base.db
    .selectFrom('challenge')
    .select('id')
    .where('title_zh', '=', CHALLENGE_ZH)
    .executeTakeFirst();
  const organizer = await accountsRepo.findPersonByEmail(base.db, 'organizer@demo.jiebang.cn');
  if (!challenge || !organizer) return 0;
  const ctx: Ctx = { ...base, actor: await actorFor(base, organizer.id) };
  const round = await createRound(ctx, {
    challengeId: challenge.id,
    titleZh: ROUND_ZH,
    titleEn: 'RV reducer proposals: written review',
    rubric: [
      criterion('innovation', '创新性', 'Innovation', 30),
      criterion('feasibility', '技术路线可行性', 'Feasibility of the technical route', 30),
      criterion('team', '团队能力', 'Team capability', 20),
      criterion('value', '应用价值', 'Application value', 20),
    ],
    reviewersPerItem: 3,
    fairness: false,
    coi: { orgYears: 3, coauthorYears: 3, projectYears: 3, maxExclusions: 3, acceptance: false },
    dueAt: new Date(base.now().getTime() + 21 * 86_400_000).toISOString(),
    budgetFen: 800_000_000,
    tieBreak: 'confidence',
    rebuttalAllowed: true,
    raceStageNo: null,
  });
  const run = await startRun(ctx, round.id, { wait: true });
  await openReviews(ctx, round.id);
  log(`review round: ${ROUND_ZH} (assigned ${(run.stats as { assigned?: number }).assigned ?? '?'} reviews)`);
  return 1;
}

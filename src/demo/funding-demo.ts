// Demo funding, loaded through the same services as the API (so it is audited): the agency's
// programme fund with this year's appropriation, and the awarded (non-race) task book funded as a
// lump-sum award with its signing tranche released.
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import { appropriate, createAward, createFund, releaseTranche } from '../modules/funding/funding.service.ts';
import { actorFor } from './actor.ts';

const FUND_ZH = '东海省重点研发计划（揭榜挂帅专项）';

/** Loads the demo fund and award unless the fund exists; returns how many funds it made. */
export async function loadFundingDemo(
  base: Omit<Ctx, 'actor'>,
  log: (line: string) => void = () => {},
): Promise<number> {
  if (await base.db.selectFrom('fund').select('id').where('name_zh', '=', FUND_ZH).executeTakeFirst())
    return 0;
  const organizer = await accountsRepo.findPersonByEmail(base.db, 'organizer@demo.jiebang.cn');
  if (!organizer) throw new Error('demo organizer is missing: load the demo (loadDemo) first');
  const ctx: Ctx = { ...base, actor: await actorFor(base, organizer.id) };
  const agencyId = ctx.actor!.roles.find((r) => r.role === 'organizer')!.orgId;
  const fund = await createFund(ctx, {
    kind: 'programme',
    orgId: agencyId,
    nameZh: FUND_ZH,
    nameEn: 'Donghai Key R&D Programme (open competition)',
    fiscalYear: base.now().getUTCFullYear(),
  });
  await appropriate(ctx, fund.id, 5_000_000_000, '年度预算 / annual appropriation', 'demo-appropriation-1');
  const book = await base.db
    .selectFrom('task_book as t')
    .innerJoin('challenge as c', 'c.id', 't.challenge_id')
    .select(['t.id', 't.budget_fen'])
    .where('t.state', '=', 'active')
    .where('c.mode', '<>', 'race')
    .where('c.organiser_org_id', '=', agencyId)
    .orderBy('t.created_at')
    .executeTakeFirst();
  log(`fund: ${FUND_ZH} (¥50,000,000)`);
  if (!book) return 1;
  const award = await createAward(ctx, {
    taskBookId: book.id,
    fundId: fund.id,
    cofundFen: 0,
    budget: { mode: 'lump_sum', totalFen: book.budget_fen },
  });
  await releaseTranche(ctx, award.id, 0, 'demo-release-signing');
  log(`award: task book ${book.id} funded, signing tranche released`);
  return 1;
}

// Loads the demo challenges through the challenge services, each taken to its stage: a draft,
// one open for bids, one evaluating two submitted bids, one awarded with a signed task book.
// The loader runs on the real clock; the stages past the deadline are played on a clock set
// back in time, so their deadlines, notices and signatures lie in the past, as they would have.
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import { grantMembership } from '../modules/accounts/accounts.service.ts';
import {
  bidAction,
  confirmParticipation,
  createBid,
  scoreBid,
  signPledge,
} from '../modules/challenges/bids.service.ts';
import {
  challengeAction,
  createChallenge,
  getChallenge,
  listMine,
} from '../modules/challenges/challenges.service.ts';
import { signTaskBook } from '../modules/challenges/delivery.service.ts';
import { actorFor } from './actor.ts';
import { DEMO_ADMIN, DEMO_CHALLENGES, DEMO_PEOPLE, type DemoChallenge } from './demo-data.ts';

const DAY = 86_400_000;
const NOTICE_DAYS = 5;

/** 17:00 Beijing time (09:00 UTC) on the Beijing calendar day of `d`: how deadlines are set in practice. */
function beijingFivePm(d: Date): Date {
  const b = new Date(d.getTime() + 8 * 3_600_000);
  return new Date(Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate(), 9, 0, 0));
}

const addMonths = (d: Date, m: number) => {
  const x = new Date(d);
  x.setUTCMonth(x.getUTCMonth() + m);
  return x.toISOString().slice(0, 10);
};

/** Creates the demo challenges unless the first one's proposer already lists any; returns how many it made. */
export async function loadDemoChallenges(
  base: Ctx,
  orgIds: Map<string, string>,
  log: (line: string) => void,
): Promise<number> {
  const realNow = base.now();
  const people = new Map<string, string>();
  for (const p of [...DEMO_PEOPLE, { email: DEMO_ADMIN.email }]) {
    const row = await accountsRepo.findPersonByEmail(base.db, p.email);
    if (row) people.set(p.email.split('@')[0], row.id);
  }
  const personId = (who: string) => {
    const id = people.get(who);
    if (!id) throw new Error(`demo person ${who} is missing`);
    return id;
  };
  /** A context acting as `who` with the clock at `at`. */
  const as = async (who: string, at: Date): Promise<Ctx> => ({
    ...base,
    actor: await actorFor(base, personId(who)),
    now: () => at,
  });
  const first = DEMO_CHALLENGES[0];
  const mine = await listMine(await as(first.proposer, realNow), {
    page: 1,
    pageSize: 1,
    sort: 'updatedAt',
    order: 'desc',
  });
  if (mine.total > 0) return 0;

  // The platform admin also administers the host organisations, to countersign pledges.
  const adminCtx = await as('admin', realNow);
  const hostOrgs = new Set<string>();
  for (const c of DEMO_CHALLENGES)
    for (const b of c.bids) hostOrgs.add(DEMO_PEOPLE.find((p) => p.email.startsWith(`${b.commander}@`))!.org);
  for (const key of hostOrgs)
    await grantMembership(adminCtx, { personId: personId('admin'), orgId: orgIds.get(key)!, role: 'admin' });

  const agencyId = orgIds.get('dept')!;
  for (const [i, c] of DEMO_CHALLENGES.entries()) {
    // Open challenges start now; the others started long enough ago to have passed each step.
    const start =
      c.stage === 'awarded'
        ? new Date(realNow.getTime() - 90 * DAY)
        : c.stage === 'evaluating'
          ? new Date(realNow.getTime() - 50 * DAY)
          : realNow;
    const deadline = beijingFivePm(
      new Date(start.getTime() + (c.stage === 'published' || c.stage === 'draft' ? 45 : 30) * DAY),
    );
    await loadOne(c, i, start, deadline, agencyId, orgIds, as, personId);
    log(`challenge: ${c.titleEn} (${c.stage})`);
  }
  log(`challenges: ${DEMO_CHALLENGES.length}`);
  return DEMO_CHALLENGES.length;
}

async function loadOne(
  c: DemoChallenge,
  index: number,
  start: Date,
  deadline: Date,
  agencyId: string,
  orgIds: Map<string, string>,
  as: (who: string, at: Date) => Promise<Ctx>,
  personId: (who: string) => string,
) {
  const at = (ms: number) => new Date(start.getTime() + ms);
  const proposerAt = (t: Date) => as(c.proposer, t);
  const organizerAt = (t: Date) => as('organizer', t);
  const created = await createChallenge(await proposerAt(start), {
    orgId: orgIds.get(c.org)!,
    organiserOrgId: agencyId,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    statementZh: c.statementZh,
    statementEn: c.statementEn,
    disciplineCodes: c.disciplineCodes,
    keywords: c.keywords,
    regionCode: null,
    budgetCeilingFen: c.budgetCeilingYuan * 100,
    cofundFen: c.cofundYuan * 100,
    deadline: deadline.toISOString(),
    durationMonths: c.durationMonths,
    ipTerms: c.ipTerms,
    winnerSlots: 1,
    mode: 'single',
    eligibility: [],
    noticeDays: NOTICE_DAYS,
    targets: c.targets.map((t) => ({
      metric: t.metric,
      unit: t.unit,
      comparator: t.comparator,
      threshold: t.threshold,
      thresholdHigh: t.thresholdHigh ?? null,
      verification: t.verification,
      verifier: t.verifier,
      verifierName: t.verifierName ?? '',
      mandatory: t.mandatory ?? true,
    })),
  });
  if (c.stage === 'draft') return;
  await challengeAction(await proposerAt(at(3_600_000)), created.id, 'submit', '');
  await challengeAction(await organizerAt(at(DAY)), created.id, 'publish', '通过审核 / approved');
  if (c.stage === 'published') return;

  // Bids, each taken to submitted: members confirm, commander and host sign the pledge, submit.
  const bidIds: string[] = [];
  for (const [j, b] of c.bids.entries()) {
    const t = at((3 + j) * DAY);
    const commander = await as(b.commander, t);
    const hostOrgId = commander.actor!.roles.find((r) => r.role === 'solver')!.orgId;
    const { bid } = await createBid(commander, created.id, `demo-bid-${index}-${j}`, {
      hostOrgId,
      technicalRoute: b.technicalRoute,
      budgetFen: b.budgetYuan * 100,
      milestones: b.milestones.map((m) => ({
        title: m.title,
        due: addMonths(deadline, m.monthsAfterDeadline),
        deliverables: m.deliverables,
        targetValues: Object.fromEntries(
          created.targets.flatMap((x, k) => (m.values[k] ? [[x.id, m.values[k]]] : [])),
        ),
      })),
      pledge: b.pledge,
      members: b.members.map((m) => ({ personId: personId(m.who), role: m.role })),
    });
    for (const m of b.members) await confirmParticipation(await as(m.who, t), bid.id);
    await signPledge(commander, bid.id, 'commander');
    await signPledge(await as('admin', t), bid.id, 'host');
    await bidAction(commander, bid.id, 'submit');
    bidIds.push(bid.id);
  }

  // Past the deadline: close bidding, score (organizer) and judge fit (proposer).
  const closed = new Date(deadline.getTime() + 3_600_000);
  await challengeAction(await organizerAt(closed), created.id, 'close_bidding', '');
  for (const [j, b] of c.bids.entries()) {
    const t = new Date(closed.getTime() + DAY);
    await scoreBid(await organizerAt(t), bidIds[j], {
      kind: 'organizer',
      score: b.scores.organizer,
      comment: '',
    });
    await scoreBid(await proposerAt(t), bidIds[j], {
      kind: 'proposer_fit',
      score: b.scores.fit,
      comment: '',
    });
  }
  if (c.stage === 'evaluating') return;

  // Select the best, announce, award after the notice, and both parties sign the task book.
  const best = c.bids.reduce((k, b, j) => (b.scores.organizer > c.bids[k].scores.organizer ? j : k), 0);
  const decided = new Date(closed.getTime() + 2 * DAY);
  await bidAction(await organizerAt(decided), bidIds[best], 'select');
  await challengeAction(await organizerAt(decided), created.id, 'announce', '');
  const awarded = new Date(decided.getTime() + (NOTICE_DAYS + 1) * DAY);
  await challengeAction(await organizerAt(awarded), created.id, 'award', '');
  const { taskBooks } = await getChallenge(await organizerAt(awarded), created.id);
  const signed = new Date(awarded.getTime() + 2 * DAY);
  await signTaskBook(await as(c.bids[best].commander, signed), taskBooks[0].id);
  await signTaskBook(await proposerAt(signed), taskBooks[0].id);
}

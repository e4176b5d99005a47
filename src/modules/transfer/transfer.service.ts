// Achievement transformation use-cases: the catalogue, demands, two-way matching, deals (thread,
// terms, price notice and objections, signatures, registration), payments on the transfer journal
// and reward distributions. Every change is one transaction with its audit entry; every object is
// authorised on the server (the seller's transfer office is the owner organisation's admins).
// Locks, in this order: achievement row, then deal row.

import { sql, type Updateable } from 'kysely';
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { decide } from '../../core/workflow/machine.ts';
import type { TransferDealTable } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import { searchWords } from '../challenges/challenges.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { checkPatentNumber } from './ipnumber.ts';
import { buildMatchIndex, type MatchDoc, type MatchIndex, matchTop } from './match.ts';
import { computeRewards } from './rewards.ts';
import {
  type AchievementKind,
  beijingYear,
  type ContractType,
  contractTypeOf,
  DEAL_MACHINE,
  type DealAction,
  type DealState,
  type Offer,
  type Pricing,
  registrationNumber,
  rewardBasisOf,
  type Side,
} from './transfer.ts';

type Q = Ctx['db'];
type Name = { zh: string; en: string };
const nm = (zh: string | null | undefined, en: string | null | undefined): Name => ({
  zh: zh ?? '',
  en: en || zh || '',
});

// ---------- who is who ----------

const inOrg = (actor: Actor | null, orgId: string) => !!actor?.roles.some((r) => r.orgId === orgId);
const isOffice = (actor: Actor | null, orgId: string) => hasRole(actor, 'admin', orgId);
const isBuyer = (actor: Actor | null, orgId: string) =>
  hasRole(actor, 'proposer', orgId) || hasRole(actor, 'admin', orgId);

type AchRow = Awaited<ReturnType<typeof findAchievement>> & {};
type DealRow = NonNullable<Awaited<ReturnType<typeof findDeal>>>;

const findAchievement = (q: Q, id: string) =>
  q.selectFrom('transfer_achievement').selectAll().where('id', '=', id).executeTakeFirst();
const lockAchievement = (tx: Tx, id: string) =>
  tx.selectFrom('transfer_achievement').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
const findDeal = (q: Q, id: string) =>
  q.selectFrom('transfer_deal').selectAll().where('id', '=', id).executeTakeFirst();
const lockDeal = (tx: Tx, id: string) =>
  tx.selectFrom('transfer_deal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

function canEditAchievement(actor: Actor | null, a: { org_id: string; created_by: string }) {
  return !!actor && (actor.personId === a.created_by || isOffice(actor, a.org_id));
}
function canReadAchievement(actor: Actor | null, a: { org_id: string; state: string }) {
  return a.state === 'listed' || inOrg(actor, a.org_id) || isPlatformAdmin(actor);
}

/** The actor's relations to a deal: seller (the lister or the office), office, buyer. */
function dealRelations(actor: Actor | null, d: DealRow, a: { created_by: string }): Set<string> {
  const out = new Set<string>();
  if (!actor) return out;
  if (isOffice(actor, d.seller_org_id)) out.add('office').add('seller');
  if (actor.personId === a.created_by) out.add('seller');
  if (isBuyer(actor, d.buyer_org_id)) out.add('buyer');
  return out;
}
const sideOf = (rel: Set<string>): Side | null =>
  rel.has('seller') ? 'seller' : rel.has('buyer') ? 'buyer' : null;

async function sellerPeople(tx: Tx, d: DealRow): Promise<string[]> {
  const a = await findAchievement(tx, d.achievement_id);
  const office = await activeWith(tx, d.seller_org_id, ['admin']);
  return [...new Set([a?.created_by ?? '', ...office])].filter(Boolean);
}
async function activeWith(q: Q, orgId: string, roles: string[]) {
  const rows = await q
    .selectFrom('membership')
    .select('person_id')
    .where('org_id', '=', orgId)
    .where('role', 'in', roles)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.person_id);
}

// ---------- achievements ----------

export interface InventorInput {
  personId?: string | null;
  nameZh: string;
  nameEn?: string;
  shareBp: number;
}
export interface AchievementInput {
  orgId: string;
  kind: AchievementKind;
  ipNumber?: string | null;
  titleZh: string;
  titleEn: string;
  abstractZh: string;
  abstractEn: string;
  keywords: string[];
  disciplineCodes: string[];
  ipcCodes: string[];
  trl: number;
  offers: Offer[];
  askingPriceFen: number | null;
  inventors: InventorInput[];
  sourceTaskBookId?: string | null;
  list: boolean;
}

function checkAchievementInput(input: AchievementInput) {
  let ip: { number: string | null; kind: string | null; year: number | null } = {
    number: input.ipNumber?.trim() || null,
    kind: null,
    year: null,
  };
  if (input.kind === 'patent') {
    if (!input.ipNumber) throw invalid('ipNumber', t('transfer.patentNumberRequired'));
    const c = checkPatentNumber(input.ipNumber);
    if (!c.valid) throw invalid('ipNumber', t(`transfer.patent.${c.reason}`));
    ip = { number: c.number, kind: c.kind, year: c.filingYear };
  }
  const total = input.inventors.reduce((s, i) => s + i.shareBp, 0);
  if (input.inventors.length === 0) throw invalid('inventors', t('transfer.inventorsRequired'));
  if (total !== 10000) throw invalid('inventors', t('transfer.sharesSum', { total: total / 100 }));
  return ip;
}

export async function createAchievement(ctx: Ctx, input: AchievementInput) {
  const actor = requireActor(ctx.actor);
  if (!inOrg(actor, input.orgId) && !isPlatformAdmin(actor))
    throw new AppError('FORBIDDEN', t('transfer.onlyMembersList'), 'orgId');
  const ip = checkAchievementInput(input);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const people = input.inventors.map((i) => i.personId).filter((x): x is string => !!x);
    if (people.length) {
      const found = await tx.selectFrom('person').select('id').where('id', 'in', people).execute();
      if (found.length !== new Set(people).size) throw invalid('inventors', t('transfer.unknownPerson'));
    }
    let sourceChallenge: string | null = null;
    if (input.sourceTaskBookId) {
      const tb = await tx
        .selectFrom('task_book as tb')
        .innerJoin('bid as b', 'b.id', 'tb.bid_id')
        .select(['tb.id', 'tb.challenge_id', 'tb.state', 'b.host_org_id'])
        .where('tb.id', '=', input.sourceTaskBookId)
        .executeTakeFirst();
      if (!tb || tb.host_org_id !== input.orgId)
        throw invalid('sourceTaskBookId', t('transfer.taskBookNotOurs'));
      if (tb.state !== 'accepted') throw invalid('sourceTaskBookId', t('transfer.taskBookNotAccepted'));
      sourceChallenge = tb.challenge_id;
      const taken = await tx
        .selectFrom('transfer_achievement')
        .select('id')
        .where('source_task_book_id', '=', tb.id)
        .executeTakeFirst();
      if (taken) throw new AppError('DUPLICATE', t('transfer.taskBookListed'), 'sourceTaskBookId');
    }
    if (ip.number && input.kind === 'patent') {
      const dup = await tx
        .selectFrom('transfer_achievement')
        .select('id')
        .where('ip_number', '=', ip.number)
        .where('kind', '=', 'patent')
        .where('state', '<>', 'withdrawn')
        .executeTakeFirst();
      if (dup) throw new AppError('DUPLICATE', t('transfer.patentListed'), 'ipNumber');
    }
    const row = await tx
      .insertInto('transfer_achievement')
      .values({
        org_id: input.orgId,
        created_by: actor.personId,
        state: input.list ? 'listed' : 'draft',
        kind: input.kind,
        ip_number: ip.number,
        patent_kind: ip.kind,
        filing_year: ip.year,
        title_zh: input.titleZh,
        title_en: input.titleEn,
        abstract_zh: input.abstractZh,
        abstract_en: input.abstractEn,
        keywords: input.keywords,
        discipline_codes: input.disciplineCodes,
        ipc_codes: input.ipcCodes,
        trl: input.trl,
        offers: input.offers,
        asking_price_fen: input.askingPriceFen,
        source_challenge_id: sourceChallenge,
        source_task_book_id: input.sourceTaskBookId ?? null,
        listed_at: input.list ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('transfer_inventor')
      .values(
        input.inventors.map((i, no) => ({
          achievement_id: row.id,
          no,
          person_id: i.personId ?? null,
          name_zh: i.nameZh,
          name_en: i.nameEn ?? '',
          share_bp: i.shareBp,
        })),
      )
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'transfer.achievement_create',
      objectType: 'transfer_achievement',
      objectId: row.id,
      after: input,
    });
    if (input.list) await alertSavedSearches(tx, now, row.id);
    return presentAchievement(tx, ctx, row);
  });
}

/**
 * An accepted challenge deliverable as an achievement to list, pre-filled: the host organisation,
 * the challenge's title, statement, keywords and codes, the team as contributors with equal shares
 * (exact to the basis point), the task book as its source. Members of the host organisation only;
 * a deliverable already listed is refused.
 */
export async function listingFromTaskBook(ctx: Ctx, taskBookId: string) {
  const actor = requireActor(ctx.actor);
  const tb = await ctx.db
    .selectFrom('task_book as tb')
    .innerJoin('bid as b', 'b.id', 'tb.bid_id')
    .innerJoin('challenge as c', 'c.id', 'tb.challenge_id')
    .select([
      'tb.id',
      'tb.state',
      'b.id as bid_id',
      'b.host_org_id',
      'b.commander_id',
      'c.title_zh',
      'c.title_en',
      'c.statement_zh',
      'c.statement_en',
      'c.keywords',
      'c.discipline_codes',
    ])
    .where('tb.id', '=', taskBookId)
    .executeTakeFirst();
  if (!tb || !inOrg(actor, tb.host_org_id)) throw notFound(t('transfer.notFound.taskBook'));
  if (tb.state !== 'accepted') throw new AppError('ILLEGAL_TRANSITION', t('transfer.taskBookNotAccepted'));
  const taken = await ctx.db
    .selectFrom('transfer_achievement')
    .select('id')
    .where('source_task_book_id', '=', tb.id)
    .executeTakeFirst();
  if (taken) throw new AppError('DUPLICATE', t('transfer.taskBookListed'), 'sourceTaskBookId');
  const members = await ctx.db
    .selectFrom('bid_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name_zh', 'p.name_en'])
    .where('m.bid_id', '=', tb.bid_id)
    .orderBy('p.name_zh')
    .execute();
  const commander = await ctx.db
    .selectFrom('person')
    .select(['id', 'name_zh', 'name_en'])
    .where('id', '=', tb.commander_id)
    .executeTakeFirstOrThrow();
  const team = [commander, ...members.filter((m) => m.id !== commander.id)];
  const each = Math.floor(10000 / team.length);
  return {
    orgId: tb.host_org_id,
    kind: 'knowHow' as const,
    titleZh: tb.title_zh,
    titleEn: tb.title_en,
    abstractZh: tb.statement_zh.slice(0, 5000),
    abstractEn: tb.statement_en.slice(0, 5000),
    keywords: tb.keywords,
    disciplineCodes: tb.discipline_codes,
    ipcCodes: [] as string[],
    trl: 6,
    offers: ['transfer'] as Offer[],
    inventors: team.map((p, i) => ({
      personId: p.id,
      nameZh: p.name_zh,
      nameEn: p.name_en ?? '',
      // The commander takes the basis points equal shares leave over, so they sum to 10000.
      shareBp: each + (i === 0 ? 10000 - each * team.length : 0),
    })),
    sourceTaskBookId: tb.id,
  };
}

/** List (publish) or withdraw an achievement: its lister or the organisation's transfer office. */
export async function achievementAction(ctx: Ctx, id: string, action: 'list' | 'withdraw') {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await lockAchievement(tx, id);
    if (!a || !canReadAchievement(actor, a)) throw notFound(t('transfer.notFound.achievement'));
    if (!canEditAchievement(actor, a)) throw forbidden(t('transfer.onlyListerOrOffice'));
    const from = action === 'list' ? ['draft'] : ['draft', 'listed'];
    if (!from.includes(a.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('transfer.achievementState', { state: stateOf('achievement', a.state) }),
      );
    const row = await tx
      .updateTable('transfer_achievement')
      .set(
        action === 'list'
          ? { state: 'listed', listed_at: now, updated_at: now }
          : { state: 'withdrawn', updated_at: now },
      )
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: `transfer.achievement_${action}`,
      objectType: 'transfer_achievement',
      objectId: id,
      before: { state: a.state },
      after: { state: row.state },
    });
    if (action === 'list') await alertSavedSearches(tx, now, id);
    return presentAchievement(tx, ctx, row);
  });
}

async function orgNames(q: Q, ids: string[]) {
  const rows = ids.length
    ? await q.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : [];
  return new Map(rows.map((r) => [r.id, nm(r.name_zh, r.name_en)]));
}
async function personNames(q: Q, ids: string[]) {
  const rows = ids.length
    ? await q.selectFrom('person').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : [];
  return new Map(rows.map((r) => [r.id, nm(r.name_zh, r.name_en)]));
}

async function presentAchievement(q: Q, ctx: Ctx, a: AchRow) {
  const inventors = await q
    .selectFrom('transfer_inventor')
    .selectAll()
    .where('achievement_id', '=', a.id)
    .orderBy('no')
    .execute();
  const org = (await orgNames(q, [a.org_id])).get(a.org_id);
  let source: { challengeId: string; title: Name } | null = null;
  if (a.source_challenge_id) {
    const c = await q
      .selectFrom('challenge')
      .select(['id', 'title_zh', 'title_en'])
      .where('id', '=', a.source_challenge_id)
      .executeTakeFirst();
    if (c) source = { challengeId: c.id, title: nm(c.title_zh, c.title_en) };
  }
  return {
    id: a.id,
    orgId: a.org_id,
    org: org ?? nm('', ''),
    state: a.state as 'draft' | 'listed' | 'withdrawn',
    kind: a.kind,
    ipNumber: a.ip_number,
    patentKind: a.patent_kind,
    filingYear: a.filing_year,
    title: nm(a.title_zh, a.title_en),
    abstract: nm(a.abstract_zh, a.abstract_en),
    keywords: a.keywords,
    disciplineCodes: a.discipline_codes,
    ipcCodes: a.ipc_codes,
    trl: a.trl,
    offers: a.offers,
    askingPriceFen: a.asking_price_fen,
    source,
    inventors: inventors.map((i) => ({
      name: nm(i.name_zh, i.name_en),
      shareBp: i.share_bp,
      onPlatform: !!i.person_id,
    })),
    listedAt: a.listed_at?.toISOString() ?? null,
    canEdit: canEditAchievement(ctx.actor, a),
    /** The actor's organisations that could express interest (proposer or admin there, not the owner). */
    canExpressInterest: a.state === 'listed' && buyerOrgs(ctx.actor).some((o) => o !== a.org_id),
  };
}

const buyerOrgs = (actor: Actor | null) => [
  ...new Set(
    (actor?.roles ?? []).filter((r) => r.role === 'proposer' || r.role === 'admin').map((r) => r.orgId),
  ),
];

export async function getAchievement(ctx: Ctx, id: string) {
  const a = await findAchievement(ctx.db, id);
  if (!a || !canReadAchievement(ctx.actor, a)) throw notFound(t('transfer.notFound.achievement'));
  return presentAchievement(ctx.db, ctx, a);
}

const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Listed achievements (anyone), or the actor's organisations' own (`mine`), newest first, paged. */
export async function listAchievements(
  ctx: Ctx,
  f: { q?: string; kind?: string; mine?: boolean; page: number; pageSize: number },
) {
  let base = ctx.db.selectFrom('transfer_achievement as a');
  if (f.mine) {
    const orgs = (ctx.actor?.roles ?? []).map((r) => r.orgId);
    base = base.where('a.org_id', 'in', orgs.length ? orgs : ['00000000-0000-0000-0000-000000000000']);
  } else base = base.where('a.state', '=', 'listed');
  if (f.kind) base = base.where('a.kind', '=', f.kind);
  if (f.q) {
    const p = like(f.q);
    base = base.where((eb) =>
      eb.or([
        eb('a.title_zh', 'ilike', p),
        eb('a.title_en', 'ilike', p),
        eb('a.abstract_zh', 'ilike', p),
        eb('a.abstract_en', 'ilike', p),
        eb(sql<string>`array_to_string(a.keywords, ' ')`, 'ilike', p),
        eb('a.ip_number', 'ilike', p),
      ]),
    );
  }
  const total = Number(
    (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await base
    .selectAll('a')
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const orgs = await orgNames(ctx.db, [...new Set(rows.map((r) => r.org_id))]);
  return {
    items: rows.map((a) => ({
      id: a.id,
      title: nm(a.title_zh, a.title_en),
      org: orgs.get(a.org_id) ?? nm('', ''),
      kind: a.kind,
      state: a.state,
      ipNumber: a.ip_number,
      trl: a.trl,
      offers: a.offers,
      askingPriceFen: a.asking_price_fen,
      keywords: a.keywords,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

// ---------- demands ----------

export interface DemandInput {
  orgId: string;
  titleZh: string;
  titleEn: string;
  problemZh: string;
  problemEn: string;
  keywords: string[];
  disciplineCodes: string[];
  industryCode: string | null;
  regionCode: string | null;
  budgetMinFen: number;
  budgetMaxFen: number;
  deadline: string;
  alert: boolean;
}

export async function createDemand(ctx: Ctx, input: DemandInput) {
  const actor = requireActor(ctx.actor);
  if (!isBuyer(actor, input.orgId) && !isPlatformAdmin(actor))
    throw new AppError('FORBIDDEN', t('transfer.onlyEnterprisePosts'), 'orgId');
  if (input.budgetMaxFen < input.budgetMinFen) throw invalid('budgetMaxFen', t('transfer.budgetRange'));
  const now = ctx.now();
  if (input.deadline < now.toISOString().slice(0, 10)) throw invalid('deadline', t('transfer.deadlinePast'));
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('transfer_demand')
      .values({
        org_id: input.orgId,
        created_by: actor.personId,
        state: 'open',
        title_zh: input.titleZh,
        title_en: input.titleEn,
        problem_zh: input.problemZh,
        problem_en: input.problemEn,
        keywords: input.keywords,
        discipline_codes: input.disciplineCodes,
        industry_code: input.industryCode,
        region_code: input.regionCode,
        budget_min_fen: input.budgetMinFen,
        budget_max_fen: input.budgetMaxFen,
        deadline: input.deadline,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.alert)
      await tx
        .insertInto('transfer_saved_search')
        .values({ demand_id: row.id, person_id: actor.personId, min_affinity: 300, created_at: now })
        .execute();
    await recordAudit(tx, actor, now, {
      action: 'transfer.demand_create',
      objectType: 'transfer_demand',
      objectId: row.id,
      after: input,
    });
    return presentDemand(tx, ctx, row);
  });
}

type DemandRow = NonNullable<Awaited<ReturnType<typeof findDemand>>>;
const findDemand = (q: Q, id: string) =>
  q.selectFrom('transfer_demand').selectAll().where('id', '=', id).executeTakeFirst();

async function presentDemand(q: Q, ctx: Ctx, d: DemandRow) {
  const org = (await orgNames(q, [d.org_id])).get(d.org_id);
  const search = await q
    .selectFrom('transfer_saved_search')
    .select('id')
    .where('demand_id', '=', d.id)
    .executeTakeFirst();
  const own = isBuyer(ctx.actor, d.org_id);
  const promoted = d.promoted_challenge_id
    ? await q
        .selectFrom('challenge')
        .select(['id', 'title_zh', 'title_en'])
        .where('id', '=', d.promoted_challenge_id)
        .executeTakeFirst()
    : undefined;
  return {
    id: d.id,
    orgId: d.org_id,
    org: org ?? nm('', ''),
    state: d.state as 'open' | 'closed' | 'promoted',
    title: nm(d.title_zh, d.title_en),
    problem: nm(d.problem_zh, d.problem_en),
    keywords: d.keywords,
    disciplineCodes: d.discipline_codes,
    industryCode: d.industry_code,
    regionCode: d.region_code,
    budgetMinFen: d.budget_min_fen,
    budgetMaxFen: d.budget_max_fen,
    deadline: d.deadline,
    promotedChallengeId: d.promoted_challenge_id,
    promotedChallenge: promoted ? { id: promoted.id, title: nm(promoted.title_zh, promoted.title_en) } : null,
    alert: own ? !!search : null,
    canEdit: own,
    /** Whether the actor may promote it to a challenge (its enterprise, or an organizer of an agency). */
    canPromote: d.state === 'open' && (own || hasRole(ctx.actor, 'organizer')),
  };
}

export async function getDemand(ctx: Ctx, id: string) {
  const d = await findDemand(ctx.db, id);
  if (!d || (d.state === 'closed' && !inOrg(ctx.actor, d.org_id)))
    throw notFound(t('transfer.notFound.demand'));
  return presentDemand(ctx.db, ctx, d);
}

export async function listDemands(
  ctx: Ctx,
  f: { q?: string; mine?: boolean; page: number; pageSize: number },
) {
  let base = ctx.db.selectFrom('transfer_demand as d');
  if (f.mine) {
    const orgs = (ctx.actor?.roles ?? []).map((r) => r.orgId);
    base = base.where('d.org_id', 'in', orgs.length ? orgs : ['00000000-0000-0000-0000-000000000000']);
  } else base = base.where('d.state', 'in', ['open', 'promoted']);
  if (f.q) {
    const p = like(f.q);
    base = base.where((eb) =>
      eb.or([
        eb('d.title_zh', 'ilike', p),
        eb('d.title_en', 'ilike', p),
        eb('d.problem_zh', 'ilike', p),
        eb('d.problem_en', 'ilike', p),
        eb(sql<string>`array_to_string(d.keywords, ' ')`, 'ilike', p),
      ]),
    );
  }
  const total = Number(
    (await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await base
    .selectAll('d')
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  const orgs = await orgNames(ctx.db, [...new Set(rows.map((r) => r.org_id))]);
  return {
    items: rows.map((d) => ({
      id: d.id,
      title: nm(d.title_zh, d.title_en),
      org: orgs.get(d.org_id) ?? nm('', ''),
      state: d.state,
      budgetMinFen: d.budget_min_fen,
      budgetMaxFen: d.budget_max_fen,
      deadline: d.deadline,
      keywords: d.keywords,
    })),
    total,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Close an open demand (its enterprise). */
export async function closeDemand(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const d = await tx
      .selectFrom('transfer_demand')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!d || (d.state === 'closed' && !inOrg(actor, d.org_id)))
      throw notFound(t('transfer.notFound.demand'));
    if (!isBuyer(actor, d.org_id)) throw forbidden(t('transfer.onlyEnterprisePosts'));
    if (d.state !== 'open')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('transfer.demandState', { state: stateOf('demand', d.state) }),
      );
    const row = await tx
      .updateTable('transfer_demand')
      .set({ state: 'closed', updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'transfer.demand_close',
      objectType: 'transfer_demand',
      objectId: id,
      before: { state: d.state },
      after: { state: 'closed' },
    });
    return presentDemand(tx, ctx, row);
  });
}

/** The affinity (as alerts count it) from which a listed achievement fits a demand. */
export const FIT_AFFINITY = 300;

/**
 * A demand no listed achievement fits becomes a challenge (揭榜挂帅) in one step: a draft challenge of
 * the demand's enterprise, pre-filled from the demand, vetted by the named agency; the demand is
 * marked promoted and the two link each other. Its enterprise (proposer or admin) or an organizer of
 * the agency may; the demand row is locked, so concurrent requests make one challenge.
 */
export async function promoteDemand(ctx: Ctx, id: string, input: { organiserOrgId: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const d = await tx
      .selectFrom('transfer_demand')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!d || (d.state === 'closed' && !inOrg(actor, d.org_id)))
      throw notFound(t('transfer.notFound.demand'));
    const agency = await tx
      .selectFrom('organisation')
      .select('kind')
      .where('id', '=', input.organiserOrgId)
      .executeTakeFirst();
    if (agency?.kind !== 'agency') throw invalid('organiserOrgId', t('transfer.promote.agency'));
    const organizer = hasRole(actor, 'organizer', input.organiserOrgId);
    if (!isBuyer(actor, d.org_id) && !organizer) throw forbidden(t('transfer.promote.who'));
    if (d.state !== 'open')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('transfer.demandState', { state: stateOf('demand', d.state) }),
      );
    const fits = matchTop(await indexOf(tx, 'achievements'), demandDoc(d), 1).filter(
      (m) => m.score * 10 >= FIT_AFFINITY,
    );
    if (fits.length) throw new AppError('ILLEGAL_TRANSITION', t('transfer.promote.fits'));
    const c = await tx
      .insertInto('challenge')
      .values({
        org_id: d.org_id,
        organiser_org_id: input.organiserOrgId,
        title_zh: d.title_zh.slice(0, 200),
        title_en: d.title_en.slice(0, 300),
        statement_zh: d.problem_zh || d.title_zh,
        statement_en: d.problem_en,
        discipline_codes: d.discipline_codes,
        keywords: d.keywords.map((k) => k.slice(0, 60)).filter(Boolean),
        region_code: /^\d{6}$/.test(d.region_code ?? '') ? d.region_code : null,
        budget_ceiling_fen: d.budget_max_fen,
        cofund_fen: 0,
        deadline: challengeDeadline(d.deadline, now),
        duration_months: 12,
        ip_terms: '',
        winner_slots: 1,
        mode: 'single',
        eligibility: JSON.stringify([]),
        notice_days: 5,
        ethics_categories: [],
        search_text: searchWords(
          [d.title_zh, d.title_en, d.problem_zh, d.problem_en, ...d.keywords, ...d.discipline_codes].join(
            '\n',
          ),
        ),
        created_by: actor.personId,
        state: 'draft',
        created_at: now,
        updated_at: now,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('challenge_target')
      .values({
        challenge_id: c.id,
        position_no: 0,
        metric: d.title_zh.slice(0, 200),
        unit: '',
        comparator: 'eq',
        threshold: '1',
        threshold_high: null,
        verification: (d.problem_zh || d.title_zh).slice(0, 1000),
        verifier: 'proposer',
        verifier_name: '',
        mandatory: true,
      })
      .execute();
    const row = await tx
      .updateTable('transfer_demand')
      .set({ state: 'promoted', promoted_challenge_id: c.id, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'challenge.create',
      objectType: 'challenge',
      objectId: c.id,
      after: { fromDemand: id, organiserOrgId: input.organiserOrgId },
    });
    await recordAudit(tx, actor, now, {
      action: 'transfer.demand_promote',
      objectType: 'transfer_demand',
      objectId: id,
      before: { state: d.state },
      after: { state: 'promoted', challengeId: c.id },
    });
    return presentDemand(tx, ctx, row);
  });
}

/** The challenge's bid deadline: the demand's deadline (end of that day, Beijing), else 30 days on. */
function challengeDeadline(deadline: string, now: Date) {
  const end = new Date(`${deadline}T23:59:59+08:00`);
  return (end > now ? end : new Date(now.getTime() + 30 * 86_400_000)).toISOString();
}

// ---------- matching ----------

const achDoc = (a: {
  id: string;
  title_zh: string;
  title_en: string;
  abstract_zh: string;
  abstract_en: string;
  keywords: string[];
  discipline_codes: string[];
  ipc_codes: string[];
}): MatchDoc => ({
  id: a.id,
  titleZh: a.title_zh,
  titleEn: a.title_en,
  textZh: a.abstract_zh,
  textEn: a.abstract_en,
  keywords: a.keywords,
  disciplineCodes: a.discipline_codes,
  ipcCodes: a.ipc_codes,
});
const demandDoc = (d: DemandRow): MatchDoc => ({
  id: d.id,
  titleZh: d.title_zh,
  titleEn: d.title_en,
  textZh: d.problem_zh,
  textEn: d.problem_en,
  keywords: d.keywords,
  disciplineCodes: d.discipline_codes,
  ipcCodes: [],
});

// Per-process indexes for each database, rebuilt when the listed set changes (its count and latest
// change); losing them loses nothing.
const caches = new WeakMap<Q, Map<string, { stamp: string; index: MatchIndex }>>();
async function indexOf(q: Q, side: 'achievements' | 'demands'): Promise<MatchIndex> {
  const table = side === 'achievements' ? 'transfer_achievement' : 'transfer_demand';
  const states = side === 'achievements' ? ['listed'] : ['open'];
  const s = await q
    .selectFrom(table)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('at')])
    .where('state', 'in', states)
    .executeTakeFirstOrThrow();
  const stamp = `${s.n}:${s.at ? new Date(s.at as Date).toISOString() : ''}`;
  const cache = caches.get(q) ?? new Map<string, { stamp: string; index: MatchIndex }>();
  caches.set(q, cache);
  const hit = cache.get(side);
  if (hit && hit.stamp === stamp) return hit.index;
  const docs =
    side === 'achievements'
      ? (
          await q
            .selectFrom('transfer_achievement')
            .selectAll()
            .where('state', '=', 'listed')
            .orderBy('id')
            .execute()
        ).map(achDoc)
      : (
          await q
            .selectFrom('transfer_demand')
            .selectAll()
            .where('state', '=', 'open')
            .orderBy('id')
            .execute()
        ).map(demandDoc);
  const index = buildMatchIndex(docs);
  cache.set(side, { stamp, index });
  return index;
}

/** Listed achievements that fit a demand, best first, each with the words and codes that matched. */
export async function matchesForDemand(ctx: Ctx, demandId: string, k = 10) {
  const d = await findDemand(ctx.db, demandId);
  if (!d || (d.state === 'closed' && !inOrg(ctx.actor, d.org_id)))
    throw notFound(t('transfer.notFound.demand'));
  const found = matchTop(await indexOf(ctx.db, 'achievements'), demandDoc(d), k);
  const load = (ids: string[]) =>
    ctx.db.selectFrom('transfer_achievement').selectAll().where('id', 'in', ids).execute();
  return presentMatches(ctx, found, load, (a) => ({
    kind: a.kind,
    askingPriceFen: a.asking_price_fen,
  }));
}

/** Open demands an achievement fits, best first, explained. */
export async function matchesForAchievement(ctx: Ctx, achievementId: string, k = 10) {
  const a = await findAchievement(ctx.db, achievementId);
  if (!a || !canReadAchievement(ctx.actor, a)) throw notFound(t('transfer.notFound.achievement'));
  const found = matchTop(await indexOf(ctx.db, 'demands'), achDoc(a), k);
  const load = (ids: string[]) =>
    ctx.db.selectFrom('transfer_demand').selectAll().where('id', 'in', ids).execute();
  return presentMatches(ctx, found, load, (d) => ({
    budgetMaxFen: d.budget_max_fen,
    deadline: d.deadline,
  }));
}

/** The matched rows in match order, each with its title and organisation by name. */
async function presentMatches<
  F extends { id: string },
  R extends { id: string; org_id: string; title_zh: string; title_en: string },
  X,
>(ctx: Ctx, found: F[], load: (ids: string[]) => Promise<R[]>, extra: (row: R) => X) {
  const rows = found.length ? await load(found.map((f) => f.id)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const orgs = await orgNames(ctx.db, [...new Set(rows.map((r) => r.org_id))]);
  return found
    .filter((f) => byId.has(f.id))
    .map((f) => {
      const r = byId.get(f.id)!;
      return { ...f, title: nm(r.title_zh, r.title_en), org: orgs.get(r.org_id) ?? nm('', ''), ...extra(r) };
    });
}

/**
 * A newly listed achievement is scored against every open demand with a saved search; each search
 * it fits (affinity ≥ the search's minimum) is alerted once, through the notification system.
 */
async function alertSavedSearches(tx: Tx, now: Date, achievementId: string) {
  const searches = await tx
    .selectFrom('transfer_saved_search as s')
    .innerJoin('transfer_demand as d', 'd.id', 's.demand_id')
    .selectAll('d')
    .select(['s.id as search_id', 's.person_id', 's.min_affinity'])
    .where('d.state', '=', 'open')
    .execute();
  if (!searches.length) return;
  const a = (await findAchievement(tx, achievementId))!;
  const listed = await tx
    .selectFrom('transfer_achievement')
    .selectAll()
    .where('state', '=', 'listed')
    .orderBy('id')
    .execute();
  const index = buildMatchIndex(listed.map(achDoc));
  for (const s of searches) {
    const top = matchTop(index, demandDoc(s), 20).find((m) => m.id === achievementId);
    if (!top || top.score * 10 < s.min_affinity) continue;
    const inserted = await tx
      .insertInto('transfer_alert')
      .values({
        search_id: s.search_id,
        achievement_id: achievementId,
        affinity: Math.round(top.score * 10),
        at: now,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('search_id')
      .executeTakeFirst();
    if (!inserted) continue;
    await notify(tx, now, {
      kind: 'transfer.match',
      recipients: [s.person_id],
      object: { type: 'transfer_demand', id: s.id, name: nm(s.title_zh, s.title_en) },
      href: `/transfer/demands/${s.id}`,
      params: { achievement: nm(a.title_zh, a.title_en) },
      key: achievementId,
    });
  }
}

/** Turn the demand's alert (saved search) on or off; its enterprise. */
export async function setAlert(ctx: Ctx, demandId: string, on: boolean) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const d = await tx
      .selectFrom('transfer_demand')
      .selectAll()
      .where('id', '=', demandId)
      .forUpdate()
      .executeTakeFirst();
    if (!d || (d.state === 'closed' && !inOrg(actor, d.org_id)))
      throw notFound(t('transfer.notFound.demand'));
    if (!isBuyer(actor, d.org_id)) throw forbidden(t('transfer.onlyEnterprisePosts'));
    if (on)
      await tx
        .insertInto('transfer_saved_search')
        .values({ demand_id: d.id, person_id: actor.personId, min_affinity: 300, created_at: now })
        .onConflict((oc) => oc.column('demand_id').doNothing())
        .execute();
    else {
      const s = await tx
        .selectFrom('transfer_saved_search')
        .select('id')
        .where('demand_id', '=', d.id)
        .executeTakeFirst();
      if (s) {
        await tx.deleteFrom('transfer_alert').where('search_id', '=', s.id).execute();
        await tx.deleteFrom('transfer_saved_search').where('id', '=', s.id).execute();
      }
    }
    await recordAudit(tx, actor, now, {
      action: 'transfer.demand_alert',
      objectType: 'transfer_demand',
      objectId: d.id,
      after: { alert: on },
    });
    return presentDemand(tx, ctx, d);
  });
}

// ---------- deals ----------

/** An enterprise expresses interest in a listed achievement: the deal and its thread start. */
export async function expressInterest(
  ctx: Ctx,
  achievementId: string,
  input: { buyerOrgId: string; demandId?: string | null; message: string },
) {
  const actor = requireActor(ctx.actor);
  if (!isBuyer(actor, input.buyerOrgId))
    throw new AppError('FORBIDDEN', t('transfer.onlyEnterpriseBuys'), 'buyerOrgId');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await lockAchievement(tx, achievementId);
    if (!a || !canReadAchievement(actor, a)) throw notFound(t('transfer.notFound.achievement'));
    if (a.state !== 'listed') throw new AppError('ILLEGAL_TRANSITION', t('transfer.notListed'));
    if (a.org_id === input.buyerOrgId) throw invalid('buyerOrgId', t('transfer.ownAchievement'));
    if (input.demandId) {
      const d = await findDemand(tx, input.demandId);
      if (!d || d.org_id !== input.buyerOrgId) throw invalid('demandId', t('transfer.demandNotOurs'));
    }
    const live = await tx
      .selectFrom('transfer_deal')
      .selectAll()
      .where('achievement_id', '=', a.id)
      .where('buyer_org_id', '=', input.buyerOrgId)
      .where('state', '<>', 'cancelled')
      .executeTakeFirst();
    if (live) throw new AppError('DUPLICATE', t('transfer.dealExists'), 'buyerOrgId');
    const d = await tx
      .insertInto('transfer_deal')
      .values({
        achievement_id: a.id,
        demand_id: input.demandId ?? null,
        seller_org_id: a.org_id,
        buyer_org_id: input.buyerOrgId,
        state: 'negotiating',
        created_by: actor.personId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('transfer_message')
      .values({ deal_id: d.id, author_id: actor.personId, side: 'buyer', body: input.message, at: now })
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'transfer.deal_interest',
      objectType: 'transfer_deal',
      objectId: d.id,
      after: { achievementId: a.id, buyerOrgId: input.buyerOrgId, demandId: input.demandId ?? null },
    });
    await notify(tx, now, {
      kind: 'transfer.interest',
      recipients: await sellerPeople(tx, d),
      object: { type: 'transfer_deal', id: d.id, name: nm(a.title_zh, a.title_en) },
      href: `/transfer/deals/${d.id}`,
    });
    return presentDeal(tx, ctx, d);
  });
}

async function dealFor(q: Q, ctx: Ctx, id: string) {
  const d = await findDeal(q, id);
  if (!d) throw notFound(t('transfer.notFound.deal'));
  const a = (await findAchievement(q, d.achievement_id))!;
  const rel = dealRelations(ctx.actor, d, a);
  if (!rel.size) throw notFound(t('transfer.notFound.deal'));
  return { d, a, rel };
}

async function presentDeal(q: Q, ctx: Ctx, d: DealRow) {
  const a = (await findAchievement(q, d.achievement_id))!;
  const rel = dealRelations(ctx.actor, d, a);
  const orgs = await orgNames(q, [d.seller_org_id, d.buyer_org_id]);
  const messages = await q
    .selectFrom('transfer_message')
    .selectAll()
    .where('deal_id', '=', d.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const objections = await q
    .selectFrom('transfer_objection')
    .selectAll()
    .where('deal_id', '=', d.id)
    .orderBy('at')
    .execute();
  const payments = await q
    .selectFrom('transfer_payment')
    .selectAll()
    .where('deal_id', '=', d.id)
    .orderBy('at')
    .execute();
  const dists = await q
    .selectFrom('transfer_distribution')
    .selectAll()
    .where('deal_id', '=', d.id)
    .orderBy('at')
    .execute();
  const rewards = dists.length
    ? await q
        .selectFrom('transfer_reward as r')
        .innerJoin('transfer_inventor as i', 'i.id', 'r.inventor_id')
        .select(['r.distribution_id', 'r.share_bp', 'r.amount_fen', 'i.name_zh', 'i.name_en', 'i.no'])
        .where(
          'r.distribution_id',
          'in',
          dists.map((x) => x.id),
        )
        .orderBy('i.no')
        .execute()
    : [];
  const people = await personNames(q, [
    ...messages.map((m) => m.author_id),
    ...objections.map((o) => o.author_id),
    ...[d.seller_signed_by, d.buyer_signed_by].filter((x): x is string => !!x),
  ]);
  const received = payments.reduce((s, p) => s + p.amount_fen, 0);
  const distributed = dists.reduce((s, x) => s + x.income_fen, 0);
  const now = ctx.now();
  const openObjections = objections.filter((o) => o.state === 'open').length;
  const side = sideOf(rel);
  return {
    id: d.id,
    state: d.state as DealState,
    achievement: { id: a.id, title: nm(a.title_zh, a.title_en), kind: a.kind, ipNumber: a.ip_number },
    seller: orgs.get(d.seller_org_id) ?? nm('', ''),
    buyer: orgs.get(d.buyer_org_id) ?? nm('', ''),
    you: { side, office: rel.has('office') },
    terms:
      d.mode && d.price_fen && d.pricing
        ? {
            mode: d.mode,
            priceFen: d.price_fen,
            pricing: d.pricing,
            pricingRef: d.pricing_ref,
            paymentSchedule: d.payment_schedule as { due: string; amountFen: number }[],
            royaltyBp: d.royalty_bp,
            field: d.field,
            territory: d.territory,
            termMonths: d.term_months,
            proposedBy: d.proposed_side,
          }
        : null,
    noticeDays: d.notice_days,
    noticeStartsAt: d.notice_starts_at?.toISOString() ?? null,
    noticeEndsAt: d.notice_ends_at?.toISOString() ?? null,
    noticeOver: !!d.notice_ends_at && now >= d.notice_ends_at,
    signatures: {
      seller: d.seller_signed_at
        ? { by: people.get(d.seller_signed_by!) ?? nm('', ''), at: d.seller_signed_at.toISOString() }
        : null,
      buyer: d.buyer_signed_at
        ? { by: people.get(d.buyer_signed_by!) ?? nm('', ''), at: d.buyer_signed_at.toISOString() }
        : null,
    },
    registration: d.registration_no
      ? {
          number: d.registration_no,
          contractType: d.contract_type,
          amountFen: d.price_fen,
          taxYear: d.tax_year,
          at: d.registered_at!.toISOString(),
        }
      : null,
    messages: messages.map((m) => ({
      id: m.id,
      author: people.get(m.author_id) ?? nm('', ''),
      side: m.side,
      body: m.body,
      at: m.at.toISOString(),
    })),
    objections: objections.map((o) => ({
      id: o.id,
      author: people.get(o.author_id) ?? nm('', ''),
      text: o.text,
      state: o.state,
      resolution: o.resolution,
      at: o.at.toISOString(),
    })),
    payments: payments.map((p) => ({ id: p.id, amountFen: p.amount_fen, receivedOn: p.received_on })),
    receivedFen: received,
    undistributedFen: received - distributed,
    distributions: dists.map((x) => ({
      id: x.id,
      basis: x.basis,
      incomeFen: x.income_fen,
      costsFen: x.costs_fen,
      netFen: x.net_fen,
      rule: x.rule,
      rateBp: x.rate_bp,
      unitRuleText: x.unit_rule_text,
      poolFen: x.pool_fen,
      steps: x.steps as { rule: string; formula: string }[],
      rewards: rewards
        .filter((r) => r.distribution_id === x.id)
        .map((r) => ({ name: nm(r.name_zh, r.name_en), shareBp: r.share_bp, amountFen: r.amount_fen })),
      at: x.at.toISOString(),
    })),
    openObjections,
    can: {
      propose: allowed(d, 'propose', rel, side, openObjections, now),
      accept: allowed(d, 'accept', rel, side, openObjections, now),
      sign:
        allowed(d, 'sign', rel, side, openObjections, now) &&
        !(side === 'seller' ? d.seller_signed_at : d.buyer_signed_at),
      register: allowed(d, 'register', rel, side, openObjections, now),
      cancel: allowed(d, 'cancel', rel, side, openObjections, now),
      pay: rel.has('office') && d.state === 'registered',
      distribute: rel.has('office') && d.state === 'registered' && received - distributed > 0,
    },
    createdAt: d.created_at.toISOString(),
  };
}

function allowed(
  d: DealRow,
  action: DealAction,
  rel: Set<string>,
  side: Side | null,
  open: number,
  now: Date,
) {
  return decide(DEAL_MACHINE, d.state as DealState, action, rel, {
    side,
    proposedSide: d.proposed_side as Side | null,
    noticeEndsAt: d.notice_ends_at,
    openObjections: open,
    now,
  }).ok;
}

export async function getDeal(ctx: Ctx, id: string) {
  requireActor(ctx.actor);
  const { d } = await dealFor(ctx.db, ctx, id);
  return presentDeal(ctx.db, ctx, d);
}

/** Deals the actor is a party to (seller side, office or buyer), newest first. */
export async function listDeals(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const offices = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  const buyers = buyerOrgs(actor);
  const none = ['00000000-0000-0000-0000-000000000000'];
  const rows = await ctx.db
    .selectFrom('transfer_deal as d')
    .innerJoin('transfer_achievement as a', 'a.id', 'd.achievement_id')
    .selectAll('d')
    .select(['a.title_zh', 'a.title_en'])
    .where((eb) =>
      eb.or([
        eb('d.seller_org_id', 'in', offices.length ? offices : none),
        eb('d.buyer_org_id', 'in', buyers.length ? buyers : none),
        eb('a.created_by', '=', actor.personId),
      ]),
    )
    .orderBy('d.updated_at', 'desc')
    .limit(200)
    .execute();
  const orgs = await orgNames(ctx.db, [...new Set(rows.flatMap((r) => [r.seller_org_id, r.buyer_org_id]))]);
  return rows.map((d) => ({
    id: d.id,
    achievement: nm(d.title_zh, d.title_en),
    seller: orgs.get(d.seller_org_id) ?? nm('', ''),
    buyer: orgs.get(d.buyer_org_id) ?? nm('', ''),
    state: d.state,
    priceFen: d.price_fen,
    updatedAt: d.updated_at.toISOString(),
  }));
}

/**
 * The deal and its achievement, locked in the module's order (achievement row, then deal row), with
 * the actor's relations to it; anyone with none gets 404.
 */
async function lockedDeal(tx: Tx, ctx: Ctx, id: string) {
  const d0 = await findDeal(tx, id);
  if (!d0) throw notFound(t('transfer.notFound.deal'));
  await lockAchievement(tx, d0.achievement_id);
  const d = (await lockDeal(tx, id))!;
  const a = (await findAchievement(tx, d.achievement_id))!;
  const rel = dealRelations(ctx.actor, d, a);
  if (!rel.size) throw notFound(t('transfer.notFound.deal'));
  return { d, a, rel };
}

/** A registered deal, locked, for its seller's transfer office (payments and distributions). */
async function lockedForOffice(tx: Tx, ctx: Ctx, id: string) {
  const found = await lockedDeal(tx, ctx, id);
  if (!found.rel.has('office')) throw forbidden(t('transfer.onlyOffice'));
  if (found.d.state !== 'registered') throw new AppError('ILLEGAL_TRANSITION', t('transfer.notRegistered'));
  return found;
}

/** Writes the deal's new state (and fields) and its audit entry in the caller's transaction. */
async function moveDeal(
  tx: Tx,
  actor: Actor,
  now: Date,
  d: DealRow,
  action: string,
  set: Omit<Updateable<TransferDealTable>, 'id' | 'updated_at'>,
  after: Record<string, unknown>,
) {
  const row = await tx
    .updateTable('transfer_deal')
    .set({ ...set, updated_at: now })
    .where('id', '=', d.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(tx, actor, now, {
    action: `transfer.${action}`,
    objectType: 'transfer_deal',
    objectId: d.id,
    before: { state: d.state },
    after: { state: row.state, ...after },
  });
  return row;
}

async function transition(
  tx: Tx,
  ctx: Ctx,
  id: string,
  action: DealAction,
): Promise<{ d: DealRow; a: AchRow; rel: Set<string>; side: Side | null; to: DealState }> {
  const { d, a, rel } = await lockedDeal(tx, ctx, id);
  const open = Number(
    (
      await tx
        .selectFrom('transfer_objection')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('deal_id', '=', id)
        .where('state', '=', 'open')
        .executeTakeFirstOrThrow()
    ).n,
  );
  const side = sideOf(rel);
  const dec = decide(DEAL_MACHINE, d.state as DealState, action, rel, {
    side,
    proposedSide: d.proposed_side as Side | null,
    noticeEndsAt: d.notice_ends_at,
    openObjections: open,
    now: ctx.now(),
  });
  if (!dec.ok) throw new AppError(dec.code, dec.reason);
  return { d, a, rel, side, to: dec.to };
}

export interface TermsInput {
  mode: Offer;
  priceFen: number;
  pricing: Pricing;
  pricingRef: string;
  paymentSchedule: { due: string; amountFen: number }[];
  royaltyBp: number;
  field: string;
  territory: string;
  termMonths: number;
  noticeDays: number;
}

/** Either side proposes terms (again); the other side then accepts them. */
export async function proposeTerms(ctx: Ctx, id: string, input: TermsInput) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d, a, side, to } = await transition(tx, ctx, id, 'propose');
    if (!a.offers.includes(input.mode)) throw invalid('mode', t('transfer.modeNotOffered'));
    if (input.pricing !== 'agreement' && !input.pricingRef.trim())
      throw invalid('pricingRef', t('transfer.pricingRefRequired'));
    const scheduled = input.paymentSchedule.reduce((s, p) => s + p.amountFen, 0);
    if (input.paymentSchedule.length && scheduled !== input.priceFen)
      throw invalid('paymentSchedule', t('transfer.scheduleSum', { scheduled, price: input.priceFen }));
    const row = await moveDeal(
      tx,
      actor,
      now,
      d,
      'deal_propose',
      {
        state: to,
        mode: input.mode,
        price_fen: input.priceFen,
        pricing: input.pricing,
        pricing_ref: input.pricingRef,
        payment_schedule: JSON.stringify(input.paymentSchedule),
        royalty_bp: input.royaltyBp,
        field: input.field,
        territory: input.territory,
        term_months: input.termMonths,
        notice_days: input.noticeDays,
        proposed_side: side,
      },
      { ...input, side },
    );
    const others =
      side === 'seller'
        ? await activeWith(tx, d.buyer_org_id, ['proposer', 'admin'])
        : await sellerPeople(tx, d);
    await notify(tx, now, {
      kind: 'transfer.termsProposed',
      recipients: others.filter((p) => p !== actor.personId),
      object: { type: 'transfer_deal', id, name: nm(a.title_zh, a.title_en) },
      href: `/transfer/deals/${id}`,
      key: now.toISOString(),
    });
    return presentDeal(tx, ctx, row);
  });
}

/**
 * The other side accepts the proposed terms. A price by agreement is then published within the
 * owner organisation for the notice period (促进科技成果转化法 Art. 18, 实施若干规定); a market or
 * auction price goes straight to signing.
 */
export async function acceptTerms(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d, a } = await transition(tx, ctx, id, 'accept');
    const notice = d.pricing === 'agreement';
    const ends = new Date(now.getTime() + d.notice_days * 86_400_000);
    const row = await moveDeal(
      tx,
      actor,
      now,
      d,
      'deal_accept',
      notice
        ? { state: 'notice', notice_starts_at: now, notice_ends_at: ends }
        : { state: 'signing', notice_starts_at: null, notice_ends_at: null },
      { noticeEndsAt: notice ? ends.toISOString() : null },
    );
    if (notice) {
      // Published to everyone in the owner organisation: the achievement's name and the intended price.
      const members = await tx
        .selectFrom('membership')
        .select('person_id')
        .where('org_id', '=', d.seller_org_id)
        .where('status', '=', 'active')
        .execute();
      await notify(tx, now, {
        kind: 'transfer.noticePublished',
        recipients: members.map((m) => m.person_id),
        object: { type: 'transfer_deal', id, name: nm(a.title_zh, a.title_en) },
        href: '/transfer/notices',
        params: { price: (d.price_fen ?? 0) / 100 },
        key: now.toISOString(),
      });
    }
    return presentDeal(tx, ctx, row);
  });
}

/** Each side signs once; the second signature makes the contract. */
export async function sign(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d, side } = await transition(tx, ctx, id, 'sign');
    const already = side === 'seller' ? d.seller_signed_at : d.buyer_signed_at;
    if (already) throw new AppError('ILLEGAL_TRANSITION', t('transfer.alreadySigned'));
    const both = side === 'seller' ? !!d.buyer_signed_at : !!d.seller_signed_at;
    const row = await moveDeal(
      tx,
      actor,
      now,
      d,
      'deal_sign',
      {
        ...(side === 'seller'
          ? { seller_signed_by: actor.personId, seller_signed_at: now }
          : { buyer_signed_by: actor.personId, buyer_signed_at: now }),
        state: both ? 'signed' : 'signing',
      },
      { side },
    );
    return presentDeal(tx, ctx, row);
  });
}

export async function cancel(ctx: Ctx, id: string, reason: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d, side } = await transition(tx, ctx, id, 'cancel');
    const row = await moveDeal(tx, actor, now, d, 'deal_cancel', { state: 'cancelled' }, { reason });
    await tx
      .insertInto('transfer_message')
      .values({ deal_id: id, author_id: actor.personId, side: side ?? 'buyer', body: reason, at: now })
      .execute();
    return presentDeal(tx, ctx, row);
  });
}

/** A message in the deal's thread: readable only by the two parties and the transfer office. */
export async function postMessage(ctx: Ctx, id: string, body: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d, rel } = await dealFor(tx, ctx, id);
    if (d.state === 'cancelled') throw new AppError('ILLEGAL_TRANSITION', t('transfer.dealCancelled'));
    const side = rel.has('office') ? 'office' : (sideOf(rel) ?? 'buyer');
    const m = await tx
      .insertInto('transfer_message')
      .values({ deal_id: id, author_id: actor.personId, side, body, at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The audit trail records that a message was written, not what it says (the thread is confidential).
    await recordAudit(tx, actor, now, {
      action: 'transfer.deal_message',
      objectType: 'transfer_deal',
      objectId: id,
      detail: { messageId: m.id, side },
    });
    return presentDeal(tx, ctx, d);
  });
}

/** Deals in notice at the actor's organisations: the achievement's name and the intended price. */
export async function listNotices(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const orgs = [...new Set(actor.roles.map((r) => r.orgId))];
  if (!orgs.length) return [];
  const rows = await ctx.db
    .selectFrom('transfer_deal as d')
    .innerJoin('transfer_achievement as a', 'a.id', 'd.achievement_id')
    .select([
      'd.id',
      'd.seller_org_id',
      'd.buyer_org_id',
      'd.price_fen',
      'd.mode',
      'd.notice_starts_at',
      'd.notice_ends_at',
      'a.title_zh',
      'a.title_en',
    ])
    .where('d.state', '=', 'notice')
    .where('d.seller_org_id', 'in', orgs)
    .orderBy('d.notice_ends_at')
    .execute();
  const names = await orgNames(ctx.db, [...new Set(rows.flatMap((r) => [r.seller_org_id, r.buyer_org_id]))]);
  const mine = actor.personId;
  const objected = rows.length
    ? await ctx.db
        .selectFrom('transfer_objection')
        .select('deal_id')
        .where('author_id', '=', mine)
        .where(
          'deal_id',
          'in',
          rows.map((r) => r.id),
        )
        .execute()
    : [];
  return rows.map((r) => ({
    dealId: r.id,
    achievement: nm(r.title_zh, r.title_en),
    seller: names.get(r.seller_org_id) ?? nm('', ''),
    buyer: names.get(r.buyer_org_id) ?? nm('', ''),
    mode: r.mode,
    priceFen: r.price_fen,
    startsAt: r.notice_starts_at?.toISOString() ?? null,
    endsAt: r.notice_ends_at?.toISOString() ?? null,
    over: !!r.notice_ends_at && ctx.now() >= r.notice_ends_at,
    objected: objected.some((o) => o.deal_id === r.id),
  }));
}

/** Anyone in the owner organisation may object to a published price during its notice. */
export async function object(ctx: Ctx, id: string, text: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const d0 = await findDeal(tx, id);
    if (!d0 || !inOrg(actor, d0.seller_org_id)) throw notFound(t('transfer.notFound.deal'));
    await lockAchievement(tx, d0.achievement_id);
    const d = (await lockDeal(tx, id))!;
    if (d.state !== 'notice' || !d.notice_ends_at || now >= d.notice_ends_at)
      throw new AppError('ILLEGAL_TRANSITION', t('transfer.noNotice'));
    const o = await tx
      .insertInto('transfer_objection')
      .values({ deal_id: id, author_id: actor.personId, text, at: now, state: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'transfer.objection_lodge',
      objectType: 'transfer_objection',
      objectId: o.id,
      after: { dealId: id, text },
    });
    return { id: o.id, state: 'open' };
  });
}

/** The transfer office decides an objection: upheld sends the deal back to negotiation. */
export async function resolveObjection(
  ctx: Ctx,
  objectionId: string,
  input: { decision: 'upheld' | 'dismissed'; resolution: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const o0 = await tx
      .selectFrom('transfer_objection')
      .selectAll()
      .where('id', '=', objectionId)
      .executeTakeFirst();
    if (!o0) throw notFound(t('transfer.notFound.objection'));
    const d0 = (await findDeal(tx, o0.deal_id))!;
    if (!inOrg(actor, d0.seller_org_id)) throw notFound(t('transfer.notFound.objection'));
    if (!isOffice(actor, d0.seller_org_id)) throw forbidden(t('transfer.onlyOffice'));
    await lockAchievement(tx, d0.achievement_id);
    const d = (await lockDeal(tx, o0.deal_id))!;
    const o = (await tx
      .selectFrom('transfer_objection')
      .selectAll()
      .where('id', '=', objectionId)
      .forUpdate()
      .executeTakeFirst())!;
    if (o.state !== 'open') throw new AppError('ILLEGAL_TRANSITION', t('transfer.objectionDecided'));
    await tx
      .updateTable('transfer_objection')
      .set({
        state: input.decision,
        resolution: input.resolution,
        resolved_by: actor.personId,
        resolved_at: now,
      })
      .where('id', '=', objectionId)
      .execute();
    if (input.decision === 'upheld' && d.state === 'notice') {
      await tx
        .updateTable('transfer_deal')
        .set({
          state: 'negotiating',
          notice_starts_at: null,
          notice_ends_at: null,
          proposed_side: null,
          updated_at: now,
        })
        .where('id', '=', d.id)
        .execute();
    }
    await recordAudit(tx, actor, now, {
      action: 'transfer.objection_resolve',
      objectType: 'transfer_objection',
      objectId: objectionId,
      before: { state: 'open' },
      after: input,
    });
    return { id: objectionId, state: input.decision };
  });
}

/** The seller's transfer office registers the signed contract (技术合同认定登记). */
export async function register(ctx: Ctx, id: string, input: { contractType?: ContractType }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d } = await transition(tx, ctx, id, 'register');
    const year = beijingYear(now);
    const org = await tx
      .selectFrom('organisation')
      .select('region_code')
      .where('id', '=', d.seller_org_id)
      .executeTakeFirst();
    const prefix = registrationNumber(year, org?.region_code ?? null, 0).slice(0, 10);
    const last = await tx
      .selectFrom('transfer_deal')
      .select('registration_no')
      .where('registration_no', 'like', `${prefix}%`)
      .orderBy('registration_no', 'desc')
      .executeTakeFirst();
    const serial = last?.registration_no ? Number(last.registration_no.slice(10)) + 1 : 1;
    const number = registrationNumber(year, org?.region_code ?? null, serial);
    const type = input.contractType ?? contractTypeOf(d.mode as Offer);
    const row = await moveDeal(
      tx,
      actor,
      now,
      d,
      'contract_register',
      {
        state: 'registered',
        contract_type: type,
        registration_no: number,
        registered_at: now,
        registered_by: actor.personId,
        tax_year: year,
      },
      { registrationNo: number, contractType: type, amountFen: d.price_fen, taxYear: year },
    );
    return presentDeal(tx, ctx, row);
  });
}

async function postJournal(
  tx: Tx,
  dealId: string,
  kind: 'payment' | 'reward',
  memo: string,
  key: string,
  by: string,
  now: Date,
  lines: { account: string; side: 'debit' | 'credit'; amount: number }[],
) {
  const e = await tx
    .insertInto('transfer_journal_entry')
    .values({ deal_id: dealId, kind, memo, idempotency_key: key, posted_by: by, posted_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('transfer_journal_line')
    .values(
      lines.map((l, i) => ({
        entry_id: e.id,
        line_no: i,
        account: l.account,
        side: l.side,
        amount_fen: l.amount,
      })),
    )
    .execute();
  return e.id;
}

/** The office records a payment received under a registered contract; it posts to the journal. */
export async function recordPayment(ctx: Ctx, id: string, input: { amountFen: number; receivedOn: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { d } = await lockedForOffice(tx, ctx, id);
    if (input.receivedOn > now.toISOString().slice(0, 10))
      throw invalid('receivedOn', t('transfer.futureDate'));
    const paid = await tx
      .selectFrom('transfer_payment')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s'))
      .where('deal_id', '=', id)
      .executeTakeFirstOrThrow();
    const already = Number(paid.s);
    if (d.royalty_bp === 0 && already + input.amountFen > (d.price_fen ?? 0))
      throw invalid('amountFen', t('transfer.overPrice', { left: ((d.price_fen ?? 0) - already) / 100 }));
    const entry = await postJournal(
      tx,
      id,
      'payment',
      `payment ${input.receivedOn}`,
      `transfer-payment:${id}:${already}:${input.amountFen}:${now.getTime()}`,
      actor.personId,
      now,
      [
        { account: `bank:${d.seller_org_id}`, side: 'debit', amount: input.amountFen },
        { account: `income:${id}`, side: 'credit', amount: input.amountFen },
      ],
    );
    const p = await tx
      .insertInto('transfer_payment')
      .values({
        deal_id: id,
        amount_fen: input.amountFen,
        received_on: input.receivedOn,
        entry_id: entry,
        recorded_by: actor.personId,
        at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'transfer.payment_record',
      objectType: 'transfer_deal',
      objectId: id,
      after: { paymentId: p.id, ...input },
    });
    return presentDeal(tx, ctx, d);
  });
}

/**
 * The office distributes the income received and not yet distributed: net = income − declared
 * costs; the reward pool by the unit's rule, or else at least the statutory share; split by the
 * contributors' shares, exact to the fen; posted to the journal, one credit per contributor.
 */
export async function distribute(
  ctx: Ctx,
  id: string,
  input: { costsFen: number; unitRuleBp: number | null; unitRuleText: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  if (input.unitRuleBp !== null && !input.unitRuleText.trim())
    throw invalid('unitRuleText', t('transfer.unitRuleCite'));
  return ctx.db.transaction().execute(async (tx) => {
    const { d, a } = await lockedForOffice(tx, ctx, id);
    const sums = await tx
      .selectFrom('transfer_payment')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_fen'), eb.lit(0)).as('s'))
      .where('deal_id', '=', id)
      .executeTakeFirstOrThrow();
    const done = await tx
      .selectFrom('transfer_distribution')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('income_fen'), eb.lit(0)).as('s'))
      .where('deal_id', '=', id)
      .executeTakeFirstOrThrow();
    const income = Number(sums.s) - Number(done.s);
    if (income <= 0) throw new AppError('ILLEGAL_TRANSITION', t('transfer.nothingToDistribute'));
    if (input.costsFen > income) throw invalid('costsFen', t('transfer.costsOverIncome'));
    const inventors = await tx
      .selectFrom('transfer_inventor')
      .selectAll()
      .where('achievement_id', '=', a.id)
      .orderBy('no')
      .execute();
    const basis = rewardBasisOf(d.mode as Offer);
    const r = computeRewards({
      basis,
      income,
      costs: basis === 'equity' ? 0 : input.costsFen,
      unitRuleBp: input.unitRuleBp,
      contributors: inventors.map((i) => ({ key: i.id, shareBp: i.share_bp })),
    });
    const paid = r.parts.filter((p) => p.amount > 0);
    const entry =
      r.pool > 0
        ? await postJournal(
            tx,
            id,
            'reward',
            `rewards ${basis}`,
            `transfer-reward:${id}:${Number(done.s)}`,
            actor.personId,
            now,
            [
              { account: `reward_expense:${id}`, side: 'debit', amount: r.pool },
              ...paid.map((p) => ({
                account: `reward_payable:${p.key}`,
                side: 'credit' as const,
                amount: p.amount,
              })),
            ],
          )
        : null;
    const dist = await tx
      .insertInto('transfer_distribution')
      .values({
        deal_id: id,
        basis,
        income_fen: income,
        costs_fen: basis === 'equity' ? 0 : input.costsFen,
        net_fen: r.net,
        rule: r.rule,
        rate_bp: r.rateBp,
        unit_rule_text: input.unitRuleText,
        pool_fen: r.pool,
        steps: JSON.stringify(r.steps),
        entry_id: entry,
        decided_by: actor.personId,
        at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('transfer_reward')
      .values(
        r.parts.map((p) => ({
          distribution_id: dist.id,
          inventor_id: p.key,
          share_bp: p.shareBp,
          amount_fen: p.amount,
        })),
      )
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'transfer.rewards_distribute',
      objectType: 'transfer_deal',
      objectId: id,
      after: { distributionId: dist.id, income, ...input, pool: r.pool, parts: r.parts },
    });
    return presentDeal(tx, ctx, d);
  });
}

/**
 * Registered contracts where the organisation is the seller, in a tax year: the technology-transfer
 * calculator's items (registered follows from the record). Members of the organisation only.
 */
export async function registeredContracts(ctx: Ctx, orgId: string, taxYear: number) {
  const actor = requireActor(ctx.actor);
  if (!inOrg(actor, orgId) && !isPlatformAdmin(actor)) throw forbidden(t('transfer.onlyMembersRead'));
  const rows = await ctx.db
    .selectFrom('transfer_deal as d')
    .innerJoin('transfer_achievement as a', 'a.id', 'd.achievement_id')
    .select([
      'd.id',
      'd.registration_no',
      'd.mode',
      'd.price_fen',
      'd.term_months',
      'd.contract_type',
      'a.kind',
      'a.title_zh',
      'a.title_en',
    ])
    .where('d.state', '=', 'registered')
    .where('d.seller_org_id', '=', orgId)
    .where('d.tax_year', '=', taxYear)
    .orderBy('d.registration_no')
    .execute();
  const income = rows.length
    ? await ctx.db
        .selectFrom('transfer_payment')
        .select(['deal_id', (eb) => eb.fn.sum<number>('amount_fen').as('s')])
        .where(
          'deal_id',
          'in',
          rows.map((r) => r.id),
        )
        .groupBy('deal_id')
        .execute()
    : [];
  const got = new Map(income.map((i) => [i.deal_id, Number(i.s)]));
  return rows.map((r) => ({
    dealId: r.id,
    registrationNo: r.registration_no!,
    name: nm(r.title_zh, r.title_en),
    contractType: r.contract_type,
    amountFen: r.price_fen ?? 0,
    receivedFen: got.get(r.id) ?? 0,
    /** The calculator's categories for this contract. */
    technology: technologyOf(r.kind),
    mode: transferModeOf(r.mode as Offer, r.term_months ?? 0),
  }));
}

function technologyOf(kind: string) {
  switch (kind) {
    case 'patent':
      return 'patent';
    case 'softwareCopyright':
      return 'softwareCopyright';
    case 'icLayout':
      return 'icLayoutDesign';
    case 'plantVariety':
      return 'plantVariety';
    default:
      return 'other';
  }
}
function transferModeOf(mode: Offer, months: number) {
  if (mode === 'transfer') return 'ownership';
  if (mode === 'exclusiveLicence' || mode === 'soleLicence')
    return months >= 60 ? 'exclusiveLicence5y' : 'shortLicence';
  if (mode === 'nonExclusiveLicence') return months >= 60 ? 'nonExclusiveLicence5y' : 'shortLicence';
  return 'shortLicence';
}

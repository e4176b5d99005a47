// Every SQL statement of challenges, bids, selection, task books and acceptance.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type {
  BidTable,
  ChallengeTable,
  ChallengeTargetTable,
  DB,
  MilestoneReportTable,
  ObjectionTable,
  TaskBookTable,
} from '../../db/schema.ts';
import type { ChallengeInput, TargetInput } from './challenges.schema.ts';

type Q = Kysely<DB> | Tx;
export type ChallengeRow = Selectable<ChallengeTable>;
export type TargetRow = Selectable<ChallengeTargetTable>;
export type BidRow = Selectable<BidTable>;
export type ObjectionRow = Selectable<ObjectionTable>;
export type TaskBookRow = Selectable<TaskBookTable>;
export type ReportRow = Selectable<MilestoneReportTable>;

const challengeColumns = (c: ChallengeInput, searchText: string) => ({
  org_id: c.orgId,
  organiser_org_id: c.organiserOrgId,
  title_zh: c.titleZh,
  title_en: c.titleEn,
  statement_zh: c.statementZh,
  statement_en: c.statementEn,
  discipline_codes: c.disciplineCodes,
  keywords: c.keywords,
  region_code: c.regionCode,
  budget_ceiling_fen: c.budgetCeilingFen,
  cofund_fen: c.cofundFen,
  deadline: c.deadline,
  duration_months: c.durationMonths,
  ip_terms: c.ipTerms,
  winner_slots: c.winnerSlots,
  mode: c.mode,
  eligibility: JSON.stringify(c.eligibility),
  notice_days: c.noticeDays,
  ethics_categories: c.ethicsCategories ?? [],
  search_text: searchText,
});

export async function insertChallenge(
  tx: Tx,
  c: ChallengeInput,
  createdBy: string,
  searchText: string,
  now: Date,
) {
  return tx
    .insertInto('challenge')
    .values({
      ...challengeColumns(c, searchText),
      created_by: createdBy,
      state: 'draft',
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateChallengeContent(
  tx: Tx,
  id: string,
  version: number,
  c: ChallengeInput,
  searchText: string,
  now: Date,
) {
  return tx
    .updateTable('challenge')
    .set((eb) => ({ ...challengeColumns(c, searchText), version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function replaceTargets(tx: Tx, challengeId: string, targets: TargetInput[]) {
  await tx.deleteFrom('challenge_target').where('challenge_id', '=', challengeId).execute();
  await tx
    .insertInto('challenge_target')
    .values(
      targets.map((t, i) => ({
        challenge_id: challengeId,
        position_no: i,
        metric: t.metric,
        unit: t.unit,
        comparator: t.comparator,
        threshold: t.threshold,
        threshold_high: t.thresholdHigh,
        verification: t.verification,
        verifier: t.verifier,
        verifier_name: t.verifierName,
        mandatory: t.mandatory,
      })),
    )
    .execute();
}

export const findChallenge = (q: Q, id: string) =>
  q.selectFrom('challenge').selectAll().where('id', '=', id).executeTakeFirst();
export const lockChallenge = (tx: Tx, id: string) =>
  tx.selectFrom('challenge').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const targetsOf = (q: Q, challengeId: string) =>
  q
    .selectFrom('challenge_target')
    .selectAll()
    .where('challenge_id', '=', challengeId)
    .orderBy('position_no')
    .execute();

export async function setChallengeState(
  tx: Tx,
  id: string,
  state: string,
  now: Date,
  extra: { published_at?: Date; notice_ends_at?: Date | null } = {},
) {
  return tx
    .updateTable('challenge')
    .set((eb) => ({ state, updated_at: now, version: eb('version', '+', 1), ...extra }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const insertVetting = (
  tx: Tx,
  v: { challengeId: string; actorId: string; action: string; comment: string; at: Date },
) =>
  tx
    .insertInto('challenge_vetting')
    .values({
      challenge_id: v.challengeId,
      actor_id: v.actorId,
      action: v.action,
      comment: v.comment,
      at: v.at,
    })
    .execute();

export const vettingOf = (q: Q, challengeId: string) =>
  q
    .selectFrom('challenge_vetting as v')
    .innerJoin('person as p', 'p.id', 'v.actor_id')
    .select(['v.action', 'v.comment', 'v.at', 'p.name_zh', 'p.name_en'])
    .where('v.challenge_id', '=', challengeId)
    .orderBy('v.n')
    .execute();

export interface ListFilter {
  states: string[];
  tsQuery?: string;
  discipline?: string;
  region?: string;
  budgetMinFen?: number;
  budgetMaxFen?: number;
  deadlineAfter?: string;
  deadlineBefore?: string;
  orgIds?: string[];
  organiserOrgIds?: string[];
}

export const CHALLENGE_SORTS = ['deadline', 'publishedAt', 'updatedAt', 'budget', 'title'] as const;
export type ChallengeSort = (typeof CHALLENGE_SORTS)[number];
const challengeSortColumn = {
  deadline: 'c.deadline',
  publishedAt: 'c.published_at',
  updatedAt: 'c.updated_at',
  budget: 'c.budget_ceiling_fen',
  title: 'c.title_zh',
} as const;

function filteredChallenges(q: Q, f: ListFilter) {
  let query = q
    .selectFrom('challenge as c')
    .innerJoin('organisation as o', 'o.id', 'c.org_id')
    .innerJoin('organisation as a', 'a.id', 'c.organiser_org_id')
    .where('c.state', 'in', f.states);
  if (f.tsQuery)
    query = query.where(
      sql<boolean>`to_tsvector('simple', c.search_text) @@ plainto_tsquery('simple', ${f.tsQuery})`,
    );
  if (f.discipline)
    query = query.where(
      sql<boolean>`exists (select 1 from unnest(c.discipline_codes) d where d like ${`${f.discipline}%`})`,
    );
  if (f.region)
    query = query.where((eb) => eb(eb.fn.coalesce('c.region_code', 'o.region_code'), 'like', `${f.region}%`));
  if (f.budgetMinFen !== undefined) query = query.where('c.budget_ceiling_fen', '>=', f.budgetMinFen);
  if (f.budgetMaxFen !== undefined) query = query.where('c.budget_ceiling_fen', '<=', f.budgetMaxFen);
  if (f.deadlineAfter) query = query.where('c.deadline', '>=', new Date(f.deadlineAfter));
  if (f.deadlineBefore) query = query.where('c.deadline', '<=', new Date(f.deadlineBefore));
  if (f.orgIds || f.organiserOrgIds) {
    const orgIds = f.orgIds ?? [];
    const organiserOrgIds = f.organiserOrgIds ?? [];
    query = query.where((eb) =>
      eb.or([
        ...(orgIds.length ? [eb('c.org_id', 'in', orgIds)] : []),
        ...(organiserOrgIds.length ? [eb('c.organiser_org_id', 'in', organiserOrgIds)] : []),
        eb.val(false),
      ]),
    );
  }
  return query;
}

/** One page of challenges matching the filter, with the total; ties broken by id for stable pages. */
export async function listChallenges(
  q: Q,
  f: ListFilter,
  page: { sort: ChallengeSort; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  const base = filteredChallenges(q, f);
  const [rows, count] = await Promise.all([
    base
      .selectAll('c')
      .select([
        'o.name_zh as org_name_zh',
        'o.name_en as org_name_en',
        'o.region_code as org_region',
        'a.name_zh as organiser_name_zh',
        'a.name_en as organiser_name_en',
      ])
      .orderBy(challengeSortColumn[page.sort], (ob) =>
        page.order === 'asc' ? ob.asc().nullsLast() : ob.desc().nullsLast(),
      )
      .orderBy('c.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export const countByState = (q: Q) =>
  q
    .selectFrom('challenge')
    .select(['state', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('state')
    .execute();

export const vettedCount = (q: Q) =>
  q
    .selectFrom('challenge_vetting')
    .select((eb) => eb.fn.count<number>('challenge_id').distinct().as('n'))
    .where('action', 'in', ['return', 'reject', 'publish'])
    .executeTakeFirstOrThrow();

// ── bids ──
export const findBid = (q: Q, id: string) =>
  q.selectFrom('bid').selectAll().where('id', '=', id).executeTakeFirst();
/**
 * Lock a bid for a change, its challenge first. Every path that locks both takes the challenge
 * before the bid (cancel, award and selection lock the challenge, then change its bids), so a bid
 * action racing a challenge action waits instead of deadlocking.
 */
export async function lockBid(tx: Tx, id: string) {
  const ref = await tx.selectFrom('bid').select('challenge_id').where('id', '=', id).executeTakeFirst();
  if (!ref) return undefined;
  await lockChallenge(tx, ref.challenge_id);
  return tx.selectFrom('bid').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
export const findBidByKey = (q: Q, commanderId: string, key: string) =>
  q
    .selectFrom('bid')
    .selectAll()
    .where('commander_id', '=', commanderId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();

export const bidsOf = (q: Q, challengeId: string, states?: string[]) => {
  let query = q.selectFrom('bid').selectAll().where('challenge_id', '=', challengeId).orderBy('created_at');
  if (states) query = query.where('state', 'in', states);
  return query.execute();
};

/** The intended (notice) or final (awarded) winners as the public notice names them. */
export const noticeWinnersOf = (q: Q, challengeId: string, state: 'selected' | 'awarded') =>
  q
    .selectFrom('bid as b')
    .innerJoin('person as p', 'p.id', 'b.commander_id')
    .innerJoin('organisation as o', 'o.id', 'b.host_org_id')
    .select([
      'b.id',
      'b.budget_fen',
      'p.name_zh',
      'p.name_en',
      'o.name_zh as org_name_zh',
      'o.name_en as org_name_en',
    ])
    .where('b.challenge_id', '=', challengeId)
    .where('b.state', '=', state)
    .orderBy('b.created_at')
    .execute();

export const MY_BID_SORTS = ['createdAt', 'deadline', 'updatedAt'] as const;
const myBidSortColumn = {
  createdAt: 'b.created_at',
  deadline: 'c.deadline',
  updatedAt: 'b.updated_at',
} as const;

/** Bids a person leads or belongs to, one page, with the challenge, host and commander names. */
export async function bidsOfPerson(
  q: Q,
  personId: string,
  f: { state?: string },
  page: { sort: (typeof MY_BID_SORTS)[number]; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  let base = q
    .selectFrom('bid as b')
    .innerJoin('challenge as c', 'c.id', 'b.challenge_id')
    .innerJoin('organisation as o', 'o.id', 'b.host_org_id')
    .innerJoin('person as p', 'p.id', 'b.commander_id')
    .where((eb) =>
      eb.or([
        eb('b.commander_id', '=', personId),
        eb.exists(
          eb
            .selectFrom('bid_member as m')
            .select('m.bid_id')
            .whereRef('m.bid_id', '=', 'b.id')
            .where('m.person_id', '=', personId),
        ),
      ]),
    );
  if (f.state) base = base.where('b.state', '=', f.state);
  const [rows, count] = await Promise.all([
    base
      .selectAll('b')
      .select([
        'c.title_zh',
        'c.title_en',
        'c.deadline',
        'c.state as challenge_state',
        'o.name_zh as host_name_zh',
        'o.name_en as host_name_en',
        'p.name_zh as commander_name_zh',
        'p.name_en as commander_name_en',
      ])
      .orderBy(myBidSortColumn[page.sort], page.order)
      .orderBy('b.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The active admins of an organisation: who may countersign a pledge for it. */
export const hostAdmins = (q: Q, orgId: string) =>
  q
    .selectFrom('membership as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['p.id', 'p.name_zh', 'p.name_en'])
    .where('m.org_id', '=', orgId)
    .where('m.role', '=', 'admin')
    .where('m.status', '=', 'active')
    .where('p.disabled_at', 'is', null)
    .orderBy('p.name_zh')
    .execute();

export async function insertBid(
  tx: Tx,
  b: { challengeId: string; commanderId: string; key: string; digest: string; now: Date } & Omit<
    BidFields,
    never
  >,
) {
  return tx
    .insertInto('bid')
    .values({
      challenge_id: b.challengeId,
      commander_id: b.commanderId,
      idempotency_key: b.key,
      request_digest: b.digest,
      state: 'draft',
      ...bidColumns(b),
      created_at: b.now,
      updated_at: b.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface BidFields {
  hostOrgId: string;
  ethicsCategories?: string[];
  technicalRoute: string;
  budgetFen: number;
  milestones: unknown[];
  pledge: Record<string, unknown>;
}

const bidColumns = (b: BidFields) => ({
  host_org_id: b.hostOrgId,
  ethics_categories: b.ethicsCategories ?? [],
  technical_route: b.technicalRoute,
  budget_fen: b.budgetFen,
  milestones: JSON.stringify(b.milestones),
  pledge: JSON.stringify(b.pledge),
});

/** Edit a bid's content; a changed pledge is a new pledge version and needs signing again. */
export async function updateBidContent(
  tx: Tx,
  id: string,
  version: number,
  b: BidFields,
  pledgeChanged: boolean,
  now: Date,
) {
  return tx
    .updateTable('bid')
    .set((eb) => ({
      ...bidColumns(b),
      version: eb('version', '+', 1),
      updated_at: now,
      ...(pledgeChanged && {
        pledge_version: eb('pledge_version', '+', 1),
        pledge_signed_commander_at: null,
        pledge_signed_host_at: null,
        pledge_signed_host_by: null,
      }),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export const setBidState = (tx: Tx, id: string, state: string, now: Date, submitted = false) =>
  tx
    .updateTable('bid')
    .set((eb) => ({
      state,
      updated_at: now,
      version: eb('version', '+', 1),
      ...(submitted && { submitted_at: now }),
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const signPledge = (tx: Tx, id: string, as: 'commander' | 'host', by: string, now: Date) =>
  tx
    .updateTable('bid')
    .set(
      as === 'commander'
        ? { pledge_signed_commander_at: now }
        : { pledge_signed_host_at: now, pledge_signed_host_by: by },
    )
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Record a signature on a pledge version, writing the version (content and digest) on its first. */
export const signPledgeVersion = (
  tx: Tx,
  v: {
    bidId: string;
    version: number;
    content: Record<string, unknown>;
    digest: string;
    as: 'commander' | 'host';
    by: string;
    now: Date;
  },
) => {
  const signature =
    v.as === 'commander'
      ? { signed_commander_by: v.by, signed_commander_at: v.now }
      : { signed_host_by: v.by, signed_host_at: v.now };
  return tx
    .insertInto('bid_pledge_version')
    .values({
      bid_id: v.bidId,
      version: v.version,
      content: JSON.stringify(v.content),
      digest: v.digest,
      ...signature,
    })
    .onConflict((oc) => oc.columns(['bid_id', 'version']).doUpdateSet(signature))
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const pledgeVersionOf = (q: Q, bidId: string, version: number) =>
  q
    .selectFrom('bid_pledge_version')
    .selectAll()
    .where('bid_id', '=', bidId)
    .where('version', '=', version)
    .executeTakeFirst();

export const pledgeVersionsOf = (q: Q, bidId: string) =>
  q
    .selectFrom('bid_pledge_version as v')
    .leftJoin('person as c', 'c.id', 'v.signed_commander_by')
    .leftJoin('person as h', 'h.id', 'v.signed_host_by')
    .select([
      'v.version',
      'v.digest',
      'v.signed_commander_at',
      'v.signed_host_at',
      'c.name_zh as commander_zh',
      'c.name_en as commander_en',
      'h.name_zh as host_zh',
      'h.name_en as host_en',
    ])
    .where('v.bid_id', '=', bidId)
    .orderBy('v.version', 'desc')
    .execute();

export async function replaceMembers(
  tx: Tx,
  bidId: string,
  members: { personId: string; role: string }[],
  keepConfirmed: Map<string, Date | null>,
) {
  await tx.deleteFrom('bid_member').where('bid_id', '=', bidId).execute();
  if (members.length === 0) return;
  await tx
    .insertInto('bid_member')
    .values(
      members.map((m) => ({
        bid_id: bidId,
        person_id: m.personId,
        role: m.role,
        confirmed_at: keepConfirmed.get(m.personId) ?? null,
      })),
    )
    .execute();
}

export const membersOf = (q: Q, bidId: string) =>
  q
    .selectFrom('bid_member as m')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select(['m.person_id', 'm.role', 'm.confirmed_at', 'p.name_zh', 'p.name_en', 'p.title', 'p.keywords'])
    .where('m.bid_id', '=', bidId)
    .orderBy('p.name_zh')
    .execute();

export const confirmMember = (tx: Tx, bidId: string, personId: string, now: Date) =>
  tx
    .updateTable('bid_member')
    .set({ confirmed_at: now })
    .where('bid_id', '=', bidId)
    .where('person_id', '=', personId)
    .executeTakeFirst();

export const upsertScore = (
  tx: Tx,
  s: { bidId: string; scorerId: string; kind: string; score: number; comment: string; at: Date },
) =>
  tx
    .insertInto('bid_score')
    .values({
      bid_id: s.bidId,
      scorer_id: s.scorerId,
      kind: s.kind,
      score: String(s.score),
      comment: s.comment,
      at: s.at,
    })
    .onConflict((oc) =>
      oc
        .columns(['bid_id', 'scorer_id', 'kind'])
        .doUpdateSet({ score: String(s.score), comment: s.comment, at: s.at }),
    )
    .execute();

export const scoresOf = (q: Q, bidIds: string[]) =>
  bidIds.length
    ? q.selectFrom('bid_score').selectAll().where('bid_id', 'in', bidIds).execute()
    : Promise.resolve([]);

/** The latest ranking decision of a selection review round (not a race stage's) on this challenge. */
export const latestSelectionDecision = (q: Q, challengeId: string) =>
  q
    .selectFrom('ranking_decision as d')
    .innerJoin('review_round as r', 'r.id', 'd.round_id')
    .select(['d.round_id', 'd.version', 'd.inputs_sha256', 'd.decided_at', 'd.outcome'])
    .where('r.challenge_id', '=', challengeId)
    .where('r.race_stage_no', 'is', null)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.version', 'desc')
    .limit(1)
    .executeTakeFirst();

// ── notice and objections ──
export const insertObjection = (
  tx: Tx,
  o: { challengeId: string; raisedBy: string; text: string; now: Date },
) =>
  tx
    .insertInto('objection')
    .values({
      challenge_id: o.challengeId,
      raised_by: o.raisedBy,
      text: o.text,
      state: 'open',
      created_at: o.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
export const findObjection = (q: Q, id: string) =>
  q.selectFrom('objection').selectAll().where('id', '=', id).executeTakeFirst();
export const objectionsOf = (q: Q, challengeId: string) =>
  q
    .selectFrom('objection')
    .selectAll()
    .where('challenge_id', '=', challengeId)
    .orderBy('created_at')
    .execute();
export const resolveObjection = (
  tx: Tx,
  id: string,
  state: string,
  resolution: string,
  by: string,
  now: Date,
) =>
  tx
    .updateTable('objection')
    .set({ state, resolution, resolved_by: by, resolved_at: now })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();

// ── task books ──
export const insertTaskBook = (
  tx: Tx,
  t: {
    challengeId: string;
    bidId: string;
    targets: unknown[];
    digest: string;
    milestones: unknown[];
    tranches: unknown[];
    budgetFen: number;
    now: Date;
  },
) =>
  tx
    .insertInto('task_book')
    .values({
      challenge_id: t.challengeId,
      bid_id: t.bidId,
      state: 'drafting',
      targets: JSON.stringify(t.targets),
      targets_digest: t.digest,
      milestones: JSON.stringify(t.milestones),
      tranches: JSON.stringify(t.tranches),
      budget_fen: t.budgetFen,
      created_at: t.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const findTaskBook = (q: Q, id: string) =>
  q.selectFrom('task_book').selectAll().where('id', '=', id).executeTakeFirst();
export const lockTaskBook = (tx: Tx, id: string) =>
  tx.selectFrom('task_book').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const taskBooksOfChallenge = (q: Q, challengeId: string) =>
  q
    .selectFrom('task_book')
    .selectAll()
    .where('challenge_id', '=', challengeId)
    .orderBy('created_at')
    .execute();

/** The task books of a challenge with their commander and host organisation named. */
export const taskBooksOfChallengeNamed = (q: Q, challengeId: string) =>
  q
    .selectFrom('task_book as t')
    .innerJoin('bid as b', 'b.id', 't.bid_id')
    .innerJoin('person as p', 'p.id', 'b.commander_id')
    .innerJoin('organisation as h', 'h.id', 'b.host_org_id')
    .select([
      't.id',
      't.bid_id',
      't.state',
      'p.id as commander_id',
      'p.name_zh as commander_zh',
      'p.name_en as commander_en',
      'h.id as host_id',
      'h.name_zh as host_zh',
      'h.name_en as host_en',
    ])
    .where('t.challenge_id', '=', challengeId)
    .orderBy('t.created_at')
    .execute();

/** Organisations' names by id. */
export const orgNames = (q: Q, ids: string[]) =>
  ids.length
    ? q.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export const reviseTaskBook = (
  tx: Tx,
  id: string,
  revision: number,
  milestones: unknown[],
  tranches: unknown[],
) =>
  tx
    .updateTable('task_book')
    .set((eb) => ({
      milestones: JSON.stringify(milestones),
      tranches: JSON.stringify(tranches),
      revision: eb('revision', '+', 1),
      signed_proposer_at: null,
      signed_proposer_by: null,
      signed_commander_at: null,
    }))
    .where('id', '=', id)
    .where('revision', '=', revision)
    .returningAll()
    .executeTakeFirst();

export const signTaskBook = (tx: Tx, id: string, as: 'proposer' | 'commander', by: string, now: Date) =>
  tx
    .updateTable('task_book')
    .set(
      as === 'proposer' ? { signed_proposer_at: now, signed_proposer_by: by } : { signed_commander_at: now },
    )
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const setTaskBookState = (tx: Tx, id: string, state: string, closedAt: Date | null) =>
  tx
    .updateTable('task_book')
    .set({ state, closed_at: closedAt })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertReport = (
  tx: Tx,
  r: {
    taskBookId: string;
    milestoneNo: number;
    summary: string;
    measured: Record<string, string>;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('milestone_report')
    .values({
      task_book_id: r.taskBookId,
      milestone_no: r.milestoneNo,
      summary: r.summary,
      measured: JSON.stringify(r.measured),
      submitted_by: r.by,
      submitted_at: r.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
export const findReport = (q: Q, id: string) =>
  q.selectFrom('milestone_report').selectAll().where('id', '=', id).executeTakeFirst();
export const reportsOf = (q: Q, taskBookId: string) =>
  q
    .selectFrom('milestone_report')
    .selectAll()
    .where('task_book_id', '=', taskBookId)
    .orderBy('submitted_at')
    .execute();
export const judgementsOf = (q: Q, taskBookId: string) =>
  q.selectFrom('acceptance_judgement').selectAll().where('task_book_id', '=', taskBookId).execute();

export const insertReferral = (
  tx: Tx,
  r: {
    personId: string | null;
    orgId: string | null;
    sourceType: string;
    sourceId: string;
    summary: string;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('integrity_referral')
    .values({
      subject_person_id: r.personId,
      subject_org_id: r.orgId,
      source_type: r.sourceType,
      source_id: r.sourceId,
      summary: r.summary,
      created_by: r.by,
      created_at: r.now,
    })
    .execute();

export const personNames = (q: Q, ids: string[]) =>
  ids.length
    ? q.selectFrom('person').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

// ── attachments ──
export const insertAttachment = (
  tx: Tx,
  a: {
    ownerType: string;
    ownerId: string;
    fileName: string;
    mediaType: string;
    content: Uint8Array;
    sha256: string;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('attachment')
    .values({
      owner_type: a.ownerType,
      owner_id: a.ownerId,
      file_name: a.fileName,
      media_type: a.mediaType,
      size_bytes: a.content.length,
      sha256: a.sha256,
      content: a.content,
      uploaded_by: a.by,
      uploaded_at: a.now,
    })
    .returning(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .executeTakeFirstOrThrow();

export const attachmentsOf = (q: Q, ownerType: string, ownerId: string) =>
  q
    .selectFrom('attachment')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_at'])
    .where('owner_type', '=', ownerType)
    .where('owner_id', '=', ownerId)
    .orderBy('uploaded_at')
    .execute();

export const findAttachment = (q: Q, id: string) =>
  q.selectFrom('attachment').selectAll().where('id', '=', id).executeTakeFirst();

/** The ethics review of a bid: its state, conditions and due date. */
export const ethicsReviewOf = (q: Q, bidId: string) =>
  q
    .selectFrom('ethics_review')
    .select(['id', 'state', 'conditions', 'due_at as dueAt'])
    .where('bid_id', '=', bidId)
    .executeTakeFirst();

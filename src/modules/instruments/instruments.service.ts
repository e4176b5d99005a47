// Shared large research instruments: registry, public search, booking without double booking,
// approval and cancellation, recorded use with its fee posted to the ledger, ratings and the
// annual openness figures. Every state change is one transaction with its audit entry; rows are
// locked in one order: instrument → booking → award → audit head.
//
// Double booking is refused twice: the service checks for an overlap after locking the
// instrument row (so concurrent requests for one instrument queue, and the loser gets a clear
// SLOT_TAKEN), and the exclusion constraint `instrument_booking_no_overlap` refuses any
// overlapping row that reaches the table by another path (decision 0045).
import { sql } from 'kysely';
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { entries } from '../../core/ledger/grants.ts';
import { tokenize } from '../../core/text/index.ts';
import { decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { offsetOf, type Page } from '../../http/paging.ts';
import { t } from '../../i18n/messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor, taskBookRelations } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import { heldBefore, postEntry } from '../funding/funding.ledger.ts';
import * as funding from '../funding/funding.repo.ts';
import { instrumentNotice } from '../notifications/events.ts';
import * as repo from './instruments.repo.ts';
import {
  type BookingAction,
  type BookingState,
  bookingMachine,
  type Category,
  feeFen,
  LARGE_VALUE_FEN,
  type Openness,
  opennessFigures,
  priceFor,
  slotProblem,
  tenthsOf,
} from './instruments.ts';

export interface InstrumentBody {
  orgId: string;
  nameZh: string;
  nameEn: string;
  category: Category;
  model: string;
  maker: string;
  valueFen: number;
  regionCode: string;
  address: string;
  capabilitiesZh: string;
  capabilitiesEn: string;
  managerId: string;
  openness: Openness;
  priceInternalFen: number;
  priceExternalFen: number;
  minSlotMinutes: number;
  leadHours: number;
  needsApproval: boolean;
}

const words = (text: string) => tokenize(text, { chineseMode: 'search' }).join(' ');
const searchWordsOf = (b: InstrumentBody) =>
  words([b.nameZh, b.nameEn, b.model, b.maker, b.capabilitiesZh, b.capabilitiesEn].join('\n'));

/** The actor's relations to an instrument: 'manager' (its manager or an admin of its organisation), 'member'. */
function relationsTo(actor: Actor | null, i: repo.InstrumentRow): Set<string> {
  const rel = new Set<string>();
  if (!actor) return rel;
  if (i.manager_id === actor.personId || hasRole(actor, 'admin', i.org_id) || isPlatformAdmin(actor))
    rel.add('manager');
  if (actor.roles.some((r) => r.orgId === i.org_id)) rel.add('member');
  return rel;
}

/** An internal instrument is visible to its organisation only; an external one to everyone. */
const visible = (actor: Actor | null, i: repo.InstrumentRow) =>
  i.openness === 'external' || relationsTo(actor, i).size > 0;

async function checkBody(q: Ctx['db'] | Tx, actor: Actor, b: InstrumentBody) {
  if (b.valueFen < LARGE_VALUE_FEN) throw invalid('valueFen', t('instruments.notLarge'));
  if (!hasRole(actor, 'admin', b.orgId) && !isPlatformAdmin(actor))
    throw new AppError('FORBIDDEN', t('instruments.onlyOrgAdmins'), 'orgId');
  const member = await q
    .selectFrom('membership')
    .select('id')
    .where('person_id', '=', b.managerId)
    .where('org_id', '=', b.orgId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!member) throw invalid('managerId', t('instruments.managerNotMember'));
}

const columns = (b: InstrumentBody) => ({
  org_id: b.orgId,
  name_zh: b.nameZh,
  name_en: b.nameEn,
  category: b.category,
  model: b.model,
  maker: b.maker,
  value_fen: b.valueFen,
  region_code: b.regionCode,
  address: b.address,
  capabilities_zh: b.capabilitiesZh,
  capabilities_en: b.capabilitiesEn,
  search_words: searchWordsOf(b),
  manager_id: b.managerId,
  openness: b.openness,
  price_internal_fen: b.priceInternalFen,
  price_external_fen: b.priceExternalFen,
  min_slot_minutes: b.minSlotMinutes,
  lead_hours: b.leadHours,
  needs_approval: b.needsApproval,
});

/** The organisations whose instruments the actor may list: those they administer (all, for the platform admin). */
export async function listingOrgs(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const mine = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  if (!isPlatformAdmin(actor) && !mine.length) return [];
  let q = ctx.db.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).orderBy('name_zh');
  if (!isPlatformAdmin(actor)) q = q.where('id', 'in', mine);
  const rows = await q.limit(500).execute();
  return rows.map((o) => ({ id: o.id, nameZh: o.name_zh, nameEn: o.name_en }));
}

/** Who may manage an instrument of an organisation: its active members, by name (its admins ask). */
export async function managerCandidates(ctx: Ctx, orgId: string) {
  const actor = requireActor(ctx.actor);
  if (!hasRole(actor, 'admin', orgId) && !isPlatformAdmin(actor))
    throw new AppError('FORBIDDEN', t('instruments.onlyOrgAdmins'), 'orgId');
  const rows = await ctx.db
    .selectFrom('membership as ms')
    .innerJoin('person as p', 'p.id', 'ms.person_id')
    .select(['p.id', 'p.name_zh', 'p.name_en'])
    .distinct()
    .where('ms.org_id', '=', orgId)
    .where('ms.status', '=', 'active')
    .where('p.disabled_at', 'is', null)
    .orderBy('p.name_zh')
    .limit(1000)
    .execute();
  return rows.map((p) => ({ id: p.id, nameZh: p.name_zh, nameEn: p.name_en }));
}

export async function createInstrument(ctx: Ctx, b: InstrumentBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    await checkBody(tx, actor, b);
    const row = await tx
      .insertInto('instrument')
      .values({ ...columns(b), created_by: actor.personId, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'instrument.create',
      objectType: 'instrument',
      objectId: row.id,
      after: b,
    });
    return row.id;
  });
  return getInstrument(ctx, id);
}

export async function updateInstrument(ctx: Ctx, id: string, b: InstrumentBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const i = await repo.lockInstrument(tx, id);
    if (!i || !visible(actor, i)) throw notFound(t('instruments.notFound'));
    if (b.orgId !== i.org_id) throw invalid('orgId', t('instruments.orgFixed'));
    await checkBody(tx, actor, b);
    await tx.updateTable('instrument').set(columns(b)).where('id', '=', id).execute();
    await recordAudit(tx, actor, now, {
      action: 'instrument.update',
      objectType: 'instrument',
      objectId: id,
      before: i,
      after: b,
    });
  });
  return getInstrument(ctx, id);
}

export async function addMaintenance(
  ctx: Ctx,
  id: string,
  input: { start: string; end: string; reason: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (!(end > start)) throw invalid('end', t('instruments.endBeforeStart'));
  await ctx.db.transaction().execute(async (tx) => {
    const i = await repo.lockInstrument(tx, id);
    if (!i || !visible(actor, i)) throw notFound(t('instruments.notFound'));
    if (!relationsTo(actor, i).has('manager')) throw forbidden(t('instruments.onlyManager'));
    if ((await repo.holdingOverlaps(tx, id, start, end)).length)
      throw new AppError('SLOT_TAKEN', t('instruments.maintenanceOverBooking'), 'start');
    if ((await repo.maintenanceOf(tx, id, start, end)).length)
      throw new AppError('SLOT_TAKEN', t('instruments.inMaintenance'), 'start');
    const m = await tx
      .insertInto('instrument_maintenance')
      .values({
        instrument_id: id,
        during: repo.range(start, end),
        reason: input.reason,
        created_by: actor.personId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'instrument.maintenance',
      objectType: 'instrument',
      objectId: id,
      after: { maintenanceId: m.id, ...input },
    });
  });
  return getInstrument(ctx, id);
}

/** Removes a maintenance window (the manager): its time is bookable again. */
export async function removeMaintenance(ctx: Ctx, id: string, windowId: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const i = await repo.lockInstrument(tx, id);
    if (!i || !visible(actor, i)) throw notFound(t('instruments.notFound'));
    if (!relationsTo(actor, i).has('manager')) throw forbidden(t('instruments.onlyManager'));
    const m = await tx
      .deleteFrom('instrument_maintenance')
      .where('id', '=', windowId)
      .where('instrument_id', '=', id)
      .returning([
        'id',
        'reason',
        sql<Date>`lower(during)`.as('start_at'),
        sql<Date>`upper(during)`.as('end_at'),
      ])
      .executeTakeFirst();
    if (!m) throw notFound(t('instruments.noSuchMaintenance'));
    await recordAudit(tx, actor, now, {
      action: 'instrument.maintenance_removed',
      objectType: 'instrument',
      objectId: id,
      before: { maintenanceId: m.id },
      detail: { start: m.start_at.toISOString(), end: m.end_at.toISOString(), reason: m.reason },
    });
  });
  return getInstrument(ctx, id);
}

export interface SearchQuery {
  q?: string;
  category?: Category;
  region?: string;
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
  sort: 'name' | 'value' | 'price';
  order: 'asc' | 'desc';
}

/** The catalogue: open (external) instruments for everyone, plus the reader's organisations' own. */
export async function search(ctx: Ctx, f: SearchQuery): Promise<Page<ReturnType<typeof summary>>> {
  const { page, pageSize } = f;
  const orgIds = [...new Set((ctx.actor?.roles ?? []).map((r) => r.orgId))];
  let tsQuery: string | undefined;
  if (f.q) {
    tsQuery = words(f.q);
    if (!tsQuery) return { items: [], total: 0, page, pageSize };
  }
  let from: Date | undefined;
  let to: Date | undefined;
  if (f.from || f.to) {
    if (!f.from) throw invalid('from', t('instruments.rangeBoth'));
    if (!f.to) throw invalid('to', t('instruments.rangeBoth'));
    from = new Date(f.from);
    to = new Date(f.to);
    if (!(to > from)) throw invalid('to', t('instruments.endBeforeStart'));
  }
  let query = ctx.db
    .selectFrom('instrument as i')
    .innerJoin('organisation as o', 'o.id', 'i.org_id')
    .where('i.state', '=', 'active')
    .where((eb) =>
      orgIds.length
        ? eb.or([eb('i.openness', '=', 'external'), eb('i.org_id', 'in', orgIds)])
        : eb('i.openness', '=', 'external'),
    );
  if (tsQuery)
    query = query.where(
      sql<boolean>`to_tsvector('simple', i.search_words) @@ plainto_tsquery('simple', ${tsQuery})`,
    );
  if (f.category) query = query.where('i.category', '=', f.category);
  if (f.region) query = query.where('i.region_code', 'like', `${f.region.replace(/0+$/, '')}%`);
  if (from && to) {
    const r = repo.range(from, to);
    query = query
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('instrument_booking as b')
              .select('b.id')
              .whereRef('b.instrument_id', '=', 'i.id')
              .where('b.state', 'in', ['pending', 'confirmed', 'completed'])
              .where(sql<boolean>`b.during && ${r}`),
          ),
        ),
      )
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('instrument_maintenance as m')
              .select('m.id')
              .whereRef('m.instrument_id', '=', 'i.id')
              .where(sql<boolean>`m.during && ${r}`),
          ),
        ),
      );
  }
  const total = Number(
    (await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const sortCol = { name: 'i.name_zh', value: 'i.value_fen', price: 'i.price_external_fen' } as const;
  const rows = await query
    .selectAll('i')
    .select(['o.name_zh as org_zh', 'o.name_en as org_en'])
    .orderBy(sortCol[f.sort], f.order)
    .orderBy('i.id')
    .limit(pageSize)
    .offset(offsetOf(f))
    .execute();
  return { items: rows.map((r) => summary(r, ctx.actor)), total, page, pageSize };
}

function summary(r: repo.InstrumentRow & { org_zh: string; org_en: string }, actor: Actor | null) {
  const rel = relationsTo(actor, r);
  return {
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    category: r.category,
    model: r.model,
    maker: r.maker,
    valueFen: r.value_fen,
    regionCode: r.region_code,
    address: r.address,
    capabilitiesZh: r.capabilities_zh,
    capabilitiesEn: r.capabilities_en,
    org: { id: r.org_id, nameZh: r.org_zh, nameEn: r.org_en },
    openness: r.openness,
    priceInternalFen: r.price_internal_fen,
    priceExternalFen: r.price_external_fen,
    /** The hourly price this reader would pay (external unless they belong to the organisation). */
    yourPriceFen: priceFor(rel.has('member'), r),
    minSlotMinutes: r.min_slot_minutes,
    leadHours: r.lead_hours,
    needsApproval: r.needs_approval,
    state: r.state,
  };
}

export async function getInstrument(ctx: Ctx, id: string) {
  const r = await ctx.db
    .selectFrom('instrument as i')
    .innerJoin('organisation as o', 'o.id', 'i.org_id')
    .innerJoin('person as m', 'm.id', 'i.manager_id')
    .selectAll('i')
    .select([
      'o.name_zh as org_zh',
      'o.name_en as org_en',
      'm.name_zh as manager_zh',
      'm.name_en as manager_en',
    ])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!r || !visible(ctx.actor, r)) throw notFound(t('instruments.notFound'));
  const rel = relationsTo(ctx.actor, r);
  const now = ctx.now();
  const horizon = new Date(now.getTime() + 60 * 86_400_000);
  const maintenance = await repo.maintenanceOf(ctx.db, id, now, horizon);
  // Everyone sees when the instrument is taken; only the manager sees by whom.
  const busy = await repo.calendar(ctx.db, id, now, horizon);
  return {
    ...summary(r, ctx.actor),
    manager: { id: r.manager_id, nameZh: r.manager_zh, nameEn: r.manager_en },
    canManage: rel.has('manager'),
    canEdit: !!ctx.actor && (hasRole(ctx.actor, 'admin', r.org_id) || isPlatformAdmin(ctx.actor)),
    canBook: !!ctx.actor && r.state === 'active' && (r.openness === 'external' || rel.has('member')),
    maintenance: maintenance.map((m) => ({
      id: m.id,
      start: m.start_at.toISOString(),
      end: m.end_at.toISOString(),
      reason: m.reason,
    })),
    busy: busy.map((b) => ({ start: b.start_at.toISOString(), end: b.end_at.toISOString() })),
  };
}

export interface BookBody {
  start: string;
  end: string;
  purpose: string;
  awardId?: string;
  payerOrgId?: string;
  taskBookId?: string;
  milestoneNo?: number;
}

/** Whether the actor is the commander or a member of a bid's team. */
async function onTeam(q: Ctx['db'] | Tx, actor: Actor, bidId: string) {
  const b = await challenges.findBid(q, bidId);
  if (!b) return false;
  if (b.commander_id === actor.personId) return true;
  return (await challenges.membersOf(q, bidId)).some((m) => m.person_id === actor.personId);
}

export async function book(ctx: Ctx, instrumentId: string, input: BookBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const start = new Date(input.start);
  const end = new Date(input.end);
  const id = await ctx.db.transaction().execute(async (tx) => {
    // The instrument row's lock queues every booking of this instrument (both backends).
    const i = await repo.lockInstrument(tx, instrumentId);
    if (!i || !visible(actor, i)) throw notFound(t('instruments.notFound'));
    if (i.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', t('instruments.retired'));
    const internal = actor.roles.some((r) => r.orgId === i.org_id);
    if (i.openness === 'internal' && !internal) throw forbidden(t('instruments.internalOnly'));
    // Who pays: an award the booker works on, else an organisation the booker belongs to.
    let payerOrgId: string;
    let awardId: string | null = null;
    if (input.awardId) {
      const a = await funding.findAward(tx, input.awardId);
      if (!a || !(await onTeam(tx, actor, a.bid_id))) throw invalid('awardId', t('instruments.notYourAward'));
      if (a.state !== 'active') throw invalid('awardId', t('instruments.awardClosed'));
      const bid = (await challenges.findBid(tx, a.bid_id))!;
      payerOrgId = bid.host_org_id;
      awardId = a.id;
    } else {
      const orgs = [...new Set(actor.roles.map((r) => r.orgId))];
      const chosen = input.payerOrgId ?? (internal ? i.org_id : orgs[0]);
      if (!chosen || !orgs.includes(chosen))
        throw invalid(input.payerOrgId ? 'payerOrgId' : 'awardId', t('instruments.noPayer'));
      payerOrgId = chosen;
    }
    let taskBookId: string | null = null;
    if (input.taskBookId) {
      const tb = await challenges.findTaskBook(tx, input.taskBookId);
      if (!tb || !(await onTeam(tx, actor, tb.bid_id)))
        throw invalid('taskBookId', t('instruments.notYourTaskBook'));
      const milestones = (tb.milestones as unknown[]).length;
      if (input.milestoneNo !== undefined && input.milestoneNo > milestones)
        throw invalid('milestoneNo', t('instruments.noSuchMilestone', { count: milestones }));
      taskBookId = tb.id;
    } else if (input.milestoneNo !== undefined)
      throw invalid('taskBookId', t('instruments.milestoneNeedsTaskBook'));
    const maintenance = (await repo.maintenanceOf(tx, i.id, start, end)).map((m) => ({
      start: m.start_at.getTime(),
      end: m.end_at.getTime(),
    }));
    const problem = slotProblem(
      { start: start.getTime(), end: end.getTime() },
      { minSlotMinutes: i.min_slot_minutes, leadHours: i.lead_hours },
      now.getTime(),
      maintenance,
    );
    if (problem) {
      const code = problem.message.key === 'instruments.inMaintenance' ? 'SLOT_TAKEN' : 'VALIDATION';
      throw new AppError(code, problem.message, problem.field);
    }
    if ((await repo.holdingOverlaps(tx, i.id, start, end)).length)
      throw new AppError('SLOT_TAKEN', t('instruments.slotTaken'), 'start');
    const state: BookingState = i.needs_approval ? 'pending' : 'confirmed';
    const row = await tx
      .insertInto('instrument_booking')
      .values({
        instrument_id: i.id,
        booker_id: actor.personId,
        payer_org_id: payerOrgId,
        award_id: awardId,
        task_book_id: taskBookId,
        milestone_no: input.milestoneNo ?? null,
        during: repo.range(start, end),
        purpose: input.purpose,
        external: !internal,
        price_fen_per_hour: priceFor(internal, i),
        state,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e: { code?: string }) => {
        if (e?.code === '23P01') throw new AppError('SLOT_TAKEN', t('instruments.slotTaken'), 'start');
        throw e;
      });
    await recordAudit(tx, actor, now, {
      action: 'instrument.book',
      objectType: 'instrument_booking',
      objectId: row.id,
      after: { instrumentId: i.id, ...input, state, payerOrgId },
    });
    if (state === 'pending')
      await instrumentNotice(tx, now, 'instrument.bookingRequested', row.id, actor.personId);
    return row.id;
  });
  return getBooking(ctx, id);
}

async function bookingRelations(
  q: Ctx['db'] | Tx,
  actor: Actor | null,
  b: repo.BookingRow,
  i: repo.InstrumentRow,
) {
  const rel = new Set<string>();
  if (!actor) return rel;
  if (b.booker_id === actor.personId) rel.add('booker');
  if (relationsTo(actor, i).has('manager')) rel.add('manager');
  if (hasRole(actor, 'admin', b.payer_org_id)) rel.add('payer');
  if (b.award_id && !rel.size) {
    const a = await funding.findAward(q, b.award_id);
    if (a && (await onTeam(q, actor, a.bid_id))) rel.add('team');
  }
  return rel;
}

const ACT_NOTICES = {
  approve: 'instrument.bookingApproved',
  reject: 'instrument.bookingRejected',
  cancel: 'instrument.bookingCancelled',
} as const;

export async function act(
  ctx: Ctx,
  bookingId: string,
  action: Exclude<BookingAction, 'record_use'>,
  reason = '',
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const peek = await repo.findBooking(tx, bookingId);
    if (!peek) throw notFound(t('instruments.bookingNotFound'));
    const i = (await repo.lockInstrument(tx, peek.instrument_id))!;
    const b = (await repo.lockBooking(tx, bookingId))!;
    const rel = await bookingRelations(tx, actor, b, i);
    if (!rel.size) throw notFound(t('instruments.bookingNotFound'));
    if ((action === 'reject' || (action === 'cancel' && !rel.has('booker'))) && !reason.trim())
      throw invalid('reason', t('instruments.reasonRequired'));
    const d = decide(bookingMachine, b.state as BookingState, action, rel, { started: b.start_at <= now });
    if (!d.ok) throw new AppError(d.code, d.reason);
    await tx
      .updateTable('instrument_booking')
      .set({ state: d.to, decided_by: actor.personId, decided_at: now, reason })
      .where('id', '=', b.id)
      .execute();
    await recordAudit(tx, actor, now, {
      action: `instrument.${action}`,
      objectType: 'instrument_booking',
      objectId: b.id,
      before: { state: b.state },
      after: { state: d.to, reason },
    });
    const notice = ACT_NOTICES[action];
    await instrumentNotice(tx, now, notice, b.id, actor.personId, { reason });
  });
  return getBooking(ctx, bookingId);
}

export interface UseBody {
  start: string;
  end: string;
  machineHours: string;
  samples: number;
}

export async function recordUse(ctx: Ctx, bookingId: string, input: UseBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const start = new Date(input.start);
  const end = new Date(input.end);
  if (!(end > start)) throw invalid('end', t('instruments.endBeforeStart'));
  if (end > now) throw invalid('end', t('instruments.useInFuture'));
  const tenths = tenthsOf(input.machineHours);
  if (!tenths) throw invalid('machineHours', t('instruments.badHours'));
  if (tenths * 360_000 > end.getTime() - start.getTime())
    throw invalid('machineHours', t('instruments.hoursOverSpan'));
  await ctx.db.transaction().execute(async (tx) => {
    const peek = await repo.findBooking(tx, bookingId);
    if (!peek) throw notFound(t('instruments.bookingNotFound'));
    const i = (await repo.lockInstrument(tx, peek.instrument_id))!;
    const b = (await repo.lockBooking(tx, bookingId))!;
    const rel = await bookingRelations(tx, actor, b, i);
    if (!rel.size) throw notFound(t('instruments.bookingNotFound'));
    if (!rel.has('manager')) throw forbidden(t('instruments.onlyManager'));
    const d = decide(bookingMachine, b.state as BookingState, 'record_use', rel, {
      started: b.start_at <= now,
    });
    if (!d.ok) throw new AppError(d.code, d.reason);
    const fee = feeFen(tenths, b.price_fen_per_hour);
    let entryId: string | null = null;
    if (fee > 0 && b.award_id) {
      // Paid from the team's award: an expense on it (operational costs cover testing fees).
      const a = (await funding.lockAward(tx, b.award_id))!;
      if (a.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', t('instruments.awardClosed'));
      const e = entries.spend(`instrument:${b.id}`, a.id, 'operational', fee);
      e.memo = `instrument fee · ${i.name_en || i.name_zh}`.slice(0, 500);
      const entry = await postEntry(
        tx,
        e,
        { kind: 'expense', fundId: null, awardId: a.id, by: actor.personId, now },
        (p) =>
          new AppError(
            'VALIDATION',
            t('instruments.awardShort', { held: heldBefore(p, e, p.account), fee }),
            'machineHours',
          ),
      );
      await funding.insertExpense(tx, {
        awardId: a.id,
        period: beijingMonth(now),
        category: 'operational',
        kind: 'instrument_use',
        description: `${i.name_zh}${i.name_en ? ` ${i.name_en}` : ''} · ${input.machineHours} h`.slice(
          0,
          500,
        ),
        amountFen: fee,
        entryId: entry.id,
        by: actor.personId,
        now,
      });
      entryId = entry.id;
    } else if (fee > 0) {
      // Paid by the booker's organisation to the instrument's organisation.
      const e = entries.instrumentFee(`instrument:${b.id}`, b.payer_org_id, i.org_id, fee);
      const entry = await postEntry(
        tx,
        e,
        { kind: 'instrument_fee', fundId: null, awardId: null, by: actor.personId, now },
        () => new AppError('INTERNAL', t('instruments.ledgerRefused')),
      );
      entryId = entry.id;
    }
    await tx
      .insertInto('instrument_use')
      .values({
        booking_id: b.id,
        started_at: start,
        ended_at: end,
        machine_tenths: tenths,
        samples: input.samples,
        fee_fen: fee,
        entry_id: entryId,
        recorded_by: actor.personId,
        recorded_at: now,
      })
      .execute();
    await tx.updateTable('instrument_booking').set({ state: d.to }).where('id', '=', b.id).execute();
    await recordAudit(tx, actor, now, {
      action: 'instrument.record_use',
      objectType: 'instrument_booking',
      objectId: b.id,
      before: { state: b.state },
      after: { state: d.to, ...input, feeFen: fee, entryId },
    });
    await instrumentNotice(tx, now, 'instrument.feePosted', b.id, actor.personId, { feeFen: fee });
  });
  return getBooking(ctx, bookingId);
}

const beijingMonth = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);

export async function rate(ctx: Ctx, bookingId: string, input: { score: number; comment: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const b = await repo.lockBooking(tx, bookingId);
    if (!b || b.booker_id !== actor.personId) throw notFound(t('instruments.bookingNotFound'));
    if (b.state !== 'completed') throw new AppError('ILLEGAL_TRANSITION', t('instruments.rateAfterUse'));
    if (await repo.ratingOf(tx, b.id)) throw new AppError('DUPLICATE', t('instruments.alreadyRated'));
    await tx
      .insertInto('instrument_rating')
      .values({
        booking_id: b.id,
        score: input.score,
        comment: input.comment,
        rated_by: actor.personId,
        rated_at: now,
      })
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'instrument.rate',
      objectType: 'instrument_booking',
      objectId: b.id,
      after: input,
    });
  });
  return getBooking(ctx, bookingId);
}

/** One booking as its booker, the instrument's manager, the payer's admin or the award team see it. */
export async function getBooking(ctx: Ctx, bookingId: string) {
  const actor = requireActor(ctx.actor);
  const b = await repo.findBooking(ctx.db, bookingId);
  if (!b) throw notFound(t('instruments.bookingNotFound'));
  const i = (await repo.findInstrument(ctx.db, b.instrument_id))!;
  const rel = await bookingRelations(ctx.db, actor, b, i);
  if (!rel.size) throw notFound(t('instruments.bookingNotFound'));
  const [org, payer, booker, use, rating, entry] = await Promise.all([
    ctx.db
      .selectFrom('organisation')
      .select(['id', 'name_zh', 'name_en'])
      .where('id', '=', i.org_id)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('organisation')
      .select(['id', 'name_zh', 'name_en'])
      .where('id', '=', b.payer_org_id)
      .executeTakeFirstOrThrow(),
    ctx.db
      .selectFrom('person')
      .select(['id', 'name_zh', 'name_en'])
      .where('id', '=', b.booker_id)
      .executeTakeFirstOrThrow(),
    repo.findUse(ctx.db, b.id),
    repo.ratingOf(ctx.db, b.id),
    ctx.db
      .selectFrom('instrument_use as u')
      .innerJoin('journal_entry as e', 'e.id', 'u.entry_id')
      .select(['e.seq', 'e.kind', 'e.posted_at'])
      .where('u.booking_id', '=', b.id)
      .executeTakeFirst(),
  ]);
  const award = b.award_id
    ? await ctx.db
        .selectFrom('funding_award as a')
        .innerJoin('challenge as c', 'c.id', 'a.challenge_id')
        .select(['a.id', 'c.title_zh', 'c.title_en'])
        .where('a.id', '=', b.award_id)
        .executeTakeFirst()
    : undefined;
  const started = b.start_at <= ctx.now();
  const actions = (['approve', 'reject', 'cancel', 'record_use'] as const).filter(
    (a) => decide(bookingMachine, b.state as BookingState, a, rel, { started }).ok,
  );
  const ref = (r: { id: string; name_zh: string; name_en: string }) => ({
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en,
  });
  return {
    id: b.id,
    instrument: { id: i.id, nameZh: i.name_zh, nameEn: i.name_en, model: i.model, address: i.address },
    instrumentOrg: ref(org),
    booker: ref(booker),
    payer: ref(payer),
    award: award ? { id: award.id, nameZh: award.title_zh, nameEn: award.title_en } : null,
    taskBookId: b.task_book_id,
    milestoneNo: b.milestone_no,
    start: b.start_at.toISOString(),
    end: b.end_at.toISOString(),
    purpose: b.purpose,
    external: b.external,
    priceFenPerHour: b.price_fen_per_hour,
    state: b.state,
    reason: b.reason,
    decidedAt: b.decided_at?.toISOString() ?? null,
    createdAt: b.created_at.toISOString(),
    actions,
    canRate: rel.has('booker') && b.state === 'completed' && !rating,
    use: use
      ? {
          start: use.started_at.toISOString(),
          end: use.ended_at.toISOString(),
          machineHours: (use.machine_tenths / 10).toFixed(1),
          samples: use.samples,
          feeFen: use.fee_fen,
          entrySeq: entry?.seq ?? null,
          entryKind: entry?.kind ?? null,
          postedAt: entry?.posted_at.toISOString() ?? null,
        }
      : null,
    rating: rating
      ? { score: rating.score, comment: rating.comment, ratedAt: rating.rated_at.toISOString() }
      : null,
  };
}

/** Who may list the bookings of an award or a task book: its team, its challenge's proposer and organizers, the host's admins. */
async function bookingScope(ctx: Ctx, actor: Actor, q: { awardId?: string; taskBookId?: string }) {
  let taskBookId = q.taskBookId;
  if (q.awardId) {
    const a = await funding.findAward(ctx.db, q.awardId);
    if (!a) throw notFound(t('instruments.noSuchAward'));
    taskBookId = a.task_book_id;
  }
  const tb = taskBookId ? await challenges.findTaskBook(ctx.db, taskBookId) : undefined;
  if (!tb) throw notFound(t('instruments.noSuchTaskBook'));
  const b = (await challenges.findBid(ctx.db, tb.bid_id))!;
  const c = (await challenges.findChallenge(ctx.db, tb.challenge_id))!;
  const allowed =
    taskBookRelations(actor, b, c).size > 0 ||
    hasRole(actor, 'admin', b.host_org_id) ||
    isPlatformAdmin(actor) ||
    (await onTeam(ctx.db, actor, b.id));
  if (!allowed) throw notFound(t(q.awardId ? 'instruments.noSuchAward' : 'instruments.noSuchTaskBook'));
  return {
    kind: q.awardId ? ('award' as const) : ('taskBook' as const),
    challenge: { id: c.id, nameZh: c.title_zh, nameEn: c.title_en },
  };
}

/** My bookings, or (with awardId or taskBookId) the bookings an award pays for or a task book reserved. */
export async function myBookings(
  ctx: Ctx,
  q: { page: number; pageSize: number; state?: BookingState; awardId?: string; taskBookId?: string },
) {
  const actor = requireActor(ctx.actor);
  if (q.awardId && q.taskBookId) throw invalid('taskBookId', t('instruments.oneScope'));
  const scope = q.awardId || q.taskBookId ? await bookingScope(ctx, actor, q) : null;
  let query = ctx.db
    .selectFrom('instrument_booking as b')
    .innerJoin('instrument as i', 'i.id', 'b.instrument_id')
    .innerJoin('person as p', 'p.id', 'b.booker_id')
    .leftJoin('instrument_use as u', 'u.booking_id', 'b.id')
    .leftJoin('instrument_rating as r', 'r.booking_id', 'b.id');
  if (q.awardId) query = query.where('b.award_id', '=', q.awardId);
  else if (q.taskBookId) query = query.where('b.task_book_id', '=', q.taskBookId);
  else query = query.where('b.booker_id', '=', actor.personId);
  if (q.state) query = query.where('b.state', '=', q.state);
  const totals = await query
    .select((eb) => [eb.fn.countAll<string>().as('n'), sql<string>`coalesce(sum(u.fee_fen), 0)`.as('fees')])
    .executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'b.id',
      'b.state',
      'b.instrument_id',
      'b.milestone_no',
      'i.name_zh',
      'i.name_en',
      'p.id as booker_id',
      'p.name_zh as booker_zh',
      'p.name_en as booker_en',
      'u.fee_fen',
      'r.score',
      sql<Date>`lower(b.during)`.as('start_at'),
      sql<Date>`upper(b.during)`.as('end_at'),
    ])
    .orderBy(sql`lower(b.during)`, 'desc')
    .orderBy('b.id')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      state: r.state,
      instrument: { id: r.instrument_id, nameZh: r.name_zh, nameEn: r.name_en },
      booker: { id: r.booker_id, nameZh: r.booker_zh, nameEn: r.booker_en },
      milestoneNo: r.milestone_no,
      start: r.start_at.toISOString(),
      end: r.end_at.toISOString(),
      feeFen: r.fee_fen ?? null,
      score: r.score ?? null,
    })),
    total: Number(totals.n),
    page: q.page,
    pageSize: q.pageSize,
    feeFenTotal: Number(totals.fees),
    scope,
  };
}

/** What the actor may pay a booking with: their organisations and the active awards whose team they are on. */
export async function payers(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const orgIds = [...new Set(actor.roles.map((r) => r.orgId))];
  const orgs = orgIds.length
    ? await ctx.db
        .selectFrom('organisation')
        .select(['id', 'name_zh', 'name_en'])
        .where('id', 'in', orgIds)
        .orderBy('name_zh')
        .execute()
    : [];
  const awards = await ctx.db
    .selectFrom('funding_award as a')
    .innerJoin('bid as b', 'b.id', 'a.bid_id')
    .innerJoin('challenge as c', 'c.id', 'a.challenge_id')
    .innerJoin('task_book as tb', 'tb.id', 'a.task_book_id')
    .select(['a.id', 'a.task_book_id', 'c.id as challenge_id', 'c.title_zh', 'c.title_en', 'tb.milestones'])
    .where('a.state', '=', 'active')
    .where((eb) =>
      eb.or([
        eb('b.commander_id', '=', actor.personId),
        eb.exists(
          eb
            .selectFrom('bid_member as m')
            .select('m.bid_id')
            .whereRef('m.bid_id', '=', 'b.id')
            .where('m.person_id', '=', actor.personId),
        ),
      ]),
    )
    .orderBy('c.title_zh')
    .execute();
  return {
    orgs: orgs.map((o) => ({ id: o.id, nameZh: o.name_zh, nameEn: o.name_en })),
    awards: awards.map((a) => ({
      id: a.id,
      challenge: { id: a.challenge_id, nameZh: a.title_zh, nameEn: a.title_en },
      taskBookId: a.task_book_id,
      milestones: (a.milestones as { title: string }[]).map((m, i) => ({ no: i + 1, title: m.title })),
    })),
  };
}

/** Instruments the reader manages (as manager or admin of the organisation), with pending requests. */
export async function managed(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const adminOrgs = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  const rows = await ctx.db
    .selectFrom('instrument as i')
    .innerJoin('organisation as o', 'o.id', 'i.org_id')
    .selectAll('i')
    .select(['o.name_zh as org_zh', 'o.name_en as org_en'])
    .select((eb) =>
      eb
        .selectFrom('instrument_booking as b')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('b.instrument_id', '=', 'i.id')
        .where('b.state', '=', 'pending')
        .as('pending'),
    )
    .where((eb) =>
      adminOrgs.length
        ? eb.or([eb('i.manager_id', '=', actor.personId), eb('i.org_id', 'in', adminOrgs)])
        : eb('i.manager_id', '=', actor.personId),
    )
    .orderBy('i.name_zh')
    .execute();
  // What waits for the manager, by server time: requests to decide and finished slots to record.
  const waiting = rows.length
    ? await ctx.db
        .selectFrom('instrument_booking as b')
        .innerJoin('person as p', 'p.id', 'b.booker_id')
        .select([
          'b.id',
          'b.instrument_id',
          'b.state',
          'p.id as person_id',
          'p.name_zh',
          'p.name_en',
          sql<Date>`lower(b.during)`.as('start_at'),
          sql<Date>`upper(b.during)`.as('end_at'),
        ])
        .where(
          'b.instrument_id',
          'in',
          rows.map((r) => r.id),
        )
        .where((eb) =>
          eb.or([
            eb('b.state', '=', 'pending'),
            eb.and([eb('b.state', '=', 'confirmed'), eb(sql`upper(b.during)`, '<=', ctx.now())]),
          ]),
        )
        .orderBy(sql`lower(b.during)`)
        .limit(500)
        .execute()
    : [];
  return rows.map((r) => ({
    ...summary(r, actor),
    pending: Number(r.pending ?? 0),
    waiting: waiting
      .filter((w) => w.instrument_id === r.id)
      .map((w) => ({
        id: w.id,
        state: w.state,
        start: w.start_at.toISOString(),
        end: w.end_at.toISOString(),
        booker: { id: w.person_id, nameZh: w.name_zh, nameEn: w.name_en },
      })),
  }));
}

/** The manager's calendar: bookings holding time in [from, to), with who booked and who pays. */
export async function calendar(ctx: Ctx, instrumentId: string, from: string, to: string) {
  const actor = requireActor(ctx.actor);
  const i = await repo.findInstrument(ctx.db, instrumentId);
  if (!i || !visible(actor, i)) throw notFound(t('instruments.notFound'));
  if (!relationsTo(actor, i).has('manager')) throw forbidden(t('instruments.onlyManager'));
  const f = new Date(from);
  const tt = new Date(to);
  if (!(tt > f)) throw invalid('to', t('instruments.endBeforeStart'));
  if (tt.getTime() - f.getTime() > 62 * 86_400_000) throw invalid('to', t('instruments.windowTooLong'));
  const rows = await repo.calendar(ctx.db, instrumentId, f, tt);
  const maintenance = await repo.maintenanceOf(ctx.db, instrumentId, f, tt);
  return {
    bookings: rows.map((b) => ({
      id: b.id,
      state: b.state,
      start: b.start_at.toISOString(),
      end: b.end_at.toISOString(),
      purpose: b.purpose,
      external: b.external,
      booker: { id: b.booker_id, nameZh: b.booker_zh, nameEn: b.booker_en },
      payer: { id: b.payer_org_id, nameZh: b.payer_zh, nameEn: b.payer_en },
    })),
    maintenance: maintenance.map((m) => ({
      id: m.id,
      start: m.start_at.toISOString(),
      end: m.end_at.toISOString(),
      reason: m.reason,
    })),
  };
}

/** The annual open-sharing figures of one instrument (public for open instruments). */
export async function openness(ctx: Ctx, instrumentId: string, year: number) {
  const i = await repo.findInstrument(ctx.db, instrumentId);
  if (!i || !visible(ctx.actor, i)) throw notFound(t('instruments.notFound'));
  const uses = await repo.usesInYear(ctx.db, [i.id], year);
  const byMonth = Array.from({ length: 12 }, () => ({ tenths: 0, externalTenths: 0 }));
  for (const u of uses) {
    const m = new Date(u.started_at.getTime() + 8 * 3_600_000).getUTCMonth();
    byMonth[m].tenths += u.machine_tenths;
    if (u.external) byMonth[m].externalTenths += u.machine_tenths;
  }
  return {
    year,
    figures: opennessFigures(
      uses.map((u) => ({
        tenths: u.machine_tenths,
        external: u.external,
        bookerId: u.booker_id,
        feeFen: u.fee_fen,
        score: u.score,
      })),
    ),
    byMonth: byMonth.map((m, k) => ({ month: k + 1, ...m })),
  };
}

/** The openness table of every instrument of an organisation for a year (its admins, for the evaluation). */
export async function opennessTable(ctx: Ctx, orgId: string, year: number) {
  const actor = requireActor(ctx.actor);
  if (!hasRole(actor, 'admin', orgId) && !isPlatformAdmin(actor) && !hasRole(actor, 'analyst'))
    throw forbidden(t('instruments.onlyOrgAdmins'));
  const list = await ctx.db
    .selectFrom('instrument')
    .select(['id', 'name_zh', 'name_en', 'value_fen'])
    .where('org_id', '=', orgId)
    .orderBy('name_zh')
    .execute();
  const uses = await repo.usesInYear(
    ctx.db,
    list.map((x) => x.id),
    year,
  );
  return list.map((x) => ({
    id: x.id,
    nameZh: x.name_zh,
    nameEn: x.name_en,
    valueFen: x.value_fen,
    ...opennessFigures(
      uses
        .filter((u) => u.instrument_id === x.id)
        .map((u) => ({
          tenths: u.machine_tenths,
          external: u.external,
          bookerId: u.booker_id,
          feeFen: u.fee_fen,
          score: u.score,
        })),
    ),
  }));
}

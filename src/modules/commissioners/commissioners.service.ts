// S&T commissioners (科技特派员): the registry kept by dispatching agencies, demands posted by the
// served party (or an agency on its behalf), matching (matching.ts), dispatch with an agreement,
// accept/decline (a decline re-matches only that demand), visits logged by the commissioner and
// confirmed and rated by the served party. Every change: one transaction, rows locked in the order
// demand → commissioner → dispatch → visit, an audit entry.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { solveAssignment } from '../../core/assignment/index.ts';
import { safeFileName, sniffMediaType } from '../../core/files/files.ts';
import { decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { MAX_ATTACHMENT_BYTES } from '../challenges/attachments.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import { commissionerNotice } from '../notifications/events.ts';
import { excludedByGrade } from './assessment.service.ts';
import { isAgencyStaff, isAnalyst, staffedAgencies } from './commissioners.access.ts';
import {
  beijingDay,
  type DemandAction,
  type DemandState,
  DISPATCH_AFTER,
  demandMachine,
  hoursToMinutes,
  visitDateProblem,
} from './commissioners.ts';
import { divisionPath, divisions, nearestLevel } from './divisions.ts';
import { type CommissionerInput, type DemandInput, MatchIndex, REGION_POINTS } from './matching.ts';

const LIVE = ['offered', 'accepted'] as const;

// ── who is who ──────────────────────────────────────────────────────────────────────────────

function checkCounty(code: string, field: string) {
  const d = divisions().get(code);
  if (!d) throw invalid(field, t('commissioners.unknownDivision', { code }));
  if (d.level !== 'county') throw invalid(field, t('commissioners.countyRequired'));
}

async function checkAgency(q: Ctx['db'], orgId: string, field: string) {
  const org = await q.selectFrom('organisation').select('kind').where('id', '=', orgId).executeTakeFirst();
  if (org?.kind !== 'agency') throw invalid(field, t('commissioners.agencyNotAgency'));
}

const region = (code: string) => ({ code, name: divisionPath(code) });

// ── registry ────────────────────────────────────────────────────────────────────────────────

export interface CommissionerFields {
  kind: 'individual' | 'team' | 'legal_entity';
  personEmail: string | null;
  nameZh: string;
  nameEn: string;
  homeOrg: string;
  keywords: string[];
  disciplineCodes: string[];
  industries: string[];
  regions: string[];
  capacity: number;
  available: boolean;
  agencyOrgId: string;
}

async function resolveFields(q: Ctx['db'], f: CommissionerFields) {
  for (const [i, code] of f.regions.entries()) {
    if (!divisions().has(code)) throw invalid(`regions.${i}`, t('commissioners.unknownDivision', { code }));
  }
  let personId: string | null = null;
  if (f.personEmail) {
    const p = await q
      .selectFrom('person')
      .select('id')
      .where('email_norm', '=', f.personEmail.trim().toLowerCase())
      .executeTakeFirst();
    if (!p) throw invalid('personEmail', t('commissioners.noSuchPerson'));
    personId = p.id;
  } else if (f.kind === 'individual') throw invalid('personEmail', t('commissioners.needsAccount'));
  return personId;
}

/** The commissioner's columns from the form (the person resolved from its e-mail). */
const columnsOf = (f: CommissionerFields, personId: string | null) => ({
  kind: f.kind,
  person_id: personId,
  name_zh: f.nameZh,
  name_en: f.nameEn,
  home_org: f.homeOrg,
  keywords: f.keywords,
  discipline_codes: f.disciplineCodes,
  industries: f.industries,
  regions: [...new Set(f.regions)],
  capacity: f.capacity,
  available: f.available,
  agency_org_id: f.agencyOrgId,
});

/** One commissioner per person account. */
async function refuseTakenPerson(tx: Tx, personId: string): Promise<void> {
  const taken = await tx
    .selectFrom('commissioner')
    .select('id')
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (taken) throw new AppError('DUPLICATE', t('commissioners.personTaken'), 'personEmail');
}

export async function createCommissioner(ctx: Ctx, f: CommissionerFields) {
  const actor = requireActor(ctx.actor);
  if (!isAgencyStaff(actor, f.agencyOrgId))
    throw new AppError('FORBIDDEN', t('commissioners.notAgency'), 'agencyOrgId');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    await checkAgency(tx, f.agencyOrgId, 'agencyOrgId');
    const personId = await resolveFields(tx, f);
    if (personId) await refuseTakenPerson(tx, personId);
    const row = await tx
      .insertInto('commissioner')
      .values({
        ...columnsOf(f, personId),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'commissioner.create',
      objectType: 'commissioner',
      objectId: row.id,
      after: f,
    });
    return getCommissionerTx(tx, ctx, row.id);
  });
}

export async function updateCommissioner(ctx: Ctx, id: string, f: CommissionerFields) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const c = await tx
      .selectFrom('commissioner')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!c || !isAgencyStaff(actor, c.agency_org_id)) throw notFound(t('notFound.commissioner'));
    if (!isAgencyStaff(actor, f.agencyOrgId))
      throw new AppError('FORBIDDEN', t('commissioners.notAgency'), 'agencyOrgId');
    await checkAgency(tx, f.agencyOrgId, 'agencyOrgId');
    const personId = await resolveFields(tx, f);
    if (personId && personId !== c.person_id) await refuseTakenPerson(tx, personId);
    await tx
      .updateTable('commissioner')
      .set({
        ...columnsOf(f, personId),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'commissioner.update',
      objectType: 'commissioner',
      objectId: id,
      before: c,
      after: f,
    });
    return getCommissionerTx(tx, ctx, id);
  });
}

/** Live dispatches, visits, confirmed visits, hours and mean rating per commissioner. */
async function serviceFigures(q: Ctx['db'], ids: string[]) {
  const out = new Map<
    string,
    {
      load: number;
      visits: number;
      confirmed: number;
      minutes: number;
      rating: number | null;
      resolved: number;
    }
  >();
  for (const id of ids)
    out.set(id, { load: 0, visits: 0, confirmed: 0, minutes: 0, rating: null, resolved: 0 });
  if (!ids.length) return out;
  const loads = await q
    .selectFrom('commissioner_dispatch')
    .select(['commissioner_id', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .where('commissioner_id', 'in', ids)
    .where('state', 'in', ['offered', 'accepted', 'completed'])
    .groupBy(['commissioner_id', 'state'])
    .execute();
  for (const l of loads) {
    const f = out.get(l.commissioner_id)!;
    if (l.state === 'completed') f.resolved += Number(l.n);
    else f.load += Number(l.n);
  }
  const visits = await q
    .selectFrom('commissioner_visit as v')
    .innerJoin('commissioner_dispatch as d', 'd.id', 'v.dispatch_id')
    .select([
      'd.commissioner_id',
      (eb) => eb.fn.countAll<string>().as('visits'),
      (eb) => eb.fn.count<string>('v.confirmed_at').as('confirmed'),
      sql<string>`coalesce(sum(v.minutes) FILTER (WHERE v.confirmed_at IS NOT NULL), 0)`.as('minutes'),
      sql<string | null>`avg(v.rating)`.as('rating'),
    ])
    .where('d.commissioner_id', 'in', ids)
    .groupBy('d.commissioner_id')
    .execute();
  for (const v of visits) {
    const f = out.get(v.commissioner_id)!;
    f.visits = Number(v.visits);
    f.confirmed = Number(v.confirmed);
    f.minutes = Number(v.minutes);
    f.rating = v.rating === null ? null : Math.round(Number(v.rating) * 10) / 10;
  }
  return out;
}

type CommissionerRow = {
  id: string;
  kind: string;
  person_id: string | null;
  name_zh: string;
  name_en: string;
  home_org: string;
  keywords: string[];
  discipline_codes: string[];
  industries: string[];
  regions: string[];
  capacity: number;
  available: boolean;
  agency_org_id: string;
};

async function agencyNames(q: Ctx['db'], ids: string[]) {
  const rows = ids.length
    ? await q.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : [];
  return new Map(rows.map((r) => [r.id, { nameZh: r.name_zh, nameEn: r.name_en || r.name_zh }]));
}

async function presentCommissioners(q: Ctx['db'], rows: CommissionerRow[], viewer: Actor | null) {
  const figures = await serviceFigures(
    q,
    rows.map((r) => r.id),
  );
  const agencies = await agencyNames(q, [...new Set(rows.map((r) => r.agency_org_id))]);
  const emails = new Map<string, string>();
  const withPerson = rows.filter((r) => r.person_id).map((r) => r.person_id!);
  if (withPerson.length)
    for (const p of await q
      .selectFrom('person')
      .select(['id', 'email'])
      .where('id', 'in', withPerson)
      .execute())
      emails.set(p.id, p.email);
  return rows.map((c) => {
    const f = figures.get(c.id)!;
    const staff = isAgencyStaff(viewer, c.agency_org_id);
    return {
      id: c.id,
      kind: c.kind,
      nameZh: c.name_zh,
      nameEn: c.name_en || c.name_zh,
      homeOrg: c.home_org,
      keywords: c.keywords,
      disciplineCodes: c.discipline_codes,
      industries: c.industries,
      regions: c.regions.map(region),
      capacity: c.capacity,
      available: c.available,
      agency: { id: c.agency_org_id, ...agencies.get(c.agency_org_id)! },
      /** The account's email: agency staff and the commissioner only. */
      personEmail: staff || viewer?.personId === c.person_id ? (emails.get(c.person_id ?? '') ?? null) : null,
      isMe: !!viewer && viewer.personId === c.person_id,
      load: f.load,
      visits: f.visits,
      confirmedVisits: f.confirmed,
      hours: Math.round((f.minutes / 60) * 10) / 10,
      rating: f.rating,
      resolved: f.resolved,
    };
  });
}

async function getCommissionerTx(q: Ctx['db'], ctx: Ctx, id: string) {
  const c = await q.selectFrom('commissioner').selectAll().where('id', '=', id).executeTakeFirst();
  const actor = ctx.actor;
  if (
    !c ||
    !actor ||
    !(isAgencyStaff(actor, c.agency_org_id) || c.person_id === actor.personId || isAnalyst(actor))
  )
    throw notFound(t('notFound.commissioner'));
  return (await presentCommissioners(q, [c], actor))[0];
}
export const getCommissioner = (ctx: Ctx, id: string) => getCommissionerTx(ctx.db, ctx, id);

/** The registry: agency staff see their agencies' commissioners; analysts and platform admins all. */
export async function listCommissioners(
  ctx: Ctx,
  query: { q?: string; available?: boolean; page: number; pageSize: number },
) {
  const actor = requireActor(ctx.actor);
  const all = isPlatformAdmin(actor) || isAnalyst(actor);
  const agencies = staffedAgencies(actor);
  if (!all && !agencies.length) throw forbidden(t('commissioners.notAgency'));
  let sel = ctx.db.selectFrom('commissioner');
  if (!all) sel = sel.where('agency_org_id', 'in', agencies);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    sel = sel.where((eb) =>
      eb.or([
        eb('name_zh', 'ilike', like),
        eb('name_en', 'ilike', like),
        eb('home_org', 'ilike', like),
        sql<boolean>`array_to_string(keywords, ' ') ILIKE ${like}`,
      ]),
    );
  }
  if (query.available !== undefined) sel = sel.where('available', '=', query.available);
  const total = Number(
    (await sel.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await sel
    .selectAll()
    .orderBy('name_zh')
    .orderBy('id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return {
    items: await presentCommissioners(ctx.db, rows, actor),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Agencies a demand can be sent to (for the demand form). */
export async function listAgencies(ctx: Ctx) {
  requireActor(ctx.actor);
  const rows = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name_zh', 'name_en', 'region_code'])
    .where('kind', '=', 'agency')
    .orderBy('name_zh')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nameZh: r.name_zh,
    nameEn: r.name_en || r.name_zh,
    regionCode: r.region_code,
  }));
}

// ── demands ─────────────────────────────────────────────────────────────────────────────────

export interface DemandFields {
  title: string;
  description: string;
  industry: string;
  regionCode: string;
  urgency: 'low' | 'normal' | 'urgent';
  requester: string;
  requesterKind: 'village' | 'cooperative' | 'farm' | 'firm' | 'other';
  contactName: string;
  contactPhone: string;
  agencyOrgId: string;
}

export async function postDemand(ctx: Ctx, f: DemandFields) {
  const actor = requireActor(ctx.actor);
  checkCounty(f.regionCode, 'regionCode');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    await checkAgency(tx, f.agencyOrgId, 'agencyOrgId');
    const d = await tx
      .insertInto('commissioner_demand')
      .values({
        title: f.title,
        description: f.description,
        industry: f.industry,
        region_code: f.regionCode,
        urgency: f.urgency,
        requester: f.requester,
        requester_kind: f.requesterKind,
        contact_name: f.contactName,
        contact_phone: f.contactPhone,
        posted_by: actor.personId,
        agency_org_id: f.agencyOrgId,
        state: 'open',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'commissioner_demand.post',
      objectType: 'commissioner_demand',
      objectId: d.id,
      after: f,
    });
    return getDemandTx(tx, ctx, d.id);
  });
}

type DemandRow = {
  id: string;
  title: string;
  description: string;
  industry: string;
  region_code: string;
  urgency: string;
  requester: string;
  requester_kind: string;
  contact_name: string;
  contact_phone: string;
  posted_by: string;
  agency_org_id: string;
  state: string;
  created_at: Date;
};

/** The actor's relations to a demand: 'agency', 'poster', 'commissioner' (of the live or accepted dispatch). */
async function demandRelations(q: Ctx['db'], actor: Actor | null, d: DemandRow) {
  const rel = new Set<string>();
  if (!actor) return rel;
  if (isAgencyStaff(actor, d.agency_org_id)) rel.add('agency');
  if (d.posted_by === actor.personId) rel.add('poster');
  const mine = await q
    .selectFrom('commissioner_dispatch as x')
    .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
    .select('x.state')
    .where('x.demand_id', '=', d.id)
    .where('c.person_id', '=', actor.personId)
    .where('x.state', 'in', ['offered', 'accepted', 'completed'])
    .executeTakeFirst();
  if (mine) rel.add('commissioner');
  return rel;
}

async function getDemandTx(q: Ctx['db'], ctx: Ctx, id: string) {
  const d = await q.selectFrom('commissioner_demand').selectAll().where('id', '=', id).executeTakeFirst();
  if (!d) throw notFound(t('notFound.commissionerDemand'));
  const rel = await demandRelations(q, ctx.actor, d);
  if (!rel.size) throw notFound(t('notFound.commissionerDemand'));
  const [agency] = [...(await agencyNames(q, [d.agency_org_id])).values()];
  const dispatches = await q
    .selectFrom('commissioner_dispatch as x')
    .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
    .select([
      'x.id',
      'x.state',
      'x.score',
      'x.region_level',
      'x.explanation',
      'x.term_start',
      'x.term_end',
      'x.goals',
      'x.dispatched_at',
      'x.responded_at',
      'x.decline_reason',
      'c.id as commissioner_id',
      'c.name_zh',
      'c.name_en',
      'c.home_org',
      'c.person_id',
    ])
    .where('x.demand_id', '=', id)
    .orderBy('x.dispatched_at')
    .execute();
  const visits = dispatches.length
    ? await q
        .selectFrom('commissioner_visit')
        .selectAll()
        .where(
          'dispatch_id',
          'in',
          dispatches.map((x) => x.id),
        )
        .orderBy('visit_date')
        .orderBy('logged_at')
        .execute()
    : [];
  const photos = visits.length
    ? await q
        .selectFrom('attachment')
        .select(['id', 'owner_id', 'file_name', 'media_type', 'size_bytes'])
        .where('owner_type', '=', 'commissioner_visit')
        .where(
          'owner_id',
          'in',
          visits.map((v) => v.id),
        )
        .orderBy('uploaded_at')
        .execute()
    : [];
  const me = ctx.actor?.personId;
  const live = dispatches.find((x) => (LIVE as readonly string[]).includes(x.state));
  // Contact details: the served party, the agency, and the commissioner of the live dispatch only.
  const seesContact = rel.has('agency') || rel.has('poster') || (!!live && live.person_id === me && !!me);
  const staff = rel.has('agency');
  const actions = (['dispatch', 'accept', 'decline', 'resolve', 'withdraw'] as const).filter(
    (a) => decide(demandMachine, d.state as DemandState, a, rel, { hasVisit: true }).ok,
  );
  return {
    id: d.id,
    title: d.title,
    description: d.description,
    industry: d.industry,
    region: region(d.region_code),
    urgency: d.urgency,
    requester: d.requester,
    requesterKind: d.requester_kind,
    contactName: seesContact ? d.contact_name : null,
    contactPhone: seesContact ? d.contact_phone : null,
    agency: { id: d.agency_org_id, ...agency },
    state: d.state,
    createdAt: d.created_at.toISOString(),
    relations: [...rel].sort(),
    actions,
    dispatches: dispatches
      .filter((x) => staff || x.person_id === me || rel.has('poster'))
      .filter((x) => staff || x.state !== 'declined' || x.person_id === me)
      .map((x) => ({
        id: x.id,
        state: x.state,
        commissioner: {
          id: x.commissioner_id,
          nameZh: x.name_zh,
          nameEn: x.name_en || x.name_zh,
          homeOrg: x.home_org,
        },
        mine: !!me && x.person_id === me,
        score: staff ? x.score : null,
        regionLevel: x.region_level,
        explanation: staff ? (x.explanation as ExplanationJson) : null,
        termStart: x.term_start,
        termEnd: x.term_end,
        goals: x.goals,
        dispatchedAt: x.dispatched_at.toISOString(),
        respondedAt: x.responded_at?.toISOString() ?? null,
        declineReason: staff || x.person_id === me ? x.decline_reason : null,
        visits: visits
          .filter((v) => v.dispatch_id === x.id)
          .map((v) => ({
            id: v.id,
            visitDate: v.visit_date,
            place: v.place,
            hours: Math.round((v.minutes / 60) * 100) / 100,
            workDone: v.work_done,
            confirmedAt: v.confirmed_at?.toISOString() ?? null,
            rating: v.rating,
            ratingComment: v.rating_comment,
            photos: photos
              .filter((p) => p.owner_id === v.id)
              .map((p) => ({
                id: p.id,
                fileName: p.file_name,
                mediaType: p.media_type,
                sizeBytes: p.size_bytes,
              })),
            canConfirm: rel.has('poster') && !v.confirmed_at,
            canAddPhoto: !!me && x.person_id === me && !v.confirmed_at && x.state === 'accepted',
          })),
      })),
  };
}
export const getDemand = (ctx: Ctx, id: string) => getDemandTx(ctx.db, ctx, id);

export interface ExplanationJson {
  affinity: number;
  regionPoints: number;
  terms: { term: string; points: number }[];
  otherPoints: number;
}

/**
 * Demands the actor may see: scope 'mine' (posted by me), 'agency' (my agencies' demands), or
 * 'assigned' (dispatched to me as a commissioner).
 */
export async function listDemands(
  ctx: Ctx,
  query: { scope: 'mine' | 'agency' | 'assigned'; state?: string; page: number; pageSize: number },
) {
  const actor = requireActor(ctx.actor);
  let sel = ctx.db.selectFrom('commissioner_demand as d');
  if (query.scope === 'mine') sel = sel.where('d.posted_by', '=', actor.personId);
  else if (query.scope === 'agency') {
    const agencies = staffedAgencies(actor);
    if (!agencies.length && !isPlatformAdmin(actor)) throw forbidden(t('commissioners.notAgency'));
    if (!isPlatformAdmin(actor)) sel = sel.where('d.agency_org_id', 'in', agencies);
  } else {
    sel = sel.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('commissioner_dispatch as x')
          .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
          .select('x.id')
          .whereRef('x.demand_id', '=', 'd.id')
          .where('c.person_id', '=', actor.personId)
          .where('x.state', 'in', ['offered', 'accepted', 'completed']),
      ),
    );
  }
  if (query.state) sel = sel.where('d.state', '=', query.state);
  const total = Number(
    (await sel.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n,
  );
  const rows = await sel
    .select([
      'd.id',
      'd.title',
      'd.region_code',
      'd.urgency',
      'd.requester',
      'd.state',
      'd.created_at',
      'd.industry',
    ])
    .orderBy(sql`CASE d.urgency WHEN 'urgent' THEN 0 WHEN 'normal' THEN 1 ELSE 2 END`)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const names = new Map<string, { id: string; nameZh: string; nameEn: string }>();
  if (rows.length) {
    const live = await ctx.db
      .selectFrom('commissioner_dispatch as x')
      .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
      .select(['x.demand_id', 'c.id', 'c.name_zh', 'c.name_en'])
      .where(
        'x.demand_id',
        'in',
        rows.map((r) => r.id),
      )
      .where('x.state', 'in', ['offered', 'accepted', 'completed'])
      .execute();
    for (const l of live)
      names.set(l.demand_id, { id: l.id, nameZh: l.name_zh, nameEn: l.name_en || l.name_zh });
  }
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      industry: r.industry,
      region: region(r.region_code),
      urgency: r.urgency,
      requester: r.requester,
      state: r.state,
      createdAt: r.created_at.toISOString(),
      commissioner: names.get(r.id) ?? null,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

// ── matching ────────────────────────────────────────────────────────────────────────────────

/**
 * The agency's commissioners as matching inputs, with their remaining capacity; one graded
 * 'unqualified' last year is unavailable this year (assessment.ts, `excludedNextYear`).
 */
async function matchInputs(q: Ctx['db'], agencyId: string, now: Date) {
  const rows = await q
    .selectFrom('commissioner')
    .selectAll()
    .where('agency_org_id', '=', agencyId)
    .orderBy('id')
    .execute();
  const figures = await serviceFigures(
    q,
    rows.map((r) => r.id),
  );
  const excluded = await excludedByGrade(
    q,
    rows.map((r) => r.id),
    now,
  );
  const inputs: CommissionerInput[] = rows.map((r) => ({
    id: r.id,
    keywords: r.keywords,
    industries: r.industries,
    disciplineCodes: r.discipline_codes,
    regions: r.regions,
    capacity: r.capacity - figures.get(r.id)!.load,
    available: r.available && !excluded.has(r.id),
  }));
  return { rows, inputs };
}

const demandInput = (d: {
  id: string;
  title: string;
  description: string;
  industry: string;
  region_code: string;
}): DemandInput => ({
  id: d.id,
  text: `${d.title}\n${d.description}`,
  industry: d.industry,
  region: d.region_code,
});

async function declinersOf(q: Ctx['db'], demandIds: string[]) {
  const out = new Map<string, Set<string>>();
  if (!demandIds.length) return out;
  const rows = await q
    .selectFrom('commissioner_dispatch')
    .select(['demand_id', 'commissioner_id'])
    .where('demand_id', 'in', demandIds)
    .execute();
  for (const r of rows) {
    const s = out.get(r.demand_id) ?? new Set<string>();
    s.add(r.commissioner_id);
    out.set(r.demand_id, s);
  }
  return out;
}

const nameOf = (rows: { id: string; name_zh: string; name_en: string; home_org: string }[]) => {
  const m = new Map(rows.map((r) => [r.id, r]));
  return (id: string) => {
    const r = m.get(id)!;
    return { id, nameZh: r.name_zh, nameEn: r.name_en || r.name_zh, homeOrg: r.home_org };
  };
};

/**
 * The proposal for an agency: every open demand, the optimal assignment within remaining
 * capacities (a commissioner who declined a demand is never proposed for it again), each pair
 * with its explanation, and the next candidates the agency may pick instead.
 */
export async function proposal(ctx: Ctx, agencyId: string) {
  const actor = requireActor(ctx.actor);
  if (!isAgencyStaff(actor, agencyId))
    throw new AppError('FORBIDDEN', t('commissioners.notAgency'), 'agencyId');
  const { rows, inputs } = await matchInputs(ctx.db, agencyId, ctx.now());
  const demands = await ctx.db
    .selectFrom('commissioner_demand')
    .selectAll()
    .where('agency_org_id', '=', agencyId)
    .where('state', '=', 'open')
    .orderBy('created_at')
    .execute();
  const started = performance.now();
  const index = new MatchIndex(inputs);
  const declined = await declinersOf(
    ctx.db,
    demands.map((d) => d.id),
  );
  // Pairs a commissioner declined (or already served) are removed by giving that commissioner no
  // candidacy for that demand: rank per demand with its own exclusions, then solve.
  const candidates: { item: string; reviewer: string; affinity: number }[] = [];
  const ranked = new Map<string, ReturnType<MatchIndex['rank']>>();
  for (const d of demands) {
    const r = index.rank(demandInput(d), 10, declined.get(d.id));
    ranked.set(d.id, r);
    for (const c of r) candidates.push({ item: d.id, reviewer: c.commissioner, affinity: c.score });
  }
  const solved = solveAssignment({
    items: demands.map((d) => ({ id: d.id, demand: 1 })),
    reviewers: inputs.map((c) => ({
      id: c.id,
      capacity: c.available === false ? 0 : Math.max(0, c.capacity),
    })),
    candidates,
  });
  const ms = Math.round(performance.now() - started);
  const who = nameOf(rows);
  const pick = new Map(solved.pairs.map((p) => [p.item, p.reviewer]));
  return {
    objective: solved.objective,
    millis: ms,
    demands: demands.map((d) => {
      const r = ranked.get(d.id)!;
      const chosen = pick.get(d.id);
      const present = (c: (typeof r)[number]) => ({
        commissioner: who(c.commissioner),
        score: c.score,
        affinity: c.affinity,
        regionLevel: c.level,
        regionPoints: c.regionPoints,
        explanation: index.explain(demandInput(d), c.commissioner),
      });
      return {
        demand: {
          id: d.id,
          title: d.title,
          region: region(d.region_code),
          urgency: d.urgency,
          requester: d.requester,
        },
        proposed: chosen ? present(r.find((c) => c.commissioner === chosen)!) : null,
        alternatives: r
          .filter((c) => c.commissioner !== chosen)
          .slice(0, 5)
          .map(present),
      };
    }),
  };
}

/** Candidates for one demand only (after a decline, or to adjust the proposal), best first. */
export async function demandCandidates(ctx: Ctx, demandId: string) {
  const actor = requireActor(ctx.actor);
  const d = await ctx.db
    .selectFrom('commissioner_demand')
    .selectAll()
    .where('id', '=', demandId)
    .executeTakeFirst();
  if (!d || !isAgencyStaff(actor, d.agency_org_id)) throw notFound(t('notFound.commissionerDemand'));
  const { rows, inputs } = await matchInputs(ctx.db, d.agency_org_id, ctx.now());
  const index = new MatchIndex(inputs);
  const excluded = (await declinersOf(ctx.db, [d.id])).get(d.id);
  const who = nameOf(rows);
  return index.rank(demandInput(d), 10, excluded).map((c) => ({
    commissioner: who(c.commissioner),
    score: c.score,
    affinity: c.affinity,
    regionLevel: c.level,
    regionPoints: c.regionPoints,
    explanation: index.explain(demandInput(d), c.commissioner),
  }));
}

// ── dispatch and response ───────────────────────────────────────────────────────────────────

const lockDemand = (tx: Tx, id: string) =>
  tx.selectFrom('commissioner_demand').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

function transition(d: DemandRow, action: DemandAction, rel: Set<string>, hasVisit = true) {
  const r = decide(demandMachine, d.state as DemandState, action, rel, { hasVisit });
  if (!r.ok) throw new AppError(r.code, r.reason);
  return r.to;
}

export async function dispatch(
  ctx: Ctx,
  demandId: string,
  f: { commissionerId: string; termStart: string; termEnd: string; goals: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  if (f.termEnd < f.termStart) throw invalid('termEnd', t('commissioners.termOrder'));
  return ctx.db.transaction().execute(async (tx) => {
    const d = await lockDemand(tx, demandId);
    if (!d) throw notFound(t('notFound.commissionerDemand'));
    const rel = await demandRelations(tx, actor, d);
    if (!rel.size) throw notFound(t('notFound.commissionerDemand'));
    const to = transition(d, 'dispatch', rel);
    const c = await tx
      .selectFrom('commissioner')
      .selectAll()
      .where('id', '=', f.commissionerId)
      .forUpdate()
      .executeTakeFirst();
    if (!c) throw invalid('commissionerId', t('notFound.commissioner'));
    if (c.agency_org_id !== d.agency_org_id) throw invalid('commissionerId', t('commissioners.otherAgency'));
    if (!c.available) throw invalid('commissionerId', t('commissioners.unavailable'));
    const graded = (await excludedByGrade(tx, [c.id], now)).get(c.id);
    if (graded) throw invalid('commissionerId', t('commissioners.assess.excluded', { year: String(graded) }));
    const load = (await serviceFigures(tx, [c.id])).get(c.id)!.load;
    if (load >= c.capacity)
      throw invalid('commissionerId', t('commissioners.full', { capacity: c.capacity }));
    if ((await declinersOf(tx, [d.id])).get(d.id)?.has(c.id))
      throw invalid('commissionerId', t('commissioners.declinedBefore'));
    // Score and explanation as the agency saw them, kept with the dispatch.
    const { inputs } = await matchInputs(tx, d.agency_org_id, now);
    const index = new MatchIndex(inputs);
    const q = index.query(demandInput(d));
    const ranked = index.rank(demandInput(d), 10, undefined, q);
    const mine = ranked.find((r) => r.commissioner === c.id);
    const level = mine?.level ?? nearestLevel(c.regions, d.region_code);
    const explanation: ExplanationJson = {
      affinity: mine?.affinity ?? 0,
      regionPoints: REGION_POINTS[level],
      ...index.explain(demandInput(d), c.id),
    };
    const x = await tx
      .insertInto('commissioner_dispatch')
      .values({
        demand_id: d.id,
        commissioner_id: c.id,
        state: 'offered',
        score: mine?.score ?? REGION_POINTS[level],
        region_level: level,
        explanation: JSON.stringify(explanation),
        term_start: f.termStart,
        term_end: f.termEnd,
        goals: f.goals,
        dispatched_by: actor.personId,
        dispatched_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('commissioner_demand')
      .set({ state: to, updated_at: now })
      .where('id', '=', d.id)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'commissioner_demand.dispatch',
      objectType: 'commissioner_demand',
      objectId: d.id,
      before: { state: d.state },
      after: { state: to, dispatchId: x.id, ...f },
    });
    await commissionerNotice(tx, now, 'commissioner.dispatched', x.id);
    return getDemandTx(tx, ctx, d.id);
  });
}

/** The commissioner accepts or declines the offered dispatch; a decline reopens only that demand. */
export async function respond(ctx: Ctx, dispatchId: string, answer: { accept: boolean; reason?: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const found = await ctx.db
    .selectFrom('commissioner_dispatch')
    .select('demand_id')
    .where('id', '=', dispatchId)
    .executeTakeFirst();
  if (!found) throw notFound(t('notFound.commissionerDispatch'));
  if (!answer.accept && !answer.reason?.trim()) throw invalid('reason', t('validation.required'));
  const out = await ctx.db.transaction().execute(async (tx) => {
    const d = (await lockDemand(tx, found.demand_id))!;
    const x = await tx
      .selectFrom('commissioner_dispatch as x')
      .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
      .select(['x.id', 'x.state', 'c.person_id'])
      .where('x.id', '=', dispatchId)
      .forUpdate('x')
      .executeTakeFirstOrThrow();
    if (x.person_id !== actor.personId) {
      if ((await demandRelations(tx, actor, d)).size === 0)
        throw notFound(t('notFound.commissionerDispatch'));
      throw forbidden(t('commissioners.onlyOwnCommissioner'));
    }
    const rel = new Set(x.state === 'offered' ? ['commissioner'] : []);
    const action: DemandAction = answer.accept ? 'accept' : 'decline';
    if (x.state !== 'offered') throw new AppError('ILLEGAL_TRANSITION', t('workflow.blocked'));
    const to = transition(d, action, rel);
    await tx
      .updateTable('commissioner_dispatch')
      .set({
        state: DISPATCH_AFTER[action]!,
        responded_at: now,
        decline_reason: answer.accept ? null : answer.reason!.trim(),
      })
      .where('id', '=', x.id)
      .execute();
    await tx
      .updateTable('commissioner_demand')
      .set({ state: to, updated_at: now })
      .where('id', '=', d.id)
      .execute();
    await recordAudit(tx, actor, now, {
      action: answer.accept ? 'commissioner_dispatch.accept' : 'commissioner_dispatch.decline',
      objectType: 'commissioner_dispatch',
      objectId: x.id,
      before: { state: x.state },
      after: { state: DISPATCH_AFTER[action], demandState: to },
      detail: answer.accept ? {} : { reason: answer.reason!.trim() },
    });
    if (!answer.accept) await commissionerNotice(tx, now, 'commissioner.declined', x.id);
    return d.id;
  });
  // Read outside the lock: the commissioner no longer relates to a declined demand.
  if (!answer.accept) return { demandId: out, state: 'open' as const };
  const demand = await getDemand(ctx, out);
  return { demandId: out, state: demand.state as 'serving' };
}

/** The agency or the served party closes a demand that has a confirmed visit. */
export async function resolveDemand(ctx: Ctx, demandId: string) {
  return demandAction(ctx, demandId, 'resolve');
}
export async function withdrawDemand(ctx: Ctx, demandId: string) {
  return demandAction(ctx, demandId, 'withdraw');
}

async function demandAction(ctx: Ctx, demandId: string, action: 'resolve' | 'withdraw') {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const d = await lockDemand(tx, demandId);
    if (!d) throw notFound(t('notFound.commissionerDemand'));
    const rel = await demandRelations(tx, actor, d);
    if (!rel.size) throw notFound(t('notFound.commissionerDemand'));
    const live = await tx
      .selectFrom('commissioner_dispatch')
      .select(['id', 'state'])
      .where('demand_id', '=', d.id)
      .where('state', 'in', [...LIVE])
      .forUpdate()
      .executeTakeFirst();
    const confirmed = live
      ? await tx
          .selectFrom('commissioner_visit')
          .select('id')
          .where('dispatch_id', '=', live.id)
          .where('confirmed_at', 'is not', null)
          .executeTakeFirst()
      : undefined;
    const to = transition(d, action, rel, !!confirmed);
    if (live) {
      if (action === 'resolve')
        await tx
          .updateTable('commissioner_dispatch')
          .set({ state: 'completed', completed_at: now })
          .where('id', '=', live.id)
          .execute();
      else
        await tx
          .updateTable('commissioner_dispatch')
          .set({ state: 'declined', responded_at: now, decline_reason: 'withdrawn' })
          .where('id', '=', live.id)
          .execute();
    }
    await tx
      .updateTable('commissioner_demand')
      .set({ state: to, updated_at: now })
      .where('id', '=', d.id)
      .execute();
    await recordAudit(tx, actor, now, {
      action: `commissioner_demand.${action}`,
      objectType: 'commissioner_demand',
      objectId: d.id,
      before: { state: d.state },
      after: { state: to },
    });
    return getDemandTx(tx, ctx, d.id);
  });
}

// ── service visits ──────────────────────────────────────────────────────────────────────────

export async function logVisit(
  ctx: Ctx,
  dispatchId: string,
  f: { visitDate: string; place: string; hours: number; workDone: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const minutes = hoursToMinutes(f.hours);
  if (minutes === null) throw invalid('hours', t('commissioners.badHours'));
  const found = await ctx.db
    .selectFrom('commissioner_dispatch')
    .select('demand_id')
    .where('id', '=', dispatchId)
    .executeTakeFirst();
  if (!found) throw notFound(t('notFound.commissionerDispatch'));
  return ctx.db.transaction().execute(async (tx) => {
    const d = (await lockDemand(tx, found.demand_id))!;
    const x = await tx
      .selectFrom('commissioner_dispatch as x')
      .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
      .select(['x.id', 'x.state', 'x.dispatched_at', 'c.person_id'])
      .where('x.id', '=', dispatchId)
      .forUpdate('x')
      .executeTakeFirstOrThrow();
    if (x.person_id !== actor.personId) {
      if ((await demandRelations(tx, actor, d)).size === 0)
        throw notFound(t('notFound.commissionerDispatch'));
      throw forbidden(t('commissioners.onlyOwnCommissioner'));
    }
    if (x.state !== 'accepted') throw new AppError('ILLEGAL_TRANSITION', t('commissioners.notServing'));
    const problem = visitDateProblem(f.visitDate, beijingDay(now), beijingDay(x.dispatched_at));
    if (problem) throw invalid('visitDate', problem);
    const v = await tx
      .insertInto('commissioner_visit')
      .values({
        dispatch_id: x.id,
        visit_date: f.visitDate,
        place: f.place,
        minutes,
        work_done: f.workDone,
        logged_by: actor.personId,
        logged_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'commissioner_visit.log',
      objectType: 'commissioner_visit',
      objectId: v.id,
      after: { ...f, minutes, dispatchId },
    });
    await commissionerNotice(tx, now, 'commissioner.visitLogged', x.id, { id: v.id, date: f.visitDate });
    return { id: v.id, demandId: d.id };
  });
}

async function lockVisit(tx: Tx, visitId: string) {
  const v = await tx
    .selectFrom('commissioner_visit as v')
    .innerJoin('commissioner_dispatch as x', 'x.id', 'v.dispatch_id')
    .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
    .select(['v.id', 'x.demand_id', 'x.state as dispatch_state', 'c.person_id'])
    .where('v.id', '=', visitId)
    .executeTakeFirst();
  if (!v) return undefined;
  const d = (await lockDemand(tx, v.demand_id))!;
  const row = await tx
    .selectFrom('commissioner_visit')
    .selectAll()
    .where('id', '=', visitId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { ...v, demand: d, row };
}

/** A photo (JPEG/PNG, judged by its bytes) for a visit, by its commissioner, until it is confirmed. */
export async function addPhoto(ctx: Ctx, visitId: string, name: string, bytes: Uint8Array) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const v = await lockVisit(tx, visitId);
    if (!v) throw notFound(t('notFound.commissionerVisit'));
    if (v.person_id !== actor.personId) {
      if ((await demandRelations(tx, actor, v.demand)).size === 0)
        throw notFound(t('notFound.commissionerVisit'));
      throw forbidden(t('commissioners.onlyOwnCommissioner'));
    }
    if (v.row.confirmed_at)
      throw new AppError('ILLEGAL_TRANSITION', t('commissioners.visitConfirmed'), 'file');
    if (bytes.length === 0) throw invalid('file', t('attachment.empty'));
    if (bytes.length > MAX_ATTACHMENT_BYTES)
      throw invalid('file', t('attachment.tooLarge', { mib: MAX_ATTACHMENT_BYTES / 1024 / 1024 }));
    const type = sniffMediaType(bytes);
    if (type !== 'image/png' && type !== 'image/jpeg') throw invalid('file', t('attachment.badType'));
    const fileName = safeFileName(name, type);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const a = await tx
      .insertInto('attachment')
      .values({
        owner_type: 'commissioner_visit',
        owner_id: visitId,
        file_name: fileName,
        media_type: type,
        size_bytes: bytes.length,
        sha256,
        content: bytes,
        uploaded_by: actor.personId,
        uploaded_at: now,
      })
      .returning(['id', 'file_name', 'media_type', 'size_bytes'])
      .executeTakeFirstOrThrow();
    await recordAudit(tx, actor, now, {
      action: 'attachment.upload',
      objectType: 'commissioner_visit',
      objectId: visitId,
      after: { attachmentId: a.id, fileName, mediaType: type, sha256 },
    });
    return { id: a.id, fileName: a.file_name, mediaType: a.media_type, sizeBytes: a.size_bytes };
  });
}

/** A visit's photo, for whoever may read the demand. */
export async function getPhoto(ctx: Ctx, id: string) {
  const a = await ctx.db
    .selectFrom('attachment')
    .selectAll()
    .where('id', '=', id)
    .where('owner_type', '=', 'commissioner_visit')
    .executeTakeFirst();
  if (!a) throw notFound(t('notFound.attachment'));
  const v = await ctx.db
    .selectFrom('commissioner_visit as v')
    .innerJoin('commissioner_dispatch as x', 'x.id', 'v.dispatch_id')
    .select('x.demand_id')
    .where('v.id', '=', a.owner_id)
    .executeTakeFirstOrThrow();
  await getDemand(ctx, v.demand_id).catch(() => {
    throw notFound(t('notFound.attachment'));
  });
  return { fileName: a.file_name, mediaType: a.media_type, content: a.content };
}

/** The served party confirms the visit took place and rates it (1–5), once. */
export async function confirmVisit(ctx: Ctx, visitId: string, f: { rating: number; comment: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const v = await lockVisit(tx, visitId);
    if (!v) throw notFound(t('notFound.commissionerVisit'));
    const rel = await demandRelations(tx, actor, v.demand);
    if (!rel.size) throw notFound(t('notFound.commissionerVisit'));
    if (!rel.has('poster')) throw forbidden(t('commissioners.onlyServedParty'));
    if (v.row.confirmed_at) throw new AppError('ILLEGAL_TRANSITION', t('commissioners.visitConfirmed'));
    await tx
      .updateTable('commissioner_visit')
      .set({ confirmed_at: now, confirmed_by: actor.personId, rating: f.rating, rating_comment: f.comment })
      .where('id', '=', visitId)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'commissioner_visit.confirm',
      objectType: 'commissioner_visit',
      objectId: visitId,
      after: f,
    });
    return getDemandTx(tx, ctx, v.demand.id);
  });
}

/** The commissioner's own record and dispatches (what the commissioner's home page shows). */
export async function myCommissioner(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const c = await ctx.db
    .selectFrom('commissioner')
    .selectAll()
    .where('person_id', '=', actor.personId)
    .executeTakeFirst();
  if (!c) return { commissioner: null };
  return { commissioner: (await presentCommissioners(ctx.db, [c], actor))[0] };
}

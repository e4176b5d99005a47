// Integrity: records and sanctions kept by integrity officers (visible to them and the
// subject), and duplicate-submission flags raised automatically on every submitted bid.
import type { Kysely } from 'kysely';
import type { Actor, Ctx } from '../../app/context.ts';
import { DedupIndex, findDuplicatePairs, overlappingPassages } from '../../core/dedup/index.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import * as repo from './integrity.repo.ts';
import type { RecordInput } from './integrity.schema.ts';

export const isIntegrityOfficer = (actor: Actor | null) =>
  hasRole(actor, 'integrity_officer') || isPlatformAdmin(actor);

function requireOfficer(ctx: Ctx): Actor {
  const actor = requireActor(ctx.actor);
  if (!isIntegrityOfficer(actor)) throw forbidden('only integrity officers may do this');
  return actor;
}

const presentRecord = (r: Awaited<ReturnType<typeof repo.listRecords>>[number]) => ({
  id: r.id,
  subjectPersonId: r.subject_person_id,
  subjectOrgId: r.subject_org_id,
  findingType: r.finding_type,
  severity: r.severity,
  evidence: r.evidence,
  decision: r.decision,
  appealStatus: r.appeal_status,
  sanction: r.blocks ? { blocks: r.blocks, startsOn: r.starts_on, endsOn: r.ends_on } : null,
  createdAt: r.created_at.toISOString(),
});

export async function createRecord(ctx: Ctx, input: RecordInput) {
  const actor = requireOfficer(ctx);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const sanction = input.sanction
      ? await repo.insertSanction(tx, {
          personId: input.subjectPersonId,
          orgId: input.subjectOrgId,
          blocks: input.sanction.blocks,
          startsOn: input.sanction.startsOn,
          endsOn: input.sanction.endsOn,
          reason: input.decision,
        })
      : null;
    const r = await repo.insertRecord(tx, {
      personId: input.subjectPersonId,
      orgId: input.subjectOrgId,
      findingType: input.findingType,
      severity: input.severity,
      evidence: input.evidence,
      decision: input.decision,
      sanctionId: sanction?.id ?? null,
      by: actor.personId,
      now,
    });
    await recordAudit(tx, actor, now, {
      action: 'integrity.record',
      objectType: 'integrity_record',
      objectId: r.id,
      after: input,
    });
    return r.id;
  });
  return (await listRecords(ctx, { log: false })).find((r) => r.id === id)!;
}

/** Sensitive reads by an officer are audited like changes: who looked at what, and when. */
async function logRead(ctx: Ctx, actor: Actor, what: string, ids: string[]) {
  await ctx.db.transaction().execute((tx) =>
    recordAudit(tx, actor, ctx.now(), {
      action: `integrity.read_${what}`,
      objectType: 'integrity',
      objectId: what,
      detail: { count: ids.length, ids: ids.slice(0, 200) },
    }),
  );
}

/** Officers see every record; anyone else sees only those about themself or organisations they administer. */
export async function listRecords(ctx: Ctx, opts: { log?: boolean } = {}) {
  const actor = requireActor(ctx.actor);
  if (isIntegrityOfficer(actor)) {
    const rows = (await repo.listRecords(ctx.db)).map(presentRecord);
    if (opts.log !== false)
      await logRead(
        ctx,
        actor,
        'records',
        rows.map((r) => r.id),
      );
    return rows;
  }
  const orgIds = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  return (await repo.listRecords(ctx.db, { personId: actor.personId, orgIds })).map(presentRecord);
}

export async function setAppeal(ctx: Ctx, id: string, appealStatus: 'pending' | 'upheld' | 'overturned') {
  const actor = requireOfficer(ctx);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const r = await repo.findRecord(tx, id);
    if (!r) throw notFound('integrity record');
    await repo.setAppeal(tx, id, appealStatus, now);
    if (appealStatus === 'overturned' && r.sanction_id) {
      const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
      await repo.endSanction(tx, r.sanction_id, yesterday);
    }
    await recordAudit(tx, actor, now, {
      action: 'integrity.appeal',
      objectType: 'integrity_record',
      objectId: id,
      before: { appealStatus: r.appeal_status },
      after: { appealStatus },
    });
  });
  return (await listRecords(ctx, { log: false })).find((r) => r.id === id)!;
}

// ── duplicate submissions ──
/** Texts shorter than this (after normalisation) are too short to call duplicates reliably. */
export const MIN_DEDUP_CHARS = 30;
const THRESHOLD = Number(process.env.DEDUP_THRESHOLD ?? 0.8);

interface BidIndex {
  index: DedupIndex;
  lastSync: Date | null;
}
const indexes = new WeakMap<Kysely<DB>, BidIndex>();

const bidText = (b: { technical_route: string }) => b.technical_route;

/** The process's index of submitted bid texts, brought up to date with the database. */
async function syncedIndex(db: Kysely<DB>): Promise<BidIndex> {
  let state = indexes.get(db);
  if (!state) {
    state = { index: new DedupIndex({ threshold: THRESHOLD }), lastSync: null };
    indexes.set(db, state);
  }
  const rows = await repo.submittedBidTexts(db, state.lastSync);
  for (const r of rows) {
    if (state.index.has(r.id) || bidText(r).length < MIN_DEDUP_CHARS) continue;
    state.index.add(r.id, bidText(r));
    if (r.submitted_at && (!state.lastSync || r.submitted_at > state.lastSync))
      state.lastSync = r.submitted_at;
  }
  return state;
}

/**
 * Check a just-submitted bid against every earlier submitted bid, in any challenge; pairs at or
 * above the threshold are flagged for the integrity officers. Returns the number of new flags.
 */
export async function flagDuplicateBids(db: Kysely<DB>, bidId: string, now: Date): Promise<number> {
  const state = await syncedIndex(db);
  const row = (await repo.submittedBidTexts(db, null)).find((r) => r.id === bidId);
  if (!row || bidText(row).length < MIN_DEDUP_CHARS) return 0;
  const matches = state.index.query(bidText(row)).filter((m) => m.id !== bidId && m.similarity >= THRESHOLD);
  if (!state.index.has(bidId)) {
    state.index.add(bidId, bidText(row));
  }
  if (!matches.length) return 0;
  return db.transaction().execute(async (tx) => {
    const created = await repo.insertFlags(
      tx,
      matches.map((m) => {
        const [a, b] = m.id < bidId ? [m.id, bidId] : [bidId, m.id];
        return { aType: 'bid', aId: a, bType: 'bid', bId: b, similarity: m.similarity, now };
      }),
    );
    for (const f of created) {
      await recordAudit(tx, null, now, {
        action: 'duplicate.flag',
        objectType: 'duplicate_flag',
        objectId: f.id,
        detail: { bidId },
      });
    }
    return created.length;
  });
}

/** Flags with both texts and their overlapping passages, for side-by-side review. */
export async function listFlags(ctx: Ctx, state?: string) {
  const actor = requireOfficer(ctx);
  const flags = await repo.listFlags(ctx.db, state);
  await logRead(
    ctx,
    actor,
    'duplicates',
    flags.map((f) => f.id),
  );
  const ids = [...new Set(flags.flatMap((f) => [f.a_id, f.b_id]))];
  const bids = ids.length
    ? await ctx.db
        .selectFrom('bid')
        .select(['id', 'technical_route', 'challenge_id', 'commander_id'])
        .where('id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(bids.map((b) => [b.id, b]));
  return flags.map((f) => {
    const a = byId.get(f.a_id);
    const b = byId.get(f.b_id);
    const overlap =
      a && b
        ? overlappingPassages(a.technical_route, b.technical_route, { minLength: 15 })
        : { a: [], b: [] };
    return {
      id: f.id,
      state: f.state,
      similarity: Number(f.similarity),
      note: f.note,
      createdAt: f.created_at.toISOString(),
      a: {
        type: f.a_type,
        id: f.a_id,
        challengeId: a?.challenge_id ?? null,
        commanderId: a?.commander_id ?? null,
        text: a?.technical_route ?? '',
        spans: overlap.a,
      },
      b: {
        type: f.b_type,
        id: f.b_id,
        challengeId: b?.challenge_id ?? null,
        commanderId: b?.commander_id ?? null,
        text: b?.technical_route ?? '',
        spans: overlap.b,
      },
    };
  });
}

export async function decideFlag(ctx: Ctx, id: string, decision: 'dismissed' | 'confirmed', note: string) {
  const actor = requireOfficer(ctx);
  await ctx.db.transaction().execute(async (tx) => {
    const f = await repo.findFlag(tx, id);
    if (!f) throw notFound('duplicate flag');
    const after = await repo.decideFlag(tx, id, decision, note, actor.personId);
    if (!after) throw new AppError('ILLEGAL_TRANSITION', `this flag is already ${f.state}`);
    await recordAudit(tx, actor, ctx.now(), {
      action: `duplicate.${decision}`,
      objectType: 'duplicate_flag',
      objectId: id,
      before: { state: f.state },
      after: { state: decision, note },
    });
  });
}

/**
 * Batch rescan: every submitted bid against every other, flagging pairs at or above the
 * threshold that are not flagged yet. Returns how many were checked and flagged.
 */
export async function rescanBids(
  db: Kysely<DB>,
  now: Date,
  onProgress?: (done: number, total: number) => void,
) {
  const rows = (await repo.submittedBidTexts(db, null)).filter((r) => bidText(r).length >= MIN_DEDUP_CHARS);
  const pairs = findDuplicatePairs(
    rows.map((r) => ({ id: r.id, text: bidText(r) })),
    { threshold: THRESHOLD, onProgress: (done) => onProgress?.(done, rows.length), progressEvery: 1000 },
  );
  const flagged = await db.transaction().execute(async (tx) => {
    const created = await repo.insertFlags(
      tx,
      pairs.map((p) => ({ aType: 'bid', aId: p.a, bType: 'bid', bId: p.b, similarity: p.similarity, now })),
    );
    for (const f of created) {
      await recordAudit(tx, null, now, {
        action: 'duplicate.flag',
        objectType: 'duplicate_flag',
        objectId: f.id,
        detail: { via: 'rescan' },
      });
    }
    return created.length;
  });
  return { checked: rows.length, pairs: pairs.length, flagged };
}

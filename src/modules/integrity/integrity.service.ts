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
import { activeSanctions } from '../challenges/challenges.repo.ts';
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

/** A submitted text: a bid's technical route or a milestone report's summary. */
export type TextKind = 'bid' | 'report';

interface TextIndex {
  index: DedupIndex;
  kinds: Map<string, TextKind>;
  since: Record<TextKind, Date | null>;
}
const indexes = new WeakMap<Kysely<DB>, TextIndex>();

/**
 * How far back each sync looks again. A text is stamped when its transaction starts but becomes
 * visible when it commits, so a transaction committing out of order (or on another instance) can
 * land behind the watermark. Each sync lists the ids stamped within this window (no texts) and
 * fetches only those it has not seen.
 */
const LATE_COMMIT_MS = 2 * 60_000;

/** Submitted texts of one kind, stamped at or after `since` (all when null). */
function textsSince(db: Kysely<DB>, kind: TextKind, since: Date | null) {
  return kind === 'bid' ? repo.submittedBidTexts(db, since) : repo.reportTexts(db, since);
}

/** The process's index of every submitted text, brought up to date with the database. */
async function syncedIndex(db: Kysely<DB>): Promise<TextIndex> {
  let state = indexes.get(db);
  if (!state) {
    state = {
      index: new DedupIndex({ threshold: THRESHOLD }),
      kinds: new Map(),
      since: { bid: null, report: null },
    };
    indexes.set(db, state);
  }
  for (const kind of ['bid', 'report'] as const) {
    const since = state.since[kind];
    const rows: { id: string; text: string; at: Date | null }[] = await textsSince(db, kind, since);
    if (since) {
      const fresh = new Set(rows.map((r) => r.id));
      const late = (await repo.submittedIdsSince(db, kind, new Date(since.getTime() - LATE_COMMIT_MS)))
        .map((r) => r.id)
        .filter((id) => !state.kinds.has(id) && !fresh.has(id));
      if (late.length) rows.push(...(await repo.textsByIds(db, kind, late)).map((r) => ({ ...r, at: null })));
    }
    for (const r of rows) {
      if (r.at && (!state.since[kind] || r.at > state.since[kind])) state.since[kind] = r.at;
      if (state.kinds.has(r.id)) continue;
      state.kinds.set(r.id, kind); // seen, indexed or too short to index
      if (r.text.length >= MIN_DEDUP_CHARS) state.index.add(r.id, r.text);
    }
  }
  return state;
}

/**
 * Check a just-submitted bid or report against every earlier submitted text, in any challenge;
 * pairs at or above the threshold are flagged for the integrity officers. Returns how many are new.
 */
export async function flagDuplicates(db: Kysely<DB>, kind: TextKind, id: string, now: Date): Promise<number> {
  const state = await syncedIndex(db);
  const row = await repo.textOf(db, kind, id);
  if (!row || row.text.length < MIN_DEDUP_CHARS) return 0;
  const matches = state.index.query(row.text).filter((m) => m.id !== id && m.similarity >= THRESHOLD);
  if (!state.index.has(id)) {
    state.index.add(id, row.text);
    state.kinds.set(id, kind);
  }
  if (!matches.length) return 0;
  return db.transaction().execute(async (tx) => {
    const created = await repo.insertFlags(
      tx,
      matches.map((m) => {
        const other = { id: m.id, kind: state.kinds.get(m.id) ?? 'bid' };
        const [a, b] = m.id < id ? [other, { id, kind }] : [{ id, kind }, other];
        return { aType: a.kind, aId: a.id, bType: b.kind, bId: b.id, similarity: m.similarity, now };
      }),
    );
    for (const f of created) {
      await recordAudit(tx, null, now, {
        action: 'duplicate.flag',
        objectType: 'duplicate_flag',
        objectId: f.id,
        detail: { [kind]: id },
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
  const sides = await repo.flagSides(ctx.db, [...new Set(flags.flatMap((f) => [f.a_id, f.b_id]))]);
  return flags.map((f) => {
    const a = sides.get(f.a_id);
    const b = sides.get(f.b_id);
    const overlap = a && b ? overlappingPassages(a.text, b.text, { minLength: 15 }) : { a: [], b: [] };
    const side = (type: string, id: string, x: typeof a, spans: typeof overlap.a) => ({
      type,
      id,
      challengeId: x?.challengeId ?? null,
      commanderId: x?.commanderId ?? null,
      text: x?.text ?? '',
      spans,
    });
    return {
      id: f.id,
      state: f.state,
      similarity: Number(f.similarity),
      note: f.note,
      createdAt: f.created_at.toISOString(),
      a: side(f.a_type, f.a_id, a, overlap.a),
      b: side(f.b_type, f.b_id, b, overlap.b),
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
 * Batch rescan: every submitted bid and report against every other, flagging pairs at or above
 * the threshold that are not flagged yet. Returns how many were checked and flagged.
 */
export async function rescanTexts(
  db: Kysely<DB>,
  now: Date,
  onProgress?: (done: number, total: number) => void,
) {
  const kinds = new Map<string, TextKind>();
  const docs: { id: string; text: string }[] = [];
  for (const kind of ['bid', 'report'] as const) {
    for (const r of await textsSince(db, kind, null)) {
      if (r.text.length < MIN_DEDUP_CHARS) continue;
      kinds.set(r.id, kind);
      docs.push({ id: r.id, text: r.text });
    }
  }
  const pairs = findDuplicatePairs(docs, {
    threshold: THRESHOLD,
    onProgress: (done) => onProgress?.(done, docs.length),
    progressEvery: 1000,
  });
  const flagged = await db.transaction().execute(async (tx) => {
    const created = await repo.insertFlags(
      tx,
      pairs.map((p) => ({
        aType: kinds.get(p.a)!,
        aId: p.a,
        bType: kinds.get(p.b)!,
        bId: p.b,
        similarity: p.similarity,
        now,
      })),
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
  return { checked: docs.length, pairs: pairs.length, flagged };
}

// ── sanctions at the point of action ──
export type SanctionBlock = 'bid' | 'review' | 'funds';

/**
 * Refuse an action that an active sanction blocks: `block` names the action, each subject the
 * people and organisation it would benefit. The error says who is blocked and until when.
 */
export async function assertNotSanctioned(
  q: Kysely<DB>,
  block: SanctionBlock,
  subjects: { label: string; personIds: string[]; orgId: string | null }[],
  now: Date,
  field?: string,
): Promise<void> {
  const today = now.toISOString().slice(0, 10);
  for (const s of subjects) {
    const hits = await activeSanctions(q, s.personIds, s.orgId, block, today);
    if (hits.length) {
      const until = hits
        .map((h) => h.ends_on)
        .sort()
        .at(-1);
      const what = { bid: 'bidding', review: 'reviewing', funds: 'receiving funds' }[block];
      throw new AppError(
        'INELIGIBLE',
        `${s.label}: barred from ${what} by an integrity sanction until ${until}`,
        field,
      );
    }
  }
}

// Integrity: records and sanctions kept by integrity officers (visible to them and the
// subject), and duplicate-submission flags raised automatically on every submitted bid.

import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, type Ctx, inTx, type Tx } from '../../app/context.ts';
import { loadConfig } from '../../config.ts';
import { DedupIndex, findDuplicatePairs, overlappingPassages } from '../../core/dedup/index.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import { integrityNotice } from '../notifications/events.ts';
import * as repo from './integrity.repo.ts';
import type { RecordInput, ReferralDecision } from './integrity.schema.ts';

export const isIntegrityOfficer = (actor: Actor | null) =>
  hasRole(actor, 'integrity_officer') || isPlatformAdmin(actor);

function requireOfficer(ctx: Ctx): Actor {
  const actor = requireActor(ctx.actor);
  if (!isIntegrityOfficer(actor)) throw forbidden(t('integrity.onlyOfficers'));
  return actor;
}

const presentRecord = (r: Awaited<ReturnType<typeof repo.listRecords>>['rows'][number]) => ({
  id: r.id,
  subjectPersonId: r.subject_person_id,
  subjectOrgId: r.subject_org_id,
  subjectPerson: r.subject_person_id
    ? { nameZh: r.person_name_zh ?? '', nameEn: r.person_name_en ?? '', email: r.person_email ?? '' }
    : null,
  subjectOrg: r.subject_org_id ? { nameZh: r.org_name_zh ?? '', nameEn: r.org_name_en ?? '' } : null,
  findingType: r.finding_type,
  severity: r.severity,
  evidence: r.evidence,
  decision: r.decision,
  appealStatus: r.appeal_status,
  appealGrounds: r.appeal_grounds,
  appealNote: r.appeal_note,
  sanction: r.blocks ? { blocks: r.blocks, startsOn: r.starts_on, endsOn: r.ends_on } : null,
  createdAt: r.created_at.toISOString(),
});

/** Write a record (and its sanction, if any) in `tx`, audited; returns its id. */
async function writeRecord(
  tx: Tx,
  actor: Actor,
  now: Date,
  input: RecordInput,
  detail?: Record<string, unknown>,
) {
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
  await integrityNotice(tx, now, 'integrity.finding', r.id);
  await recordAudit(tx, actor, now, {
    action: 'integrity.record',
    objectType: 'integrity_record',
    objectId: r.id,
    after: input,
    detail,
  });
  return r.id;
}

export async function createRecord(ctx: Ctx, input: RecordInput) {
  const actor = requireOfficer(ctx);
  const now = ctx.now();
  const id = await inTx(ctx, (tx) => writeRecord(tx, actor, now, input));
  return await presentedRecord(ctx, id);
}

// ── referrals ──
const presentReferral = (f: Awaited<ReturnType<typeof repo.listReferrals>>[number]) => ({
  id: f.id,
  state: f.state,
  sourceType: f.source_type,
  sourceId: f.source_id,
  challenge: f.challenge_id
    ? { id: f.challenge_id, titleZh: f.challenge_title_zh ?? '', titleEn: f.challenge_title_en ?? '' }
    : null,
  subjectPerson: f.subject_person_id
    ? {
        id: f.subject_person_id,
        nameZh: f.person_name_zh ?? '',
        nameEn: f.person_name_en ?? '',
        email: f.person_email ?? '',
      }
    : null,
  subjectOrg: f.subject_org_id
    ? { id: f.subject_org_id, nameZh: f.org_name_zh ?? '', nameEn: f.org_name_en ?? '' }
    : null,
  summary: f.summary,
  createdAt: f.created_at.toISOString(),
  outcome: f.outcome,
  reason: f.reason,
  recordId: f.record_id,
  closedAt: f.closed_at ? f.closed_at.toISOString() : null,
});

/** Referrals (misconduct found at acceptance) for the integrity officers; the read is logged. */
export async function listReferrals(ctx: Ctx, state?: 'open' | 'closed') {
  const actor = requireOfficer(ctx);
  const rows = (await repo.listReferrals(ctx.db, state)).map(presentReferral);
  await logRead(
    ctx,
    actor,
    'referrals',
    rows.map((r) => r.id),
  );
  return rows;
}

/**
 * Act on an open referral: open a record about its subject (person and host organisation as
 * referred), or dismiss it with a reason. Either closes the referral; a closed one is refused.
 */
export async function decideReferral(ctx: Ctx, id: string, input: ReferralDecision) {
  const actor = requireOfficer(ctx);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const f = await repo.lockReferral(tx, id);
    if (!f) throw notFound(t('notFound.referral'));
    if (f.state !== 'open')
      throw new AppError('ILLEGAL_TRANSITION', t('integrity.referralClosed', { outcome: f.outcome ?? '' }));
    let recordId: string | null = null;
    if (input.outcome === 'record') {
      recordId = await writeRecord(
        tx,
        actor,
        now,
        {
          subjectPersonId: f.subject_person_id,
          subjectOrgId: f.subject_org_id,
          findingType: input.findingType,
          severity: input.severity,
          evidence: input.evidence || f.summary,
          decision: input.decision,
          sanction: input.sanction,
        },
        { referralId: id },
      );
    }
    const reason = input.outcome === 'record' ? input.reason || input.decision : input.reason;
    await repo.closeReferral(tx, id, { outcome: input.outcome, reason, recordId, by: actor.personId, now });
    await recordAudit(tx, actor, now, {
      action: `integrity.referral_${input.outcome}`,
      objectType: 'integrity_referral',
      objectId: id,
      before: { state: f.state },
      after: { state: 'closed', outcome: input.outcome, reason, recordId },
    });
  });
  return (await repo.listReferrals(ctx.db)).map(presentReferral).find((r) => r.id === id)!;
}

/**
 * A sensitive read (integrity findings, referrals, flags, the audit trail, a track record carrying
 * findings) is written to the audit trail like a change: who looked at what, and when.
 */
export async function logSensitiveRead(
  ctx: Ctx,
  actor: Actor,
  e: { action: string; objectType: string; objectId: string; detail?: Record<string, unknown> },
) {
  await inTx(ctx, (tx) => recordAudit(tx, actor, ctx.now(), e));
}

async function logRead(ctx: Ctx, actor: Actor, what: string, ids: string[]) {
  await logSensitiveRead(ctx, actor, {
    action: `integrity.read_${what}`,
    objectType: 'integrity',
    objectId: what,
    detail: { count: ids.length, ids: ids.slice(0, 200) },
  });
}

/** Officers see every record; anyone else sees only those about themself or organisations they administer. */
export interface RecordQuery {
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
  appealStatus?: 'none' | 'pending' | 'upheld' | 'overturned';
  q?: string;
}

/** What the actor may see: every record for officers (the read is logged), else their own. */
function recordScope(actor: Actor): repo.RecordFilter {
  if (isIntegrityOfficer(actor)) return {};
  const orgIds = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  return { subject: { personId: actor.personId, orgIds } };
}

/** A page of integrity records: all for officers (the read is logged), one's own for everyone else. */
export async function listRecords(ctx: Ctx, q: RecordQuery) {
  const actor = requireActor(ctx.actor);
  const { total, rows } = await repo.listRecords(
    ctx.db,
    { ...recordScope(actor), appealStatus: q.appealStatus, q: q.q },
    { offset: (q.page - 1) * q.pageSize, limit: q.pageSize, order: q.order },
  );
  const items = rows.map(presentRecord);
  if (isIntegrityOfficer(actor))
    await logRead(
      ctx,
      actor,
      'records',
      items.map((r) => r.id),
    );
  return { items, total, page: q.page, pageSize: q.pageSize };
}

/** Every record the actor may see, for export (the read is logged like a page). */
export async function allRecords(ctx: Ctx) {
  const r = await listRecords(ctx, { page: 1, pageSize: 100_000, order: 'desc' });
  return r.items;
}

/** One record as presented, after a change. */
async function presentedRecord(ctx: Ctx, id: string) {
  return presentRecord((await repo.listRecords(ctx.db, { id })).rows[0]);
}

/** The record is about the actor, or about an organisation the actor administers. */
const isSubjectOf = (actor: Actor, r: { subject_person_id: string | null; subject_org_id: string | null }) =>
  r.subject_person_id === actor.personId || (!!r.subject_org_id && hasRole(actor, 'admin', r.subject_org_id));

/** The subject of a record (or an admin of the organisation it is about) lodges its one appeal. */
export async function lodgeAppeal(ctx: Ctx, id: string, grounds: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const r = await repo.lockRecord(tx, id);
    if (!r || (!isSubjectOf(actor, r) && !isIntegrityOfficer(actor)))
      throw notFound(t('notFound.integrityRecord'));
    if (!isSubjectOf(actor, r)) throw forbidden(t('integrity.onlySubjectAppeals'));
    if (r.appeal_status !== 'none')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('integrity.appealAlreadyLodged', { appealStatus: stateOf('appeal', r.appeal_status) }),
      );
    await repo.setAppeal(tx, id, 'none', 'pending', { grounds }, now);
    await recordAudit(tx, actor, now, {
      action: 'integrity.appeal_lodged',
      objectType: 'integrity_record',
      objectId: id,
      before: { appealStatus: r.appeal_status },
      after: { appealStatus: 'pending', grounds },
    });
  });
  return await presentedRecord(ctx, id);
}

/**
 * An officer decides a pending appeal: upheld (the finding and any sanction stand) or overturned
 * (the finding is removed and its sanction lifted from today).
 */
export async function decideAppeal(ctx: Ctx, id: string, decision: 'upheld' | 'overturned', note: string) {
  const actor = requireOfficer(ctx);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const r = await repo.lockRecord(tx, id);
    if (!r) throw notFound(t('notFound.integrityRecord'));
    if (r.appeal_status !== 'pending')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('integrity.noPendingAppeal', { appealStatus: stateOf('appeal', r.appeal_status) }),
      );
    await repo.setAppeal(tx, id, 'pending', decision, { note }, now);
    if (decision === 'overturned' && r.sanction_id) {
      const yesterday = sanctionDay(new Date(now.getTime() - 86_400_000));
      await repo.endSanction(tx, r.sanction_id, yesterday);
    }
    await integrityNotice(tx, now, 'appeal.decided', id);
    await recordAudit(tx, actor, now, {
      action: 'integrity.appeal_decided',
      objectType: 'integrity_record',
      objectId: id,
      before: { appealStatus: r.appeal_status },
      after: { appealStatus: decision, note },
    });
  });
  return await presentedRecord(ctx, id);
}

// ── duplicate submissions ──
/** Texts shorter than this (after normalisation) are too short to call duplicates reliably. */
export const MIN_DEDUP_CHARS = 30;
/** The configured threshold (DEDUP_THRESHOLD, validated by loadConfig: 0 < t ≤ 1; 0.8 by default). */
const THRESHOLD = loadConfig().dedupThreshold;

/** A submitted text: a challenge's statement, a bid's technical route or a milestone report's summary. */
export type TextKind = repo.TextKind;
const KINDS = ['challenge', 'bid', 'report'] as const;

interface TextIndex {
  index: DedupIndex;
  kinds: Map<string, TextKind>;
  /** Digest of the text indexed under each id: a revised, resubmitted text replaces the old one. */
  digests: Map<string, string>;
  since: Record<TextKind, Date | null>;
}

const digestOf = (text: string) => createHash('sha256').update(text).digest('base64');

/** Index `text` under `id`, replacing an earlier different text; short texts are only remembered. */
function remember(state: TextIndex, kind: TextKind, id: string, text: string) {
  const digest = digestOf(text);
  if (state.digests.get(id) === digest) return;
  state.kinds.set(id, kind);
  state.digests.set(id, digest);
  if (text.length >= MIN_DEDUP_CHARS) state.index.replace(id, text);
  else if (state.index.has(id)) state.index.replace(id, ''); // now too short: similar to nothing
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
  if (kind === 'challenge') return repo.challengeTexts(db, since);
  return kind === 'bid' ? repo.submittedBidTexts(db, since) : repo.reportTexts(db, since);
}

/**
 * Drop pairs of a challenge's statement with a bid or report on that same challenge: answering a
 * challenge restates it, which is no duplicate submission.
 */
async function withoutOwnChallenge<P extends { a: string; b: string }>(
  db: Kysely<DB>,
  pairs: P[],
  kindOf: (id: string) => TextKind | undefined,
): Promise<P[]> {
  const mixed = pairs.filter((p) => (kindOf(p.a) === 'challenge') !== (kindOf(p.b) === 'challenge'));
  if (!mixed.length) return pairs;
  const sides = await repo.flagSides(db, [...new Set(mixed.flatMap((p) => [p.a, p.b]))]);
  return pairs.filter((p) => {
    if ((kindOf(p.a) === 'challenge') === (kindOf(p.b) === 'challenge')) return true;
    const a = sides.get(p.a);
    const b = sides.get(p.b);
    return !a || !b || a.challengeId !== b.challengeId;
  });
}

/** The process's index of every submitted text, brought up to date with the database. */
async function syncedIndex(db: Kysely<DB>): Promise<TextIndex> {
  let state = indexes.get(db);
  if (!state) {
    state = {
      index: new DedupIndex({ threshold: THRESHOLD }),
      kinds: new Map(),
      digests: new Map(),
      since: { challenge: null, bid: null, report: null },
    };
    indexes.set(db, state);
  }
  for (const kind of KINDS) {
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
      remember(state, kind, r.id, r.text);
    }
  }
  return state;
}

/**
 * Check a just-submitted challenge statement, bid or report against every earlier submitted text,
 * in any challenge; pairs at or above the threshold are flagged for the integrity officers
 * (except a challenge paired with an answer to it). Returns how many are new.
 */
export async function flagDuplicates(db: Kysely<DB>, kind: TextKind, id: string, now: Date): Promise<number> {
  const state = await syncedIndex(db);
  const row = await repo.textOf(db, kind, id);
  if (!row || row.text.length < MIN_DEDUP_CHARS) return 0;
  const found = state.index.query(row.text).filter((m) => m.id !== id && m.similarity >= THRESHOLD);
  remember(state, kind, id, row.text);
  const kindOf = (x: string) => (x === id ? kind : state.kinds.get(x));
  const matches = await withoutOwnChallenge(
    db,
    found.map((m) => ({ ...m, a: id, b: m.id })),
    kindOf,
  );
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
      authorId: x?.authorId ?? null,
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
    if (!f) throw notFound(t('notFound.duplicateFlag'));
    const after = await repo.decideFlag(tx, id, decision, note, actor.personId);
    if (!after)
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('integrity.flagAlready', { state: stateOf('flag', f.state) }),
      );
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
 * Batch rescan: every submitted challenge statement, bid and report against every other, flagging pairs at or above
 * the threshold that are not flagged yet. Returns how many were checked and flagged.
 */
export async function rescanTexts(
  db: Kysely<DB>,
  now: Date,
  onProgress?: (done: number, total: number) => void,
  opts: { threshold?: number } = {},
) {
  const threshold = opts.threshold ?? THRESHOLD;
  if (!(threshold > 0 && threshold <= 1))
    throw new AppError('VALIDATION', t('integrity.thresholdRange'), 'threshold');
  const kinds = new Map<string, TextKind>();
  const docs: { id: string; text: string }[] = [];
  for (const kind of KINDS) {
    for (const r of await textsSince(db, kind, null)) {
      if (r.text.length < MIN_DEDUP_CHARS) continue;
      kinds.set(r.id, kind);
      docs.push({ id: r.id, text: r.text });
    }
  }
  const pairs = await withoutOwnChallenge(
    db,
    findDuplicatePairs(docs, {
      threshold,
      onProgress: (done) => onProgress?.(done, docs.length),
      progressEvery: 1000,
    }),
    (id) => kinds.get(id),
  );
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

/** The calendar day in Beijing (UTC+8 all year, no daylight saving): sanction dates are days there. */
export function sanctionDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Refuse an action that an active sanction blocks: `block` names the action, each subject the
 * people and organisation it would benefit. The error says who is blocked and until when.
 */
export async function assertNotSanctioned(
  q: Kysely<DB>,
  block: SanctionBlock,
  subjects: { label: { zh: string; en: string }; personIds: string[]; orgId: string | null }[],
  now: Date,
  field?: string,
): Promise<void> {
  const today = sanctionDay(now);
  for (const s of subjects) {
    const hits = await repo.sanctionsBlocking(q, block, s.personIds, s.orgId ? [s.orgId] : [], today);
    if (hits.length) {
      const until = hits
        .map((h) => h.ends_on)
        .sort()
        .at(-1);
      const what = {
        bid: { zh: '揭榜申报', en: 'bidding' },
        review: { zh: '参与评审', en: 'reviewing' },
        funds: { zh: '接收经费', en: 'receiving funds' },
      }[block];
      throw new AppError(
        'INELIGIBLE',
        t('integrity.sanctioned', { label: s.label, what, until: until ?? '' }),
        field,
        { sanction: { block, until } },
      );
    }
  }
}

/**
 * Of the given people (each with their current organisation), those an active sanction bars from
 * `block` today, with the last day it runs: for filtering candidates in bulk (e.g. reviewers).
 */
export async function sanctionedUntil(
  q: Kysely<DB>,
  block: SanctionBlock,
  people: { id: string; orgId: string | null }[],
  now: Date,
): Promise<Map<string, string>> {
  const today = sanctionDay(now);
  const orgIds = [...new Set(people.flatMap((p) => (p.orgId ? [p.orgId] : [])))];
  const rows = await repo.sanctionsBlocking(
    q,
    block,
    people.map((p) => p.id),
    orgIds,
    today,
  );
  const out = new Map<string, string>();
  const ends = (r: { ends_on: string }) => String(r.ends_on).slice(0, 10);
  for (const p of people)
    for (const r of rows)
      if (r.person_id === p.id || (p.orgId && r.org_id === p.orgId)) {
        const until = ends(r);
        if (!out.has(p.id) || until > out.get(p.id)!) out.set(p.id, until);
      }
  return out;
}

// Writing and verifying the tamper-evident audit trail.
import type { Kysely } from 'kysely';
import type { Actor, Tx } from '../../app/context.ts';
import { type ChainBreak, ChainVerifier, linkHash, stateDigest } from '../../core/audit/chain.ts';
import type { DB } from '../../db/schema.ts';
import * as repo from './audit.repo.ts';

export interface AuditInput {
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  /** Non-sensitive context shown in the audit viewer (never secrets or reviewer identities). */
  detail?: Record<string, unknown>;
}

/** Append one entry in the caller's transaction; call it last, so the head lock is held briefly. */
export async function recordAudit(
  tx: Tx,
  actor: Actor | string | null,
  now: Date,
  input: AuditInput,
): Promise<number> {
  const head = await repo.lockHead(tx);
  const entry = {
    seq: head.seq + 1,
    at: now,
    actorId: typeof actor === 'string' ? actor : (actor?.personId ?? null),
    action: input.action,
    objectType: input.objectType,
    objectId: input.objectId,
    beforeDigest: stateDigest(input.before),
    afterDigest: stateDigest(input.after),
    detail: input.detail ?? {},
  };
  const hash = linkHash(head.hash, entry);
  await repo.insertEntry(tx, { ...entry, prevHash: head.hash, hash });
  return entry.seq;
}

export interface VerifyReport {
  ok: boolean;
  entries: number;
  firstBreak: ChainBreak | null;
}

/** Walk the whole chain and report the first broken link, if any. */
export async function verifyAudit(db: Kysely<DB>, onProgress?: (n: number) => void): Promise<VerifyReport> {
  // One snapshot for the entries and the head, so concurrent appends never look like tampering.
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      const v = new ChainVerifier();
      for await (const e of repo.scanEntries(tx)) {
        v.push(e);
        if (onProgress && v.count % 10000 === 0) onProgress(v.count);
      }
      const firstBreak = v.finish(await repo.readHead(tx));
      return { ok: firstBreak === null, entries: v.count, firstBreak };
    });
}

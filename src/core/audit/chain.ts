// The audit trail is a hash chain: each entry's hash covers its content and the previous
// entry's hash, so any edit, deletion, insertion or reordering breaks a link.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level, so equal values always hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  if (typeof v === 'bigint') return v.toString();
  return v;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Digest of an object's state before or after a change (null when there is none). */
export function stateDigest(state: unknown): string | null {
  return state === null || state === undefined ? null : sha256Hex(canonicalJson(state));
}

export interface AuditEntry {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  objectType: string;
  objectId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: Record<string, unknown>;
}

export interface ChainedEntry extends AuditEntry {
  prevHash: string;
  hash: string;
}

/** The hash of an entry linked to its predecessor. */
export function linkHash(prevHash: string, e: AuditEntry): string {
  return sha256Hex(
    canonicalJson([
      prevHash,
      e.seq,
      e.at.toISOString(),
      e.actorId,
      e.action,
      e.objectType,
      e.objectId,
      e.beforeDigest,
      e.afterDigest,
      e.detail,
    ]),
  );
}

export type ChainBreak =
  | { seq: number; kind: 'sequence'; found: number }
  | { seq: number; kind: 'prev_hash'; expected: string }
  | { seq: number; kind: 'hash'; expected: string }
  | { seq: number; kind: 'head'; expected: string };

/**
 * Incremental verifier: feed entries in seq order; the first break is kept. `finish`
 * compares the end of the chain with the separately kept head (catches tail deletion).
 */
export class ChainVerifier {
  private prevHash = GENESIS_HASH;
  private nextSeq = 1;
  count = 0;
  firstBreak: ChainBreak | null = null;

  push(e: ChainedEntry): void {
    this.count++;
    if (this.firstBreak) return;
    if (e.seq !== this.nextSeq) {
      this.firstBreak = { seq: this.nextSeq, kind: 'sequence', found: e.seq };
      return;
    }
    if (e.prevHash !== this.prevHash) {
      this.firstBreak = { seq: e.seq, kind: 'prev_hash', expected: this.prevHash };
      return;
    }
    const h = linkHash(e.prevHash, e);
    if (h !== e.hash) {
      this.firstBreak = { seq: e.seq, kind: 'hash', expected: h };
      return;
    }
    this.prevHash = e.hash;
    this.nextSeq = e.seq + 1;
  }

  finish(head: { seq: number; hash: string }): ChainBreak | null {
    if (this.firstBreak) return this.firstBreak;
    if (head.seq !== this.nextSeq - 1 || head.hash !== this.prevHash) {
      return { seq: this.nextSeq, kind: 'head', expected: `head seq ${head.seq} hash ${head.hash}` };
    }
    return null;
  }
}

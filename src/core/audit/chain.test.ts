import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type AuditEntry,
  type ChainedEntry,
  ChainVerifier,
  canonicalJson,
  GENESIS_HASH,
  linkHash,
} from './chain.ts';

function build(n: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e: AuditEntry = {
      seq: i,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      actorId: i % 2 ? 'a' : null,
      action: `act.${i}`,
      objectType: 'thing',
      objectId: String(i),
      beforeDigest: null,
      afterDigest: 'd'.repeat(64),
      detail: { n: i },
    };
    const hash = linkHash(prev, e);
    out.push({ ...e, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

function verify(entries: ChainedEntry[], head: { seq: number; hash: string }) {
  const v = new ChainVerifier();
  for (const e of entries) v.push(e);
  return v.finish(head);
}

const headOf = (c: ChainedEntry[]) => ({ seq: c.length, hash: c.at(-1)?.hash ?? GENESIS_HASH });

describe('audit hash chain', () => {
  test('canonical JSON sorts keys at every level', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } }),
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  test('an intact chain verifies, including the empty one', () => {
    assert.equal(verify([], headOf([])), null);
    const c = build(5);
    assert.equal(verify(c, headOf(c)), null);
  });

  test('any edit, deletion, insertion or reordering is reported at the first broken link', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }),
        fc.nat(),
        fc.nat(),
        fc.constantFrom('edit', 'delete', 'insert', 'swap', 'truncate'),
        (n, i0, j0, kind) => {
          const chain = build(n);
          const head = headOf(chain);
          const i = i0 % n;
          const t = chain.map((e) => ({ ...e }));
          let expectSeq: number;
          switch (kind) {
            case 'edit':
              t[i].action = `${t[i].action}!`;
              expectSeq = i + 1;
              break;
            case 'delete':
              t.splice(i, 1);
              expectSeq = i + 1; // a deleted tail is caught by the head
              break;
            case 'insert': {
              const fake = { ...t[i], detail: { forged: true } };
              t.splice(i, 0, fake);
              expectSeq = i + 1;
              break;
            }
            case 'swap': {
              const j = (i + 1 + (j0 % (n - 1))) % n;
              const [a, b] = [Math.min(i, j), Math.max(i, j)];
              // swap contents but keep seq numbers in place, as an UPDATE would
              const ca = { ...t[a], seq: t[b].seq };
              const cb = { ...t[b], seq: t[a].seq };
              t[a] = cb;
              t[b] = ca;
              expectSeq = a + 1;
              break;
            }
            case 'truncate':
              t.length = i;
              expectSeq = i + 1;
              break;
          }
          const br = verify(t, head);
          assert.ok(br, `${kind} at ${i} not detected`);
          assert.equal(br.seq, expectSeq!);
        },
      ),
      { numRuns: 300 },
    );
  });
});

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

  test('known answer: the link hash is SHA-256 of the canonical array of the previous hash and every field', () => {
    const e: AuditEntry = {
      seq: 1,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, 1)),
      actorId: 'a',
      action: 'act.1',
      objectType: 'thing',
      objectId: '1',
      beforeDigest: null,
      afterDigest: 'd'.repeat(64),
      detail: { n: 1, b: 'x' },
    };
    // Checked outside the code: printf '%s' '<this text>' | sha256sum
    const text = `["${'0'.repeat(64)}",1,"2026-01-01T00:00:01.000Z","a","act.1","thing","1",null,"${'d'.repeat(64)}",{"b":"x","n":1}]`;
    assert.equal(
      canonicalJson([GENESIS_HASH, 1, e.at, 'a', 'act.1', 'thing', '1', null, 'd'.repeat(64), e.detail]),
      text,
    );
    assert.equal(
      linkHash(GENESIS_HASH, e),
      '240d77ce2986d4e069e330b4438484bbd6901eea8c5919c6df1c9d4a509d2926',
    );
  });

  test('tampering with any single field of an entry breaks the chain at that entry', () => {
    const tamper: Record<keyof AuditEntry, (e: AuditEntry) => void> = {
      seq: (e) => {
        e.seq += 100;
      },
      at: (e) => {
        e.at = new Date(e.at.getTime() + 1);
      },
      actorId: (e) => {
        e.actorId = e.actorId === null ? 'someone' : null;
      },
      action: (e) => {
        e.action = `${e.action}!`;
      },
      objectType: (e) => {
        e.objectType = 'other';
      },
      objectId: (e) => {
        e.objectId = `${e.objectId}0`;
      },
      beforeDigest: (e) => {
        e.beforeDigest = 'b'.repeat(64);
      },
      afterDigest: (e) => {
        e.afterDigest = null;
      },
      detail: (e) => {
        e.detail = { ...e.detail, n: -1 };
      },
    };
    for (const [field, change] of Object.entries(tamper)) {
      for (const i of [0, 2, 4]) {
        const chain = build(5);
        const head = headOf(chain);
        const t = chain.map((e) => ({ ...e }));
        change(t[i]);
        const br = verify(t, head);
        assert.ok(br, `${field} changed at ${i + 1} not detected`);
        assert.equal(br.seq, i + 1, field);
      }
    }
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

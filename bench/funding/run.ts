// Funding ledger benchmark: postings per second through the service (row lock, floor check, journal
// insert, audit entry — one transaction each), sequentially and with C concurrent requests on ONE fund
// (they serialise on the fund row by design), then `verifyLedger` over the whole journal.
// Usage: node --import tsx bench/funding/run.ts [--entries 2000] [--concurrency 8] [--url postgres://…]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import {
  createOrganisation,
  createPlatformAdmin,
  grantMembership,
} from '../../src/modules/accounts/accounts.service.ts';
import { verifyLedger } from '../../src/modules/funding/funding.export.ts';
import { appropriate, createFund } from '../../src/modules/funding/funding.service.ts';

const { values } = parseArgs({
  options: {
    entries: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '8' },
    url: { type: 'string' },
  },
});
const n = Number(values.entries);
const c = Number(values.concurrency);
const database = await openDatabase(values.url ? { url: values.url } : { dataDir: 'memory://' });
const tag = randomBytes(3).toString('hex');
const base = { db: database.db, now: () => new Date(), actor: null };
const { personId } = await createPlatformAdmin(base, {
  email: `bench-${tag}@example.cn`,
  password: 'bench password 1',
  name: 'bench',
});
const admin = { ...base, actor: await actorFor(base, personId) };
const org = await createOrganisation(admin, {
  kind: 'agency',
  nameZh: `基准测试厅${tag}`,
  nameEn: '',
  uscc: null,
  regionCode: null,
});
await grantMembership(admin, { personId, orgId: org.id, role: 'organizer' });
const ctx = { ...base, actor: await actorFor(base, personId) };
const fund = await createFund(ctx, {
  kind: 'programme',
  orgId: org.id,
  nameZh: `基准资金${tag}`,
  nameEn: '',
  fiscalYear: 2026,
});

let t0 = performance.now();
for (let i = 0; i < n; i++) await appropriate(ctx, fund.id, 100 + i, '', `bench-${tag}-s-${i}`);
const seq = performance.now() - t0;
console.log(
  `${database.kind}: ${n} sequential postings in ${(seq / 1000).toFixed(2)} s = ${Math.round((n * 1000) / seq)} /s`,
);

t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: c }, async () => {
    for (let i = next++; i < n; i = next++)
      await appropriate(ctx, fund.id, 100 + i, '', `bench-${tag}-p-${i}`);
  }),
);
const par = performance.now() - t0;
console.log(
  `${database.kind}: ${n} postings from ${c} concurrent clients on one fund in ${(par / 1000).toFixed(2)} s = ${Math.round((n * 1000) / par)} /s`,
);

t0 = performance.now();
const v = await verifyLedger(database.db);
console.log(
  `verify: ${v.ok ? 'balanced' : 'NOT balanced'}, ${v.entries} entries / ${v.lines} lines in ${Math.round(performance.now() - t0)} ms`,
);
const f = await database.db
  .selectFrom('journal_line')
  .select((eb) => eb.fn.sum<number>('amount_fen').as('s'))
  .where('account', '=', `available:${fund.id}`)
  .executeTakeFirstOrThrow();
const expected = 2 * (n * 100 + (n * (n - 1)) / 2);
console.log(
  `available ${Number(f.s)} fen, expected ${expected}: ${Number(f.s) === expected ? 'ok' : 'MISMATCH'}`,
);
await database.close();

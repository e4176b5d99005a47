// Shared instruments benchmark: I instruments with B bookings between them (bulk-loaded in SQL, the
// exclusion constraint's GiST index maintained on every row), then booking throughput through the
// service (instrument row lock, overlap and maintenance checks, insert under the exclusion
// constraint, audit entry — one transaction each), sequentially and with C concurrent requests on
// different instruments, and the catalogue's availability search (free over a time range, with and
// without capability words) over all of them.
// Usage: node --import tsx bench/instruments/run.ts [--instruments 10000] [--bookings 1000000]
//          [--books 300] [--concurrency 8] [--searches 20] [--url postgres://…]
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { tokenize } from '../../src/core/text/index.ts';
import { openDatabase } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import {
  createOrganisation,
  createPlatformAdmin,
  grantMembership,
} from '../../src/modules/accounts/accounts.service.ts';
import { book, search } from '../../src/modules/instruments/instruments.service.ts';

const { values } = parseArgs({
  options: {
    instruments: { type: 'string', default: '10000' },
    bookings: { type: 'string', default: '1000000' },
    books: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '8' },
    searches: { type: 'string', default: '20' },
    url: { type: 'string' },
  },
});
const I = Number(values.instruments);
const B = Number(values.bookings);
const N = Number(values.books);
const C = Number(values.concurrency);
const S = Number(values.searches);
const HOUR = 3_600_000;

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
  kind: 'university',
  nameZh: `基准测试大学${tag}`,
  nameEn: '',
  uscc: null,
  regionCode: '330106',
});
await grantMembership(admin, { personId, orgId: org.id, role: 'admin' });
const ctx = { ...base, actor: await actorFor(base, personId) };

const CAPS = [
  '微观形貌观察 能谱元素分析 surface morphology elemental analysis',
  '物相分析 晶体结构 残余应力 phase analysis crystal structure',
  '液相色谱 质谱联用 痕量分析 liquid chromatography mass spectrometry',
  '拉伸 压缩 疲劳试验 tensile fatigue testing',
  '基因测序 单细胞 gene sequencing single cell',
];
const CATS = ['microscopy', 'analytical', 'chromatography', 'materials_testing', 'biology'];
const words = CAPS.map((c) => tokenize(c, { chineseMode: 'search' }).join(' '));
const start0 = Date.now() + 2 * 24 * HOUR;

let t0 = performance.now();
for (let from = 0; from < I; from += 1000) {
  const rows = [];
  for (let k = from; k < Math.min(I, from + 1000); k++)
    rows.push({
      org_id: org.id,
      name_zh: `仪器${k}`,
      category: CATS[k % CATS.length],
      value_fen: 60_000_000 + k,
      region_code: ['330106', '330108', '330206', '110108'][k % 4],
      capabilities_zh: CAPS[k % CAPS.length],
      search_words: words[k % CAPS.length],
      manager_id: personId,
      openness: 'external',
      price_internal_fen: 10_000,
      price_external_fen: 20_000,
      min_slot_minutes: 30,
      lead_hours: 0,
      needs_approval: false,
      created_by: personId,
      created_at: new Date(),
    });
  await database.db.insertInto('instrument').values(rows).execute();
}
const tInstruments = performance.now() - t0;

// B bookings: per instrument, consecutive 2-hour slots every 3 hours from start0 (in SQL, batched by instrument range).
const per = Math.max(1, Math.floor(B / I));
t0 = performance.now();
const ids = (
  await database.db.selectFrom('instrument').select('id').where('org_id', '=', org.id).orderBy('id').execute()
).map((r) => r.id);
for (let from = 0; from < ids.length; from += 500) {
  const chunk = ids.slice(from, from + 500);
  await sql`
    INSERT INTO instrument_booking (instrument_id, booker_id, payer_org_id, during, purpose, external, price_fen_per_hour, state, created_at)
    SELECT i, ${personId}::uuid, ${org.id}::uuid,
      tstzrange(${new Date(start0).toISOString()}::timestamptz + (g * interval '3 hours'),
                ${new Date(start0).toISOString()}::timestamptz + (g * interval '3 hours') + interval '2 hours', '[)'),
      'bench', false, 10000, 'confirmed', now()
    FROM unnest(${chunk}::uuid[]) AS i, generate_series(0, ${per - 1}) AS g`.execute(database.db);
}
const tBookings = performance.now() - t0;
const total = Number(
  (await sql<{ n: string }>`SELECT count(*) AS n FROM instrument_booking`.execute(database.db)).rows[0].n,
);
console.log(
  `${database.kind}: loaded ${I} instruments in ${(tInstruments / 1000).toFixed(1)} s, ${total} bookings in ${(tBookings / 1000).toFixed(1)} s`,
);

// Booking throughput: free slots after the loaded ones (the last loaded slot ends at start0 + 3·per hours).
const after = start0 + (3 * per + 24) * HOUR;
let slot = 0;
const next = () => {
  const k = slot++;
  const at = after + Math.floor(k / ids.length) * 3 * HOUR;
  return {
    id: ids[(k * 7919) % ids.length],
    start: new Date(at).toISOString(),
    end: new Date(at + 2 * HOUR).toISOString(),
  };
};
t0 = performance.now();
for (let k = 0; k < N; k++) {
  const s = next();
  await book(ctx, s.id, { start: s.start, end: s.end, purpose: 'bench' });
}
const seq = performance.now() - t0;
t0 = performance.now();
let done = 0;
await Promise.all(
  Array.from({ length: C }, async () => {
    while (done < N) {
      done++;
      const s = next();
      await book(ctx, s.id, { start: s.start, end: s.end, purpose: 'bench' });
    }
  }),
);
const par = performance.now() - t0;
// And the refusals: N requests for already-held slots.
t0 = performance.now();
let refused = 0;
for (let k = 0; k < N; k++) {
  try {
    await book(ctx, ids[k % ids.length], {
      start: new Date(start0 + HOUR).toISOString(),
      end: new Date(start0 + 2 * HOUR).toISOString(),
      purpose: 'bench',
    });
  } catch {
    refused++;
  }
}
const ref = performance.now() - t0;
console.log(
  `booking: ${N} sequential in ${(seq / 1000).toFixed(2)} s = ${Math.round((N * 1000) / seq)} /s; ` +
    `${N} with ${C} concurrent in ${(par / 1000).toFixed(2)} s = ${Math.round((N * 1000) / par)} /s; ` +
    `${refused}/${N} overlapping requests refused in ${(ref / 1000).toFixed(2)} s = ${Math.round((N * 1000) / ref)} /s`,
);

// Availability search over everything: instruments free over a 2-hour window inside the booked span
// (touching slots: a window in a gap is free, one across a slot is not), with and without words.
const time = async (label: string, q: Parameters<typeof search>[1]) => {
  const ms: number[] = [];
  let totalFound = 0;
  for (let k = 0; k < S; k++) {
    const t1 = performance.now();
    const r = await search(base, q);
    ms.push(performance.now() - t1);
    totalFound = r.total;
  }
  ms.sort((a, b) => a - b);
  console.log(
    `search ${label}: median ${ms[Math.floor(S / 2)].toFixed(1)} ms, p95 ${ms[Math.floor(S * 0.95)].toFixed(1)} ms (${totalFound} found)`,
  );
};
const page = { page: 1, pageSize: 20, sort: 'name' as const, order: 'asc' as const };
const inGap = start0 + Math.floor(per / 2) * 3 * HOUR + 2 * HOUR; // the hour between two slots
const across = start0 + Math.floor(per / 2) * 3 * HOUR + HOUR;
await time('free in a gap', {
  ...page,
  from: new Date(inGap).toISOString(),
  to: new Date(inGap + HOUR).toISOString(),
});
await time('free across a slot', {
  ...page,
  from: new Date(across).toISOString(),
  to: new Date(across + 2 * HOUR).toISOString(),
});
await time('words + free in a gap', {
  ...page,
  q: '能谱',
  from: new Date(inGap).toISOString(),
  to: new Date(inGap + HOUR).toISOString(),
});
await time('words + region, no time', { ...page, q: 'phase analysis', region: '330100' });
await database.close();

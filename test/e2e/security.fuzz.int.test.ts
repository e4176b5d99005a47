// Hostile input on every write endpoint of the matrix (test/support/authz.ts): fast-check bodies
// with wrong types, huge strings, deep nesting, __proto__/constructor keys, lone surrogates,
// SQL and HTML payloads and odd numbers, sent as raw JSON by an actor who may use the route.
// Never a 5xx; a refused request writes nothing (every table's row count unchanged); and
// Object.prototype is untouched. Uploads: disguised, oversized, archives, SVG with script,
// path names — refused or neutralised. Bounded: a few hundred runs, well under 30 s a backend.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp } from '../support/app.ts';
import { type ActorName, buildWorld, RULES, type Rule, type World } from '../support/authz.ts';
import { backends } from '../support/db.ts';
import { countAllTables, rawRequest } from '../support/security.ts';

/** A JSON object written pair by pair, so keys like __proto__ reach the server as own keys. */
class Obj {
  constructor(readonly pairs: [string, unknown][]) {}
}
/** Raw JSON text inserted as is (numbers JSON.stringify cannot write, e.g. -0 and 1e999). */
class Raw {
  constructor(readonly text: string) {}
}

function toJson(v: unknown): string {
  if (v instanceof Raw) return v.text;
  if (v instanceof Obj) return `{${v.pairs.map(([k, x]) => `${JSON.stringify(k)}:${toJson(x)}`).join(',')}}`;
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v && typeof v === 'object') return toJson(new Obj(Object.entries(v as Record<string, unknown>)));
  if (typeof v === 'number' && !Number.isFinite(v)) return JSON.stringify(String(v));
  return JSON.stringify(v ?? null);
}

const HOSTILE_CONSTANTS: unknown[] = [
  "'; DROP TABLE person; --",
  "' OR '1'='1",
  '1; SELECT pg_sleep(10)',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '\uD800',
  'a\uDFFFb',
  'nul\u0000byte',
  '\u202Egnp.exe',
  '../../../etc/passwd',
  '#{7*7}{{7*7}}<%= 7*7 %>',
  'x'.repeat(100_000),
  '9'.repeat(400),
  new Raw('1e308'),
  new Raw('-1e308'),
  new Raw('1e999'),
  new Raw('-0'),
  new Raw('9007199254740993'),
  new Raw('0.1e-400'),
  'NaN',
  'Infinity',
  '-0',
  '1e308',
  '0x10',
  ' 1 ',
  '',
  -1,
  0,
  1.5,
  true,
  null,
  [],
  {},
  '00000000-0000-0000-0000-000000000000',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
];
const POLLUTERS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'toString', 'hasOwnProperty'];

const hostileValue = fc.oneof(
  fc.constantFrom(...HOSTILE_CONSTANTS),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const key = fc.oneof(fc.constantFrom(...POLLUTERS), fc.string({ maxLength: 12 }));
const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'tree' },
    hostileValue,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((pairs) => new Obj(pairs)),
  ),
}));

/** Replace the value at a random path of a valid body, or add a key there. */
function mutate(valid: unknown, pathSeed: number[], value: unknown, addKey: string | null): unknown {
  if (!valid || typeof valid !== 'object' || Array.isArray(valid)) return value;
  const entries = Object.entries(valid as Record<string, unknown>);
  if (!entries.length || addKey !== null) return new Obj([...entries, [addKey ?? '__proto__', value]]);
  const i = (pathSeed[0] ?? 0) % entries.length;
  const v = entries[i][1];
  const inner =
    pathSeed.length > 1 && v && typeof v === 'object' && !Array.isArray(v)
      ? mutate(v, pathSeed.slice(1), value, null)
      : value;
  return new Obj(entries.map(([kk, vv], j) => [kk, j === i ? inner : vv]));
}

const TEXT_PAYLOADS = [
  "'; DROP TABLE person; --",
  "Robert'); DELETE FROM bid; --",
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  'lone \uD800 surrogate',
  'reversed \u202Etxt.exe',
  'zero\u200Bwidth and emoji 😀',
  '石英坩埚\u0000',
  '%s%s%s%n',
  'x'.repeat(4000),
];

/** A valid body with one string field (any depth) replaced by a payload that is valid text. */
function swapText(valid: unknown, pick: number, payload: string): unknown {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (typeof v === 'string') paths.push(path);
    else if (Array.isArray(v)) for (const [i, x] of v.entries()) walk(x, [...path, i]);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(valid, []);
  if (!paths.length) return valid;
  const target = paths[pick % paths.length];
  const copy = structuredClone(valid) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const k of target.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  at[target[target.length - 1]] = payload;
  return copy;
}

const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;

const bodyArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.nat(), fc.constantFrom(...TEXT_PAYLOADS))
      .map(([pick, payload]) => ({ swap: { pick, payload }, type: 'application/json' })),
  },
  { weight: 3, arbitrary: tree.map((v) => ({ text: toJson(v), type: 'application/json' })) },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        tree,
        fc.option(fc.constantFrom(...POLLUTERS)),
      )
      .map(([path, value, addKey]) => ({ mutate: { path, value, addKey }, type: 'application/json' })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { text: deepArray(5000), type: 'application/json' },
      { text: deepObject(3000), type: 'application/json' },
      { text: '{"__proto__":{"polluted":"yes"}}', type: 'application/json' },
      { text: '{"constructor":{"prototype":{"polluted":"yes"}}}', type: 'application/json' },
      { text: '{"a":1,"a":2}', type: 'application/json' },
      { text: '{"truncated":', type: 'application/json' },
      { text: 'polluted=yes&__proto__[polluted]=yes', type: 'application/x-www-form-urlencoded' },
      { text: '<xml/>', type: 'text/xml' },
      { text: 'just text', type: 'text/plain' },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => ({
      bytes: Buffer.concat([Buffer.from('{"x":"'), Buffer.from(b), Buffer.from('"}')]),
      type: 'application/json',
    })),
  },
);

const writeRules = RULES.filter(
  (r) =>
    r.route.split(' ')[0] !== 'GET' &&
    r.route !== 'POST /api/auth/logout' && // it would end the fuzzing actor's session
    !r.route.includes('/attachments') && // raw uploads: their own cases below
    r.route !== 'POST /api/people/:id/:action', // it takes no body; disabling actors would end the run
);

function actorFor(rule: Rule): ActorName {
  if (rule.proof) return rule.proof;
  if (Array.isArray(rule.allow) && rule.allow.length) return rule.allow[0];
  return rule.allow === 'signedIn' ? 'commander' : rule.allow === 'public' ? 'anonymous' : 'admin';
}

const protoSnapshot = () => Object.getOwnPropertyNames(Object.prototype).sort().join(',');

for (const kind of backends()) {
  describe(`hostile input (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let w: World;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      w = await buildWorld(t);
      await w.clients.anonymous.session(); // a CSRF token, so bodies reach validation
    });
    after(() => t.close());

    /** Waits until no assignment run is still running (they finish in well under a second here). */
    async function settledRuns(database: typeof t.database) {
      for (let i = 0; i < 600; i++) {
        const r = await database.pool.query(
          "SELECT count(*)::int AS n FROM review_assignment_run WHERE state = 'running'",
        );
        if (r.rows[0].n === 0) return;
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error('an assignment run never finished');
    }

    test('fast-check bodies on every write endpoint: no 5xx, no partial write, no prototype pollution', async () => {
      assert.ok(writeRules.length > 40, `only ${writeRules.length} write routes`);
      const proto = protoSnapshot();
      let counts = await countAllTables(t.database);
      const seen = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(fc.nat({ max: writeRules.length - 1 }), bodyArb, async (i, b) => {
          const rule = writeRules[i];
          const method = rule.route.split(' ')[0];
          const req = rule.request(w);
          let payload: string | Buffer;
          if ('swap' in b) payload = toJson(swapText(req.body ?? {}, b.swap.pick, b.swap.payload));
          else if ('mutate' in b)
            payload = toJson(mutate(req.body ?? {}, b.mutate.path, b.mutate.value, b.mutate.addKey));
          else if ('bytes' in b) payload = b.bytes;
          else payload = b.text;
          const r = await rawRequest(w.clients[actorFor(rule)], method, req.url, payload, {
            'content-type': b.type,
            ...req.headers,
          });
          seen.set(r.statusCode, (seen.get(r.statusCode) ?? 0) + 1);
          // 202: accepted work (an assignment run) goes on after the answer and writes when it ends;
          // let it finish, so its writes are not counted against the next request.
          if (r.statusCode === 202) await settledRuns(t.database);
          const where = `${rule.route} (${String(payload).slice(0, 120)})`;
          assert.ok(r.statusCode < 500, `${where} → ${r.statusCode} ${r.body.slice(0, 200)}`);
          assert.equal(protoSnapshot(), proto, `${where} changed Object.prototype`);
          assert.equal(
            ({} as Record<string, unknown>).polluted,
            undefined,
            `${where} polluted Object.prototype`,
          );
          const now = await countAllTables(t.database);
          if (r.statusCode >= 400) {
            const changed = Object.keys(now).filter((k) => now[k] !== counts[k]);
            assert.deepEqual(changed, [], `${where} → ${r.statusCode} but wrote to ${changed.join(', ')}`);
          }
          counts = now;
        }),
        {
          // CI: a bounded run. The long run is one command: FUZZ_RUNS=20000 FUZZ_SECONDS=900 npm test -- security.fuzz
          numRuns: Number(process.env.FUZZ_RUNS ?? 250),
          interruptAfterTimeLimit: Number(process.env.FUZZ_SECONDS ?? 15) * 1000,
          seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31),
        },
      );
      console.log(`fuzz (${kind}): statuses ${JSON.stringify(Object.fromEntries([...seen].sort()))}`);
      assert.ok((seen.get(400) ?? 0) > 0, 'the generator reached validation');
    });

    test('text that cannot be stored (NUL, lone surrogates) and poisoned keys are refused, not a 500', async () => {
      const before = await countAllTables(t.database);
      const profile = await rawRequest(
        w.clients.outsider,
        'PUT',
        '/api/profile',
        '{"version":1,"nameZh":"石英\\u0000坩埚","nameEn":"x"}',
      );
      assert.equal(profile.statusCode, 400, profile.body);
      assert.equal(profile.json().field, 'nameZh');
      const org = await rawRequest(
        w.clients.admin,
        'PATCH',
        `/api/organisations/${w.cast.university.id}`,
        '{"enterprise":{"mainBusiness":"lone \\ud800 surrogate"}}',
      );
      assert.equal(org.statusCode, 400, org.body);
      assert.equal(org.json().field, 'enterprise.mainBusiness');
      for (const poison of [
        '{"__proto__":{"polluted":"yes"}}',
        '{"constructor":{"prototype":{"polluted":"yes"}}}',
      ]) {
        const r = await rawRequest(w.clients.outsider, 'PUT', '/api/profile', poison);
        assert.equal(r.statusCode, 400, `${poison} → ${r.statusCode} ${r.body}`);
        assert.equal(({} as Record<string, unknown>).polluted, undefined);
      }
      const search = await rawRequest(w.clients.anonymous, 'GET', '/api/challenges?q=%00', '');
      assert.equal(search.statusCode, 400, search.body);
      assert.equal(search.json().field, 'q');
      const lone = await rawRequest(w.clients.anonymous, 'GET', '/api/challenges?q=%ED%A0%80', '');
      assert.ok(lone.statusCode < 500, lone.body);
      assert.deepEqual(await countAllTables(t.database), before);
      const emoji = await rawRequest(
        w.clients.anonymous,
        'GET',
        `/api/challenges?q=${encodeURIComponent('石英 😀')}`,
        '',
      );
      assert.equal(emoji.statusCode, 200, 'well-formed text, emoji included, is fine');
    });

    test('uploads: disguised, oversized, archives, SVG with script and path names are refused or neutralised', async () => {
      const draft = w.ids.draft;
      const up = (name: string, bytes: Buffer, type = 'application/octet-stream') =>
        rawRequest(
          w.clients.proposer,
          'POST',
          `/api/challenges/${draft}/attachments?name=${encodeURIComponent(name)}`,
          bytes,
          {
            'content-type': type,
          },
        );
      const before = await countAllTables(t.database);
      const refused: [string, Buffer, string][] = [
        [
          'drawing.svg',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'image/svg+xml',
        ],
        [
          'drawing.png',
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
          'image/png',
        ],
        ['bundle.zip', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00payload', 'latin1'), 'application/zip'],
        ['bundle.pdf', Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00payload', 'latin1'), 'application/pdf'],
        ['archive.tar.gz', Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]), 'application/gzip'],
        ['report.pdf', Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), 'application/pdf'],
        ['page.pdf', Buffer.from('<!doctype html><script>alert(1)</script>'), 'text/html'],
        ['empty.pdf', Buffer.alloc(0), 'application/pdf'],
        ['%PDF.pdf', Buffer.from(' %PDF-1.7 leading space'), 'application/pdf'],
      ];
      for (const [name, bytes, type] of refused) {
        const r = await up(name, bytes, type);
        assert.ok([400, 413, 415].includes(r.statusCode), `${name} (${type}) → ${r.statusCode} ${r.body}`);
      }
      const big = await up(
        'big.pdf',
        Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]),
        'application/pdf',
      );
      assert.ok([400, 413].includes(big.statusCode), `oversized → ${big.statusCode}`);
      const diff = await countAllTables(t.database);
      assert.deepEqual(
        Object.keys(diff).filter((k) => diff[k] !== before[k]),
        [],
        'refused uploads wrote nothing',
      );

      const nul = await up('a\u0000b.svg', Buffer.from('%PDF-1.7\n'), 'application/pdf');
      assert.equal(nul.statusCode, 400, 'a NUL in the name is refused');
      assert.equal(nul.json().field, 'name');

      // Accepted, but neutralised: a PDF that carries HTML and script, under a hostile name.
      const polyglot = Buffer.from('%PDF-1.7\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n');
      for (const name of ['../../../etc/passwd', '..\\..\\boot.ini', '\u202Egpj.exe', '<script>.html']) {
        const r = await up(name, polyglot, 'application/pdf');
        assert.equal(r.statusCode, 201, `${JSON.stringify(name)} → ${r.statusCode} ${r.body}`);
        const a = r.json();
        assert.equal(a.mediaType, 'application/pdf', 'the type comes from the bytes');
        assert.match(a.fileName, /\.pdf$/, 'the extension follows the real type');
        const unsafe = ['/', '\\', '\u0000', '<', '>', '\u202e'].filter((ch) => a.fileName.includes(ch));
        assert.deepEqual(unsafe, [], `unsafe stored name ${JSON.stringify(a.fileName)}`);
        assert.ok(!a.fileName.startsWith('.'), `hidden stored name ${JSON.stringify(a.fileName)}`);
        const d = await rawRequest(w.clients.proposer, 'GET', `/api/attachments/${a.id}`, '');
        assert.equal(d.statusCode, 200);
        assert.equal(d.headers['content-type'], 'application/pdf');
        assert.equal(d.headers['x-content-type-options'], 'nosniff');
        assert.equal(d.headers['content-security-policy'], "default-src 'none'");
        assert.match(String(d.headers['content-disposition']), /^attachment;/);
        assert.doesNotMatch(String(d.headers['content-disposition']), /[\r\n]|\.\.[/\\]/);
      }
    });
  });
}

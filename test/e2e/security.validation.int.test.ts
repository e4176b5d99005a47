// Bad input on every write endpoint: for each state-changing route of the authorization matrix,
// one field of its JSON body (a required one where the schema has any) is sent with the wrong
// type by an actor allowed to call the route; the answer must be a 4xx naming that field, and
// no table may change. The field and its wrong value come from the route's own zod schema as
// published in /api/openapi.json, so a route added later is covered without a new row here. A
// write route that takes no JSON body goes in EXEMPT with the reason; a route neither tested
// nor exempted fails the test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { ACTORS, type ActorName, buildWorld, RULES, type Rule, type World } from '../support/authz.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { rawRequest, tableContents } from '../support/security.ts';

/** Write routes with no JSON field to get wrong, and why. */
const EXEMPT: Record<string, string> = {
  'POST /api/auth/logout': 'body-less: ends the caller’s session',
  'POST /api/auth/totp/enrol': 'body-less: starts the caller’s two-step sign-in enrolment',
  'DELETE /api/instruments/:id/maintenance/:windowId':
    'body-less: removes the maintenance window named in the path (both ids checked as uuids)',
  'POST /api/auth/sessions/:id/end': 'body-less: ends one of the caller’s sessions, named in the path',
  'POST /api/auth/sessions/end-others': 'body-less: ends the caller’s other sessions',
  'POST /api/people/:id/end-sessions': 'body-less: the admin ends a person’s sessions',
  'POST /api/people/:id/:action':
    'body-less action named in the path (enable/disable), checked as a path enum',
  'POST /api/challenges/:id/attachments': 'raw upload (application/pdf bytes, name in the query string)',
  'POST /api/task-books/:id/attachments': 'raw upload (application/pdf bytes, name in the query string)',
  'POST /api/reports/:id/attachments': 'raw upload (application/pdf bytes, name in the query string)',
  'POST /api/insight/indicators/import':
    'raw upload (CSV/XLSX bytes); bad rows answer 422 with the per-row report',
  'POST /api/commissioners/import':
    'raw upload (CSV/XLSX bytes); bad rows answer 422 with the per-row report',
  'POST /api/commissioner-visits/:id/photos': 'raw upload (PNG/JPEG bytes, name in the query string)',
  'POST /api/commissioner-demands/:id/resolve': 'body-less state transition',
  'POST /api/commissioner-demands/:id/withdraw': 'body-less state transition',
  'POST /api/commissioner-dispatches/:id/accept': 'body-less: the commissioner accepts their own dispatch',
  'POST /api/experts/import':
    'raw upload (CSV/XLSX bytes); bad rows answer 422 {code, message, field, errors[]} (tested below)',
  'POST /api/challenges/:id/actions/:action': 'body-less state transition named in the path',
  'POST /api/bids/:id/confirm': 'body-less: the caller confirms their own membership',
  'POST /api/transfer/achievements/:id/actions/:action': 'body-less state transition named in the path',
  'POST /api/transfer/demands/:id/close': 'body-less: the enterprise closes its demand',
  'POST /api/transfer/deals/:id/accept': 'body-less: the caller accepts the other side’s terms',
  'POST /api/transfer/deals/:id/sign': 'body-less: the caller signs for their side',
  'POST /api/bids/:id/actions/:action': 'body-less state transition named in the path',
  'POST /api/task-books/:id/sign': 'body-less: the caller signs as who they are',
  'POST /api/notifications/:id/read': 'body-less: marks the caller’s own notification read',
  'POST /api/notifications/unsubscribe': 'body-less RFC 8058 one-click request; the token is in the query',
  'POST /api/admin/jobs/:queue/:id/retry': 'body-less: retries the failed job named in the path',
  'POST /api/task-books/:id/actions/:action': 'body-less state transition named in the path',
  'POST /api/races/:id/start': 'body-less state transition',
  'POST /api/races/:id/stages/:no/gate': 'body-less: closes the stage named in the path',
  'POST /api/races/:id/gates/:gateId/finalize': 'body-less: finalizes the gate named in the path',
  'POST /api/funding/awards/:id/tranches/:no/release': 'body-less: releases the tranche named in the path',
  'POST /api/funding/awards/:id/close': 'body-less state transition',
  'POST /api/review-rounds/:roundId/open-reviews': 'body-less state transition',
  'POST /api/review-rounds/:roundId/assignment-runs': 'body-less: starts a run',
  'POST /api/review-rounds/:roundId/reminders': 'body-less: sends reminders',
  'POST /api/review-rounds/:roundId/open-consensus': 'body-less state transition',
  'POST /api/review-rounds/:roundId/close': 'body-less state transition',
  'POST /api/review-rounds/:roundId/ranking': 'body-less: computes the ranking',
  'POST /api/review-rounds/:roundId/items/:bidId/consensus/accept': 'body-less state transition',
};

/** A valid body where the matrix's own is deliberately invalid (so each field is wrong alone). */
const VALID_BODY: Record<string, Record<string, unknown>> = {
  'POST /api/auth/register': {
    email: 'validation@example.cn',
    password: 'correct horse battery',
    nameZh: '校验用户',
  },
};

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
};

/** The JSON types a schema admits (empty: anything). */
function typesOf(s: Schema): Set<string> {
  const out = new Set<string>();
  const variants = [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])];
  for (const v of variants) for (const t of typesOf(v)) out.add(t);
  if (variants.length && out.size === 0) return out;
  const own = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type];
  for (const t of own) out.add(t === 'integer' ? 'number' : t);
  if (s.enum) for (const e of s.enum) out.add(e === null ? 'null' : Array.isArray(e) ? 'array' : typeof e);
  if (s.const !== undefined) out.add(typeof s.const);
  return out;
}

const CANDIDATES: [string, unknown][] = [
  ['number', 12345],
  ['boolean', true],
  ['string', 'not-this-type'],
  ['array', ['x']],
  ['object', { wrong: 1 }],
];

/** A value of a JSON type the schema does not admit, or undefined when it admits every type. */
function wrongValue(s: Schema): unknown {
  const ok = typesOf(s);
  if (ok.size === 0) return undefined;
  return CANDIDATES.find(([t]) => !ok.has(t))?.[1];
}

/** The body's fields: required ones first (from the object or the first variant of a union). */
function fieldsOf(s: Schema): { name: string; schema: Schema }[] {
  const obj = s.properties ? s : (s.oneOf ?? s.anyOf ?? []).find((v) => v.properties);
  if (!obj?.properties) return [];
  const req = obj.required ?? [];
  const names = [...req, ...Object.keys(obj.properties).filter((k) => !req.includes(k))];
  return names.map((name) => ({ name, schema: obj.properties![name] }));
}

/** '/api/x/{id}' (OpenAPI) → '/api/x/:id' (fastify). */
const fastifyPath = (p: string) => p.replace(/\{([^}]+)\}/g, ':$1');

function actorFor(rule: Rule): ActorName {
  if (rule.proof) return rule.proof;
  if (rule.allow === 'public') return 'anonymous';
  if (rule.allow === 'signedIn') return 'outsider';
  // Nobody may act in the matrix's world (e.g. no committee to vote in): validation comes before
  // the object is looked up, so the platform admin stands in.
  return rule.allow[0] ?? 'admin';
}

let sent = 0;
/** rawRequest from an address of its own: a rate limit (register: 20 a minute) must not answer first. */
function send(c: TestClient, method: string, url: string, payload: string, headers: Record<string, string>) {
  sent++;
  return c.app.inject({
    method: method as 'POST',
    url,
    remoteAddress: `10.77.${sent >> 8}.${sent & 255}`,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': c.csrf,
      'content-type': 'application/json',
      ...headers,
    },
    payload,
  });
}

for (const kind of backends()) {
  describe(`bad input on every write endpoint (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let w: World;
    let bodies: Map<string, Schema | null>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      w = await buildWorld(t);
      await w.clients.anonymous.session();
      const doc = (await w.clients.anonymous.get('/api/openapi.json')).body as {
        paths: Record<
          string,
          Record<string, { requestBody?: { content?: Record<string, { schema: Schema }> } }>
        >;
      };
      bodies = new Map();
      for (const [path, ops] of Object.entries(doc.paths))
        for (const [method, op] of Object.entries(ops))
          bodies.set(
            `${method.toUpperCase()} ${fastifyPath(path)}`,
            op.requestBody?.content?.['application/json']?.schema ?? null,
          );
    });
    after(() => t.close());

    test('every write route is tested with a wrong-typed field or exempted with a reason', async () => {
      const writes = [...new Set(RULES.map((r) => r.route).filter((r) => !r.startsWith('GET ')))];
      assert.ok(writes.length > 60, `only ${writes.length} write routes in the matrix`);
      const problems: string[] = [];
      const tested: string[] = [];
      for (const route of writes) {
        const schema = bodies.get(route);
        const fields = schema ? fieldsOf(schema).filter((f) => wrongValue(f.schema) !== undefined) : [];
        if (route in EXEMPT) {
          if (fields.length && fields.some((f) => schema?.required?.includes(f.name)))
            problems.push(`${route} is exempt but has required JSON fields: test it instead`);
          continue;
        }
        if (!fields.length) {
          problems.push(`${route}: no JSON field to test; add it to EXEMPT with the reason`);
          continue;
        }
        const rule = RULES.find((r) => r.route === route)!;
        const actor = actorFor(rule);
        const { url, body, headers } = rule.request(w);
        const base = (VALID_BODY[route] ??
          (body && typeof body === 'object' && !Buffer.isBuffer(body) ? body : {})) as Record<
          string,
          unknown
        >;
        // Every top-level field in turn, the required ones first; when the matrix's body lacks a
        // required field (a calculator posted {}), the first one only: the answer names the first problem.
        const complete = (schema?.required ?? []).every((k) => k in base);
        for (const field of complete ? fields : fields.slice(0, 1)) {
          const bad = { ...base, [field.name]: wrongValue(field.schema) };
          const method = route.split(' ')[0];
          const before = await tableContents(t.database);
          const r = await send(w.clients[actor], method, url, JSON.stringify(bad), {
            ...headers,
            // A fresh key, so a replay of an earlier stored answer cannot stand in for validation.
            ...(headers?.['idempotency-key']
              ? { 'idempotency-key': `validation-${tested.length}-${field.name}` }
              : {}),
          });
          const afterCounts = await tableContents(t.database);
          tested.push(`${route} ${field.name}`);
          const json = String(r.headers['content-type'] ?? '').includes('json') ? r.json() : {};
          const said = `${r.statusCode} ${r.body.slice(0, 200)}`;
          if (r.statusCode < 400 || r.statusCode > 499)
            problems.push(`${route} as ${actor} with ${field.name} wrong: ${said}`);
          else if (json.field !== field.name && !String(json.field ?? '').startsWith(`${field.name}.`))
            problems.push(
              `${route} as ${actor}: field ${JSON.stringify(json.field)}, not ${field.name}: ${said}`,
            );
          else if (json.code !== 'VALIDATION' || typeof json.message !== 'string' || !json.message)
            problems.push(`${route}: not a {code: VALIDATION, message} body: ${said}`);
          const changed = Object.keys(afterCounts).filter((k) => afterCounts[k] !== before[k]);
          if (changed.length) problems.push(`${route}: the refused request changed ${changed.join(', ')}`);
        }
      }
      const stale = Object.keys(EXEMPT).filter((r) => !writes.includes(r));
      if (stale.length) problems.push(`EXEMPT rows for routes the matrix no longer has: ${stale.join(', ')}`);
      assert.deepEqual(problems, []);
      assert.ok(
        new Set(tested.map((x) => x.split(' ').slice(0, 2).join(' '))).size >= 50,
        'under 50 routes tested',
      );
      // Every actor the proofs use is one of the matrix's actors (a typo would test nobody).
      for (const r of RULES) if (r.proof) assert.ok(ACTORS.includes(r.proof));
    });

    test('an expert file with a bad row is refused whole: 422 {code, message, field, errors[]}', async () => {
      const header = w.expertCsv.split('\n')[0];
      const csv = `${header}\nnot-an-email,坏专家,,${w.cast.university.uscc},E0207,石英,quartz,5,,,,,\n`;
      const before = await tableContents(t.database);
      const r = await rawRequest(w.clients.organizer, 'POST', '/api/experts/import', csv, {
        'content-type': 'text/csv',
      });
      assert.equal(r.statusCode, 422, r.body);
      const body = r.json();
      assert.equal(body.code, 'VALIDATION');
      assert.equal(body.field, 'email');
      assert.equal(body.key, 'import.refused');
      assert.equal(body.params.row, 2);
      assert.match(body.message, /^第 2 行，email：/);
      assert.equal(body.ok, false);
      assert.deepEqual(
        body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [[2, 'email']],
      );
      assert.deepEqual(await tableContents(t.database), before);
    });
  });
}

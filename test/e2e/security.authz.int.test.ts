// The authorization matrix through HTTP on real objects: every registered API route is
// classified (test/support/authz.ts); every actor outside a route's allowed set gets 401/403/404
// and writes nothing; the allowed proof actor gets a 2xx with the very same request; and no
// 2xx answer carries secrets, session data or other people's email addresses.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../support/app.ts';
import {
  ACTORS,
  type ActorName,
  APPLICANTS,
  buildWorld,
  RULES,
  type Rule,
  type World,
} from '../support/authz.ts';
import { backends } from '../support/db.ts';
import { rawRequest, tableContents } from '../support/security.ts';

/** 'METHOD /api/…' for every API route, read from fastify's own route tree (HEAD implied by GET). */
function registeredRoutes(app: FastifyInstance): string[] {
  const stack: string[] = [];
  const out = new Set<string>();
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^(.*?)(?:└── |├── )(.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = Math.round([...m[1]].length / 4);
    stack.length = depth;
    const path = (stack[depth - 1] ?? '') + m[2];
    stack[depth] = path;
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) {
      if (method === 'HEAD' || !path.startsWith('/api/') || path.startsWith('/api/docs')) continue;
      out.add(`${method} ${path}`);
    }
  }
  return [...out].sort();
}

const DENIED = new Set([401, 403, 404]);

/**
 * Write proofs that succeed without a new audit entry, and why. Every other successful write must
 * advance the audit head: a state change without its audit entry fails the matrix.
 */
const NO_AUDIT_ENTRY: Record<string, string> = {
  'POST /api/funding/awards/:id/tranches/:no/release':
    'an idempotent replay of the world’s own release: the stored answer, nothing written',
  'POST /api/auth/password-reset':
    'an address with no account: the same answer as for one, and nothing written',
};
const auditHead = async (t: Awaited<ReturnType<typeof buildTestApp>>) =>
  Number((await t.database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
const SECRET_KEYS =
  /"(password|password_?hash|session_?id|session_?token|token_?hash|request_?digest|idempotency_?key|cookie_?secret)"\s*:/i;

function allowedActors(rule: Rule): Set<ActorName> {
  if (rule.allow === 'public') return new Set(ACTORS);
  if (rule.allow === 'signedIn') return new Set(ACTORS.filter((a) => a !== 'anonymous'));
  return new Set(rule.allow);
}

async function send(w: World, actor: ActorName, rule: Rule) {
  const method = rule.route.split(' ')[0];
  const { url, body, headers } = rule.request(w);
  const c = w.clients[actor];
  if (Buffer.isBuffer(body)) {
    const r = await rawRequest(c, method, url, body, { 'content-type': 'application/pdf', ...headers });
    const json = String(r.headers['content-type'] ?? '').includes('json') ? r.json() : r.body;
    return { status: r.statusCode, body: json, text: r.body };
  }
  const r = await c.request(method, url, method === 'GET' ? undefined : (body ?? {}), { headers });
  return {
    status: r.status,
    body: r.body,
    text: typeof r.body === 'string' ? r.body : JSON.stringify(r.body),
  };
}

for (const kind of backends()) {
  describe(`authorization matrix (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let w: World;
    before(async () => {
      // The world moves the clock weeks ahead; sessions must outlive it.
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      w = await buildWorld(t);
      await w.clients.anonymous.session(); // a CSRF token, so refusals are about rights, not CSRF
    });
    after(() => t.close());

    test('every API route is classified in the matrix', () => {
      const routes = registeredRoutes(t.app);
      assert.ok(routes.length > 50, `found only ${routes.length} routes: the route-tree parser is broken`);
      const classified = new Set(RULES.map((r) => r.route));
      const missing = routes.filter((r) => !classified.has(r));
      assert.deepEqual(
        missing,
        [],
        `unclassified routes: add a row to RULES in test/support/authz.ts saying who may use each:\n  ${missing.join('\n  ')}`,
      );
      const stale = [...classified].filter((r) => !routes.includes(r));
      assert.deepEqual(stale, [], 'rows for routes the server no longer registers');
    });

    test('zero unauthorised 2xx: every actor outside the allowed set is refused and writes nothing', async () => {
      const problems: string[] = [];
      const before = await tableContents(t.database);
      for (const rule of RULES) {
        const allowed = allowedActors(rule);
        const denied = ACTORS.filter((a) => !allowed.has(a));
        if (!denied.length) continue;
        for (const actor of denied) {
          const r = await send(w, actor, rule);
          if (!DENIED.has(r.status) && !(rule.stateFirst && r.status === 409))
            problems.push(`${rule.route} as ${actor}: ${r.status} ${r.text.slice(0, 160)}`);
          else if (rule.notFound?.includes(actor) && r.status !== 404)
            problems.push(
              `${rule.route} as ${actor}: ${r.status}, not 404 (the object must not exist for them)`,
            );
        }
      }
      const afterCounts = await tableContents(t.database);
      const changed = Object.keys(afterCounts).filter((k) => afterCounts[k] !== before[k]);
      if (changed.length) problems.push(`refused requests changed ${changed.join(', ')}`);
      assert.deepEqual(problems, []);
    });

    test('the allowed actor succeeds with the same request, and allowed readers all get 200', async () => {
      const problems: string[] = [];
      for (const rule of RULES) {
        const method = rule.route.split(' ')[0];
        const readers =
          method === 'GET' && rule.allow !== 'public' && rule.allow !== 'signedIn'
            ? [...allowedActors(rule)]
            : [];
        for (const actor of new Set([...readers, ...(rule.proof ? [rule.proof] : [])])) {
          const head = await auditHead(t);
          const r = await send(w, actor, rule);
          if (r.status < 200 || r.status >= 300)
            problems.push(`${rule.route} as ${actor}: ${r.status} ${r.text.slice(0, 160)}`);
          else if (method !== 'GET' && !(rule.route in NO_AUDIT_ENTRY) && (await auditHead(t)) <= head)
            problems.push(`${rule.route} as ${actor}: ${r.status} but no audit entry was written`);
        }
      }
      const proved = new Set(RULES.filter((r) => r.proof).map((r) => r.route));
      const stale = Object.keys(NO_AUDIT_ENTRY).filter((r) => !proved.has(r));
      if (stale.length) problems.push(`NO_AUDIT_ENTRY rows without a proof: ${stale.join(', ')}`);
      assert.deepEqual(problems, []);
    });

    test('scoped lists show an actor nothing that is not theirs', async () => {
      const problems: string[] = [];
      for (const rule of RULES.filter((r) => r.seesNothing)) {
        for (const actor of rule.seesNothing ?? []) {
          const r = await send(w, actor, rule);
          // A plain list, or a page of one ({items, total, …}).
          const list = Array.isArray(r.body) ? r.body : r.body?.items;
          const total = Array.isArray(r.body) ? 0 : r.body?.total;
          if (r.status !== 200 || !Array.isArray(list) || list.length !== 0 || total !== 0)
            problems.push(`${rule.route} as ${actor}: ${r.status} ${r.text.slice(0, 160)}`);
        }
      }
      assert.deepEqual(problems, []);
    });

    test('no answer carries secrets, session data, another person’s email or, to an applicant, a reviewer’s identity', async () => {
      const problems: string[] = [];
      for (const rule of RULES) {
        // The OpenAPI document describes request bodies (a "password" field), it holds no data.
        if (rule.route.split(' ')[0] !== 'GET' || rule.route === 'GET /api/openapi.json') continue;
        for (const actor of allowedActors(rule)) {
          const r = await send(w, actor, rule);
          if (r.status >= 300) continue;
          const text = r.text;
          if (SECRET_KEYS.test(text))
            problems.push(`${rule.route} as ${actor}: ${SECRET_KEYS.exec(text)?.[0]}`);
          if (text.includes(w.secret)) problems.push(`${rule.route} as ${actor}: the cookie secret`);
          if (actor === 'admin' || actor === 'officer') continue; // administrators see accounts
          const disclosed = new Set(rule.discloses?.(w) ?? []);
          for (const [other, email] of Object.entries(w.emails)) {
            if (other !== actor && email && !disclosed.has(email) && text.includes(email))
              problems.push(`${rule.route} as ${actor}: email of ${other}`);
          }
          // Blind review: applicants know their reviewers by pseudonym only.
          if (APPLICANTS.includes(actor))
            for (const { what, value } of w.reviewerIdentities)
              if (!disclosed.has(value) && text.includes(value))
                problems.push(`${rule.route} as ${actor}: reviewer ${what}`);
        }
      }
      assert.deepEqual(problems, []);
    });
  });
}

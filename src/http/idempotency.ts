// Idempotency-Key for creating requests. A route opts in with `config: { idempotent: true }`.
// With the header, the handler runs inside one transaction that first claims (actor, key) in
// idempotency_record, then does the write, then stores the response — all committed together,
// so a retry after a crash or a lost response finds either the stored response or nothing.
// The same key and request replay the stored response (header `idempotent-replayed: true`);
// the same key with another request is refused with IDEMPOTENCY_MISMATCH. Without the header
// the route behaves as before. Bids keep their own key on the bid row (bids.service.ts).
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import { type Kysely, sql } from 'kysely';
import type { Actor } from '../app/context.ts';
import { canonicalJson } from '../core/audit/chain.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { t } from '../i18n/messages.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Accept an Idempotency-Key header: same key and request → same response, one write. */
    idempotent?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The digest a key is bound to: method, route pattern, path parameters, query and body. */
export function requestDigest(req: FastifyRequest, route: string): string {
  const body = Buffer.isBuffer(req.body)
    ? { bytes: createHash('sha256').update(req.body).digest('hex') }
    : req.body;
  return createHash('sha256')
    .update(canonicalJson({ method: req.method, route, params: req.params, query: req.query, body }))
    .digest('hex');
}

interface Stored {
  request_digest: string;
  status_code: number | null;
  response: unknown;
}

async function findRecord(db: Kysely<DB>, actor: Actor, key: string): Promise<Stored | undefined> {
  return db
    .selectFrom('idempotency_record')
    .select(['request_digest', 'status_code', 'response'])
    .where('actor_id', '=', actor.personId)
    .where('key', '=', key)
    .executeTakeFirst();
}

function replay(reply: FastifyReply, stored: Stored, digest: string) {
  if (stored.request_digest !== digest) {
    throw new AppError('IDEMPOTENCY_MISMATCH', t('http.idempotencyKeyReused'), IDEMPOTENCY_HEADER);
  }
  return reply
    .status(stored.status_code ?? 200)
    .header('idempotent-replayed', 'true')
    .send(stored.response);
}

/**
 * A view of an open transaction that services can use as their `ctx.db`: their own
 * `db.transaction().execute(fn)` becomes a savepoint inside it, so what they roll back on error
 * is still only their part, and everything commits or none does with the outer transaction.
 */
export function nestedTransactions(tx: Kysely<DB>): Kysely<DB> {
  let n = 0;
  const view: Kysely<DB> = new Proxy(tx, {
    get(target, prop) {
      if (prop === 'transaction') {
        const builder = {
          setIsolationLevel: () => builder,
          setAccessMode: () => builder,
          execute: async <T>(fn: (t: Kysely<DB>) => Promise<T>): Promise<T> => {
            const name = sql.raw(`jb_nested_${++n}`);
            await sql`SAVEPOINT ${name}`.execute(target);
            try {
              const out = await fn(view);
              await sql`RELEASE SAVEPOINT ${name}`.execute(target);
              return out;
            } catch (err) {
              await sql`ROLLBACK TO SAVEPOINT ${name}`.execute(target);
              throw err;
            }
          },
        };
        return () => builder;
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return view;
}

/** Catches what a handler sends so it can be stored before the transaction commits. */
function capturingReply(reply: FastifyReply) {
  const out: { status: number; payload: unknown; sent: boolean } = {
    status: 200,
    payload: undefined,
    sent: false,
  };
  const proxy: FastifyReply = new Proxy(reply, {
    get(target, prop) {
      if (prop === 'status' || prop === 'code')
        return (code: number) => {
          out.status = code;
          return proxy;
        };
      if (prop === 'send')
        return (payload: unknown) => {
          out.payload = payload;
          out.sent = true;
          return proxy;
        };
      // A real reply is thenable (it resolves once sent); this one must not be, or returning it
      // from the handler would wait for a response that is only sent after the commit.
      if (prop === 'then') return undefined;
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return { proxy, out };
}

const isUniqueViolation = (err: unknown) => (err as { code?: string }).code === '23505';

function wrap(handler: RouteHandlerMethod, route: string, db: Kysely<DB>): RouteHandlerMethod {
  return async function idempotentHandler(this: FastifyInstance, req, reply) {
    const header = req.headers[IDEMPOTENCY_HEADER];
    if (header === undefined || !req.actor) return handler.call(this, req, reply);
    const key = Array.isArray(header) ? header[0] : header;
    if (typeof key !== 'string' || key.length < 8 || key.length > 100)
      throw new AppError('VALIDATION', t('http.idempotencyKeyRequired'), IDEMPOTENCY_HEADER);
    const actor = req.actor;
    const digest = requestDigest(req, route);
    const earlier = await findRecord(db, actor, key);
    if (earlier) return replay(reply, earlier, digest);
    let result: { status: number; payload: unknown };
    try {
      result = await db.transaction().execute(async (tx) => {
        // Claim first: a concurrent request with the same key waits here, then finds the record.
        await tx
          .insertInto('idempotency_record')
          .values({
            actor_id: actor.personId,
            key,
            method: req.method,
            route,
            request_digest: digest,
            created_at: req.ctx.now(),
          })
          .execute();
        const { proxy, out } = capturingReply(reply);
        const outerCtx = req.ctx;
        req.ctx = { ...outerCtx, db: nestedTransactions(tx) };
        let returned: unknown;
        try {
          returned = await handler.call(this, req, proxy);
        } finally {
          req.ctx = outerCtx;
        }
        const payload = out.sent || returned === proxy ? out.payload : returned;
        // Stored as the client will see it (dates as ISO strings), so a replay is byte-for-byte alike.
        const stored = payload === undefined ? null : JSON.parse(JSON.stringify(payload));
        await tx
          .updateTable('idempotency_record')
          .set({ status_code: out.status, response: JSON.stringify(stored) })
          .where('actor_id', '=', actor.personId)
          .where('key', '=', key)
          .execute();
        return { status: out.status, payload: stored };
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        const winner = await findRecord(db, actor, key);
        if (winner) return replay(reply, winner, digest);
      }
      throw err;
    }
    return reply.status(result.status).send(result.payload);
  };
}

/** Wrap every route registered after this call that opts in with `config.idempotent`. */
export function installIdempotency(app: FastifyInstance, db: Kysely<DB>) {
  app.addHook('onRoute', (route) => {
    const config = route.config as { idempotent?: boolean } | undefined;
    if (!config?.idempotent) return;
    route.handler = wrap(route.handler as RouteHandlerMethod, route.url, db);
  });
}

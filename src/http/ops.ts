// Operations signals: liveness (/healthz), readiness (/readyz), Prometheus metrics (/metrics) and
// the request id every answer and log line carries.
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import client from 'prom-client';
import type { Database } from '../db/db.ts';
import { migrationNames } from '../db/migrate.ts';
import { DEFAULT_LOCALE } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { errorBody } from './errors.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
/** An incoming id is kept when it is short and plain (no spaces, quotes or control characters). */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** The request's id: the caller's X-Request-Id when sane (a proxy's, to follow one request across), else a new UUID. */
export function requestId(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** What the process says about itself: set `draining` when shutdown begins. */
export interface OpsState {
  draining: boolean;
  registry: client.Registry;
}

declare module 'fastify' {
  interface FastifyInstance {
    ops: OpsState;
  }
}

const isLoopback = (addr: string | undefined) =>
  !!addr && (addr === '::1' || addr.startsWith('127.') || addr.startsWith('::ffff:127.'));

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * May this request read the metrics? With `Authorization: Bearer <METRICS_TOKEN>` from anywhere
 * (compared in constant time); without a token only from the machine itself — and a request a
 * proxy relayed (it carries forwarding headers) is not the machine itself.
 */
export function metricsAllowed(req: FastifyRequest, token: string | undefined): boolean {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth))
    return !!token && timingSafeEqual(digest(auth.slice(7).trim()), digest(token));
  if (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined) return false;
  return isLoopback(req.socket.remoteAddress);
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });

/** The error code of an error answer (`{code, …}`), read only for answers ≥ 400. */
function errorCode(payload: unknown): string {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return 'none';
  try {
    const code = (JSON.parse(payload) as { code?: unknown }).code;
    return typeof code === 'string' ? code : 'none';
  } catch {
    return 'none';
  }
}

/**
 * Adds the request-id header, the metrics collectors and the three operations routes. Call first,
 * before other hooks, so every answer (a shed or refused one too) carries its id and is counted.
 */
export function installOps(
  app: FastifyInstance,
  opts: { database: Database; metricsToken?: string },
): OpsState {
  const { database } = opts;
  const registry = new client.Registry();
  // Process figures: CPU, memory, handles, GC and the event loop's lag (nodejs_eventloop_lag_*).
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'http_request_duration_seconds',
    help: 'time to answer, by method and route pattern',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new client.Counter({
    name: 'http_errors_total',
    help: 'error answers by error code (src/errors.ts) and status',
    labelNames: ['code', 'status'] as const,
    registers: [registry],
  });
  const inFlight = new client.Gauge({
    name: 'http_requests_in_flight',
    help: 'requests received and not yet answered',
    registers: [registry],
  });
  new client.Gauge({
    name: 'db_pool_connections',
    help: 'database pool connections: total open, idle, clients waiting for one, and the maximum',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = database.pool as unknown as {
        totalCount: number;
        idleCount: number;
        waitingCount: number;
        options: { max?: number };
      };
      this.set({ state: 'total' }, pool.totalCount);
      this.set({ state: 'idle' }, pool.idleCount);
      this.set({ state: 'waiting' }, pool.waitingCount);
      this.set({ state: 'max' }, pool.options.max ?? 10);
    },
  });
  new client.Gauge({
    name: 'job_queue_depth',
    help: 'jobs waiting or running, by queue and state (created, retry, active)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const r = await withTimeout(
        sql<{ name: string; state: string; n: number }>`
          SELECT name, state::text AS state, count(*)::int AS n FROM pgboss.job
          WHERE state < 'completed' GROUP BY name, state`.execute(database.db),
        2000,
      ).catch(() => null);
      for (const row of r?.rows ?? []) this.set({ queue: row.name, state: row.state }, row.n);
    },
  });

  const state: OpsState = { draining: false, registry };
  app.decorate('ops', state);

  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    inFlight.inc();
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (reply.statusCode >= 400) errors.inc({ code: errorCode(payload), status: String(reply.statusCode) });
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    inFlight.dec();
    // The route's pattern (/api/bids/:id), never the raw URL: one series per route, not per object.
    const route = req.routeOptions.url ?? 'unmatched';
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  // Liveness: the process answers. Nothing else is checked, so a database outage never restarts it.
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  // Readiness: send traffic here? The database answers, its schema is this build's, not draining.
  const needed = migrationNames();
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const checks = { database: false, migrations: false, accepting: !state.draining };
    try {
      const r = await withTimeout(
        sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(database.db),
        2000,
      );
      checks.database = true;
      const applied = new Set(r.rows.map((x) => x.name));
      checks.migrations = needed.every((m) => applied.has(m));
    } catch {}
    const ready = checks.database && checks.migrations && checks.accepting;
    return reply.status(ready ? 200 : 503).send({ ready, checks });
  });
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!metricsAllowed(req, opts.metricsToken))
      return reply
        .status(403)
        .send(errorBody('FORBIDDEN', t('http.metricsForbidden'), req.ctx?.locale ?? DEFAULT_LOCALE));
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return state;
}

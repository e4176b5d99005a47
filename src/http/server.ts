// The HTTP server: API under /api (zod-validated, documented in OpenAPI 3.1) and the web UI.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyUnderPressure from '@fastify/under-pressure';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Actor, Ctx } from '../app/context.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/db.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_LOCALE, pickLocale } from '../i18n/locale.ts';
import { t } from '../i18n/messages.ts';
import { JobRunner } from '../jobs/queue.ts';
import { accountsRoutes } from '../modules/accounts/accounts.routes.ts';
import { csrfBinding, resolveSession } from '../modules/accounts/accounts.service.ts';
import { allowedBeforeEnrolment } from '../modules/accounts/totp.service.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { challengesRoutes } from '../modules/challenges/challenges.routes.ts';
import { commissionersRoutes } from '../modules/commissioners/commissioners.routes.ts';
import { ethicsRoutes } from '../modules/ethics/ethics.routes.ts';
import { evaluationRoutes } from '../modules/evaluation/evaluation.routes.ts';
import { reviewRoutes } from '../modules/evaluation/review.routes.ts';
import { fundingRoutes } from '../modules/funding/funding.routes.ts';
import { homeRoutes } from '../modules/home/home.routes.ts';
import { instrumentsRoutes } from '../modules/instruments/instruments.routes.ts';
import { integrityRoutes } from '../modules/integrity/integrity.routes.ts';
import { rescanRoutes } from '../modules/integrity/rescan.ts';
import { closeTransports } from '../modules/notifications/mail.ts';
import { notificationsRoutes } from '../modules/notifications/notifications.routes.ts';
import { setMailDomain, unsubscribeSecret } from '../modules/notifications/notifications.service.ts';
import { transferRoutes } from '../modules/transfer/transfer.routes.ts';
import '../modules/notifications/scans.ts';
import { insightRoutes } from '../modules/insight/insight.routes.ts';
import '../jobs/purge.ts';
import { policyRoutes } from '../modules/policy/policy.routes.ts';
import { raceRoutes } from '../modules/race/race.routes.ts';
import { errorBody, errorHandler, withErrorResponses } from './errors.ts';
import { installIdempotency } from './idempotency.ts';
import { installOps, requestId } from './ops.ts';
import { pgRateLimitStore } from './rate-limit-store.ts';
import {
  csrfCookieName,
  installInputHygiene,
  installSecurityHeaders,
  isApiUrl,
  normaliseUrl,
  sessionCookieName,
} from './security.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    ctx: Ctx;
  }
  interface FastifyInstance {
    /** The job queue's workers in this instance (absent with JOBS=off). */
    jobs: JobRunner | null;
  }
}

/** The session cookie's name on plain HTTP; over HTTPS it is `__Host-jb_session` (sessionCookieName). */
export const SESSION_COOKIE = 'jb_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface ServerOptions {
  database: Database;
  config: Config;
  /** Injected clock (tests move time forward); defaults to the system clock. */
  now?: () => Date;
  /** Log through pino at config.logLevel (off by default, e.g. in tests). */
  logger?: boolean;
  /** Run the job queue's workers in this instance (default: config.jobs). */
  jobs?: boolean;
  /** The built web app to serve (default: web/dist). */
  webRoot?: string;
}

/** The secret that signs cookies and CSRF tokens: made once, kept in the database. */
async function appSecret(database: Database): Promise<string> {
  await database.db
    .insertInto('app_setting')
    .values({ key: 'cookie_secret', value: randomBytes(32).toString('hex') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await database.db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', 'cookie_secret')
    .executeTakeFirstOrThrow();
  return row.value;
}

export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const { database, config } = opts;
  const now = opts.now ?? (() => new Date());
  const secret = await appSecret(database);
  const sessionPolicy = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  // cookieSecure means served over HTTPS: __Host- cookie names and HSTS follow from it.
  const sessionCookie = sessionCookieName(config.cookieSecure);

  const app = Fastify({
    logger: opts.logger ? { level: config.logLevel } : false,
    bodyLimit: 2 * 1024 * 1024,
    // Routing and every hook see one path: a percent-encoded `/api/…` is `/api/…`.
    rewriteUrl: (req) => normaliseUrl(req.url ?? '/'),
    // Every answer and every log line of a request carry its id (X-Request-Id, kept when sane).
    genReqId: requestId,
  }).withTypeProvider<ZodTypeProvider>();
  // First, so every answer (a shed or refused one too) carries its id and is counted.
  installOps(app, { database, metricsToken: config.metricsToken });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  await app.register(fastifyCookie, { secret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: csrfCookieName(config.cookieSecure),
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: config.cookieSecure },
    csrfOpts: { hmacKey: secret },
    // Tokens are bound to the live session (resolved before this check): a token from before login or
    // from another session fails; a dead session's cookie counts as none, so login still works.
    getUserInfo: (req) => csrfBinding(req.actor),
  });
  // Counters in PostgreSQL: every instance behind the load balancer counts against one limit.
  await app.register(fastifyRateLimit, { global: false, store: pgRateLimitStore(database.db) });
  // Load shedding: when the event loop lags, answer 503 with Retry-After at once instead of queueing
  // work nobody will wait for (clients retry creations with the same Idempotency-Key).
  if (config.maxEventLoopDelayMs > 0)
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: config.maxEventLoopDelayMs,
      // The mean lag over each interval is compared (10 ms resolution, so at least 100 ms of samples).
      sampleInterval: Math.min(1000, Math.max(100, Math.round(config.maxEventLoopDelayMs / 2))),
      pressureHandler: (req, reply) => {
        reply
          .status(503)
          .header('retry-after', '5')
          .send(
            errorBody('OVERLOADED', t('http.overloaded'), pickLocale(null, req.headers['accept-language'])),
          );
      },
    });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Jiebang API',
        version: '0.1.0',
        description: 'Open-competition S&T programmes (揭榜挂帅)',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookie },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    // Every operation documents the common 4xx body (ErrorBody) unless it names its own.
    transform: (args) => jsonSchemaTransform({ ...args, schema: withErrorResponses(args.schema) }),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { db: database.db, actor: null, now, ip: req.ip, userAgent: req.headers['user-agent'] };
    if (!isApiUrl(req.url)) return;
    const cookie = req.cookies[sessionCookie];
    const state = await resolveSession(database.db, cookie, now(), sessionPolicy);
    // A cookie of an ended session (logged out, idle, expired, revoked elsewhere) is cleared.
    if (cookie && !state.actor) {
      reply.clearCookie(sessionCookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
      });
    }
    req.actor = state.actor;
    req.ctx.actor = state.actor;
    req.ctx.locale = pickLocale(state.actor?.locale, req.headers['accept-language']);
    // A role of theirs requires two-step sign-in: until they enrol, only their own account's routes.
    if (state.actor?.mustEnrolTotp && !allowedBeforeEnrolment(req.url))
      throw new AppError('TOTP_ENROLMENT_REQUIRED', t('auth.totp.enrolFirst'));
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (SAFE_METHODS.has(req.method) || !isApiUrl(req.url)) return done();
    // One-click unsubscribe (RFC 8058) is authorised by its signed token, never by a session.
    if (req.url.startsWith('/api/notifications/unsubscribe?')) return done();
    app.csrfProtection(req, reply, done);
  });

  installIdempotency(app, database.db);
  installSecurityHeaders(app, { https: config.cookieSecure });
  installInputHygiene(app);
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true, db: database.kind }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(accountsRoutes, {
    prefix: '/api',
    sessionPolicy,
    cookieSecure: config.cookieSecure,
    loginRateMax: config.loginRateMax,
    publicUrl: config.publicUrl,
  });
  await app.register(auditRoutes, { prefix: '/api' });
  await app.register(challengesRoutes, { prefix: '/api' });
  await app.register(integrityRoutes, { prefix: '/api' });
  await app.register(rescanRoutes, { prefix: '/api' });
  await app.register(ethicsRoutes, { prefix: '/api' });
  await app.register(transferRoutes, { prefix: '/api' });
  await app.register(policyRoutes, { prefix: '/api' });
  await app.register(raceRoutes, { prefix: '/api' });
  await app.register(fundingRoutes, { prefix: '/api' });
  await app.register(instrumentsRoutes, { prefix: '/api' });
  await app.register(evaluationRoutes, { prefix: '/api' });
  await app.register(reviewRoutes, { prefix: '/api' });
  await app.register(commissionersRoutes, { prefix: '/api' });
  await app.register(insightRoutes, { prefix: '/api' });
  await app.register(homeRoutes, { prefix: '/api' });
  setMailDomain(config.mailFrom);
  await app.register(notificationsRoutes, {
    prefix: '/api',
    unsubscribeSecret: await unsubscribeSecret(database.db),
  });

  // The job queue: this instance works every queue and runs the schedules (pg-boss lets one
  // instance enqueue each cron tick). Stopped, waiting for running jobs, when the server closes.
  const runner = (opts.jobs ?? config.jobs) ? new JobRunner(database, { config, now }) : null;
  app.decorate('jobs', runner);
  if (runner) await runner.start();
  app.addHook('onClose', async () => {
    await runner?.stop();
    closeTransports();
  });

  const webDist = opts.webRoot ?? fileURLToPath(new URL('../../web/dist', import.meta.url));
  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((req, reply) => {
    // The app answers page addresses; a missing file (a script, a style, an image) is a 404.
    if (
      req.method === 'GET' &&
      !isApiUrl(req.url) &&
      !isFileUrl(req.url) &&
      existsSync(`${webDist}/index.html`)
    ) {
      return reply.type('text/html').sendFile('index.html');
    }
    const msg = t('http.noRoute', { method: req.method, path: req.url.split('?')[0] });
    return reply.status(404).send(errorBody('NOT_FOUND', msg, req.ctx?.locale ?? DEFAULT_LOCALE));
  });
  return app;
}

/** A path for a file rather than a page: under /assets/, or its last segment has an extension. */
function isFileUrl(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  return path.startsWith('/assets/') || /\.[A-Za-z0-9]{1,10}$/.test(path.slice(path.lastIndexOf('/') + 1));
}

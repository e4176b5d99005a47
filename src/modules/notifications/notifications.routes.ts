// HTTP adapter: the inbox (list, unread count, mark read), preferences, one-click unsubscribe
// (signed token, no session), and the admin's outbox and job queues.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { pageOf, pageQuery } from '../../http/paging.ts';
import { render, t } from '../../i18n/messages.ts';
import { failedJobs, retryJob } from '../../jobs/admin.ts';
import { KIND_NAMES } from './notifications.kinds.ts';
import * as svc from './notifications.service.ts';

const tags = ['notifications'];
const IdParam = z.object({ id: z.uuid() });
const Notification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  href: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
});
const Preference = z.object({
  kind: z.enum(KIND_NAMES),
  required: z.boolean(),
  enabled: z.boolean(),
  mode: z.enum(['immediate', 'digest']),
});
const OutboxItem = z.object({
  id: z.string(),
  to: z.string(),
  recipient: z.string(),
  subject: z.string(),
  state: z.string(),
  locale: z.string(),
  attempts: z.number(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  error: z.string(),
});
const QueueSummary = z.object({
  name: z.string(),
  title: z.string(),
  created: z.number(),
  retry: z.number(),
  active: z.number(),
  completed: z.number(),
  failed: z.number(),
  cancelled: z.number(),
});
const FailedJob = z.object({
  id: z.string(),
  queue: z.string(),
  title: z.string(),
  retryCount: z.number(),
  error: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});

const unsubscribePage = (title: string, lang: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head><body><p>${title}</p></body></html>`;

export const notificationsRoutes: FastifyPluginAsyncZod<{ unsubscribeSecret: string }> = async (
  app,
  opts,
) => {
  const requireSignedIn = (actor: unknown) => {
    if (!actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  };

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: "The signed-in person's notifications, newest first; filter by kind or unread",
        querystring: pageQuery(['createdAt']).extend({
          kind: z.enum(KIND_NAMES).optional(),
          unread: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
        response: { 200: pageOf(Notification) },
      },
    },
    async (req) => {
      requireSignedIn(req.actor);
      return svc.listInbox(req.ctx, req.query);
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags,
        summary: 'How many notifications the signed-in person has not read (0 when signed out)',
        response: { 200: z.object({ count: z.number().int().min(0) }) },
      },
    },
    async (req) => ({ count: await svc.unreadCount(req.ctx) }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one notification read',
        params: IdParam,
        response: { 200: z.object({ read: z.literal(true) }) },
      },
    },
    async (req) => svc.markRead(req.ctx, req.params.id),
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark every unread notification read (of one kind, if given)',
        body: z.strictObject({ kind: z.enum(KIND_NAMES).optional() }).optional(),
        response: { 200: z.object({ count: z.number() }) },
      },
    },
    async (req) => svc.markAllRead(req.ctx, req.body?.kind),
  );

  app.get(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'E-mail preferences per kind (required deadline notices cannot be switched off)',
        response: { 200: z.array(Preference) },
      },
    },
    async (req) => svc.getPreferences(req.ctx),
  );

  app.put(
    '/notifications/preferences',
    {
      schema: {
        tags,
        summary: 'Set e-mail preferences: per kind on/off, immediate or a daily digest',
        body: z.strictObject({
          items: z
            .array(
              z.strictObject({
                kind: z.string().max(60),
                enabled: z.boolean(),
                mode: z.enum(['immediate', 'digest']),
              }),
            )
            .min(1)
            .max(100),
        }),
        response: { 200: z.array(Preference) },
      },
    },
    async (req) => svc.setPreferences(req.ctx, req.body.items),
  );

  // One-click unsubscribe (RFC 8058): the token is the authority, not a session. GET shows the
  // result page (a click in the mail), POST is the mail client's one-click request.
  const unsubscribe = async (
    token: string,
    locale: 'zh-CN' | 'en',
    now: Date,
    db: Parameters<typeof svc.unsubscribe>[0],
  ) => {
    const r = await svc.unsubscribe(db, opts.unsubscribeSecret, token, now);
    return {
      ok: r.ok,
      message: render(t(r.ok ? 'notify.unsubscribed' : 'notify.unsubscribeInvalid'), locale),
    };
  };
  app.get(
    '/notifications/unsubscribe',
    {
      schema: {
        tags,
        summary: 'One-click unsubscribe from one kind of e-mail, by the signed token in the mail',
        querystring: z.object({ token: z.string().min(1).max(300) }),
      },
    },
    async (req, reply) => {
      const locale = req.ctx.locale ?? 'zh-CN';
      const r = await unsubscribe(req.query.token, locale, req.ctx.now(), req.ctx.db);
      return reply
        .status(r.ok ? 200 : 400)
        .type('text/html; charset=utf-8')
        .send(unsubscribePage(r.message, locale));
    },
  );
  app.post(
    '/notifications/unsubscribe',
    {
      schema: {
        tags,
        summary: 'RFC 8058 one-click unsubscribe (mail clients POST List-Unsubscribe=One-Click)',
        querystring: z.object({ token: z.string().min(1).max(300) }),
        response: { 200: z.object({ ok: z.boolean(), message: z.string() }) },
      },
    },
    async (req, reply) => {
      const r = await unsubscribe(req.query.token, req.ctx.locale ?? 'zh-CN', req.ctx.now(), req.ctx.db);
      if (!r.ok) throw new AppError('VALIDATION', t('notify.unsubscribeInvalid'), 'token');
      return reply.send(r);
    },
  );

  // ——— Admin: the outbox and the job queues ———
  app.get(
    '/admin/outbox',
    {
      schema: {
        tags,
        summary: 'Mail kept or sent (platform admin): with no SMTP server configured, the outbox',
        querystring: pageQuery(['createdAt']).extend({
          state: z.enum(['queued', 'sending', 'sent', 'outbox', 'failed']).optional(),
        }),
        response: { 200: pageOf(OutboxItem) },
      },
    },
    async (req) => svc.listOutbox(req.ctx, req.query),
  );
  app.get(
    '/admin/outbox/:id',
    {
      schema: {
        tags,
        summary: 'One mail with its text and HTML (platform admin)',
        params: IdParam,
        response: {
          200: z.object({
            id: z.string(),
            to: z.string(),
            subject: z.string(),
            state: z.string(),
            locale: z.string(),
            messageId: z.string(),
            text: z.string(),
            html: z.string(),
            createdAt: z.string(),
            sentAt: z.string().nullable(),
            error: z.string(),
          }),
        },
      },
    },
    async (req) => svc.getOutboxMessage(req.ctx, req.params.id),
  );
  app.get(
    '/admin/jobs',
    {
      schema: {
        tags,
        summary: 'Job queues with their jobs counted by state, and the latest failed jobs (platform admin)',
        response: { 200: z.object({ queues: z.array(QueueSummary), failed: z.array(FailedJob) }) },
      },
    },
    async (req) => {
      svc.requireAdmin(req.actor);
      return failedJobs(req.ctx.db, req.ctx.locale ?? 'zh-CN');
    },
  );
  app.post(
    '/admin/jobs/:queue/:id/retry',
    {
      schema: {
        tags,
        summary: 'Retry a failed job (platform admin)',
        params: z.object({ queue: z.string().min(1).max(100), id: z.uuid() }),
        response: { 200: z.object({ retried: z.literal(true) }) },
      },
    },
    async (req) => retryJob(req.ctx, req.params.queue, req.params.id),
  );
};

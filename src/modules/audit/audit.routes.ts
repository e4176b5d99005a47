// HTTP adapter for the audit trail viewer and verification.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, forbidden } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { can } from '../accounts/accounts.policy.ts';
import { logSensitiveRead } from '../integrity/integrity.service.ts';
import { listEntries } from './audit.repo.ts';
import { verifyAudit } from './audit.service.ts';

const Entry = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  beforeDigest: z.string().nullable(),
  afterDigest: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', async (req) => {
    if (!req.url.startsWith('/api/audit')) return;
    if (!req.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
    if (!can(req.actor, 'audit.read', { type: 'audit' })) throw forbidden(t('audit.onlyOfficers'));
  });

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first; by object, and by actor id or actor name / email',
        querystring: z.object({
          objectType: z.string().max(60).optional(),
          objectId: z.string().max(100).optional(),
          actorId: z.uuid().optional(),
          actor: z.string().trim().min(1).max(200).optional(),
          beforeSeq: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.array(Entry) },
      },
    },
    async (req) => {
      const rows = await listEntries(req.ctx.db, req.query);
      await logSensitiveRead(req.ctx, req.actor!, {
        action: 'audit.read',
        objectType: 'audit',
        objectId: 'entries',
        detail: { query: req.query, count: rows.length },
      });
      return rows.map((e) => ({ ...e, at: e.at.toISOString() }));
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the whole hash chain; reports the first broken link',
        response: {
          200: z.object({
            ok: z.boolean(),
            entries: z.number(),
            firstBreak: z.object({ seq: z.number(), kind: z.string() }).loose().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const report = await verifyAudit(req.ctx.db);
      await logSensitiveRead(req.ctx, req.actor!, {
        action: 'audit.verify',
        objectType: 'audit',
        objectId: 'chain',
        detail: { ok: report.ok, entries: report.entries },
      });
      return report;
    },
  );
};

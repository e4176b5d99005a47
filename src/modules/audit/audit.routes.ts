// HTTP adapter for the audit trail viewer and verification.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, forbidden } from '../../errors.ts';
import { NameRef, nameRef } from '../../http/names.ts';
import { pageOf, pageQuery } from '../../http/paging.ts';
import { t } from '../../i18n/messages.ts';
import { can } from '../accounts/accounts.policy.ts';
import { logSensitiveRead } from '../integrity/integrity.service.ts';
import { listEntries, objectNames } from './audit.repo.ts';
import { verifyAudit } from './audit.service.ts';

const Entry = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** Who acted, by name; null for the system. */
  actor: NameRef.nullable(),
  /** A code such as `bid.sign_pledge_host`; the web labels it in the reader's language. */
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  /** What was acted on, by name (a challenge-bound object by its challenge's title); null when it has none. */
  objectName: z.object({ zh: z.string(), en: z.string() }).nullable(),
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
        summary:
          'Audit entries, a page at a time, newest first; by object, action, and by actor id or actor name / email',
        querystring: pageQuery(['seq']).extend({
          pageSize: z.coerce.number().int().min(1).max(500).default(50),
          objectType: z.string().max(60).optional(),
          objectId: z.string().max(100).optional(),
          actorId: z.uuid().optional(),
          actor: z.string().trim().min(1).max(200).optional(),
          action: z.string().max(100).optional(),
        }),
        response: { 200: pageOf(Entry) },
      },
    },
    async (req) => {
      const { total, rows } = await listEntries(req.ctx.db, req.query);
      await logSensitiveRead(req.ctx, req.actor!, {
        action: 'audit.read',
        objectType: 'audit',
        objectId: 'entries',
        detail: { query: req.query, count: rows.length },
      });
      const names = await objectNames(
        req.ctx.db,
        rows.map((e) => ({ type: e.objectType, id: e.objectId })),
      );
      return {
        items: rows.map(({ actorZh, actorEn, prevHash: _p, ...e }) => ({
          ...e,
          at: e.at.toISOString(),
          actor: nameRef(e.actorId, actorZh, actorEn),
          objectName: names.get(`${e.objectType}:${e.objectId}`) ?? null,
        })),
        total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
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

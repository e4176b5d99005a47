// HTTP adapter for integrity records and duplicate-submission flags.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../accounts/accounts.schema.ts';
import { AppealBody, FlagDecisionBody, RecordBody } from './integrity.schema.ts';
import * as svc from './integrity.service.ts';

export const integrityRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['integrity'];
  app.get(
    '/integrity/records',
    { schema: { tags, summary: 'Integrity records: all for officers, one’s own for everyone else' } },
    async (req) => svc.listRecords(req.ctx),
  );
  app.post(
    '/integrity/records',
    {
      schema: {
        tags,
        summary: 'Record a finding, optionally with a sanction that blocks bids, reviews or funds',
        body: RecordBody,
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createRecord(req.ctx, req.body)),
  );
  app.post(
    '/integrity/records/:id/appeal',
    { schema: { tags, params: IdParam, body: AppealBody } },
    async (req) => svc.setAppeal(req.ctx, req.params.id, req.body.appealStatus),
  );
  app.get(
    '/integrity/duplicates',
    {
      schema: {
        tags,
        summary: 'Duplicate-submission flags with overlapping passages side by side',
        querystring: z.object({ state: z.enum(['open', 'dismissed', 'confirmed']).optional() }),
      },
    },
    async (req) => svc.listFlags(req.ctx, req.query.state),
  );
  app.post(
    '/integrity/duplicates/:id/decision',
    { schema: { tags, params: IdParam, body: FlagDecisionBody } },
    async (req) => {
      await svc.decideFlag(req.ctx, req.params.id, req.body.decision, req.body.note);
      return { ok: true };
    },
  );
};

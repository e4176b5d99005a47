// HTTP adapter for integrity records and duplicate-submission flags.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../accounts/accounts.schema.ts';
import {
  AppealBody,
  AppealDecisionBody,
  FlagDecisionBody,
  RecordBody,
  ReferralDecisionBody,
} from './integrity.schema.ts';
import * as svc from './integrity.service.ts';
import './integrity.tasks.ts';

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
    {
      schema: {
        tags,
        summary:
          'The subject (or an admin of the organisation it is about) lodges an appeal with its grounds',
        params: IdParam,
        body: AppealBody,
      },
    },
    async (req) => svc.lodgeAppeal(req.ctx, req.params.id, req.body.grounds),
  );
  app.post(
    '/integrity/records/:id/appeal/decision',
    {
      schema: {
        tags,
        summary: 'An integrity officer decides a pending appeal: upheld (finding stands) or overturned',
        params: IdParam,
        body: AppealDecisionBody,
      },
    },
    async (req) => svc.decideAppeal(req.ctx, req.params.id, req.body.decision, req.body.note),
  );
  app.get(
    '/integrity/referrals',
    {
      schema: {
        tags,
        summary:
          'Referrals of misconduct found at acceptance, for the integrity officers (the read is logged)',
        querystring: z.object({ state: z.enum(['open', 'closed']).optional() }),
      },
    },
    async (req) => svc.listReferrals(req.ctx, req.query.state),
  );
  app.post(
    '/integrity/referrals/:id/decision',
    {
      schema: {
        tags,
        summary: 'Act on a referral: open a record about its subject, or dismiss it with a reason',
        params: IdParam,
        body: ReferralDecisionBody,
      },
    },
    async (req) => svc.decideReferral(req.ctx, req.params.id, req.body),
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

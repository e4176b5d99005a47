// HTTP adapter for ethics committees and reviews.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zkey } from '../../i18n/validation.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import * as svc from './ethics.service.ts';
import {
  DEFAULT_DECISION_DAYS,
  MAX_DECISION_DAYS,
  MAX_EXTENSION_DAYS,
  MIN_COMMITTEE,
  MIN_QUORUM,
} from './ethics.ts';
import './ethics.tasks.ts';

const CommitteeBody = z.strictObject({
  orgId: z.uuid(),
  name: z.string().trim().min(1, { message: 'is required' }).max(200),
  members: z.array(z.uuid()).max(100),
  /** Floors: a committee has at least 7 members and decides with at least 5 votes. */
  minMembers: z
    .number()
    .int()
    .min(MIN_COMMITTEE, { message: zkey('validation.committeeMin', { min: MIN_COMMITTEE }) })
    .max(100)
    .default(MIN_COMMITTEE),
  quorum: z
    .number()
    .int()
    .min(MIN_QUORUM, { message: zkey('validation.quorumMin', { min: MIN_QUORUM }) })
    .max(100)
    .default(MIN_QUORUM),
  decisionDays: z
    .number()
    .int()
    .min(1, { message: zkey('validation.atLeastOneDay') })
    .max(MAX_DECISION_DAYS, { message: zkey('validation.atMost30Days') })
    .default(DEFAULT_DECISION_DAYS),
});

export const ethicsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['ethics'];
  app.post(
    '/ethics/committees',
    {
      schema: {
        tags,
        summary: 'Set up an ethics committee (at least 7 members by default)',
        body: CommitteeBody,
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createCommittee(req.ctx, req.body)),
  );
  app.post(
    '/bids/:id/ethics-review',
    {
      schema: {
        tags,
        summary:
          'Send a bid that declares ethics categories to a committee (organizer): decided within 30 days, or 72 hours under the emergency procedure',
        params: IdParam,
        body: z.strictObject({
          committeeId: z.uuid(),
          procedure: z.enum(['standard', 'emergency']).default('standard'),
          /** Why the emergency procedure applies (required with it). */
          emergencyReason: z.string().trim().max(2000).default(''),
        }),
      },
      config: { idempotent: true },
    },
    async (req, reply) =>
      reply.status(201).send(
        await svc.openReview(req.ctx, req.params.id, req.body.committeeId, {
          procedure: req.body.procedure,
          emergencyReason: req.body.emergencyReason,
        }),
      ),
  );
  app.post(
    '/ethics/reviews/:id/extension',
    {
      schema: {
        tags,
        summary:
          'Extend an open standard review once, before its decision date, by at most 30 days, with the reason (committee members or its organisation’s admins and organizers)',
        params: IdParam,
        body: z.strictObject({
          days: z
            .number()
            .int()
            .min(1, { message: zkey('validation.atLeastOneDay') })
            .max(MAX_EXTENSION_DAYS, { message: zkey('validation.atMost30Days') }),
          reason: z
            .string()
            .trim()
            .min(1, { message: zkey('validation.required') })
            .max(2000),
        }),
      },
    },
    async (req) => svc.extendReview(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/ethics/committees',
    { schema: { tags, summary: 'Committees of the organisations I organize or administer' } },
    async (req) => svc.listCommittees(req.ctx),
  );
  app.get(
    '/ethics/reviews',
    {
      schema: {
        tags,
        summary:
          'Reviews I take part in (member, organizer or commander), overdue open ones first; ?overdue=true lists only those',
        querystring: z.object({ overdue: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req) => svc.listReviews(req.ctx, { overdueOnly: req.query.overdue === 'true' }),
  );
  app.get('/ethics/reviews/:id', { schema: { tags, params: IdParam } }, async (req) =>
    svc.getReview(req.ctx, req.params.id),
  );
  app.post(
    '/ethics/reviews/:id/votes',
    {
      schema: {
        tags,
        summary: 'Vote as a committee member: approve, approve with conditions, or reject',
        params: IdParam,
        body: z.strictObject({
          vote: z.enum(['approve', 'conditions', 'reject']),
          comment: z.string().trim().max(5000).default(''),
        }),
      },
    },
    async (req) => svc.vote(req.ctx, req.params.id, req.body),
  );
};

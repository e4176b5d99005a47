// HTTP adapter for reviews, ranking, consensus, rebuttals and appeals: thin, every body checked
// by its zod schema first; every read of an item is shaped for its viewer by the services.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../http/paging.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import * as consensus from './consensus.service.ts';
import * as ranking from './ranking.service.ts';
import {
  AppealBody,
  AppealDecisionBody,
  ApplicantItem,
  ConsensusBody,
  ItemParam,
  QueueItem,
  QueueQuery,
  RapporteurBody,
  RebuttalBody,
  RoundParam,
  SheetBody,
  WindowBody,
} from './review.schema.ts';
import * as svc from './review.service.ts';

const Empty = z.strictObject({}).default({});
const item = '/review-rounds/:roundId/items/:bidId';

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['reviews'];
  app.get(
    '/reviews/queue',
    {
      schema: {
        tags,
        summary: 'A page of my review assignments across rounds, soonest due first',
        querystring: QueueQuery,
        response: { 200: pageOf(QueueItem) },
      },
    },
    async (req) => svc.queue(req.ctx, req.query),
  );
  app.get(
    '/reviews/applicant-items',
    {
      schema: {
        tags,
        summary: 'Review items of the bids I lead or belong to',
        response: { 200: z.array(ApplicantItem) },
      },
    },
    async (req) => svc.applicantItems(req.ctx),
  );
  app.get(
    item,
    {
      schema: {
        tags,
        summary: 'One review item as I may see it (organizer, assigned reviewer or the applicant)',
        params: ItemParam,
      },
    },
    async (req) => svc.getItem(req.ctx, req.params.roundId, req.params.bidId),
  );
  app.get(`${item}/reviews`, { schema: { tags, params: ItemParam } }, async (req) =>
    svc.listReviews(req.ctx, req.params.roundId, req.params.bidId),
  );
  app.put(
    `${item}/review`,
    { schema: { tags, summary: 'Save my review as a draft', params: ItemParam, body: SheetBody } },
    async (req) => svc.saveReview(req.ctx, req.params.roundId, req.params.bidId, req.body, 'draft'),
  );
  app.post(
    `${item}/review/submit`,
    {
      schema: {
        tags,
        summary: 'Submit my review (complete sheet; the weighted total is computed on the server)',
        params: ItemParam,
        body: SheetBody,
      },
    },
    async (req) => svc.saveReview(req.ctx, req.params.roundId, req.params.bidId, req.body, 'submit'),
  );
  app.get(
    '/review-rounds/:roundId/progress',
    {
      schema: { tags, summary: 'Reviews in, overdue and reminders per item (organizer)', params: RoundParam },
    },
    async (req) => svc.progress(req.ctx, req.params.roundId),
  );
  app.post(
    '/review-rounds/:roundId/reminders',
    {
      schema: { tags, summary: 'Remind every overdue reviewer (organizer)', params: RoundParam, body: Empty },
    },
    async (req) => svc.remindOverdue(req.ctx, req.params.roundId),
  );
  app.post(
    '/review-rounds/:roundId/open-consensus',
    {
      schema: { tags, summary: 'End reviewing, open consensus (organizer)', params: RoundParam, body: Empty },
    },
    async (req) => svc.openConsensus(req.ctx, req.params.roundId),
  );
  app.post(
    '/review-rounds/:roundId/close',
    {
      schema: {
        tags,
        summary: 'Close a ranked round once its appeals are decided (organizer)',
        params: RoundParam,
        body: Empty,
      },
    },
    async (req) => svc.closeRound(req.ctx, req.params.roundId),
  );
  app.post(
    '/review-rounds/:roundId/ranking',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Compute and store the calibrated ranking with its funding line (organizer)',
        params: RoundParam,
        body: Empty,
      },
    },
    async (req, reply) => reply.status(201).send(await ranking.computeDecision(req.ctx, req.params.roundId)),
  );
  app.get(
    '/review-rounds/:roundId/ranking',
    {
      schema: {
        tags,
        summary: 'The latest ranking (organizer: all; applicant: own bids)',
        params: RoundParam,
      },
    },
    async (req) => ranking.getRanking(req.ctx, req.params.roundId),
  );
  app.get(
    '/review-rounds/:roundId/ranking/verify',
    {
      schema: {
        tags,
        summary: 'Recompute the latest decision from its stored inputs (organizer)',
        params: RoundParam,
      },
    },
    async (req) => ranking.verifyDecision(req.ctx, req.params.roundId),
  );
  app.post(
    `${item}/rapporteur`,
    {
      schema: { tags, summary: 'Choose the rapporteur (organizer)', params: ItemParam, body: RapporteurBody },
    },
    async (req) => {
      await consensus.chooseRapporteur(req.ctx, req.params.roundId, req.params.bidId, req.body.assignmentId);
      return svc.getItem(req.ctx, req.params.roundId, req.params.bidId);
    },
  );
  app.put(
    `${item}/consensus`,
    {
      schema: {
        tags,
        summary: 'Save or propose the consensus report (rapporteur)',
        params: ItemParam,
        body: ConsensusBody,
      },
    },
    async (req) => {
      await consensus.saveConsensus(req.ctx, req.params.roundId, req.params.bidId, req.body);
      return svc.getItem(req.ctx, req.params.roundId, req.params.bidId);
    },
  );
  app.post(
    `${item}/consensus/accept`,
    { schema: { tags, summary: 'Accept the consensus report (organizer)', params: ItemParam, body: Empty } },
    async (req) => {
      await consensus.acceptConsensus(req.ctx, req.params.roundId, req.params.bidId);
      return svc.getItem(req.ctx, req.params.roundId, req.params.bidId);
    },
  );
  app.put(
    '/review-rounds/:roundId/rebuttal-window',
    {
      schema: { tags, summary: 'Set the rebuttal window (organizer)', params: RoundParam, body: WindowBody },
    },
    async (req) =>
      consensus.setRebuttalWindow(req.ctx, req.params.roundId, {
        opensAt: new Date(req.body.opensAt),
        closesAt: new Date(req.body.closesAt),
      }),
  );
  app.post(
    `${item}/rebuttal`,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Answer the reviews, once (commander)',
        params: ItemParam,
        body: RebuttalBody,
      },
    },
    async (req, reply) => {
      await consensus.submitRebuttal(req.ctx, req.params.roundId, req.params.bidId, req.body.body);
      return reply.status(201).send(await svc.getItem(req.ctx, req.params.roundId, req.params.bidId));
    },
  );
  app.post(
    `${item}/appeals`,
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Appeal on a procedural ground (commander)',
        params: ItemParam,
        body: AppealBody,
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await consensus.fileAppeal(req.ctx, req.params.roundId, req.params.bidId, req.body)),
  );
  app.post(
    '/review-appeals/:id/decide',
    {
      schema: {
        tags,
        summary: 'Decide an appeal with reasons (organizer)',
        params: IdParam,
        body: AppealDecisionBody,
      },
    },
    async (req) => consensus.decideAppeal(req.ctx, req.params.id, req.body),
  );
};

// HTTP adapter for challenges, bids, notice and objections, task books and acceptance.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../core/files/files.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import * as files from './attachments.service.ts';
import * as bids from './bids.service.ts';
import {
  BidDetail,
  ChallengeBidPage,
  ChallengeBidsQuery,
  ChallengePage,
  MyBidPage,
  MyBidsQuery,
  MyChallengesQuery,
  PublicChallengeQuery,
  TaskBookPage,
  TaskBookSearchQuery,
} from './challenges.lists.ts';
import {
  ActionBody,
  BidBody,
  BidEditBody,
  ChallengeBody,
  ChallengeEditBody,
  ChallengeView,
  IdempotencyHeader,
  JudgementBody,
  ObjectionBody,
  ObjectionDecisionBody,
  ReportBody,
  ReportReviewBody,
  ScoreBody,
  SignBody,
  TaskBookEditBody,
  TaskBookExpertBody,
  TaskBookView,
} from './challenges.schema.ts';
import * as svc from './challenges.service.ts';
import './challenges.tasks.ts';
import * as delivery from './delivery.service.ts';
import { renderTaskBookHtml } from './taskbook.print.ts';

const toBytes = (body: unknown) => (Buffer.isBuffer(body) ? new Uint8Array(body) : new Uint8Array());

const ChallengeAction = z.enum([
  'submit',
  'return',
  'reject',
  'publish',
  'close_bidding',
  'announce',
  'withdraw_notice',
  'award',
  'cancel',
]);
const BidAction = z.enum(['submit', 'withdraw', 'select', 'deselect']);
const TaskBookAction = z.enum(['accept', 'fail_honest', 'fail_misconduct']);

export const challengesRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['challenges'];
  // Uploads arrive as the raw file; what it is gets decided by its bytes, not this header.
  app.addContentTypeParser(
    ['application/pdf', 'image/png', 'image/jpeg', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: files.MAX_ATTACHMENT_BYTES + 1 },
    (_req, body, done) => done(null, body),
  );
  const upload = {
    querystring: z.object({ name: z.string().min(1, { message: 'give the file name' }).max(300) }),
    params: IdParam,
  };
  // Uploads: a raw body checked by magic bytes, owned by a challenge, a task book or a report.
  const uploadRoute = (
    url: string,
    owner: 'challenge' | 'task_book' | 'milestone_report',
    schema: { tags: string[]; summary: string },
  ) =>
    app.post(
      url,
      {
        bodyLimit: files.MAX_ATTACHMENT_BYTES + 1,
        schema: { ...schema, ...upload },
        config: { idempotent: true },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(
            await files.uploadAttachment(req.ctx, owner, req.params.id, req.query.name, toBytes(req.body)),
          ),
    );
  uploadRoute('/challenges/:id/attachments', 'challenge', {
    tags,
    summary: 'Attach a PDF or image (raw body; ?name=file name)',
  });
  uploadRoute('/task-books/:id/attachments', 'task_book', {
    tags: ['task books'],
    summary: 'Attach evidence (PDF or image)',
  });
  uploadRoute('/reports/:id/attachments', 'milestone_report', {
    tags: ['task books'],
    summary: 'Attach evidence to a milestone report (commander; until its first review)',
  });
  app.get(
    '/attachments/:id',
    { schema: { tags, summary: 'Download an attachment', params: IdParam } },
    async (req, reply) => {
      const f = await files.getAttachment(req.ctx, req.params.id);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(Buffer.from(f.content));
    },
  );
  app.get(
    '/challenges',
    {
      schema: {
        tags,
        summary:
          'Published challenges, one page: full-text search (Chinese and English), filters and sort; no login needed',
        querystring: PublicChallengeQuery,
        response: { 200: ChallengePage },
      },
    },
    async (req) => svc.listPublic(req.ctx, req.query),
  );
  app.get(
    '/challenges/mine',
    {
      schema: {
        tags,
        summary: 'My organisation’s challenges and my vetting queue, in every state, one page',
        querystring: MyChallengesQuery,
        response: { 200: ChallengePage },
      },
    },
    async (req) => svc.listMine(req.ctx, req.query),
  );
  app.get(
    '/challenges/stats',
    {
      schema: {
        tags,
        summary: 'Demand intake: collected, vetted, published',
        response: {
          200: z.object({
            collected: z.number(),
            vetted: z.number(),
            published: z.number(),
            byState: z.record(z.string(), z.number()),
          }),
        },
      },
    },
    async (req) => svc.stats(req.ctx),
  );
  app.get(
    '/challenges/:id',
    {
      schema: {
        tags,
        summary: 'One challenge (public once published)',
        params: IdParam,
        response: { 200: ChallengeView },
      },
    },
    async (req) => svc.getChallenge(req.ctx, req.params.id),
  );
  app.post(
    '/challenges',
    {
      schema: { tags, summary: 'Draft a challenge (proposer)', body: ChallengeBody },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createChallenge(req.ctx, req.body)),
  );
  app.put(
    '/challenges/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft or returned challenge',
        params: IdParam,
        body: ChallengeEditBody,
      },
    },
    async (req) => svc.editChallenge(req.ctx, req.params.id, req.body.version, req.body.challenge),
  );
  app.post(
    '/challenges/:id/actions/:action',
    {
      schema: {
        tags,
        summary:
          'Move a challenge through its workflow: submit, return, reject, publish, close_bidding, announce, withdraw_notice, award, cancel',
        params: IdParam.extend({ action: ChallengeAction }),
        body: ActionBody,
      },
    },
    async (req) => svc.challengeAction(req.ctx, req.params.id, req.params.action, req.body.comment),
  );

  app.get(
    '/challenges/:id/bids',
    {
      schema: {
        tags: ['bids'],
        summary: 'Bids of a challenge, one page (best ranked first by default)',
        params: IdParam,
        querystring: ChallengeBidsQuery,
        response: { 200: ChallengeBidPage },
      },
    },
    async (req) => bids.listBids(req.ctx, req.params.id, req.query),
  );
  app.post(
    '/challenges/:id/bids',
    {
      schema: {
        tags: ['bids'],
        summary: 'Start a bid (揭榜); the Idempotency-Key header makes retries safe',
        params: IdParam,
        headers: IdempotencyHeader,
        body: BidBody,
        response: { 200: BidDetail, 201: BidDetail },
      },
    },
    async (req, reply) => {
      const r = await bids.createBid(req.ctx, req.params.id, req.headers['idempotency-key'], req.body);
      return reply.status(r.created ? 201 : 200).send(r.bid);
    },
  );
  app.get(
    '/bids/mine',
    {
      schema: {
        tags: ['bids'],
        summary: 'Bids I lead or belong to, one page',
        querystring: MyBidsQuery,
        response: { 200: MyBidPage },
      },
    },
    async (req) => bids.myBids(req.ctx, req.query),
  );
  app.get(
    '/bids/:id',
    {
      schema: {
        tags: ['bids'],
        summary: 'One bid, with what it still needs before submission and who must act',
        params: IdParam,
        response: { 200: BidDetail },
      },
    },
    async (req) => bids.getBid(req.ctx, req.params.id),
  );
  app.put(
    '/bids/:id',
    {
      schema: {
        tags: ['bids'],
        summary: 'Edit until the deadline',
        params: IdParam,
        body: BidEditBody,
        response: { 200: BidDetail },
      },
    },
    async (req) => bids.editBid(req.ctx, req.params.id, req.body.version, req.body.bid),
  );
  app.post(
    '/bids/:id/confirm',
    {
      schema: {
        tags: ['bids'],
        summary: 'A team member confirms participation',
        params: IdParam,
        response: { 200: BidDetail },
      },
    },
    async (req) => bids.confirmParticipation(req.ctx, req.params.id),
  );
  app.post(
    '/bids/:id/sign',
    {
      schema: {
        tags: ['bids'],
        summary: 'Sign the pledge (军令状) as commander or as host organisation',
        params: IdParam,
        body: SignBody,
        response: { 200: BidDetail },
      },
    },
    async (req) => bids.signPledge(req.ctx, req.params.id, req.body.as, req.body.pledgeVersion),
  );
  app.post(
    '/bids/:id/actions/:action',
    {
      schema: {
        tags: ['bids'],
        summary: 'submit, withdraw (commander); select, deselect (organizer)',
        params: IdParam.extend({ action: BidAction }),
        response: { 200: BidDetail },
      },
    },
    async (req) => bids.bidAction(req.ctx, req.params.id, req.params.action),
  );
  app.post(
    '/bids/:id/scores',
    {
      schema: {
        tags: ['bids'],
        summary: 'Score a bid (organizer) or judge its fit (proposer)',
        params: IdParam,
        body: ScoreBody,
        response: { 200: BidDetail },
      },
    },
    async (req) => bids.scoreBid(req.ctx, req.params.id, req.body),
  );

  app.get('/challenges/:id/objections', { schema: { tags: ['notice'], params: IdParam } }, async (req) =>
    delivery.listObjections(req.ctx, req.params.id),
  );
  app.post(
    '/challenges/:id/objections',
    {
      schema: {
        tags: ['notice'],
        summary: 'Object during the public notice period',
        params: IdParam,
        body: ObjectionBody,
      },
      config: { idempotent: true },
    },
    async (req, reply) =>
      reply.status(201).send(await delivery.raiseObjection(req.ctx, req.params.id, req.body.text)),
  );
  app.post(
    '/objections/:id/resolve',
    {
      schema: {
        tags: ['notice'],
        summary: 'Uphold or dismiss an objection (organizer)',
        params: IdParam,
        body: ObjectionDecisionBody,
      },
    },
    async (req) => {
      await delivery.resolveObjection(req.ctx, req.params.id, req.body.decision, req.body.resolution);
      return { ok: true };
    },
  );

  const tb = ['task books'];
  app.get(
    '/task-books',
    {
      schema: {
        tags: tb,
        summary:
          'Task books I am a party to, found by the challenge’s title; fundable=true: those I organize that may still be funded',
        querystring: TaskBookSearchQuery,
        response: { 200: TaskBookPage },
      },
    },
    async (req) => delivery.searchTaskBooks(req.ctx, req.query),
  );
  app.get(
    '/task-books/:id',
    { schema: { tags: tb, params: IdParam, response: { 200: TaskBookView } } },
    async (req) => delivery.getTaskBook(req.ctx, req.params.id),
  );
  app.get(
    '/task-books/:id/print',
    {
      schema: {
        tags: tb,
        summary: 'Printable task book (HTML)',
        params: IdParam,
        querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }),
      },
    },
    async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(renderTaskBookHtml(await delivery.getTaskBook(req.ctx, req.params.id), req.query.lang)),
  );
  app.put(
    '/task-books/:id',
    {
      schema: {
        tags: tb,
        summary: 'Revise milestones and tranches jointly (resets signatures)',
        params: IdParam,
        body: TaskBookEditBody,
      },
    },
    async (req) => delivery.reviseTaskBook(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/task-books/:id/sign',
    { schema: { tags: tb, summary: 'Sign as proposer or commander', params: IdParam } },
    async (req) => delivery.signTaskBook(req.ctx, req.params.id),
  );
  app.post(
    '/task-books/:id/reports',
    {
      schema: {
        tags: tb,
        summary: 'Milestone report with measured values',
        params: IdParam,
        body: ReportBody,
      },
      config: { idempotent: true },
    },
    async (req) => delivery.submitReport(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/task-books/:id/experts',
    {
      schema: {
        tags: tb,
        summary: 'Name an expert of the pool to review the delivery (organizer; conflicts refused)',
        params: IdParam,
        body: TaskBookExpertBody,
      },
    },
    async (req) => delivery.nameExpert(req.ctx, req.params.id, req.body.personId),
  );
  app.post(
    '/reports/:id/review',
    {
      schema: {
        tags: tb,
        summary: 'Review a milestone report (proposer, organizer or a named expert; one verdict each)',
        params: IdParam,
        body: ReportReviewBody,
      },
    },
    async (req) => delivery.reviewReport(req.ctx, req.params.id, req.body.decision, req.body.comment),
  );
  app.post(
    '/task-books/:id/judgements',
    {
      schema: {
        tags: tb,
        summary: 'Judge one target at acceptance against its frozen threshold',
        params: IdParam,
        body: JudgementBody,
      },
    },
    async (req) => delivery.judgeTarget(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/task-books/:id/actions/:action',
    {
      schema: {
        tags: tb,
        summary: 'accept (proposer); fail_honest or fail_misconduct (organizer)',
        params: IdParam.extend({ action: TaskBookAction }),
        body: ActionBody,
      },
    },
    async (req) => delivery.taskBookAction(req.ctx, req.params.id, req.params.action, req.body.comment),
  );
};

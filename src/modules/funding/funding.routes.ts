// HTTP adapter for funding: thin, every body checked by its zod schema first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppropriationBody,
  AwardBody,
  AwardSummary,
  BurdenBody,
  CallRulesView,
  ChallengeParam,
  ExpenseBody,
  FundBody,
  FundSummary,
  IdempotencyHeader,
  IdParam,
  LedgerExportQuery,
  LedgerPage,
  LedgerQuery,
  OptionalIdempotencyHeader,
  RefundBody,
  ReverseBody,
  RulesBody,
  TrackParam,
  TrancheParam,
} from './funding.schema.ts';
import * as svc from './funding.service.ts';
import './funding.tasks.ts';

const Empty = z.strictObject({}).default({});

export const fundingRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['funding'];
  app.get(
    '/funding/funds',
    {
      schema: {
        tags,
        summary: 'Funds I manage or may see, with their figures',
        response: { 200: z.array(FundSummary) },
      },
    },
    async (req) => svc.listFunds(req.ctx),
  );
  app.post(
    '/funding/funds',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Open a programme fund (agency organizer) or a challenge’s co-funding account (its proposer)',
        body: FundBody,
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createFund(req.ctx, req.body)),
  );
  app.get(
    '/funding/funds/:id',
    {
      schema: {
        tags,
        summary: 'Fund dashboard: appropriated, available, committed, disbursed, spent, by month',
        params: IdParam,
      },
    },
    async (req) => svc.getFund(req.ctx, req.params.id),
  );
  app.post(
    '/funding/funds/:id/appropriations',
    {
      schema: {
        tags,
        summary: 'Add an annual appropriation to the fund; Idempotency-Key makes retries safe',
        params: IdParam,
        headers: OptionalIdempotencyHeader,
        body: AppropriationBody,
      },
    },
    async (req) =>
      svc.appropriate(
        req.ctx,
        req.params.id,
        req.body.amountFen,
        req.body.memo,
        req.headers['idempotency-key'],
      ),
  );
  app.get(
    '/funding/calls/:challengeId/rules',
    {
      schema: {
        tags,
        summary: 'A call’s funding rules: budget mode, indirect-cost cap, negative list, surplus rule',
        params: ChallengeParam,
        response: { 200: CallRulesView },
      },
    },
    async (req) => svc.getRules(req.ctx, req.params.challengeId),
  );
  app.put(
    '/funding/calls/:challengeId/rules',
    {
      schema: {
        tags,
        summary: 'Set a call’s funding rules (organizer)',
        params: ChallengeParam,
        body: RulesBody,
        response: { 200: CallRulesView },
      },
    },
    async (req) => svc.setRules(req.ctx, req.params.challengeId, req.body),
  );
  app.get(
    '/funding/calls/:challengeId/burden',
    {
      schema: {
        tags,
        summary: 'Burden meter of a call: fields by hand vs pre-filled, documents, time to submit, per form',
        params: ChallengeParam,
      },
    },
    async (req) => svc.burdenOfCall(req.ctx, req.params.challengeId),
  );
  app.post(
    '/funding/burden',
    {
      schema: { tags, summary: 'Record how a form was filled (burden meter)', body: BurdenBody },
      // Per person: nobody floods a call's meter with records.
      config: {
        rateLimit: {
          max: 20,
          timeWindow: '1 hour',
          hook: 'preHandler',
          keyGenerator: (req) => `burden|${req.actor?.personId ?? req.ip}`,
        },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.recordBurden(req.ctx, req.body)),
  );
  app.get(
    '/funding/awards',
    {
      schema: {
        tags,
        summary: 'Funded awards I organise or belong to',
        response: { 200: z.array(AwardSummary) },
      },
    },
    async (req) => svc.listAwards(req.ctx),
  );
  app.post(
    '/funding/awards',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Fund a task book: budget, commitment from the fund (and co-funding), tranche schedule (organizer)',
        body: AwardBody,
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createAward(req.ctx, req.body)),
  );
  app.get(
    '/funding/awards/:id',
    {
      schema: {
        tags,
        summary: 'The award: budget, tranches with their conditions, spending, performance record',
        params: IdParam,
      },
    },
    async (req) => svc.getAward(req.ctx, req.params.id),
  );
  app.post(
    '/funding/awards/:id/tranches/:no/release',
    {
      schema: {
        tags,
        summary:
          'Release a tranche whose condition is met (organizer); the Idempotency-Key header is required',
        params: TrancheParam,
        headers: IdempotencyHeader,
        body: Empty,
      },
    },
    async (req) => svc.releaseTranche(req.ctx, req.params.id, req.params.no, req.headers['idempotency-key']),
  );
  app.post(
    '/funding/awards/:id/expenses',
    {
      schema: {
        tags,
        summary:
          'Report spending for a period, line by line, checked against the negative list and the budget (team)',
        params: IdParam,
        headers: OptionalIdempotencyHeader,
        body: ExpenseBody,
      },
    },
    async (req) => svc.submitExpenses(req.ctx, req.params.id, req.body, req.headers['idempotency-key']),
  );
  app.post(
    '/funding/awards/:id/refunds',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Record money refunded for earlier spending (team)',
        params: IdParam,
        body: RefundBody,
      },
    },
    async (req) => svc.recordRefund(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/funding/awards/:id/close',
    {
      schema: {
        tags,
        summary:
          'Close the award: return or retain the unspent money, free the rest, record performance (organizer)',
        params: IdParam,
        body: Empty,
      },
    },
    async (req) => svc.closeAward(req.ctx, req.params.id),
  );
  app.post(
    '/funding/entries/:id/reverse',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Correct an appropriation, expense or refund by a reversing entry',
        params: IdParam,
        body: ReverseBody,
      },
    },
    async (req) => svc.reverseEntry(req.ctx, req.params.id, req.body.reason),
  );
  app.get(
    '/funding/track-record/:kind/:id',
    {
      schema: {
        tags,
        summary:
          'Performance records of a commander or institution and the reporting interval the trust rule gives',
        params: TrackParam,
      },
    },
    async (req) => svc.trackRecord(req.ctx, req.params.kind, req.params.id),
  );
  app.get(
    '/funding/ledger',
    {
      schema: {
        tags,
        summary:
          'The journal of a fund or award, a page of entries with the names of what each moved money for',
        querystring: LedgerQuery,
        response: { 200: LedgerPage },
      },
    },
    async (req) => {
      const { fundId, awardId, page, pageSize, order } = req.query;
      return svc.ledgerPage(req.ctx, { fundId, awardId }, { page, pageSize, order });
    },
  );
  app.get(
    '/funding/ledger/export',
    {
      schema: {
        tags,
        summary: 'The journal of a fund or award as CSV or XLSX, one row per line',
        querystring: LedgerExportQuery,
      },
    },
    async (req, reply) => {
      const rows = await svc.ledgerRows(req.ctx, { fundId: req.query.fundId, awardId: req.query.awardId });
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="ledger.csv"')
          .send(svc.toCsv(rows));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="ledger.xlsx"')
        .send(await svc.toXlsx(rows));
    },
  );
  app.get(
    '/funding/ledger/verify',
    { schema: { tags, summary: 'Reconcile the whole journal (platform admin)' } },
    async (req) => {
      svc.requireAdmin(req.ctx);
      return svc.verifyLedger(req.ctx.db);
    },
  );
};

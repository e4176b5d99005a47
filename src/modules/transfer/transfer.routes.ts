// HTTP adapter for achievement transformation: the catalogue, demands, matching, deals,
// registration, payments and rewards.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import * as S from './transfer.schema.ts';
import * as svc from './transfer.service.ts';
import { ACHIEVEMENT_KINDS, CONTRACT_TYPES, OFFERS, PRICINGS } from './transfer.ts';
import './transfer.tasks.ts';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => z.string().trim().min(1, { message: 'is required' }).max(max);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: zkey('validation.format.date') });
const words = z.array(text(100)).max(30).default([]);

const AchievementBody = z.strictObject({
  orgId: z.uuid(),
  kind: z.enum(ACHIEVEMENT_KINDS),
  ipNumber: text(40).nullable().optional(),
  titleZh: required(300),
  titleEn: text(300).default(''),
  abstractZh: text(5000).default(''),
  abstractEn: text(5000).default(''),
  keywords: words,
  disciplineCodes: z.array(text(20)).max(10).default([]),
  ipcCodes: z.array(text(30)).max(20).default([]),
  trl: z.number().int().min(1).max(9),
  offers: z.array(z.enum(OFFERS)).min(1).max(6),
  askingPriceFen: fen.min(1).nullable().default(null),
  inventors: z
    .array(
      z.strictObject({
        personId: z.uuid().nullable().optional(),
        nameZh: required(100),
        nameEn: text(100).default(''),
        shareBp: z.number().int().min(1).max(10000),
      }),
    )
    .min(1)
    .max(50),
  sourceTaskBookId: z.uuid().nullable().optional(),
  list: z.boolean().default(false),
});

const DemandBody = z.strictObject({
  orgId: z.uuid(),
  titleZh: required(300),
  titleEn: text(300).default(''),
  problemZh: text(5000).default(''),
  problemEn: text(5000).default(''),
  keywords: words,
  disciplineCodes: z.array(text(20)).max(10).default([]),
  industryCode: text(10).nullable().default(null),
  regionCode: text(12).nullable().default(null),
  budgetMinFen: fen.default(0),
  budgetMaxFen: fen.min(1),
  deadline: isoDate,
  alert: z.boolean().default(true),
});

const TermsBody = z.strictObject({
  mode: z.enum(OFFERS),
  priceFen: fen.min(1),
  pricing: z.enum(PRICINGS),
  pricingRef: text(200).default(''),
  paymentSchedule: z
    .array(z.strictObject({ due: isoDate, amountFen: fen.min(1) }))
    .max(60)
    .default([]),
  royaltyBp: z.number().int().min(0).max(10000).default(0),
  field: text(500).default(''),
  territory: text(200).default(''),
  termMonths: z.number().int().min(1).max(600),
  noticeDays: z.number().int().min(1).max(90).default(15),
});

const ListQuery = PageQuery.extend({
  q: text(100).optional(),
  kind: z.enum(ACHIEVEMENT_KINDS).optional(),
  mine: z.enum(['true', 'false']).optional(),
});

const tags = ['transfer'];
/** The route options of a deal's action: `/transfer/deals/:id/…`, answered with the deal. */
function dealAction(summary: string): {
  schema: { tags: string[]; summary: string; params: typeof IdParam; response: { 200: typeof S.DealView } };
};
function dealAction<B extends z.ZodType>(
  summary: string,
  body: B,
): {
  schema: {
    tags: string[];
    summary: string;
    params: typeof IdParam;
    body: B;
    response: { 200: typeof S.DealView };
  };
};
function dealAction(summary: string, body?: z.ZodType) {
  return {
    schema: { tags, summary, params: IdParam, response: { 200: S.DealView }, ...(body ? { body } : {}) },
  };
}

export const transferRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/transfer/achievements',
    {
      schema: {
        tags,
        response: { 200: S.AchievementPage },
        summary: 'Listed achievements (anyone), or my organisations’ own with ?mine=true; search, one page',
        querystring: ListQuery,
      },
    },
    async (req) => svc.listAchievements(req.ctx, { ...req.query, mine: req.query.mine === 'true' }),
  );
  app.post(
    '/transfer/achievements',
    {
      schema: {
        tags,
        response: { 201: S.AchievementView },
        summary: 'List an achievement of my organisation (patent numbers checked with their check digit)',
        body: AchievementBody,
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createAchievement(req.ctx, req.body)),
  );
  app.get(
    '/transfer/task-books/:id/listing',
    {
      schema: {
        tags,
        response: { 200: S.AchievementDraft },
        summary:
          'An accepted challenge deliverable as an achievement to list, pre-filled (host organisation members)',
        params: IdParam,
      },
    },
    async (req) => svc.listingFromTaskBook(req.ctx, req.params.id),
  );
  app.get(
    '/transfer/achievements/:id',
    { schema: { tags, response: { 200: S.AchievementView }, params: IdParam } },
    async (req) => svc.getAchievement(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/achievements/:id/actions/:action',
    {
      schema: {
        tags,
        response: { 200: S.AchievementView },
        summary: 'List (publish) or withdraw an achievement: whoever listed it or the transfer office',
        params: z.object({ id: z.uuid(), action: z.enum(['list', 'withdraw']) }),
      },
    },
    async (req) => svc.achievementAction(req.ctx, req.params.id, req.params.action),
  );
  app.get(
    '/transfer/achievements/:id/matches',
    {
      schema: {
        tags,
        response: { 200: S.DemandMatches },
        summary: 'Open demands this achievement fits, best first, explained',
        params: IdParam,
      },
    },
    async (req) => svc.matchesForAchievement(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/achievements/:id/interest',
    {
      schema: {
        tags,
        response: { 201: S.DealView },
        summary: 'Express my enterprise’s interest: starts a confidential deal with the owner',
        params: IdParam,
        body: z.strictObject({
          buyerOrgId: z.uuid(),
          demandId: z.uuid().nullable().optional(),
          message: required(5000),
        }),
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.expressInterest(req.ctx, req.params.id, req.body)),
  );

  app.get(
    '/transfer/demands',
    {
      schema: {
        tags,
        response: { 200: S.DemandPage },
        summary: 'Open enterprise demands (anyone), or my organisations’ own; one page',
        querystring: ListQuery.omit({ kind: true }),
      },
    },
    async (req) => svc.listDemands(req.ctx, { ...req.query, mine: req.query.mine === 'true' }),
  );
  app.post(
    '/transfer/demands',
    {
      schema: {
        tags,
        response: { 201: S.DemandView },
        summary: 'Post a technology demand of my enterprise',
        body: DemandBody,
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createDemand(req.ctx, req.body)),
  );
  app.get(
    '/transfer/demands/:id',
    { schema: { tags, response: { 200: S.DemandView }, params: IdParam } },
    async (req) => svc.getDemand(req.ctx, req.params.id),
  );
  app.get(
    '/transfer/demands/:id/matches',
    {
      schema: {
        tags,
        response: { 200: S.AchievementMatches },
        summary: 'Listed achievements that fit this demand, best first, explained',
        params: IdParam,
      },
    },
    async (req) => svc.matchesForDemand(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/demands/:id/close',
    {
      schema: {
        tags,
        response: { 200: S.DemandView },
        summary: 'Close an open demand (its enterprise)',
        params: IdParam,
      },
    },
    async (req) => svc.closeDemand(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/demands/:id/promote',
    {
      schema: {
        tags,
        response: { 200: S.DemandView },
        summary:
          'Make a demand no listed achievement fits a draft challenge (揭榜挂帅), pre-filled: its enterprise or an organizer',
        params: IdParam,
        body: z.strictObject({ organiserOrgId: z.uuid() }),
      },
    },
    async (req) => svc.promoteDemand(req.ctx, req.params.id, req.body),
  );
  app.put(
    '/transfer/demands/:id/alert',
    {
      schema: {
        tags,
        response: { 200: S.DemandView },
        summary: 'Be told when a newly listed achievement fits this demand (saved search)',
        params: IdParam,
        body: z.strictObject({ on: z.boolean() }),
      },
    },
    async (req) => svc.setAlert(req.ctx, req.params.id, req.body.on),
  );

  app.get(
    '/transfer/deals',
    { schema: { tags, response: { 200: S.DealList }, summary: 'Deals I am a party to' } },
    async (req) => svc.listDeals(req.ctx),
  );
  app.get(
    '/transfer/deals/:id',
    {
      schema: {
        tags,
        response: { 200: S.DealView },
        summary: 'A deal: thread, terms, notice, signatures, registration, money (parties only)',
        params: IdParam,
      },
    },
    async (req) => svc.getDeal(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/deals/:id/messages',
    dealAction('Write in the deal’s confidential thread', z.strictObject({ body: required(5000) })),
    async (req) => svc.postMessage(req.ctx, req.params.id, req.body.body),
  );
  app.post('/transfer/deals/:id/terms', dealAction('Propose terms (either side)', TermsBody), async (req) =>
    svc.proposeTerms(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/transfer/deals/:id/accept',
    dealAction('Accept the other side’s terms; a price by agreement goes to notice'),
    async (req) => svc.acceptTerms(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/deals/:id/sign',
    dealAction('Sign the contract for my side (after the notice, no open objection)'),
    async (req) => svc.sign(req.ctx, req.params.id),
  );
  app.post(
    '/transfer/deals/:id/cancel',
    dealAction('Cancel the deal, saying why', z.strictObject({ reason: required(2000) })),
    async (req) => svc.cancel(req.ctx, req.params.id, req.body.reason),
  );
  app.post(
    '/transfer/deals/:id/register',
    dealAction(
      'Register the signed contract (技术合同认定登记): the seller’s transfer office',
      z.strictObject({ contractType: z.enum(CONTRACT_TYPES).optional() }),
    ),
    async (req) => svc.register(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/transfer/deals/:id/payments',
    {
      schema: {
        tags,
        response: { 201: S.DealView },
        summary: 'Record a payment received under the registered contract (posts to the journal)',
        params: IdParam,
        body: z.strictObject({ amountFen: fen.min(1), receivedOn: isoDate }),
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.recordPayment(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/transfer/deals/:id/distributions',
    {
      schema: {
        tags,
        response: { 201: S.DealView },
        summary: 'Distribute the income not yet distributed: rewards to the contributors (Art. 44–45)',
        params: IdParam,
        body: z.strictObject({
          costsFen: fen.default(0),
          unitRuleBp: z.number().int().min(0).max(10000).nullable().default(null),
          unitRuleText: text(500).default(''),
        }),
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.distribute(req.ctx, req.params.id, req.body)),
  );
  app.get(
    '/transfer/notices',
    {
      schema: {
        tags,
        response: { 200: S.NoticeList },
        summary: 'Prices in notice at my organisations: achievement and intended price',
      },
    },
    async (req) => svc.listNotices(req.ctx),
  );
  app.post(
    '/transfer/deals/:id/objections',
    {
      schema: {
        tags,
        summary: 'Object to a price in notice (members of the owner organisation)',
        params: IdParam,
        body: z.strictObject({ text: required(5000) }),
      },
    },
    async (req, reply) => reply.status(201).send(await svc.object(req.ctx, req.params.id, req.body.text)),
  );
  app.post(
    '/transfer/objections/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Decide an objection (the transfer office); upheld sends the deal back to negotiation',
        params: IdParam,
        body: z.strictObject({ decision: z.enum(['upheld', 'dismissed']), resolution: required(2000) }),
      },
    },
    async (req) => svc.resolveObjection(req.ctx, req.params.id, req.body),
  );
  app.get(
    '/transfer/registered-contracts',
    {
      schema: {
        tags,
        response: { 200: S.RegisteredContracts },
        summary:
          'Registered contracts my organisation sold in a tax year (pre-fills the transfer-income calculator)',
        querystring: z.object({ orgId: z.uuid(), taxYear: z.coerce.number().int().min(2000).max(2100) }),
      },
    },
    async (req) => svc.registeredContracts(req.ctx, req.query.orgId, req.query.taxYear),
  );
};

// HTTP adapter for S&T commissioners: thin, every body checked by its zod schema first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../core/files/files.ts';
import { errorBody } from '../../http/errors.ts';
import { sendTable } from '../../http/export.ts';
import { DEFAULT_LOCALE } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import * as assess from './assessment.service.ts';
import { GRADE_NAMES } from './assessment.ts';
import { importCommissioners } from './commissioners.import.ts';
import {
  Assessment,
  AssessmentBody,
  AssessmentQuery,
  Candidate,
  Commissioner,
  CommissionerBody,
  CommissionerPage,
  CommissionerQuery,
  ConfirmBody,
  DeclineBody,
  Demand,
  DemandBody,
  DemandPage,
  DemandQuery,
  DispatchBody,
  Division,
  Proposal,
  Stats,
  StatsQuery,
  VisitBody,
} from './commissioners.schema.ts';
import * as svc from './commissioners.service.ts';
import * as stats from './stats.service.ts';
import './commissioners.tasks.ts';
import { divisions } from './divisions.ts';

const MAX_PHOTO = 10 * 1024 * 1024;
const toBytes = (b: unknown) => (Buffer.isBuffer(b) ? new Uint8Array(b) : new Uint8Array());

export const commissionersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['commissioners'];
  app.addContentTypeParser(
    [
      'image/png',
      'image/jpeg',
      'application/pdf',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
    ],
    { parseAs: 'buffer', bodyLimit: MAX_PHOTO + 1 },
    (_req, body, done) => done(null, body),
  );

  app.get(
    '/divisions',
    {
      schema: {
        tags,
        summary: 'Administrative divisions (GB/T 2260): provinces, cities and counties, six-digit codes',
        response: { 200: z.object({ items: z.array(Division) }) },
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=86400');
      return { items: [...divisions().values()] };
    },
  );
  app.get(
    '/commissioners/agencies',
    {
      schema: {
        tags,
        summary: 'Agencies a demand can be sent to',
        response: {
          200: z.array(
            z.object({
              id: z.string(),
              nameZh: z.string(),
              nameEn: z.string(),
              regionCode: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (req) => svc.listAgencies(req.ctx),
  );
  app.get(
    '/commissioners',
    {
      schema: {
        tags,
        summary: 'The registry: my agencies’ commissioners (analysts: all) with hours, visits and ratings',
        querystring: CommissionerQuery,
        response: { 200: CommissionerPage },
      },
    },
    async (req) => svc.listCommissioners(req.ctx, req.query),
  );
  app.post(
    '/commissioners',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Register a commissioner (individual, team or legal entity) — agency staff',
        body: CommissionerBody,
        response: { 201: Commissioner },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.createCommissioner(req.ctx, req.body)),
  );
  app.post(
    '/commissioners/import',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Import commissioners from a CSV or XLSX file (raw body; docs/commissioners-import.md). Bad rows import nothing (422 with {row, field, reason} per problem) unless ?skipBadRows=true — agency staff',
        querystring: z.object({
          agencyId: z.uuid(),
          skipBadRows: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
      },
    },
    async (req, reply) => {
      const report = await importCommissioners(req.ctx, toBytes(req.body), req.query);
      const locale = req.ctx.locale ?? DEFAULT_LOCALE;
      const errors = report.errors.map((e) => ({
        row: e.row,
        field: e.field,
        reason: render(e.reason, locale),
        key: e.reason.key,
        params: e.reason.params,
      }));
      if (report.ok) return reply.status(200).send({ ...report, errors });
      const first = report.errors[0];
      const more =
        report.errors.length > 1 ? t('import.moreProblems', { count: report.errors.length - 1 }) : '';
      return reply.status(422).send({
        ...report,
        ...errorBody(
          'VALIDATION',
          t('commissioners.import.refused', {
            row: first.row,
            field: first.field,
            reason: first.reason,
            more,
          }),
          locale,
        ),
        field: first.field,
        errors,
      });
    },
  );
  app.get(
    '/commissioners/me',
    {
      schema: {
        tags,
        summary: 'My commissioner record, if I am one',
        response: { 200: z.object({ commissioner: Commissioner.nullable() }) },
      },
    },
    async (req) => svc.myCommissioner(req.ctx),
  );
  app.get(
    '/commissioners/:id',
    { schema: { tags, params: IdParam, response: { 200: Commissioner } } },
    async (req) => svc.getCommissioner(req.ctx, req.params.id),
  );
  app.put(
    '/commissioners/:id',
    {
      schema: {
        tags,
        summary: 'Change a commissioner (agency staff)',
        params: IdParam,
        body: CommissionerBody,
        response: { 200: Commissioner },
      },
    },
    async (req) => svc.updateCommissioner(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/commissioner-demands',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Post a demand (the served party, or a field worker on its behalf)',
        body: DemandBody,
        response: { 201: Demand },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.postDemand(req.ctx, req.body)),
  );
  app.get(
    '/commissioner-demands',
    {
      schema: {
        tags,
        summary: 'Demands: mine (posted), my agencies’ (agency staff), or dispatched to me (commissioner)',
        querystring: DemandQuery,
        response: { 200: DemandPage },
      },
    },
    async (req) => svc.listDemands(req.ctx, req.query),
  );
  app.get(
    '/commissioner-demands/:id',
    { schema: { tags, params: IdParam, response: { 200: Demand } } },
    async (req) => svc.getDemand(req.ctx, req.params.id),
  );
  app.get(
    '/commissioner-demands/:id/candidates',
    {
      schema: {
        tags,
        summary: 'Ranked candidates for this demand only, with explanations (agency staff)',
        params: IdParam,
        response: { 200: z.array(Candidate) },
      },
    },
    async (req) => svc.demandCandidates(req.ctx, req.params.id),
  );
  app.post(
    '/commissioner-demands/:id/dispatch',
    {
      schema: {
        tags,
        summary: 'Dispatch a commissioner to the demand with an agreement (term, goals) — agency staff',
        params: IdParam,
        body: DispatchBody,
        response: { 200: Demand },
      },
    },
    async (req) => svc.dispatch(req.ctx, req.params.id, req.body),
  );
  app.post(
    '/commissioner-demands/:id/resolve',
    {
      schema: {
        tags,
        summary: 'Close a served demand (agency or served party)',
        params: IdParam,
        response: { 200: Demand },
      },
    },
    async (req) => svc.resolveDemand(req.ctx, req.params.id),
  );
  app.post(
    '/commissioner-demands/:id/withdraw',
    {
      schema: {
        tags,
        summary: 'Withdraw a demand not yet served',
        params: IdParam,
        response: { 200: Demand },
      },
    },
    async (req) => svc.withdrawDemand(req.ctx, req.params.id),
  );
  app.get(
    '/commissioner-proposal',
    {
      schema: {
        tags,
        summary: 'The optimal proposal for an agency’s open demands, with explanations and alternatives',
        querystring: z.object({ agencyId: z.uuid() }),
        response: { 200: Proposal },
      },
    },
    async (req) => svc.proposal(req.ctx, req.query.agencyId),
  );

  const Answer = z.object({ demandId: z.string(), state: z.enum(['open', 'serving']) });
  app.post(
    '/commissioner-dispatches/:id/accept',
    {
      schema: {
        tags,
        summary: 'Accept a dispatch (the commissioner)',
        params: IdParam,
        response: { 200: Answer },
      },
    },
    async (req) => svc.respond(req.ctx, req.params.id, { accept: true }),
  );
  app.post(
    '/commissioner-dispatches/:id/decline',
    {
      schema: {
        tags,
        summary: 'Decline a dispatch with a reason (the commissioner); only this demand is matched again',
        params: IdParam,
        body: DeclineBody,
        response: { 200: Answer },
      },
    },
    async (req) => svc.respond(req.ctx, req.params.id, { accept: false, reason: req.body.reason }),
  );
  app.post(
    '/commissioner-dispatches/:id/visits',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Log a service visit (the commissioner, on an accepted dispatch)',
        params: IdParam,
        body: VisitBody,
        response: { 201: z.object({ id: z.string(), demandId: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await svc.logVisit(req.ctx, req.params.id, req.body)),
  );
  app.post(
    '/commissioner-visits/:id/photos',
    {
      bodyLimit: MAX_PHOTO + 1,
      config: { idempotent: true },
      schema: {
        tags,
        summary: 'Attach a photo (JPEG or PNG, raw body; ?name=file name) to a visit not yet confirmed',
        params: IdParam,
        querystring: z.object({ name: z.string().min(1).max(300) }),
        response: {
          201: z.object({
            id: z.string(),
            fileName: z.string(),
            mediaType: z.string(),
            sizeBytes: z.number(),
          }),
        },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await svc.addPhoto(req.ctx, req.params.id, req.query.name, toBytes(req.body))),
  );
  app.get(
    '/commissioner-photos/:id',
    { schema: { tags, summary: 'A visit photo', params: IdParam } },
    async (req, reply) => {
      const f = await svc.getPhoto(req.ctx, req.params.id);
      return reply
        .header('content-type', f.mediaType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'")
        .send(Buffer.from(f.content));
    },
  );
  app.post(
    '/commissioner-visits/:id/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a visit and rate it 1–5 (the served party)',
        params: IdParam,
        body: ConfirmBody,
        response: { 200: Demand },
      },
    },
    async (req) => svc.confirmVisit(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/commissioner-assessments',
    {
      schema: {
        tags,
        summary:
          'The annual assessment of an agency’s commissioners for a year, with the rule that graded them — agency staff, analysts',
        querystring: AssessmentQuery,
        response: { 200: Assessment },
      },
    },
    async (req) => assess.getAssessment(req.ctx, req.query.agencyId, req.query.year),
  );
  app.post(
    '/commissioner-assessments',
    {
      schema: {
        tags,
        summary:
          'Run (again) the assessment for a year with the agency’s thresholds; grades feed the next year’s dispatch — agency staff',
        body: AssessmentBody,
        response: { 200: Assessment },
      },
    },
    async (req) => assess.runAssessment(req.ctx, req.body),
  );
  app.get(
    '/commissioner-assessments/export',
    {
      schema: {
        tags,
        summary: 'The same results as CSV or XLSX, in the reader’s language',
        querystring: AssessmentQuery.extend({ format: z.enum(['csv', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      const a = await assess.getAssessment(req.ctx, req.query.agencyId, req.query.year);
      const en = req.ctx.locale === 'en';
      const header = en
        ? [
            'commissioner',
            'home organisation',
            'hours',
            'visits confirmed',
            'demands resolved',
            'ratings',
            'mean rating',
            'grade',
            'rule',
          ]
        : [
            '科技特派员',
            '所在单位',
            '服务时长（小时）',
            '确认服务次数',
            '解决需求数',
            '评价次数',
            '平均评分',
            '考核等级',
            '考核规则',
          ];
      return sendTable(
        reply,
        req.query.format,
        `commissioner-assessment-${a.year}`,
        header,
        a.items.map((r) => [
          en ? r.commissioner.nameEn : r.commissioner.nameZh,
          r.commissioner.homeOrg,
          r.hours,
          r.visits,
          r.resolved,
          r.ratings,
          r.rating ?? '',
          en ? GRADE_NAMES[r.grade].en : GRADE_NAMES[r.grade].zh,
          JSON.stringify(r.rule),
        ]),
      );
    },
  );

  app.get(
    '/commissioner-stats',
    {
      schema: {
        tags,
        summary:
          'Commissioners, demands open and served, confirmed hours and visits, mean rating by province, city or county (within a division) — analysts, agency staff (their agencies)',
        querystring: StatsQuery,
        response: { 200: Stats },
      },
    },
    async (req) => stats.commissionerStats(req.ctx, req.query),
  );
  app.get(
    '/commissioner-stats/export',
    {
      schema: {
        tags,
        summary: 'The same figures as CSV or XLSX, in the reader’s language',
        querystring: StatsQuery.extend({ format: z.enum(['csv', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      const r = await stats.commissionerStats(req.ctx, req.query);
      const en = req.ctx.locale === 'en';
      const header = en
        ? [
            'division',
            'commissioners',
            'demands open',
            'demands served',
            'hours',
            'visits confirmed',
            'mean rating',
          ]
        : [
            '行政区划',
            '科技特派员',
            '待办需求',
            '已办结需求',
            '服务时长（小时）',
            '确认服务次数',
            '平均评分',
          ];
      return sendTable(
        reply,
        req.query.format,
        `commissioner-stats-${r.within?.code ?? 'all'}-${r.level}`,
        header,
        r.rows.map((x) => [
          x.name,
          x.commissioners,
          x.demandsOpen,
          x.demandsServed,
          x.hours,
          x.visits,
          x.rating ?? '',
        ]),
      );
    },
  );
};

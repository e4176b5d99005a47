// HTTP adapter for the expert pool, review rounds, assignment runs, named exclusions and the
// expert's decline / declaration of a conflict. Thin: schemas first, services decide.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../http/errors.ts';
import { pageOf } from '../../http/paging.ts';
import { DEFAULT_LOCALE } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import { zkey } from '../../i18n/validation.ts';
import * as assignment from './assignment.service.ts';
import './evaluation.tasks.ts';
import {
  ExclusionsBody,
  ExpertPatch,
  IdParam,
  ImportQuery,
  PoolExpert,
  PoolQuery,
  ReasonBody,
  RoundBody,
  RoundEditBody,
  RoundListItem,
  RoundListQuery,
} from './pool.schema.ts';
import * as pool from './pool.service.ts';
import { MAX_IMPORT_BYTES } from './pool.ts';
import * as rounds from './rounds.service.ts';

const Empty = z.strictObject({}).default({});
const RoundParam = z.object({ roundId: z.uuid({ message: zkey('validation.format.uuid') }) });
const RoundRunParam = z.object({ roundId: z.uuid(), runId: z.uuid() });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  // The import file arrives raw; CSV or XLSX is decided by its bytes, not this header.
  app.addContentTypeParser(
    ['text/csv', XLSX, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES + 1 },
    (_req, body, done) => done(null, body),
  );
  const tags = ['experts'];
  app.post(
    '/experts/import',
    {
      config: { idempotent: true },
      bodyLimit: MAX_IMPORT_BYTES + 1,
      schema: {
        tags,
        summary:
          'Import experts from a CSV or XLSX file (raw body; docs/expert-import.md). A file with bad rows imports nothing (422 with {row, field, reason} per problem) unless ?skipBadRows=true (organizer)',
        querystring: ImportQuery,
      },
    },
    async (req, reply) => {
      const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
      const report = await pool.importExperts(req.ctx, bytes, {
        skipBadRows: req.query.skipBadRows,
        agencyId: req.query.agencyId,
        fileName: req.query.name,
      });
      // Each row's reason in the reader's language, with its key and parameters for API clients.
      const locale = req.ctx.locale ?? DEFAULT_LOCALE;
      const errors = report.errors.map((e) => ({
        row: e.row,
        field: e.field,
        reason: render(e.reason, locale),
        key: e.reason.key,
        params: e.reason.params,
      }));
      if (report.ok) return reply.status(200).send({ ...report, errors });
      // Refused whole: the common error shape, naming the first problem, with the per-row report.
      const first = report.errors[0];
      const more =
        report.errors.length > 1 ? t('import.moreProblems', { count: report.errors.length - 1 }) : '';
      const msg = first
        ? t('import.refused', { row: first.row, field: first.field, reason: first.reason, more })
        : t('import.refusedWhole');
      return reply.status(422).send({
        ...report,
        ...errorBody('VALIDATION', msg, locale),
        field: first?.field,
        errors,
      });
    },
  );
  app.get(
    '/experts',
    {
      schema: {
        tags,
        summary: 'The expert pool, searched by name, email, keyword or code (organizer)',
        querystring: PoolQuery,
        response: { 200: pageOf(PoolExpert) },
      },
    },
    async (req) => {
      const { q, ...page } = req.query;
      return pool.listExperts(req.ctx, { search: q, ...page });
    },
  );
  app.get(
    '/experts/:id',
    {
      schema: { tags, summary: 'One expert: load cap, availability, relations (organizer)', params: IdParam },
    },
    async (req) => pool.getExpert(req.ctx, req.params.id),
  );
  app.patch(
    '/experts/:id',
    {
      schema: {
        tags,
        summary: 'Edit an expert’s load cap, availability, active flag or declared relations (organizer)',
        params: IdParam,
        body: ExpertPatch,
      },
    },
    async (req) => pool.editExpert(req.ctx, req.params.id, req.body),
  );

  const rtags = ['review rounds'];
  app.post(
    '/review-rounds',
    {
      config: { idempotent: true },
      schema: {
        tags: rtags,
        summary: 'Create a review round on a challenge (its organizers)',
        body: RoundBody,
      },
    },
    async (req, reply) => reply.status(201).send(await rounds.createRound(req.ctx, req.body)),
  );
  app.get(
    '/review-rounds',
    {
      schema: {
        tags: rtags,
        summary: 'A page of the rounds I organise, newest first',
        querystring: RoundListQuery,
        response: { 200: pageOf(RoundListItem) },
      },
    },
    async (req) => {
      const { q, ...rest } = req.query;
      return rounds.listRounds(req.ctx, { search: q, ...rest });
    },
  );
  app.get(
    '/review-rounds/:roundId',
    { schema: { tags: rtags, summary: 'One round (organizers)', params: RoundParam } },
    async (req) => rounds.getRound(req.ctx, req.params.roundId),
  );
  app.put(
    '/review-rounds/:roundId',
    {
      schema: {
        tags: rtags,
        summary: 'Edit a round while it is a draft or assigning (organizers)',
        params: RoundParam,
        body: RoundEditBody,
      },
    },
    async (req) => rounds.editRound(req.ctx, req.params.roundId, req.body),
  );
  app.post(
    '/review-rounds/:roundId/open-reviews',
    {
      schema: {
        tags: rtags,
        summary: 'Open the reviews: assigning → reviewing (organizers)',
        params: RoundParam,
        body: Empty,
      },
    },
    async (req) => rounds.openReviews(req.ctx, req.params.roundId),
  );
  app.post(
    '/review-rounds/:roundId/assignment-runs',
    {
      // Not idempotent-wrapped: the run goes on after the answer on the app's own connections,
      // never inside a request transaction (a retried click simply starts a rerun).
      schema: {
        tags: rtags,
        summary:
          'Run the assignment (affinity, conflicts, exact solver); answers at once with the run to poll. Reruns replace unstarted assignments only (organizers)',
        params: RoundParam,
        body: Empty,
      },
    },
    async (req, reply) => reply.status(202).send(await assignment.startRun(req.ctx, req.params.roundId)),
  );
  app.get(
    '/review-rounds/:roundId/assignment-runs/:runId',
    {
      schema: {
        tags: rtags,
        summary: 'A run’s phase, progress and figures (organizers)',
        params: RoundRunParam,
      },
    },
    async (req) => assignment.getRun(req.ctx, req.params.roundId, req.params.runId),
  );
  app.get(
    '/review-rounds/:roundId/assignments',
    {
      schema: {
        tags: rtags,
        summary: 'Assignments per item with identities and shared terms (organizers)',
        params: RoundParam,
      },
    },
    async (req) => assignment.listAssignments(req.ctx, req.params.roundId),
  );
  app.get(
    '/review-rounds/:roundId/conflicts',
    {
      schema: {
        tags: rtags,
        summary: 'Every conflicted (item, expert) pair with reason codes (organizers)',
        params: RoundParam,
      },
    },
    async (req) => assignment.listConflicts(req.ctx, req.params.roundId),
  );
  app.post(
    '/review-assignments/:id/decline',
    {
      schema: {
        tags: rtags,
        summary: 'Decline an assigned item with a reason; only that item is reassigned (the expert)',
        params: IdParam,
        body: ReasonBody,
      },
    },
    async (req) => assignment.leaveAssignment(req.ctx, req.params.id, 'declined', req.body.reason),
  );
  app.post(
    '/review-assignments/:id/declare-conflict',
    {
      schema: {
        tags: rtags,
        summary:
          'Declare a conflict of interest on opening an item; only that item is reassigned (the expert)',
        params: IdParam,
        body: ReasonBody,
      },
    },
    async (req) => assignment.leaveAssignment(req.ctx, req.params.id, 'conflict', req.body.reason),
  );
  app.get(
    '/bids/:id/exclusions',
    {
      schema: {
        tags: ['bids'],
        summary: 'Experts the applicant named for exclusion (the commander)',
        params: IdParam,
      },
    },
    async (req) => rounds.getExclusions(req.ctx, req.params.id),
  );
  app.put(
    '/bids/:id/exclusions',
    {
      schema: {
        tags: ['bids'],
        summary: 'Name experts to exclude, each with a reason, before the round assigns (the commander)',
        params: IdParam,
        body: ExclusionsBody,
      },
    },
    async (req) => rounds.setExclusions(req.ctx, req.params.id, req.body.exclusions),
  );
};

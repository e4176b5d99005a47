// HTTP adapter for integrity records and duplicate-submission flags.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendTable } from '../../http/export.ts';
import { IdParam } from '../accounts/accounts.schema.ts';
import {
  AppealBody,
  AppealDecisionBody,
  ExportQuery,
  FlagDecisionBody,
  RecordBody,
  RecordPage,
  RecordQuery,
  ReferralDecisionBody,
} from './integrity.schema.ts';
import * as svc from './integrity.service.ts';
import './integrity.tasks.ts';

export const integrityRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['integrity'];
  app.get(
    '/integrity/records',
    {
      schema: {
        tags,
        summary:
          'Integrity records, a page at a time, newest first: all for officers, one’s own for everyone else; by appeal status or subject name',
        querystring: RecordQuery,
        response: { 200: RecordPage },
      },
    },
    async (req) => svc.listRecords(req.ctx, req.query),
  );
  app.get(
    '/integrity/records/export',
    {
      schema: {
        tags,
        summary: 'The integrity records the reader may see, as CSV or XLSX (the read is logged)',
        querystring: ExportQuery,
      },
    },
    async (req, reply) => {
      const rows = await svc.allRecords(req.ctx);
      return sendTable(
        reply,
        req.query.format,
        'integrity-records',
        [
          'created_at',
          'subject_person',
          'subject_email',
          'subject_organisation',
          'finding_type',
          'severity',
          'decision',
          'sanction_blocks',
          'sanction_from',
          'sanction_to',
          'appeal_status',
        ],
        rows.map((r) => [
          r.createdAt,
          r.subjectPerson ? r.subjectPerson.nameZh || r.subjectPerson.nameEn : '',
          r.subjectPerson?.email ?? '',
          r.subjectOrg ? r.subjectOrg.nameZh || r.subjectOrg.nameEn : '',
          r.findingType,
          r.severity,
          r.decision,
          r.sanction?.blocks.join(' ') ?? '',
          r.sanction?.startsOn ?? '',
          r.sanction?.endsOn ?? '',
          r.appealStatus,
        ]),
      );
    },
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

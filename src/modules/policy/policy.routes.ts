// HTTP adapter for the policy tools. Thin: the zod body schemas validate (and document) the
// input, the service computes or saves, the result schemas shape the response.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { ErrorBody } from '../../http/errors.ts';
import { t } from '../../i18n/messages.ts';
import {
  DeductionInputSchema,
  DeductionResultSchema,
  HnteInputSchema,
  HnteResultSchema,
  TransferInputSchema,
  TransferResultSchema,
  WorksheetBody,
  WorksheetQuery,
  WorksheetView,
} from '../../shared/policy/policy.schema.ts';
import * as svc from './policy.service.ts';

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const policyRoutes: FastifyPluginAsyncZod = async (app) => {
  // Everything here is for signed-in users: refuse anonymous callers before reading their input.
  app.addHook('preValidation', async (req) => {
    if (!req.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  });

  app.post(
    '/policy/hnte',
    {
      schema: {
        tags: ['policy'],
        summary: 'High and New Technology Enterprise recognition self-check (国科发火〔2016〕32号 Art. 11)',
        description:
          'Amounts in yuan ("1234.56"). Each condition is reported met or not, with every step and the rule it applies. Changes nothing.',
        body: HnteInputSchema,
        response: { 200: HnteResultSchema, ...errors },
      },
    },
    async (req) => svc.hnteSelfCheck(req.ctx, req.body),
  );

  app.post(
    '/policy/deduction',
    {
      schema: {
        tags: ['policy'],
        summary: 'R&D expense super-deduction (财政部 税务总局公告2023年第7号 and related rules)',
        description: 'Amounts in yuan ("1234.56"); the result shows every step. Changes nothing.',
        body: DeductionInputSchema,
        response: { 200: DeductionResultSchema, ...errors },
      },
    },
    async (req) => svc.superDeduction(req.ctx, req.body),
  );

  app.post(
    '/policy/transfer',
    {
      schema: {
        tags: ['policy'],
        summary: 'Income tax on technology-transfer income (实施条例第九十条; 财税〔2020〕61号)',
        description: 'Amounts in yuan ("1234.56"); the result shows every step. Changes nothing.',
        body: TransferInputSchema,
        response: { 200: TransferResultSchema, ...errors },
      },
    },
    async (req) => svc.techTransfer(req.ctx, req.body),
  );

  app.get(
    '/policy/worksheets',
    {
      schema: {
        tags: ['policy'],
        summary: "An organisation's saved tool inputs, newest year first (its members only)",
        querystring: WorksheetQuery,
        response: { 200: z.array(WorksheetView), ...errors },
      },
    },
    async (req) => svc.listWorksheets(req.ctx, req.query.orgId, req.query.kind),
  );

  app.put(
    '/policy/worksheets',
    {
      schema: {
        tags: ['policy'],
        summary: "Save one tool's input for an organisation and tax year (replaces that year's; audited)",
        body: WorksheetBody,
        response: { 200: WorksheetView, ...errors },
      },
    },
    async (req) => svc.saveWorksheet(req.ctx, req.body),
  );
};

// HTTP adapter for the analyst's desk: thin, every query checked by its zod schema first.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorBody } from '../../http/errors.ts';
import { sendTable } from '../../http/export.ts';
import { DEFAULT_LOCALE } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import * as ind from './indicators.service.ts';
import {
  IndicatorSeries,
  IndicatorSeriesQuery,
  IndicatorYear,
  IndicatorYearQuery,
} from './insight.schema.ts';

const MAX_FILE = 5 * 1024 * 1024;
const toBytes = (b: unknown) => (Buffer.isBuffer(b) ? new Uint8Array(b) : new Uint8Array());

export const insightRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['insight'];
  app.addContentTypeParser(
    [
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
    ],
    { parseAs: 'buffer', bodyLimit: MAX_FILE + 1 },
    (_req, body, done) => done(null, body),
  );

  app.post(
    '/insight/indicators/import',
    {
      config: { idempotent: true },
      schema: {
        tags,
        summary:
          'Import R&D statistics from CSV or XLSX (raw body; layout in docs/rd-indicators.md). Bad rows import nothing (422 with {row, field, reason} per problem) unless ?skipBadRows=true; a (dimension, code, year) already on file is replaced — analysts, platform admins',
        querystring: z.object({
          skipBadRows: z
            .enum(['true', 'false'])
            .default('false')
            .transform((v) => v === 'true'),
        }),
      },
    },
    async (req, reply) => {
      const report = await ind.importIndicators(req.ctx, toBytes(req.body), req.query);
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
          t('insight.ind.refused', { row: first.row, field: first.field, reason: first.reason, more }),
          locale,
        ),
        errors,
      });
    },
  );

  app.get(
    '/insight/indicators',
    {
      schema: {
        tags,
        summary:
          'R&D figures of one year by province or industry: intensity (R&D ÷ GDP or revenue), its rank and change, share of R&D, growth — analysts, programme officers, platform admins (read audited)',
        querystring: IndicatorYearQuery,
        response: { 200: IndicatorYear },
      },
    },
    async (req) => ind.indicatorYear(req.ctx, req.query),
  );

  app.get(
    '/insight/indicators/series',
    {
      schema: {
        tags,
        summary: 'Time series of 1–10 provinces or industries (two for a comparison) — same readers',
        querystring: IndicatorSeriesQuery,
        response: { 200: IndicatorSeries },
      },
    },
    async (req) => ind.indicatorSeries(req.ctx, req.query),
  );

  app.get(
    '/insight/indicators/export',
    {
      schema: {
        tags,
        summary: 'One year’s R&D figures as CSV or XLSX, in the reader’s language — same readers',
        querystring: IndicatorYearQuery.extend({ format: z.enum(['csv', 'xlsx']) }),
      },
    },
    async (req, reply) => {
      const r = await ind.indicatorYear(req.ctx, req.query);
      const en = req.ctx.locale === 'en';
      const header = en
        ? [
            'rank',
            'code',
            'name',
            'year',
            'R&D expenditure (100 million yuan)',
            req.query.dimension === 'province' ? 'GDP (100 million yuan)' : 'revenue (100 million yuan)',
            'R&D intensity (%)',
            'share of R&D (%)',
            'R&D growth (%)',
            'intensity change (pp)',
            'R&D personnel (person-years)',
          ]
        : [
            '排名',
            '代码',
            '名称',
            '年份',
            'R&D经费（亿元）',
            req.query.dimension === 'province' ? '地区生产总值（亿元）' : '营业收入（亿元）',
            'R&D经费投入强度（%）',
            'R&D经费占比（%）',
            'R&D经费增长（%）',
            '强度变化（百分点）',
            'R&D人员（人年）',
          ];
      return sendTable(
        reply,
        req.query.format,
        `rd-indicators-${r.dimension}-${r.year ?? 'none'}`,
        header,
        r.rows.map((x) => [
          x.intensityRank,
          x.code,
          x.name,
          x.year,
          x.rdExpenditure,
          x.output,
          x.intensity,
          x.share,
          x.growth ?? '',
          x.intensityChange ?? '',
          x.rdPersonnel ?? '',
        ]),
      );
    },
  );
};

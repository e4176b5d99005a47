// R&D indicators: import official statistics (all rows or none unless bad rows are skipped; a
// re-import of a (dimension, code, year) replaces it), and the figures by year and as series.
// Every read is written to the audit trail as a sensitive read.
import { sql } from 'kysely';
import type { Ctx } from '../../app/context.ts';
import { inTx } from '../../app/context.ts';
import { invalid } from '../../errors.ts';
import { nameIn } from '../../i18n/locale.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { readSheet } from '../evaluation/pool.ts';
import {
  type Dimension,
  type Figure,
  INDICATOR_COLUMNS,
  percent,
  REQUIRED_COLUMNS,
  type RowProblem,
  toUnits,
  validateIndicatorRecords,
  yearFigures,
} from './indicators.ts';
import { requireImporter, requireReader } from './insight.access.ts';

export interface ImportReport {
  ok: boolean;
  inserted: number;
  updated: number;
  skipped: number;
  errors: RowProblem[];
}

/** Imports a CSV or XLSX file of the documented layout (docs/rd-indicators.md). */
export async function importIndicators(
  ctx: Ctx,
  bytes: Uint8Array,
  opts: { skipBadRows: boolean },
): Promise<ImportReport> {
  const actor = requireImporter(ctx.actor);
  const sheet = await readSheet(bytes, { required: REQUIRED_COLUMNS, known: INDICATOR_COLUMNS });
  if (sheet.error) throw invalid('file', sheet.error);
  const { rows, errors } = validateIndicatorRecords(sheet.records);
  const skipped = new Set(errors.map((e) => e.row)).size;
  if (errors.length && !opts.skipBadRows) return { ok: false, inserted: 0, updated: 0, skipped: 0, errors };
  const now = ctx.now();
  return inTx(ctx, async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const res = await tx
        .insertInto('insight_indicator')
        .values(
          chunk.map((r) => ({
            dimension: r.dimension,
            code: r.code,
            name_zh: r.nameZh,
            name_en: r.nameEn,
            year: r.year,
            rd_expenditure: r.rdExpenditure,
            output: r.output,
            rd_personnel: r.rdPersonnel,
            imported_by: actor.personId,
            imported_at: now,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['dimension', 'code', 'year']).doUpdateSet((eb) => ({
            name_zh: eb.ref('excluded.name_zh'),
            name_en: eb.ref('excluded.name_en'),
            rd_expenditure: eb.ref('excluded.rd_expenditure'),
            output: eb.ref('excluded.output'),
            rd_personnel: eb.ref('excluded.rd_personnel'),
            imported_by: eb.ref('excluded.imported_by'),
            imported_at: eb.ref('excluded.imported_at'),
          })),
        )
        // xmax = 0 on a freshly inserted row version; an updated row carries the updater's xid
        .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
        .execute();
      for (const r of res)
        if (r.inserted) inserted++;
        else updated++;
    }
    await recordAudit(tx, actor, now, {
      action: 'insight.indicators_import',
      objectType: 'insight',
      objectId: 'indicators',
      after: { inserted, updated, skipped },
    });
    return { ok: true, inserted, updated, skipped, errors };
  });
}

async function logRead(ctx: Ctx, what: string, detail: Record<string, unknown>) {
  const actor = requireReader(ctx.actor);
  await inTx(ctx, (tx) =>
    recordAudit(tx, actor, ctx.now(), {
      action: `insight.read_${what}`,
      objectType: 'insight',
      objectId: what,
      detail,
    }),
  );
}

const FIGURE_COLUMNS = [
  'code',
  'name_zh',
  'name_en',
  'year',
  'rd_expenditure',
  'output',
  'rd_personnel',
] as const;

const toFigure = (r: {
  code: string;
  name_zh: string;
  name_en: string;
  year: number;
  rd_expenditure: string;
  output: string;
  rd_personnel: string | null;
}): Figure => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  year: r.year,
  rdExpenditure: r.rd_expenditure,
  output: r.output,
  rdPersonnel: r.rd_personnel,
});

/** The years with figures for a dimension, newest first. */
async function yearsOf(ctx: Ctx, dimension: Dimension): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('insight_indicator')
    .select('year')
    .distinct()
    .where('dimension', '=', dimension)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => r.year);
}

const present = (ctx: Ctx, f: Figure) => ({
  code: f.code,
  name: nameIn(ctx.locale ?? 'zh-CN', f.nameZh, f.nameEn),
  year: f.year,
  rdExpenditure: Number(f.rdExpenditure) === 0 ? '0' : f.rdExpenditure.replace(/\.?0+$/, ''),
  output: f.output.replace(/\.?0+$/, ''),
  rdPersonnel: f.rdPersonnel === null ? null : f.rdPersonnel.replace(/\.?0+$/, '') || '0',
});

/** One year's figures for a dimension, ranked by intensity (the newest year when none is given). */
export async function indicatorYear(ctx: Ctx, q: { dimension: Dimension; year?: number }) {
  requireReader(ctx.actor);
  const years = await yearsOf(ctx, q.dimension);
  const year = q.year ?? years[0];
  if (q.year !== undefined && !years.includes(q.year)) throw invalid('year', t('insight.ind.noYear'));
  await logRead(ctx, 'indicators', { dimension: q.dimension, year: year ?? null });
  if (year === undefined) return { dimension: q.dimension, year: null, years, totals: null, rows: [] };
  const all = await ctx.db
    .selectFrom('insight_indicator')
    .select(FIGURE_COLUMNS)
    .where('dimension', '=', q.dimension)
    .where('year', 'in', [year, year - 1])
    .execute();
  const figures = yearFigures(
    all.filter((r) => r.year === year).map(toFigure),
    all.filter((r) => r.year === year - 1).map(toFigure),
  );
  const rd = figures.reduce((s, f) => s + toUnits(f.rdExpenditure), 0n);
  const out = figures.reduce((s, f) => s + toUnits(f.output), 0n);
  return {
    dimension: q.dimension,
    year,
    years,
    totals: { count: figures.length, intensity: out === 0n ? null : percent(rd, out) },
    rows: figures.map((f) => ({
      ...present(ctx, f),
      intensity: f.intensity,
      intensityRank: f.intensityRank,
      share: f.share,
      growth: f.growth,
      intensityChange: f.intensityChange,
    })),
  };
}

/** Time series of up to ten regions or industries (two for a comparison), every year on file. */
export async function indicatorSeries(ctx: Ctx, q: { dimension: Dimension; codes: string[] }) {
  requireReader(ctx.actor);
  const codes = [...new Set(q.codes.map((c) => c.toUpperCase()))];
  if (codes.length < 1 || codes.length > 10) throw invalid('codes', t('insight.ind.codes'));
  await logRead(ctx, 'indicator_series', { dimension: q.dimension, codes });
  const rows = await ctx.db
    .selectFrom('insight_indicator')
    .select(FIGURE_COLUMNS)
    .where('dimension', '=', q.dimension)
    .where('code', 'in', codes)
    .orderBy('year')
    .execute();
  const known = codes.filter((c) => rows.some((r) => r.code === c));
  return {
    dimension: q.dimension,
    series: known.map((code) => {
      const mine = rows.filter((r) => r.code === code).map(toFigure);
      const latest = mine[mine.length - 1];
      return {
        code,
        name: nameIn(ctx.locale ?? 'zh-CN', latest.nameZh, latest.nameEn),
        points: mine.map((f, i) => {
          const prev = mine[i - 1]?.year === f.year - 1 ? mine[i - 1] : undefined;
          const prd = prev ? toUnits(prev.rdExpenditure) : 0n;
          return {
            ...present(ctx, f),
            intensity: percent(toUnits(f.rdExpenditure), toUnits(f.output)),
            growth: prev && prd !== 0n ? percent(toUnits(f.rdExpenditure) - prd, prd) : null,
          };
        }),
      };
    }),
  };
}

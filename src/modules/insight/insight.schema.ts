// Request and response schemas of the insight API (the OpenAPI document and the web's typed client
// carry them). Amounts and percentages are exact decimal texts.
import { z } from 'zod';
import { DIMENSIONS } from './indicators.ts';

const dec = z.string().describe('exact decimal');
const pct = z.string().describe('percent, two decimal places, rounded half up');

export const IndicatorYearQuery = z.object({
  dimension: z.enum(DIMENSIONS).default('province'),
  year: z.coerce.number().int().min(1949).max(2100).optional(),
});

const Base = {
  code: z.string(),
  name: z.string(),
  year: z.number().int(),
  /** R&D expenditure, 亿元 */
  rdExpenditure: dec,
  /** GDP (province) or main-business revenue (industry), 亿元 */
  output: dec,
  /** R&D personnel, person-years */
  rdPersonnel: dec.nullable(),
  intensity: pct,
  growth: pct.nullable(),
};

export const IndicatorYear = z.object({
  dimension: z.enum(DIMENSIONS),
  year: z.number().int().nullable(),
  years: z.array(z.number().int()),
  totals: z.object({ count: z.number().int(), intensity: pct.nullable() }).nullable(),
  rows: z.array(
    z.object({
      ...Base,
      intensityRank: z.number().int(),
      share: pct,
      intensityChange: pct.nullable(),
    }),
  ),
});

export const IndicatorSeriesQuery = z.object({
  dimension: z.enum(DIMENSIONS).default('province'),
  /** comma-separated codes, 1 to 10 */
  codes: z
    .string()
    .max(200)
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
});

export const IndicatorSeries = z.object({
  dimension: z.enum(DIMENSIONS),
  series: z.array(z.object({ code: z.string(), name: z.string(), points: z.array(z.object(Base)) })),
});

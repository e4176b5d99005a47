// R&D indicators imported from official statistics: one row per (dimension, code, year), amounts
// in 亿元 as exact decimals. Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE insight_indicator (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dimension text NOT NULL CHECK (dimension IN ('province','industry')),
  code text NOT NULL CHECK (code ~ '^[0-9A-Z]{1,6}$'),
  name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 100),
  name_en text NOT NULL DEFAULT '' CHECK (length(name_en) <= 200),
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2100),
  -- R&D expenditure and GDP (province) or main-business revenue (industry), in 亿元
  rd_expenditure numeric(20,4) NOT NULL CHECK (rd_expenditure >= 0),
  output numeric(20,4) NOT NULL CHECK (output > 0),
  -- R&D personnel in full-time equivalent person-years (人年); not every source gives it
  rd_personnel numeric(20,4) CHECK (rd_personnel >= 0),
  imported_by uuid REFERENCES person(id),
  imported_at timestamptz NOT NULL,
  UNIQUE (dimension, code, year)
);
CREATE INDEX insight_indicator_year ON insight_indicator (dimension, year);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE insight_indicator`.execute(db);
}

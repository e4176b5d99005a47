// Policy tools: the inputs an organisation saved per tool and tax year, so forms pre-fill
// from earlier years. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE policy_worksheet (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisation(id),
  kind text NOT NULL CHECK (kind IN ('hnte','deduction','transfer')),
  tax_year integer NOT NULL CHECK (tax_year BETWEEN 1980 AND 2100),
  input jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_id, kind, tax_year)
);

DO $f$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON policy_worksheet TO jiebang_app;
  END IF;
END
$f$;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE policy_worksheet;`.execute(db);
}

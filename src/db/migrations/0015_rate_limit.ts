// Rate-limit counters shared by every app instance: one row per (route, client key) holding the
// hits in the current fixed window and when that window ends. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE UNLOGGED TABLE rate_limit_hit (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  resets_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_hit_resets_at ON rate_limit_hit (resets_at);
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app') THEN
    GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_hit TO jiebang_app;
  END IF;
END $$;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE rate_limit_hit;`.execute(db);
}

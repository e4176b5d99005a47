// Password reset by e-mail: single-use, short-lived tokens of which only the SHA-256 is stored.
// Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE password_reset (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person(id),
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  -- set when used, or when a newer link or a password change makes it void
  used_at timestamptz,
  ip text NOT NULL DEFAULT ''
);
CREATE INDEX password_reset_person ON password_reset (person_id, created_at DESC);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE password_reset`.execute(db);
}

// Sessions a person can see and end: each gets a public id to name it by (its primary key is the
// SHA-256 of the cookie's token and never leaves the server). Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE session ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX session_public_id ON session (public_id);
CREATE INDEX session_person_live ON session (person_id) WHERE revoked_at IS NULL;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP INDEX session_person_live;
DROP INDEX session_public_id;
ALTER TABLE session DROP COLUMN public_id;
`.execute(db);
}

// Idempotency records: one row per (actor, key) holding the digest of the request it was first
// used for and the response that request got. Written in the same transaction as the write it
// protects, so a retry after a crash finds either both or neither. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE idempotency_record (
  actor_id uuid NOT NULL REFERENCES person(id),
  key text NOT NULL CHECK (length(key) BETWEEN 8 AND 100),
  method text NOT NULL,
  route text NOT NULL,
  request_digest text NOT NULL,
  status_code integer,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (actor_id, key)
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE idempotency_record;`.execute(db);
}

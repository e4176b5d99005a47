// An assignment run's heartbeat: the instance running it writes the database's time at least
// every few seconds, so a run whose server died shows as stalled instead of running forever.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE review_assignment_run ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now()`.execute(
    db,
  );
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE review_assignment_run DROP COLUMN heartbeat_at`.execute(db);
}

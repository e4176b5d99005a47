// Integrity referrals acted on by an officer (opened as a record, or dismissed with a reason), and
// appeals lodged by the subject of a record with their grounds and the officer's decision note.
// Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE integrity_referral
  ADD COLUMN outcome text CHECK (outcome IN ('record','dismissed')),
  ADD COLUMN reason text NOT NULL DEFAULT '',
  ADD COLUMN record_id uuid REFERENCES integrity_record(id),
  ADD COLUMN closed_by uuid REFERENCES person(id),
  ADD COLUMN closed_at timestamptz,
  ADD CONSTRAINT integrity_referral_closed CHECK ((state = 'closed') = (outcome IS NOT NULL)),
  ADD CONSTRAINT integrity_referral_record CHECK ((outcome = 'record') = (record_id IS NOT NULL));
CREATE INDEX integrity_referral_state ON integrity_referral(state, created_at);
ALTER TABLE integrity_record
  ADD COLUMN appeal_grounds text NOT NULL DEFAULT '',
  ADD COLUMN appeal_note text NOT NULL DEFAULT '';
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE integrity_record DROP COLUMN appeal_note, DROP COLUMN appeal_grounds;
DROP INDEX integrity_referral_state;
ALTER TABLE integrity_referral DROP CONSTRAINT integrity_referral_record, DROP CONSTRAINT integrity_referral_closed,
  DROP COLUMN closed_at, DROP COLUMN closed_by, DROP COLUMN record_id, DROP COLUMN reason, DROP COLUMN outcome;
`.execute(db);
}

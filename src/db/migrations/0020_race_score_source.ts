// Horse race, second pass: where a stage's expert scores come from (typed in by the organizer, or
// the calibrated ranking of the review round run for that stage); the stage's lot seed, fixed at
// its first gate proposal so a withdrawn and re-proposed gate draws the same lot; whether the
// stage requires evidence, and the evidence each team submits itself. Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE race_stage
  ADD COLUMN score_source text NOT NULL DEFAULT 'manual' CHECK (score_source IN ('manual','review_round')),
  ADD COLUMN lot_seed text,
  ADD COLUMN evidence_required boolean NOT NULL DEFAULT false;

CREATE TABLE race_evidence (
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  stage_no integer NOT NULL,
  team_id uuid NOT NULL REFERENCES race_team(id),
  text text NOT NULL CHECK (text <> ''),
  attachment_ids uuid[] NOT NULL DEFAULT '{}',
  submitted_by uuid NOT NULL REFERENCES person(id),
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (race_id, stage_no, team_id),
  FOREIGN KEY (race_id, stage_no) REFERENCES race_stage(race_id, stage_no)
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE race_evidence;
ALTER TABLE race_stage DROP COLUMN score_source, DROP COLUMN lot_seed, DROP COLUMN evidence_required;
`.execute(db);
}

// Outcomes of a review round (and drafts of reviews may leave confidence and total unset): reminders sent to late reviewers, the rapporteur's consensus report
// per item, the applicant's one rebuttal within the round's window, appeals on procedural grounds,
// and stored ranking decisions (inputs + outcome, so a decision can be recomputed). Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
-- A draft may leave confidence and the total unset; a submitted review has both.
ALTER TABLE review ALTER COLUMN confidence DROP NOT NULL;
ALTER TABLE review ALTER COLUMN total DROP NOT NULL;
ALTER TABLE review ADD CONSTRAINT review_submitted_complete
  CHECK (state = 'draft' OR (confidence IS NOT NULL AND total IS NOT NULL AND submitted_at IS NOT NULL));

CREATE TABLE review_reminder (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES review_round(id),
  assignment_id uuid NOT NULL REFERENCES review_assignment(id),
  sent_by uuid NOT NULL REFERENCES person(id),
  sent_at timestamptz NOT NULL
);
CREATE INDEX review_reminder_assignment ON review_reminder(assignment_id);

CREATE TABLE consensus_report (
  round_id uuid NOT NULL REFERENCES review_round(id),
  bid_id uuid NOT NULL REFERENCES bid(id),
  rapporteur_assignment_id uuid NOT NULL REFERENCES review_assignment(id),
  majority text NOT NULL DEFAULT '',
  minority text NOT NULL DEFAULT '',
  recommendation text NOT NULL DEFAULT '' CHECK (recommendation IN ('', 'fund', 'fund_if_budget', 'do_not_fund')),
  state text NOT NULL CHECK (state IN ('open','proposed','accepted')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL,
  accepted_by uuid REFERENCES person(id),
  accepted_at timestamptz,
  PRIMARY KEY (round_id, bid_id)
);

CREATE TABLE rebuttal_window (
  round_id uuid PRIMARY KEY REFERENCES review_round(id),
  opens_at timestamptz NOT NULL,
  closes_at timestamptz NOT NULL,
  set_by uuid NOT NULL REFERENCES person(id),
  CHECK (closes_at > opens_at)
);

CREATE TABLE rebuttal (
  round_id uuid NOT NULL REFERENCES review_round(id),
  bid_id uuid NOT NULL REFERENCES bid(id),
  body text NOT NULL CHECK (body <> ''),
  author_id uuid NOT NULL REFERENCES person(id),
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (round_id, bid_id)
);

CREATE TABLE review_appeal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES review_round(id),
  bid_id uuid NOT NULL REFERENCES bid(id),
  ground text NOT NULL CHECK (ground IN ('conflict_of_interest','procedure_not_followed','rubric_misapplied','calculation_error')),
  statement text NOT NULL CHECK (statement <> ''),
  author_id uuid NOT NULL REFERENCES person(id),
  state text NOT NULL CHECK (state IN ('pending','upheld','dismissed')),
  decision_reasons text NOT NULL DEFAULT '',
  decided_by uuid REFERENCES person(id),
  filed_at timestamptz NOT NULL,
  decided_at timestamptz,
  CHECK (state = 'pending' OR decision_reasons <> '')
);
CREATE INDEX review_appeal_item ON review_appeal(round_id, bid_id);
CREATE UNIQUE INDEX review_appeal_one_pending ON review_appeal(round_id, bid_id) WHERE state = 'pending';

CREATE TABLE ranking_decision (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES review_round(id),
  version integer NOT NULL CHECK (version >= 1),
  inputs jsonb NOT NULL,
  outcome jsonb NOT NULL,
  inputs_sha256 text NOT NULL,
  decided_by uuid NOT NULL REFERENCES person(id),
  decided_at timestamptz NOT NULL,
  UNIQUE (round_id, version)
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE ranking_decision, review_appeal, rebuttal, rebuttal_window, consensus_report, review_reminder;
ALTER TABLE review DROP CONSTRAINT review_submitted_complete;
`.execute(db);
}

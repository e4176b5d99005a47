// Delivery reviewed by the proposer and by experts: experts the organizer names on a task book,
// one verdict per reviewer per milestone report, and acceptance judgements that record the kind
// of verifier, the reason for any departure from the declared one, and the evidence files.
// (Report evidence files are attachments with owner_type 'milestone_report': no table needed.)
// Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE task_book_expert (
  task_book_id uuid NOT NULL REFERENCES task_book(id),
  person_id uuid NOT NULL REFERENCES person(id),
  named_by uuid NOT NULL REFERENCES person(id),
  named_at timestamptz NOT NULL,
  PRIMARY KEY (task_book_id, person_id)
);
CREATE INDEX task_book_expert_person ON task_book_expert(person_id);

CREATE TABLE milestone_report_review (
  report_id uuid NOT NULL REFERENCES milestone_report(id),
  reviewer_id uuid NOT NULL REFERENCES person(id),
  role text NOT NULL CHECK (role IN ('proposer','organizer','expert')),
  decision text NOT NULL CHECK (decision IN ('accepted','revise')),
  comment text NOT NULL DEFAULT '',
  reviewed_at timestamptz NOT NULL,
  PRIMARY KEY (report_id, reviewer_id)
);

-- Reviews recorded before this migration become the reviewer's verdict (proposer if they held the
-- proposer role of the listing organisation, else organizer).
INSERT INTO milestone_report_review (report_id, reviewer_id, role, decision, comment, reviewed_at)
SELECT r.id, r.reviewed_by,
  CASE WHEN EXISTS (
    SELECT 1 FROM membership m JOIN task_book t ON t.id = r.task_book_id JOIN challenge c ON c.id = t.challenge_id
    WHERE m.person_id = r.reviewed_by AND m.org_id = c.org_id AND m.role = 'proposer'
  ) THEN 'proposer' ELSE 'organizer' END,
  r.review_state, r.review_comment, r.submitted_at
FROM milestone_report r
WHERE r.reviewed_by IS NOT NULL AND r.review_state IN ('accepted','revise');

ALTER TABLE acceptance_judgement
  ADD COLUMN verifier_kind text CHECK (verifier_kind IN ('proposer','lab','panel')),
  ADD COLUMN verifier_reason text NOT NULL DEFAULT '',
  ADD COLUMN evidence_attachment_ids uuid[] NOT NULL DEFAULT '{}';
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE acceptance_judgement DROP COLUMN verifier_kind, DROP COLUMN verifier_reason, DROP COLUMN evidence_attachment_ids;
DROP TABLE milestone_report_review, task_book_expert;
`.execute(db);
}

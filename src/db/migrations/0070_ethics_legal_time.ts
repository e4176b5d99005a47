// Ethics review within the legal time (科技伦理审查办法（试行）, 2023): a committee decides within
// 30 days of accepting an application, extendable once with the extension and its reason stated;
// the emergency procedure decides within 72 hours. The ceilings are CHECK constraints, so no path
// can set a later due date. Existing committees above 30 days and reviews due later are brought
// down to the ceiling. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
UPDATE ethics_committee SET decision_days = 30 WHERE decision_days > 30;
ALTER TABLE ethics_committee DROP CONSTRAINT ethics_committee_decision_days_check;
ALTER TABLE ethics_committee ADD CONSTRAINT ethics_committee_decision_days_check
  CHECK (decision_days BETWEEN 1 AND 30);

ALTER TABLE ethics_review
  ADD COLUMN procedure text NOT NULL DEFAULT 'standard' CHECK (procedure IN ('standard','emergency')),
  ADD COLUMN emergency_reason text NOT NULL DEFAULT '',
  ADD COLUMN extension_days integer CHECK (extension_days BETWEEN 1 AND 30),
  ADD COLUMN extension_reason text,
  ADD COLUMN extended_at timestamptz,
  ADD COLUMN extended_by uuid REFERENCES person(id);
UPDATE ethics_review SET due_at = opened_at + interval '720 hours'
  WHERE due_at > opened_at + interval '720 hours';
ALTER TABLE ethics_review ADD CONSTRAINT ethics_review_legal_time CHECK (
  CASE procedure
    WHEN 'emergency' THEN extension_days IS NULL AND due_at <= opened_at + interval '72 hours'
      AND btrim(emergency_reason) <> ''
    ELSE due_at <= opened_at + interval '720 hours' + coalesce(extension_days, 0) * interval '24 hours'
  END
);
ALTER TABLE ethics_review ADD CONSTRAINT ethics_review_extension_stated CHECK (
  (extension_days IS NULL AND extension_reason IS NULL AND extended_at IS NULL AND extended_by IS NULL)
  OR (extension_days IS NOT NULL AND btrim(extension_reason) <> '' AND extended_at IS NOT NULL
      AND extended_by IS NOT NULL)
);
CREATE INDEX ethics_review_open_due ON ethics_review (due_at) WHERE state = 'open';
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP INDEX ethics_review_open_due;
ALTER TABLE ethics_review DROP CONSTRAINT ethics_review_extension_stated;
ALTER TABLE ethics_review DROP CONSTRAINT ethics_review_legal_time;
ALTER TABLE ethics_review DROP COLUMN extended_by, DROP COLUMN extended_at, DROP COLUMN extension_reason,
  DROP COLUMN extension_days, DROP COLUMN emergency_reason, DROP COLUMN procedure;
ALTER TABLE ethics_committee DROP CONSTRAINT ethics_committee_decision_days_check;
ALTER TABLE ethics_committee ADD CONSTRAINT ethics_committee_decision_days_check
  CHECK (decision_days BETWEEN 1 AND 365);
`.execute(db);
}

// Integrity records (findings, decisions, sanctions, appeals) and duplicate-submission flags.
// Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE integrity_record (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_person_id uuid REFERENCES person(id),
  subject_org_id uuid REFERENCES organisation(id),
  finding_type text NOT NULL CHECK (finding_type IN ('fabrication','falsification','plagiarism','duplicate_submission','misuse_of_funds','ethics_violation','other')),
  severity text NOT NULL CHECK (severity IN ('minor','serious','grave')),
  evidence text NOT NULL,
  decision text NOT NULL,
  sanction_id uuid REFERENCES sanction(id),
  appeal_status text NOT NULL DEFAULT 'none' CHECK (appeal_status IN ('none','pending','upheld','overturned')),
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (subject_person_id IS NOT NULL OR subject_org_id IS NOT NULL)
);
CREATE INDEX integrity_record_person ON integrity_record(subject_person_id);
CREATE INDEX integrity_record_org ON integrity_record(subject_org_id);

CREATE TABLE duplicate_flag (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  a_type text NOT NULL,
  a_id uuid NOT NULL,
  b_type text NOT NULL,
  b_id uuid NOT NULL,
  similarity numeric NOT NULL CHECK (similarity >= 0 AND similarity <= 1),
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','dismissed','confirmed')),
  note text NOT NULL DEFAULT '',
  reviewed_by uuid REFERENCES person(id),
  created_at timestamptz NOT NULL,
  UNIQUE (a_id, b_id),
  CHECK (a_id < b_id)
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE duplicate_flag, integrity_record;`.execute(db);
}

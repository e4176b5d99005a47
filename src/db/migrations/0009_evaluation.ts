// Expert evaluation: the expert pool (load, availability, declared relations), applicants' named
// exclusions, review rounds over a challenge's bids with a rubric, assignment runs with progress,
// assignments signed by per-item pseudonyms, and the reviews themselves. Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE expert (
  person_id uuid PRIMARY KEY REFERENCES person(id),
  max_load integer NOT NULL DEFAULT 10 CHECK (max_load BETWEEN 0 AND 1000),
  availability jsonb NOT NULL DEFAULT '[]',
  active boolean NOT NULL DEFAULT true,
  source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual','import')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE expert_relation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  expert_id uuid NOT NULL REFERENCES person(id),
  other_person_id uuid REFERENCES person(id),
  other_name text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('advisor','advisee','family','business','other')),
  note text NOT NULL DEFAULT '',
  declared_at timestamptz NOT NULL,
  CHECK (other_person_id IS NOT NULL OR other_name <> '')
);
CREATE INDEX expert_relation_expert ON expert_relation(expert_id);
CREATE INDEX expert_relation_other ON expert_relation(other_person_id);

CREATE TABLE bid_exclusion (
  bid_id uuid NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
  expert_id uuid NOT NULL REFERENCES person(id),
  reason text NOT NULL CHECK (reason <> ''),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (bid_id, expert_id)
);

CREATE TABLE review_round (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  race_stage_no integer,
  state text NOT NULL CHECK (state IN ('draft','assigning','reviewing','consensus','ranked','closed')),
  title_zh text NOT NULL,
  title_en text NOT NULL DEFAULT '',
  rubric jsonb NOT NULL,
  reviewers_per_item integer NOT NULL DEFAULT 3 CHECK (reviewers_per_item BETWEEN 1 AND 20),
  fairness boolean NOT NULL DEFAULT false,
  coi jsonb NOT NULL,
  rebuttal_allowed boolean NOT NULL DEFAULT false,
  due_at timestamptz NOT NULL,
  budget_fen bigint NOT NULL DEFAULT 0 CHECK (budget_fen >= 0),
  tie_break text NOT NULL DEFAULT 'confidence',
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX review_round_challenge ON review_round(challenge_id);

CREATE TABLE review_assignment_run (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES review_round(id),
  state text NOT NULL CHECK (state IN ('running','done','failed')),
  phase text NOT NULL DEFAULT '',
  progress real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
  stats jsonb NOT NULL DEFAULT '{}',
  error text NOT NULL DEFAULT '',
  started_by uuid NOT NULL REFERENCES person(id),
  started_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE INDEX review_assignment_run_round ON review_assignment_run(round_id);

CREATE TABLE review_assignment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  round_id uuid NOT NULL REFERENCES review_round(id),
  bid_id uuid NOT NULL REFERENCES bid(id),
  expert_id uuid NOT NULL REFERENCES person(id),
  pseudonym text NOT NULL,
  affinity real NOT NULL DEFAULT 0,
  shared_terms text[] NOT NULL DEFAULT '{}',
  state text NOT NULL CHECK (state IN ('assigned','declined','conflict','submitted')),
  reason text NOT NULL DEFAULT '',
  run_id uuid REFERENCES review_assignment_run(id),
  assigned_at timestamptz NOT NULL,
  decided_at timestamptz,
  UNIQUE (round_id, bid_id, expert_id),
  UNIQUE (round_id, bid_id, pseudonym)
);
CREATE INDEX review_assignment_expert ON review_assignment(expert_id);

CREATE TABLE review (
  assignment_id uuid PRIMARY KEY REFERENCES review_assignment(id),
  scores jsonb NOT NULL,
  total numeric NOT NULL,
  confidence integer NOT NULL CHECK (confidence BETWEEN 1 AND 5),
  comment_applicant text NOT NULL DEFAULT '',
  comment_confidential text NOT NULL DEFAULT '',
  state text NOT NULL CHECK (state IN ('draft','submitted')),
  saved_at timestamptz NOT NULL,
  submitted_at timestamptz
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE review, review_assignment, review_assignment_run, review_round, bid_exclusion, expert_relation, expert;
`.execute(db);
}

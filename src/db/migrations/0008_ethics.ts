// Ethics review: categories a challenge involves, what a bid declares, committees with their
// members, reviews with a due date, and the members' votes. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE challenge ADD COLUMN ethics_categories text[] NOT NULL DEFAULT '{}';
ALTER TABLE bid ADD COLUMN ethics_categories text[] NOT NULL DEFAULT '{}';

CREATE TABLE ethics_committee (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  min_members integer NOT NULL DEFAULT 7 CHECK (min_members >= 1),
  quorum integer NOT NULL DEFAULT 5 CHECK (quorum >= 1),
  decision_days integer NOT NULL DEFAULT 30 CHECK (decision_days BETWEEN 1 AND 365),
  created_at timestamptz NOT NULL
);
CREATE TABLE ethics_committee_member (
  committee_id uuid NOT NULL REFERENCES ethics_committee(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person(id),
  PRIMARY KEY (committee_id, person_id)
);
CREATE TABLE ethics_review (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bid_id uuid NOT NULL UNIQUE REFERENCES bid(id),
  committee_id uuid NOT NULL REFERENCES ethics_committee(id),
  categories text[] NOT NULL,
  state text NOT NULL CHECK (state IN ('open','approved','approved_with_conditions','rejected')),
  conditions text NOT NULL DEFAULT '',
  opened_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  decided_at timestamptz
);
CREATE TABLE ethics_vote (
  review_id uuid NOT NULL REFERENCES ethics_review(id),
  member_id uuid NOT NULL REFERENCES person(id),
  vote text NOT NULL CHECK (vote IN ('approve','conditions','reject')),
  comment text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  PRIMARY KEY (review_id, member_id)
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE ethics_vote, ethics_review, ethics_committee_member, ethics_committee;
ALTER TABLE bid DROP COLUMN ethics_categories;
ALTER TABLE challenge DROP COLUMN ethics_categories;
`.execute(db);
}

// The annual assessment of S&T commissioners: per commissioner and year the figures, the grade and
// the rule (the agency's thresholds) that gave it, so every grade can be recomputed. Running the
// assessment again for a year replaces that year's rows. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE commissioner_assessment (
  commissioner_id uuid NOT NULL REFERENCES commissioner(id),
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  agency_org_id uuid NOT NULL REFERENCES organisation(id),
  minutes integer NOT NULL CHECK (minutes >= 0),
  visits integer NOT NULL CHECK (visits >= 0),
  resolved integer NOT NULL CHECK (resolved >= 0),
  ratings integer NOT NULL CHECK (ratings >= 0),
  rating numeric(4,2) CHECK (rating BETWEEN 1 AND 5),
  grade text NOT NULL CHECK (grade IN ('excellent','qualified','basic','unqualified')),
  rule jsonb NOT NULL,
  assessed_by uuid NOT NULL REFERENCES person(id),
  assessed_at timestamptz NOT NULL,
  PRIMARY KEY (commissioner_id, year),
  CHECK ((ratings = 0) = (rating IS NULL))
);
CREATE INDEX commissioner_assessment_agency ON commissioner_assessment(agency_org_id, year);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE commissioner_assessment;`.execute(db);
}

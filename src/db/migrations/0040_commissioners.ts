// S&T commissioners (科技特派员): the registry, grassroots demands, dispatches (one live per demand,
// never the same commissioner twice on one demand) and the service visits they log, confirmed and
// rated by the served party. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE commissioner (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('individual','team','legal_entity')),
  person_id uuid UNIQUE REFERENCES person(id),
  name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en text NOT NULL DEFAULT '',
  home_org text NOT NULL DEFAULT '',
  keywords text[] NOT NULL DEFAULT '{}',
  discipline_codes text[] NOT NULL DEFAULT '{}',
  industries text[] NOT NULL DEFAULT '{}',
  regions text[] NOT NULL CHECK (cardinality(regions) BETWEEN 1 AND 50),
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 50),
  available boolean NOT NULL DEFAULT true,
  agency_org_id uuid NOT NULL REFERENCES organisation(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX commissioner_agency ON commissioner(agency_org_id);

CREATE TABLE commissioner_demand (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
  industry text NOT NULL DEFAULT '',
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  urgency text NOT NULL CHECK (urgency IN ('low','normal','urgent')),
  requester text NOT NULL CHECK (length(requester) BETWEEN 1 AND 200),
  requester_kind text NOT NULL CHECK (requester_kind IN ('village','cooperative','farm','firm','other')),
  contact_name text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  posted_by uuid NOT NULL REFERENCES person(id),
  agency_org_id uuid NOT NULL REFERENCES organisation(id),
  state text NOT NULL CHECK (state IN ('open','dispatched','serving','resolved','withdrawn')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX commissioner_demand_agency ON commissioner_demand(agency_org_id, state);
CREATE INDEX commissioner_demand_poster ON commissioner_demand(posted_by);

CREATE TABLE commissioner_dispatch (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  demand_id uuid NOT NULL REFERENCES commissioner_demand(id),
  commissioner_id uuid NOT NULL REFERENCES commissioner(id),
  state text NOT NULL CHECK (state IN ('offered','accepted','declined','completed')),
  score integer NOT NULL CHECK (score >= 0),
  region_level text NOT NULL CHECK (region_level IN ('county','city','province','elsewhere')),
  explanation jsonb NOT NULL,
  term_start date NOT NULL,
  term_end date NOT NULL,
  goals text NOT NULL CHECK (length(goals) BETWEEN 1 AND 2000),
  dispatched_by uuid NOT NULL REFERENCES person(id),
  dispatched_at timestamptz NOT NULL,
  responded_at timestamptz,
  decline_reason text,
  completed_at timestamptz,
  CHECK (term_end >= term_start),
  CHECK ((state = 'declined') = (decline_reason IS NOT NULL)),
  CHECK ((state = 'offered') = (responded_at IS NULL)),
  CHECK ((state = 'completed') = (completed_at IS NOT NULL)),
  UNIQUE (demand_id, commissioner_id)
);
CREATE UNIQUE INDEX commissioner_dispatch_live ON commissioner_dispatch(demand_id)
  WHERE state IN ('offered','accepted');
CREATE INDEX commissioner_dispatch_commissioner ON commissioner_dispatch(commissioner_id, state);

CREATE TABLE commissioner_visit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  dispatch_id uuid NOT NULL REFERENCES commissioner_dispatch(id),
  visit_date date NOT NULL,
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  minutes integer NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
  work_done text NOT NULL CHECK (length(work_done) BETWEEN 1 AND 5000),
  logged_by uuid NOT NULL REFERENCES person(id),
  logged_at timestamptz NOT NULL,
  confirmed_by uuid REFERENCES person(id),
  confirmed_at timestamptz,
  rating smallint CHECK (rating BETWEEN 1 AND 5),
  rating_comment text NOT NULL DEFAULT '',
  CHECK ((confirmed_at IS NULL) = (rating IS NULL)),
  CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL))
);
CREATE INDEX commissioner_visit_dispatch ON commissioner_visit(dispatch_id);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE commissioner_visit; DROP TABLE commissioner_dispatch; DROP TABLE commissioner_demand; DROP TABLE commissioner;`.execute(
    db,
  );
}

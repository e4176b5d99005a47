// Open-competition challenges: listings with structured targets, vetting, bids with teams
// and pledges, selection with a public notice and objections, task books, delivery reports
// and target-by-target acceptance. Also the integrity sanctions table that blocks bids
// (the integrity module fills it). Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE sanction (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid REFERENCES person(id),
  org_id uuid REFERENCES organisation(id),
  blocks text[] NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  reason text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id IS NOT NULL OR org_id IS NOT NULL),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX sanction_person ON sanction(person_id);
CREATE INDEX sanction_org ON sanction(org_id);

CREATE TABLE challenge (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisation(id),
  organiser_org_id uuid NOT NULL REFERENCES organisation(id),
  created_by uuid NOT NULL REFERENCES person(id),
  state text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  title_zh text NOT NULL,
  title_en text NOT NULL DEFAULT '',
  statement_zh text NOT NULL,
  statement_en text NOT NULL DEFAULT '',
  discipline_codes text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  region_code text,
  budget_ceiling_fen bigint NOT NULL CHECK (budget_ceiling_fen > 0),
  cofund_fen bigint NOT NULL DEFAULT 0 CHECK (cofund_fen >= 0),
  deadline timestamptz NOT NULL,
  duration_months integer NOT NULL CHECK (duration_months BETWEEN 1 AND 120),
  ip_terms text NOT NULL DEFAULT '',
  winner_slots integer NOT NULL DEFAULT 1 CHECK (winner_slots BETWEEN 1 AND 20),
  mode text NOT NULL DEFAULT 'single' CHECK (mode IN ('single','multiple','race')),
  eligibility jsonb NOT NULL DEFAULT '[]',
  notice_days integer NOT NULL DEFAULT 5 CHECK (notice_days BETWEEN 1 AND 30),
  notice_ends_at timestamptz,
  published_at timestamptz,
  search_text text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX challenge_state ON challenge(state);
CREATE INDEX challenge_org ON challenge(org_id);
CREATE INDEX challenge_search ON challenge USING gin (to_tsvector('simple', search_text));

CREATE TABLE challenge_target (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL REFERENCES challenge(id) ON DELETE CASCADE,
  position_no integer NOT NULL,
  metric text NOT NULL,
  unit text NOT NULL DEFAULT '',
  comparator text NOT NULL CHECK (comparator IN ('gte','lte','eq','range')),
  threshold numeric NOT NULL,
  threshold_high numeric,
  verification text NOT NULL,
  verifier text NOT NULL CHECK (verifier IN ('proposer','lab','panel')),
  verifier_name text NOT NULL DEFAULT '',
  mandatory boolean NOT NULL DEFAULT true,
  CHECK (comparator <> 'range' OR (threshold_high IS NOT NULL AND threshold_high >= threshold))
);
CREATE INDEX challenge_target_challenge ON challenge_target(challenge_id);

CREATE TABLE challenge_vetting (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  n bigserial NOT NULL,
  challenge_id uuid NOT NULL REFERENCES challenge(id) ON DELETE CASCADE,
  actor_id uuid NOT NULL REFERENCES person(id),
  action text NOT NULL,
  comment text NOT NULL DEFAULT '',
  at timestamptz NOT NULL
);
CREATE INDEX challenge_vetting_challenge ON challenge_vetting(challenge_id);

CREATE TABLE bid (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  host_org_id uuid NOT NULL REFERENCES organisation(id),
  commander_id uuid NOT NULL REFERENCES person(id),
  state text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  idempotency_key text NOT NULL,
  request_digest text NOT NULL,
  technical_route text NOT NULL DEFAULT '',
  budget_fen bigint NOT NULL CHECK (budget_fen > 0),
  milestones jsonb NOT NULL DEFAULT '[]',
  pledge jsonb NOT NULL DEFAULT '{}',
  pledge_version integer NOT NULL DEFAULT 1,
  pledge_signed_commander_at timestamptz,
  pledge_signed_host_at timestamptz,
  pledge_signed_host_by uuid REFERENCES person(id),
  submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (commander_id, idempotency_key)
);
CREATE INDEX bid_challenge ON bid(challenge_id);
-- One live bid per commander per challenge.
CREATE UNIQUE INDEX bid_one_per_commander ON bid(challenge_id, commander_id) WHERE state <> 'withdrawn';

CREATE TABLE bid_member (
  bid_id uuid NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
  person_id uuid NOT NULL REFERENCES person(id),
  role text NOT NULL DEFAULT '',
  confirmed_at timestamptz,
  PRIMARY KEY (bid_id, person_id)
);
CREATE INDEX bid_member_person ON bid_member(person_id);

CREATE TABLE bid_score (
  bid_id uuid NOT NULL REFERENCES bid(id) ON DELETE CASCADE,
  scorer_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL CHECK (kind IN ('organizer','proposer_fit')),
  score numeric NOT NULL CHECK (score >= 0 AND score <= 100),
  comment text NOT NULL DEFAULT '',
  at timestamptz NOT NULL,
  PRIMARY KEY (bid_id, scorer_id, kind)
);

CREATE TABLE objection (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  raised_by uuid NOT NULL REFERENCES person(id),
  text text NOT NULL,
  state text NOT NULL CHECK (state IN ('open','upheld','dismissed')),
  resolution text NOT NULL DEFAULT '',
  resolved_by uuid REFERENCES person(id),
  created_at timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE INDEX objection_challenge ON objection(challenge_id);

CREATE TABLE task_book (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  bid_id uuid NOT NULL UNIQUE REFERENCES bid(id),
  state text NOT NULL,
  targets jsonb NOT NULL,
  targets_digest text NOT NULL,
  milestones jsonb NOT NULL,
  tranches jsonb NOT NULL,
  budget_fen bigint NOT NULL,
  revision integer NOT NULL DEFAULT 1,
  signed_proposer_at timestamptz,
  signed_proposer_by uuid REFERENCES person(id),
  signed_commander_at timestamptz,
  created_at timestamptz NOT NULL,
  closed_at timestamptz
);

CREATE TABLE milestone_report (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_book_id uuid NOT NULL REFERENCES task_book(id),
  milestone_no integer NOT NULL,
  summary text NOT NULL,
  measured jsonb NOT NULL DEFAULT '{}',
  submitted_by uuid NOT NULL REFERENCES person(id),
  submitted_at timestamptz NOT NULL,
  review_state text NOT NULL DEFAULT 'pending' CHECK (review_state IN ('pending','accepted','revise')),
  review_comment text NOT NULL DEFAULT '',
  reviewed_by uuid REFERENCES person(id)
);
CREATE INDEX milestone_report_book ON milestone_report(task_book_id);

CREATE TABLE acceptance_judgement (
  task_book_id uuid NOT NULL REFERENCES task_book(id),
  target_id uuid NOT NULL,
  measured text NOT NULL,
  evidence text NOT NULL,
  verifier text NOT NULL,
  met boolean NOT NULL,
  judged_by uuid NOT NULL REFERENCES person(id),
  judged_at timestamptz NOT NULL,
  PRIMARY KEY (task_book_id, target_id)
);

CREATE TABLE integrity_referral (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_person_id uuid REFERENCES person(id),
  subject_org_id uuid REFERENCES organisation(id),
  source_type text NOT NULL,
  source_id uuid NOT NULL,
  summary text NOT NULL,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open','closed')),
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL
);

CREATE TABLE attachment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_type text NOT NULL,
  owner_id uuid NOT NULL,
  file_name text NOT NULL,
  media_type text NOT NULL CHECK (media_type IN ('application/pdf','image/png','image/jpeg')),
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid NOT NULL REFERENCES person(id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX attachment_owner ON attachment(owner_type, owner_id);

-- Frozen targets: once a challenge is published its targets never change.
CREATE FUNCTION challenge_target_frozen() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE s text;
BEGIN
  SELECT state INTO s FROM challenge WHERE id = COALESCE(NEW.challenge_id, OLD.challenge_id);
  IF s NOT IN ('draft','returned','submitted') THEN
    RAISE EXCEPTION 'targets of a published challenge are frozen' USING ERRCODE = 'check_violation';
  END IF;
  RETURN COALESCE(NEW, OLD);
END
$f$;
CREATE TRIGGER challenge_target_frozen BEFORE INSERT OR UPDATE OR DELETE ON challenge_target
  FOR EACH ROW EXECUTE FUNCTION challenge_target_frozen();
CREATE FUNCTION task_book_targets_frozen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF NEW.targets IS DISTINCT FROM OLD.targets OR NEW.targets_digest IS DISTINCT FROM OLD.targets_digest THEN
    RAISE EXCEPTION 'task book targets are frozen' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$f$;
CREATE TRIGGER task_book_targets_frozen BEFORE UPDATE ON task_book
  FOR EACH ROW EXECUTE FUNCTION task_book_targets_frozen();
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE attachment, integrity_referral, acceptance_judgement, milestone_report, task_book, objection, bid_score, bid_member, bid,
  challenge_vetting, challenge_target, challenge, sanction;
DROP FUNCTION challenge_target_frozen(), task_book_targets_frozen();
`.execute(db);
}

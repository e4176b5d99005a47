// Horse races (赛马制): the field of teams, stages with gates and declared rules, evaluation
// inputs per team and stage, gate decisions with their notice and objections, tranche
// releases, and the race's history of decisions. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE race (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  challenge_id uuid NOT NULL UNIQUE REFERENCES challenge(id),
  state text NOT NULL CHECK (state IN ('setup','running','finished','ended_early')),
  award_fen bigint NOT NULL CHECK (award_fen > 0),
  tranche_plan jsonb NOT NULL,
  notice_days integer NOT NULL CHECK (notice_days BETWEEN 1 AND 30),
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL,
  started_at timestamptz,
  ended_at timestamptz,
  end_reason text NOT NULL DEFAULT ''
);

CREATE TABLE race_stage (
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  stage_no integer NOT NULL CHECK (stage_no >= 1),
  title_zh text NOT NULL,
  title_en text NOT NULL DEFAULT '',
  gate_at timestamptz NOT NULL,
  target_ids text[] NOT NULL,
  target_values jsonb NOT NULL DEFAULT '{}',
  evidence text NOT NULL,
  rule jsonb NOT NULL,
  tie_break jsonb NOT NULL,
  PRIMARY KEY (race_id, stage_no)
);

CREATE TABLE race_team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  bid_id uuid NOT NULL REFERENCES bid(id),
  entry_no integer NOT NULL,
  joined_via text NOT NULL CHECK (joined_via IN ('awarded','invited')),
  status text NOT NULL CHECK (status IN ('active','eliminated','withdrawn','merged','winner','stopped')),
  status_reason text NOT NULL DEFAULT '',
  status_at timestamptz,
  merged_into uuid REFERENCES race_team(id),
  UNIQUE (race_id, bid_id),
  UNIQUE (race_id, entry_no)
);

CREATE TABLE race_evaluation (
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  stage_no integer NOT NULL,
  team_id uuid NOT NULL REFERENCES race_team(id),
  measured jsonb NOT NULL DEFAULT '{}',
  scores jsonb NOT NULL DEFAULT '[]',
  evidence text NOT NULL DEFAULT '',
  submitted_at timestamptz,
  entered_by uuid NOT NULL REFERENCES person(id),
  entered_at timestamptz NOT NULL,
  PRIMARY KEY (race_id, stage_no, team_id),
  FOREIGN KEY (race_id, stage_no) REFERENCES race_stage(race_id, stage_no)
);

CREATE TABLE race_gate (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  stage_no integer NOT NULL,
  state text NOT NULL CHECK (state IN ('proposed','final','withdrawn')),
  seed text NOT NULL,
  inputs jsonb NOT NULL,
  outcome jsonb NOT NULL,
  proposed_by uuid NOT NULL REFERENCES person(id),
  proposed_at timestamptz NOT NULL,
  notice_ends_at timestamptz NOT NULL,
  decided_by uuid REFERENCES person(id),
  decided_at timestamptz,
  withdraw_reason text NOT NULL DEFAULT '',
  FOREIGN KEY (race_id, stage_no) REFERENCES race_stage(race_id, stage_no)
);
-- At most one live decision per gate: a withdrawn proposal can be replaced, a final one never.
CREATE UNIQUE INDEX race_gate_live ON race_gate(race_id, stage_no) WHERE state <> 'withdrawn';

CREATE TABLE race_objection (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  gate_id uuid NOT NULL REFERENCES race_gate(id) ON DELETE CASCADE,
  raised_by uuid NOT NULL REFERENCES person(id),
  text text NOT NULL,
  state text NOT NULL CHECK (state IN ('open','upheld','dismissed')),
  resolution text NOT NULL DEFAULT '',
  resolved_by uuid REFERENCES person(id),
  created_at timestamptz NOT NULL,
  resolved_at timestamptz
);
CREATE INDEX race_objection_gate ON race_objection(gate_id);

-- Release decisions (the funding ledger books them later). Stage 0 is the signing tranche.
CREATE TABLE race_tranche (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  team_id uuid NOT NULL REFERENCES race_team(id),
  stage_no integer NOT NULL CHECK (stage_no >= 0),
  gate_id uuid REFERENCES race_gate(id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  released_at timestamptz NOT NULL,
  UNIQUE (race_id, team_id, stage_no)
);

CREATE TABLE race_event (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  n bigserial NOT NULL,
  race_id uuid NOT NULL REFERENCES race(id) ON DELETE CASCADE,
  kind text NOT NULL,
  stage_no integer,
  team_ids text[] NOT NULL DEFAULT '{}',
  reason text NOT NULL DEFAULT '',
  detail jsonb NOT NULL DEFAULT '{}',
  actor_id uuid REFERENCES person(id),
  at timestamptz NOT NULL
);
CREATE INDEX race_event_race ON race_event(race_id, n);

-- Money invariants held by the database, whatever the application does: a tranche goes only to a
-- team still in the race, and the releases of a race never add up to more than its award.
CREATE FUNCTION race_tranche_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE s text; award bigint; paid bigint;
BEGIN
  SELECT status INTO s FROM race_team WHERE id = NEW.team_id;
  IF s IS DISTINCT FROM 'active' THEN
    RAISE EXCEPTION 'a team that is % receives no tranche', s USING ERRCODE = 'check_violation';
  END IF;
  SELECT award_fen INTO award FROM race WHERE id = NEW.race_id FOR UPDATE;
  SELECT COALESCE(sum(amount_fen), 0) INTO paid FROM race_tranche WHERE race_id = NEW.race_id;
  IF paid + NEW.amount_fen > award THEN
    RAISE EXCEPTION 'tranches would exceed the award' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$f$;
CREATE TRIGGER race_tranche_guard BEFORE INSERT ON race_tranche
  FOR EACH ROW EXECUTE FUNCTION race_tranche_guard();
CREATE FUNCTION race_tranche_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'tranche releases are never changed' USING ERRCODE = 'check_violation';
END
$f$;
CREATE TRIGGER race_tranche_append_only BEFORE UPDATE ON race_tranche
  FOR EACH ROW EXECUTE FUNCTION race_tranche_append_only();
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE race_event, race_tranche, race_objection, race_gate, race_evaluation, race_team, race_stage, race;
DROP FUNCTION race_tranche_guard(), race_tranche_append_only();
`.execute(db);
}

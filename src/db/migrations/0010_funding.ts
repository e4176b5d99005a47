// Trust-and-performance funding: programme funds and co-funding accounts, the call's funding rules
// (budget mode, indirect-cost cap, negative list, surplus rule), funded awards with their budgets
// and tranche schedules, the double-entry journal, expenses, performance records and the burden
// meter. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE fund (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('programme','cofund')),
  org_id uuid NOT NULL REFERENCES organisation(id),
  challenge_id uuid REFERENCES challenge(id),
  name_zh text NOT NULL,
  name_en text NOT NULL DEFAULT '',
  fiscal_year integer NOT NULL CHECK (fiscal_year BETWEEN 2000 AND 2100),
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'cofund') = (challenge_id IS NOT NULL))
);
-- One co-funding account per challenge.
CREATE UNIQUE INDEX fund_cofund_of_challenge ON fund(challenge_id) WHERE kind = 'cofund';

CREATE TABLE funding_rule (
  challenge_id uuid PRIMARY KEY REFERENCES challenge(id),
  budget_mode text NOT NULL CHECK (budget_mode IN ('lump_sum','categorised')),
  indirect_cap_pct integer NOT NULL CHECK (indirect_cap_pct BETWEEN 0 AND 60),
  negative_list jsonb NOT NULL,
  surplus text NOT NULL CHECK (surplus IN ('return','retain_if_accepted')),
  updated_by uuid NOT NULL REFERENCES person(id),
  updated_at timestamptz NOT NULL
);

CREATE TABLE funding_award (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  task_book_id uuid NOT NULL UNIQUE REFERENCES task_book(id),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  bid_id uuid NOT NULL REFERENCES bid(id),
  fund_id uuid NOT NULL REFERENCES fund(id),
  cofund_id uuid REFERENCES fund(id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  cofund_fen bigint NOT NULL DEFAULT 0 CHECK (cofund_fen >= 0 AND cofund_fen <= amount_fen),
  budget_mode text NOT NULL CHECK (budget_mode IN ('lump_sum','categorised')),
  budget jsonb NOT NULL,
  report_every_months integer NOT NULL CHECK (report_every_months BETWEEN 1 AND 24),
  state text NOT NULL CHECK (state IN ('active','closed')),
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL,
  closed_by uuid REFERENCES person(id),
  closed_at timestamptz,
  CHECK ((cofund_fen > 0) = (cofund_id IS NOT NULL))
);

CREATE TABLE ledger_account (
  code text PRIMARY KEY,
  kind text NOT NULL,
  normal text NOT NULL CHECK (normal IN ('debit','credit')),
  floor boolean NOT NULL,
  fund_id uuid REFERENCES fund(id),
  award_id uuid REFERENCES funding_award(id)
);

CREATE TABLE journal_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('appropriation','commitment','release','expense','refund','closing','reversal')),
  memo text NOT NULL,
  fund_id uuid REFERENCES fund(id),
  award_id uuid REFERENCES funding_award(id),
  reverses uuid UNIQUE REFERENCES journal_entry(id),
  idempotency_key text NOT NULL UNIQUE,
  posted_by uuid NOT NULL REFERENCES person(id),
  posted_at timestamptz NOT NULL,
  CHECK ((kind = 'reversal') = (reverses IS NOT NULL))
);
CREATE INDEX journal_entry_award ON journal_entry(award_id);
CREATE INDEX journal_entry_fund ON journal_entry(fund_id);

CREATE TABLE journal_line (
  entry_id uuid NOT NULL REFERENCES journal_entry(id),
  line_no integer NOT NULL,
  account text NOT NULL REFERENCES ledger_account(code),
  side text NOT NULL CHECK (side IN ('debit','credit')),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX journal_line_account ON journal_line(account);

CREATE TABLE funding_tranche (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id uuid NOT NULL REFERENCES funding_award(id),
  no integer NOT NULL CHECK (no >= 0),
  label text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  condition text NOT NULL CHECK (condition IN ('signing','milestone','gate')),
  milestone_no integer,
  state text NOT NULL CHECK (state IN ('planned','released')),
  evidence jsonb NOT NULL DEFAULT '{}',
  idempotency_key text UNIQUE,
  entry_id uuid UNIQUE REFERENCES journal_entry(id),
  released_by uuid REFERENCES person(id),
  released_at timestamptz,
  UNIQUE (award_id, no),
  CHECK ((state = 'released') = (entry_id IS NOT NULL AND released_at IS NOT NULL AND idempotency_key IS NOT NULL))
);

CREATE TABLE funding_expense (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  award_id uuid NOT NULL REFERENCES funding_award(id),
  period text NOT NULL CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  category text NOT NULL,
  kind text NOT NULL,
  description text NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
  entry_id uuid NOT NULL UNIQUE REFERENCES journal_entry(id),
  submitted_by uuid NOT NULL REFERENCES person(id),
  submitted_at timestamptz NOT NULL
);
CREATE INDEX funding_expense_award ON funding_expense(award_id, period);

CREATE TABLE performance_record (
  award_id uuid PRIMARY KEY REFERENCES funding_award(id),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  commander_id uuid NOT NULL REFERENCES person(id),
  host_org_id uuid NOT NULL REFERENCES organisation(id),
  outcome text NOT NULL,
  targets_met integer NOT NULL,
  targets_total integer NOT NULL,
  amount_fen bigint NOT NULL,
  released_fen bigint NOT NULL,
  spent_fen bigint NOT NULL,
  returned_fen bigint NOT NULL,
  retained_fen bigint NOT NULL,
  integrity_clean boolean NOT NULL,
  grade text NOT NULL CHECK (grade IN ('A','B','C')),
  reasons jsonb NOT NULL,
  recorded_by uuid NOT NULL REFERENCES person(id),
  recorded_at timestamptz NOT NULL
);
CREATE INDEX performance_record_commander ON performance_record(commander_id);
CREATE INDEX performance_record_org ON performance_record(host_org_id);

CREATE TABLE form_burden (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  form text NOT NULL CHECK (form IN ('bid','expense')),
  challenge_id uuid NOT NULL REFERENCES challenge(id),
  person_id uuid NOT NULL REFERENCES person(id),
  fields_total integer NOT NULL CHECK (fields_total >= 0),
  fields_prefilled integer NOT NULL CHECK (fields_prefilled >= 0 AND fields_prefilled <= fields_total),
  documents integer NOT NULL CHECK (documents >= 0),
  seconds integer NOT NULL CHECK (seconds >= 0),
  submitted_at timestamptz NOT NULL
);
CREATE INDEX form_burden_challenge ON form_burden(challenge_id, form);

-- The journal is append-only for everyone: corrections are reversing entries.
CREATE FUNCTION journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'the journal is append-only: post a reversing entry instead' USING ERRCODE = 'check_violation';
END
$f$;
CREATE TRIGGER journal_entry_append_only BEFORE UPDATE OR DELETE ON journal_entry
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER journal_line_append_only BEFORE UPDATE OR DELETE ON journal_line
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER journal_entry_no_truncate BEFORE TRUNCATE ON journal_entry
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER journal_line_no_truncate BEFORE TRUNCATE ON journal_line
  FOR EACH STATEMENT EXECUTE FUNCTION journal_append_only();
CREATE TRIGGER performance_record_append_only BEFORE UPDATE OR DELETE ON performance_record
  FOR EACH ROW EXECUTE FUNCTION journal_append_only();

-- Every entry balances, checked at commit (deferred) so its lines can be inserted one by one.
CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE e uuid; n integer; d bigint; c bigint;
BEGIN
  IF TG_TABLE_NAME = 'journal_entry' THEN
    e := NEW.id;
  ELSE
    e := NEW.entry_id;
  END IF;
  SELECT count(*), COALESCE(sum(amount_fen) FILTER (WHERE side = 'debit'), 0),
         COALESCE(sum(amount_fen) FILTER (WHERE side = 'credit'), 0)
    INTO n, d, c FROM journal_line WHERE entry_id = e;
  IF n < 2 OR d <> c THEN
    RAISE EXCEPTION 'journal entry % does not balance (debits %, credits %, % lines)', e, d, c, n
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END
$f$;
CREATE CONSTRAINT TRIGGER journal_entry_balanced AFTER INSERT ON journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();
CREATE CONSTRAINT TRIGGER journal_line_balanced AFTER INSERT ON journal_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();

-- A released tranche is never changed or released again, and the releases of an award never
-- add up to more than the award.
CREATE FUNCTION funding_tranche_guard() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE award bigint; paid bigint;
BEGIN
  IF TG_OP = 'DELETE' OR OLD.state = 'released' THEN
    RAISE EXCEPTION 'a released tranche is never changed' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.state = 'released' THEN
    SELECT amount_fen INTO award FROM funding_award WHERE id = NEW.award_id;
    SELECT COALESCE(sum(amount_fen), 0) INTO paid FROM funding_tranche
      WHERE award_id = NEW.award_id AND state = 'released' AND id <> NEW.id;
    IF paid + NEW.amount_fen > award THEN
      RAISE EXCEPTION 'tranches would exceed the award' USING ERRCODE = 'check_violation';
    END IF;
  END IF;
  RETURN NEW;
END
$f$;
CREATE TRIGGER funding_tranche_guard BEFORE UPDATE OR DELETE ON funding_tranche
  FOR EACH ROW EXECUTE FUNCTION funding_tranche_guard();

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON journal_entry, journal_line, performance_record FROM jiebang_app;
  END IF;
END
$$;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE form_burden, performance_record, funding_expense, funding_tranche, journal_line, journal_entry,
  ledger_account, funding_award, funding_rule, fund;
DROP FUNCTION journal_append_only(), journal_entry_balanced(), funding_tranche_guard();
`.execute(db);
}

// Achievement transformation (科技成果转化): achievements an organisation lists with their
// contributors, enterprise technology demands, saved searches with their alerts, deals (thread,
// terms, price notice with objections, signatures, contract registration), payments and reward
// distributions on a double-entry journal of their own. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE transfer_achievement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisation(id),
  created_by uuid NOT NULL REFERENCES person(id),
  state text NOT NULL CHECK (state IN ('draft','listed','withdrawn')),
  kind text NOT NULL CHECK (kind IN ('patent','softwareCopyright','plantVariety','icLayout','knowHow')),
  ip_number text,
  patent_kind text CHECK (patent_kind IN ('invention','utilityModel','design','pctInvention','pctUtilityModel')),
  filing_year integer,
  title_zh text NOT NULL CHECK (title_zh <> ''),
  title_en text NOT NULL DEFAULT '',
  abstract_zh text NOT NULL DEFAULT '',
  abstract_en text NOT NULL DEFAULT '',
  keywords text[] NOT NULL DEFAULT '{}',
  discipline_codes text[] NOT NULL DEFAULT '{}',
  ipc_codes text[] NOT NULL DEFAULT '{}',
  trl integer NOT NULL CHECK (trl BETWEEN 1 AND 9),
  offers text[] NOT NULL CHECK (cardinality(offers) > 0 AND offers <@ ARRAY['transfer','exclusiveLicence','soleLicence','nonExclusiveLicence','equity','jointDevelopment']),
  asking_price_fen bigint CHECK (asking_price_fen IS NULL OR asking_price_fen > 0),
  source_challenge_id uuid REFERENCES challenge(id),
  source_task_book_id uuid UNIQUE REFERENCES task_book(id),
  listed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (kind <> 'patent' OR (ip_number IS NOT NULL AND patent_kind IS NOT NULL AND filing_year IS NOT NULL)),
  CHECK ((state = 'listed') = (listed_at IS NOT NULL) OR state = 'withdrawn')
);
CREATE INDEX transfer_achievement_org ON transfer_achievement(org_id);
CREATE INDEX transfer_achievement_state ON transfer_achievement(state, listed_at);
CREATE UNIQUE INDEX transfer_achievement_ip ON transfer_achievement(ip_number) WHERE kind = 'patent' AND state <> 'withdrawn';

CREATE TABLE transfer_inventor (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  achievement_id uuid NOT NULL REFERENCES transfer_achievement(id),
  no integer NOT NULL CHECK (no >= 0),
  person_id uuid REFERENCES person(id),
  name_zh text NOT NULL CHECK (name_zh <> ''),
  name_en text NOT NULL DEFAULT '',
  share_bp integer NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
  UNIQUE (achievement_id, no)
);
-- The contributors' shares of an achievement sum to 100 % (checked at commit, so a set can be replaced).
CREATE FUNCTION transfer_inventor_shares() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE a uuid; total bigint;
BEGIN
  a := COALESCE(NEW.achievement_id, OLD.achievement_id);
  SELECT sum(share_bp) INTO total FROM transfer_inventor WHERE achievement_id = a;
  IF total IS NOT NULL AND total <> 10000 THEN
    RAISE EXCEPTION 'contributor shares of achievement % sum to % basis points, not 10000', a, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $f$;
CREATE CONSTRAINT TRIGGER transfer_inventor_shares AFTER INSERT OR UPDATE OR DELETE ON transfer_inventor
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION transfer_inventor_shares();

CREATE TABLE transfer_demand (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisation(id),
  created_by uuid NOT NULL REFERENCES person(id),
  state text NOT NULL CHECK (state IN ('open','closed','promoted')),
  title_zh text NOT NULL CHECK (title_zh <> ''),
  title_en text NOT NULL DEFAULT '',
  problem_zh text NOT NULL DEFAULT '',
  problem_en text NOT NULL DEFAULT '',
  keywords text[] NOT NULL DEFAULT '{}',
  discipline_codes text[] NOT NULL DEFAULT '{}',
  industry_code text,
  region_code text,
  budget_min_fen bigint NOT NULL CHECK (budget_min_fen >= 0),
  budget_max_fen bigint NOT NULL,
  deadline date NOT NULL,
  promoted_challenge_id uuid UNIQUE REFERENCES challenge(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (budget_max_fen >= budget_min_fen AND budget_max_fen > 0),
  CHECK ((state = 'promoted') = (promoted_challenge_id IS NOT NULL))
);
CREATE INDEX transfer_demand_org ON transfer_demand(org_id);

CREATE TABLE transfer_saved_search (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  demand_id uuid NOT NULL UNIQUE REFERENCES transfer_demand(id),
  person_id uuid NOT NULL REFERENCES person(id),
  min_affinity integer NOT NULL CHECK (min_affinity BETWEEN 0 AND 1000),
  created_at timestamptz NOT NULL
);
CREATE TABLE transfer_alert (
  search_id uuid NOT NULL REFERENCES transfer_saved_search(id),
  achievement_id uuid NOT NULL REFERENCES transfer_achievement(id),
  affinity integer NOT NULL,
  at timestamptz NOT NULL,
  PRIMARY KEY (search_id, achievement_id)
);

CREATE TABLE transfer_deal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  achievement_id uuid NOT NULL REFERENCES transfer_achievement(id),
  demand_id uuid REFERENCES transfer_demand(id),
  seller_org_id uuid NOT NULL REFERENCES organisation(id),
  buyer_org_id uuid NOT NULL REFERENCES organisation(id),
  state text NOT NULL CHECK (state IN ('negotiating','proposed','notice','signing','signed','registered','cancelled')),
  mode text CHECK (mode IN ('transfer','exclusiveLicence','soleLicence','nonExclusiveLicence','equity','jointDevelopment')),
  price_fen bigint CHECK (price_fen > 0),
  pricing text CHECK (pricing IN ('agreement','market','auction')),
  pricing_ref text NOT NULL DEFAULT '',
  payment_schedule jsonb NOT NULL DEFAULT '[]',
  royalty_bp integer NOT NULL DEFAULT 0 CHECK (royalty_bp BETWEEN 0 AND 10000),
  field text NOT NULL DEFAULT '',
  territory text NOT NULL DEFAULT '',
  term_months integer CHECK (term_months BETWEEN 1 AND 600),
  proposed_side text CHECK (proposed_side IN ('seller','buyer')),
  notice_days integer NOT NULL DEFAULT 15 CHECK (notice_days BETWEEN 1 AND 90),
  notice_starts_at timestamptz,
  notice_ends_at timestamptz,
  seller_signed_by uuid REFERENCES person(id),
  seller_signed_at timestamptz,
  buyer_signed_by uuid REFERENCES person(id),
  buyer_signed_at timestamptz,
  contract_type text CHECK (contract_type IN ('development','transfer','licence','consulting','service')),
  registration_no text UNIQUE,
  registered_at timestamptz,
  registered_by uuid REFERENCES person(id),
  tax_year integer,
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (seller_org_id <> buyer_org_id),
  CHECK (state IN ('negotiating','cancelled') OR (mode IS NOT NULL AND price_fen IS NOT NULL AND pricing IS NOT NULL AND term_months IS NOT NULL)),
  CHECK (state NOT IN ('signed','registered') OR (seller_signed_at IS NOT NULL AND buyer_signed_at IS NOT NULL)),
  CHECK ((state = 'registered') = (registration_no IS NOT NULL AND registered_at IS NOT NULL AND contract_type IS NOT NULL AND tax_year IS NOT NULL)),
  CHECK (state <> 'notice' OR notice_ends_at IS NOT NULL)
);
-- One live deal per achievement and buyer: a second expression of interest finds the first.
CREATE UNIQUE INDEX transfer_deal_live ON transfer_deal(achievement_id, buyer_org_id) WHERE state <> 'cancelled';
CREATE INDEX transfer_deal_seller ON transfer_deal(seller_org_id);
CREATE INDEX transfer_deal_buyer ON transfer_deal(buyer_org_id);

CREATE TABLE transfer_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id uuid NOT NULL REFERENCES transfer_deal(id),
  author_id uuid NOT NULL REFERENCES person(id),
  side text NOT NULL CHECK (side IN ('seller','buyer','office')),
  body text NOT NULL CHECK (body <> ''),
  at timestamptz NOT NULL
);
CREATE INDEX transfer_message_deal ON transfer_message(deal_id, at);

CREATE TABLE transfer_objection (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id uuid NOT NULL REFERENCES transfer_deal(id),
  author_id uuid NOT NULL REFERENCES person(id),
  text text NOT NULL CHECK (text <> ''),
  at timestamptz NOT NULL,
  state text NOT NULL CHECK (state IN ('open','upheld','dismissed')),
  resolution text NOT NULL DEFAULT '',
  resolved_by uuid REFERENCES person(id),
  resolved_at timestamptz,
  CHECK ((state = 'open') = (resolved_at IS NULL))
);

CREATE TABLE transfer_journal_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  seq bigserial NOT NULL UNIQUE,
  deal_id uuid NOT NULL REFERENCES transfer_deal(id),
  kind text NOT NULL CHECK (kind IN ('payment','reward')),
  memo text NOT NULL,
  idempotency_key text NOT NULL UNIQUE,
  posted_by uuid NOT NULL REFERENCES person(id),
  posted_at timestamptz NOT NULL
);
CREATE TABLE transfer_journal_line (
  entry_id uuid NOT NULL REFERENCES transfer_journal_entry(id),
  line_no integer NOT NULL,
  account text NOT NULL,
  side text NOT NULL CHECK (side IN ('debit','credit')),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX transfer_journal_line_account ON transfer_journal_line(account);
CREATE FUNCTION transfer_journal_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'the transfer journal is append-only' USING ERRCODE = 'check_violation';
END $f$;
CREATE TRIGGER transfer_journal_entry_append_only BEFORE UPDATE OR DELETE ON transfer_journal_entry
  FOR EACH ROW EXECUTE FUNCTION transfer_journal_append_only();
CREATE TRIGGER transfer_journal_line_append_only BEFORE UPDATE OR DELETE ON transfer_journal_line
  FOR EACH ROW EXECUTE FUNCTION transfer_journal_append_only();
CREATE FUNCTION transfer_journal_balanced() RETURNS trigger LANGUAGE plpgsql AS $f$
DECLARE e uuid; n integer; d bigint; c bigint;
BEGIN
  IF TG_TABLE_NAME = 'transfer_journal_entry' THEN e := NEW.id; ELSE e := NEW.entry_id; END IF;
  SELECT count(*), COALESCE(sum(amount_fen) FILTER (WHERE side = 'debit'), 0),
         COALESCE(sum(amount_fen) FILTER (WHERE side = 'credit'), 0)
    INTO n, d, c FROM transfer_journal_line WHERE entry_id = e;
  IF n < 2 OR d <> c THEN
    RAISE EXCEPTION 'transfer journal entry % does not balance (debits %, credits %, % lines)', e, d, c, n
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END $f$;
CREATE CONSTRAINT TRIGGER transfer_journal_entry_balanced AFTER INSERT ON transfer_journal_entry
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION transfer_journal_balanced();
CREATE CONSTRAINT TRIGGER transfer_journal_line_balanced AFTER INSERT ON transfer_journal_line
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION transfer_journal_balanced();

CREATE TABLE transfer_payment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id uuid NOT NULL REFERENCES transfer_deal(id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  received_on date NOT NULL,
  entry_id uuid NOT NULL UNIQUE REFERENCES transfer_journal_entry(id),
  recorded_by uuid NOT NULL REFERENCES person(id),
  at timestamptz NOT NULL
);
CREATE TABLE transfer_distribution (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  deal_id uuid NOT NULL REFERENCES transfer_deal(id),
  basis text NOT NULL CHECK (basis IN ('transferOrLicence','equity','implementation')),
  income_fen bigint NOT NULL CHECK (income_fen > 0),
  costs_fen bigint NOT NULL CHECK (costs_fen >= 0),
  net_fen bigint NOT NULL CHECK (net_fen >= 0),
  rule text NOT NULL CHECK (rule IN ('unit','statute')),
  rate_bp integer NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
  unit_rule_text text NOT NULL DEFAULT '',
  pool_fen bigint NOT NULL CHECK (pool_fen >= 0),
  steps jsonb NOT NULL,
  entry_id uuid UNIQUE REFERENCES transfer_journal_entry(id),
  decided_by uuid NOT NULL REFERENCES person(id),
  at timestamptz NOT NULL,
  CHECK (rule = 'unit' OR rate_bp >= 500),
  CHECK ((pool_fen > 0) = (entry_id IS NOT NULL))
);
CREATE TABLE transfer_reward (
  distribution_id uuid NOT NULL REFERENCES transfer_distribution(id),
  inventor_id uuid NOT NULL REFERENCES transfer_inventor(id),
  share_bp integer NOT NULL,
  amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
  PRIMARY KEY (distribution_id, inventor_id)
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE transfer_reward, transfer_distribution, transfer_payment, transfer_journal_line, transfer_journal_entry,
  transfer_objection, transfer_message, transfer_deal, transfer_alert, transfer_saved_search, transfer_demand,
  transfer_inventor, transfer_achievement;
DROP FUNCTION transfer_journal_balanced, transfer_journal_append_only, transfer_inventor_shares;
`.execute(db);
}

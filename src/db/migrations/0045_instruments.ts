// Shared large research instruments: the registry (with prices, booking rules and maintenance
// windows), bookings whose time ranges the database itself keeps apart (an exclusion constraint
// over a tstzrange, btree_gist), recorded use with its fee posted to the ledger, and ratings.
// The ledger learns two account kinds owned by organisations (instrument charges and income) and
// the entry kind 'instrument_fee'. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE instrument (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisation(id),
  name_zh text NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 200),
  name_en text NOT NULL DEFAULT '',
  category text NOT NULL CHECK (category IN ('analytical','microscopy','spectroscopy','chromatography','materials_testing','computing','biology','environment','other')),
  model text NOT NULL DEFAULT '',
  maker text NOT NULL DEFAULT '',
  -- A large instrument: original value of 500,000 yuan or more (integer fen).
  value_fen bigint NOT NULL CHECK (value_fen >= 50000000),
  region_code text NOT NULL CHECK (region_code ~ '^[0-9]{6}$'),
  address text NOT NULL DEFAULT '',
  capabilities_zh text NOT NULL DEFAULT '',
  capabilities_en text NOT NULL DEFAULT '',
  -- Segmented words of names and capabilities (both languages), for full-text search.
  search_words text NOT NULL DEFAULT '',
  manager_id uuid NOT NULL REFERENCES person(id),
  openness text NOT NULL CHECK (openness IN ('internal','external')),
  -- Prices per hour, in whole jiao (multiples of 10 fen), so a tenth of an hour costs whole fen.
  price_internal_fen bigint NOT NULL CHECK (price_internal_fen >= 0 AND price_internal_fen % 10 = 0),
  price_external_fen bigint NOT NULL CHECK (price_external_fen >= 0 AND price_external_fen % 10 = 0),
  min_slot_minutes integer NOT NULL CHECK (min_slot_minutes BETWEEN 6 AND 1440),
  lead_hours integer NOT NULL CHECK (lead_hours BETWEEN 0 AND 2160),
  needs_approval boolean NOT NULL,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active','retired')),
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL
);
CREATE INDEX instrument_org ON instrument(org_id);
CREATE INDEX instrument_search ON instrument USING gin (to_tsvector('simple', search_words));

CREATE TABLE instrument_maintenance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id uuid NOT NULL REFERENCES instrument(id),
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  reason text NOT NULL DEFAULT '',
  created_by uuid NOT NULL REFERENCES person(id),
  created_at timestamptz NOT NULL,
  EXCLUDE USING gist (instrument_id WITH =, during WITH &&)
);

CREATE TABLE instrument_booking (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  instrument_id uuid NOT NULL REFERENCES instrument(id),
  booker_id uuid NOT NULL REFERENCES person(id),
  -- Who pays: an award the booker works on, else the booker's organisation.
  payer_org_id uuid NOT NULL REFERENCES organisation(id),
  award_id uuid REFERENCES funding_award(id),
  task_book_id uuid REFERENCES task_book(id),
  milestone_no integer CHECK (milestone_no IS NULL OR milestone_no >= 1),
  during tstzrange NOT NULL CHECK (NOT isempty(during) AND lower_inc(during) AND NOT upper_inc(during)),
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 2000),
  external boolean NOT NULL,
  price_fen_per_hour bigint NOT NULL CHECK (price_fen_per_hour >= 0 AND price_fen_per_hour % 10 = 0),
  state text NOT NULL CHECK (state IN ('pending','confirmed','rejected','cancelled','completed')),
  decided_by uuid REFERENCES person(id),
  decided_at timestamptz,
  reason text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  CHECK ((milestone_no IS NULL) OR (task_book_id IS NOT NULL)),
  -- The calendar's invariant: bookings that hold time never overlap on one instrument.
  CONSTRAINT instrument_booking_no_overlap EXCLUDE USING gist (instrument_id WITH =, during WITH &&)
    WHERE (state IN ('pending','confirmed','completed'))
);
CREATE INDEX instrument_booking_booker ON instrument_booking(booker_id, created_at);
CREATE INDEX instrument_booking_award ON instrument_booking(award_id) WHERE award_id IS NOT NULL;
CREATE INDEX instrument_booking_task_book ON instrument_booking(task_book_id) WHERE task_book_id IS NOT NULL;

CREATE TABLE instrument_use (
  booking_id uuid PRIMARY KEY REFERENCES instrument_booking(id),
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  -- Effective machine time in tenths of an hour (0.1 h): the fee is tenths × price / 10, exact.
  machine_tenths integer NOT NULL CHECK (machine_tenths > 0),
  samples integer NOT NULL CHECK (samples >= 0),
  fee_fen bigint NOT NULL CHECK (fee_fen >= 0),
  entry_id uuid UNIQUE REFERENCES journal_entry(id),
  recorded_by uuid NOT NULL REFERENCES person(id),
  recorded_at timestamptz NOT NULL,
  CHECK (ended_at > started_at),
  CHECK (machine_tenths * 360000 <= (extract(epoch FROM ended_at - started_at) * 1000)::bigint),
  CHECK ((fee_fen > 0) = (entry_id IS NOT NULL))
);

CREATE TABLE instrument_rating (
  booking_id uuid PRIMARY KEY REFERENCES instrument_use(booking_id),
  score integer NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  rated_by uuid NOT NULL REFERENCES person(id),
  rated_at timestamptz NOT NULL
);

-- A booking that has a recorded use is completed, and its use and fee never change.
CREATE FUNCTION instrument_use_frozen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'a recorded instrument use is final' USING ERRCODE = 'check_violation';
END $f$;
CREATE TRIGGER instrument_use_frozen BEFORE UPDATE OR DELETE ON instrument_use
  FOR EACH ROW EXECUTE FUNCTION instrument_use_frozen();

-- The ledger: organisations own instrument charges (what they paid) and income (what their
-- instruments earned); fees paid by an organisation are entries of their own kind.
ALTER TABLE ledger_account ADD COLUMN org_id uuid REFERENCES organisation(id);
ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_kind_check;
ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_kind_check
  CHECK (kind IN ('appropriation','commitment','release','expense','refund','closing','reversal','instrument_fee'));

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app') THEN
    REVOKE UPDATE, DELETE, TRUNCATE ON instrument_use, instrument_rating FROM jiebang_app;
  END IF;
END
$$;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE instrument_rating, instrument_use, instrument_booking, instrument_maintenance, instrument;
DROP FUNCTION instrument_use_frozen();
ALTER TABLE journal_entry DROP CONSTRAINT journal_entry_kind_check;
ALTER TABLE journal_entry ADD CONSTRAINT journal_entry_kind_check
  CHECK (kind IN ('appropriation','commitment','release','expense','refund','closing','reversal'));
ALTER TABLE ledger_account DROP COLUMN org_id;
`.execute(db);
}

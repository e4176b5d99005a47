// Foundation: organisations, people and profiles, memberships with roles, sessions,
// settings, and the hash-chained append-only audit trail. Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE app_setting (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('enterprise','university','institute','agency','grassroots','platform')),
  name_zh text NOT NULL,
  name_en text NOT NULL DEFAULT '',
  uscc text UNIQUE,
  region_code text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  email_norm text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  name_zh text NOT NULL DEFAULT '',
  name_en text NOT NULL DEFAULT '',
  orcid text UNIQUE,
  title text NOT NULL DEFAULT '',
  phone text NOT NULL DEFAULT '',
  bio text NOT NULL DEFAULT '',
  discipline_codes text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  locale text NOT NULL DEFAULT 'zh-CN' CHECK (locale IN ('zh-CN','en')),
  disabled_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE employment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position_no integer NOT NULL,
  org_id uuid REFERENCES organisation(id),
  org_name text NOT NULL,
  job_title text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date date,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX employment_person ON employment(person_id);
CREATE INDEX employment_org ON employment(org_id);

CREATE TABLE publication (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position_no integer NOT NULL,
  title text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2100),
  venue text NOT NULL DEFAULT '',
  doi text,
  coauthors text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX publication_person ON publication(person_id);

CREATE TABLE person_project (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  position_no integer NOT NULL,
  title text NOT NULL,
  role text NOT NULL DEFAULT '',
  funder text NOT NULL DEFAULT '',
  start_year integer NOT NULL CHECK (start_year BETWEEN 1900 AND 2100),
  end_year integer CHECK (end_year IS NULL OR end_year >= start_year)
);
CREATE INDEX person_project_person ON person_project(person_id);

CREATE TABLE membership (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisation(id),
  role text NOT NULL CHECK (role IN ('organizer','proposer','solver','evaluator','integrity_officer','analyst','commissioner','admin')),
  status text NOT NULL CHECK (status IN ('pending','active','rejected','revoked')),
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  decided_by uuid REFERENCES person(id),
  UNIQUE (person_id, org_id, role)
);
CREATE INDEX membership_org ON membership(org_id);

CREATE TABLE session (
  id text PRIMARY KEY,
  person_id uuid NOT NULL REFERENCES person(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT ''
);
CREATE INDEX session_person ON session(person_id);

CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  action text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  before_digest text,
  after_digest text,
  detail jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id);
CREATE INDEX audit_log_actor ON audit_log(actor_id);

CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$f$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Least privilege: the application runs as jiebang_app, which may read and append the
-- audit trail but never change it. Where the migrating user cannot create roles, the
-- triggers above still refuse changes.
DO $f$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app') THEN
    CREATE ROLE jiebang_app NOLOGIN;
  END IF;
  EXECUTE format('GRANT jiebang_app TO %I', current_user);
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'jiebang_app role not available; application runs as %', current_user;
END
$f$;
DO $f$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app') THEN
    GRANT USAGE ON SCHEMA public TO jiebang_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO jiebang_app;
    GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO jiebang_app;
    REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM jiebang_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO jiebang_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO jiebang_app;
  END IF;
END
$f$;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE audit_head, audit_log, session, membership, person_project, publication, employment, person, organisation, app_setting;
DROP FUNCTION audit_log_append_only();
`.execute(db);
}

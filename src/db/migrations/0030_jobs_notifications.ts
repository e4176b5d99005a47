// The job queue (pg-boss's own tables, in schema pgboss, owned by the application role so that it
// can add a partition per queue) and notifications: one row per (event, recipient), e-mail
// messages with their delivery state (the outbox when no SMTP server is configured), and each
// person's preferences per kind. Frozen in time: the pg-boss schema is the one its 10.4 release
// builds; later releases migrate it themselves on start (their version table).
import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  const role = await sql<{ ok: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'jiebang_app')
      AND pg_has_role(current_user, 'jiebang_app', 'MEMBER') AS ok`.execute(db);
  const appRole = role.rows[0]?.ok === true;
  await sql`CREATE SCHEMA IF NOT EXISTS pgboss`.execute(db);
  if (appRole) {
    await sql`ALTER SCHEMA pgboss OWNER TO jiebang_app`.execute(db);
    // Built as the application role, so that it owns the tables it later partitions.
    await sql`SET LOCAL ROLE jiebang_app`.execute(db);
  }
  // The construction plan without its own BEGIN/COMMIT (this migration is already one transaction)
  // and without CREATE SCHEMA (done above; the role may not create schemas).
  const plan = PgBoss.getConstructionPlans('pgboss')
    .replace(/CREATE SCHEMA IF NOT EXISTS pgboss\s*;/, '')
    .split('\n')
    .filter((line) => !/^\s*(BEGIN|COMMIT);\s*$/.test(line))
    .join('\n');
  await sql.raw(plan).execute(db);
  if (appRole) await sql`RESET ROLE`.execute(db);

  await sql`
CREATE TABLE notification (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_key text NOT NULL CHECK (event_key <> ''),
  recipient_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL,
  object_type text NOT NULL,
  object_id text NOT NULL,
  params jsonb NOT NULL DEFAULT '{}',
  href text NOT NULL,
  created_at timestamptz NOT NULL,
  read_at timestamptz,
  -- 'immediate' | 'digest' | 'none' (e-mail switched off): decided from the preference when created.
  mail_mode text NOT NULL CHECK (mail_mode IN ('immediate','digest','none')),
  mail_id uuid,
  UNIQUE (event_key, recipient_id)
);
CREATE INDEX notification_inbox ON notification (recipient_id, created_at DESC);
CREATE INDEX notification_unread ON notification (recipient_id) WHERE read_at IS NULL;
CREATE INDEX notification_digest ON notification (recipient_id) WHERE mail_mode = 'digest' AND mail_id IS NULL;

CREATE TABLE mail_message (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- 'n:<notification id>' for one notification, 'digest:<person>:<day>' for a daily digest.
  mail_key text NOT NULL UNIQUE,
  recipient_id uuid NOT NULL REFERENCES person(id),
  to_address text NOT NULL,
  locale text NOT NULL,
  message_id text NOT NULL UNIQUE,
  -- queued → sending → sent (SMTP answered 250) | outbox (no SMTP server: kept for the admin) | failed
  state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','sent','outbox','failed')),
  subject text NOT NULL DEFAULT '',
  text_body text NOT NULL DEFAULT '',
  html_body text NOT NULL DEFAULT '',
  attempts integer NOT NULL DEFAULT 0,
  claimed_at timestamptz,
  sent_at timestamptz,
  smtp_response text NOT NULL DEFAULT '',
  last_error text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL
);
CREATE INDEX mail_message_state ON mail_message (state, created_at DESC);

CREATE TABLE notification_preference (
  person_id uuid NOT NULL REFERENCES person(id),
  kind text NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  mode text NOT NULL DEFAULT 'immediate' CHECK (mode IN ('immediate','digest')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (person_id, kind)
);

ALTER TABLE review_assignment_run ADD COLUMN job_id text;
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
ALTER TABLE review_assignment_run DROP COLUMN job_id;
DROP TABLE notification_preference, mail_message, notification;
DROP SCHEMA pgboss CASCADE;
`.execute(db);
}

// Two-factor sign-in with TOTP (RFC 6238): the secret kept encrypted, ten single-use recovery codes
// kept hashed, and which roles of an organisation must use it. Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE person_totp (
  person_id uuid PRIMARY KEY REFERENCES person(id),
  -- AES-256-GCM of the base32 secret: iv.tag.ciphertext, base64url
  secret_enc text NOT NULL,
  created_at timestamptz NOT NULL,
  -- null while enrolling (the first code not yet confirmed)
  enabled_at timestamptz,
  -- the newest 30-second step whose code was accepted: a code is good once
  last_step bigint,
  -- wrong codes since failures_since; too many and codes are refused for a while
  failures int NOT NULL DEFAULT 0,
  failures_since timestamptz
);
CREATE TABLE totp_recovery_code (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES person(id),
  code_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX totp_recovery_code_person ON totp_recovery_code (person_id);
CREATE TABLE totp_requirement (
  org_id uuid NOT NULL REFERENCES organisation(id),
  role text NOT NULL,
  set_by uuid NOT NULL REFERENCES person(id),
  set_at timestamptz NOT NULL,
  PRIMARY KEY (org_id, role)
);
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE totp_requirement; DROP TABLE totp_recovery_code; DROP TABLE person_totp;`.execute(db);
}

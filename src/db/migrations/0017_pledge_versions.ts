// The pledge (军令状) history of a bid: each version that was signed, with the digest of what was
// signed (commitments, consequences, milestones and budget), who signed for the team and for the
// host organisation, and when. A version's content and digest never change once written.
// Frozen in time: imports no app code.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
CREATE TABLE bid_pledge_version (
  bid_id uuid NOT NULL REFERENCES bid(id),
  version int NOT NULL CHECK (version >= 1),
  content jsonb NOT NULL,
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  signed_commander_by uuid REFERENCES person(id),
  signed_commander_at timestamptz,
  signed_host_by uuid REFERENCES person(id),
  signed_host_at timestamptz,
  PRIMARY KEY (bid_id, version),
  CHECK ((signed_commander_by IS NULL) = (signed_commander_at IS NULL)),
  CHECK ((signed_host_by IS NULL) = (signed_host_at IS NULL))
);

CREATE FUNCTION bid_pledge_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'a pledge version is kept' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW.content IS DISTINCT FROM OLD.content OR NEW.digest IS DISTINCT FROM OLD.digest
     OR NEW.bid_id IS DISTINCT FROM OLD.bid_id OR NEW.version IS DISTINCT FROM OLD.version THEN
    RAISE EXCEPTION 'a signed pledge version is frozen' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $f$;
CREATE TRIGGER bid_pledge_version_frozen BEFORE UPDATE OR DELETE ON bid_pledge_version
  FOR EACH ROW EXECUTE FUNCTION bid_pledge_version_frozen();
`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
DROP TABLE bid_pledge_version;
DROP FUNCTION bid_pledge_version_frozen();
`.execute(db);
}

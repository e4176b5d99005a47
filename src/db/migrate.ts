// One migration set, run by the app on start and by `jiebang migrate`.
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0002 from './migrations/0002_policy.ts';
import * as m0003 from './migrations/0003_challenges.ts';
import * as m0004 from './migrations/0004_org_profile.ts';
import * as m0006 from './migrations/0006_integrity.ts';
import * as m0007 from './migrations/0007_race.ts';
import * as m0008 from './migrations/0008_ethics.ts';
import * as m0009 from './migrations/0009_evaluation.ts';
import * as m0010 from './migrations/0010_funding.ts';
import * as m0011 from './migrations/0011_review_outcomes.ts';
import * as m0012 from './migrations/0012_idempotency.ts';
import * as m0015 from './migrations/0015_rate_limit.ts';
import * as m0016 from './migrations/0016_run_heartbeat.ts';
import * as m0017 from './migrations/0017_pledge_versions.ts';
import * as m0018 from './migrations/0018_report_evidence.ts';
import * as m0019 from './migrations/0019_integrity_referrals.ts';
import * as m0020 from './migrations/0020_race_score_source.ts';
import * as m0030 from './migrations/0030_jobs_notifications.ts';
import * as m0031 from './migrations/0031_notification_mail_index.ts';
import * as m0040 from './migrations/0040_commissioners.ts';
import * as m0041 from './migrations/0041_commissioner_assessment.ts';
import * as m0045 from './migrations/0045_instruments.ts';
import * as m0050 from './migrations/0050_transfer.ts';
import * as m0055 from './migrations/0055_password_reset.ts';
import * as m0056 from './migrations/0056_session_public_id.ts';
import * as m0057 from './migrations/0057_totp.ts';
import * as m0060 from './migrations/0060_insight_indicators.ts';
import * as m0070 from './migrations/0070_ethics_legal_time.ts';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_policy': m0002,
  '0003_challenges': m0003,
  '0004_org_profile': m0004,
  '0006_integrity': m0006,
  '0008_ethics': m0008,
  '0007_race': m0007,
  '0009_evaluation': m0009,
  '0010_funding': m0010,
  '0011_review_outcomes': m0011,
  '0012_idempotency': m0012,
  '0015_rate_limit': m0015,
  '0016_run_heartbeat': m0016,
  '0017_pledge_versions': m0017,
  '0018_report_evidence': m0018,
  '0019_integrity_referrals': m0019,
  '0020_race_score_source': m0020,
  '0030_jobs_notifications': m0030,
  '0031_notification_mail_index': m0031,
  '0050_transfer': m0050,
  '0040_commissioners': m0040,
  '0041_commissioner_assessment': m0041,
  '0045_instruments': m0045,
  '0055_password_reset': m0055,
  '0056_session_public_id': m0056,
  '0060_insight_indicators': m0060,
  '0057_totp': m0057,
  '0070_ethics_legal_time': m0070,
};

class StaticProvider implements MigrationProvider {
  async getMigrations() {
    return migrations;
  }
}

/** Apply every pending migration; throws with the failing migration's name. */
// biome-ignore lint/suspicious/noExplicitAny: migrations work on any schema
export async function migrateToLatest(db: Kysely<any>, _embedded: boolean): Promise<string[]> {
  // Unordered: migrations written in parallel branches may land out of name order; each is independent.
  const migrator = new Migrator({ db, provider: new StaticProvider(), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error)
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** The names of every migration this build has (a database is current when it applied them all). */
export function migrationNames(): string[] {
  return Object.keys(migrations);
}

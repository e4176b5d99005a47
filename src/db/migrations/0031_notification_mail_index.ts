// Delivery reads a mail's notifications by mail_id: without an index every mail scanned the whole
// notification table (measured by bench/notify). Frozen in time.
import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX notification_mail ON notification (mail_id) WHERE mail_id IS NOT NULL`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are schema-agnostic
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX notification_mail`.execute(db);
}

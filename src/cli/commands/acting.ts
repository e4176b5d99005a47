// Who a CLI command acts as: the person named by `--as EMAIL`, else the first platform admin.
// The command then goes through the same services (same checks, same audit) as the web.
import type { Ctx } from '../../app/context.ts';
import type { Database } from '../../db/db.ts';

/** The acting context, or undefined (with the reason printed and exit code 2) when nobody fits. */
export async function actingAs(database: Database, email: string | undefined): Promise<Ctx | undefined> {
  const who = email
    ? await database.db
        .selectFrom('person')
        .select('id')
        .where('email_norm', '=', email.trim().toLowerCase())
        .executeTakeFirst()
    : await database.db
        .selectFrom('membership as m')
        .innerJoin('organisation as o', 'o.id', 'm.org_id')
        .select('m.person_id as id')
        .where('o.kind', '=', 'platform')
        .where('m.role', '=', 'admin')
        .where('m.status', '=', 'active')
        .orderBy('m.created_at')
        .executeTakeFirst();
  if (!who) {
    console.error(
      email ? `no person has the email ${email}` : 'no platform admin yet: run jiebang admin create',
    );
    process.exitCode = 2;
    return undefined;
  }
  const { actorFor } = await import('../../demo/actor.ts');
  const ctx = { db: database.db, actor: null, now: () => new Date() };
  return { ...ctx, actor: await actorFor(ctx, who.id) };
}

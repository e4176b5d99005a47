// Every SQL statement of two-factor sign-in: the enrolment, recovery codes, required roles.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB, PersonTotpTable } from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type TotpRow = Selectable<PersonTotpTable>;

export const findTotp = (q: Q, personId: string) =>
  q.selectFrom('person_totp').selectAll().where('person_id', '=', personId).executeTakeFirst();

export const lockTotp = (q: Tx, personId: string) =>
  q.selectFrom('person_totp').selectAll().where('person_id', '=', personId).forUpdate().executeTakeFirst();

/** Starts (or restarts) an enrolment: a new secret, not yet enabled. */
export const putPendingTotp = (q: Tx, personId: string, secretEnc: string, now: Date) =>
  q
    .insertInto('person_totp')
    .values({ person_id: personId, secret_enc: secretEnc, created_at: now, enabled_at: null })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({
        secret_enc: secretEnc,
        created_at: now,
        enabled_at: null,
        last_step: null,
        failures: 0,
        failures_since: null,
      }),
    )
    .execute();

export const enableTotp = (q: Tx, personId: string, step: number, now: Date) =>
  q
    .updateTable('person_totp')
    .set({ enabled_at: now, last_step: step, failures: 0, failures_since: null })
    .where('person_id', '=', personId)
    .execute();

export const acceptStep = (q: Tx, personId: string, step: number) =>
  q
    .updateTable('person_totp')
    .set({ last_step: step, failures: 0, failures_since: null })
    .where('person_id', '=', personId)
    .execute();

export const resetFailures = (q: Tx, personId: string) =>
  q
    .updateTable('person_totp')
    .set({ failures: 0, failures_since: null })
    .where('person_id', '=', personId)
    .execute();

export const setFailures = (q: Tx, personId: string, failures: number, since: Date) =>
  q
    .updateTable('person_totp')
    .set({ failures, failures_since: since })
    .where('person_id', '=', personId)
    .execute();

export async function deleteTotp(q: Tx, personId: string): Promise<void> {
  await q.deleteFrom('totp_recovery_code').where('person_id', '=', personId).execute();
  await q.deleteFrom('person_totp').where('person_id', '=', personId).execute();
}

export async function replaceRecoveryCodes(q: Tx, personId: string, hashes: string[], now: Date) {
  await q.deleteFrom('totp_recovery_code').where('person_id', '=', personId).execute();
  await q
    .insertInto('totp_recovery_code')
    .values(hashes.map((code_hash) => ({ person_id: personId, code_hash, created_at: now })))
    .execute();
}

/** Spends an unused recovery code of this person; false when there is none with this hash. */
export async function spendRecoveryCode(q: Tx, personId: string, hash: string, now: Date) {
  const r = await q
    .updateTable('totp_recovery_code')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function recoveryCodesLeft(q: Q, personId: string): Promise<number> {
  const r = await q
    .selectFrom('totp_recovery_code')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The (organisation, role) pairs of this person's active roles that require two-factor sign-in. */
export const requiredBy = (q: Q, personId: string) =>
  q
    .selectFrom('membership as m')
    .innerJoin('totp_requirement as r', (j) =>
      j.onRef('r.org_id', '=', 'm.org_id').onRef('r.role', '=', 'm.role'),
    )
    .innerJoin('organisation as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'm.role', 'o.name_zh', 'o.name_en'])
    .where('m.person_id', '=', personId)
    .where('m.status', '=', 'active')
    .orderBy('o.name_zh')
    .orderBy('m.role')
    .execute();

/** Whether a role of this person requires two-factor sign-in that they have not enabled. */
export async function mustEnrol(q: Q, personId: string): Promise<boolean> {
  const r = await sql<{ must: boolean }>`
SELECT EXISTS (
  SELECT 1 FROM membership m JOIN totp_requirement r ON r.org_id = m.org_id AND r.role = m.role
  WHERE m.person_id = ${personId} AND m.status = 'active'
) AND NOT EXISTS (
  SELECT 1 FROM person_totp t WHERE t.person_id = ${personId} AND t.enabled_at IS NOT NULL
) AS must`.execute(q);
  return r.rows[0]?.must === true;
}

export const requirementsOf = (q: Q, orgId: string) =>
  q.selectFrom('totp_requirement').selectAll().where('org_id', '=', orgId).orderBy('role').execute();

export async function replaceRequirements(q: Tx, orgId: string, roles: string[], by: string, now: Date) {
  await q.deleteFrom('totp_requirement').where('org_id', '=', orgId).execute();
  if (roles.length)
    await q
      .insertInto('totp_requirement')
      .values(roles.map((role) => ({ org_id: orgId, role, set_by: by, set_at: now })))
      .execute();
}

/** A key made once and kept in the settings: the TOTP secrets are encrypted under it. */
export async function totpKey(q: Q, fresh: string): Promise<string> {
  await q
    .insertInto('app_setting')
    .values({ key: 'totp_key', value: fresh })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await q
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', 'totp_key')
    .executeTakeFirstOrThrow();
  return row.value;
}

// Every SQL statement of accounts: organisations, people, memberships, sessions. Rows in, rows out.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type {
  DB,
  MembershipTable,
  OrganisationTable,
  PasswordResetTable,
  PersonTable,
  SessionTable,
} from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type OrganisationRow = Selectable<OrganisationTable>;
export type PersonRow = Selectable<PersonTable>;
export type SessionRow = Selectable<SessionTable>;
export type MembershipRow = Selectable<MembershipTable>;

export const findPersonByEmail = (q: Q, emailNorm: string) =>
  q.selectFrom('person').selectAll().where('email_norm', '=', emailNorm).executeTakeFirst();

export const findPerson = (q: Q, id: string) =>
  q.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();

export const findPeople = (q: Q, ids: string[]) =>
  ids.length
    ? q.selectFrom('person').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export const lockPerson = (q: Tx, id: string) =>
  q.selectFrom('person').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export async function insertPerson(
  q: Q,
  p: {
    email: string;
    emailNorm: string;
    passwordHash: string;
    nameZh: string;
    nameEn: string;
    locale: string;
  },
): Promise<PersonRow> {
  return q
    .insertInto('person')
    .values({
      email: p.email,
      email_norm: p.emailNorm,
      password_hash: p.passwordHash,
      name_zh: p.nameZh,
      name_en: p.nameEn,
      locale: p.locale,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const findOrganisation = (q: Q, id: string) =>
  q.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();

export const findPlatformOrganisation = (q: Q) =>
  q
    .selectFrom('organisation')
    .selectAll()
    .where('kind', '=', 'platform')
    .orderBy('created_at')
    .executeTakeFirst();

export const listOrganisations = (q: Q, search: string | undefined, limit: number) => {
  let query = q.selectFrom('organisation').selectAll().orderBy('name_zh').limit(limit);
  if (search) {
    const like = `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('name_zh', 'ilike', like), eb('name_en', 'ilike', like), eb('uscc', '=', search)]),
    );
  }
  return query.execute();
};

export async function insertOrganisation(
  q: Q,
  o: { kind: string; nameZh: string; nameEn: string; uscc: string | null; regionCode: string | null },
): Promise<OrganisationRow> {
  return q
    .insertInto('organisation')
    .values({ kind: o.kind, name_zh: o.nameZh, name_en: o.nameEn, uscc: o.uscc, region_code: o.regionCode })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateOrganisation(
  q: Tx,
  id: string,
  patch: {
    nameZh?: string;
    nameEn?: string;
    regionCode?: string | null;
    enterprise?: {
      registrationDate?: string | null;
      industryCode?: string | null;
      mainBusiness?: string;
      hnteDomain?: string | null;
      employeeCount?: number | null;
      specialCategory?: string | null;
    };
  },
  now: Date,
): Promise<OrganisationRow> {
  const e = patch.enterprise ?? {};
  return q
    .updateTable('organisation')
    .set({
      ...(patch.nameZh !== undefined && { name_zh: patch.nameZh }),
      ...(patch.nameEn !== undefined && { name_en: patch.nameEn }),
      ...(patch.regionCode !== undefined && { region_code: patch.regionCode }),
      ...(e.registrationDate !== undefined && { registration_date: e.registrationDate }),
      ...(e.industryCode !== undefined && { industry_code: e.industryCode }),
      ...(e.mainBusiness !== undefined && { main_business: e.mainBusiness }),
      ...(e.hnteDomain !== undefined && { hnte_domain: e.hnteDomain }),
      ...(e.employeeCount !== undefined && { employee_count: e.employeeCount }),
      ...(e.specialCategory !== undefined && { special_category: e.specialCategory }),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active role grants of a person, with the kind of each organisation. */
export const activeGrants = (q: Q, personId: string) =>
  q
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'm.role', 'o.kind as org_kind', 'o.name_zh', 'o.name_en'])
    .where('m.person_id', '=', personId)
    .where('m.status', '=', 'active')
    .orderBy('o.name_zh')
    .orderBy('m.role')
    .execute();

export const findMembership = (q: Q, id: string) =>
  q.selectFrom('membership').selectAll().where('id', '=', id).executeTakeFirst();

export const findMembershipByKey = (q: Q, personId: string, orgId: string, role: string) =>
  q
    .selectFrom('membership')
    .selectAll()
    .where('person_id', '=', personId)
    .where('org_id', '=', orgId)
    .where('role', '=', role)
    .executeTakeFirst();

export async function upsertMembership(
  q: Tx,
  m: { personId: string; orgId: string; role: string; status: string; decidedBy: string | null; now: Date },
): Promise<MembershipRow> {
  return q
    .insertInto('membership')
    .values({
      person_id: m.personId,
      org_id: m.orgId,
      role: m.role,
      status: m.status,
      created_at: m.now,
      decided_at: m.decidedBy ? m.now : null,
      decided_by: m.decidedBy,
    })
    .onConflict((oc) =>
      oc.columns(['person_id', 'org_id', 'role']).doUpdateSet({
        status: m.status,
        decided_at: m.decidedBy ? m.now : null,
        decided_by: m.decidedBy,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export const setMembershipStatus = (q: Tx, id: string, status: string, by: string, now: Date) =>
  q
    .updateTable('membership')
    .set({ status, decided_by: by, decided_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** Memberships joined with names: either one person's, or those of the given organisations. */
export const listMemberships = (q: Q, by: { personId?: string; orgIds?: string[]; status?: string }) => {
  let query = q
    .selectFrom('membership as m')
    .innerJoin('organisation as o', 'o.id', 'm.org_id')
    .innerJoin('person as p', 'p.id', 'm.person_id')
    .select([
      'm.id',
      'm.person_id',
      'm.org_id',
      'm.role',
      'm.status',
      'm.created_at',
      'o.name_zh as org_name_zh',
      'o.name_en as org_name_en',
      'p.name_zh as person_name_zh',
      'p.name_en as person_name_en',
    ])
    .orderBy('m.created_at', 'desc')
    .limit(500);
  if (by.personId) query = query.where('m.person_id', '=', by.personId);
  if (by.orgIds)
    query = query.where(
      'm.org_id',
      'in',
      by.orgIds.length ? by.orgIds : ['00000000-0000-0000-0000-000000000000'],
    );
  if (by.status) query = query.where('m.status', '=', by.status);
  return query.execute();
};

export const insertSession = (q: Tx, s: Insertable<SessionTable>) =>
  q.insertInto('session').values(s).execute();

/** A person's live sessions (not revoked, not past their absolute end), most recently seen first. */
export const liveSessionsOf = (q: Q, personId: string, now: Date) =>
  q
    .selectFrom('session')
    .selectAll()
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('last_seen_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();

/** Ends one of a person's sessions by its public id; true when it was live. */
export const revokeSessionByPublicId = async (q: Tx, personId: string, publicId: string, now: Date) =>
  Number(
    (
      await q
        .updateTable('session')
        .set({ revoked_at: now })
        .where('person_id', '=', personId)
        .where('public_id', '=', publicId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst()
    ).numUpdatedRows,
  ) > 0;

export const findSession = (q: Q, id: string) =>
  q.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();

export const touchSession = (q: Q, id: string, now: Date) =>
  q.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();

export const revokeSession = (q: Tx, id: string, now: Date) =>
  q
    .updateTable('session')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();

/** Revokes every live session of a person (but `except`); returns how many. */
export const revokeSessionsOf = async (q: Tx, personId: string, now: Date, except?: string) => {
  let query = q
    .updateTable('session')
    .set({ revoked_at: now })
    .where('person_id', '=', personId)
    .where('revoked_at', 'is', null);
  if (except) query = query.where('id', '<>', except);
  return Number((await query.executeTakeFirst()).numUpdatedRows);
};

export const setPassword = (q: Tx, personId: string, passwordHash: string) =>
  q.updateTable('person').set({ password_hash: passwordHash }).where('id', '=', personId).execute();

export const insertReset = (q: Tx, r: Insertable<PasswordResetTable>) =>
  q.insertInto('password_reset').values(r).returningAll().executeTakeFirstOrThrow();

export const lockReset = (q: Tx, tokenHash: string) =>
  q
    .selectFrom('password_reset')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();

export const countResetsSince = async (q: Tx, personId: string, since: Date) =>
  Number(
    (
      await q
        .selectFrom('password_reset')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('person_id', '=', personId)
        .where('created_at', '>=', since)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Voids every unused reset link of a person (a newer one, or the password changed). */
export const voidResets = (q: Tx, personId: string, now: Date) =>
  q
    .updateTable('password_reset')
    .set({ used_at: now })
    .where('person_id', '=', personId)
    .where('used_at', 'is', null)
    .execute();

export const setPersonDisabled = (q: Tx, id: string, at: Date | null) =>
  q.updateTable('person').set({ disabled_at: at }).where('id', '=', id).execute();

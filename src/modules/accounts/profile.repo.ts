// SQL of the person profile ("filled once"): the person row and its lists.
import type { Kysely } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import type { ProfileInput } from './accounts.schema.ts';

type Q = Kysely<DB> | Tx;

export async function loadLists(q: Q, personId: string) {
  const [employment, publications, projects] = await Promise.all([
    q.selectFrom('employment').selectAll().where('person_id', '=', personId).orderBy('position_no').execute(),
    q
      .selectFrom('publication')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('position_no')
      .execute(),
    q
      .selectFrom('person_project')
      .selectAll()
      .where('person_id', '=', personId)
      .orderBy('position_no')
      .execute(),
  ]);
  return { employment, publications, projects };
}

/**
 * Active people whose Chinese or English name contains `text`, or whose email is exactly `text`
 * and who are active members of one of `orgIds` (the caller's own organisations: an address is
 * never a way to learn whether someone else has an account; no partial email match either).
 * At most `limit`, by name.
 */
export function searchPeople(q: Q, text: string, limit: number, orgIds: string[]) {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return q
    .selectFrom('person')
    .selectAll()
    .where('disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('name_zh', 'ilike', like),
        eb('name_en', 'ilike', like),
        ...(orgIds.length
          ? [
              eb.and([
                eb('email_norm', '=', text.trim().toLowerCase()),
                eb.exists(
                  eb
                    .selectFrom('membership as m')
                    .select('m.id')
                    .whereRef('m.person_id', '=', 'person.id')
                    .where('m.status', '=', 'active')
                    .where('m.org_id', 'in', orgIds),
                ),
              ]),
            ]
          : []),
      ]),
    )
    .orderBy('name_zh')
    .orderBy('name_en')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The organisation name of the person's current employment (open-ended, latest start). */
export async function currentOrgName(q: Q, personId: string): Promise<string | null> {
  const row = await q
    .selectFrom('employment')
    .select('org_name')
    .where('person_id', '=', personId)
    .where('end_date', 'is', null)
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  return row?.org_name ?? null;
}

/**
 * Set the person's working language alone. The profile version is left as it is: switching
 * language must not make an open profile form stale.
 */
export async function setLocale(tx: Tx, personId: string, locale: string, now: Date) {
  await tx.updateTable('person').set({ locale, updated_at: now }).where('id', '=', personId).execute();
}

/** Write the whole profile; returns false when `version` is no longer current. */
export async function saveProfile(tx: Tx, personId: string, p: ProfileInput, now: Date): Promise<boolean> {
  const res = await tx
    .updateTable('person')
    .set((eb) => ({
      name_zh: p.nameZh,
      name_en: p.nameEn,
      orcid: p.orcid,
      title: p.title,
      phone: p.phone,
      bio: p.bio,
      locale: p.locale,
      discipline_codes: p.disciplineCodes,
      keywords: p.keywords,
      version: eb('version', '+', 1),
      updated_at: now,
    }))
    .where('id', '=', personId)
    .where('version', '=', p.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await tx.deleteFrom('employment').where('person_id', '=', personId).execute();
  await tx.deleteFrom('publication').where('person_id', '=', personId).execute();
  await tx.deleteFrom('person_project').where('person_id', '=', personId).execute();
  if (p.employment.length) {
    await tx
      .insertInto('employment')
      .values(
        p.employment.map((e, i) => ({
          person_id: personId,
          position_no: i,
          org_id: e.orgId,
          org_name: e.orgName,
          job_title: e.jobTitle,
          start_date: e.startDate,
          end_date: e.endDate,
        })),
      )
      .execute();
  }
  if (p.publications.length) {
    await tx
      .insertInto('publication')
      .values(
        p.publications.map((x, i) => ({
          person_id: personId,
          position_no: i,
          title: x.title,
          year: x.year,
          venue: x.venue,
          doi: x.doi,
          coauthors: x.coauthors,
        })),
      )
      .execute();
  }
  if (p.projects.length) {
    await tx
      .insertInto('person_project')
      .values(
        p.projects.map((x, i) => ({
          person_id: personId,
          position_no: i,
          title: x.title,
          role: x.role,
          funder: x.funder,
          start_year: x.startYear,
          end_year: x.endYear,
        })),
      )
      .execute();
  }
  return true;
}

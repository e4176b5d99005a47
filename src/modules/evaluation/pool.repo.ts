// Every SQL statement of the expert pool: experts, their relations, organisation look-ups for the
// import, people's profile lists written by the import. Rows in, rows out.
import { type ExpressionBuilder, type Kysely, type Selectable, sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB, ExpertRelationTable, ExpertTable } from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type ExpertRow = Selectable<ExpertTable>;
export type RelationRow = Selectable<ExpertRelationTable>;

/** Organisations whose USCC or (Chinese or English, case-insensitive) name is in the lists. */
export async function findOrganisations(q: Q, usccs: string[], names: string[]) {
  if (!usccs.length && !names.length) return [];
  const lower = names.map((n) => n.toLowerCase());
  return q
    .selectFrom('organisation')
    .select(['id', 'uscc', 'name_zh', 'name_en'])
    .where((eb) =>
      eb.or([
        ...(usccs.length ? [eb('uscc', 'in', usccs)] : []),
        ...(lower.length
          ? [eb(eb.fn('lower', ['name_zh']), 'in', lower), eb(eb.fn('lower', ['name_en']), 'in', lower)]
          : []),
      ]),
    )
    .orderBy('created_at')
    .execute();
}

export const peopleByEmail = (q: Q, emailNorms: string[]) =>
  emailNorms.length
    ? q
        .selectFrom('person')
        .select(['id', 'email_norm', 'version'])
        .where('email_norm', 'in', emailNorms)
        .execute()
    : Promise.resolve([]);

export async function updatePersonFromImport(
  tx: Tx,
  id: string,
  p: { nameZh: string; nameEn: string; disciplineCodes: string[]; keywords: string[]; now: Date },
) {
  await tx
    .updateTable('person')
    .set((eb) => ({
      ...(p.nameZh ? { name_zh: p.nameZh } : {}),
      ...(p.nameEn ? { name_en: p.nameEn } : {}),
      ...(p.disciplineCodes.length ? { discipline_codes: p.disciplineCodes } : {}),
      ...(p.keywords.length ? { keywords: p.keywords } : {}),
      version: eb('version', '+', 1),
      updated_at: p.now,
    }))
    .where('id', '=', id)
    .execute();
}

export async function insertImportedPerson(
  tx: Tx,
  p: {
    email: string;
    emailNorm: string;
    passwordHash: string;
    nameZh: string;
    nameEn: string;
    disciplineCodes: string[];
    keywords: string[];
  },
) {
  return tx
    .insertInto('person')
    .values({
      email: p.email,
      email_norm: p.emailNorm,
      password_hash: p.passwordHash,
      name_zh: p.nameZh,
      name_en: p.nameEn,
      discipline_codes: p.disciplineCodes,
      keywords: p.keywords,
      locale: 'zh-CN',
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export const employmentOf = (q: Q, personId: string) =>
  q.selectFrom('employment').selectAll().where('person_id', '=', personId).orderBy('position_no').execute();

export async function replaceEmployment(
  tx: Tx,
  personId: string,
  list: { orgId: string | null; orgName: string; start: string; end: string | null }[],
) {
  await tx.deleteFrom('employment').where('person_id', '=', personId).execute();
  if (list.length)
    await tx
      .insertInto('employment')
      .values(
        list.map((e, i) => ({
          person_id: personId,
          position_no: i,
          org_id: e.orgId,
          org_name: e.orgName,
          start_date: e.start,
          end_date: e.end,
        })),
      )
      .execute();
}

export async function replacePublications(
  tx: Tx,
  personId: string,
  list: { year: number; title: string; coauthors: string[] }[],
) {
  await tx.deleteFrom('publication').where('person_id', '=', personId).execute();
  if (list.length)
    await tx
      .insertInto('publication')
      .values(
        list.map((x, i) => ({
          person_id: personId,
          position_no: i,
          title: x.title,
          year: x.year,
          coauthors: x.coauthors,
        })),
      )
      .execute();
}

export async function replaceProjects(
  tx: Tx,
  personId: string,
  list: { startYear: number; endYear: number | null; title: string }[],
) {
  await tx.deleteFrom('person_project').where('person_id', '=', personId).execute();
  if (list.length)
    await tx
      .insertInto('person_project')
      .values(
        list.map((x, i) => ({
          person_id: personId,
          position_no: i,
          title: x.title,
          start_year: x.startYear,
          end_year: x.endYear,
        })),
      )
      .execute();
}

export async function upsertExpert(
  tx: Tx,
  e: {
    personId: string;
    maxLoad: number;
    availability: { from: string; to: string }[];
    source: string;
    now: Date;
  },
) {
  const created = await tx
    .insertInto('expert')
    .values({
      person_id: e.personId,
      max_load: e.maxLoad,
      availability: JSON.stringify(e.availability),
      active: true,
      source: e.source,
      created_at: e.now,
      updated_at: e.now,
    })
    .onConflict((oc) =>
      oc.column('person_id').doUpdateSet({
        max_load: e.maxLoad,
        availability: JSON.stringify(e.availability),
        active: true,
        updated_at: e.now,
      }),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return created.inserted;
}

export const findExpert = (q: Q, personId: string) =>
  q.selectFrom('expert').selectAll().where('person_id', '=', personId).executeTakeFirst();

export const lockExpert = (tx: Tx, personId: string) =>
  tx.selectFrom('expert').selectAll().where('person_id', '=', personId).forUpdate().executeTakeFirst();

export async function updateExpert(
  tx: Tx,
  personId: string,
  p: { maxLoad?: number; availability?: { from: string; to: string }[]; active?: boolean; now: Date },
) {
  await tx
    .updateTable('expert')
    .set({
      ...(p.maxLoad !== undefined ? { max_load: p.maxLoad } : {}),
      ...(p.availability !== undefined ? { availability: JSON.stringify(p.availability) } : {}),
      ...(p.active !== undefined ? { active: p.active } : {}),
      updated_at: p.now,
    })
    .where('person_id', '=', personId)
    .execute();
}

export const relationsOf = (q: Q, expertIds: string[]) =>
  expertIds.length
    ? q
        .selectFrom('expert_relation')
        .selectAll()
        .where('expert_id', 'in', expertIds)
        .orderBy('declared_at')
        .orderBy('id')
        .execute()
    : Promise.resolve([] as RelationRow[]);

export async function replaceRelations(
  tx: Tx,
  expertId: string,
  list: { otherPersonId: string | null; otherName: string; kind: string; note: string }[],
  now: Date,
) {
  await tx.deleteFrom('expert_relation').where('expert_id', '=', expertId).execute();
  if (list.length)
    await tx
      .insertInto('expert_relation')
      .values(
        list.map((r) => ({
          expert_id: expertId,
          other_person_id: r.otherPersonId,
          other_name: r.otherName,
          kind: r.kind,
          note: r.note,
          declared_at: now,
        })),
      )
      .execute();
}

/** The pool's sortable columns. */
export const POOL_SORT = ['name', 'load', 'maxLoad'] as const;

/** One page of the pool with each expert's current organisation and load in open rounds. */
export async function listExperts(
  q: Q,
  f: {
    search?: string;
    page: number;
    pageSize: number;
    sort: (typeof POOL_SORT)[number];
    order: 'asc' | 'desc';
  },
) {
  const current = (eb: ExpressionBuilder<DB, 'expert' | 'person'>) =>
    eb
      .selectFrom('employment as e')
      .leftJoin('organisation as o', 'o.id', 'e.org_id')
      .whereRef('e.person_id', '=', 'person.id')
      .where('e.end_date', 'is', null)
      .orderBy('e.start_date', 'desc')
      .limit(1);
  const load = (eb: ExpressionBuilder<DB, 'expert' | 'person'>) =>
    eb
      .selectFrom('review_assignment as a')
      .innerJoin('review_round as r', 'r.id', 'a.round_id')
      .select((e2) => e2.fn.countAll<number>().as('n'))
      .whereRef('a.expert_id', '=', 'person.id')
      .where('a.state', 'in', ['assigned', 'submitted'])
      .where('r.state', '<>', 'closed');
  let query = q.selectFrom('expert').innerJoin('person', 'person.id', 'expert.person_id');
  const search = f.search;
  if (search) {
    const like = `%${search.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['person.name_zh']), 'like', like),
        eb(eb.fn('lower', ['person.name_en']), 'like', like),
        eb(eb.fn('lower', ['person.email']), 'like', like),
        eb(sql<string>`lower(array_to_string(person.keywords, ' '))`, 'like', like),
        eb(sql<string>`array_to_string(person.discipline_codes, ' ')`, 'like', `%${search.toUpperCase()}%`),
      ]),
    );
  }
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rows = query.select((eb) => [
    'expert.person_id',
    'expert.max_load',
    'expert.availability',
    'expert.active',
    'expert.source',
    'person.email',
    'person.name_zh',
    'person.name_en',
    'person.discipline_codes',
    'person.keywords',
    current(eb).select(sql<string>`coalesce(o.name_zh, e.org_name)`.as('x')).as('org_name_zh'),
    current(eb).select(sql<string>`coalesce(nullif(o.name_en, ''), e.org_name)`.as('x')).as('org_name_en'),
    load(eb).as('load'),
  ]);
  const dir = f.order;
  if (f.sort === 'load') rows = rows.orderBy('load', dir);
  else if (f.sort === 'maxLoad') rows = rows.orderBy('expert.max_load', dir);
  rows = rows.orderBy('person.name_zh', f.sort === 'name' ? dir : 'asc').orderBy('person.email');
  return {
    rows: await rows
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    total: Number(total.n),
  };
}

// Gathering the facts the conflict rules and the affinity need: people (names, employment,
// publications, projects), the active expert pool with relations and loads, and a round's items
// (bids with their teams, named exclusions and competitors). SQL only; coi.ts decides.
import type { Kysely } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import type { PersonFacts } from './coi.ts';

type Q = Kysely<DB> | Tx;

/** Facts of many people at once (four queries whatever their number). */
export async function peopleFacts(
  q: Q,
  ids: string[],
): Promise<Map<string, PersonFacts & { keywords: string[]; codes: string[]; titles: string[] }>> {
  const out = new Map<string, PersonFacts & { keywords: string[]; codes: string[]; titles: string[] }>();
  if (!ids.length) return out;
  const [people, jobs, pubs, projects] = await Promise.all([
    q
      .selectFrom('person')
      .select(['id', 'name_zh', 'name_en', 'keywords', 'discipline_codes'])
      .where('id', 'in', ids)
      .execute(),
    q.selectFrom('employment').selectAll().where('person_id', 'in', ids).orderBy('position_no').execute(),
    q
      .selectFrom('publication')
      .select(['person_id', 'title', 'year', 'coauthors'])
      .where('person_id', 'in', ids)
      .orderBy('position_no')
      .execute(),
    q
      .selectFrom('person_project')
      .select(['person_id', 'title', 'start_year', 'end_year'])
      .where('person_id', 'in', ids)
      .orderBy('position_no')
      .execute(),
  ]);
  for (const p of people)
    out.set(p.id, {
      id: p.id,
      names: [p.name_zh, p.name_en].filter(Boolean),
      employment: [],
      publications: [],
      projects: [],
      keywords: p.keywords,
      codes: p.discipline_codes,
      titles: [],
    });
  for (const j of jobs)
    (out.get(j.person_id)?.employment as PersonFacts['employment'][number][] | undefined)?.push({
      orgId: j.org_id,
      orgName: j.org_name,
      start: j.start_date,
      end: j.end_date,
    });
  for (const x of pubs) {
    const f = out.get(x.person_id);
    if (!f) continue;
    (f.publications as { year: number; coauthors: string[] }[]).push({
      year: x.year,
      coauthors: x.coauthors,
    });
    f.titles.push(x.title);
  }
  for (const x of projects)
    (
      out.get(x.person_id)?.projects as
        | { title: string; startYear: number; endYear: number | null }[]
        | undefined
    )?.push({
      title: x.title,
      startYear: x.start_year,
      endYear: x.end_year,
    });
  return out;
}

/** Active experts (not disabled) with cap, availability and relations. */
export async function activeExperts(q: Q) {
  const rows = await q
    .selectFrom('expert as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .select(['x.person_id', 'x.max_load', 'x.availability', 'p.name_zh', 'p.name_en'])
    .where('x.active', '=', true)
    .where('p.disabled_at', 'is', null)
    .orderBy('x.person_id')
    .execute();
  const ids = rows.map((r) => r.person_id);
  const relations = ids.length
    ? await q
        .selectFrom('expert_relation')
        .select(['expert_id', 'other_person_id', 'other_name', 'kind'])
        .where('expert_id', 'in', ids)
        .execute()
    : [];
  return { rows, relations };
}

/** Assignments (assigned or submitted) per expert in open rounds other than `roundId`. */
export async function loadsElsewhere(q: Q, roundId: string, openStates: readonly string[]) {
  const rows = await q
    .selectFrom('review_assignment as a')
    .innerJoin('review_round as r', 'r.id', 'a.round_id')
    .select(['a.expert_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.round_id', '<>', roundId)
    .where('a.state', 'in', ['assigned', 'submitted'])
    .where('r.state', 'in', [...openStates])
    .groupBy('a.expert_id')
    .execute();
  return new Map(rows.map((r) => [r.expert_id, Number(r.n)]));
}

/** The people on each bid of a challenge (commander and members), for team and competitor rules. */
export async function teamsOfChallenge(q: Q, challengeId: string) {
  const bids = await q
    .selectFrom('bid')
    .select(['id', 'commander_id', 'host_org_id', 'state', 'technical_route'])
    .where('challenge_id', '=', challengeId)
    .where('state', 'not in', ['draft', 'withdrawn'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const members = bids.length
    ? await q
        .selectFrom('bid_member')
        .select(['bid_id', 'person_id'])
        .where(
          'bid_id',
          'in',
          bids.map((b) => b.id),
        )
        .execute()
    : [];
  const team = new Map<string, Set<string>>(bids.map((b) => [b.id, new Set([b.commander_id])]));
  for (const m of members) team.get(m.bid_id)?.add(m.person_id);
  return { bids, team };
}

/** Bids of active (or finished) teams of the race run on a challenge. */
export async function raceBidIds(q: Q, challengeId: string) {
  const rows = await q
    .selectFrom('race_team as t')
    .innerJoin('race as r', 'r.id', 't.race_id')
    .select('t.bid_id')
    .where('r.challenge_id', '=', challengeId)
    .where('t.status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.bid_id));
}

export const exclusionsOf = (q: Q, bidIds: string[]) =>
  bidIds.length
    ? q.selectFrom('bid_exclusion').selectAll().where('bid_id', 'in', bidIds).orderBy('created_at').execute()
    : Promise.resolve([]);

export const organisationNames = (q: Q, ids: string[]) =>
  ids.length
    ? q.selectFrom('organisation').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

export async function replaceExclusions(
  tx: Tx,
  bidId: string,
  list: { expertId: string; reason: string }[],
  now: Date,
) {
  await tx.deleteFrom('bid_exclusion').where('bid_id', '=', bidId).execute();
  if (list.length)
    await tx
      .insertInto('bid_exclusion')
      .values(list.map((x) => ({ bid_id: bidId, expert_id: x.expertId, reason: x.reason, created_at: now })))
      .execute();
}

export const expertsByEmail = (q: Q, emailNorms: string[]) =>
  emailNorms.length
    ? q
        .selectFrom('expert as x')
        .innerJoin('person as p', 'p.id', 'x.person_id')
        .select(['p.id', 'p.email_norm', 'p.name_zh', 'p.name_en'])
        .where('p.email_norm', 'in', emailNorms)
        .execute()
    : Promise.resolve([]);

export const peopleNames = (q: Q, ids: string[]) =>
  ids.length
    ? q.selectFrom('person').select(['id', 'name_zh', 'name_en', 'email']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

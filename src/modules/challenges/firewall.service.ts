// Gathering the facts the firewalls need (firewall.ts decides) and refusing a breach. Called inside
// the transaction of every bid change that could breach one — creation, team changes, member
// confirmation, submission, selection and award — after the challenge row is locked (challenge
// before bid), so the competing bids and teams read here cannot change until the commit.
import type { Tx } from '../../app/context.ts';
import { AppError } from '../../errors.ts';
import { sanctionDay } from '../integrity/integrity.service.ts';
import type { BidRow, ChallengeRow } from './challenges.repo.ts';
import {
  type Breach,
  type FirewallFacts,
  firewallBreaches,
  LIVE_BID_STATES,
  type OrgRef,
} from './firewall.ts';
import './firewall.messages.ts';

/** Roles that make a person staff of an organisation (an evaluator role does not: pool experts are outsiders). */
const STAFF_ROLES = ['admin', 'proposer', 'organizer', 'solver'];

/** For each person, the organisations they work for on `day`: a current employment stint or an active staff role. */
export async function employersOf(q: Tx, personIds: string[], day: string): Promise<Map<string, string[]>> {
  const out = new Map<string, Set<string>>(personIds.map((id) => [id, new Set<string>()]));
  if (!personIds.length) return new Map();
  const jobs = await q
    .selectFrom('employment')
    .select(['person_id', 'org_id'])
    .where('person_id', 'in', personIds)
    .where('org_id', 'is not', null)
    .where('start_date', '<=', day)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', day)]))
    .execute();
  const roles = await q
    .selectFrom('membership')
    .select(['person_id', 'org_id'])
    .where('person_id', 'in', personIds)
    .where('status', '=', 'active')
    .where('role', 'in', STAFF_ROLES)
    .execute();
  for (const r of [...jobs, ...roles]) if (r.org_id) out.get(r.person_id)?.add(r.org_id);
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}

/** A bid as the firewalls see it: its host and its team (commander first). */
export interface BidShape {
  id: string | null;
  hostOrgId: string;
  commanderId: string;
  memberIds: readonly string[];
}

/** Every breach of a bid (created, edited or stored) against the challenge's other live bids. */
export async function breachesOf(q: Tx, c: ChallengeRow, bid: BidShape, now: Date): Promise<Breach[]> {
  const others = (
    await q
      .selectFrom('bid')
      .select(['id', 'host_org_id', 'commander_id'])
      .where('challenge_id', '=', c.id)
      .where('state', 'in', [...LIVE_BID_STATES])
      .orderBy('created_at')
      .execute()
  ).filter((b) => b.id !== bid.id);
  const otherMembers = others.length
    ? await q
        .selectFrom('bid_member')
        .select(['bid_id', 'person_id'])
        .where(
          'bid_id',
          'in',
          others.map((b) => b.id),
        )
        .execute()
    : [];
  const teamIds = [bid.commanderId, ...bid.memberIds];
  const competitorTeams = new Map(others.map((b) => [b.id, [b.commander_id]]));
  for (const m of otherMembers) competitorTeams.get(m.bid_id)?.push(m.person_id);
  const personIds = [...new Set([...teamIds, ...[...competitorTeams.values()].flat()])];
  const orgIds = [
    ...new Set([c.org_id, c.organiser_org_id, bid.hostOrgId, ...others.map((b) => b.host_org_id)]),
  ];
  const people = new Map(
    (
      await q.selectFrom('person').select(['id', 'name_zh', 'name_en']).where('id', 'in', personIds).execute()
    ).map((p) => [p.id, p]),
  );
  const orgs = new Map(
    (
      await q
        .selectFrom('organisation')
        .select(['id', 'name_zh', 'name_en'])
        .where('id', 'in', orgIds)
        .execute()
    ).map((o) => [o.id, o]),
  );
  const employers = await employersOf(q, personIds, sanctionDay(now));
  const orgRef = (id: string): OrgRef => {
    const o = orgs.get(id);
    return { id, name: { zh: o?.name_zh || o?.name_en || '', en: o?.name_en || o?.name_zh || '' } };
  };
  const person = (id: string) => {
    const p = people.get(id);
    return {
      personId: id,
      name: { zh: p?.name_zh || p?.name_en || '', en: p?.name_en || p?.name_zh || '' },
      employers: employers.get(id) ?? [],
    };
  };
  const facts: FirewallFacts = {
    proposerOrg: orgRef(c.org_id),
    organiserOrg: orgRef(c.organiser_org_id),
    host: orgRef(bid.hostOrgId),
    team: teamIds.map(person),
    competitors: others.map((b) => ({
      bidId: b.id,
      host: orgRef(b.host_org_id),
      team: (competitorTeams.get(b.id) ?? []).map(person),
    })),
  };
  return firewallBreaches(facts);
}

/** Refuse (403 INELIGIBLE, nothing written) when the bid breaches a firewall; the first breach is the message. */
export async function assertFirewalls(q: Tx, c: ChallengeRow, bid: BidShape, now: Date) {
  const breaches = await breachesOf(q, c, bid, now);
  if (!breaches.length) return;
  const [first] = breaches;
  const field =
    first.personId === null ? 'hostOrgId' : first.personId === bid.commanderId ? undefined : 'members';
  throw new AppError('INELIGIBLE', first.reason, field, {
    firewall: breaches.map((b) => b.code),
  });
}

/** The same check for a stored bid (submission, selection, award, a member confirming). */
export async function assertBidFirewalls(q: Tx, c: ChallengeRow, b: BidRow, now: Date) {
  const members = await q.selectFrom('bid_member').select('person_id').where('bid_id', '=', b.id).execute();
  await assertFirewalls(
    q,
    c,
    {
      id: b.id,
      hostOrgId: b.host_org_id,
      commanderId: b.commander_id,
      memberIds: members.map((m) => m.person_id),
    },
    now,
  );
}

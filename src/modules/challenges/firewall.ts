// Firewalls of a firm in several roles (decision 0900). Pure: `firewall.service.ts` gathers the
// facts, these functions decide. A firm that proposes or organises a challenge may not bid on it,
// nor may its staff sit on a team for it; a firm's staff may not sit on a team competing with the
// firm's own bid, and nobody sits on two teams of one challenge. Every breach carries a reason
// code, like the conflict rules of evaluation/coi.ts (which keep the firm's experts off its items).
import { type Msg, t } from '../../i18n/messages.ts';

export type FirewallCode =
  | 'proposer_host' // the bid's host organisation proposed the challenge
  | 'organiser_host' // the bid's host organisation organises (vets, runs) the challenge
  | 'proposer_staff' // a team member works for the proposer organisation
  | 'organiser_staff' // a team member works for the organising agency
  | 'competitor_staff' // a team member works for the host of a competing bid
  | 'staff_on_competitor' // staff of this bid's host sit on a competing team
  | 'two_teams'; // a team member is also on another team of the same challenge

export const FIREWALL_CODES: readonly FirewallCode[] = [
  'proposer_host',
  'organiser_host',
  'proposer_staff',
  'organiser_staff',
  'competitor_staff',
  'staff_on_competitor',
  'two_teams',
];

/** Bid states that still compete for the challenge. */
export const LIVE_BID_STATES = ['draft', 'submitted', 'selected', 'awarded'] as const;

export interface Name {
  zh: string;
  en: string;
}
export interface OrgRef {
  id: string;
  name: Name;
}
export interface TeamPerson {
  personId: string;
  name: Name;
  /** Organisations the person works for today (employment, or an active staff role). */
  employers: readonly string[];
}

export interface FirewallFacts {
  proposerOrg: OrgRef;
  organiserOrg: OrgRef;
  /** The bid's host organisation. */
  host: OrgRef;
  /** The commander first, then the members. */
  team: readonly TeamPerson[];
  /** The other live bids of the same challenge. */
  competitors: readonly { bidId: string; host: OrgRef; team: readonly TeamPerson[] }[];
}

export interface Breach {
  code: FirewallCode;
  /** The person concerned, when the breach is about a person. */
  personId: string | null;
  /** The organisation concerned. */
  orgId: string;
  /** Said in the reader's language: who, which organisation, why. */
  reason: Msg;
}

/** Every firewall a bid breaches as the facts stand; empty when it may go ahead. */
export function firewallBreaches(f: FirewallFacts): Breach[] {
  const out: Breach[] = [];
  const org = (o: OrgRef) => o.name;
  if (f.host.id === f.proposerOrg.id)
    out.push({
      code: 'proposer_host',
      personId: null,
      orgId: f.host.id,
      reason: t('firewall.proposer_host', { org: org(f.host) }),
    });
  else if (f.host.id === f.organiserOrg.id)
    out.push({
      code: 'organiser_host',
      personId: null,
      orgId: f.host.id,
      reason: t('firewall.organiser_host', { org: org(f.host) }),
    });
  const competitorHosts = new Map<string, OrgRef>();
  for (const c of f.competitors) if (c.host.id !== f.host.id) competitorHosts.set(c.host.id, c.host);
  const elsewhere = new Set(f.competitors.flatMap((c) => c.team.map((p) => p.personId)));
  for (const p of f.team) {
    const works = new Set(p.employers);
    const who = p.name;
    if (works.has(f.proposerOrg.id))
      out.push({
        code: 'proposer_staff',
        personId: p.personId,
        orgId: f.proposerOrg.id,
        reason: t('firewall.proposer_staff', { name: who, org: org(f.proposerOrg) }),
      });
    if (works.has(f.organiserOrg.id) && f.organiserOrg.id !== f.proposerOrg.id)
      out.push({
        code: 'organiser_staff',
        personId: p.personId,
        orgId: f.organiserOrg.id,
        reason: t('firewall.organiser_staff', { name: who, org: org(f.organiserOrg) }),
      });
    for (const [id, o] of competitorHosts)
      if (works.has(id))
        out.push({
          code: 'competitor_staff',
          personId: p.personId,
          orgId: id,
          reason: t('firewall.competitor_staff', { name: who, org: org(o) }),
        });
    if (elsewhere.has(p.personId))
      out.push({
        code: 'two_teams',
        personId: p.personId,
        orgId: f.host.id,
        reason: t('firewall.two_teams', { name: who }),
      });
  }
  // The mirror of competitor_staff: this host's own staff already sit on a competing team.
  const onTeam = new Set(f.team.map((p) => p.personId));
  const seen = new Set<string>();
  for (const c of f.competitors) {
    if (c.host.id === f.host.id) continue;
    for (const p of c.team)
      if (!onTeam.has(p.personId) && !seen.has(p.personId) && p.employers.includes(f.host.id)) {
        seen.add(p.personId);
        out.push({
          code: 'staff_on_competitor',
          personId: p.personId,
          orgId: f.host.id,
          reason: t('firewall.staff_on_competitor', { name: p.name, org: org(f.host) }),
        });
      }
  }
  return out;
}

// Who the actor is to a challenge, bid or task book: the relations the state machines check.
import type { Actor } from '../../app/context.ts';
import { AppError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import type { BidRow, ChallengeRow } from './challenges.repo.ts';

export const PUBLIC_STATES = new Set(['published', 'evaluating', 'notice', 'awarded']);

/** 'owner' = a proposer of the listing organisation; 'organizer' = an organizer of the vetting agency. */
export function challengeRelations(
  actor: Actor | null,
  c: Pick<ChallengeRow, 'org_id' | 'organiser_org_id'>,
): Set<string> {
  const r = new Set<string>();
  if (!actor) return r;
  if (hasRole(actor, 'proposer', c.org_id)) r.add('owner');
  if (hasRole(actor, 'organizer', c.organiser_org_id)) r.add('organizer');
  return r;
}

export function canSeeChallenge(actor: Actor | null, c: ChallengeRow): boolean {
  if (PUBLIC_STATES.has(c.state)) return true;
  return challengeRelations(actor, c).size > 0 || isPlatformAdmin(actor);
}

export interface BidViewer {
  commander: boolean;
  member: boolean;
  hostAdmin: boolean;
  /** Organizer or proposer, once bidding has closed. */
  evaluator: boolean;
}

export function bidViewer(actor: Actor | null, b: BidRow, c: ChallengeRow, memberIds: string[]): BidViewer {
  const rel = challengeRelations(actor, c);
  const closed =
    ['evaluating', 'notice', 'awarded'].includes(c.state) && b.state !== 'draft' && b.state !== 'withdrawn';
  return {
    commander: actor?.personId === b.commander_id,
    member: !!actor && memberIds.includes(actor.personId),
    hostAdmin: hasRole(actor, 'admin', b.host_org_id),
    evaluator: closed && rel.size > 0,
  };
}

export const seesBid = (v: BidViewer) => v.commander || v.member || v.hostAdmin || v.evaluator;

/** 'proposer' (the listing's owner), 'organizer', 'commander' of the awarded bid. */
export function taskBookRelations(actor: Actor | null, b: BidRow, c: ChallengeRow): Set<string> {
  const r = challengeRelations(actor, c);
  const out = new Set<string>();
  if (r.has('owner')) out.add('proposer');
  if (r.has('organizer')) out.add('organizer');
  if (actor?.personId === b.commander_id) out.add('commander');
  return out;
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  return actor;
}

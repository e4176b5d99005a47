// Who the actor is to one review item (a bid in a round). Blind review starts here: every read or
// write of an item goes through itemAccess, and anyone who is not the round's organizer, an active
// reviewer of the item or the bid's own team gets NOT_FOUND — the same answer whether the item
// exists or not. A declared conflict or a decline closes the item to that expert entirely.
import type { Kysely } from 'kysely';
import type { Actor, Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { challengeRelations, requireActor } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import * as repo from './review.repo.ts';
import { type ItemFacts, itemRole } from './review.ts';

type Q = Kysely<DB> | Tx;

export type ItemRole =
  | { kind: 'organizer' }
  | { kind: 'reviewer'; assignment: repo.AssignmentRow }
  | { kind: 'applicant'; commander: boolean };

export interface ItemAccess {
  actor: Actor;
  round: repo.RoundRow;
  bid: challenges.BidRow;
  challenge: challenges.ChallengeRow;
  role: ItemRole;
}

/** The round machine's guard inputs; the review-side transitions have no guards. */
export const NO_GUARD = { assignments: 0, itemsShort: 0, running: false };

export const itemNotFound = () => new AppError('NOT_FOUND', t('notFound.reviewItem'));

/** Whether the actor organizes the round (the challenge's organizer, or a platform admin). */
export function organizes(actor: Actor | null, c: challenges.ChallengeRow): boolean {
  return challengeRelations(actor, c).has('organizer') || isPlatformAdmin(actor);
}

/** Resolve the actor's role on (round, bid) or throw NOT_FOUND. */
export async function itemAccess(
  q: Q,
  actorIn: Actor | null,
  roundId: string,
  bidId: string,
): Promise<ItemAccess> {
  const actor = requireActor(actorIn);
  const round = await repo.findRound(q, roundId);
  if (!round) throw itemNotFound();
  const bid = await challenges.findBid(q, bidId);
  if (!bid || bid.challenge_id !== round.challenge_id) throw itemNotFound();
  const challenge = (await challenges.findChallenge(q, round.challenge_id))!;
  const assignment = await repo.assignmentOf(q, roundId, bidId, actor.personId);
  const organizer = organizes(actor, challenge);
  const applicant =
    !organizer && !assignment && (await repo.isApplicant(q, bid.id, bid.commander_id, actor.personId));
  const role = itemRole({
    organizer,
    assignment: (assignment?.state ?? null) as ItemFacts['assignment'],
    applicant,
    roundState: round.state,
  });
  const base = { actor, round, bid, challenge };
  if (role === 'organizer') return { ...base, role: { kind: 'organizer' } };
  if (role === 'reviewer' && assignment) return { ...base, role: { kind: 'reviewer', assignment } };
  if (role === 'applicant')
    return { ...base, role: { kind: 'applicant', commander: bid.commander_id === actor.personId } };
  throw itemNotFound();
}

/** The round for an organizer-only action; NOT_FOUND for anyone else. */
export async function organizerRound(q: Q, actorIn: Actor | null, roundId: string, lock = false) {
  const actor = requireActor(actorIn);
  const round = lock ? await repo.lockRound(q as Tx, roundId) : await repo.findRound(q, roundId);
  if (!round) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
  const challenge = (await challenges.findChallenge(q, round.challenge_id))!;
  if (!organizes(actor, challenge)) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
  return { actor, round, challenge };
}

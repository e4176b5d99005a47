// Who the actor is to a task book once it is delivered on: the parties of the machine
// (proposer, organizer, commander), plus team members and the experts named on it, who read it.
import type { Actor } from '../../app/context.ts';
import { taskBookRelations } from './challenges.access.ts';
import type { BidRow, ChallengeRow, TaskBookRow } from './challenges.repo.ts';
import * as repo from './challenges.repo.ts';
import * as drepo from './delivery.repo.ts';

type Q = Parameters<typeof repo.membersOf>[0];

/** 'proposer', 'organizer', 'commander', 'member' (team), 'expert' (named on the task book). */
export async function taskBookAccess(
  q: Q,
  actor: Actor | null,
  t: Pick<TaskBookRow, 'id'>,
  b: BidRow,
  c: ChallengeRow,
): Promise<Set<string>> {
  const rel = taskBookRelations(actor, b, c);
  if (!actor) return rel;
  const members = await repo.membersOf(q, b.id);
  if (members.some((m) => m.person_id === actor.personId)) rel.add('member');
  if (await drepo.isExpert(q, t.id, actor.personId)) rel.add('expert');
  return rel;
}

// "My tasks" of expert evaluation: reviews due (days left) and overdue, conflict declarations on
// newly assigned items, consensus reports to draft (rapporteur) or accept (organizer), appeals to
// decide (organizer), rebuttals the commander may still write. Organizer work is listed for the
// organizers of the challenge's agency (a platform admin can act but is not asked to).
import { t } from '../../i18n/messages.ts';
import { registerTaskSource, type TaskItem } from '../home/tasks.ts';
import './evaluation.messages.ts';
import * as repo from './review.repo.ts';
import { CONSENSUS_STATES } from './review.ts';

const DAY = 86_400_000;
const daysUntil = (at: Date, now: Date) => Math.max(0, Math.ceil((at.getTime() - now.getTime()) / DAY));
const daysSince = (at: Date, now: Date) => Math.max(1, Math.ceil((now.getTime() - at.getTime()) / DAY));

/** The item's page when there is one item, else the list where they all are. */
const hrefOf = (items: { round_id: string; bid_id: string }[], list: string) =>
  items.length === 1 ? `/reviews/${items[0].round_id}/${items[0].bid_id}` : list;

const earliest = (dates: Date[]) =>
  dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : undefined;

registerTaskSource(async (ctx) => {
  const { actor } = ctx;
  const now = ctx.now();
  const organizerOrgs = actor.roles.filter((r) => r.role === 'organizer').map((r) => r.orgId);
  const [open, rapporteur, proposed, appeals, rebuttals] = await Promise.all([
    repo.openAssignmentsOf(ctx.db, actor.personId),
    repo.openConsensusOf(ctx.db, actor.personId, [...CONSENSUS_STATES]),
    organizerOrgs.length ? repo.proposedConsensusFor(ctx.db, organizerOrgs, [...CONSENSUS_STATES]) : [],
    organizerOrgs.length ? repo.pendingAppealsFor(ctx.db, organizerOrgs) : [],
    repo.rebuttalsOpenFor(ctx.db, actor.personId, now),
  ]);
  const items: TaskItem[] = [];

  const overdue = open.filter((a) => a.due_at.getTime() < now.getTime());
  const due = open.filter((a) => a.due_at.getTime() >= now.getTime());
  if (overdue.length) {
    const at = earliest(overdue.map((a) => a.due_at))!;
    items.push({
      kind: 'review.overdue',
      count: overdue.length,
      title: t('evaluation.task.reviewsOverdue', { count: overdue.length, days: daysSince(at, now) }),
      href: hrefOf(overdue, '/reviews'),
      dueAt: at.toISOString(),
    });
  }
  if (due.length) {
    const at = earliest(due.map((a) => a.due_at))!;
    items.push({
      kind: 'review.due',
      count: due.length,
      title: t('evaluation.task.reviewsDue', { count: due.length, days: daysUntil(at, now) }),
      href: hrefOf(due, '/reviews'),
      dueAt: at.toISOString(),
    });
  }
  // An item nobody has started is one the expert has not yet checked for a conflict.
  const unopened = open.filter((a) => a.review_state === null);
  if (unopened.length)
    items.push({
      kind: 'review.declare_conflict',
      count: unopened.length,
      title: t('evaluation.task.declareConflicts', { count: unopened.length }),
      href: hrefOf(unopened, '/reviews'),
      dueAt: earliest(unopened.map((a) => a.due_at))!.toISOString(),
    });
  items.push({
    kind: 'consensus.draft',
    count: rapporteur.length,
    title: t('evaluation.task.consensusDraft', { count: rapporteur.length }),
    href: hrefOf(rapporteur, '/reviews'),
  });
  items.push({
    kind: 'consensus.accept',
    count: proposed.length,
    title: t('evaluation.task.consensusAccept', { count: proposed.length }),
    href: hrefOf(proposed, '/evaluation/rounds'),
  });
  items.push({
    kind: 'review_appeal.decide',
    count: appeals.length,
    title: t('evaluation.task.appealsDecide', { count: appeals.length }),
    href: hrefOf(appeals, '/evaluation/rounds'),
  });
  if (rebuttals.length) {
    const at = earliest(rebuttals.map((r) => r.closes_at))!;
    items.push({
      kind: 'rebuttal.write',
      count: rebuttals.length,
      title: t('evaluation.task.rebuttal', { count: rebuttals.length, days: daysUntil(at, now) }),
      href: hrefOf(rebuttals, '/reviews'),
      dueAt: at.toISOString(),
    });
  }
  return items;
});

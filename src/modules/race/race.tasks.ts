// "My tasks" of horse races, for the organizers of the challenge's agency: gates whose date has
// come (propose the decision), proposals past their notice period (finalise), objections to resolve.
import { t } from '../../i18n/messages.ts';
import { registerTaskSource, type TaskItem } from '../home/tasks.ts';
import './race.messages.ts';
import * as repo from './race.repo.ts';

/** The race's page when every item is in one race, else the race list. */
const hrefOf = (rows: { race_id: string }[]) =>
  new Set(rows.map((r) => r.race_id)).size === 1 ? `/races/${rows[0].race_id}` : '/races';

registerTaskSource(async (ctx) => {
  const orgIds = ctx.actor.roles.filter((r) => r.role === 'organizer').map((r) => r.orgId);
  if (!orgIds.length) return [];
  const now = ctx.now();
  const [due, finalize, objections] = await Promise.all([
    repo.gatesDueFor(ctx.db, orgIds, now),
    repo.gatesToFinalizeFor(ctx.db, orgIds, now),
    repo.openObjectionsFor(ctx.db, orgIds),
  ]);
  const items: TaskItem[] = [
    {
      kind: 'race.gate_propose',
      count: due.length,
      title: t('race.task.gateToPropose', { count: due.length }),
      href: due.length ? hrefOf(due) : '/races',
      dueAt: due[0]?.gate_at.toISOString(),
    },
    {
      kind: 'race.gate_finalize',
      count: finalize.length,
      title: t('race.task.gateToFinalize', { count: finalize.length }),
      href: finalize.length ? hrefOf(finalize) : '/races',
    },
    {
      kind: 'race.objection_resolve',
      count: objections.length,
      title: t('race.task.objections', { count: objections.length }),
      href: objections.length ? hrefOf(objections) : '/races',
    },
  ];
  return items;
});

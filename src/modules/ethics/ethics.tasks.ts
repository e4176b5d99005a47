// "My tasks" of ethics committee members: open reviews on which they have not yet voted (members
// on the bid's team cannot vote and are not asked), the nearest due date first; and, for the
// committee's members and the challenge's organizers, open reviews past their legal decision date.
import { defineMessages, t } from '../../i18n/messages.ts';
import { registerTaskSource } from '../home/tasks.ts';
import './ethics.messages.ts';

defineMessages({
  'ethics.task.vote': {
    'zh-CN': '{count} 项伦理审查待您投票',
    en: '{count} ethics review(s) waiting for your vote',
  },
});

registerTaskSource(async ({ actor, db }) => {
  const me = actor.personId;
  const rows = await db
    .selectFrom('ethics_review as r')
    .innerJoin('ethics_committee_member as m', 'm.committee_id', 'r.committee_id')
    .innerJoin('bid as b', 'b.id', 'r.bid_id')
    .select(['r.id', 'r.due_at'])
    .where('m.person_id', '=', me)
    .where('r.state', '=', 'open')
    .where('b.commander_id', '!=', me)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('ethics_vote as v')
            .select('v.review_id')
            .whereRef('v.review_id', '=', 'r.id')
            .where('v.member_id', '=', me),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bid_member as bm')
            .select('bm.bid_id')
            .whereRef('bm.bid_id', '=', 'r.bid_id')
            .where('bm.person_id', '=', me),
        ),
      ),
    )
    .orderBy('r.due_at')
    .execute();
  if (!rows.length) return [];
  return [
    {
      kind: 'ethics.vote',
      count: rows.length,
      title: t('ethics.task.vote', { count: rows.length }),
      href: '/ethics',
      dueAt: rows[0].due_at.toISOString(),
    },
  ];
});

/** Open reviews past their decision date, to the committee's members and the challenge's organizers. */
registerTaskSource(async ({ actor, db, now }) => {
  const organizerOrgs = actor.roles.filter((r) => r.role === 'organizer').map((r) => r.orgId);
  const rows = await db
    .selectFrom('ethics_review as r')
    .innerJoin('bid as b', 'b.id', 'r.bid_id')
    .innerJoin('challenge as c', 'c.id', 'b.challenge_id')
    .select(['r.id', 'r.due_at'])
    .where('r.state', '=', 'open')
    .where('r.due_at', '<', now())
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('ethics_committee_member as m')
            .select('m.person_id')
            .whereRef('m.committee_id', '=', 'r.committee_id')
            .where('m.person_id', '=', actor.personId),
        ),
        ...(organizerOrgs.length ? [eb('c.organiser_org_id', 'in', organizerOrgs)] : []),
      ]),
    )
    .orderBy('r.due_at')
    .execute();
  if (!rows.length) return [];
  return [
    {
      kind: 'ethics.overdue',
      count: rows.length,
      title: t('ethics.task.overdue', { count: rows.length }),
      href: '/ethics',
      dueAt: rows[0].due_at.toISOString(),
    },
  ];
});

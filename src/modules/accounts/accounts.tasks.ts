// "My tasks" of organisation admins: role requests (memberships) waiting for their decision in the
// organisations they administer; the platform admin decides those of every organisation.
import { defineMessages, t } from '../../i18n/messages.ts';
import { registerTaskSource } from '../home/tasks.ts';
import { isPlatformAdmin } from './accounts.policy.ts';

defineMessages({
  'accounts.task.memberships': {
    'zh-CN': '{count} 项角色申请待审批',
    en: '{count} role request(s) to approve or reject',
  },
});

registerTaskSource(async ({ actor, db }) => {
  const adminOrgs = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  const all = isPlatformAdmin(actor);
  if (!all && !adminOrgs.length) return [];
  let q = db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('status', '=', 'pending')
    .where('person_id', '!=', actor.personId);
  if (!all) q = q.where('org_id', 'in', adminOrgs);
  const n = Number((await q.executeTakeFirstOrThrow()).n);
  return n
    ? [
        {
          kind: 'membership.decide',
          count: n,
          title: t('accounts.task.memberships', { count: n }),
          href: '/roles',
        },
      ]
    : [];
});

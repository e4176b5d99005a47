// "My tasks" of integrity officers: duplicate-submission flags to triage, misconduct referrals to
// open or dismiss, and appeals against findings to decide.
import { defineMessages, t } from '../../i18n/messages.ts';
import { hasRole } from '../accounts/accounts.policy.ts';
import { registerTaskSource, type TaskItem } from '../home/tasks.ts';

defineMessages({
  'integrity.task.flags': {
    'zh-CN': '{count} 条疑似重复提交待研判',
    en: '{count} duplicate-submission flag(s) to triage',
  },
  'integrity.task.referrals': {
    'zh-CN': '{count} 条不端行为移送待处理',
    en: '{count} misconduct referral(s) to open or dismiss',
  },
  'integrity.task.appeals': {
    'zh-CN': '{count} 项申诉待裁决',
    en: '{count} appeal(s) to decide',
  },
});

registerTaskSource(async ({ actor, db }) => {
  if (!hasRole(actor, 'integrity_officer')) return [];
  const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
  const [flags, referrals, appeals] = await Promise.all([
    count(
      db
        .selectFrom('duplicate_flag')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('state', '=', 'open')
        .executeTakeFirstOrThrow(),
    ),
    count(
      db
        .selectFrom('integrity_referral')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('state', '=', 'open')
        .executeTakeFirstOrThrow(),
    ),
    count(
      db
        .selectFrom('integrity_record')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('appeal_status', '=', 'pending')
        .executeTakeFirstOrThrow(),
    ),
  ]);
  const item = (kind: string, n: number, key: string, href: string): TaskItem[] =>
    n ? [{ kind, count: n, title: t(key, { count: n }), href }] : [];
  return [
    ...item('integrity.flag', flags, 'integrity.task.flags', '/integrity/flags'),
    ...item('integrity.referral', referrals, 'integrity.task.referrals', '/integrity/referrals'),
    ...item('integrity.appeal', appeals, 'integrity.task.appeals', '/integrity/records'),
  ];
});

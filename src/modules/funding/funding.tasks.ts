// "My tasks" of funding: tranches whose condition is met, waiting for the organizer to release
// them, and awards whose task book has ended, waiting to be closed.
import { defineMessages, t } from '../../i18n/messages.ts';
import { registerTaskSource, type TaskItem } from '../home/tasks.ts';
import { organizerWork } from './funding.service.ts';

defineMessages({
  'funding.task.release': {
    'zh-CN': '{count} 笔经费已满足拨付条件，待拨付',
    en: '{count} tranche(s) ready to release',
  },
  'funding.task.close': {
    'zh-CN': '{count} 个资助项目的任务书已结束，待结项',
    en: '{count} award(s) whose task book has ended, to close',
  },
});

/** One award: its page; several: the funding overview. */
const hrefOf = (awardIds: string[]) =>
  new Set(awardIds).size === 1 ? `/funding/awards/${awardIds[0]}` : '/funding';

registerTaskSource(async (ctx) => {
  const { release, close } = await organizerWork(ctx);
  const out: TaskItem[] = [];
  if (release.length)
    out.push({
      kind: 'funding.release',
      count: release.length,
      title: t('funding.task.release', { count: release.length }),
      href: hrefOf(release),
    });
  if (close.length)
    out.push({
      kind: 'funding.close',
      count: close.length,
      title: t('funding.task.close', { count: close.length }),
      href: hrefOf(close),
    });
  return out;
});

// Messages of horse races people read: the "my tasks" titles (errors stay where they are).
import { defineMessages } from '../../i18n/messages.ts';

export const raceMessages = defineMessages({
  'race.task.gateToPropose': {
    'zh-CN': '{count} 场赛马已到关卡日期，请提出关卡决定',
    en: '{count} race(s) reached a gate date: propose the gate decision',
  },
  'race.task.gateToFinalize': {
    'zh-CN': '{count} 项关卡决定公示期已满，请定案',
    en: '{count} gate decision(s) past the notice period: finalise them',
  },
  'race.task.objections': {
    'zh-CN': '{count} 项关卡异议待处理',
    en: '{count} gate objection(s) to resolve',
  },
});

// The race module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const raceMessages = defineMessages({
  'race.afterAGate': { 'zh-CN': '须在一个关口之后决定', en: 'this is decided after a gate' },
  'race.allGatesDecided': { 'zh-CN': '所有关口都已决定', en: 'every gate has been decided' },
  'race.fewerThanTwoLeft': { 'zh-CN': '剩余团队不足两个', en: 'fewer than two teams are left' },
  'race.gateInNotice': {
    'zh-CN': '有关口决定正处于公示期；请先使其生效或撤回',
    en: 'a gate decision is in its notice period; finalise or withdraw it first',
  },
  'race.gateOpensAt': {
    'zh-CN': '第 {nextStage} 关于 {nextGateAt} 开放',
    en: 'gate {nextStage} opens at {nextGateAt}',
  },
  'race.needsTwoTeams': { 'zh-CN': '赛马至少需要两个团队', en: 'a race needs at least two teams' },
  'race.noTeamLeft': { 'zh-CN': '赛马中已没有团队', en: 'no team is left in the race' },
  'race.objectionPeriodOpen': {
    'zh-CN': '异议公示期尚未结束',
    en: 'the notice period for objections has not ended',
  },
  'race.objectionsOpen': {
    'zh-CN': '须先处理 {openObjections} 项异议',
    en: '{openObjections} objection(s) must be resolved first',
  },
  'race.objectionUpheld': {
    'zh-CN': '有异议成立；请撤回本次拟定并重新拟定关口决定',
    en: 'an objection was upheld; withdraw this proposal and propose the gate again',
  },
  'race.tranchePlanShares': {
    'zh-CN': '各阶段比例之和必须为 100（当前为 {shares}）',
    en: 'stage shares must add up to 100 (they add up to {shares})',
  },
  'race.tranchePlanStages': {
    'zh-CN': '请为每个阶段各填写一项（共 {stageCount} 项）',
    en: 'declare one entry per stage ({stageCount})',
  },
  'race.withdrawWhileRunning': {
    'zh-CN': '团队只能从进行中的赛马退出',
    en: 'teams withdraw from a running race',
  },
  // My tasks
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

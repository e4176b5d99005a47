// The race module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const raceMessages = defineMessages({
  'race.afterAGate': { 'zh-CN': '须在一个关口之后决定', en: 'this is decided after a gate' },
  'race.allGatesDecided': { 'zh-CN': '所有关口都已决定', en: 'every gate has been decided' },
  'race.alreadyExists': { 'zh-CN': '该榜单已有赛马', en: 'this challenge already has a race' },
  'race.awardExceedsRequests': {
    'zh-CN': '不得超过各立项团队申请经费的合计（{budgets} 分）',
    en: 'must not exceed what the awarded teams requested together ({budgets} fen)',
  },
  'race.awardsShort': {
    'zh-CN': '各团队的资助合计承诺 {committed} 分，少于赛马的资助总额 {awardFen} 分',
    en: 'the teams’ funding awards commit {committed} fen together, less than the race’s award of {awardFen} fen',
  },
  'race.bidNotOnChallenge': {
    'zh-CN': '必须是针对本赛马榜单的揭榜申请',
    en: 'must be a bid on this race’s challenge',
  },
  'race.bidNotSubmitted': {
    'zh-CN': '“{state}”状态的揭榜申请不能被邀请；必须是已提交的申请',
    en: 'a {state} bid cannot be invited; it must have been submitted',
  },
  'race.fewerThanTwoLeft': { 'zh-CN': '剩余团队不足两个', en: 'fewer than two teams are left' },
  'race.fileNotOnTaskBook': {
    'zh-CN': '必须是附在该团队自己任务书上的文件',
    en: 'must be a file attached to the team’s own task book',
  },
  'race.gateFrozen': {
    'zh-CN': '关口决定已拟定，其依据已冻结',
    en: 'the gate has been proposed; its inputs are frozen',
  },
  'race.gateInNotice': {
    'zh-CN': '有关口决定正处于公示期；请先使其生效或撤回',
    en: 'a gate decision is in its notice period; finalise or withdraw it first',
  },
  'race.gateOpensAt': {
    'zh-CN': '第 {nextStage} 关于 {nextGateAt} 开放',
    en: 'gate {nextStage} opens at {nextGateAt}',
  },
  'race.mustBeAwardedRaceChallenge': {
    'zh-CN': '必须是已立项、采用赛马制的榜单',
    en: 'must be an awarded challenge in race mode',
  },
  'race.mustBeFuture': { 'zh-CN': '必须是将来的时间', en: 'must be in the future' },
  'race.needsEthicsApproval': {
    'zh-CN': '该揭榜申请涉及 {ethicsCategories}，须先通过伦理审查',
    en: 'the bid involves {ethicsCategories} and needs ethics approval first',
  },
  'race.needsTwoTeams': { 'zh-CN': '赛马至少需要两个团队', en: 'a race needs at least two teams' },
  'race.nextGate': { 'zh-CN': '下一个关口是第 {next} 阶段的', en: "the next gate is stage {next}'s" },
  'race.noAwardedTeams': { 'zh-CN': '该榜单没有立项的团队', en: 'the challenge has no awarded teams' },
  'race.noRoundForStage': {
    'zh-CN': '第 {stageNo} 阶段的得分取自评审轮，但该阶段尚未进行评审',
    en: 'stage {stageNo} takes its scores from a review round, and none has been run for it',
  },
  'race.noSuchChallenge': { 'zh-CN': '没有这个榜单', en: 'no such challenge' },
  'race.notChallengeTarget': { 'zh-CN': '不是本榜单的考核指标', en: 'is not a target of this challenge' },
  'race.noTeamLeft': { 'zh-CN': '赛马中已没有团队', en: 'no team is left in the race' },
  'race.notRacingTeam': { 'zh-CN': '必须是仍在赛马中的团队', en: 'must be a team still in the race' },
  'race.notRunning': {
    'zh-CN': '赛马处于“{state}”状态；佐证材料只能提交给进行中的赛马',
    en: 'the race is {state}; evidence goes to a running race',
  },
  'race.notStageTarget': { 'zh-CN': '不是本阶段的考核指标', en: 'is not one of this stage’s targets' },
  'race.objectionOutsideNotice': {
    'zh-CN': '只在关口决定的公示期内受理异议',
    en: 'objections are accepted only during the gate’s notice period',
  },
  'race.objectionPeriodOpen': {
    'zh-CN': '异议公示期尚未结束',
    en: 'the notice period for objections has not ended',
  },
  'race.objectionResolved': { 'zh-CN': '该异议已处理完毕', en: 'this objection is already resolved' },
  'race.objectionsOpen': {
    'zh-CN': '须先处理 {openObjections} 项异议',
    en: '{openObjections} objection(s) must be resolved first',
  },
  'race.objectionUpheld': {
    'zh-CN': '有异议成立；请撤回本次拟定并重新拟定关口决定',
    en: 'an objection was upheld; withdraw this proposal and propose the gate again',
  },
  'race.onlyChallengeOrganizers': {
    'zh-CN': '只有本榜单的项目管理人员才能这样做',
    en: 'only the organizers of this challenge may do this',
  },
  'race.onlyOrganizersRun': {
    'zh-CN': '只有本榜单的项目管理人员才能以赛马方式组织它',
    en: 'only the organizers of this challenge may run it as a race',
  },
  'race.onlyTeamSubmitsEvidence': {
    'zh-CN': '只有团队本身才能提交其佐证材料',
    en: 'only the team itself submits its evidence',
  },
  'race.roundNotRanked': {
    'zh-CN': '第 {stageNo} 阶段的评审轮尚未作出排序决定；请先计算其排序',
    en: 'the review round of stage {stageNo} has no ranking decision yet; compute its ranking first',
  },
  'race.stageNotOpen': {
    'zh-CN': '第 {stageNo} 阶段尚未开放；当前开放的是第 {nextStage} 阶段',
    en: 'stage {stageNo} is not open; stage {nextStage} is',
  },
  'race.stageNotOpenForEvaluation': {
    'zh-CN': '第 {stageNo} 阶段尚未开放评估；当前开放的是第 {next} 阶段',
    en: 'stage {stageNo} is not open for evaluation; stage {next} is',
  },
  'race.stageScoresFromRound': {
    'zh-CN': '本阶段的得分取自其评审轮经校准后的排序',
    en: 'this stage takes its scores from the calibrated ranking of its review round',
  },
  'race.state': { 'zh-CN': '赛马处于“{state}”状态', en: 'the race is {state}' },
  'race.teamAlreadyIn': { 'zh-CN': '该团队已在赛马中', en: 'this team is already in the race' },
  'race.teamNotRacingEvaluated': {
    'zh-CN': '该团队状态为“{status}”；只评估仍在赛马中的团队',
    en: 'the team is {status}; only teams in the race are evaluated',
  },
  'race.teamNotRacingSubmits': {
    'zh-CN': '该团队状态为“{status}”；只有仍在赛马中的团队才能提交',
    en: 'the team is {status}; only teams in the race submit',
  },
  'race.teamWithoutAward': {
    'zh-CN': '赛马有经费资助，但团队 {entryNo} 的资助{value}；请先为其任务书拨款立项，使每笔拨付都记入账本',
    en: 'team {entryNo} has {value} funding award while the race is funded; fund its task book first so every release reaches the ledger',
  },
  'race.tranchePlanShares': {
    'zh-CN': '各阶段比例之和必须为 100（当前为 {shares}）',
    en: 'stage shares must add up to 100 (they add up to {shares})',
  },
  'race.tranchePlanStages': {
    'zh-CN': '请为每个阶段各填写一项（共 {stageCount} 项）',
    en: 'declare one entry per stage ({stageCount})',
  },
  'race.whoMayObject': {
    'zh-CN': '只有赛马中的团队、其项目管理人员和榜单的发榜方才能提出异议',
    en: 'only the race’s teams, its organizers and the challenge’s proposer may object',
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

// The funding module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const fundingMessages = defineMessages({
  'funding.alreadyReversed': { 'zh-CN': '该分录已被冲销', en: 'this entry is already reversed' },
  'funding.awardAlreadyClosed': { 'zh-CN': '该资助已经结束', en: 'the award is already closed' },
  'funding.awardClosed': { 'zh-CN': '该资助已结束', en: 'the award is closed' },
  'funding.budgetMode': { 'zh-CN': '本项目采用{value}预算', en: 'this call uses {value} budgets' },
  'funding.categoriesSum': {
    'zh-CN': '各科目合计 {total} 分；必须等于资助总额（{amountFen} 分）',
    en: 'the categories add up to {total} fen; they must equal the award ({amountFen} fen)',
  },
  'funding.categoryOverBudget': {
    'zh-CN': '{category}支出将达到 {so}，超过其预算 {budget}',
    en: '{category} spending would reach {so}, over its budget of {budget}',
  },
  'funding.chooseFundOrAward': { 'zh-CN': '请选择一项经费或一项资助', en: 'choose a fund or an award' },
  'funding.closingBreaksFloor': { 'zh-CN': '结束会突破下限', en: 'closing would break a floor' },
  'funding.cofundExists': {
    'zh-CN': '该榜单已有配套经费账户',
    en: 'this challenge already has a co-funding account',
  },
  'funding.cofundOverAward': {
    'zh-CN': '不得超过资助总额（{amount} 分）',
    en: 'must not exceed the award ({amount} fen)',
  },
  'funding.exceedsUnspent': {
    'zh-CN': '超过已到账且尚未支出的经费（本次提交前为 {p}）',
    en: 'exceeds the money received and not yet spent ({p} before this submission)',
  },
  'funding.futureMonth': { 'zh-CN': '不能是将来的月份', en: 'must not be a future month' },
  'funding.idempotencyKeyReused': {
    'zh-CN': '该 Idempotency-Key 已用于另一笔拨付',
    en: 'this Idempotency-Key was used for another release',
  },
  'funding.indirectCap': {
    'zh-CN': '间接费用最多为直接费用的 {indirectCapPct}%（{cap} 分）',
    en: 'indirect costs may be at most {indirectCapPct}% of direct costs ({cap} fen)',
  },
  'funding.insufficient': {
    'zh-CN': '{value}可用余额为 {have}；本次资助需要 {value2}',
    en: '{value} has {have} available; this award needs {value2}',
  },
  'funding.milestoneNotAccepted': {
    'zh-CN': '里程碑 {milestoneNo} 尚无通过的报告',
    en: 'milestone {milestoneNo} has no accepted report yet',
  },
  'funding.mustEqualAward': {
    'zh-CN': '必须等于资助总额（{amountFen} 分）',
    en: 'must equal the award ({amountFen} fen)',
  },
  'funding.negativeListItem': {
    'zh-CN': '“{labelZh} / {labelEn}”在本项目的负面清单上，任何时候都不能用这笔经费支付',
    en: '“{labelZh} / {labelEn}” is on this call’s negative list and is never paid from these funds',
  },
  'funding.negativeListWord': {
    'zh-CN': '提到了“{word}”，属于本项目负面清单上的“{labelZh} / {labelEn}”；任何时候都不能用这笔经费支付',
    en: 'mentions “{word}”, which is “{labelZh} / {labelEn}” on this call’s negative list; it is never paid from these funds',
  },
  'funding.noCofundAccount': {
    'zh-CN': '发榜方尚未为本榜单开设配套经费账户',
    en: 'the proposer has not opened a co-funding account for this challenge',
  },
  'funding.noSuchChallenge': { 'zh-CN': '没有这个榜单', en: 'no such challenge' },
  'funding.noSuchTaskBook': { 'zh-CN': '没有这份任务书', en: 'no such task book' },
  'funding.notAgencyFund': {
    'zh-CN': '必须是组织本榜单的主管部门的项目经费',
    en: 'must be a programme fund of the agency running this challenge',
  },
  'funding.notFuture': { 'zh-CN': '不能是将来的时间', en: 'must not be in the future' },
  'funding.openedTooEarly': {
    'zh-CN': '表单打开时间不可信：不能早于发榜（或立项）时间，也不能早于提交前 {days} 天',
    en: 'not a credible opening time: not before the call (or the award) and at most {days} days before sending',
  },
  'funding.burdenNotYourForm': {
    'zh-CN': '只有为该榜单填写此表的人才能记录填表负担',
    en: 'only someone who filled this form for this call may record its burden',
  },
  'funding.burdenRecorded': {
    'zh-CN': '您在该榜单上的这张表的填表负担已记录',
    en: 'the burden of this form for this call is already recorded for you',
  },
  'funding.notReversible': {
    'zh-CN': '“{kind}”分录不能冲销更正；只有划拨、支出和退款可以',
    en: 'a {kind} entry is not corrected by reversal; only appropriations, expenses and refunds are',
  },
  'funding.onlyAdminsReconcile': {
    'zh-CN': '只有平台管理员才能对整个账本对账',
    en: 'only platform administrators reconcile the whole journal',
  },
  'funding.onlyAgencyOrganizers': {
    'zh-CN': '只有该主管部门的项目管理人员才能开设其项目经费',
    en: 'only organizers of this agency may open its programme fund',
  },
  'funding.onlyChallengeOrganizers': {
    'zh-CN': '只有本榜单的项目管理人员才能这样做',
    en: 'only the organizers of this challenge may do this',
  },
  'funding.onlyCommitted': {
    'zh-CN': '该资助仍承诺的金额只有 {p}',
    en: 'only {p} of the award is still committed',
  },
  'funding.onlyManagersAppropriate': {
    'zh-CN': '只有经费管理人员才能向其划拨',
    en: 'only the fund’s managers appropriate to it',
  },
  'funding.onlyManagersCorrect': {
    'zh-CN': '只有经费管理人员才能更正其分录',
    en: 'only the fund’s managers correct its entries',
  },
  'funding.onlyOrganizersFund': {
    'zh-CN': '只有本榜单的项目管理人员才能为其立项资助拨款',
    en: 'only the organizers of this challenge fund its awards',
  },
  'funding.onlyOrganizersSetRules': {
    'zh-CN': '只有本榜单的项目管理人员才能设定其经费规则',
    en: 'only the organizers of this challenge set its funding rules',
  },
  'funding.onlyProposerCofund': {
    'zh-CN': '只有本榜单的发榜方才能开设其配套经费账户',
    en: 'only the proposer of this challenge opens its co-funding account',
  },
  'funding.onlyTeamReportsRefunds': {
    'zh-CN': '只有团队本身才能报告退款',
    en: 'only the team reports refunds',
  },
  'funding.onlyTeamReportsSpending': {
    'zh-CN': '只有团队本身才能报告支出',
    en: 'only the team reports its spending',
  },
  'funding.raceTrancheByGate': {
    'zh-CN': '赛马的拨款由其关口决定拨付',
    en: 'a race tranche is released by its gate decision',
  },
  'funding.refundOverSpent': { 'zh-CN': '{category}上只支出了 {p}', en: 'only {p} was spent on {category}' },
  'funding.refused': { 'zh-CN': '已拒绝', en: 'refused' },
  'funding.reversalBelowZero': {
    'zh-CN': '冲销会使 {split} 低于零（{balance}）',
    en: 'reversing it would take {split} below zero ({balance})',
  },
  'funding.taskBookClosedAs': {
    'zh-CN': '任务书已以“{replace}”结题；不再拨款',
    en: 'the task book is closed as {replace}; no further tranches',
  },
  'funding.taskBookFunded': { 'zh-CN': '该任务书已获资助', en: 'this task book is already funded' },
  'funding.taskBookNotConcluded': {
    'zh-CN': '任务书必须先通过验收，或作为宽容失败或因不端行为结题',
    en: 'the task book must be accepted, or closed as an honest failure or for misconduct, first',
  },
  'funding.taskBookNotFundable': {
    'zh-CN': '“{state}”状态的任务书不能再获得资助',
    en: 'a {state} task book can no longer be funded',
  },
  'funding.taskBookUnsigned': {
    'zh-CN': '任务书尚未经双方签署',
    en: 'the task book is not yet signed by both parties',
  },
  'funding.teamAwardClosed': { 'zh-CN': '该团队的资助已结束', en: 'the team’s funding award is closed' },
  'funding.teamOnlyCommitted': {
    'zh-CN': '团队 {entryNo}：其资助仍承诺的金额只有 {p}；本笔拨款为 {amountFen}',
    en: 'team {entryNo}: only {p} of its funding award is still committed; this tranche is {amountFen}',
  },
  'funding.teamWithoutAward': {
    'zh-CN': '赛马有经费资助，但团队 {entryNo} 没有资助；请先为其任务书拨款立项，使拨付记入账本',
    en: 'team {entryNo} has no funding award while the race is funded; fund its task book first so the release reaches the ledger',
  },
  'funding.tooManyFields': { 'zh-CN': '不能超过字段数量', en: 'cannot exceed the number of fields' },
  'funding.trancheReleased': { 'zh-CN': '第 {no} 笔拨款已经拨付', en: 'tranche {no} was already released' },
  'funding.trancheReleasedOn': {
    'zh-CN': '第 {no} 笔拨款已于 {releasedAt} 拨付',
    en: 'tranche {no} was already released on {releasedAt}',
  },
  'ledger.malformedEntry': {
    'zh-CN': '拒绝记入格式错误的分录：{stringify}',
    en: 'refusing a malformed journal entry: {stringify}',
  },
});

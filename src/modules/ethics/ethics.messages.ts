// The ethics module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const ethicsMessages = defineMessages({
  'ethics.bidNotReviewed': {
    'zh-CN': '“{state}”状态的揭榜申请不接受审查',
    en: 'a {state} bid is not reviewed',
  },
  'ethics.committeeTooSmall': {
    'zh-CN': '该委员会的委员少于 {minMembers} 名',
    en: 'the committee has fewer than {minMembers} members',
  },
  'ethics.noCategories': {
    'zh-CN': '该揭榜申请未申报任何伦理类别',
    en: 'this bid declares no ethics categories',
  },
  'ethics.noSuchCommittee': { 'zh-CN': '没有这个委员会', en: 'no such committee' },
  'ethics.onlyAdminsSetUp': {
    'zh-CN': '只有本单位的管理员或项目管理人员才能设立其伦理委员会',
    en: 'only the organisation’s admins or organizers set up its ethics committee',
  },
  'ethics.onlyMembersVote': { 'zh-CN': '只有委员会委员才能投票', en: 'only members of the committee vote' },
  'ethics.onTeamAbstain': {
    'zh-CN': '您是该团队成员：请申报利益冲突并回避表决',
    en: 'you are on this team: declare the conflict and abstain',
  },
  'ethics.quorumOverMembers': { 'zh-CN': '不能超过委员人数', en: 'cannot exceed the number of members' },
  'ethics.reviewAlready': { 'zh-CN': '该审查已经是“{state}”状态', en: 'the review is already {state}' },
  'ethics.reviewExists': { 'zh-CN': '该揭榜申请已有伦理审查', en: 'this bid already has an ethics review' },
  'ethics.stateConditions': { 'zh-CN': '请写明条件', en: 'state the conditions' },
  'ethics.tooFewMembers': {
    'zh-CN': '伦理委员会至少需要 {minMembers} 名委员',
    en: 'an ethics committee needs at least {minMembers} members',
  },
  'ethics.emergencyReason': {
    'zh-CN': '适用应急审查程序须说明理由',
    en: 'state why the emergency procedure applies',
  },
  'ethics.extendOpenOnly': { 'zh-CN': '只有审查中的事项才能延期', en: 'only an open review is extended' },
  'ethics.emergencyNotExtended': {
    'zh-CN': '应急审查须在 72 小时内作出决定，不能延期',
    en: 'an emergency review is decided within 72 hours and is not extended',
  },
  'ethics.alreadyExtended': {
    'zh-CN': '该审查已延期一次，不能再次延期',
    en: 'this review has already been extended once',
  },
  'ethics.extendBeforeDue': {
    'zh-CN': '延期须在决定期限届满前作出',
    en: 'an extension is recorded before the decision date passes',
  },
  'ethics.onlyCommitteeExtends': {
    'zh-CN': '只有该伦理委员会的委员或其所在机构的管理员、项目管理人员才能延期',
    en: 'only the committee’s members or its organisation’s admins and organizers extend a review',
  },
  'ethics.task.overdue': {
    'zh-CN': '{count} 项伦理审查已超过法定决定期限',
    en: '{count} ethics review(s) past the legal decision date',
  },
  'validation.atMost30Days': {
    'zh-CN': '最多 30 天（科技伦理审查办法规定的期限）',
    en: 'at most 30 days (the legal time for an ethics review)',
  },
  'ethics.unregisteredPerson': { 'zh-CN': '列出了未注册的人员', en: 'names a person who is not registered' },
});

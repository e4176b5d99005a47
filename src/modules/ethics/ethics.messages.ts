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
  'ethics.unregisteredPerson': { 'zh-CN': '列出了未注册的人员', en: 'names a person who is not registered' },
});

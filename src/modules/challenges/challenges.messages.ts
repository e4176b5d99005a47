// Messages of challenges, bids and delivery people read: the "my tasks" titles and what a bid
// still needs before it can be submitted (errors are converted to keys separately).
import { defineMessages } from '../../i18n/messages.ts';

export const challengesMessages = defineMessages({
  // ── my tasks ──
  'challenges.task.confirmBid': {
    'zh-CN': '{count} 个揭榜团队邀请您加入，请确认参与',
    en: '{count} bid team(s) list you as a member: confirm your participation',
  },
  'challenges.task.signPledgeCommander': {
    'zh-CN': '{count} 份军令状待您以揭榜负责人身份签署',
    en: '{count} pledge(s) waiting for your signature as commander',
  },
  'challenges.task.signPledgeHost': {
    'zh-CN': '{count} 份军令状待您代表依托单位签署',
    en: '{count} pledge(s) waiting for your signature for the host organisation',
  },
  'challenges.task.submitBid': {
    'zh-CN': '{count} 份揭榜方案已齐备，可以提交',
    en: '{count} bid(s) complete and ready to submit',
  },
  'challenges.task.vet': {
    'zh-CN': '{count} 个榜单待审核发布',
    en: '{count} challenge(s) waiting to be vetted',
  },
  'challenges.task.answerObjections': {
    'zh-CN': '{count} 条公示异议待处理',
    en: '{count} objection(s) to the public notice to answer',
  },
  'challenges.task.judgeReports': {
    'zh-CN': '{count} 份里程碑报告待您评审',
    en: '{count} milestone report(s) waiting for your verdict',
  },
  'challenges.task.signTaskBooks': {
    'zh-CN': '{count} 份任务书待您签署',
    en: '{count} task book(s) waiting for your signature',
  },

  // ── what a bid still needs before submission, and who must act ──
  'bid.missing.memberConfirmation': {
    'zh-CN': '{name} 尚未确认参与团队',
    en: '{name} has not confirmed joining the team',
  },
  'bid.missing.commanderSignature': {
    'zh-CN': '揭榜负责人尚未签署第 {version} 版军令状',
    en: 'The commander has not signed version {version} of the pledge',
  },
  'bid.missing.hostSignature': {
    'zh-CN': '依托单位 {org} 尚未签署第 {version} 版军令状',
    en: 'The host organisation {org} has not signed version {version} of the pledge',
  },
  'bid.missing.budgetOverCeiling': {
    'zh-CN': '申请经费超过榜单上限，请调整预算',
    en: 'The budget requested exceeds the challenge’s ceiling: lower it',
  },
  'bid.missing.biddingClosed': {
    'zh-CN': '该榜单已不在揭榜期内，无法提交',
    en: 'The challenge is no longer open for bids; it cannot be submitted',
  },
  'bid.missing.hostAdmins': {
    'zh-CN': '{org} 的管理员',
    en: 'an administrator of {org}',
  },
});

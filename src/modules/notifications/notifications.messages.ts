// What notifications say, in both languages. `notify.<kind>` is the title of one notification;
// {object} is the object's name (bilingual parameter), rendered in the recipient's language.
import { defineMessages } from '../../i18n/messages.ts';

export const notificationMessages = defineMessages({
  'notify.job.deliver': { 'zh-CN': '邮件投递', en: 'Mail delivery' },
  'notify.job.digest': { 'zh-CN': '每日汇总', en: 'Daily digest' },
  'notify.job.scan': { 'zh-CN': '截止日期扫描', en: 'Due-date scans' },
  'notify.review.assigned': {
    'zh-CN': '您被分配评审“{object}”，请在 {due} 前提交评审意见',
    en: 'You are assigned to review “{object}”; please submit your review by {due}',
  },
  'notify.review.dueSoon': {
    'zh-CN': '评审“{object}”将于 {due} 截止，您尚未提交评审意见',
    en: 'The review of “{object}” is due on {due} and yours is not yet submitted',
  },
  'notify.review.overdue': {
    'zh-CN': '评审“{object}”已于 {due} 逾期，请尽快提交评审意见',
    en: 'The review of “{object}” was due on {due}: please submit it now',
  },
  'notify.bid.confirmRequested': {
    'zh-CN': '投标“{object}”邀请您确认加入团队',
    en: 'The bid for “{object}” waits for you to confirm your place in the team',
  },
  'notify.pledge.hostSignRequested': {
    'zh-CN': '投标“{object}”的军令状等待依托单位签署',
    en: 'The pledge of the bid for “{object}” waits for the host organisation’s signature',
  },
  'notify.challenge.submitted': {
    'zh-CN': '榜单“{object}”已提交审核，请审核',
    en: 'The challenge “{object}” was submitted for vetting',
  },
  'notify.challenge.returned': {
    'zh-CN': '榜单“{object}”被退回修改',
    en: 'The challenge “{object}” was returned for revision',
  },
  'notify.challenge.rejected': {
    'zh-CN': '榜单“{object}”未通过审核',
    en: 'The challenge “{object}” was rejected',
  },
  'notify.challenge.published': {
    'zh-CN': '榜单“{object}”已发布',
    en: 'The challenge “{object}” is published',
  },
  'notify.objection.lodged': {
    'zh-CN': '对榜单“{object}”的公示提出了异议，请答复',
    en: 'An objection was lodged against the notice of “{object}”; please answer it',
  },
  'notify.objection.answered': {
    'zh-CN': '您对榜单“{object}”提出的异议已有答复',
    en: 'Your objection about “{object}” has been answered',
  },
  'notify.bid.selected': {
    'zh-CN': '您在榜单“{object}”的投标已入选',
    en: 'Your bid for “{object}” was selected',
  },
  'notify.bid.announced': {
    'zh-CN': '榜单“{object}”的拟揭榜结果已公示',
    en: 'The intended winners of “{object}” are announced',
  },
  'notify.bid.awarded': {
    'zh-CN': '您在榜单“{object}”的投标已揭榜成功',
    en: 'Your bid for “{object}” is awarded',
  },
  'notify.bid.notSelected': {
    'zh-CN': '您在榜单“{object}”的投标未入选',
    en: 'Your bid for “{object}” was not selected',
  },
  'notify.taskbook.signRequested': {
    'zh-CN': '“{object}”的任务书等待您签署',
    en: 'The task book of “{object}” waits for your signature',
  },
  'notify.milestone.dueSoon': {
    'zh-CN': '“{object}”的进展报告将于 {due} 到期',
    en: 'A progress report on “{object}” is due on {due}',
  },
  'notify.milestone.overdue': {
    'zh-CN': '“{object}”的进展报告已于 {due} 逾期',
    en: 'The progress report on “{object}” was due on {due} and is overdue',
  },
  'notify.report.verdictRequested': {
    'zh-CN': '“{object}”的进展报告等待您给出评审结论',
    en: 'A progress report on “{object}” waits for your verdict',
  },
  'notify.tranche.released': {
    'zh-CN': '“{object}”的一笔经费已拨付：{amount}',
    en: 'A tranche of “{object}” was released: {amount}',
  },
  'notify.ethics.voteRequested': {
    'zh-CN': '伦理审查“{object}”等待您投票',
    en: 'The ethics review of “{object}” waits for your vote',
  },
  'notify.ethics.overdue': {
    'zh-CN': '伦理审查“{object}”已于 {due} 逾期',
    en: 'The ethics review of “{object}” was due on {due} and is overdue',
  },
  'notify.integrity.finding': {
    'zh-CN': '一项关于您的科研诚信记录已登记',
    en: 'An integrity record concerning you was entered',
  },
  'notify.sanction.started': {
    'zh-CN': '一项科研诚信处理自 {date} 起生效',
    en: 'An integrity sanction takes effect on {date}',
  },
  'notify.sanction.ended': {
    'zh-CN': '一项科研诚信处理已于 {date} 结束',
    en: 'An integrity sanction ended on {date}',
  },
  'notify.appeal.decided': {
    'zh-CN': '您的申诉已有决定',
    en: 'Your appeal has been decided',
  },
  'notify.race.gateProposed': {
    'zh-CN': '赛马“{object}”第 {stage} 阶段的关口结果已提出，可在公示期内提出异议',
    en: 'The gate of stage {stage} of the race “{object}” is proposed; objections are open',
  },
  'notify.race.gateFinal': {
    'zh-CN': '赛马“{object}”第 {stage} 阶段的关口结果已确定',
    en: 'The gate of stage {stage} of the race “{object}” is final',
  },
  'notify.transfer.interest': {
    'zh-CN': '有企业对成果“{object}”表达了意向',
    en: 'An enterprise is interested in the achievement “{object}”',
  },
  'notify.transfer.termsProposed': {
    'zh-CN': '成果“{object}”的交易条件已提出，等待您确认',
    en: 'Terms for “{object}” were proposed and wait for your answer',
  },
  'notify.transfer.noticePublished': {
    'zh-CN': '成果“{object}”拟以 {price} 元转化，现予公示，可提出异议',
    en: 'The achievement “{object}” is to be transferred for {price} yuan; the price is in notice, objections are open',
  },
  'notify.transfer.match': {
    'zh-CN': '新上架的成果“{achievement}”与您的需求“{object}”匹配',
    en: 'The newly listed achievement “{achievement}” matches your demand “{object}”',
  },
  'notify.commissioner.dispatched': {
    'zh-CN': '您被派遣服务需求“{object}”（{requester}），请接受或谢绝',
    en: 'You are dispatched to the demand “{object}” ({requester}); please accept or decline',
  },
  'notify.commissioner.declined': {
    'zh-CN': '科技特派员{commissioner}谢绝了需求“{object}”，需要重新派遣',
    en: '{commissioner} declined the demand “{object}”; it needs a new dispatch',
  },
  'notify.commissioner.visitLogged': {
    'zh-CN': '科技特派员{commissioner}记录了 {date} 对“{object}”的服务，请确认并评价',
    en: '{commissioner} logged a visit on {date} for “{object}”; please confirm and rate it',
  },

  'notify.mail.greeting': { 'zh-CN': '{name}，您好：', en: 'Dear {name},' },
  'notify.mail.act': { 'zh-CN': '请点击以下链接处理：', en: 'Open this page to act:' },
  'notify.mail.digestSubject': {
    'zh-CN': '揭榜平台：您有 {count} 条新通知',
    en: 'Jiebang: {count} new notifications',
  },
  'notify.mail.digestIntro': {
    'zh-CN': '以下是您的每日通知摘要：',
    en: 'Here is your daily digest:',
  },
  'notify.mail.required': {
    'zh-CN': '这是规则要求的截止提醒，不能退订。',
    en: 'This is a deadline notice the rules require; it cannot be switched off.',
  },
  'notify.mail.unsubscribe': {
    'zh-CN': '不想再收到此类邮件？退订：',
    en: 'No more e-mails of this kind? Unsubscribe:',
  },
  'notify.mail.preferences': {
    'zh-CN': '通知设置：',
    en: 'Notification settings:',
  },
  'notify.unsubscribed': {
    'zh-CN': '已退订此类通知邮件。站内通知仍会保留。',
    en: 'You will no longer receive e-mails of this kind. Notices stay in your inbox.',
  },
  'notify.unsubscribeInvalid': {
    'zh-CN': '退订链接无效或已损坏。',
    en: 'This unsubscribe link is invalid.',
  },
  'notify.requiredKind': {
    'zh-CN': '截止提醒为规则要求，不能关闭',
    en: 'deadline notices the rules require cannot be switched off',
  },
  'notify.unknownKind': { 'zh-CN': '没有这种通知：{kind}', en: 'no such notification kind: {kind}' },
  'notify.notFound': { 'zh-CN': '通知不存在', en: 'notification not found' },
  'notify.mailNotFound': { 'zh-CN': '邮件不存在', en: 'message not found' },
  'notify.jobNotFound': { 'zh-CN': '任务不存在或未失败', en: 'no such failed job' },
  'notify.adminOnly': {
    'zh-CN': '只有平台管理员可以查看',
    en: 'only the platform admin may see this',
  },
  'notify.instrument.bookingRequested': {
    'zh-CN': '{booker} 预约了“{object}”（{start} 起），等待您审批',
    en: '{booker} booked “{object}” from {start}; the booking waits for your approval',
  },
  'notify.instrument.bookingApproved': {
    'zh-CN': '您对“{object}”的预约（{start} 起）已获批准',
    en: 'Your booking of “{object}” from {start} was approved',
  },
  'notify.instrument.bookingRejected': {
    'zh-CN': '您对“{object}”的预约（{start} 起）被拒绝：{reason}',
    en: 'Your booking of “{object}” from {start} was rejected: {reason}',
  },
  'notify.instrument.bookingCancelled': {
    'zh-CN': '“{object}”的预约（{start} 起）已被取消：{reason}',
    en: 'The booking of “{object}” from {start} was cancelled: {reason}',
  },
  'notify.instrument.feePosted': {
    'zh-CN': '“{object}”的使用费 {fee} 已入账，欢迎评价本次使用',
    en: 'The fee of {fee} for using “{object}” was posted; please rate the use',
  },
});

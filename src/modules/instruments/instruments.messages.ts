// The instruments module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const instrumentsMessages = defineMessages({
  'instruments.notFound': { 'zh-CN': '没有这台仪器', en: 'no such instrument' },
  'instruments.noSuchMaintenance': { 'zh-CN': '没有这段维护时间', en: 'no such maintenance window' },
  'instruments.noSuchAward': { 'zh-CN': '没有这个资助项目', en: 'no such award' },
  'instruments.noSuchTaskBook': { 'zh-CN': '没有这份任务书', en: 'no such task book' },
  'instruments.oneScope': {
    'zh-CN': '资助项目和任务书只能选一个',
    en: 'choose an award or a task book, not both',
  },
  'instruments.bookingNotFound': { 'zh-CN': '没有这个预约', en: 'no such booking' },
  'instruments.onlyOrgAdmins': {
    'zh-CN': '只有本单位的管理员才能登记和维护其仪器',
    en: 'only the organisation’s admins list and maintain its instruments',
  },
  'instruments.onlyManager': {
    'zh-CN': '只有仪器负责人或其单位管理员才能这样做',
    en: 'only the instrument’s manager or its organisation’s admins may do this',
  },
  'instruments.notLarge': {
    'zh-CN': '大型仪器的原值须在 50 万元及以上',
    en: 'a large instrument is worth 500,000 yuan or more',
  },
  'instruments.managerNotMember': {
    'zh-CN': '仪器负责人须是本单位的在职成员',
    en: 'the manager must be an active member of the organisation',
  },
  'instruments.orgFixed': {
    'zh-CN': '仪器的所属单位不能更改',
    en: 'an instrument’s organisation cannot change',
  },
  'instruments.endBeforeStart': { 'zh-CN': '结束时间须晚于开始时间', en: 'the end must be after the start' },
  'instruments.rangeBoth': {
    'zh-CN': '按空闲时段查找须同时给出开始和结束时间',
    en: 'give both the start and the end of the time range',
  },
  'instruments.slotTooShort': {
    'zh-CN': '每次预约至少 {min} 分钟',
    en: 'a booking lasts at least {min} minutes',
  },
  'instruments.slotTooLong': { 'zh-CN': '一次预约最长 14 天', en: 'a booking lasts at most 14 days' },
  'instruments.leadTime': {
    'zh-CN': '须至少提前 {hours} 小时预约',
    en: 'book at least {hours} hours ahead',
  },
  'instruments.inMaintenance': {
    'zh-CN': '该时段仪器在维护，不能预约',
    en: 'the instrument is under maintenance in this time',
  },
  'instruments.maintenanceOverBooking': {
    'zh-CN': '该时段已有预约：请先与预约人协商取消',
    en: 'bookings hold this time: cancel them with their bookers first',
  },
  'instruments.slotTaken': {
    'zh-CN': '该时段已被预约，请选择其他时间',
    en: 'this time is already booked; choose another',
  },
  'instruments.retired': { 'zh-CN': '该仪器已停止共享', en: 'this instrument is no longer shared' },
  'instruments.internalOnly': {
    'zh-CN': '该仪器仅对本单位开放',
    en: 'this instrument is open to its own organisation only',
  },
  'instruments.notYourAward': {
    'zh-CN': '您不是该资助项目团队的成员',
    en: 'you are not on this award’s team',
  },
  'instruments.awardClosed': { 'zh-CN': '该资助项目已结题', en: 'this award is closed' },
  'instruments.noPayer': {
    'zh-CN': '请选择付费的资助项目或您所在的单位',
    en: 'choose an award or an organisation of yours to pay',
  },
  'instruments.notYourTaskBook': {
    'zh-CN': '您不是该任务书团队的成员',
    en: 'you are not on this task book’s team',
  },
  'instruments.noSuchMilestone': {
    'zh-CN': '该任务书只有 {count} 个里程碑',
    en: 'the task book has {count} milestone(s)',
  },
  'instruments.milestoneNeedsTaskBook': {
    'zh-CN': '请先选择里程碑所属的任务书',
    en: 'choose the task book the milestone belongs to',
  },
  'instruments.reasonRequired': { 'zh-CN': '请写明理由', en: 'state the reason' },
  'instruments.cancelAfterStart': {
    'zh-CN': '预约时段已开始，不能再自行取消：请联系仪器负责人',
    en: 'the slot has started and can no longer be cancelled by you: ask the manager',
  },
  'instruments.useInFuture': { 'zh-CN': '不能登记尚未结束的使用', en: 'a use cannot end in the future' },
  'instruments.badHours': {
    'zh-CN': '有效机时以小时计，最多一位小数且大于 0（如 2.5）',
    en: 'machine hours: more than 0, at most one decimal place (e.g. 2.5)',
  },
  'instruments.hoursOverSpan': {
    'zh-CN': '有效机时不能超过开始到结束的时长',
    en: 'machine hours cannot exceed the time from start to end',
  },
  'instruments.awardShort': {
    'zh-CN': '该资助项目团队持有的经费（{held} 分）不足以支付本次费用（{fee} 分）',
    en: 'the award’s team holds {held} fen, less than the fee of {fee} fen',
  },
  'instruments.ledgerRefused': { 'zh-CN': '账本拒绝了这笔费用', en: 'the ledger refused the fee' },
  'instruments.rateAfterUse': {
    'zh-CN': '使用登记后才能评价',
    en: 'rate a booking once its use is recorded',
  },
  'instruments.alreadyRated': { 'zh-CN': '您已评价过这次使用', en: 'you have already rated this use' },
  'instruments.windowTooLong': {
    'zh-CN': '日历一次最多显示 62 天',
    en: 'the calendar shows at most 62 days',
  },
  'instruments.task.approve': {
    'zh-CN': '{count} 个仪器预约待您审批',
    en: '{count} instrument booking(s) waiting for your approval',
  },
  'instruments.task.record': {
    'zh-CN': '{count} 个已结束的仪器预约待登记使用',
    en: '{count} finished instrument booking(s) to record',
  },
  'instruments.task.rate': {
    'zh-CN': '{count} 次仪器使用待您评价',
    en: '{count} instrument use(s) waiting for your rating',
  },
  'field.machineHours': { 'zh-CN': '有效机时', en: 'machine hours' },
  'field.managerId': { 'zh-CN': '仪器负责人', en: 'manager' },
  'field.payerOrgId': { 'zh-CN': '付费单位', en: 'paying organisation' },
  'field.awardId': { 'zh-CN': '资助项目', en: 'award' },
  'field.valueFen': { 'zh-CN': '原值', en: 'original value' },
  'field.priceInternalFen': { 'zh-CN': '校内（单位内）价格', en: 'internal price' },
  'field.priceExternalFen': { 'zh-CN': '对外价格', en: 'external price' },
  'field.minSlotMinutes': { 'zh-CN': '最短预约时长', en: 'minimum slot' },
  'field.leadHours': { 'zh-CN': '提前预约时间', en: 'lead time' },
  'field.samples': { 'zh-CN': '样品数', en: 'samples' },
  'field.purpose': { 'zh-CN': '用途', en: 'purpose' },
  'field.start': { 'zh-CN': '开始时间', en: 'start' },
  'field.end': { 'zh-CN': '结束时间', en: 'end' },
});

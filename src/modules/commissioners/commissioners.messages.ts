// The S&T commissioners module's messages, in both languages.
import { defineMessages } from '../../i18n/messages.ts';

export const commissionersMessages = defineMessages({
  'field.regions': { 'zh-CN': '服务区域', en: 'regions served' },
  'field.commissionerId': { 'zh-CN': '科技特派员', en: 'commissioner' },
  'field.termStart': { 'zh-CN': '开始日期', en: 'start' },
  'field.termEnd': { 'zh-CN': '结束日期', en: 'end' },
  'field.goals': { 'zh-CN': '服务目标', en: 'goals' },
  'field.hours': { 'zh-CN': '时长', en: 'hours' },
  'field.visitDate': { 'zh-CN': '服务日期', en: 'date' },
  'field.place': { 'zh-CN': '地点', en: 'place' },
  'field.workDone': { 'zh-CN': '服务内容', en: 'work done' },
  'field.personEmail': { 'zh-CN': '账号邮箱', en: 'account email' },
  'field.agencyOrgId': { 'zh-CN': '派出机构', en: 'dispatching agency' },
  'field.rating': { 'zh-CN': '评分', en: 'rating' },
  'field.capacity': { 'zh-CN': '服务容量', en: 'capacity' },
  'field.keywords': { 'zh-CN': '专长关键词', en: 'keywords' },
  'field.requester': { 'zh-CN': '服务对象', en: 'served party' },
  'commissioners.dateFormat': { 'zh-CN': '须为日期，如 2026-05-01', en: 'must be a date such as 2026-05-01' },
  'commissioners.import.kind': { 'zh-CN': '类型须为 {kinds} 之一', en: 'kind must be one of {kinds}' },
  'commissioners.import.tooLong': { 'zh-CN': '不能超过 {max} 个字符', en: 'at most {max} characters' },
  'commissioners.import.tooMany': { 'zh-CN': '不能超过 {max} 项', en: 'at most {max} entries' },
  'commissioners.import.capacity': {
    'zh-CN': '服务容量须为 1–50 的整数',
    en: 'capacity must be a whole number 1–50',
  },
  'commissioners.import.yesNo': { 'zh-CN': '请填“是”或“否”', en: 'write yes or no' },
  'commissioners.import.refused': {
    'zh-CN': '第 {row} 行 {field}：{reason}{more}；文件未导入',
    en: 'row {row}, {field}: {reason}{more}; nothing was imported',
  },
  'notFound.commissioner': { 'zh-CN': '未找到该科技特派员', en: 'commissioner not found' },
  'notFound.commissionerDemand': { 'zh-CN': '未找到该服务需求', en: 'demand not found' },
  'notFound.commissionerDispatch': { 'zh-CN': '未找到该派遣', en: 'dispatch not found' },
  'notFound.commissionerVisit': { 'zh-CN': '未找到该服务记录', en: 'service visit not found' },
  'commissioners.notAgency': {
    'zh-CN': '只有派出机构（科技管理部门）的管理人员可以这样做',
    en: 'only staff of the dispatching agency (an S&T bureau) may do this',
  },
  'commissioners.agencyNotAgency': {
    'zh-CN': '派出机构必须是科技管理部门',
    en: 'the dispatching agency must be an S&T agency',
  },
  'commissioners.unknownDivision': {
    'zh-CN': '“{code}”不是有效的行政区划代码（GB/T 2260）',
    en: '“{code}” is not an administrative division code (GB/T 2260)',
  },
  'commissioners.countyRequired': {
    'zh-CN': '请选到区县一级',
    en: 'choose down to the county',
  },
  'commissioners.personTaken': {
    'zh-CN': '此人已登记为科技特派员',
    en: 'this person is already registered as a commissioner',
  },
  'commissioners.noSuchPerson': {
    'zh-CN': '没有使用该邮箱的注册用户',
    en: 'no registered person has this email',
  },
  'commissioners.needsAccount': {
    'zh-CN': '个人科技特派员须关联一个注册账号',
    en: 'an individual commissioner needs a registered account',
  },
  'commissioners.unavailable': {
    'zh-CN': '该科技特派员目前不可派遣',
    en: 'this commissioner is not available now',
  },
  'commissioners.full': {
    'zh-CN': '该科技特派员已满负荷（{capacity} 项）',
    en: 'this commissioner is at capacity ({capacity})',
  },
  'commissioners.declinedBefore': {
    'zh-CN': '该科技特派员已谢绝过这项需求',
    en: 'this commissioner has already declined this demand',
  },
  'commissioners.otherAgency': {
    'zh-CN': '该科技特派员属于其他派出机构',
    en: 'this commissioner belongs to another agency',
  },
  'commissioners.termOrder': {
    'zh-CN': '结束日期不能早于开始日期',
    en: 'the end cannot be before the start',
  },
  'commissioners.badHours': {
    'zh-CN': '时长须大于 0 且不超过 24 小时',
    en: 'hours must be more than 0 and at most 24',
  },
  'commissioners.visitInFuture': { 'zh-CN': '服务日期不能晚于今天', en: 'the visit cannot be in the future' },
  'commissioners.visitBeforeDispatch': {
    'zh-CN': '服务日期不能早于派遣日期',
    en: 'the visit cannot be before the dispatch',
  },
  'commissioners.notServing': {
    'zh-CN': '只有已接受的派遣才能记录服务',
    en: 'visits are logged only on an accepted dispatch',
  },
  'commissioners.onlyOwnCommissioner': {
    'zh-CN': '只有被派遣的科技特派员可以这样做',
    en: 'only the dispatched commissioner may do this',
  },
  'commissioners.onlyServedParty': {
    'zh-CN': '只有提出需求的服务对象可以确认和评价',
    en: 'only the served party who posted the demand confirms and rates',
  },
  'commissioners.visitConfirmed': {
    'zh-CN': '该服务记录已确认，不能再修改',
    en: 'this visit is confirmed and can no longer change',
  },
  'commissioners.resolveNeedsVisit': {
    'zh-CN': '至少需要一次已确认的服务记录',
    en: 'at least one confirmed visit is needed',
  },
  'commissioners.duplicateDispatch': {
    'zh-CN': '该需求已有进行中的派遣',
    en: 'this demand already has a live dispatch',
  },
  'commissioners.assess.range': {
    'zh-CN': '须为 0 到 {max} 之间的数（次数为整数）',
    en: 'must be between 0 and {max} (counts are whole numbers)',
  },
  'commissioners.assess.ladder': {
    'zh-CN': '“{better}”的门槛不能低于“{worse}”',
    en: 'the threshold for “{better}” cannot be below that for “{worse}”',
  },
  'commissioners.assess.futureYear': {
    'zh-CN': '不能考核尚未开始的年度',
    en: 'a year that has not begun cannot be assessed',
  },
  'commissioners.assess.excluded': {
    'zh-CN': '该科技特派员 {year} 年度考核不合格，本年度不予派遣',
    en: 'this commissioner was graded unqualified for {year} and is not dispatched this year',
  },
  'commissioners.stats.within': {
    'zh-CN': '须为比所选层级更大的行政区划',
    en: 'must be a division above the chosen level',
  },
  'commissioners.task.dispatch': {
    'zh-CN': '{count} 项服务需求待派遣',
    en: '{count} demand(s) waiting to be dispatched',
  },
  'commissioners.task.redispatch': {
    'zh-CN': '{count} 项需求被科技特派员谢绝，待重新派遣',
    en: '{count} declined demand(s) waiting for a new dispatch',
  },
  'commissioners.task.respond': {
    'zh-CN': '{count} 项派遣待您接受或谢绝',
    en: '{count} dispatch(es) waiting for your answer',
  },
  'commissioners.task.confirm': {
    'zh-CN': '{count} 次服务待您确认和评价',
    en: '{count} visit(s) waiting for your confirmation and rating',
  },
});

// The achievement-transformation module's messages, in both languages.
import { defineMessages } from '../../i18n/messages.ts';

export const transferMessages = defineMessages({
  'transfer.acceptOwnTerms': {
    'zh-CN': '您方提出的条件需由对方确认',
    en: 'the other side accepts the terms you proposed',
  },
  'transfer.noticeRunning': {
    'zh-CN': '价格公示期至 {until} 结束，之后方可签署',
    en: 'the price is in notice until {until}; sign after it',
  },
  'transfer.objectionsOpen': {
    'zh-CN': '还有 {count} 项异议未处理',
    en: '{count} objection(s) are still open',
  },
  'transfer.patentNumberRequired': {
    'zh-CN': '专利须填写申请号或专利号',
    en: 'a patent needs its application or patent number',
  },
  'transfer.patent.format': {
    'zh-CN': '专利号格式不对：应为 12 位（2003 年起）或 8 位数字加校验位，如 ZL200310102344.5',
    en: 'not a patent number: 12 digits (from 2003) or 8 digits and a check character, e.g. ZL200310102344.5',
  },
  'transfer.patent.checkDigit': {
    'zh-CN': '校验位不符，请核对号码',
    en: 'the check digit does not match: check the number',
  },
  'transfer.patent.type': {
    'zh-CN': '专利类型位无效（1 发明、2 实用新型、3 外观设计、8/9 PCT）',
    en: 'unknown patent type digit (1 invention, 2 utility model, 3 design, 8/9 PCT)',
  },
  'transfer.patent.year': { 'zh-CN': '申请年份无效', en: 'the filing year is not valid' },
  'transfer.inventorsRequired': { 'zh-CN': '至少列出一名完成人', en: 'name at least one contributor' },
  'transfer.sharesSum': {
    'zh-CN': '完成人贡献份额合计须为 100%，现为 {total}%',
    en: 'contribution shares must sum to 100 %, not {total} %',
  },
  'transfer.onlyMembersList': {
    'zh-CN': '只有本单位成员才能登记本单位的成果',
    en: 'only members of the organisation list its achievements',
  },
  'transfer.unknownPerson': { 'zh-CN': '列出了未注册的人员', en: 'names a person who is not registered' },
  'transfer.taskBookNotOurs': {
    'zh-CN': '该任务书不属于本单位承担的项目',
    en: 'that task book is not one of this organisation’s projects',
  },
  'transfer.taskBookListed': {
    'zh-CN': '该任务书的成果已登记',
    en: 'the result of that task book is already listed',
  },
  'transfer.taskBookNotAccepted': {
    'zh-CN': '任务书尚未验收通过，其成果还不能登记',
    en: 'the task book is not accepted yet, so its result cannot be listed',
  },
  'transfer.patentListed': { 'zh-CN': '该专利已登记', en: 'this patent is already listed' },
  'transfer.notFound.achievement': { 'zh-CN': '没有这项成果', en: 'no such achievement' },
  'transfer.notFound.demand': { 'zh-CN': '没有这项需求', en: 'no such demand' },
  'transfer.notFound.deal': { 'zh-CN': '没有这项交易', en: 'no such deal' },
  'transfer.notFound.taskBook': { 'zh-CN': '没有这份任务书', en: 'no such task book' },
  'transfer.notFound.objection': { 'zh-CN': '没有这项异议', en: 'no such objection' },
  'transfer.onlyListerOrOffice': {
    'zh-CN': '只有登记人或本单位技术转移机构（单位管理员）可以操作',
    en: 'only whoever listed it or the organisation’s transfer office (its admins) may do this',
  },
  'transfer.achievementState': {
    'zh-CN': '该成果处于“{state}”状态，不能这样操作',
    en: 'the achievement is {state}',
  },
  'transfer.onlyEnterprisePosts': {
    'zh-CN': '只有该企业的发榜人或管理员可以操作其需求',
    en: 'only the enterprise’s proposers or admins manage its demands',
  },
  'transfer.budgetRange': { 'zh-CN': '预算上限不能低于下限', en: 'the budget maximum is below the minimum' },
  'transfer.deadlinePast': { 'zh-CN': '截止日期已过', en: 'the deadline has passed' },
  'transfer.promote.agency': {
    'zh-CN': '请选择一家组织评审的机构',
    en: 'choose an agency to vet the challenge',
  },
  'transfer.promote.who': {
    'zh-CN': '只有发布需求的企业或组织机构人员可以将其转为榜单',
    en: 'only the demand’s enterprise or an organizer may make it a challenge',
  },
  'transfer.promote.fits': {
    'zh-CN': '已有上架成果与该需求匹配，请先洽谈成果',
    en: 'a listed achievement fits this demand; talk to its owner first',
  },
  'transfer.demandState': { 'zh-CN': '该需求处于“{state}”状态', en: 'the demand is {state}' },
  'transfer.onlyEnterpriseBuys': {
    'zh-CN': '请以您所在企业的发榜人或管理员身份表达意向',
    en: 'express interest as a proposer or admin of your enterprise',
  },
  'transfer.notListed': { 'zh-CN': '该成果未上架', en: 'the achievement is not listed' },
  'transfer.ownAchievement': {
    'zh-CN': '不能对本单位的成果表达意向',
    en: 'this is your own organisation’s achievement',
  },
  'transfer.demandNotOurs': { 'zh-CN': '该需求不是本企业的', en: 'that demand is not this enterprise’s' },
  'transfer.dealExists': {
    'zh-CN': '本企业已就该成果进行洽谈',
    en: 'your enterprise is already negotiating for this achievement',
  },
  'transfer.modeNotOffered': {
    'zh-CN': '该成果不提供这种转化方式',
    en: 'the achievement is not offered this way',
  },
  'transfer.pricingRefRequired': {
    'zh-CN': '挂牌交易或拍卖须写明交易场所及编号',
    en: 'a market listing or auction needs its venue and reference',
  },
  'transfer.scheduleSum': {
    'zh-CN': '付款计划合计 {scheduled} 分，与价格 {price} 分不符',
    en: 'the payment schedule sums to {scheduled} fen, not the price of {price} fen',
  },
  'transfer.alreadySigned': { 'zh-CN': '您方已签署', en: 'your side has signed already' },
  'transfer.dealCancelled': { 'zh-CN': '该交易已取消', en: 'the deal is cancelled' },
  'transfer.noNotice': { 'zh-CN': '该交易不在公示期内', en: 'the deal is not in its notice period' },
  'transfer.onlyOffice': {
    'zh-CN': '只有成果完成单位的技术转移机构（单位管理员）可以操作',
    en: 'only the owner organisation’s transfer office (its admins) may do this',
  },
  'transfer.objectionDecided': { 'zh-CN': '该异议已处理', en: 'the objection is already decided' },
  'transfer.notRegistered': { 'zh-CN': '合同尚未认定登记', en: 'the contract is not registered yet' },
  'transfer.futureDate': { 'zh-CN': '到账日期不能晚于今天', en: 'the date received cannot be in the future' },
  'transfer.overPrice': {
    'zh-CN': '超过合同价款，尚余 {left} 元',
    en: 'more than the contract price: {left} yuan remain',
  },
  'transfer.unitRuleCite': {
    'zh-CN': '请写明本单位奖励规定的名称和条款',
    en: 'cite the unit’s reward rule (name and article)',
  },
  'transfer.nothingToDistribute': {
    'zh-CN': '没有尚未分配的收入',
    en: 'there is no income left to distribute',
  },
  'transfer.costsOverIncome': { 'zh-CN': '成本不能超过本次收入', en: 'costs cannot exceed the income' },
  'transfer.onlyMembersRead': {
    'zh-CN': '只有本单位成员可以查看',
    en: 'only members of the organisation may see this',
  },
  'transfer.onlyOrganizerPromotes': {
    'zh-CN': '请选择您担任项目管理人员的组织单位',
    en: 'choose an agency where you are an organizer',
  },
});

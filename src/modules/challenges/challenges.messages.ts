// The challenges module's messages, in both languages (keys are stable; parameters carry values):
// errors, workflow refusals, the "my tasks" titles and what a bid still needs before submission.
import { defineMessages } from '../../i18n/messages.ts';

export const challengesMessages = defineMessages({
  'attachment.badType': {
    'zh-CN': '必须是 PDF、PNG 或 JPEG 文件（按文件内容而非文件名判断）',
    en: 'must be a PDF, PNG or JPEG file (checked by its content, not its name)',
  },
  'attachment.challengeNotDraft': {
    'zh-CN': '只有榜单为草稿时才能附加文件',
    en: 'files are attached while the challenge is a draft',
  },
  'attachment.empty': { 'zh-CN': '文件为空', en: 'the file is empty' },
  'attachment.onlyCommander': {
    'zh-CN': '由负责人为里程碑报告附加佐证材料',
    en: 'the commander attaches evidence to a milestone report',
  },
  'attachment.onlyProposer': {
    'zh-CN': '只有发榜方才能为榜单附加文件',
    en: 'only the proposer attaches files to a challenge',
  },
  'attachment.reportReviewed': {
    'zh-CN': '该报告已经评审；请提交新的报告以补充佐证材料',
    en: 'this report has been reviewed; file a new report to add evidence',
  },
  'attachment.taskBookNotActive': {
    'zh-CN': '只有任务书执行期间才能附加佐证材料',
    en: 'evidence is attached while the task book is active',
  },
  'attachment.tooLarge': { 'zh-CN': '文件超过 {mib} MiB', en: 'the file exceeds {mib} MiB' },
  'bid.alreadyLeading': {
    'zh-CN': '您已在领衔本榜单的一份揭榜申请；请编辑或撤回该申请',
    en: 'you already lead a bid for this challenge; edit it or withdraw it first',
  },
  'bid.challengeNotOpen': { 'zh-CN': '该榜单目前不接受揭榜', en: 'the challenge is not open for bids' },
  'bid.commanderNotMember': {
    'zh-CN': '负责人领衔团队，不要把负责人列为成员',
    en: 'the commander leads the team; do not list them as a member',
  },
  'bid.confirmWhileDraft': {
    'zh-CN': '成员只能在揭榜申请为草稿时确认',
    en: 'members confirm while the bid is a draft',
  },
  'bid.deadlinePassed': { 'zh-CN': '揭榜截止时间已过', en: 'the bidding deadline has passed' },
  'bid.hostFixed': {
    'zh-CN': '依托单位不能更改；请撤回后重新揭榜',
    en: 'the host organisation cannot change; withdraw and bid again',
  },
  'bid.hostKindNotAllowed': {
    'zh-CN': '本榜单只接受依托单位类型为 {allowed} 的揭榜申请，而不是 {orgKind}',
    en: 'this challenge accepts bids hosted by {allowed}, not {orgKind}',
  },
  'bid.hostRegion': {
    'zh-CN': '依托单位必须注册在 {prefixes} 地区',
    en: 'the host organisation must be registered in region {prefixes}',
  },
  'bid.membersUnconfirmed': {
    'zh-CN': '还有 {unconfirmedMembers} 名团队成员尚未确认',
    en: '{unconfirmedMembers} team member(s) have not confirmed',
  },
  'bid.needSolverRole': {
    'zh-CN': '您需要在依托单位拥有揭榜团队成员角色，才能以该单位名义领衔揭榜',
    en: 'you need the solver role in the host organisation to lead a bid from it',
  },
  'bid.notScored': { 'zh-CN': '“{state}”状态的揭榜申请不参与评分', en: 'a {state} bid is not scored' },
  'bid.onlyCommanderSigns': {
    'zh-CN': '只有负责人本人才能以负责人身份签署',
    en: 'only the commander signs as commander',
  },
  'bid.onlyHostAdminSigns': {
    'zh-CN': '只有依托单位的管理员才能代表该单位签署',
    en: 'only an admin of the host organisation signs for it',
  },
  'bid.onlyOrganizerScores': {
    'zh-CN': '该项评分只能由项目管理人员给出',
    en: 'only the organizer gives this score',
  },
  'bid.onlyProposerJudgesFit': { 'zh-CN': '只有发榜方才能评判契合度', en: 'only the proposer judges fit' },
  'bid.overBudgetCeiling': { 'zh-CN': '申请经费超过预算上限', en: 'the budget request exceeds the ceiling' },
  'bid.overCeiling': {
    'zh-CN': '不得超过预算上限 {budgetCeilingFen} 分',
    en: 'must not exceed the ceiling of {budgetCeilingFen} fen',
  },
  'bid.personListedTwice': { 'zh-CN': '同一人员列出了两次', en: 'lists a person twice' },
  'bid.pledgeUnsigned': {
    'zh-CN': '军令状须由负责人和依托单位签署',
    en: 'the pledge must be signed by the commander and the host organisation',
  },
  'bid.pledgeVersionChanged': {
    'zh-CN': '军令状现为第 {pledgeVersion} 版；请重新阅读后再签署',
    en: 'the pledge is now version {pledgeVersion}; read it again before signing',
  },
  'bid.sanctioned': {
    'zh-CN': '{subject}受科研诚信处理限制，{until}（含）前不得揭榜',
    en: '{subject} is barred from bidding by an integrity sanction until {until}',
  },
  'bid.scoreWhileEvaluating': {
    'zh-CN': '只有在榜单评审期间才能为揭榜申请评分',
    en: 'bids are scored while the challenge is being evaluated',
  },
  'bid.selectWhileEvaluating': {
    'zh-CN': '只有在榜单评审期间才能选定揭榜申请',
    en: 'bids are selected while the challenge is being evaluated',
  },
  'bid.signWhileDraft': {
    'zh-CN': '军令状只能在揭榜申请为草稿时签署',
    en: 'the pledge is signed while the bid is a draft',
  },
  'bid.stale': {
    'zh-CN': '揭榜申请在您打开后已被修改；请重新加载后再编辑',
    en: 'the bid changed since you opened it; reload and edit again',
  },
  'bid.teamTooLarge': { 'zh-CN': '团队最多 {max} 人', en: 'a team may have at most {max} people' },
  'bid.undeclaredEthics': {
    'zh-CN': '必须申报本榜单涉及的伦理类别：{undeclared}',
    en: 'must declare the ethics categories this challenge involves: {undeclared}',
  },
  'bid.unknownTarget': {
    'zh-CN': '列出了本榜单没有的考核指标',
    en: 'names a target this challenge does not have',
  },
  'bid.unregisteredPerson': { 'zh-CN': '列出了未注册的人员', en: 'names a person who is not registered' },
  'bid.winnerSlotsTaken': {
    'zh-CN': '{winnerSlots} 个揭榜方名额已全部占用',
    en: 'all {winnerSlots} winner slot(s) are taken',
  },
  'bid.withdrawNoticeFirst': { 'zh-CN': '请先撤回公示', en: 'withdraw the notice first' },
  'challenge.biddingOpenUntilDeadline': {
    'zh-CN': '截止时间前揭榜仍在进行中',
    en: 'bidding is open until the deadline',
  },
  'challenge.bidRefused': { 'zh-CN': '揭榜申请 {id}：{reason}', en: 'bid {id}: {reason}' },
  'challenge.deadlinePassedReturn': {
    'zh-CN': '揭榜截止时间已过；请退回发榜方重新设定',
    en: 'the bidding deadline has already passed; return it to the proposer to set a new one',
  },
  'challenge.mustBeAgency': {
    'zh-CN': '必须是负责审核和发布榜单的主管部门（项目管理机构）',
    en: 'must be an agency (programme office) that vets and publishes challenges',
  },
  'challenge.mustBeFuture': { 'zh-CN': '必须是将来的时间', en: 'must be in the future' },
  'challenge.needProposerRole': {
    'zh-CN': '您需要在本单位拥有发榜方角色才能发布其榜单',
    en: 'you need the proposer role in this organisation to list its challenges',
  },
  'challenge.noticeNotEnded': { 'zh-CN': '公示期尚未结束', en: 'the public notice period has not ended' },
  'challenge.objectionsOpen': {
    'zh-CN': '须先处理 {openObjections} 项异议',
    en: '{openObjections} objection(s) must be resolved first',
  },
  'challenge.onlyVettingOrganizers': {
    'zh-CN': '只有负责审核的主管部门的项目管理人员才能这样做',
    en: 'only the vetting agency’s organizers may do this',
  },
  'challenge.orgFixed': {
    'zh-CN': '榜单不能转到另一个单位',
    en: 'a challenge cannot move to another organisation',
  },
  'challenge.sayWhatToChange': {
    'zh-CN': '请说明发榜方应修改什么，或为何退回',
    en: 'say what the proposer should change, or why it is rejected',
  },
  'challenge.sayWhyCancelled': {
    'zh-CN': '请说明取消榜单的原因；揭榜方都会看到',
    en: 'say why the challenge is cancelled; bidders will read it',
  },
  'challenge.selectABid': { 'zh-CN': '请先选定至少一份揭榜申请', en: 'select at least one bid first' },
  'challenge.stale': {
    'zh-CN': '榜单在您打开后已被修改；请重新加载后再编辑',
    en: 'the challenge changed since you opened it; reload and edit again',
  },
  'challenge.tooManySelected': {
    'zh-CN': '最多可选 {winnerSlots} 个揭榜方',
    en: 'at most {winnerSlots} winner(s) may be selected',
  },
  'challenge.tooManyWinners': {
    'zh-CN': '揭榜方最多 {winnerSlots} 个',
    en: 'at most {winnerSlots} winner(s)',
  },
  'challenge.winnerNeedsEthics': {
    'zh-CN': '揭榜申请 {id} 涉及 {ethicsCategories}，须先通过伦理审查',
    en: 'bid {id} involves {ethicsCategories} and needs ethics approval first',
  },
  'delivery.acceptanceWhileActive': {
    'zh-CN': '只有任务书执行期间才能评判验收',
    en: 'acceptance is judged while the task book is active',
  },
  'delivery.citeOwnFiles': {
    'zh-CN': '只能引用附在该任务书或其里程碑报告上的文件',
    en: 'cite only files attached to this task book or to its milestone reports',
  },
  'delivery.evidenceRequired': {
    'zh-CN': '请描述佐证情况或引用佐证文件',
    en: 'describe the evidence or cite evidence files',
  },
  'delivery.expertAlreadyNamed': {
    'zh-CN': '该专家已被指定到该任务书',
    en: 'this expert is already named on the task book',
  },
  'delivery.expertConflict': {
    'zh-CN': '与该团队存在利益冲突：{conflicts}',
    en: 'has a conflict of interest with this team: {conflicts}',
  },
  'delivery.expertsBeforeConclusion': {
    'zh-CN': '须在任务书结题前指定专家',
    en: 'experts are named before the task book is concluded',
  },
  'delivery.nameVerifier': { 'zh-CN': '请填写核验该指标的机构或人员', en: 'name who verified this target' },
  'delivery.noSuchMilestone': { 'zh-CN': '任务书中没有这个里程碑', en: 'no such milestone in the task book' },
  'delivery.noSuchTarget': { 'zh-CN': '任务书中没有这个考核指标', en: 'no such target in the task book' },
  'delivery.notActiveExpert': {
    'zh-CN': '不是专家库中的在册专家',
    en: 'is not an active expert of the pool',
  },
  'delivery.objectionOutsideNotice': {
    'zh-CN': '只在公示期内受理异议',
    en: 'objections are accepted only during the public notice period',
  },
  'delivery.objectionResolved': { 'zh-CN': '该异议已处理完毕', en: 'this objection is already resolved' },
  'delivery.onlyOrganizersResolve': {
    'zh-CN': '只有项目管理人员才能处理异议',
    en: 'only the organizers resolve objections',
  },
  'delivery.organizerNamesExperts': {
    'zh-CN': '任务书的专家由项目管理人员指定',
    en: 'the organizer names the experts of a task book',
  },
  'delivery.recordReasons': { 'zh-CN': '请写明理由', en: 'record the reasons' },
  'delivery.reviewWhileActive': {
    'zh-CN': '只有任务书执行期间才能评审报告',
    en: 'reports are reviewed while the task book is active',
  },
  'delivery.sayWhatToRevise': { 'zh-CN': '请说明需要修改的内容', en: 'say what to revise' },
  'delivery.stale': {
    'zh-CN': '任务书在您打开后已被修改；请重新加载',
    en: 'the task book changed since you opened it; reload',
  },
  'delivery.tranchesNotBudget': {
    'zh-CN': '合计必须等于预算 {budgetFen} 分（当前为 {total}）',
    en: 'must add up to the budget, {budgetFen} fen (now {total})',
  },
  'delivery.unknownTarget': {
    'zh-CN': '列出了任务书中没有的考核指标',
    en: 'names a target not in the task book',
  },
  'delivery.verifierReason': {
    'zh-CN': '该指标声明的核验方为 {declared}；如改由他方核验，请说明理由',
    en: 'the target declares its verifier as {declared}; give the reason for verifying it otherwise',
  },
  'delivery.whoJudgesAcceptance': {
    'zh-CN': '验收由发榜方或项目管理人员评判',
    en: 'the proposer or the organizer judges acceptance',
  },
  'delivery.whoReviewsReports': {
    'zh-CN': '里程碑报告由发榜方、项目管理人员或指定的专家评审',
    en: 'the proposer, the organizer or a named expert reviews reports',
  },
  'taskBook.allMandatoryMet': { 'zh-CN': '约束性考核指标已全部达到', en: 'all mandatory targets are met' },
  'taskBook.bothMustSign': { 'zh-CN': '须由双方签署', en: 'both parties must sign' },
  'taskBook.judgeEveryTarget': { 'zh-CN': '请先逐项评判全部考核指标', en: 'judge every target first' },
  'taskBook.mandatoryNotMet': { 'zh-CN': '有约束性考核指标未达到', en: 'a mandatory target is not met' },

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

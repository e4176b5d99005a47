// The evaluation module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const evaluationMessages = defineMessages({
  'evaluation.job.assignment': { 'zh-CN': '专家分配', en: 'Expert assignment' },
  'assignment.cannotDecline': {
    'zh-CN': '该评审任务处于“{state}”状态，不能再拒绝',
    en: 'this assignment is {state}: it can no longer be declined',
  },
  'assignment.reviewSubmitted': { 'zh-CN': '评审意见已经提交', en: 'the review is already submitted' },
  'assignment.roundState': { 'zh-CN': '评审轮处于“{state}”状态', en: 'the round is {state}' },
  'consensus.alreadyAnswered': {
    'zh-CN': '评审意见已经答复过了',
    en: 'the reviews have already been answered',
  },
  'consensus.appealDecided': { 'zh-CN': '该申诉已作出决定', en: 'this appeal has been decided' },
  'consensus.appealPending': {
    'zh-CN': '该评审对象已有一项待处理的申诉',
    en: 'an appeal of this item is already pending',
  },
  'consensus.appealWindow': {
    'zh-CN': '申诉须在评审之后、评审轮结束之前提出',
    en: 'appeals are filed after reviewing and before the round closes',
  },
  'consensus.commanderAnswers': {
    'zh-CN': '由揭榜申请的负责人答复评审意见',
    en: 'the bid’s commander answers the reviews',
  },
  'consensus.commanderAppeals': {
    'zh-CN': '由揭榜申请的负责人提出申诉',
    en: 'the bid’s commander files an appeal',
  },
  'consensus.majorityViewRequired': { 'zh-CN': '必须填写多数意见', en: 'the majority view is required' },
  'consensus.mustBeAfterOpening': { 'zh-CN': '必须晚于开始时间', en: 'must be after the opening' },
  'consensus.mustBeFuture': { 'zh-CN': '必须是将来的时间', en: 'must be in the future' },
  'consensus.noRebuttals': { 'zh-CN': '本评审轮不允许答辩', en: 'this round does not allow rebuttals' },
  'consensus.notInRoundState': {
    'zh-CN': '评审轮处于“{state}”状态，不能进行合议',
    en: 'no consensus in a {state} round',
  },
  'consensus.notReviewerOfItem': {
    'zh-CN': '不是该评审对象的评审专家',
    en: 'is not a reviewer of this item',
  },
  'consensus.onlyProposedAccepted': {
    'zh-CN': '只有已提交的合议报告才能被采纳',
    en: 'only a proposed consensus report can be accepted',
  },
  'consensus.onlyRapporteurDrafts': {
    'zh-CN': '只有主审人起草合议报告',
    en: 'only the rapporteur drafts the consensus report',
  },
  'consensus.organizerAccepts': {
    'zh-CN': '合议报告由项目管理人员采纳',
    en: 'the organizer accepts the consensus report',
  },
  'consensus.organizerChoosesRapporteur': {
    'zh-CN': '主审人由项目管理人员指定',
    en: 'the organizer chooses the rapporteur',
  },
  'consensus.rapporteurMustHaveReviewed': {
    'zh-CN': '主审人必须已提交评审意见',
    en: 'the rapporteur must have submitted a review',
  },
  'consensus.rebuttalWindowClosed': { 'zh-CN': '答辩时段未开放', en: 'the rebuttal window is not open' },
  'consensus.recommendationRequired': { 'zh-CN': '必须给出建议', en: 'a recommendation is required' },
  'consensus.reportAccepted': { 'zh-CN': '合议报告已被采纳', en: 'the consensus report has been accepted' },
  'pool.nameAgency': { 'zh-CN': '请指定专家所服务的主管部门', en: 'name the agency the experts serve' },
  'pool.notAgencyOrganizer': {
    'zh-CN': '您不是该主管部门的项目管理人员',
    en: 'you are not an organizer of this agency',
  },
  'pool.onlyOrganizers': {
    'zh-CN': '只有项目管理人员才能管理专家库',
    en: 'only organizers manage the expert pool',
  },
  'pool.selfRelation': { 'zh-CN': '专家不能与自己存在关系', en: 'an expert cannot be related to themselves' },
  'ranking.noDecision': { 'zh-CN': '尚未作出排序决定', en: 'no ranking decision yet' },
  'ranking.noReviewSubmitted': { 'zh-CN': '尚无已提交的评审意见', en: 'no review has been submitted' },
  'ranking.roundNotRankable': {
    'zh-CN': '“{state}”状态的评审轮不能排序；请先开启合议',
    en: 'a {state} round is not ranked; open consensus first',
  },
  'review.appealsPending': {
    'zh-CN': '还有 {length} 项申诉待处理：请先作出决定',
    en: '{length} appeal(s) still pending: decide them first',
  },
  'review.confidenceRange': { 'zh-CN': '必须是 1 到 5 之间的整数', en: 'must be a whole number from 1 to 5' },
  'review.notACriterion': { 'zh-CN': '不是本评分细则中的指标', en: 'is not a criterion of this rubric' },
  'review.onlyAssignedReviewer': {
    'zh-CN': '只有受分配的评审专家才能撰写评审意见',
    en: 'only an assigned reviewer writes a review',
  },
  'review.roundClosedForReviews': {
    'zh-CN': '评审轮处于“{state}”状态，已停止评审',
    en: 'the round is {state}; reviews are closed',
  },
  'review.roundNotReviewing': {
    'zh-CN': '评审轮处于“{state}”状态，当前没有人在评审',
    en: 'the round is {state}; nobody is reviewing',
  },
  'review.rubricUnusable': {
    'zh-CN': '本评审轮的评分细则无法使用：{message}',
    en: "the round's rubric cannot be used: {message}",
  },
  'review.scoreRange': {
    'zh-CN': '必须是 {min} 到 {max} 之间的整数',
    en: 'must be a whole number from {min} to {max}',
  },
  'review.submittedLocked': {
    'zh-CN': '该评审意见已提交，不能再修改',
    en: 'this review has been submitted and can no longer change',
  },
  'round.assignmentRunning': { 'zh-CN': '一次专家分配仍在运行中', en: 'an assignment run is still running' },
  'round.challengeNotPublished': {
    'zh-CN': '榜单处于“{state}”状态：榜单发布后才能开始评审轮',
    en: 'the challenge is {state}: review rounds start once it is published',
  },
  'round.criterionKeyTwice': { 'zh-CN': '重复使用', en: 'is used twice' },
  'round.descriptorOutOfRange': { 'zh-CN': '必须在 {min}..{max} 之间', en: 'must lie within {min}..{max}' },
  'round.exclusionReason': { 'zh-CN': '请说明理由', en: 'give a reason' },
  'round.exclusionsClosed': {
    'zh-CN': '本榜单已有评审轮正在分配专家：回避申请已截止',
    en: 'a review round of this challenge is already assigning: exclusions are closed',
  },
  'round.expertTwice': { 'zh-CN': '同一专家列出了两次', en: 'names an expert twice' },
  'round.maxAboveMin': { 'zh-CN': '必须大于最低分', en: 'must be above min' },
  'round.mustBeFuture': { 'zh-CN': '必须是将来的时间', en: 'must be in the future' },
  'round.noExpertAssigned': {
    'zh-CN': '尚未分配专家：请先运行分配',
    en: 'no expert is assigned yet: run the assignment',
  },
  'round.noExpertWithEmail': {
    'zh-CN': '专家库中没有使用该邮箱的专家',
    en: 'no expert in the pool has this email',
  },
  'round.onlyChallengeOrganizers': {
    'zh-CN': '只有本榜单的项目管理人员才能这样做',
    en: 'only the organizers of this challenge may do this',
  },
  'round.onlyOrganizersCreate': {
    'zh-CN': '只有本榜单的项目管理人员才能创建评审轮',
    en: 'only the organizers of this challenge may create its review rounds',
  },
  'round.rubricEmpty': { 'zh-CN': '至少需要一项评分指标', en: 'needs at least one criterion' },
  'round.stale': {
    'zh-CN': '评审轮在您打开后已被修改：请重新加载',
    en: 'the round changed since you opened it: reload',
  },
  'round.tieBreakInvalid': { 'zh-CN': '同分排序规则无效：{detail}', en: '{detail}' },
  'round.tooManyExclusions': {
    'zh-CN': '最多只能列出 {max} 名专家',
    en: 'at most {max} experts may be named',
  },
  'round.weightsSum': {
    'zh-CN': '权重之和必须为 100（当前为 {sum}）',
    en: 'weights must sum to 100 (they sum to {sum})',
  },
  // My tasks
  'evaluation.task.reviewsDue': {
    'zh-CN': '{count} 份评审待完成，最近一份还剩 {days} 天截止',
    en: '{count} review(s) to complete; the nearest is due in {days} day(s)',
  },
  'evaluation.task.reviewsOverdue': {
    'zh-CN': '{count} 份评审已逾期，最长逾期 {days} 天',
    en: '{count} review(s) overdue, the oldest by {days} day(s)',
  },
  'evaluation.task.declareConflicts': {
    'zh-CN': '{count} 个新分配的评审对象：开始评审前请确认有无利益冲突',
    en: '{count} newly assigned item(s): declare any conflict of interest before reviewing',
  },
  'evaluation.task.consensusDraft': {
    'zh-CN': '{count} 个评审对象由您担任主审，请起草共识意见',
    en: 'You are rapporteur on {count} item(s): draft the consensus report',
  },
  'evaluation.task.consensusAccept': {
    'zh-CN': '{count} 份共识意见已提交，待您确认',
    en: '{count} consensus report(s) proposed, waiting for your acceptance',
  },
  'evaluation.task.appealsDecide': {
    'zh-CN': '{count} 项评审申诉待裁决',
    en: '{count} review appeal(s) to decide',
  },
  'evaluation.task.rebuttal': {
    'zh-CN': '{count} 个项目的评审意见可以答辩，答辩窗口还剩 {days} 天',
    en: 'You may answer the reviews of {count} bid(s); the window closes in {days} day(s)',
  },
  // Per-row reasons of the expert import (docs/expert-import.md).
  'import.atMost100Chars': { 'zh-CN': '最多 100 个字符', en: 'must be at most 100 characters' },
  'import.availabilityShape': {
    'zh-CN': '{w} 的格式应如 2026-12-01..2027-03-31',
    en: '{w} must look like 2026-12-01..2027-03-31',
  },
  'import.badCsv': { 'zh-CN': '不是可读取的 CSV 文件：{message}', en: 'not a readable CSV file: {message}' },
  'import.badDisciplineCode': {
    'zh-CN': '{c} 不是国家自然科学基金申请代码（F0201）或 GB/T 13745 学科代码（520.2010）',
    en: '{c} is not an NSFC code (F0201) or a GB/T 13745 code (520.2010)',
  },
  'import.badXlsx': { 'zh-CN': '不是可读取的 XLSX 工作簿', en: 'not a readable XLSX workbook' },
  'import.employmentEndsBeforeStart': { 'zh-CN': '{e} 的结束早于开始', en: '{e} ends before it starts' },
  'import.employmentShape': {
    'zh-CN': '{e} 的格式应如 单位|2015-09-01|2020-08-31（结束留空表示至今）',
    en: '{e} must look like organisation|2015-09-01|2020-08-31 (end empty = current)',
  },
  'import.emptyFile': { 'zh-CN': '文件为空', en: 'the file is empty' },
  'import.endsBeforeStart': { 'zh-CN': '{w} 的结束早于开始', en: '{w} ends before it starts' },
  'import.fileTooLarge': { 'zh-CN': '文件超过 {max} 字节', en: 'the file is larger than {max} bytes' },
  'import.keywordTooLong': { 'zh-CN': '{k}… 超过 60 个字符', en: '{k}… is longer than 60 characters' },
  'import.maxLoad': { 'zh-CN': '必须是 0..1000 之间的整数', en: 'must be a whole number 0..1000' },
  'import.missingColumns': {
    'zh-CN': '标题行缺少列 {missing}',
    en: 'the header row lacks the column(s) {missing}',
  },
  'import.moreProblems': { 'zh-CN': '（另有 {count} 个问题）', en: ' (and {count} more problems)' },
  'import.nameRequired': { 'zh-CN': '请填写中文或英文姓名', en: 'give a Chinese or an English name' },
  'import.noOrgWithUscc': {
    'zh-CN': '没有已注册单位使用统一社会信用代码 {uscc}',
    en: 'no registered organisation has the USCC {uscc}',
  },
  'import.noPersonWithEmail': { 'zh-CN': '没有人员使用邮箱 {other}', en: 'no person has the email {other}' },
  'import.noSheet': { 'zh-CN': '工作簿中没有工作表', en: 'the workbook has no sheet' },
  'import.noSuchOrg': {
    'zh-CN': '没有已注册单位使用该统一社会信用代码或名称',
    en: 'no registered organisation has this USCC or name',
  },
  'import.nothingImported': {
    'zh-CN': '未导入任何数据：共 {count} 个问题；请修正后重试，或使用 --skip-bad-rows',
    en: 'nothing imported: {count} problem(s); fix them or use --skip-bad-rows',
  },
  'import.orgRequired': {
    'zh-CN': '必填（已注册单位的统一社会信用代码或名称）',
    en: 'is required (USCC or name of a registered organisation)',
  },
  'import.projectEndsBeforeStart': { 'zh-CN': '{p} 的结束早于开始', en: '{p} ends before it starts' },
  'import.projectShape': {
    'zh-CN': '{p} 的格式应如 2022-2025|标题（结束留空表示在研）',
    en: '{p} must look like 2022-2025|Title (end empty = ongoing)',
  },
  'import.publicationShape': {
    'zh-CN': '{p} 的格式应如 2024|标题|合作者A, 合作者B',
    en: '{p} must look like 2024|Title|Coauthor A, Coauthor B',
  },
  'import.refused': {
    'zh-CN': '第 {row} 行，{field}：{reason}{more}；未导入任何数据',
    en: 'row {row}, {field}: {reason}{more}; nothing was imported',
  },
  'import.refusedWhole': {
    'zh-CN': '文件被拒绝；未导入任何数据',
    en: 'the file was refused; nothing was imported',
  },
  'import.relationKind': {
    'zh-CN': '{r}：关系类型必须是 {kinds} 之一',
    en: '{r}: the kind must be one of {kinds}',
  },
  'import.relationShape': {
    'zh-CN': '{r} 的格式应如 advisor|邮箱或姓名|备注',
    en: '{r} must look like advisor|email or name|note',
  },
  'import.repeatsRow': { 'zh-CN': '与第 {first} 行重复', en: 'repeats row {first}' },
  'import.rowProblem': { 'zh-CN': '第 {row} 行，{field}：{reason}', en: 'row {row}, {field}: {reason}' },
  'import.titleTooLong': { 'zh-CN': '有标题超过 500 个字符', en: 'a title is longer than 500 characters' },
  'import.tooManyCodes': { 'zh-CN': '最多 20 个代码', en: 'at most 20 codes' },
  'import.tooManyKeywords': { 'zh-CN': '关键词合计最多 50 个', en: 'at most 50 keywords in all' },
  'import.tooManyRows': { 'zh-CN': '每个文件最多 {max} 名专家', en: 'at most {max} experts per file' },
  'import.unknownColumns': { 'zh-CN': '未知的列 {unknown}', en: 'unknown column(s) {unknown}' },
});

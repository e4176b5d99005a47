// Strings of the delivery side of a task book (report evidence files, reviewers' verdicts, experts
// named on the task book, acceptance verifiers), as their own i18n bundle.
import i18n from '../i18n/index.ts';

const en = {
  delivery: {
    evidence: 'Evidence files',
    evidenceNone: 'No evidence files.',
    evidenceChoose: 'Evidence files (PDF, PNG or JPEG, up to 10 MiB each)',
    evidenceChosen: 'Chosen: {{names}}',
    addEvidence: 'Add an evidence file to this report',
    uploading: 'Uploading…',
    uploaded: 'Evidence file added.',
    sizeKiB: '{{n}} KiB',
    reviews: 'Reviews',
    noReviews: 'No reviews yet.',
    roles: { proposer: 'Proposer', organizer: 'Organizer', expert: 'Expert' },
    decisions: { accepted: 'accepted', revise: 'asked for revision' },
    awaitingExperts: 'Waiting for: {{names}}',
    experts: 'Experts reviewing the delivery',
    expertsIntro:
      'Experts named here read the task book and its evidence and review each milestone report; the report is accepted once the proposer and every named expert have accepted it.',
    expertsNone: 'No experts named.',
    expertSearch: 'Search the expert pool (name, email or keyword)',
    search: 'Search',
    nameExpert: 'Name {{name}}',
    noMatches: 'No expert in the pool matches.',
    named: 'Expert named.',
    verifierKind: 'Kind of verifier',
    verifierKinds: { proposer: 'Proposer', lab: 'Third-party lab', panel: 'Expert panel' },
    verifierName: 'Verified by',
    verifierReason: 'Reason for verifying otherwise than declared',
    declared: 'Declared: {{who}}',
    evidenceCited: 'Evidence files cited',
  },
};

const zhCN: typeof en = {
  delivery: {
    evidence: '佐证材料',
    evidenceNone: '暂无佐证材料。',
    evidenceChoose: '佐证材料（PDF、PNG 或 JPEG，每个不超过 10 MiB）',
    evidenceChosen: '已选择：{{names}}',
    addEvidence: '为本报告添加佐证材料',
    uploading: '正在上传…',
    uploaded: '佐证材料已添加。',
    sizeKiB: '{{n}} KiB',
    reviews: '评审意见',
    noReviews: '暂无评审意见。',
    roles: { proposer: '发榜方', organizer: '组织方', expert: '专家' },
    decisions: { accepted: '通过', revise: '要求修改' },
    awaitingExperts: '尚待评审：{{names}}',
    experts: '交付评审专家',
    expertsIntro:
      '此处指定的专家可查阅任务书及佐证材料，并评审每份里程碑报告；发榜方和全部指定专家均通过后，报告方为通过。',
    expertsNone: '尚未指定专家。',
    expertSearch: '检索专家库（姓名、邮箱或关键词）',
    search: '检索',
    nameExpert: '指定 {{name}}',
    noMatches: '专家库中没有匹配的专家。',
    named: '已指定专家。',
    verifierKind: '验证方类型',
    verifierKinds: { proposer: '发榜方', lab: '第三方检测机构', panel: '专家组' },
    verifierName: '验证方',
    verifierReason: '未按约定验证方验证的理由',
    declared: '约定：{{who}}',
    evidenceCited: '引用的佐证材料',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);

// Strings of the ethics review pages, as their own i18n bundle.
import i18n from '../i18n/index.ts';

const en = {
  ethics: {
    title: 'Ethics review',
    reviews: 'Reviews',
    none: 'No reviews for you.',
    bid: 'Bid {{id}}',
    categories: 'Categories',
    state: 'State',
    due: 'Decision due {{date}}',
    overdue: 'overdue',
    overdueDays: 'overdue by {{n}} day(s)',
    overdueNotice:
      '{{n}} review(s) past the decision date, listed first. Being overdue blocks nothing and decides nothing: members can still vote, and an award still needs approval.',
    minMembers: 'Minimum members (at least 7)',
    quorumHint: 'At least 5 votes decide.',
    votes: '{{n}} vote(s) cast',
    conditions: 'Conditions',
    vote: 'Your vote',
    comment: 'Comment (required for conditions)',
    send: 'Send vote',
    states: {
      open: 'Open',
      approved: 'Approved',
      approved_with_conditions: 'Approved with conditions',
      rejected: 'Rejected',
    },
    votesNames: { approve: 'Approve', conditions: 'Approve with conditions', reject: 'Reject' },
    open: 'Send a bid to ethics review',
    bidId: 'Bid id',
    committee: 'Committee',
    openButton: 'Open review',
    newCommittee: 'Set up an ethics committee',
    organisation: 'Organisation',
    name: 'Name',
    members: 'Members (person ids, comma-separated; at least 7)',
    quorum: 'Quorum',
    days: 'Decision within (days)',
    create: 'Create committee',
    created: 'Committee created.',
  },
};

const zhCN: typeof en = {
  ethics: {
    title: '科技伦理审查',
    reviews: '审查事项',
    none: '暂无与您相关的审查。',
    bid: '揭榜申请 {{id}}',
    categories: '伦理类别',
    state: '状态',
    due: '应于 {{date}} 前作出决定',
    overdue: '已逾期',
    overdueDays: '已逾期 {{n}} 天',
    overdueNotice:
      '有 {{n}} 项审查已超过决定期限，列在最前。逾期不影响任何操作，也不视为通过：委员仍可投票，授予仍需审查通过。',
    minMembers: '最少委员人数（不少于 7 人）',
    quorumHint: '至少 5 票方可作出决定。',
    votes: '已投 {{n}} 票',
    conditions: '附加条件',
    vote: '您的意见',
    comment: '意见说明（附条件通过时必填）',
    send: '提交意见',
    states: {
      open: '审查中',
      approved: '通过',
      approved_with_conditions: '附条件通过',
      rejected: '不予通过',
    },
    votesNames: { approve: '同意', conditions: '附条件同意', reject: '不同意' },
    open: '提交伦理审查',
    bidId: '揭榜申请编号',
    committee: '伦理委员会',
    openButton: '发起审查',
    newCommittee: '组建伦理委员会',
    organisation: '机构',
    name: '名称',
    members: '委员（人员编号，逗号分隔；不少于 7 人）',
    quorum: '法定人数',
    days: '决定期限（天）',
    create: '组建委员会',
    created: '委员会已组建。',
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);

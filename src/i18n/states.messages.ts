// The states of the platform's objects in people's words, so a refusal that names a state
// ("the round is reviewing") reads in the reader's language, never as a machine code.
//   throw new AppError('ILLEGAL_TRANSITION', t('assignment.roundState', { state: stateOf('round', r.state) }));
import { defineMessages, hasMessage, type Msg, t } from './messages.ts';

type Labels = Record<string, { 'zh-CN': string; en: string }>;

const STATES = {
  challenge: {
    draft: { 'zh-CN': '草稿', en: 'draft' },
    submitted: { 'zh-CN': '待审核', en: 'awaiting vetting' },
    returned: { 'zh-CN': '已退回', en: 'returned' },
    rejected: { 'zh-CN': '未通过', en: 'rejected' },
    published: { 'zh-CN': '揭榜中', en: 'open for bids' },
    evaluating: { 'zh-CN': '评审中', en: 'being evaluated' },
    notice: { 'zh-CN': '公示中', en: 'in public notice' },
    awarded: { 'zh-CN': '已立项', en: 'awarded' },
    cancelled: { 'zh-CN': '已撤榜', en: 'cancelled' },
  },
  bid: {
    draft: { 'zh-CN': '草稿', en: 'draft' },
    submitted: { 'zh-CN': '已提交', en: 'submitted' },
    withdrawn: { 'zh-CN': '已撤回', en: 'withdrawn' },
    selected: { 'zh-CN': '拟揭榜', en: 'selected' },
    awarded: { 'zh-CN': '已揭榜', en: 'awarded' },
    not_selected: { 'zh-CN': '未入选', en: 'not selected' },
    cancelled: { 'zh-CN': '已终止', en: 'cancelled' },
  },
  taskBook: {
    drafting: { 'zh-CN': '待签署', en: 'awaiting signatures' },
    active: { 'zh-CN': '执行中', en: 'active' },
    accepted: { 'zh-CN': '已验收', en: 'accepted' },
    honest_failure: { 'zh-CN': '未达标（已尽责）', en: 'not met (honest failure)' },
    misconduct: { 'zh-CN': '失信终止', en: 'ended for misconduct' },
  },
  round: {
    draft: { 'zh-CN': '草稿', en: 'draft' },
    assigning: { 'zh-CN': '分配中', en: 'assigning' },
    reviewing: { 'zh-CN': '评审中', en: 'reviewing' },
    consensus: { 'zh-CN': '会评', en: 'in consensus' },
    ranked: { 'zh-CN': '已排序', en: 'ranked' },
    closed: { 'zh-CN': '已结束', en: 'closed' },
  },
  assignment: {
    assigned: { 'zh-CN': '已分配', en: 'assigned' },
    declined: { 'zh-CN': '已拒绝', en: 'declined' },
    conflict: { 'zh-CN': '利益冲突回避', en: 'withdrawn for a conflict' },
    submitted: { 'zh-CN': '已提交', en: 'submitted' },
  },
  race: {
    setup: { 'zh-CN': '筹备中', en: 'being set up' },
    running: { 'zh-CN': '进行中', en: 'running' },
    finished: { 'zh-CN': '已结束', en: 'finished' },
    ended_early: { 'zh-CN': '提前结束', en: 'ended early' },
  },
  appeal: {
    none: { 'zh-CN': '未申诉', en: 'none' },
    pending: { 'zh-CN': '待处理', en: 'pending' },
    upheld: { 'zh-CN': '申诉成立', en: 'upheld' },
    overturned: { 'zh-CN': '已撤销原决定', en: 'overturned' },
  },
  flag: {
    open: { 'zh-CN': '待核查', en: 'open' },
    dismissed: { 'zh-CN': '已排除', en: 'dismissed' },
    confirmed: { 'zh-CN': '已确认', en: 'confirmed' },
  },
  ethicsReview: {
    open: { 'zh-CN': '审查中', en: 'open' },
    approved: { 'zh-CN': '已批准', en: 'approved' },
    approved_with_conditions: { 'zh-CN': '附条件批准', en: 'approved with conditions' },
    rejected: { 'zh-CN': '未批准', en: 'rejected' },
  },
  achievement: {
    draft: { 'zh-CN': '草稿', en: 'draft' },
    listed: { 'zh-CN': '已上架', en: 'listed' },
    withdrawn: { 'zh-CN': '已撤下', en: 'withdrawn' },
  },
  demand: {
    open: { 'zh-CN': '征集中', en: 'open' },
    closed: { 'zh-CN': '已关闭', en: 'closed' },
    promoted: { 'zh-CN': '已转为榜单', en: 'made a challenge' },
  },
} satisfies Record<string, Labels>;

export type StateKind = keyof typeof STATES;
export const STATE_KINDS = Object.keys(STATES) as StateKind[];

defineMessages(
  Object.fromEntries(
    Object.entries(STATES).flatMap(([kind, labels]) =>
      Object.entries(labels as Labels).map(([value, text]) => [`state.${kind}.${value}`, text]),
    ),
  ),
);

/** A state of `kind` as a message parameter; a value with no label yet stays itself. */
export function stateOf(kind: StateKind, value: string): Msg | string {
  const key = `state.${kind}.${value}`;
  return hasMessage(key) ? t(key) : value;
}

/** Every labelled state of a kind (for tests that compare with the database's CHECK lists). */
export function labelledStates(kind: StateKind): string[] {
  return Object.keys(STATES[kind]);
}

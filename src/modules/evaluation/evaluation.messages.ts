// Messages of expert evaluation people read: the "my tasks" titles (errors stay where they are).
import { defineMessages } from '../../i18n/messages.ts';

export const evaluationMessages = defineMessages({
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
});

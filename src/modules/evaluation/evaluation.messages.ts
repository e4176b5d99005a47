// The evaluation module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const evaluationMessages = defineMessages({
  'round.assignmentRunning': { 'zh-CN': '一次专家分配仍在运行中', en: 'an assignment run is still running' },
  'round.criterionKeyTwice': { 'zh-CN': '重复使用', en: 'is used twice' },
  'round.descriptorOutOfRange': { 'zh-CN': '必须在 {min}..{max} 之间', en: 'must lie within {min}..{max}' },
  'round.maxAboveMin': { 'zh-CN': '必须大于最低分', en: 'must be above min' },
  'round.noExpertAssigned': {
    'zh-CN': '尚未分配专家：请先运行分配',
    en: 'no expert is assigned yet: run the assignment',
  },
  'round.rubricEmpty': { 'zh-CN': '至少需要一项评分指标', en: 'needs at least one criterion' },
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
});

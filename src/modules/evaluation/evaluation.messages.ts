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
});

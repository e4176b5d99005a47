// Strings of the evaluation area's menu entries.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('evaluation', {
  'zh-CN': { menu: { reviews: '评审', rounds: '评审轮次', experts: '专家库' } },
  en: { menu: { reviews: 'Reviews', rounds: 'Review rounds', experts: 'Expert pool' } },
});

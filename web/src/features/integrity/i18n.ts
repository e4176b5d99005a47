// Strings of the integrity and ethics menu entries.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('integrity', {
  'zh-CN': { menu: { integrity: '科研诚信', ethics: '科技伦理审查' } },
  en: { menu: { integrity: 'Integrity', ethics: 'Ethics review' } },
});

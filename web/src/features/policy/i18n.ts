// Strings of the policy tools' menu entry.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('policy', {
  'zh-CN': { menu: { policy: '政策工具' } },
  en: { menu: { policy: 'Policy tools' } },
});

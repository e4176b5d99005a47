// Strings of the funding area's menu entry.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('funding', {
  'zh-CN': { menu: { funding: '经费' } },
  en: { menu: { funding: 'Funding' } },
});

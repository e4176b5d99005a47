// Strings of the horse races' menu entry.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('race', {
  'zh-CN': { menu: { list: '赛马' } },
  en: { menu: { list: 'Horse races' } },
});

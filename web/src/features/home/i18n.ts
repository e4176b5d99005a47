// Strings of the home page and its menu entry.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('home', {
  'zh-CN': { menu: { home: '首页' } },
  en: { menu: { home: 'Home' } },
});

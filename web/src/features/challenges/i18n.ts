// Strings of the challenges area's menu entries.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('challenges', {
  'zh-CN': { menu: { list: '榜单', mine: '我的榜单', myBids: '我的揭榜' } },
  en: { menu: { list: 'Challenges', mine: 'My challenges', myBids: 'My bids' } },
});

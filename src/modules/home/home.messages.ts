// Messages of the home page's API.
import { defineMessages } from '../../i18n/messages.ts';

export const homeMessages = defineMessages({
  'home.signInFirst': { 'zh-CN': '请先登录后查看待办。', en: 'Log in to see your tasks.' },
});

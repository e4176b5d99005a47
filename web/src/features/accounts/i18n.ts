// Strings of the accounts area's menu entries.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('accounts', {
  'zh-CN': { menu: { organisations: '机构', profile: '个人资料', roles: '角色' } },
  en: { menu: { organisations: 'Organisations', profile: 'My profile', roles: 'Roles' } },
});

// Strings of the audit trail's menu entry.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('audit', {
  'zh-CN': { menu: { audit: '审计日志', apiDocs: '接口文档' } },
  en: { menu: { audit: 'Audit trail', apiDocs: 'API docs' } },
});

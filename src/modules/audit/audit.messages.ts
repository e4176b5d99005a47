// The audit module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const auditMessages = defineMessages({
  'audit.onlyOfficers': {
    'zh-CN': '只有诚信监督人员和平台管理员才能查看审计日志',
    en: 'only integrity officers and the platform admin read the audit trail',
  },
});

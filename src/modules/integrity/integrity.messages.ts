// The integrity module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const integrityMessages = defineMessages({
  'integrity.job.rescan': { 'zh-CN': '查重全量复扫', en: 'Duplicate-text rescan' },
  'integrity.appealAlreadyLodged': {
    'zh-CN': '已经提出过申诉（{appealStatus}）',
    en: 'an appeal was already lodged ({appealStatus})',
  },
  'integrity.flagAlready': { 'zh-CN': '该提示已经是“{state}”状态', en: 'this flag is already {state}' },
  'integrity.noPendingAppeal': {
    'zh-CN': '该记录没有待处理的申诉（{appealStatus}）',
    en: 'no appeal is pending on this record ({appealStatus})',
  },
  'integrity.onlyOfficers': {
    'zh-CN': '只有诚信监督人员才能这样做',
    en: 'only integrity officers may do this',
  },
  'integrity.onlySubjectAppeals': {
    'zh-CN': '只有记录的当事人才能对其提出申诉',
    en: 'only the subject of a record lodges an appeal against it',
  },
  'integrity.referralClosed': {
    'zh-CN': '该移送记录已经结案（{outcome}）',
    en: 'this referral is already closed ({outcome})',
  },
  'integrity.sanctioned': {
    'zh-CN': '{label}：受科研诚信处理限制，{until}（含）前不得{what}',
    en: '{label}: barred from {what} by an integrity sanction until {until}',
  },
  'integrity.thresholdRange': {
    'zh-CN': '必须大于 0 且不超过 1',
    en: 'must be greater than 0 and at most 1',
  },
  'integrity.rescanOfficersOnly': {
    'zh-CN': '只有科研诚信专员可以发起或查看查重扫描',
    en: 'only integrity officers start or read the duplicate rescan',
  },
});

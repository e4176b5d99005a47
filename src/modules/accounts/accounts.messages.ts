// The accounts module's messages, in both languages (keys are stable; parameters carry values).
import { defineMessages } from '../../i18n/messages.ts';

export const accountsMessages = defineMessages({
  'account.cannotDecideMembership': {
    'zh-CN': '不能对状态为“{status}”的成员资格执行“{decision}”',
    en: 'cannot {decision} a membership that is {status}',
  },
  'account.notEnterprise': {
    'zh-CN': '只有企业才有企业资料',
    en: 'only enterprises have an enterprise profile',
  },
  'account.notFuture': { 'zh-CN': '不能是将来的时间', en: 'must not be in the future' },
  'account.onlyAdminCreatesPlatformOrgs': {
    'zh-CN': '只有平台管理员才能创建平台单位',
    en: 'only the platform admin creates platform organisations',
  },
  'account.onlyAdminDisables': {
    'zh-CN': '只有平台管理员才能停用账号，且不能停用自己的账号',
    en: 'only the platform admin disables accounts, and not their own',
  },
  'account.onlyAdminEndsSessions': {
    'zh-CN': '只有平台管理员才能结束他人的全部登录（自己的登录请在“账号安全”中结束）',
    en: 'only the platform admin ends all of a person’s sessions (end your own under Account security)',
  },
  'notFound.session': {
    'zh-CN': '未找到该登录会话（可能已经结束）',
    en: 'session not found (it may have ended already)',
  },
  'account.onlyAdminsDecideRoles': {
    'zh-CN': '只有本单位的管理员或平台管理员才能决定角色申请',
    en: 'only the organisation’s admin or the platform admin decides roles',
  },
  'account.onlyAdminsGrantRoles': {
    'zh-CN': '只有本单位的管理员或平台管理员才能授予角色',
    en: 'only the organisation’s admin or the platform admin grants roles',
  },
  'account.onlyOrgAdminChanges': {
    'zh-CN': '只有本单位的管理员才能修改它',
    en: 'only this organisation’s admin may change it',
  },
  'account.roleExists': {
    'zh-CN': '您已拥有该角色（{status}）',
    en: 'you already have this role ({status})',
  },
  'auth.password.currentWrong': {
    'zh-CN': '当前密码不正确',
    en: 'the current password is not right',
  },
  'auth.totp.codeNeeded': {
    'zh-CN': '请输入身份验证器应用中的 6 位验证码（或一个恢复码）',
    en: 'enter the 6-digit code from your authenticator app (or a recovery code)',
  },
  'auth.totp.codeWrong': { 'zh-CN': '验证码不正确或已使用过', en: 'the code is wrong or was already used' },
  'auth.totp.tooManyTries': {
    'zh-CN': '验证码错误次数过多，请 {minutes} 分钟后再试',
    en: 'too many wrong codes; try again in {minutes} minutes',
  },
  'auth.totp.alreadyOn': { 'zh-CN': '两步验证已开启', en: 'two-step sign-in is already on' },
  'auth.totp.notStarted': {
    'zh-CN': '请先开始设置两步验证',
    en: 'start setting up two-step sign-in first',
  },
  'auth.totp.notOn': { 'zh-CN': '两步验证未开启', en: 'two-step sign-in is not on' },
  'auth.totp.enrolFirst': {
    'zh-CN': '您的角色要求两步验证：请先在“账号安全”中开启，然后才能继续操作',
    en: 'your role requires two-step sign-in: turn it on under Account security before doing anything else',
  },
  'auth.totp.onlyAdminsRequire': {
    'zh-CN': '只有本单位管理员或平台管理员才能设置哪些角色须两步验证',
    en: 'only the organisation’s admin or the platform admin sets which roles require two-step sign-in',
  },
  'auth.reset.linkInvalid': {
    'zh-CN': '此链接已失效（已使用、已过期或已被更新的链接取代）；请重新申请',
    en: 'this link no longer works (used, expired, or replaced by a newer one); ask for a new one',
  },
  'auth.reset.mail.subject': { 'zh-CN': '揭榜平台：重置密码', en: 'Jiebang: reset your password' },
  'auth.reset.mail.body': {
    'zh-CN':
      '有人（希望是您）请求重置您在揭榜平台的密码。请在 {minutes} 分钟内打开下面的链接设置新密码；链接只能使用一次。设置后，您在所有设备上的登录都将退出。',
    en: 'Someone (we hope you) asked to reset your Jiebang password. Open the link below within {minutes} minutes to set a new one; it works once. Afterwards you are signed out on every device.',
  },
  'auth.reset.mail.ignore': {
    'zh-CN': '如果不是您本人请求，请忽略此邮件，您的密码不会改变。',
    en: 'If you did not ask for this, ignore this mail: your password stays as it is.',
  },
  'validation.password.tooShort': {
    'zh-CN': '至少 {min} 个字符（建议 15 个以上）',
    en: 'must be at least {min} characters (15 or more recommended)',
  },
  'validation.password.tooLong': { 'zh-CN': '最多 {max} 个字符', en: 'must be at most {max} characters' },
  'validation.password.common': {
    'zh-CN': '这是常见或已泄露的密码，很容易被猜到；请换一个，比如几个词组成的短语',
    en: 'this is a common or leaked password, easy to guess; choose another, such as a phrase of a few words',
  },
  'validation.password.personal': {
    'zh-CN': '不能用自己的邮箱或姓名作密码',
    en: 'must not be your own email or name',
  },
  'profile.nameRequired': { 'zh-CN': '请填写中文或英文姓名', en: 'give a name in Chinese or English' },
  'profile.searchTooShort': { 'zh-CN': '请至少输入两个字符', en: 'type at least two characters' },
  'profile.stale': {
    'zh-CN': '资料在您打开后已被修改；请重新加载后再编辑',
    en: 'the profile changed since you opened it; reload and edit again',
  },
});

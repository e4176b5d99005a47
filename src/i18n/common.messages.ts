// Messages shared by every module: not found, sign-in, HTTP edge and validation.
import { defineMessages } from './messages.ts';

export const commonMessages = defineMessages({
  'auth.badCredentials': { 'zh-CN': '邮箱或密码错误', en: 'wrong email or password' },
  'auth.loginFirst': { 'zh-CN': '请先登录', en: 'log in first' },
  'db.alreadyRegistered': { 'zh-CN': '{field}已被注册', en: '{field} is already registered' },
  'http.badCharacters': {
    'zh-CN': '含有 NUL 字符或无效的 Unicode（孤立的代理项）',
    en: 'contains a NUL character or invalid Unicode (a lone surrogate)',
  },
  'http.idempotencyKeyRequired': {
    'zh-CN': '请发送 8–100 个字符的 Idempotency-Key 请求头（例如一个 UUID）',
    en: 'send an Idempotency-Key header of 8–100 characters (e.g. a UUID)',
  },
  'http.idempotencyKeyReused': {
    'zh-CN': '该 Idempotency-Key 已用于另一个请求',
    en: 'this Idempotency-Key was used for a different request',
  },
  'notFound.attachment': { 'zh-CN': '未找到该附件', en: 'attachment not found' },
  'notFound.bid': { 'zh-CN': '未找到该揭榜申请', en: 'bid not found' },
  'notFound.challenge': { 'zh-CN': '未找到该榜单', en: 'challenge not found' },
  'notFound.membership': { 'zh-CN': '未找到该成员资格', en: 'membership not found' },
  'notFound.objection': { 'zh-CN': '未找到该异议', en: 'objection not found' },
  'notFound.organisation': { 'zh-CN': '未找到该单位', en: 'organisation not found' },
  'notFound.person': { 'zh-CN': '未找到该人员', en: 'person not found' },
  'notFound.report': { 'zh-CN': '未找到该报告', en: 'report not found' },
  'notFound.taskBook': { 'zh-CN': '未找到该任务书', en: 'task book not found' },
  'workflow.blocked': { 'zh-CN': '当前不允许此操作', en: 'not allowed now' },
  'workflow.notPermitted': {
    'zh-CN': '只有 {who} 才能对该{machine}执行“{action}”操作',
    en: 'only the {who} may {action} this {machine}',
  },
  'workflow.unknownAction': {
    'zh-CN': '{machine}：未知操作 {action}',
    en: '{machine}: unknown action {action}',
  },
  'workflow.wrongState': {
    'zh-CN': '{machine}当前为“{state}”状态；“{action}”操作要求处于 {allowed} 状态',
    en: '{machine} is {state}; {action} needs {allowed}',
  },
});

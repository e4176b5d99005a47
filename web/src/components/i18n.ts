// Strings of the shared components.
import { defineStrings } from '../lib/i18n.ts';

export const NS = defineStrings('common', {
  'zh-CN': {
    confirm: '确认',
    cancel: '取消',
    empty: '暂无内容',
    add: '添加',
    remove: '删除',
    removeRow: '删除第 {{n}} 行',
    export: '导出',
    exportCsv: '导出 CSV',
    exportXlsx: '导出 Excel',
    exportFailed: '导出失败：{{message}}',
    total: '共 {{total}} 条',
    loadFailed: '加载失败：{{message}}',
    retry: '重试',
    saved: '已保存',
  },
  en: {
    confirm: 'Confirm',
    cancel: 'Cancel',
    empty: 'Nothing here yet',
    add: 'Add',
    remove: 'Remove',
    removeRow: 'Remove row {{n}}',
    export: 'Export',
    exportCsv: 'Export CSV',
    exportXlsx: 'Export Excel',
    exportFailed: 'Export failed: {{message}}',
    total: '{{total}} in all',
    loadFailed: 'Could not load: {{message}}',
    retry: 'Retry',
    saved: 'Saved',
  },
});

// The insight module's messages (statistics, indicators, Delphi), in both languages.
import { defineMessages } from '../../i18n/messages.ts';

export const insightMessages = defineMessages({
  'insight.ranks.header': {
    'zh-CN': '第 {line} 行：表头必须是 panellist,item,rank',
    en: 'line {line}: the header must be panellist,item,rank',
  },
  'insight.ranks.fields': {
    'zh-CN': '第 {line} 行：应有 3 个字段（panellist,item,rank），实有 {count} 个',
    en: 'line {line}: expected 3 fields (panellist,item,rank), found {count}',
  },
  'insight.ranks.noPanellist': {
    'zh-CN': '第 {line} 行：缺少专家',
    en: 'line {line}: the panellist is missing',
  },
  'insight.ranks.noItem': { 'zh-CN': '第 {line} 行：缺少条目', en: 'line {line}: the item is missing' },
  'insight.ranks.noRank': {
    'zh-CN': '第 {line} 行：专家 {panellist} 对条目 {item} 缺少排序',
    en: 'line {line}: the rank of item {item} by panellist {panellist} is missing',
  },
  'insight.ranks.badRank': {
    'zh-CN': '第 {line} 行：排序“{rank}”必须是 1 到 {n} 之间的数',
    en: 'line {line}: the rank "{rank}" must be a number from 1 to {n}',
  },
  'insight.ranks.twice': {
    'zh-CN': '第 {line} 行：专家 {panellist} 第二次对条目 {item} 排序（第一次在第 {first} 行）',
    en: 'line {line}: panellist {panellist} ranks item {item} a second time (first on line {first})',
  },
  'insight.ranks.missingItems': {
    'zh-CN': '第 {line} 行：专家 {panellist} 未对以下条目排序：{items}',
    en: 'line {line}: panellist {panellist} did not rank {items}',
  },
  'insight.ranks.tooFew': {
    'zh-CN': '至少需要 2 位专家和 2 个条目（实有 {panellists} 位专家、{items} 个条目）',
    en: 'at least 2 panellists and 2 items are needed (found {panellists} panellists, {items} items)',
  },
  'insight.ranks.allTied': {
    'zh-CN': '每位专家都将全部条目并列，W 无定义',
    en: 'every panellist tied every item: W is undefined',
  },
});

export const indicatorMessages = defineMessages({
  'insight.ind.dimension': { 'zh-CN': '必须是 province 或 industry', en: 'must be province or industry' },
  'insight.ind.provinceCode': {
    'zh-CN': '必须是六位省级行政区划代码（如 110000）',
    en: 'must be a six-digit province code (e.g. 110000)',
  },
  'insight.ind.industryCode': {
    'zh-CN': '必须是国民经济行业分类代码（如 C39）',
    en: 'must be an industry code of GB/T 4754 (e.g. C39)',
  },
  'insight.ind.name': { 'zh-CN': '名称必填，最多 100 字', en: 'a name is required, at most 100 characters' },
  'insight.ind.year': { 'zh-CN': '必须是 1949 到 2100 之间的年份', en: 'must be a year from 1949 to 2100' },
  'insight.ind.decimal': {
    'zh-CN': '必须是不小于 0 的数，最多 4 位小数',
    en: 'must be a number of at least 0 with at most 4 decimal places',
  },
  'insight.ind.positive': { 'zh-CN': '必须大于 0', en: 'must be greater than 0' },
  'insight.ind.duplicate': {
    'zh-CN': '与第 {first} 行的地区（行业）和年份相同',
    en: 'the same region or industry and year as row {first}',
  },
  'insight.ind.refused': {
    'zh-CN': '第 {row} 行 {field}：{reason}{more}；未导入任何数据',
    en: 'row {row}, {field}: {reason}{more}; nothing was imported',
  },
  'insight.ind.noYear': { 'zh-CN': '没有该年份的数据', en: 'there are no figures for that year' },
  'insight.ind.codes': {
    'zh-CN': '请选择 1 到 10 个地区或行业',
    en: 'choose 1 to 10 regions or industries',
  },
  'insight.notAllowed': {
    'zh-CN': '仅分析人员、项目主管和平台管理员可查看统计与指标',
    en: 'only analysts, programme officers and platform admins may see statistics and indicators',
  },
  'insight.importNotAllowed': {
    'zh-CN': '仅分析人员和平台管理员可导入统计数据',
    en: 'only analysts and platform admins may import statistics',
  },
});

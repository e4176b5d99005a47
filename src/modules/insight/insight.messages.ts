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

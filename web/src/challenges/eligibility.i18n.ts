// Strings of the challenge editor's eligibility and ethics section, as their own i18n bundle,
// and the same rules as sentences for the public page.
import type { TFunction } from 'i18next';
import i18n from '../i18n/index.ts';

const en = {
  eligibilityForm: {
    title: 'Eligibility and ethics',
    intro:
      'No thresholds by default: whoever can do it may bid. Add a rule only where the work truly needs it; the server checks it and tells a bidder why.',
    kinds: 'Host organisation types allowed (none ticked: any)',
    regions: 'Host organisation regions (6-digit code prefixes, comma-separated; empty: anywhere)',
    maxTeam: 'Largest team, commander included (empty: no limit)',
    ethics:
      'Ethics categories the work involves (bids must declare them and need an ethics approval before award)',
    ruleOrgKind: 'The host organisation is one of: {{kinds}}.',
    ruleRegion: 'The host organisation is registered in region {{prefixes}} (code prefix).',
    ruleMaxTeam: 'At most {{max}} people in the team, the commander included.',
    involves:
      'The work involves: {{categories}}. Bids must declare these and need an ethics approval before award.',
    categories: {
      human_subjects: 'Human subjects',
      animals: 'Animals',
      biosafety: 'Biosafety',
      ai: 'Artificial intelligence',
      gene_editing: 'Gene editing',
      personal_data: 'Personal data',
      environment: 'Environmental release',
    },
  },
};

const zhCN: typeof en = {
  eligibilityForm: {
    title: '揭榜条件与科技伦理',
    intro: '默认不设门槛：谁能干就让谁干。只有确有需要时才添加条件；服务器逐项检查并向揭榜方说明原因。',
    kinds: '依托单位类型（不勾选：不限）',
    regions: '依托单位所在地区（6 位区划代码前缀，逗号分隔；留空：不限）',
    maxTeam: '团队人数上限（含负责人；留空：不限）',
    ethics: '涉及的科技伦理类别（揭榜须声明，授予前须经伦理审查批准）',
    ruleOrgKind: '依托单位类型须为：{{kinds}}。',
    ruleRegion: '依托单位须注册于地区 {{prefixes}}（区划代码前缀）。',
    ruleMaxTeam: '团队不超过 {{max}} 人（含揭榜挂帅人）。',
    involves: '本榜涉及：{{categories}}。揭榜方案须声明，并在授予前获得伦理审查批准。',
    categories: {
      human_subjects: '涉及人类受试者',
      animals: '涉及实验动物',
      biosafety: '生物安全',
      ai: '人工智能',
      gene_editing: '基因编辑',
      personal_data: '个人信息',
      environment: '环境释放',
    },
  },
};

i18n.addResourceBundle('en', 'translation', en, true, false);
i18n.addResourceBundle('zh-CN', 'translation', zhCN, true, false);

export type EligibilityRuleView =
  | { kind: 'orgKind'; allowed: string[] }
  | { kind: 'region'; prefixes: string[] }
  | { kind: 'maxTeamSize'; max: number };

/** One eligibility rule as a sentence in the page's language. */
export function describeRule(r: EligibilityRuleView, t: TFunction, lang: string): string {
  const list = (xs: string[]) => xs.join(lang === 'en' ? ', ' : '、');
  switch (r.kind) {
    case 'orgKind':
      return t('eligibilityForm.ruleOrgKind', { kinds: list(r.allowed.map((k) => t(`orgs.kinds.${k}`))) });
    case 'region':
      return t('eligibilityForm.ruleRegion', { prefixes: r.prefixes.join(lang === 'en' ? ' or ' : ' 或 ') });
    case 'maxTeamSize':
      return t('eligibilityForm.ruleMaxTeam', { max: r.max });
    default:
      return JSON.stringify(r);
  }
}

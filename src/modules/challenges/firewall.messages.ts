// Messages of the firewalls of a firm in several roles (firewall.ts), in both languages.
import { defineMessages } from '../../i18n/messages.ts';

export const firewallMessages = defineMessages({
  'firewall.proposer_host': {
    'zh-CN': '{org}是本榜单的发榜方，不能以依托单位身份揭榜（防火墙：发榜方不得揭榜）',
    en: '{org} proposed this challenge, so it may not host a bid for it (firewall: the proposer does not bid)',
  },
  'firewall.organiser_host': {
    'zh-CN': '{org}是本榜单的组织单位，不能以依托单位身份揭榜（防火墙：组织单位不得揭榜）',
    en: '{org} organises this challenge, so it may not host a bid for it (firewall: the organiser does not bid)',
  },
  'firewall.proposer_staff': {
    'zh-CN': '{name}任职于本榜单的发榜方{org}，不能加入揭榜团队（防火墙：发榜方人员不得揭榜）',
    en: '{name} works for {org}, which proposed this challenge, so may not be on a team for it (firewall: proposer staff)',
  },
  'firewall.organiser_staff': {
    'zh-CN': '{name}任职于本榜单的组织单位{org}，不能加入揭榜团队（防火墙：组织单位人员不得揭榜）',
    en: '{name} works for {org}, which organises this challenge, so may not be on a team for it (firewall: organiser staff)',
  },
  'firewall.competitor_staff': {
    'zh-CN': '{name}任职于{org}，该单位另有揭榜申请参与本榜单竞争，不能加入其他团队（防火墙：竞争团队）',
    en: '{name} works for {org}, which hosts a competing bid for this challenge, so may not be on another team (firewall: competing team)',
  },
  'firewall.staff_on_competitor': {
    'zh-CN': '依托单位{org}的人员{name}在本榜单的另一个竞争团队中（防火墙：竞争团队）',
    en: '{name}, who works for the host organisation {org}, is on a competing team for this challenge (firewall: competing team)',
  },
  'firewall.two_teams': {
    'zh-CN': '{name}已在本榜单的另一个揭榜团队中，同一榜单只能加入一个团队（防火墙：一人一队）',
    en: '{name} is already on another team for this challenge; a person is on one team per challenge (firewall: one team)',
  },
});

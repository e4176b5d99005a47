// Strings of the horse races' menu entry and list, zh-CN and en side by side.
import { defineStrings } from '../../lib/i18n.ts';

export const NS = defineStrings('race', {
  'zh-CN': {
    menu: { list: '赛马' },
    list: {
      title: '赛马',
      intro: '多个团队并行攻关，在各阶段关口按事先公布的规则择优（赛马制）。',
      none: '暂无赛马。',
      new: '发起赛马',
      challenge: '榜单',
      state: '状态',
      teams: '在赛 / 团队',
      award: '资助总额',
    },
    states: { setup: '筹备中', running: '进行中', finished: '已结束', ended_early: '提前结束' },
  },
  en: {
    menu: { list: 'Horse races' },
    list: {
      title: 'Horse races',
      intro: 'Several teams funded in parallel, cut at stage gates by rules declared in advance (赛马制).',
      none: 'No races yet.',
      new: 'Declare a race',
      challenge: 'Challenge',
      state: 'State',
      teams: 'Still in / teams',
      award: 'Award',
    },
    states: { setup: 'Setting up', running: 'Running', finished: 'Finished', ended_early: 'Ended early' },
  },
});

// Pages of achievement transformation (科技成果转化).
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/transfer', who: 'anyone' },
  { path: '/transfer?tab=demands', who: ['proposer@', 'solver@'] },
  { path: '/transfer/achievements/new', who: ['solver@', 'admin@'] },
  { path: '/transfer/demands/new', who: ['proposer@'] },
  { path: '/transfer/deals', who: ['proposer@', 'proposer2@', 'solver@', 'admin@'] },
  { path: '/transfer/notices', who: ['solver4@', 'solver5@', 'admin@'] },
  {
    name: 'an achievement',
    who: 'anyone',
    path: async (api) => {
      const page = await api('/api/transfer/achievements');
      return page.items?.[0] ? `/transfer/achievements/${page.items[0].id}` : null;
    },
  },
  {
    name: 'a demand',
    who: ['proposer@', 'proposer3@'],
    path: async (api) => {
      const page = await api('/api/transfer/demands');
      return page.items?.[0] ? `/transfer/demands/${page.items[0].id}` : null;
    },
  },
  {
    name: 'a deal',
    who: ['proposer@', 'proposer2@', 'solver@', 'admin@'],
    path: async (api) => {
      const deals = await api('/api/transfer/deals');
      return deals[0] ? `/transfer/deals/${deals[0].id}` : null;
    },
  },
];

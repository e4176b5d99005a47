// Pages of the challenges area: the public list, my challenges, my bids, one bid, task books.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/challenges', who: 'signedOut' },
  { path: '/challenges', who: ['organizer@', 'solver@', 'proposer@'] },
  { path: '/challenges/mine', who: ['proposer@', 'organizer@'] },
  { path: '/bids/mine', who: ['solver@'] },
  {
    name: 'a bid of mine',
    path: async (api) => {
      const first = (await api('/api/bids/mine?pageSize=1')).items?.[0];
      return first ? `/bids/${first.id}` : null;
    },
    who: ['solver@'],
  },
  { path: '/task-books', who: ['proposer@', 'solver@', 'organizer@'] },
];

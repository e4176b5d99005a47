// Pages of shared instruments: the public catalogue and an instrument, my bookings, a used booking's
// statement, the manager's calendar.
import type { CrawlPage } from './pages.ts';

const sem = async (api: (url: string) => Promise<any>) => {
  const page = await api('/api/instruments?q=%E8%83%BD%E8%B0%B1');
  return page.items[0] ? `/instruments/${page.items[0].id}` : null;
};

export const PAGES: CrawlPage[] = [
  { path: '/instruments', who: 'anyone' },
  { path: sem, who: 'anyone', name: 'the demo SEM' },
  { path: '/instruments/bookings', who: ['solver@', 'proposer@'] },
  {
    path: async (api) => {
      const mine = await api('/api/instruments/bookings');
      return mine.items[0] ? `/instruments/bookings/${mine.items[0].id}` : null;
    },
    who: ['solver@', 'proposer@'],
    name: 'a booking of mine',
  },
  { path: '/instruments/managed', who: ['admin@', 'solver3@'] },
  { path: '/instruments/new', who: ['admin@'] },
  { path: '/instruments/openness', who: ['admin@'] },
  {
    path: async (api) => ((x) => (x ? `${x}/edit` : null))(await sem(api)),
    who: ['admin@'],
    name: 'the demo SEM’s form',
  },
  {
    path: async (api) => ((x) => (x ? `${x}/calendar` : null))(await sem(api)),
    who: ['admin@', 'solver3@'],
    name: 'the demo SEM’s calendar',
  },
];

// Pages of the S&T commissioners (科技特派员).
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/commissioners/demands/new', who: ['proposer', 'commissioner'] },
  { path: '/commissioners/demands', who: ['proposer', 'organizer@', 'commissioner'] },
  { path: '/commissioners/dispatch', who: ['organizer@'] },
  { path: '/commissioners', who: ['organizer@', 'analyst@'] },
  { path: '/commissioners/assessment', who: ['organizer@', 'analyst@', 'admin@'] },
  { path: '/commissioners/stats', who: ['organizer@', 'analyst@', 'admin@'] },
  { path: '/commissioners/service', who: ['commissioner@', 'commissioner2@'] },
  {
    name: 'a served demand',
    who: ['proposer3@', 'organizer@', 'commissioner@'],
    path: async (api) => {
      const page = await api('/api/commissioner-demands?scope=mine&state=serving');
      const mine =
        page.items[0] ?? (await api('/api/commissioner-demands?scope=agency&state=serving')).items?.[0];
      const assigned =
        mine ?? (await api('/api/commissioner-demands?scope=assigned&state=serving')).items?.[0];
      return assigned ? `/commissioners/demands/${assigned.id}` : null;
    },
  },
];

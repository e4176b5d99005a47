// Pages of the race area: the list of races, declaring a race, and the demo race's board (public;
// the organizer sees the console, a team member the team's panel).
import type { CrawlPage } from './pages.ts';

const demoRace = async (api: (url: string) => Promise<any>) => {
  const page = await api('/api/races?pageSize=1');
  return page.items[0] ? `/races/${page.items[0].id}` : null;
};

export const PAGES: CrawlPage[] = [
  { path: '/races', who: 'signedOut' },
  { path: '/races', who: ['organizer@', 'solver@'] },
  { path: '/races/new', who: ['organizer@'] },
  { path: demoRace, who: 'anyone', name: 'the demo race’s board' },
];

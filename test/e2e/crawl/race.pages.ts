// Pages of the race area: the list of races.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/races', who: 'signedOut' },
  { path: '/races', who: ['organizer@', 'solver@'] },
];

// Funding pages (the funding home is on the new layer; the fund and award pages follow).
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/funding', who: ['organizer@', 'proposer@', 'solver@', 'admin@'] },
];

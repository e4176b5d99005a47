// Pages of the evaluation area: an expert's review queue, the organizer's review rounds.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/reviews', who: ['expert@'] },
  { path: '/evaluation/rounds', who: ['organizer@'] },
];

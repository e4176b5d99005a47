// Pages of the shell, home and accounts areas.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/', who: 'anyone' },
  { path: '/login', who: 'signedOut' },
  { path: '/register', who: 'signedOut' },
  { path: '/no-such-page', who: 'signedOut' },
];

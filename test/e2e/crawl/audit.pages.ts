// The audit trail, for the admin and the integrity officer.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [{ path: '/audit', who: ['admin@', 'integrity@'] }];

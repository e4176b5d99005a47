// Accounts: the password pages of a signed-out reader; account security of anyone signed in.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/forgot-password', who: 'signedOut' },
  { path: '/reset-password', who: 'signedOut', name: 'a reset link without its token' },
  { path: '/account/security', who: ['solver@', 'organizer@', 'admin@'] },
];

// Notifications: the inbox and preferences of anyone signed in; the admin's outbox and job queues.
import type { CrawlPage } from './pages.ts';

export const PAGES: CrawlPage[] = [
  { path: '/inbox', who: ['solver@', 'expert@', 'organizer@'] },
  { path: '/notifications/preferences', who: ['solver@'] },
  { path: '/admin/outbox', who: ['admin@'] },
  { path: '/admin/jobs', who: ['admin@'] },
];

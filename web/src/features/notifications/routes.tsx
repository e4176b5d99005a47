// Notifications: the inbox (the header's bell links to it) and preferences for everyone signed
// in; the mail outbox and the job queues for the platform admin.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    { path: '/inbox', page: lazyPage(() => import('./pages/Inbox.tsx'), 'Inbox') },
    {
      path: '/notifications/preferences',
      page: lazyPage(() => import('./pages/Preferences.tsx'), 'Preferences'),
    },
    { path: '/admin/outbox', page: lazyPage(() => import('./pages/Outbox.tsx'), 'Outbox') },
    { path: '/admin/jobs', page: lazyPage(() => import('./pages/Jobs.tsx'), 'Jobs') },
  ],
  menu: [
    {
      group: 'admin',
      key: 'outbox',
      label: `${NS}:menu.outbox`,
      path: '/admin/outbox',
      roles: ['admin'],
      order: 40,
    },
    {
      group: 'admin',
      key: 'jobs',
      label: `${NS}:menu.jobs`,
      path: '/admin/jobs',
      roles: ['admin'],
      order: 41,
    },
  ],
  userMenu: [
    { key: 'inbox', label: `${NS}:menu.inbox`, path: '/inbox', order: 20 },
    {
      key: 'notificationPrefs',
      label: `${NS}:menu.preferences`,
      path: '/notifications/preferences',
      order: 21,
    },
  ],
});

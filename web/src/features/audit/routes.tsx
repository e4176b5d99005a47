// Audit trail (administrators, integrity officers), and the API documentation link.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [{ path: '/audit', page: lazyPage(() => import('./pages/AuditPage.tsx'), 'AuditPage') }],
  menu: [
    {
      group: 'admin',
      key: 'audit',
      label: `${NS}:menu.audit`,
      path: '/audit',
      roles: ['admin', 'integrity_officer'],
      order: 30,
    },
    {
      group: 'admin',
      key: 'apiDocs',
      label: `${NS}:menu.apiDocs`,
      path: '/api/docs',
      roles: 'anyone',
      order: 90,
      external: true,
    },
  ],
});

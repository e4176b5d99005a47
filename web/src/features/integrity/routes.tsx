// Integrity & ethics: integrity records and referrals; ethics review committees. Older pages for now.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    {
      path: '/integrity',
      page: lazyPage(() => import('../../integrity/IntegrityPage.tsx'), 'IntegrityPage'),
      legacy: true,
    },
    // Where My tasks sends officers: flags, referrals and appeals are sections of the same page.
    ...['/integrity/flags', '/integrity/referrals', '/integrity/records'].map((path) => ({
      path,
      page: lazyPage(() => import('../../integrity/IntegrityPage.tsx'), 'IntegrityPage'),
      legacy: true,
    })),
    {
      path: '/ethics',
      page: lazyPage(() => import('../../ethics/EthicsPage.tsx'), 'EthicsPage'),
      legacy: true,
    },
  ],
  menu: [
    {
      group: 'integrity',
      key: 'integrity',
      label: `${NS}:menu.integrity`,
      path: '/integrity',
      // Officers record findings; organizers check sanctions; solvers see and appeal findings about them.
      roles: ['integrity_officer', 'organizer', 'solver', 'admin'],
      order: 10,
    },
    {
      group: 'integrity',
      key: 'ethics',
      label: `${NS}:menu.ethics`,
      path: '/ethics',
      // Committee members are named people who need no platform role: everyone signed in.
      roles: 'signedIn',
      order: 20,
    },
  ],
});

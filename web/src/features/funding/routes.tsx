// Funding: funds, awards, the ledger (the fund and award pages are older pages for now).
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    {
      path: '/funding',
      page: lazyPage(() => import('./pages/FundingPage.tsx'), 'FundingPage'),
    },
    {
      path: '/funding/funds/:id',
      page: lazyPage(() => import('../../funding/FundPage.tsx'), 'FundPage'),
      legacy: true,
    },
    {
      path: '/funding/awards/:id',
      page: lazyPage(() => import('../../funding/AwardPage.tsx'), 'AwardPage'),
      legacy: true,
    },
  ],
  menu: [
    {
      group: 'funding',
      key: 'funding',
      label: `${NS}:menu.funding`,
      path: '/funding',
      // Fund managers (organizers; proposers co-funding), award teams entering expenses, the platform.
      roles: ['organizer', 'proposer', 'solver', 'admin'],
    },
  ],
});

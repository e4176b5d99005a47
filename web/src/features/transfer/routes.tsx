// Achievement transformation (科技成果转化): the catalogue and demands (public), listing and posting,
// matches explained, deals with their notice, registration and money, and the notices of my organisation.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    { path: '/transfer', page: lazyPage(() => import('./pages/MarketPage.tsx'), 'MarketPage') },
    {
      path: '/transfer/achievements/new',
      page: lazyPage(() => import('./pages/AchievementNewPage.tsx'), 'AchievementNewPage'),
    },
    {
      path: '/transfer/achievements/:id',
      page: lazyPage(() => import('./pages/AchievementPage.tsx'), 'AchievementPage'),
    },
    {
      path: '/transfer/demands/new',
      page: lazyPage(() => import('./pages/DemandNewPage.tsx'), 'DemandNewPage'),
    },
    { path: '/transfer/demands/:id', page: lazyPage(() => import('./pages/DemandPage.tsx'), 'DemandPage') },
    { path: '/transfer/deals', page: lazyPage(() => import('./pages/DealsPage.tsx'), 'DealsPage') },
    { path: '/transfer/deals/:id', page: lazyPage(() => import('./pages/DealPage.tsx'), 'DealPage') },
    { path: '/transfer/notices', page: lazyPage(() => import('./pages/NoticesPage.tsx'), 'NoticesPage') },
  ],
  menu: [
    {
      group: 'transfer',
      key: 'transferMarket',
      label: `${NS}:menu.market`,
      path: '/transfer',
      roles: 'anyone',
    },
    {
      group: 'transfer',
      key: 'transferDeals',
      label: `${NS}:menu.deals`,
      path: '/transfer/deals',
      roles: ['proposer', 'admin', 'solver'],
      order: 110,
    },
    {
      group: 'transfer',
      key: 'transferNotices',
      label: `${NS}:menu.notices`,
      path: '/transfer/notices',
      roles: 'signedIn',
      order: 120,
    },
  ],
});

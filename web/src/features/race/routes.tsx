// Horse races (赛马): the list, declaring a race, and one race's board with its consoles.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    { path: '/races', page: lazyPage(() => import('./pages/RaceListPage.tsx'), 'RaceListPage') },
    {
      path: '/races/new',
      page: lazyPage(() => import('./pages/RaceCreatePage.tsx'), 'RaceCreatePage'),
    },
    {
      path: '/races/:id',
      page: lazyPage(() => import('./pages/RaceBoardPage.tsx'), 'RaceBoardPage'),
    },
  ],
  menu: [{ group: 'races', key: 'races', label: `${NS}:menu.list`, path: '/races', roles: 'anyone' }],
});

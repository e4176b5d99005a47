// Horse races (赛马): the list on the new layer; declaring a race and one race's console are
// older pages for now.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    { path: '/races', page: lazyPage(() => import('./pages/RaceListPage.tsx'), 'RaceListPage') },
    {
      path: '/races/new',
      page: lazyPage(() => import('../../pages/RaceCreateForm.tsx'), 'RaceCreateForm'),
      legacy: true,
    },
    {
      path: '/races/:id',
      page: lazyPage(() => import('../../pages/RacePage.tsx'), 'RacePage'),
      legacy: true,
    },
  ],
  menu: [{ group: 'races', key: 'races', label: `${NS}:menu.list`, path: '/races', roles: 'anyone' }],
});

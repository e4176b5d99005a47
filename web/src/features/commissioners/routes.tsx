// S&T commissioners (科技特派员): posting a demand (phone first), the demands each party sees, one
// demand's page, the agency's match-and-dispatch desk and registry, the commissioner's dispatches.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    {
      path: '/commissioners/demands/new',
      page: lazyPage(() => import('./pages/DemandFormPage.tsx'), 'DemandFormPage'),
    },
    {
      path: '/commissioners/demands',
      page: lazyPage(() => import('./pages/DemandsPage.tsx'), 'DemandsPage'),
    },
    {
      path: '/commissioners/demands/:id',
      page: lazyPage(() => import('./pages/DemandPage.tsx'), 'DemandPage'),
    },
    {
      path: '/commissioners/dispatch',
      page: lazyPage(() => import('./pages/DispatchPage.tsx'), 'DispatchPage'),
    },
    {
      path: '/commissioners/assessment',
      page: lazyPage(() => import('./pages/AssessmentPage.tsx'), 'AssessmentPage'),
    },
    {
      path: '/commissioners/stats',
      page: lazyPage(() => import('./pages/StatsPage.tsx'), 'StatsPage'),
    },
    { path: '/commissioners', page: lazyPage(() => import('./pages/RegistryPage.tsx'), 'RegistryPage') },
    {
      path: '/commissioners/service',
      page: lazyPage(() => import('./pages/ServicePage.tsx'), 'ServicePage'),
    },
  ],
  menu: [
    {
      group: 'commissioners',
      key: 'commissioners-post',
      label: `${NS}:menu.post`,
      path: '/commissioners/demands/new',
      roles: 'signedIn',
      order: 10,
    },
    {
      group: 'commissioners',
      key: 'commissioners-demands',
      label: `${NS}:menu.demands`,
      path: '/commissioners/demands',
      roles: 'signedIn',
      order: 20,
    },
    {
      group: 'commissioners',
      key: 'commissioners-service',
      label: `${NS}:menu.service`,
      path: '/commissioners/service',
      roles: ['commissioner'],
      order: 30,
    },
    {
      group: 'commissioners',
      key: 'commissioners-dispatch',
      label: `${NS}:menu.dispatch`,
      path: '/commissioners/dispatch',
      roles: ['organizer'],
      order: 40,
    },
    {
      group: 'commissioners',
      key: 'commissioners-registry',
      label: `${NS}:menu.registry`,
      path: '/commissioners',
      roles: ['organizer', 'analyst', 'admin'],
      order: 50,
    },
    {
      group: 'commissioners',
      key: 'commissioners-assessment',
      label: `${NS}:menu.assessment`,
      path: '/commissioners/assessment',
      roles: ['organizer', 'analyst', 'admin'],
      order: 60,
    },
    {
      group: 'commissioners',
      key: 'commissioners-stats',
      label: `${NS}:menu.stats`,
      path: '/commissioners/stats',
      roles: ['organizer', 'analyst', 'admin'],
      order: 70,
    },
  ],
});

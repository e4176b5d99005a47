// Policy tools: enterprise tax and HNTE calculators (enterprise members). Older page for now.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [
    {
      path: '/policy',
      page: lazyPage(() => import('../../pages/PolicyPage.tsx'), 'PolicyPage'),
      legacy: true,
    },
  ],
  menu: [
    {
      group: 'policy',
      key: 'policy',
      label: `${NS}:menu.policy`,
      path: '/policy',
      roles: ['proposer', 'admin'],
    },
  ],
});

// Home: the welcome and "My tasks". (The page is still the older one until it is rebuilt here.)
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [{ path: '/', page: lazyPage(() => import('../../pages/HomePage.tsx'), 'HomePage'), legacy: true }],
  menu: [{ group: 'home', key: 'home', label: `${NS}:menu.home`, path: '/', roles: 'anyone' }],
});

// Home: the welcome, "My tasks", and first-run instructions.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

export default defineFeature({
  routes: [{ path: '/', page: lazyPage(() => import('./pages/HomePage.tsx'), 'HomePage') }],
  menu: [{ group: 'home', key: 'home', label: `${NS}:menu.home`, path: '/', roles: 'anyone' }],
});

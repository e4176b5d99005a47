// Accounts: log in, register, forgotten and changed passwords, profile, organisations, memberships (roles). Older pages for now.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

const login = () => import('../../pages/LoginPage.tsx');

export default defineFeature({
  routes: [
    { path: '/login', page: lazyPage(login, 'LoginPage'), legacy: true },
    { path: '/register', page: lazyPage(login, 'RegisterPage'), legacy: true },
    {
      path: '/forgot-password',
      page: lazyPage(() => import('./pages/ForgotPassword.tsx'), 'ForgotPassword'),
    },
    { path: '/reset-password', page: lazyPage(() => import('./pages/ResetPassword.tsx'), 'ResetPassword') },
    { path: '/account/security', page: lazyPage(() => import('./pages/Security.tsx'), 'Security') },
    {
      path: '/profile',
      page: lazyPage(() => import('../../pages/ProfilePage.tsx'), 'ProfilePage'),
      legacy: true,
    },
    {
      path: '/organisations',
      page: lazyPage(() => import('../../pages/OrganisationsPage.tsx'), 'OrganisationsPage'),
      legacy: true,
    },
    {
      path: '/roles',
      page: lazyPage(() => import('../../pages/MembershipsPage.tsx'), 'MembershipsPage'),
      legacy: true,
    },
  ],
  menu: [
    {
      group: 'admin',
      key: 'organisations',
      label: `${NS}:menu.organisations`,
      path: '/organisations',
      roles: 'anyone',
      order: 10,
    },
  ],
  userMenu: [
    { key: 'profile', label: `${NS}:menu.profile`, path: '/profile', order: 10 },
    { key: 'roles', label: `${NS}:menu.roles`, path: '/roles', order: 20 },
    { key: 'security', label: `${NS}:menu.security`, path: '/account/security', order: 25 },
  ],
});

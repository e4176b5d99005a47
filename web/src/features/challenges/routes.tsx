// Challenges (揭榜挂帅): the public list, my challenges, my bids, task books and the bid page on
// Ant Design; the challenge page, the editors and the task book page are still the older ones.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

const legacy = (path: string, page: ReturnType<typeof lazyPage>) => ({ path, page, legacy: true });

export default defineFeature({
  routes: [
    {
      path: '/challenges',
      page: lazyPage(() => import('./pages/ChallengeListPage.tsx'), 'ChallengeListPage'),
    },
    {
      path: '/challenges/mine',
      page: lazyPage(() => import('./pages/MyChallengesPage.tsx'), 'MyChallengesPage'),
    },
    { path: '/bids/mine', page: lazyPage(() => import('./pages/MyBidsPage.tsx'), 'MyBidsPage') },
    { path: '/bids/:id', page: lazyPage(() => import('./pages/BidPage.tsx'), 'BidPage') },
    { path: '/task-books', page: lazyPage(() => import('./pages/TaskBooksPage.tsx'), 'TaskBooksPage') },
    legacy(
      '/challenges/new',
      lazyPage(() => import('../../challenges/ChallengeEditPage.tsx'), 'ChallengeEditPage'),
    ),
    legacy(
      '/challenges/:id',
      lazyPage(() => import('../../challenges/ChallengeDetailPage.tsx'), 'ChallengeDetailPage'),
    ),
    legacy(
      '/challenges/:id/edit',
      lazyPage(() => import('../../challenges/ChallengeEditPage.tsx'), 'ChallengeEditPage'),
    ),
    legacy(
      '/challenges/:id/bid',
      lazyPage(() => import('../../challenges/BidEditPage.tsx'), 'BidEditPage'),
    ),
    legacy(
      '/task-books/:id',
      lazyPage(() => import('../../challenges/TaskBookPage.tsx'), 'TaskBookPage'),
    ),
  ],
  menu: [
    {
      group: 'challenges',
      key: 'challenges',
      label: `${NS}:menu.list`,
      path: '/challenges',
      roles: 'anyone',
    },
    {
      group: 'challenges',
      key: 'myChallenges',
      label: `${NS}:menu.mine`,
      path: '/challenges/mine',
      roles: ['proposer', 'organizer'],
      order: 110,
    },
    {
      group: 'challenges',
      key: 'myBids',
      label: `${NS}:menu.myBids`,
      path: '/bids/mine',
      roles: ['solver'],
      order: 120,
    },
    {
      group: 'challenges',
      key: 'taskBooks',
      label: `${NS}:menu.taskBooks`,
      path: '/task-books',
      roles: ['proposer', 'organizer', 'solver', 'evaluator'],
      order: 130,
    },
  ],
});

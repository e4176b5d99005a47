// Challenges (揭榜挂帅): list, detail, editing, bids, task books. Older pages for now.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

const p = (path: string, page: ReturnType<typeof lazyPage>) => ({ path, page, legacy: true });

export default defineFeature({
  routes: [
    p(
      '/challenges',
      lazyPage(() => import('../../challenges/ChallengeListPage.tsx'), 'ChallengeListPage'),
    ),
    p(
      '/challenges/new',
      lazyPage(() => import('../../challenges/ChallengeEditPage.tsx'), 'ChallengeEditPage'),
    ),
    p(
      '/challenges/mine',
      lazyPage(() => import('../../challenges/MyChallengesPage.tsx'), 'MyChallengesPage'),
    ),
    p(
      '/challenges/:id',
      lazyPage(() => import('../../challenges/ChallengeDetailPage.tsx'), 'ChallengeDetailPage'),
    ),
    p(
      '/challenges/:id/edit',
      lazyPage(() => import('../../challenges/ChallengeEditPage.tsx'), 'ChallengeEditPage'),
    ),
    p(
      '/challenges/:id/bid',
      lazyPage(() => import('../../challenges/BidEditPage.tsx'), 'BidEditPage'),
    ),
    p(
      '/bids/mine',
      lazyPage(() => import('../../challenges/MyBidsPage.tsx'), 'MyBidsPage'),
    ),
    p(
      '/bids/:id',
      lazyPage(() => import('../../challenges/BidPage.tsx'), 'BidPage'),
    ),
    p(
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
  ],
});

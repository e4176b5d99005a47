// Expert evaluation: review queue, review items, rankings, expert pool, review rounds and
// their assignment. The queue and the rounds list are on the new layer; the rest are older pages.
import { defineFeature, lazyPage } from '../../lib/feature.tsx';
import { NS } from './i18n.ts';

const p = (path: string, page: ReturnType<typeof lazyPage>) => ({ path, page, legacy: true });
const rounds = () => import('../../evaluation/RoundEditorPage.tsx');
const organisers = ['organizer', 'admin'] as const;

export default defineFeature({
  routes: [
    { path: '/reviews', page: lazyPage(() => import('./pages/ReviewQueuePage.tsx'), 'ReviewQueuePage') },
    p(
      '/reviews/:roundId/:bidId',
      lazyPage(() => import('../../evaluation/ReviewItemPage.tsx'), 'ReviewItemPage'),
    ),
    p(
      '/review-rounds/:roundId/ranking',
      lazyPage(() => import('../../evaluation/RankingPage.tsx'), 'RankingPage'),
    ),
    p(
      '/evaluation/experts',
      lazyPage(() => import('../../evaluation/ExpertPoolPage.tsx'), 'ExpertPoolPage'),
    ),
    {
      path: '/evaluation/rounds',
      page: lazyPage(() => import('./pages/RoundListPage.tsx'), 'RoundListPage'),
    },
    p('/evaluation/rounds/new', lazyPage(rounds, 'RoundEditorPage')),
    p('/evaluation/rounds/:roundId/edit', lazyPage(rounds, 'RoundEditorPage')),
    p(
      '/evaluation/rounds/:roundId/assignment',
      lazyPage(() => import('../../evaluation/AssignmentPage.tsx'), 'AssignmentPage'),
    ),
  ],
  menu: [
    {
      group: 'evaluation',
      key: 'reviews',
      label: `${NS}:menu.reviews`,
      path: '/reviews',
      roles: ['evaluator', 'solver', 'organizer', 'admin'],
      order: 10,
    },
    {
      group: 'evaluation',
      key: 'rounds',
      label: `${NS}:menu.rounds`,
      path: '/evaluation/rounds',
      roles: organisers,
      order: 20,
    },
    {
      group: 'evaluation',
      key: 'experts',
      label: `${NS}:menu.experts`,
      path: '/evaluation/experts',
      roles: organisers,
      order: 30,
    },
  ],
});

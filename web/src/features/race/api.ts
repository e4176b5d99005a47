// Horse races' calls: the paged race list through the typed client.
import { client, ok } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

export type RaceState = 'setup' | 'running' | 'finished' | 'ended_early';
export const RACE_STATES: readonly RaceState[] = ['setup', 'running', 'finished', 'ended_early'];

/** One page of races, newest first unless sorted by award. */
export const fetchRaces = (q: PageRequest, state?: RaceState) =>
  ok(
    client.GET('/api/races', {
      params: {
        query: {
          page: q.page,
          pageSize: q.pageSize,
          ...(q.sort === 'award' || q.sort === 'createdAt' ? { sort: q.sort } : {}),
          ...(q.order ? { order: q.order } : {}),
          ...(state ? { state } : {}),
        },
      },
    }),
  );

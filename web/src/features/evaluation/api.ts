// Expert evaluation's calls: the expert's queue, the applicant's items and the organizer's rounds,
// each a page from the server (src/http/paging.ts) through the typed client.
import { useQuery } from '@tanstack/react-query';
import { client, ok } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

export type QueueStatus = 'open' | 'submitted';
export type RoundState = 'draft' | 'assigning' | 'reviewing' | 'consensus' | 'ranked' | 'closed';

export const ROUND_STATES: readonly RoundState[] = [
  'draft',
  'assigning',
  'reviewing',
  'consensus',
  'ranked',
  'closed',
];

/** One page of my review assignments, soonest due first. */
export const fetchQueue = (q: PageRequest, status?: QueueStatus) =>
  ok(
    client.GET('/api/reviews/queue', {
      params: {
        query: { page: q.page, pageSize: q.pageSize, order: q.order ?? 'asc', ...(status ? { status } : {}) },
      },
    }),
  );

/** Review items of the bids I lead or belong to. */
export const useApplicantItems = () =>
  useQuery({
    queryKey: ['reviews', 'applicant-items'],
    queryFn: () => ok(client.GET('/api/reviews/applicant-items')),
  });

/** One page of the rounds I organise. */
export const fetchRounds = (q: PageRequest, f: { search?: string; state?: RoundState }) =>
  ok(
    client.GET('/api/review-rounds', {
      params: {
        query: {
          page: q.page,
          pageSize: q.pageSize,
          ...(q.sort === 'dueAt' || q.sort === 'createdAt' ? { sort: q.sort } : {}),
          ...(q.order ? { order: q.order } : {}),
          ...(f.search ? { q: f.search } : {}),
          ...(f.state ? { state: f.state } : {}),
        },
      },
    }),
  );

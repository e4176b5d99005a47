// TanStack Query hooks of the challenges area over the typed client: lists page on the server,
// a bid's actions invalidate the bid and the lists it appears in.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type paths } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

/** The JSON body of a route's 200 answer. */
type Answer<P extends keyof paths, M extends 'get' | 'post' | 'put'> = paths[P][M] extends {
  responses: { 200: { content: { 'application/json': infer B } } };
}
  ? B
  : never;
export type ChallengeRow = Answer<'/api/challenges', 'get'>['items'][number];
export type MyBidRow = Answer<'/api/bids/mine', 'get'>['items'][number];
export type TaskBookRow = Answer<'/api/task-books', 'get'>['items'][number];
export type BidView = Answer<'/api/bids/{id}', 'get'>;

type Query<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } }
  ? NonNullable<Q>
  : never;
export type PublicChallengeFilter = Omit<Query<'/api/challenges'>, keyof PageRequest>;
export type MyChallengesFilter = Omit<Query<'/api/challenges/mine'>, keyof PageRequest>;
export type TaskBookFilter = Omit<Query<'/api/task-books'>, keyof PageRequest>;

/** The page request as the server's query (the column's key is the server's sort name). */
const paging = <S extends string>(q: PageRequest) => ({
  page: q.page,
  pageSize: q.pageSize,
  ...(q.sort ? { sort: q.sort as S, order: q.order } : {}),
});

export const fetchPublicChallenges = (filter: PublicChallengeFilter) => (q: PageRequest) =>
  ok(
    client.GET('/api/challenges', {
      params: { query: { ...filter, ...paging<NonNullable<Query<'/api/challenges'>['sort']>>(q) } },
    }),
  );

export const fetchMyChallenges = (filter: MyChallengesFilter) => (q: PageRequest) =>
  ok(
    client.GET('/api/challenges/mine', {
      params: { query: { ...filter, ...paging<NonNullable<Query<'/api/challenges/mine'>['sort']>>(q) } },
    }),
  );

export const fetchMyBids = (q: PageRequest) =>
  ok(
    client.GET('/api/bids/mine', {
      params: { query: paging<NonNullable<Query<'/api/bids/mine'>['sort']>>(q) },
    }),
  );

export const fetchTaskBooks = (filter: TaskBookFilter) => (q: PageRequest) =>
  ok(
    client.GET('/api/task-books', {
      params: { query: { ...filter, ...paging<NonNullable<Query<'/api/task-books'>['sort']>>(q) } },
    }),
  );

export function useBid(id: string) {
  return useQuery({
    queryKey: ['bid', id],
    queryFn: () => ok(client.GET('/api/bids/{id}', { params: { path: { id } } })),
  });
}

export type BidAction =
  | 'confirm'
  | 'signCommander'
  | 'signHost'
  | 'submit'
  | 'withdraw'
  | 'select'
  | 'deselect';

/** One of the bid page's actions; the answer is the bid as it now is. */
export function useBidAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: { action: BidAction; pledgeVersion?: number }) => {
      const path = { params: { path: { id } } };
      switch (a.action) {
        case 'confirm':
          return ok(client.POST('/api/bids/{id}/confirm', path));
        case 'signCommander':
        case 'signHost':
          return ok(
            client.POST('/api/bids/{id}/sign', {
              ...path,
              body: { as: a.action === 'signHost' ? 'host' : 'commander', pledgeVersion: a.pledgeVersion },
            }),
          );
        default:
          return ok(
            client.POST('/api/bids/{id}/actions/{action}', { params: { path: { id, action: a.action } } }),
          );
      }
    },
    onSuccess: (bid) => {
      qc.setQueryData(['bid', id], bid);
      qc.invalidateQueries({ queryKey: ['bids'] });
      qc.invalidateQueries({ queryKey: ['me', 'tasks'] });
    },
  });
}

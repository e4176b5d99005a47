// Horse races' calls over the typed client: the paged list, one race's board and every action on it,
// and what declaring a race and submitting a team's evidence need (challenges, bids, task books).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, type JsonBody, ok } from '../../api/client.ts';
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

export type RaceBody = JsonBody<'/api/races', 'post'>;

const boardKey = (id: string) => ['race', id] as const;

export const useRaceBoard = (id: string) =>
  useQuery({
    queryKey: boardKey(id),
    queryFn: () => ok(client.GET('/api/races/{id}', { params: { path: { id } } })),
  });
export type RaceBoard = NonNullable<ReturnType<typeof useRaceBoard>['data']>;
export type Team = RaceBoard['teams'][number];
export type Gate = RaceBoard['gates'][number];
export type Stage = RaceBoard['stages'][number];
export type StageTarget = Stage['targets'][number];

export const useCreateRace = () =>
  useMutation({ mutationFn: (body: RaceBody) => ok(client.POST('/api/races', { body })) });

const useWrite = <V>(refresh: () => Promise<unknown>, fn: (v: V) => Promise<unknown>) =>
  useMutation({ mutationFn: fn, onSuccess: refresh });

/** Every write on one race; each refreshes the board (and the race list). */
export function useRaceWrites(id: string) {
  const qc = useQueryClient();
  const refresh = () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: boardKey(id) }),
      qc.invalidateQueries({ queryKey: ['races'] }),
    ]);
  const race = { path: { id } };
  return {
    invite: useWrite(refresh, (bidId: string) =>
      ok(client.POST('/api/races/{id}/invite', { params: race, body: { bidId } })),
    ),
    start: useWrite(refresh, () => ok(client.POST('/api/races/{id}/start', { params: race, body: {} }))),
    evaluate: useWrite(
      refresh,
      (v: {
        stageNo: number;
        teamId: string;
        body: JsonBody<'/api/races/{id}/stages/{no}/evaluations/{teamId}', 'put'>;
      }) =>
        ok(
          client.PUT('/api/races/{id}/stages/{no}/evaluations/{teamId}', {
            params: { path: { id, no: v.stageNo, teamId: v.teamId } },
            body: v.body,
          }),
        ),
    ),
    propose: useWrite(refresh, (no: number) =>
      ok(client.POST('/api/races/{id}/stages/{no}/gate', { params: { path: { id, no } }, body: {} })),
    ),
    withdrawGate: useWrite(refresh, (v: { gateId: string; reason: string }) =>
      ok(
        client.POST('/api/races/{id}/gates/{gateId}/withdraw', {
          params: { path: { id, gateId: v.gateId } },
          body: { reason: v.reason },
        }),
      ),
    ),
    finalize: useWrite(refresh, (gateId: string) =>
      ok(
        client.POST('/api/races/{id}/gates/{gateId}/finalize', {
          params: { path: { id, gateId } },
          body: {},
        }),
      ),
    ),
    object: useWrite(refresh, (v: { gateId: string; text: string }) =>
      ok(
        client.POST('/api/races/{id}/gates/{gateId}/objections', {
          params: { path: { id, gateId: v.gateId } },
          body: { text: v.text },
        }),
      ),
    ),
    resolve: useWrite(
      refresh,
      (v: { objectionId: string; body: JsonBody<'/api/race-objections/{id}/resolve', 'post'> }) =>
        ok(
          client.POST('/api/race-objections/{id}/resolve', {
            params: { path: { id: v.objectionId } },
            body: v.body,
          }),
        ),
    ),
    withdrawTeam: useWrite(refresh, (v: { teamId: string; reason: string }) =>
      ok(
        client.POST('/api/races/{id}/teams/{teamId}/withdraw', {
          params: { path: { id, teamId: v.teamId } },
          body: { reason: v.reason },
        }),
      ),
    ),
    merge: useWrite(refresh, (body: JsonBody<'/api/races/{id}/merge', 'post'>) =>
      ok(client.POST('/api/races/{id}/merge', { params: race, body })),
    ),
    end: useWrite(refresh, (reason: string) =>
      ok(client.POST('/api/races/{id}/end', { params: race, body: { reason } })),
    ),
    evidence: useWrite(
      refresh,
      (v: {
        stageNo: number;
        teamId: string;
        body: JsonBody<'/api/races/{id}/stages/{no}/evidence/{teamId}', 'put'>;
      }) =>
        ok(
          client.PUT('/api/races/{id}/stages/{no}/evidence/{teamId}', {
            params: { path: { id, no: v.stageNo, teamId: v.teamId } },
            body: v.body,
          }),
        ),
    ),
  };
}

/** Awarded race-mode challenges of my organisation found by title: what a race can be declared on. */
export const findRaceChallenges = (q: string) =>
  ok(
    client.GET('/api/challenges/mine', {
      params: { query: { state: 'awarded', pageSize: 50, ...(q ? { q } : {}) } },
    }),
  ).then((p) => p.items.filter((c) => c.mode === 'race'));

/** One challenge (its targets and task books). */
export const useChallenge = (id: string | undefined) =>
  useQuery({
    queryKey: ['challenge', id],
    enabled: !!id,
    queryFn: () => ok(client.GET('/api/challenges/{id}', { params: { path: { id: id! } } })),
  });

/** The challenge's bids a race may still invite (submitted, not selected or awarded). */
export const useInvitableBids = (challengeId: string) =>
  useQuery({
    queryKey: ['race', 'bids', challengeId],
    queryFn: () =>
      ok(
        client.GET('/api/challenges/{id}/bids', {
          params: { path: { id: challengeId }, query: { pageSize: 100 } },
        }),
      ).then((p) => p.items.filter((b) => ['submitted', 'not_selected', 'awarded'].includes(b.state))),
  });

/** A team's task book (found through its challenge) with the files attached to it. */
export const useTeamTaskBook = (challengeId: string, bidId: string) =>
  useQuery({
    queryKey: ['race', 'task-book', challengeId, bidId],
    queryFn: async () => {
      const c = await ok(client.GET('/api/challenges/{id}', { params: { path: { id: challengeId } } }));
      const tb = c.taskBooks.find((x) => x.bidId === bidId);
      return tb ? ok(client.GET('/api/task-books/{id}', { params: { path: { id: tb.id } } })) : null;
    },
  });

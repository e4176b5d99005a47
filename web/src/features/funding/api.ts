// Funding over the typed client: funds, awards, a call's rules, and the pickers that find a call
// or a fundable task book by name.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type paths } from '../../api/client.ts';

type Body<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

export type FundBody = Body<'/api/funding/funds', 'post'>;
export type AwardBody = Body<'/api/funding/awards', 'post'>;
export type RulesBody = Body<'/api/funding/calls/{challengeId}/rules', 'put'>;

export const useFunds = () =>
  useQuery({ queryKey: ['funding', 'funds'], queryFn: () => ok(client.GET('/api/funding/funds')) });
export type FundRow = NonNullable<ReturnType<typeof useFunds>['data']>[number];

export const useAwards = () =>
  useQuery({ queryKey: ['funding', 'awards'], queryFn: () => ok(client.GET('/api/funding/awards')) });
export type AwardRow = NonNullable<ReturnType<typeof useAwards>['data']>[number];

export const useRules = (challengeId: string | undefined) =>
  useQuery({
    queryKey: ['funding', 'rules', challengeId],
    enabled: !!challengeId,
    queryFn: () =>
      ok(
        client.GET('/api/funding/calls/{challengeId}/rules', {
          params: { path: { challengeId: challengeId! } },
        }),
      ),
  });
export type RulesView = NonNullable<ReturnType<typeof useRules>['data']>;

export function useFundingWrites() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['funding'] });
  return {
    createFund: useMutation({
      mutationFn: (body: FundBody) => ok(client.POST('/api/funding/funds', { body })),
      onSuccess: refresh,
    }),
    saveRules: useMutation({
      mutationFn: ({ challengeId, body }: { challengeId: string; body: RulesBody }) =>
        ok(client.PUT('/api/funding/calls/{challengeId}/rules', { params: { path: { challengeId } }, body })),
      onSuccess: refresh,
    }),
    commitAward: useMutation({
      mutationFn: (body: AwardBody) => ok(client.POST('/api/funding/awards', { body })),
      onSuccess: refresh,
    }),
  };
}

/** Calls of my organisation found by title, for the rules picker. */
export const findMyCalls = (q: string) =>
  ok(client.GET('/api/challenges/mine', { params: { query: { pageSize: 20, ...(q ? { q } : {}) } } })).then(
    (p) => p.items,
  );

/** Task books I organize that may still be funded, found by their challenge's title. */
export const findFundableTaskBooks = (q: string) =>
  ok(
    client.GET('/api/task-books', {
      params: { query: { fundable: 'true', pageSize: 20, ...(q ? { q } : {}) } },
    }),
  ).then((p) => p.items);

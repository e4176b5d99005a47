// Achievement transformation over the typed client: catalogue, demands, matches, deals, notices.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, type JsonBody, ok } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

export type AchievementBody = JsonBody<'/api/transfer/achievements', 'post'>;
export type DemandBody = JsonBody<'/api/transfer/demands', 'post'>;
export type TermsBody = JsonBody<'/api/transfer/deals/{id}/terms', 'post'>;

export const fetchAchievements = (f: { q?: string; mine?: boolean }) => (q: PageRequest) =>
  ok(
    client.GET('/api/transfer/achievements', {
      params: {
        query: {
          page: q.page,
          pageSize: q.pageSize,
          ...(f.q ? { q: f.q } : {}),
          ...(f.mine ? { mine: 'true' as const } : {}),
        },
      },
    }),
  );
export type AchievementRow = Awaited<ReturnType<ReturnType<typeof fetchAchievements>>>['items'][number];

export const fetchDemands = (f: { q?: string; mine?: boolean }) => (q: PageRequest) =>
  ok(
    client.GET('/api/transfer/demands', {
      params: {
        query: {
          page: q.page,
          pageSize: q.pageSize,
          ...(f.q ? { q: f.q } : {}),
          ...(f.mine ? { mine: 'true' as const } : {}),
        },
      },
    }),
  );
export type DemandRow = Awaited<ReturnType<ReturnType<typeof fetchDemands>>>['items'][number];

const path = (id: string) => ({ params: { path: { id } } });

export const useAchievement = (id: string) =>
  useQuery({
    queryKey: ['transfer', 'achievement', id],
    queryFn: () => ok(client.GET('/api/transfer/achievements/{id}', path(id))),
  });
export const useAchievementMatches = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['transfer', 'achievement', id, 'matches'],
    enabled,
    queryFn: () => ok(client.GET('/api/transfer/achievements/{id}/matches', path(id))),
  });
export const useDemand = (id: string) =>
  useQuery({
    queryKey: ['transfer', 'demand', id],
    queryFn: () => ok(client.GET('/api/transfer/demands/{id}', path(id))),
  });
export const useDemandMatches = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['transfer', 'demand', id, 'matches'],
    enabled,
    queryFn: () => ok(client.GET('/api/transfer/demands/{id}/matches', path(id))),
  });
/** What both match lists share: the other side's name and organisation, the fit, the words and codes. */
export type Explained = Pick<
  NonNullable<ReturnType<typeof useDemandMatches>['data']>[number],
  'id' | 'score' | 'words' | 'codes' | 'title' | 'org'
>;

export const useDeals = () =>
  useQuery({ queryKey: ['transfer', 'deals'], queryFn: () => ok(client.GET('/api/transfer/deals')) });
export const useDeal = (id: string) =>
  useQuery({
    queryKey: ['transfer', 'deal', id],
    queryFn: () => ok(client.GET('/api/transfer/deals/{id}', path(id))),
  });
export type Deal = NonNullable<ReturnType<typeof useDeal>['data']>;
export const useNotices = () =>
  useQuery({ queryKey: ['transfer', 'notices'], queryFn: () => ok(client.GET('/api/transfer/notices')) });

export const createAchievement = (body: AchievementBody) =>
  ok(client.POST('/api/transfer/achievements', { body }));
export const createDemand = (body: DemandBody) => ok(client.POST('/api/transfer/demands', { body }));

/** Every change refreshes what the transfer pages show. */
function useTransferMutation<A, R>(fn: (a: A) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: ['transfer'] }) });
}

export const useAchievementAction = (id: string) =>
  useTransferMutation((action: 'list' | 'withdraw') =>
    ok(client.POST('/api/transfer/achievements/{id}/actions/{action}', { params: { path: { id, action } } })),
  );
export const useInterest = (id: string) =>
  useTransferMutation((body: { buyerOrgId: string; demandId?: string | null; message: string }) =>
    ok(client.POST('/api/transfer/achievements/{id}/interest', { ...path(id), body })),
  );
export const useDemandClose = (id: string) =>
  useTransferMutation(() => ok(client.POST('/api/transfer/demands/{id}/close', path(id))));
/** An accepted challenge deliverable as an achievement to list, pre-filled (none without an id). */
export const useTaskBookListing = (taskBookId: string | null) =>
  useQuery({
    queryKey: ['transfer', 'task-book-listing', taskBookId],
    enabled: !!taskBookId,
    retry: false,
    queryFn: () => ok(client.GET('/api/transfer/task-books/{id}/listing', path(taskBookId ?? ''))),
  });
export const useDemandPromote = (id: string) =>
  useTransferMutation((organiserOrgId: string) =>
    ok(client.POST('/api/transfer/demands/{id}/promote', { ...path(id), body: { organiserOrgId } })),
  );
/** Vetting agencies (organisations of kind agency), for a promoted demand's challenge. */
export const useAgencies = (enabled: boolean) =>
  useQuery({
    queryKey: ['organisations', 'agencies'],
    enabled,
    queryFn: async () => (await ok(client.GET('/api/organisations'))).filter((o) => o.kind === 'agency'),
  });
export const useDemandAlert = (id: string) =>
  useTransferMutation((on: boolean) =>
    ok(client.PUT('/api/transfer/demands/{id}/alert', { ...path(id), body: { on } })),
  );

export function useDealActions(id: string) {
  return {
    message: useTransferMutation((body: string) =>
      ok(client.POST('/api/transfer/deals/{id}/messages', { ...path(id), body: { body } })),
    ),
    terms: useTransferMutation((body: TermsBody) =>
      ok(client.POST('/api/transfer/deals/{id}/terms', { ...path(id), body })),
    ),
    accept: useTransferMutation(() => ok(client.POST('/api/transfer/deals/{id}/accept', path(id)))),
    sign: useTransferMutation(() => ok(client.POST('/api/transfer/deals/{id}/sign', path(id)))),
    cancel: useTransferMutation((reason: string) =>
      ok(client.POST('/api/transfer/deals/{id}/cancel', { ...path(id), body: { reason } })),
    ),
    register: useTransferMutation(() =>
      ok(client.POST('/api/transfer/deals/{id}/register', { ...path(id), body: {} })),
    ),
    pay: useTransferMutation((body: { amountFen: number; receivedOn: string }) =>
      ok(client.POST('/api/transfer/deals/{id}/payments', { ...path(id), body })),
    ),
    distribute: useTransferMutation(
      (body: { costsFen: number; unitRuleBp: number | null; unitRuleText: string }) =>
        ok(client.POST('/api/transfer/deals/{id}/distributions', { ...path(id), body })),
    ),
    resolve: useTransferMutation(
      (a: { objectionId: string; decision: 'upheld' | 'dismissed'; resolution: string }) =>
        ok(
          client.POST('/api/transfer/objections/{id}/resolve', {
            params: { path: { id: a.objectionId } },
            body: { decision: a.decision, resolution: a.resolution },
          }),
        ),
    ),
  };
}

export const useObject = () =>
  useTransferMutation((a: { dealId: string; text: string }) =>
    ok(
      client.POST('/api/transfer/deals/{id}/objections', {
        params: { path: { id: a.dealId } },
        body: { text: a.text },
      }),
    ),
  );

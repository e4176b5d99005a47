// TanStack Query hooks over the typed client for the inbox, preferences, outbox and job queues.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type paths } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

export type Kind = NonNullable<paths['/api/notifications']['get']['parameters']['query']>['kind'];
type PrefsBody = NonNullable<
  paths['/api/notifications/preferences']['put']['requestBody']
>['content']['application/json'];
export type OutboxState = NonNullable<paths['/api/admin/outbox']['get']['parameters']['query']>['state'];

export const inboxPage = (q: PageRequest, kind?: Kind, unread?: boolean) =>
  ok(
    client.GET('/api/notifications', {
      params: { query: { page: q.page, pageSize: q.pageSize, kind, unread: unread ? 'true' : undefined } },
    }),
  );

/** After any change to what is read: the list and the header's bell. */
function useRefreshInbox() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['notifications'] });
}

export function useMarkRead() {
  const refresh = useRefreshInbox();
  return useMutation({
    mutationFn: (id: string) => ok(client.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useMarkAllRead() {
  const refresh = useRefreshInbox();
  return useMutation({
    mutationFn: (kind?: Kind) => ok(client.POST('/api/notifications/read-all', { body: { kind } })),
    onSuccess: refresh,
  });
}

export const usePreferences = () =>
  useQuery({
    queryKey: ['notifications', 'preferences'],
    queryFn: () => ok(client.GET('/api/notifications/preferences')),
  });

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (items: PrefsBody['items']) =>
      ok(client.PUT('/api/notifications/preferences', { body: { items } })),
    onSuccess: (data) => qc.setQueryData(['notifications', 'preferences'], data),
  });
}

export const outboxPage = (q: PageRequest, state?: OutboxState) =>
  ok(client.GET('/api/admin/outbox', { params: { query: { page: q.page, pageSize: q.pageSize, state } } }));

export const useOutboxMessage = (id: string | null) =>
  useQuery({
    queryKey: ['notifications', 'outbox', id],
    queryFn: () => ok(client.GET('/api/admin/outbox/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
  });

export const useJobs = () =>
  useQuery({ queryKey: ['jobs'], queryFn: () => ok(client.GET('/api/admin/jobs')), refetchInterval: 10_000 });

export function useRetryJob() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (j: { queue: string; id: string }) =>
      ok(client.POST('/api/admin/jobs/{queue}/{id}/retry', { params: { path: j } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['jobs'] }),
  });
}

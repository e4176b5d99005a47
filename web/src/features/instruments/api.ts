// TanStack Query hooks of shared instruments over the typed client. A booking's actions answer the
// booking as it now is, which replaces the cached one; lists it appears in are refreshed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type paths } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

export const useInstrument = (id: string) =>
  useQuery({
    queryKey: ['instrument', id],
    queryFn: () => ok(client.GET('/api/instruments/{id}', { params: { path: { id } } })),
  });

export const useOpenness = (id: string, year: number) =>
  useQuery({
    queryKey: ['instrument', id, 'openness', year],
    queryFn: () =>
      ok(client.GET('/api/instruments/{id}/openness', { params: { path: { id }, query: { year } } })),
  });

export const useBooking = (id: string) =>
  useQuery({
    queryKey: ['instrument-booking', id],
    queryFn: () => ok(client.GET('/api/instruments/bookings/{id}', { params: { path: { id } } })),
  });

export const useManaged = () =>
  useQuery({
    queryKey: ['instruments', 'managed'],
    queryFn: () => ok(client.GET('/api/instruments/managed')),
  });

export const useCalendar = (id: string, from: string, to: string) =>
  useQuery({
    queryKey: ['instrument', id, 'calendar', from, to],
    queryFn: () =>
      ok(client.GET('/api/instruments/{id}/calendar', { params: { path: { id }, query: { from, to } } })),
  });

export const fetchMyBookings = (q: PageRequest) =>
  ok(client.GET('/api/instruments/bookings', { params: { query: { page: q.page, pageSize: q.pageSize } } }));

export function useBook(instrumentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { start: string; end: string; purpose: string }) =>
      ok(client.POST('/api/instruments/{id}/bookings', { params: { path: { id: instrumentId } }, body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['instrument', instrumentId] }),
  });
}

type Act =
  | { action: 'approve' | 'reject' | 'cancel'; reason?: string }
  | { action: 'use'; start: string; end: string; machineHours: string; samples: number }
  | { action: 'rating'; score: number; comment: string };

export function useBookingAction(id: string) {
  const qc = useQueryClient();
  const path = { params: { path: { id } } };
  return useMutation({
    mutationFn: (a: Act) => {
      switch (a.action) {
        case 'approve':
          return ok(client.POST('/api/instruments/bookings/{id}/approve', { ...path, body: { reason: '' } }));
        case 'reject':
          return ok(
            client.POST('/api/instruments/bookings/{id}/reject', {
              ...path,
              body: { reason: a.reason ?? '' },
            }),
          );
        case 'cancel':
          return ok(
            client.POST('/api/instruments/bookings/{id}/cancel', {
              ...path,
              body: { reason: a.reason ?? '' },
            }),
          );
        case 'use': {
          const { action: _, ...body } = a;
          return ok(client.POST('/api/instruments/bookings/{id}/use', { ...path, body }));
        }
        default: {
          const { action: _, ...body } = a;
          return ok(client.POST('/api/instruments/bookings/{id}/rating', { ...path, body }));
        }
      }
    },
    onSuccess: (b) => {
      qc.setQueryData(['instrument-booking', id], b);
      qc.invalidateQueries({ queryKey: ['instruments'] });
      qc.invalidateQueries({ queryKey: ['instrument', b.instrument.id] });
    },
  });
}

export { CATEGORIES, type Category } from '../../../../src/shared/instruments/categories.ts';

export type InstrumentBody = paths['/api/instruments']['post']['requestBody']['content']['application/json'];

export const useListingOrgs = () =>
  useQuery({
    queryKey: ['instruments', 'listing-orgs'],
    queryFn: () => ok(client.GET('/api/instruments/listing-orgs')),
  });

export const useManagerCandidates = (orgId: string | undefined) =>
  useQuery({
    queryKey: ['instruments', 'managers', orgId],
    enabled: !!orgId,
    queryFn: () =>
      ok(
        client.GET('/api/organisations/{id}/instrument-managers', {
          params: { path: { id: orgId ?? '' } },
        }),
      ),
  });

/** Lists a new instrument (no id) or changes one. */
export function useSaveInstrument(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InstrumentBody) =>
      id
        ? ok(client.PUT('/api/instruments/{id}', { params: { path: { id } }, body }))
        : ok(client.POST('/api/instruments', { body })),
    onSuccess: (x) => {
      qc.setQueryData(['instrument', x.id], x);
      qc.invalidateQueries({ queryKey: ['instruments'] });
    },
  });
}

export function useAddMaintenance(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { start: string; end: string; reason: string }) =>
      ok(client.POST('/api/instruments/{id}/maintenance', { params: { path: { id } }, body })),
    onSuccess: (x) => {
      qc.setQueryData(['instrument', id], x);
      qc.invalidateQueries({ queryKey: ['instrument', id, 'calendar'] });
    },
  });
}

export const useOpennessTable = (orgId: string | undefined, year: number) =>
  useQuery({
    queryKey: ['instruments', 'openness', orgId, year],
    enabled: !!orgId,
    queryFn: () =>
      ok(
        client.GET('/api/organisations/{id}/instruments/openness', {
          params: { path: { id: orgId ?? '' }, query: { year } },
        }),
      ),
  });

// S&T commissioners' calls through the typed client, wrapped in TanStack Query hooks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok, type paths } from '../../api/client.ts';
import type { PageRequest } from '../../components/ServerTable.tsx';

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;

export type Demand = Get<'/api/commissioner-demands/{id}'>;
export type DemandRow = Get<'/api/commissioner-demands'>['items'][number];
export type CommissionerRow = Get<'/api/commissioners'>['items'][number];
export type Candidate = Get<'/api/commissioner-demands/{id}/candidates'>[number];
export type Proposal = Get<'/api/commissioner-proposal'>;
export type DemandScope = 'mine' | 'agency' | 'assigned';
export type DemandBody =
  paths['/api/commissioner-demands']['post']['requestBody']['content']['application/json'];
export type CommissionerBody =
  paths['/api/commissioners']['post']['requestBody']['content']['application/json'];
export type DispatchBody =
  paths['/api/commissioner-demands/{id}/dispatch']['post']['requestBody']['content']['application/json'];
export type VisitBody =
  paths['/api/commissioner-dispatches/{id}/visits']['post']['requestBody']['content']['application/json'];

export const useAgencies = () =>
  useQuery({
    queryKey: ['commissioners', 'agencies'],
    queryFn: () => ok(client.GET('/api/commissioners/agencies')),
  });

export const useMyCommissioner = () =>
  useQuery({ queryKey: ['commissioners', 'me'], queryFn: () => ok(client.GET('/api/commissioners/me')) });

export const fetchDemands = (q: PageRequest, scope: DemandScope) =>
  ok(
    client.GET('/api/commissioner-demands', {
      params: { query: { page: q.page, pageSize: q.pageSize, scope } },
    }),
  );

export const fetchCommissioners = (q: PageRequest, search?: string) =>
  ok(
    client.GET('/api/commissioners', {
      params: { query: { page: q.page, pageSize: q.pageSize, ...(search ? { q: search } : {}) } },
    }),
  );

export const useDemand = (id: string) =>
  useQuery({
    queryKey: ['commissioners', 'demand', id],
    queryFn: () => ok(client.GET('/api/commissioner-demands/{id}', { params: { path: { id } } })),
  });

export const useCandidates = (id: string, enabled: boolean) =>
  useQuery({
    queryKey: ['commissioners', 'candidates', id],
    queryFn: () => ok(client.GET('/api/commissioner-demands/{id}/candidates', { params: { path: { id } } })),
    enabled,
  });

export const useProposal = (agencyId: string | undefined) =>
  useQuery({
    queryKey: ['commissioners', 'proposal', agencyId],
    queryFn: () =>
      ok(client.GET('/api/commissioner-proposal', { params: { query: { agencyId: agencyId! } } })),
    enabled: !!agencyId,
  });

/** Every mutation refreshes what the commissioners' pages read. */
function useRefresh() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['commissioners'] });
}

export function usePostDemand() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: DemandBody) => ok(client.POST('/api/commissioner-demands', { body })),
    onSuccess: refresh,
  });
}

export function useRegister() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CommissionerBody) => ok(client.POST('/api/commissioners', { body })),
    onSuccess: refresh,
  });
}

export function useDispatch() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ demandId, ...body }: DispatchBody & { demandId: string }) =>
      ok(
        client.POST('/api/commissioner-demands/{id}/dispatch', { params: { path: { id: demandId } }, body }),
      ),
    onSuccess: refresh,
  });
}

/** The demand page's actions. */
export function useDemandActions(demandId: string) {
  const refresh = useRefresh();
  const path = (id: string) => ({ params: { path: { id } } });
  const opts = { onSuccess: refresh };
  return {
    accept: useMutation({
      mutationFn: (dispatchId: string) =>
        ok(client.POST('/api/commissioner-dispatches/{id}/accept', path(dispatchId))),
      ...opts,
    }),
    decline: useMutation({
      mutationFn: (a: { dispatchId: string; reason: string }) =>
        ok(
          client.POST('/api/commissioner-dispatches/{id}/decline', {
            ...path(a.dispatchId),
            body: { reason: a.reason },
          }),
        ),
      ...opts,
    }),
    resolve: useMutation({
      mutationFn: () => ok(client.POST('/api/commissioner-demands/{id}/resolve', path(demandId))),
      ...opts,
    }),
    withdraw: useMutation({
      mutationFn: () => ok(client.POST('/api/commissioner-demands/{id}/withdraw', path(demandId))),
      ...opts,
    }),
    logVisit: useMutation({
      mutationFn: async (a: VisitBody & { dispatchId: string; photo?: File }) => {
        const { dispatchId, photo, ...body } = a;
        const v = await ok(
          client.POST('/api/commissioner-dispatches/{id}/visits', { ...path(dispatchId), body }),
        );
        if (photo) await uploadPhoto(v.id, photo);
        return v;
      },
      ...opts,
    }),
    addPhoto: useMutation({
      mutationFn: (a: { visitId: string; photo: File }) => uploadPhoto(a.visitId, a.photo),
      ...opts,
    }),
    confirm: useMutation({
      mutationFn: (a: { visitId: string; rating: number; comment: string }) =>
        ok(
          client.POST('/api/commissioner-visits/{id}/confirm', {
            ...path(a.visitId),
            body: { rating: a.rating, comment: a.comment },
          }),
        ),
      ...opts,
    }),
  };
}

/** A photo goes up as its raw bytes; the server judges the type by them. */
const uploadPhoto = (visitId: string, photo: File) =>
  ok(
    client.POST('/api/commissioner-visits/{id}/photos', {
      params: { path: { id: visitId }, query: { name: photo.name } },
      body: photo as never,
      bodySerializer: (b: unknown) => b as BodyInit,
      headers: { 'content-type': photo.type || 'application/octet-stream' },
    }),
  );

export const photoUrl = (id: string) => `/api/commissioner-photos/${id}`;

/** The registry import: a CSV/XLSX file as its raw bytes; the answer carries the per-row report. */
export function useImport() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (a: { agencyId: string; file: File; skipBadRows: boolean }) =>
      ok(
        client.POST('/api/commissioners/import', {
          params: { query: { agencyId: a.agencyId, skipBadRows: a.skipBadRows ? 'true' : 'false' } },
          body: a.file as never,
          bodySerializer: (b: unknown) => b as BodyInit,
          headers: { 'content-type': a.file.name.endsWith('.xlsx') ? XLSX : 'text/csv' },
        }),
      ) as Promise<ImportReport>,
    onSuccess: refresh,
  });
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export interface ImportReport {
  ok: boolean;
  created: number;
  skipped: number;
  errors: { row: number; field: string; reason: string }[];
}

export type Assessment = Get<'/api/commissioner-assessments'>;
export type AssessmentBody =
  paths['/api/commissioner-assessments']['post']['requestBody']['content']['application/json'];

export const useAssessment = (agencyId: string | undefined, year: number) =>
  useQuery({
    queryKey: ['commissioners', 'assessment', agencyId, year],
    queryFn: () =>
      ok(client.GET('/api/commissioner-assessments', { params: { query: { agencyId: agencyId!, year } } })),
    enabled: !!agencyId,
  });

export function useRunAssessment() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: AssessmentBody) => ok(client.POST('/api/commissioner-assessments', { body })),
    onSuccess: refresh,
  });
}

export type Stats = Get<'/api/commissioner-stats'>;
export type StatsLevel = Stats['level'];

export const useStats = (level: StatsLevel, within: string | undefined) =>
  useQuery({
    queryKey: ['commissioners', 'stats', level, within],
    queryFn: () =>
      ok(
        client.GET('/api/commissioner-stats', {
          params: { query: { level, ...(within ? { within } : {}) } },
        }),
      ),
  });

// TanStack Query hooks over the typed client for passwords (reset by e-mail, change) and my sessions.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, ok } from '../../api/client.ts';

export function useRequestReset() {
  return useMutation({
    mutationFn: (email: string) => ok(client.POST('/api/auth/password-reset', { body: { email } })),
  });
}

export function useConfirmReset() {
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      ok(client.POST('/api/auth/password-reset/confirm', { body })),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; password: string }) =>
      ok(client.POST('/api/auth/password', { body })),
  });
}

export function useMySessions() {
  return useQuery({
    queryKey: ['accounts', 'sessions'],
    queryFn: () => ok(client.GET('/api/auth/sessions')),
  });
}

function useRefreshSessions() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['accounts', 'sessions'] });
}

export function useEndSession() {
  const refresh = useRefreshSessions();
  return useMutation({
    mutationFn: (id: string) => ok(client.POST('/api/auth/sessions/{id}/end', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

export function useEndOtherSessions() {
  const refresh = useRefreshSessions();
  return useMutation({
    mutationFn: () => ok(client.POST('/api/auth/sessions/end-others')),
    onSuccess: refresh,
  });
}

// Two-step sign-in (TOTP).
const TOTP_KEY = ['accounts', 'totp'];
function useRefreshTotp() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: TOTP_KEY });
}

export function useTotpStatus() {
  return useQuery({ queryKey: TOTP_KEY, queryFn: () => ok(client.GET('/api/auth/totp')) });
}

export function useStartTotp() {
  return useMutation({ mutationFn: () => ok(client.POST('/api/auth/totp/enrol')) });
}

export function useConfirmTotp() {
  const refresh = useRefreshTotp();
  return useMutation({
    mutationFn: (code: string) => ok(client.POST('/api/auth/totp/confirm', { body: { code } })),
    onSuccess: refresh,
  });
}

export function useDisableTotp() {
  const refresh = useRefreshTotp();
  return useMutation({
    mutationFn: (password: string) => ok(client.POST('/api/auth/totp/disable', { body: { password } })),
    onSuccess: refresh,
  });
}

export function useRenewRecoveryCodes() {
  const refresh = useRefreshTotp();
  return useMutation({
    mutationFn: (password: string) =>
      ok(client.POST('/api/auth/totp/recovery-codes', { body: { password } })),
    onSuccess: refresh,
  });
}

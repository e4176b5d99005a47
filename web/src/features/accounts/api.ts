// TanStack Query hooks over the typed client for passwords (reset by e-mail, change).
import { useMutation } from '@tanstack/react-query';
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

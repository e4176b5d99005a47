// Home page data: my tasks, and whether the platform has an administrator yet.
import { useQuery } from '@tanstack/react-query';
import { client, ok } from '../../api/client.ts';

export const useMyTasks = (enabled: boolean) =>
  useQuery({ queryKey: ['me', 'tasks'], queryFn: () => ok(client.GET('/api/me/tasks')), enabled });

export const useSetup = () =>
  useQuery({ queryKey: ['setup'], queryFn: () => ok(client.GET('/api/setup')), staleTime: 5 * 60_000 });

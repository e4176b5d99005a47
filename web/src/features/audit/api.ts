// The audit trail over the typed client: a page of entries (with names), and the chain check.
import { useQuery } from '@tanstack/react-query';
import { client, ok, type paths } from '../../api/client.ts';

export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type AuditEntry = Awaited<ReturnType<typeof fetchAudit>>['items'][number];

export const fetchAudit = (query: AuditQuery) => ok(client.GET('/api/audit', { params: { query } }));

export const useAuditVerify = () =>
  useQuery({ queryKey: ['audit', 'verify'], queryFn: () => ok(client.GET('/api/audit/verify')) });

// The browser's API client: same-origin fetch with the session cookie, the CSRF header on
// every state-changing request, and errors as {code, message, field}.

export interface ApiErrorBody {
  code: string;
  message: string;
  field?: string;
  /** Structured facts behind the message, for a sentence in the reader's language. */
  details?: { sanction?: { block: 'bid' | 'review' | 'funds'; until: string } };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }
}

let csrfToken = '';

export async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    if (!csrfToken) await api('GET', '/api/auth/session');
    headers['x-csrf-token'] = csrfToken;
  }
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (data && typeof data === 'object' && 'csrfToken' in data) csrfToken = data.csrfToken;
  if (!res.ok) throw new ApiError(res.status, data ?? { code: 'INTERNAL', message: res.statusText });
  return data as T;
}

/** Upload a file as the raw request body (the server decides what it is by its bytes). */
export async function upload<T>(url: string, file: File): Promise<T> {
  if (!csrfToken) await api('GET', '/api/auth/session');
  const res = await fetch(`${url}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream', 'x-csrf-token': csrfToken },
    body: file,
    credentials: 'same-origin',
  });
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  if (!res.ok) throw new ApiError(res.status, data ?? { code: 'INTERNAL', message: res.statusText });
  return data as T;
}

export type Role =
  | 'organizer'
  | 'proposer'
  | 'solver'
  | 'evaluator'
  | 'integrity_officer'
  | 'analyst'
  | 'commissioner'
  | 'admin';

export interface SessionView {
  person: { id: string; email: string; nameZh: string; nameEn: string; locale: string } | null;
  roles: { orgId: string; orgName: string; orgKind: string; role: Role }[];
  csrfToken: string;
}

// The older untyped helper, kept for pages not yet moved to the typed client (api/client.ts):
// same-origin fetch with the session cookie, the same CSRF token and Accept-Language as the
// typed client, and errors as the same ApiError.
import { commonHeaders, errorOf } from './api/client.ts';
import { forgetCsrf, isCsrfRefusal, noteCsrf } from './api/csrf.ts';

export { ApiError, type ApiErrorBody } from './api/client.ts';

export async function api<T>(
  method: string,
  url: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const send = async () => {
    const headers: Record<string, string> = { ...(await commonHeaders(method)), ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  };
  let res = await send();
  if (await isCsrfRefusal(res)) {
    forgetCsrf();
    res = await send();
  }
  if (!res.ok) throw await errorOf(res);
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : null;
  noteCsrf(data);
  return data as T;
}

/** Upload a file as the raw request body (the server decides what it is by its bytes). */
export async function upload<T>(url: string, file: File): Promise<T> {
  const res = await fetch(`${url}?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { ...(await commonHeaders('POST')), 'content-type': file.type || 'application/octet-stream' },
    body: file,
    credentials: 'same-origin',
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as T;
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
  /** Two-step sign-in is on; or a role of mine requires it and it is not yet (then only enrolment works). */
  twoFactor: { enabled: boolean; mustEnrol: boolean };
  csrfToken: string;
}

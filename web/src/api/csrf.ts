// The CSRF token for state-changing requests, shared by the typed client and the older api.ts request
// function. Tokens are bound to the session: every answer that carries one (GET /api/auth/session,
// login, logout) replaces it.
let token = '';

/** Remember the token of an answer body that carries one. */
export function noteCsrf(body: unknown): void {
  if (body && typeof body === 'object' && 'csrfToken' in body && typeof body.csrfToken === 'string')
    token = body.csrfToken;
}

/** The current token, fetched from GET /api/auth/session when none is known yet. */
export async function csrfToken(): Promise<string> {
  if (!token) {
    const res = await fetch('/api/auth/session', { credentials: 'same-origin' });
    if (res.ok) noteCsrf(await res.json());
  }
  return token;
}

/** Forget the token: the next write fetches one for the session as it is now. */
export function forgetCsrf(): void {
  token = '';
}

/**
 * A 403 CSRF answer: the token was bound to a session that has since ended (idle, logged out
 * elsewhere). The request changed nothing; it is sent once more with a token for the current state.
 */
export async function isCsrfRefusal(res: Response): Promise<boolean> {
  if (res.status !== 403 || !res.headers.get('content-type')?.includes('json')) return false;
  const body = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: string } | null;
  return body?.code === 'CSRF';
}

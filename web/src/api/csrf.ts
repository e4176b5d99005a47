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

// The load tool's HTTP client: Node's fetch (undici) with a cookie jar and the CSRF header, as the
// web UI talks to the API; requests are spread over every server instance given.

export interface Reply {
  status: number; // 0: no answer (connection refused or reset, timeout)
  body: unknown;
  ms: number;
  sentAt: number;
  error?: string;
}

let rr = 0;

/** One browser-like session: its own cookies and CSRF token, any instance per request. */
export class Session {
  private cookies = new Map<string, string>();
  csrf = '';
  id = '';

  constructor(
    private readonly bases: string[],
    private readonly timeoutMs = 30_000,
  ) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const base = this.bases[rr++ % this.bases.length];
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    if (body !== undefined) h['content-type'] = 'application/json';
    const sentAt = Date.now();
    const t0 = performance.now();
    try {
      const r = await fetch(base + path, {
        method,
        headers: h,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      for (const c of r.headers.getSetCookie()) {
        const [pair, ...attrs] = c.split(';');
        const i = pair.indexOf('=');
        const name = pair.slice(0, i).trim();
        const value = pair.slice(i + 1).trim();
        if (value === '' || attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a))) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
      const text = await r.text();
      let parsed: unknown = text;
      if ((r.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed)
        this.csrf = String((parsed as { csrfToken: string }).csrfToken);
      return { status: r.status, body: parsed, ms: performance.now() - t0, sentAt } as Reply;
    } catch (err) {
      return {
        status: 0,
        body: null,
        ms: performance.now() - t0,
        sentAt,
        error: (err as Error).message,
      } as Reply;
    }
  }

  /** GET the session view (CSRF token for an anonymous client), then log in. */
  async login(email: string, password: string): Promise<Reply> {
    const s = await this.request('GET', '/api/auth/session');
    if (s.status !== 200) return s;
    return this.request('POST', '/api/auth/login', { email, password });
  }
}

export const ok = (r: Reply) => r.status >= 200 && r.status < 300;
/** Worth retrying with the same idempotency key: no answer, or the server or its database was down. */
export const transient = (r: Reply) => r.status === 0 || r.status >= 500;

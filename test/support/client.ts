// A test HTTP client over fastify.inject: keeps cookies like a browser and sends the CSRF token.
import type { FastifyInstance } from 'fastify';

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export class TestClient {
  cookies = new Map<string, string>();
  csrf = '';
  /** The address requests come from (per-address rate limits); fastify's default when unset. */
  remoteAddress: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(setCookie: unknown) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const c of list as string[]) {
      const [pair, ...attrs] = c.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size) headers.cookie = this.cookieHeader();
    if (opts.csrf !== false && this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const r = await this.app.inject({
      method: method as 'GET',
      url,
      headers,
      payload: body as object | undefined,
      ...(this.remoteAddress ? { remoteAddress: this.remoteAddress } : {}),
    });
    this.keepCookies(r.headers['set-cookie']);
    let parsed: unknown = r.body;
    if (String(r.headers['content-type'] ?? '').includes('json')) parsed = r.json();
    if (parsed && typeof parsed === 'object' && 'csrfToken' in parsed)
      this.csrf = String((parsed as { csrfToken: string }).csrfToken);
    return { status: r.statusCode, body: parsed as T, headers: r.headers };
  }

  get = <T = any>(url: string) => this.request<T>('GET', url);
  post = <T = any>(url: string, body?: unknown) => this.request<T>('POST', url, body ?? {});
  put = <T = any>(url: string, body?: unknown) => this.request<T>('PUT', url, body ?? {});
  patch = <T = any>(url: string, body?: unknown) => this.request<T>('PATCH', url, body ?? {});

  /** Fetch the session view (and with it a CSRF token bound to the current session). */
  session = () => this.get('/api/auth/session');

  async register(email: string, password = 'correct horse battery', nameZh = '测试用户') {
    await this.session();
    return this.post('/api/auth/register', { email, password, nameZh });
  }

  async login(email: string, password = 'correct horse battery') {
    await this.session();
    return this.post('/api/auth/login', { email, password });
  }
}

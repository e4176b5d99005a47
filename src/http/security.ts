// Response headers every page and API answer carries, and the cookie names. Over HTTPS the
// cookies take the `__Host-` prefix (the browser then insists on Secure, Path=/ and no Domain,
// so a sibling subdomain cannot plant or overwrite them) and HSTS is sent.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { t } from '../i18n/messages.ts';

/** The UI is built by Vite into external scripts only; styles may be inline (React, ECharts, print pages). */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const HSTS = 'max-age=31536000; includeSubDomains';

/** The session cookie's name: `__Host-jb_session` over HTTPS, `jb_session` on plain HTTP (development). */
export const sessionCookieName = (https: boolean) => (https ? '__Host-jb_session' : 'jb_session');
/** The CSRF secret cookie's name, prefixed the same way. */
export const csrfCookieName = (https: boolean) => (https ? '__Host-jb_csrf' : 'jb_csrf');

/**
 * The one form of a request path that routing and every hook see: percent-encoded unreserved
 * characters (letters, digits, `-._~`, RFC 3986 §6.2.2.2) decoded, so `/%61pi/auth/login` is
 * `/api/auth/login` for the CSRF check, the session and the cache policy as it already was for
 * the router. Reserved characters (`%2F`, `%3F`…) stay encoded; the query string is untouched.
 */
export function normaliseUrl(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  if (!path.includes('%')) return url;
  const decoded = path.replace(/%([0-9A-Fa-f]{2})/g, (enc, hex: string) => {
    const c = String.fromCharCode(Number.parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(c) ? c : enc;
  });
  return q === -1 ? decoded : decoded + url.slice(q);
}

/** An API request (after normaliseUrl): answered in JSON, behind the session, CSRF and no-store. */
export const isApiUrl = (url: string) => url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** Adds the security headers; a route that set its own (stricter) CSP or cache policy keeps it. */
export function installSecurityHeaders(app: FastifyInstance, opts: { https: boolean }) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'strict-origin-when-cross-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (opts.https) reply.header('strict-transport-security', HSTS);
    // API answers are per viewer (sessions, roles): never stored by browsers or shared caches.
    if (isApiUrl(req.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}

// A NUL character or a lone UTF-16 surrogate cannot be stored: PostgreSQL refuses NUL in text
// and "\ud800" in jsonb, which would surface as a 500 deep inside a transaction.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const unstorable = (s: string) => s.includes('\u0000') || LONE_SURROGATE.test(s);

/** The dotted path of the first string (or key) in `v` that cannot be stored, or null. */
export function findUnstorableText(v: unknown, path: string[] = [], depth = 0): string | null {
  if (typeof v === 'string') return unstorable(v) ? path.join('.') : null;
  if (!v || typeof v !== 'object' || depth > 64 || Buffer.isBuffer(v)) return null;
  for (const [k, x] of Object.entries(v)) {
    if (unstorable(k)) return [...path, '(key)'].join('.');
    const found = findUnstorableText(x, [...path, k], depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** Refuses bodies and query strings carrying text that cannot be stored, naming the field. */
export function installInputHygiene(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const part of [req.body, req.query]) {
      const field = findUnstorableText(part);
      if (field !== null) throw new AppError('VALIDATION', t('http.badCharacters'), field || undefined);
    }
  });
}

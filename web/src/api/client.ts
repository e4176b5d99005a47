// The one typed API client: openapi-fetch over the types generated from the server's OpenAPI
// document (schema.d.ts, `npm run gen:api`). Same-origin cookies, the CSRF header on writes,
// Accept-Language = the UI language, and every non-2xx answer thrown as ApiError.
//
//   import { client, ok } from '../../api/client.ts';
//   const page = await ok(client.GET('/api/challenges', { params: { query: { page: 1 } } }));
//
// Feature code wraps calls in TanStack Query hooks (features/<x>/api.ts).
import createClient, { type Middleware } from 'openapi-fetch';
import i18n from '../lib/i18n.ts';
import { csrfToken, forgetCsrf, isCsrfRefusal, noteCsrf } from './csrf.ts';
import type { components, paths } from './schema.d.ts';

export type { components, paths };
export type Schemas = components['schemas'];

/** The JSON body a route takes: `JsonBody<'/api/funding/awards', 'post'>`. */
export type JsonBody<P extends keyof paths, M extends 'post' | 'put'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;

/** The body of every error answer (src/http/errors.ts), with the message already in the reader's language. */
export interface ApiErrorBody {
  code: string;
  message: string;
  /** The message key and its parameters, for clients that render their own text. */
  key?: string;
  params?: Record<string, unknown>;
  /** The offending input as a dotted path, e.g. `targets.0.value`. */
  field?: string;
  /** Structured facts behind the message, e.g. a sanction's {block, until}. */
  details?: { sanction?: { block: 'bid' | 'review' | 'funds'; until: string }; [k: string]: unknown };
}

export class ApiError extends Error {
  readonly code: string;
  readonly key?: string;
  readonly params?: Record<string, unknown>;
  readonly field?: string;
  readonly details?: ApiErrorBody['details'];
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.key = body.key;
    this.params = body.params;
    this.field = body.field;
    this.details = body.details;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Headers every request carries: the UI language, and the CSRF token on writes. */
export async function commonHeaders(method: string): Promise<Record<string, string>> {
  const h: Record<string, string> = { 'accept-language': i18n.language || 'zh-CN' };
  if (WRITES.has(method.toUpperCase())) h['x-csrf-token'] = await csrfToken();
  return h;
}

/** An ApiError from a non-2xx response (a body that is not JSON becomes code INTERNAL). */
export async function errorOf(res: Response): Promise<ApiError> {
  const body = res.headers.get('content-type')?.includes('json')
    ? ((await res.json().catch(() => null)) as ApiErrorBody | null)
    : null;
  return new ApiError(res.status, body ?? { code: 'INTERNAL', message: res.statusText });
}

// Writes kept until answered, to be sent once more after a CSRF refusal (see isCsrfRefusal).
const spares = new Map<string, Request>();

const middleware: Middleware = {
  async onRequest({ request, id }) {
    for (const [k, v] of Object.entries(await commonHeaders(request.method))) request.headers.set(k, v);
    if (WRITES.has(request.method.toUpperCase())) spares.set(id, request.clone());
    return request;
  },
  async onResponse({ response: first, id }) {
    let response = first;
    const spare = spares.get(id);
    spares.delete(id);
    if (spare && (await isCsrfRefusal(response))) {
      forgetCsrf();
      spare.headers.set('x-csrf-token', await csrfToken());
      response = await fetch(spare);
    }
    if (!response.ok) throw await errorOf(response);
    if (response.headers.get('content-type')?.includes('json')) noteCsrf(await response.clone().json());
    return response;
  },
  onError({ id }) {
    spares.delete(id);
  },
};

export const client = createClient<paths>({ credentials: 'same-origin' });
client.use(middleware);

/** The data of a successful call (errors were already thrown by the middleware). */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

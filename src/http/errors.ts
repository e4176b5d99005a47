// The one place where errors become HTTP responses: {code, message, field?}.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, STATUS } from '../errors.ts';

/**
 * Every error answer: {code, message, field?}. Loose: some answers carry more (the expert
 * import's per-row `errors`), and the documented shape must not deny them.
 */
export const ErrorBody = z
  .looseObject({
    code: z.enum(Object.keys(STATUS) as [keyof typeof STATUS, ...(keyof typeof STATUS)[]]),
    message: z.string().meta({ description: 'for people; in English' }),
    field: z.string().optional().meta({ description: 'the offending input, as a dotted path' }),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'structured facts behind the message, e.g. {sanction: {block, until}}' }),
  })
  .meta({ description: 'An error: the code says what kind (src/errors.ts), field which input' });
export type ErrorBody = { code: string; message: string; field?: string };

/** The error answers every route may give, documented where a route names none of its own. */
export const ERROR_RESPONSES = Object.fromEntries(
  [400, 401, 403, 404, 409, 422, 429].map((status) => [status, ErrorBody]),
) as Record<number, typeof ErrorBody>;

/**
 * A route's schema with the common error answers added for the OpenAPI document only: the
 * route's own response schemas win, and serialisation at run time is untouched.
 */
export function withErrorResponses<S extends { hide?: boolean; response?: unknown } | undefined>(
  schema: S,
): S {
  if (!schema || schema.hide) return schema;
  const response: Record<string, unknown> = { ...(schema.response as Record<string, unknown>) };
  for (const [status, body] of Object.entries(ERROR_RESPONSES)) response[status] ??= body;
  return { ...schema, response };
}

function fromValidation(err: FastifyError): ErrorBody {
  // Entries are { keyword: zod issue code, instancePath: '/a/0/b', message, params: rest of the issue }.
  const first = (err.validation ?? [])[0] as
    | { keyword?: string; instancePath?: string; message?: string; params?: { keys?: string[] } }
    | undefined;
  const path = String(first?.instancePath ?? '')
    .split('/')
    .filter(Boolean);
  const context =
    err.validationContext && err.validationContext !== 'body' ? `${err.validationContext} ` : '';
  if (first?.keyword === 'unrecognized_keys' && first.params?.keys?.length) {
    const field = [...path, first.params.keys[0]].join('.');
    return { code: 'VALIDATION', message: `${context}unknown field ${first.params.keys.join(', ')}`, field };
  }
  let message = first?.message ?? 'is invalid';
  if (first?.keyword === 'invalid_type' && /received undefined/.test(message)) message = 'is required';
  const field = path.join('.');
  return {
    code: 'VALIDATION',
    message: field ? `${context}${field}: ${message}` : `${context}${message}`,
    field: field || undefined,
  };
}

export function toErrorResponse(err: unknown): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: {
        code: err.code,
        message: err.field ? `${err.field}: ${err.message}` : err.message,
        field: err.field,
        ...(err.details ? { details: err.details } : {}),
      },
    };
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe) || fe.validation)
    return { status: 400, body: fromValidation(fe) };
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return {
      status: 403,
      body: {
        code: 'CSRF',
        message:
          'missing or invalid CSRF token: fetch /api/auth/session and send its csrfToken as x-csrf-token',
      },
    };
  }
  if (fe.statusCode === 429) return { status: 429, body: { code: 'RATE_LIMITED', message: fe.message } };
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return { status: 415, body: { code: 'VALIDATION', message: 'send application/json' } };
  if (
    fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fe instanceof SyntaxError
  ) {
    return { status: 400, body: { code: 'VALIDATION', message: 'body is not valid JSON' } };
  }
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return { status: 413, body: { code: 'VALIDATION', message: 'body too large' } };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { code: 'VALIDATION', message: fe.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'internal error; nothing was changed' } };
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(err);
  if (status >= 500) req.log.error({ err }, 'request failed');
  return reply.status(status).send(body);
}

// The one place where errors become HTTP responses, in the reader's language:
// {code, message, key, params, field?, details?}.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, STATUS } from '../errors.ts';
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale.ts';
import { type MessageParams, type Msg, render, t } from '../i18n/messages.ts';
import { issueMsg, withField } from '../i18n/validation.ts';

/**
 * Every error answer. Loose: some answers carry more (the expert import's per-row `errors`),
 * and the documented shape must not deny them.
 */
export const ErrorBody = z
  .looseObject({
    code: z.enum(Object.keys(STATUS) as [keyof typeof STATUS, ...(keyof typeof STATUS)[]]),
    message: z.string().meta({
      description: "for people, in the reader's language (profile, else Accept-Language, else zh-CN)",
    }),
    key: z.string().meta({ description: 'the stable message key, e.g. bid.deadlinePassed' }),
    params: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: "the message's parameters; names come as {zh, en}" }),
    field: z.string().optional().meta({ description: 'the offending input, as a dotted path' }),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .meta({ description: 'structured facts behind the message, e.g. {sanction: {block, until}}' }),
  })
  .meta({
    description: 'An error: the code says what kind (src/errors.ts), key which message, field which input',
  });
export type ErrorBody = {
  code: string;
  message: string;
  key: string;
  params?: MessageParams;
  field?: string;
  details?: Record<string, unknown>;
};

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

type ValidationEntry = {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
};

function fromValidation(err: FastifyError, locale: Locale): ErrorBody {
  // Entries are { keyword: zod issue code, instancePath: '/a/0/b', message, params: rest of the issue }.
  const first = (err.validation ?? [])[0] as ValidationEntry | undefined;
  const path = String(first?.instancePath ?? '')
    .split('/')
    .filter(Boolean);
  const where = err.validationContext && err.validationContext !== 'body' ? err.validationContext : '';
  const keys = first?.params?.keys;
  // An unknown key is named by its own path.
  const field =
    first?.keyword === 'unrecognized_keys' && Array.isArray(keys) && keys.length
      ? [...path, String(keys[0])].join('.')
      : path.join('.') || undefined;
  const issue = issueMsg({ ...first?.params, code: first?.keyword, message: first?.message });
  const params: MessageParams = {
    ...issue.params,
    ...(field ? { field } : {}),
    ...(where ? { in: where } : {}),
  };
  return {
    code: 'VALIDATION',
    message: first?.keyword === 'unrecognized_keys' ? render(issue, locale) : withField(field, issue, locale),
    key: issue.key,
    params,
    field,
  };
}

/** An error body for a message without a field. */
export function errorBody(code: ErrorBody['code'], msg: Msg, locale: Locale): ErrorBody {
  return { code, message: render(msg, locale), key: msg.key, ...(msg.params ? { params: msg.params } : {}) };
}

function plain(status: number, code: ErrorBody['code'], msg: Msg, locale: Locale) {
  return { status, body: errorBody(code, msg, locale) };
}

export function toErrorResponse(
  err: unknown,
  locale: Locale = DEFAULT_LOCALE,
): { status: number; body: ErrorBody } {
  if (err instanceof AppError) {
    return {
      status: err.status,
      body: {
        code: err.code,
        message: withField(err.field, err.msg, locale),
        key: err.msg.key,
        ...(err.msg.params ? { params: err.msg.params } : {}),
        field: err.field,
        ...(err.details ? { details: err.details } : {}),
      },
    };
  }
  const fe = err as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe) || fe.validation)
    return { status: 400, body: fromValidation(fe, locale) };
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET')
    return plain(403, 'CSRF', t('http.csrf'), locale);
  if (fe.statusCode === 429) return plain(429, 'RATE_LIMITED', t('http.rateLimited'), locale);
  if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return plain(415, 'VALIDATION', t('http.sendJson'), locale);
  if (
    fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
    fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    fe instanceof SyntaxError
  )
    return plain(400, 'VALIDATION', t('http.badJson'), locale);
  if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return plain(413, 'VALIDATION', t('http.tooLarge'), locale);
  // A value the database cannot hold (a number or a time out of range) that no check caught: the
  // request was wrong, not the server. Services name the field; this is the safety net.
  const pgCode = (err as { code?: unknown }).code;
  if (pgCode === '22003' || pgCode === '22008') return plain(400, 'VALIDATION', t('http.outOfRange'), locale);
  // Contention the transaction helper's retries did not outlast: nothing was changed, retry.
  if (pgCode === '40P01' || pgCode === '40001') return plain(503, 'OVERLOADED', t('http.contention'), locale);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return plain(fe.statusCode, 'VALIDATION', t('http.badRequest', { detail: fe.message }), locale);
  return plain(500, 'INTERNAL', t('http.internal'), locale);
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorResponse(err, req.ctx?.locale ?? DEFAULT_LOCALE);
  if (status >= 500) req.log.error({ err }, 'request failed');
  if (status === 503) reply.header('retry-after', '1');
  return reply.status(status).send(body);
}

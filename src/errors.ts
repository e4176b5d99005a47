// One error type for the whole application. Services throw AppError with a domain code and a
// message key with parameters (t('bid.deadlinePassed')); the HTTP edge maps the code to a status
// (STATUS below) and renders {code, message, key, params, field?} in the reader's language.

import './i18n/catalogue.ts';
import { type Msg, render, t } from './i18n/messages.ts';

export const STATUS = {
  /** Input failed validation; `field` names the offending field (dotted path). */
  VALIDATION: 400,
  /** The actor may not take part: an explicit eligibility rule or an active sanction; `field` says which input. */
  INELIGIBLE: 403,
  /** Not logged in, or the session expired or was revoked. */
  UNAUTHENTICATED: 401,
  /** Wrong email or password (deliberately not saying which). */
  BAD_CREDENTIALS: 401,
  /** The password was right and the account signs in with a second factor: send the code too. */
  TOTP_REQUIRED: 401,
  /** A role of this person requires two-factor sign-in: enrol before doing anything else. */
  TOTP_ENROLMENT_REQUIRED: 403,
  /** Missing or wrong CSRF token on a state-changing request. */
  CSRF: 403,
  /** Logged in, but this actor may not do this to this object. */
  FORBIDDEN: 403,
  /** No such object, or the actor may not know it exists. */
  NOT_FOUND: 404,
  /** Unique value already taken (email, USCC, ORCID…). */
  DUPLICATE: 409,
  /** The object changed since it was read (optimistic version check). */
  STALE: 409,
  /** The requested time overlaps another booking or a maintenance window of the same instrument. */
  SLOT_TAKEN: 409,
  /** The object's state does not allow this transition now. */
  ILLEGAL_TRANSITION: 409,
  /** Same idempotency key reused with a different request body. */
  IDEMPOTENCY_MISMATCH: 422,
  /** Too many attempts; retry later. */
  RATE_LIMITED: 429,
  /** Unexpected failure; nothing was changed. */
  INTERNAL: 500,
  /** The server is overloaded and refused the request before doing anything; retry after the header's seconds. */
  OVERLOADED: 503,
} as const;

export type ErrorCode = keyof typeof STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** The message as a catalogue key with parameters, rendered in the reader's language at the edge. */
    readonly msg: Msg,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(render(msg, 'en'));
    this.name = 'AppError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what: Msg) => new AppError('NOT_FOUND', what);
export const forbidden = (why: Msg = t('auth.notAllowed')) => new AppError('FORBIDDEN', why);
export const invalid = (field: string, message: Msg) => new AppError('VALIDATION', message, field);

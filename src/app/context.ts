// What every use-case receives: the database, who is acting, and the clock.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Locale } from '../i18n/locale.ts';

export const ROLES = [
  'organizer',
  'proposer',
  'solver',
  'evaluator',
  'integrity_officer',
  'analyst',
  'commissioner',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  orgId: string;
  orgKind: string;
  role: Role;
}

/** An authenticated person with their active role grants. */
export interface Actor {
  personId: string;
  sessionId: string;
  roles: RoleGrant[];
  /** The language the person chose on their profile. */
  locale?: Locale;
  /** A role of theirs requires two-factor sign-in they have not set up: they may only enrol. */
  mustEnrolTotp?: boolean;
}

export interface Ctx {
  db: Kysely<DB>;
  actor: Actor | null;
  now: () => Date;
  ip?: string;
  userAgent?: string;
  /** The reader's language: the profile's, else Accept-Language's, else Chinese. Absent means Chinese. */
  locale?: Locale;
}

export type Tx = Transaction<DB>;

/** Run `fn` in one transaction: everything it writes, audit rows included, commits or none does. */
export function inTx<T>(ctx: Ctx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction().execute(fn);
}

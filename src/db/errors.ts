// Translating database constraint failures into errors that name the field.
import { AppError } from '../errors.ts';
import { t } from '../i18n/messages.ts';

interface PgError {
  code?: string;
  constraint?: string;
}

/** If `err` is a unique violation on one of `fields` (constraint name → field), return a DUPLICATE error. */
export function duplicateError(err: unknown, fields: Record<string, string>): AppError | null {
  const e = err as PgError;
  if (e?.code !== '23505' || !e.constraint) return null;
  const field = fields[e.constraint];
  return field ? new AppError('DUPLICATE', t('db.alreadyRegistered'), field) : null;
}

// Form pieces: labelled fields that show the server's error for their field, and a banner.
import type { InputHTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorBody } from './api.ts';

export type FormErrorState = ApiErrorBody | null;

export function toFormError(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) return err.body;
  return { code: 'INTERNAL', message: String(err) };
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error: FormErrorState;
  hint?: string;
}

/** An input whose error (when the server named this field) is announced and linked. */
export function Field({ label, name, error, hint, ...rest }: FieldProps) {
  const mine = error?.field === name;
  const id = `f-${name.replaceAll('.', '-')}`;
  return (
    <div className={`field${mine ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={mine}
        aria-describedby={mine ? `${id}-err` : hint ? `${id}-hint` : undefined}
        {...rest}
      />
      {hint && !mine && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {mine && (
        <small id={`${id}-err`} className="error" role="alert">
          {error.message}
        </small>
      )}
    </div>
  );
}

export function ErrorBanner({ error }: { error: FormErrorState }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      <strong>{t(`errors.${error.code}`, { defaultValue: t('common.error') })}</strong>{' '}
      <span>{error.message}</span>
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="banner ok" role="status">
      {children}
    </div>
  );
}

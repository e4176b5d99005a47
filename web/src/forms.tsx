// Form pieces: labelled fields that show the server's error for their field, and a banner.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
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

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  error: FormErrorState;
  hint?: string;
}

/** A labelled multi-line text field that shows the server's error for its field. */
export function TextAreaField({ label, name, error, hint, ...rest }: TextAreaFieldProps) {
  const mine = error?.field === name;
  const id = `f-${name.replaceAll('.', '-')}`;
  return (
    <div className={`field${mine ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        name={name}
        className="prose"
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

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  name: string;
  error: FormErrorState;
  options: { value: string; label: string }[];
}

/** A labelled select that shows the server's error for its field. */
export function SelectField({ label, name, error, options, ...rest }: SelectFieldProps) {
  const mine = error?.field === name;
  const id = `f-${name.replaceAll('.', '-')}`;
  return (
    <div className={`field${mine ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        aria-invalid={mine}
        aria-describedby={mine ? `${id}-err` : undefined}
        {...rest}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {mine && (
        <small id={`${id}-err`} className="error" role="alert">
          {error.message}
        </small>
      )}
    </div>
  );
}

// Form pieces: labelled fields that show the server's error for their field, and a banner.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type ApiErrorBody } from './api.ts';

export type FormErrorState = ApiErrorBody | null;

export function toFormError(err: unknown): ApiErrorBody {
  if (err instanceof ApiError) return err.body;
  return { code: 'INTERNAL', message: String(err) };
}

/** What the three labelled controls share: id, label, hint, and the server's error for this field. */
function fieldState(name: string, error: FormErrorState, hint?: string) {
  const mine = error?.field === name;
  const id = `f-${name.replaceAll('.', '-')}`;
  const describedBy = mine ? `${id}-err` : hint ? `${id}-hint` : undefined;
  return { mine, id, describedBy };
}

function FieldShell(props: {
  id: string;
  label: string;
  mine: boolean;
  hint?: string;
  error: FormErrorState;
  children: ReactNode;
}) {
  const { id, label, mine, hint, error, children } = props;
  return (
    <div className={`field${mine ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !mine && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {mine && (
        <small id={`${id}-err`} className="error" role="alert">
          {error?.message}
        </small>
      )}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error: FormErrorState;
  hint?: string;
}

/** An input whose error (when the server named this field) is announced and linked. */
export function Field({ label, name, error, hint, ...rest }: FieldProps) {
  const { mine, id, describedBy } = fieldState(name, error, hint);
  return (
    <FieldShell id={id} label={label} mine={mine} hint={hint} error={error}>
      <input id={id} name={name} aria-invalid={mine} aria-describedby={describedBy} {...rest} />
    </FieldShell>
  );
}

export function ErrorBanner({ error }: { error: FormErrorState }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <div className="banner error" role="alert">
      <strong>
        {error.details?.sanction
          ? t('errors.sanction', {
              what: t(`errors.sanctionBlocks.${error.details.sanction.block}`),
              until: error.details.sanction.until,
            })
          : t(`errors.${error.code}`, { defaultValue: t('common.error') })}
      </strong>{' '}
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
  const { mine, id, describedBy } = fieldState(name, error, hint);
  return (
    <FieldShell id={id} label={label} mine={mine} hint={hint} error={error}>
      <textarea
        id={id}
        name={name}
        className="prose"
        aria-invalid={mine}
        aria-describedby={describedBy}
        {...rest}
      />
    </FieldShell>
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
  const { mine, id, describedBy } = fieldState(name, error);
  return (
    <FieldShell id={id} label={label} mine={mine} error={error}>
      <select id={id} name={name} aria-invalid={mine} aria-describedby={describedBy} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

// The server's field errors onto antd Form fields. ApiError.field is a dotted path
// ('targets.0.value'); antd names are arrays (['targets', 0, 'value']).
//
//   const [form] = Form.useForm();
//   try { await save.mutateAsync(values); message.success(t('saved')); }
//   catch (e) { if (!showFieldError(form, e)) message.error(errorText(e)); }
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client.ts';

/** 'targets.0.value' → ['targets', 0, 'value']. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Put `error`'s message on its field when the form has that field; true when it did (the
 * caller shows any other error as a message). `prefix` maps a server path onto a nested form
 * (e.g. the server's 'name_zh' is the form's ['org', 'name_zh'] with prefix ['org']).
 */
export function showFieldError(
  form: Pick<FormInstance, 'setFields' | 'getFieldsError' | 'scrollToField'>,
  error: unknown,
  prefix: (string | number)[] = [],
): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const name = [...prefix, ...fieldPath(error.field)];
  const key = JSON.stringify(name.map(String));
  // Only fields the form has registered (a path it does not show is reported as a message instead).
  if (!form.getFieldsError().some((f) => JSON.stringify(f.name.map(String)) === key)) return false;
  form.setFields([{ name, errors: [error.message] }]);
  form.scrollToField(name);
  return true;
}

/** The text to show for any error: the server's localised message, or the fallback. */
export function errorText(error: unknown, fallback = ''): string {
  if (error instanceof ApiError) return error.message;
  return fallback || (error instanceof Error ? error.message : String(error));
}

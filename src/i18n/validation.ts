// Validation issues (zod) as messages: a schema names its own message with zkey('key', params);
// any other issue becomes `validation.<kind>` with the issue's facts as parameters.
import './catalogue.ts';
import type { Locale } from './locale.ts';
import { hasMessage, type MessageParams, type Msg, render, t } from './messages.ts';

/** A catalogue key (with parameters) as a zod message: `z.string().min(1, { message: zkey('x.required') })`. */
export function zkey(key: string, params?: MessageParams): string {
  return params ? `${key} ${JSON.stringify(params)}` : key;
}

/** The message a zkey() string names, or null when the text is not one. */
export function parseKeyed(text: string | undefined): Msg | null {
  if (!text) return null;
  const space = text.indexOf(' ');
  const key = space < 0 ? text : text.slice(0, space);
  if (!hasMessage(key)) return null;
  if (space < 0) return t(key);
  try {
    return t(key, JSON.parse(text.slice(space + 1)) as MessageParams);
  } catch {
    return null;
  }
}

const num = (v: unknown) => (typeof v === 'number' || typeof v === 'bigint' ? Number(v) : String(v));

/** One zod issue ({code, message, ...facts}) as a message. */
export function issueMsg(issue: { code?: string; message?: string }): Msg {
  const own = parseKeyed(issue.message);
  if (own) return own;
  const p = issue as Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message ?? '')
        ? t('validation.required')
        : t('validation.invalidType', { expected: String(p.expected ?? '') });
    case 'too_small':
      if (p.origin === 'string') return t('validation.tooShort', { minimum: num(p.minimum) });
      if (p.origin === 'array' || p.origin === 'set')
        return t('validation.tooFew', { minimum: num(p.minimum) });
      return t(p.inclusive === false ? 'validation.above' : 'validation.atLeast', {
        minimum: num(p.minimum),
      });
    case 'too_big':
      if (p.origin === 'string') return t('validation.tooLong', { maximum: num(p.maximum) });
      if (p.origin === 'array' || p.origin === 'set')
        return t('validation.tooMany', { maximum: num(p.maximum) });
      return t(p.inclusive === false ? 'validation.below' : 'validation.atMost', { maximum: num(p.maximum) });
    case 'invalid_format':
      return hasMessage(`validation.format.${String(p.format)}`)
        ? t(`validation.format.${String(p.format)}`)
        : t('validation.invalidFormat', { format: String(p.format ?? '') });
    case 'invalid_value':
      return t('validation.oneOf', {
        values: Array.isArray(p.values) ? p.values.map((v) => String(v)).join(', ') : '',
      });
    case 'not_multiple_of':
      return t('validation.multipleOf', { divisor: num(p.divisor) });
    case 'unrecognized_keys':
      return t('validation.unknownField', { keys: Array.isArray(p.keys) ? p.keys.join(', ') : '' });
    default:
      return t('validation.invalid');
  }
}

/**
 * A field's name for people: `field.<name>` of the catalogue for the last named segment of the
 * dotted path (`milestones.0.dueAt` → 截止时间), `…Zh`/`…En` as the base name in that language;
 * else the path itself.
 */
export function fieldLabel(path: string, locale: Locale): string {
  const names = path.split('.').filter((s) => !/^\d+$/.test(s));
  const last = names.at(-1);
  if (!last) return path;
  if (hasMessage(`field.${last}`)) return render(t(`field.${last}`), locale);
  const lang = /^(.+)(Zh|En)$/.exec(last);
  if (lang && hasMessage(`field.${lang[1]}`))
    return render(t(`field.in${lang[2]}`, { field: t(`field.${lang[1]}`) }), locale);
  return path;
}

/** "截止时间：必须是…" / "deadline: must be …" */
export function withField(field: string | undefined, msg: Msg, locale: Locale): string {
  const text = render(msg, locale);
  if (!field) return text;
  return render(t('validation.fieldMessage', { field: fieldLabel(field, locale), message: text }), locale);
}

// Money, dates and bilingual text as the challenge pages show and send them:
// yuan with two decimals on screen, integer fen on the wire; Beijing time on screen, ISO +08:00 on the wire.

const ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time

/** Integer fen as yuan with two decimals and digit grouping, exactly (no float rounding). */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** A yuan amount typed by a person ("1,234.5") as integer fen; null when it is not one. */
export function parseYuan(text: string): number | null {
  const s = text.replace(/[,，\s]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Fen as the text a yuan input starts with ("1234.50"). */
export const yuanInput = (fen: number | null | undefined) =>
  fen === null || fen === undefined ? '' : yuan(fen).replaceAll(',', '');

/** A UTC instant shown in Beijing time, in the page's language. */
export function dateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang, {
    timeZone: ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** A UTC instant as the value of a datetime-local input in Beijing time ("2026-12-31T17:00"). */
export function toBeijingInput(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Beijing time, as ISO with +08:00 for the server. */
export const fromBeijingInput = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : '');

/** Start or end of a Beijing calendar day (YYYY-MM-DD) as ISO with +08:00. */
export const beijingDay = (d: string, end = false) => `${d}T${end ? '23:59:59' : '00:00:00'}+08:00`;

/** The text in the page's language, falling back to the other one. */
export const pick = (lang: string, zh: string, en: string) => (lang === 'en' ? en || zh : zh || en);

/** Comma- or semicolon-separated list (Chinese or ASCII punctuation) as trimmed items. */
/** `list` with `item` added (checked) or removed (unchecked): a checkbox group's value. */
export const toggled = <T>(list: T[], item: T, on: boolean) =>
  on ? [...list, item] : list.filter((x) => x !== item);

export const splitList = (s: string) =>
  s
    .split(/[,，;；、]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** An idempotency key for one form's life; randomUUID needs a secure context, so fall back. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export const COMPARATOR_SYMBOL: Record<string, string> = { gte: '≥', lte: '≤', eq: '=', range: '∈' };

/** "≤ 10 ppm", "∈ [3, 5] mm". */
export function requirement(t: {
  comparator: string;
  threshold: string;
  thresholdHigh: string | null;
  unit: string;
}) {
  const v = t.comparator === 'range' ? `[${t.threshold}, ${t.thresholdHigh ?? t.threshold}]` : t.threshold;
  return `${COMPARATOR_SYMBOL[t.comparator] ?? t.comparator} ${v}${t.unit ? ` ${t.unit}` : ''}`;
}

// Money, dates and numbers as every page shows them, per the UI language:
//   money(123456, 'zh-CN') → '¥1,234.56'      (integer fen in, exact: no float rounding)
//   dateTime('2026-12-01T02:00:00Z', 'en') → 'Dec 1, 2026, 10:00 (Beijing time)'
//   number(12345.6, 'zh-CN') → '12,345.6'
// Inputs: parseYuan('1,234.5') → 123450 fen; beijingInput / fromBeijingInput for datetime fields.
import type { Lang } from './i18n.ts';

export const ZONE = 'Asia/Shanghai';
const OFFSET_MS = 8 * 3_600_000; // China has no daylight saving time
const BEIJING: Record<Lang, string> = { 'zh-CN': '北京时间', en: 'Beijing time' };
const lang2 = (lang: string): Lang => (lang === 'en' ? 'en' : 'zh-CN');

/** Integer fen as yuan with two decimals and digit grouping ('1,234.56'), exactly. */
export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  return `${fen < 0 ? '-' : ''}${whole}.${String(abs % 100).padStart(2, '0')}`;
}

/** Integer fen as money in the reader's language: '¥1,234.56' (both languages use the ¥ sign). */
export function money(fen: number, _lang?: string): string {
  return fen < 0 ? `-¥${yuan(-fen)}` : `¥${yuan(fen)}`;
}

/** A yuan amount typed by a person ('1,234.5', '１２３') as integer fen; null when it is not one. */
export function parseYuan(text: string): number | null {
  const s = text
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[,，\s¥￥]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** A number with the language's grouping. */
export function number(n: number, lang: string, digits?: number): string {
  return new Intl.NumberFormat(
    lang2(lang),
    digits === undefined ? {} : { maximumFractionDigits: digits },
  ).format(n);
}

/** A UTC instant in Beijing time, labelled: '2026年12月1日 10:00（北京时间）'. */
export function dateTime(iso: string | null | undefined, lang: string, label = true): string {
  if (!iso) return '—';
  const l = lang2(lang);
  const text = new Intl.DateTimeFormat(l, {
    timeZone: ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
  if (!label) return text;
  return l === 'en' ? `${text} (${BEIJING.en})` : `${text}（${BEIJING['zh-CN']}）`;
}

/** A calendar date in Beijing: '2026年12月1日' / 'Dec 1, 2026'. */
export function date(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang2(lang), { timeZone: ZONE, dateStyle: 'medium' }).format(new Date(iso));
}

/** Whole days from `now` until `iso` (negative when past), counted on Beijing calendar days. */
export function daysLeft(iso: string, now = new Date()): number {
  const day = (t: number) => Math.floor((t + OFFSET_MS) / 86_400_000);
  return day(Date.parse(iso)) - day(now.getTime());
}

/** A UTC instant as a datetime-local input's value in Beijing time ('2026-12-31T17:00'). */
export function beijingInput(iso: string | null | undefined): string {
  if (!iso) return '';
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value read as Beijing time, as ISO with +08:00 for the server. */
export const fromBeijingInput = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : '');

/** Today's calendar date in Beijing, 'YYYY-MM-DD' (what the server counts as today). */
export const beijingToday = (now = new Date()) =>
  new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);

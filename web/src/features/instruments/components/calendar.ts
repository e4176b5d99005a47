// Calendar arithmetic in Beijing time (China has no daylight saving): days are counted as whole
// Beijing days since the epoch, weeks start on Monday, a month view shows the six weeks around it.
const OFFSET = 8 * 3_600_000;
const DAY = 86_400_000;

/** The Beijing day number of an instant. */
export const dayOf = (ms: number) => Math.floor((ms + OFFSET) / DAY);
/** The instant a Beijing day starts. */
export const startOf = (day: number) => day * DAY - OFFSET;
/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number) => (day + 3) % 7;
/** The Monday of a day's week. */
export const mondayOf = (day: number) => day - weekdayOf(day);
/** Year, month (1–12) and date of a Beijing day. */
export function ymd(day: number) {
  const d = new Date(day * DAY);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}
/** The Beijing day of the first of a month. */
export const firstOfMonth = (y: number, m: number) => Math.floor(Date.UTC(y, m - 1, 1) / DAY);

export interface Span {
  start: string;
  end: string;
}

/**
 * The part of each item on a day, as minutes from that day's midnight: [from, to) clipped to the
 * day, for the items that touch it.
 */
export function onDay<T extends Span>(items: readonly T[], day: number) {
  const d0 = startOf(day);
  const d1 = d0 + DAY;
  const out: { item: T; from: number; to: number }[] = [];
  for (const item of items) {
    const s = Date.parse(item.start);
    const e = Date.parse(item.end);
    if (e <= d0 || s >= d1) continue;
    out.push({ item, from: (Math.max(s, d0) - d0) / 60_000, to: (Math.min(e, d1) - d0) / 60_000 });
  }
  return out.sort((a, b) => a.from - b.from);
}

/** The days a view shows: a week from its Monday, or the six weeks from the Monday before the 1st. */
export function viewDays(mode: 'week' | 'month', anchor: number): number[] {
  if (mode === 'week') return Array.from({ length: 7 }, (_, k) => mondayOf(anchor) + k);
  const { y, m } = ymd(anchor);
  const first = mondayOf(firstOfMonth(y, m));
  return Array.from({ length: 42 }, (_, k) => first + k);
}

/** The anchor day moved one view earlier (-1) or later (+1). */
export function shift(mode: 'week' | 'month', anchor: number, by: -1 | 1): number {
  if (mode === 'week') return anchor + 7 * by;
  const { y, m } = ymd(anchor);
  const next = m + by;
  return next < 1 ? firstOfMonth(y - 1, 12) : next > 12 ? firstOfMonth(y + 1, 1) : firstOfMonth(y, next);
}

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(Math.round(minutes % 60)).padStart(2, '0')}`;

// The manager's calendar arithmetic in Beijing time: days, Mondays, month views, items clipped to days.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  dayOf,
  mondayOf,
  onDay,
  shift,
  startOf,
  viewDays,
  ymd,
} from '../../web/src/features/instruments/components/calendar.ts';

test('a Beijing day starts at 16:00 UTC the day before; weeks start on Monday', () => {
  const d = dayOf(Date.parse('2026-12-07T16:30:00Z')); // 00:30 on Tuesday 8 December in Beijing
  assert.deepEqual(ymd(d), { y: 2026, m: 12, d: 8 });
  assert.equal(new Date(startOf(d)).toISOString(), '2026-12-07T16:00:00.000Z');
  assert.deepEqual(ymd(mondayOf(d)), { y: 2026, m: 12, d: 7 });
  assert.deepEqual(ymd(mondayOf(mondayOf(d))), { y: 2026, m: 12, d: 7 });
});

test('a month view is six weeks from the Monday on or before the 1st; shifting crosses years', () => {
  const days = viewDays('month', dayOf(Date.parse('2026-12-20T04:00:00Z')));
  assert.equal(days.length, 42);
  assert.deepEqual(ymd(days[0] ?? 0), { y: 2026, m: 11, d: 30 });
  const jan = shift('month', days[10] ?? 0, 1);
  assert.deepEqual(ymd(jan), { y: 2027, m: 1, d: 1 });
  assert.deepEqual(ymd(shift('month', jan, -1)), { y: 2026, m: 12, d: 1 });
  assert.deepEqual(ymd(viewDays('week', jan)[0] ?? 0), { y: 2026, m: 12, d: 28 });
});

test('an item spanning midnight shows on both days, clipped to each', () => {
  const night = { start: '2026-12-08T14:00:00Z', end: '2026-12-08T18:00:00Z' }; // 22:00–02:00 Beijing
  const d = dayOf(Date.parse(night.start));
  assert.deepEqual(
    onDay([night], d).map((x) => [x.from, x.to]),
    [[22 * 60, 24 * 60]],
  );
  assert.deepEqual(
    onDay([night], d + 1).map((x) => [x.from, x.to]),
    [[0, 120]],
  );
  assert.equal(onDay([night], d + 2).length, 0);
});

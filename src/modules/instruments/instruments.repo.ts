// SQL of the instruments module. Time ranges are written as tstzrange('[start,end)') and read back
// as lower()/upper() timestamps, never as range text.
import { type Selectable, sql } from 'kysely';
import type { Ctx, Tx } from '../../app/context.ts';
import type { InstrumentBookingTable, InstrumentTable } from '../../db/schema.ts';

type Q = Ctx['db'] | Tx;
export type InstrumentRow = Selectable<InstrumentTable>;
export type BookingRow = Omit<Selectable<InstrumentBookingTable>, 'during'> & {
  start_at: Date;
  end_at: Date;
};

export const range = (start: Date, end: Date) =>
  sql<string>`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;

export const lockInstrument = (tx: Tx, id: string) =>
  tx.selectFrom('instrument').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const findInstrument = (q: Q, id: string) =>
  q.selectFrom('instrument').selectAll().where('id', '=', id).executeTakeFirst();

const bookingCols = [
  'b.id',
  'b.instrument_id',
  'b.booker_id',
  'b.payer_org_id',
  'b.award_id',
  'b.task_book_id',
  'b.milestone_no',
  'b.purpose',
  'b.external',
  'b.price_fen_per_hour',
  'b.state',
  'b.decided_by',
  'b.decided_at',
  'b.reason',
  'b.created_at',
] as const;
const startEnd = [
  sql<Date>`lower(b.during)`.as('start_at'),
  sql<Date>`upper(b.during)`.as('end_at'),
] as const;

export const lockBooking = (tx: Tx, id: string) =>
  tx
    .selectFrom('instrument_booking as b')
    .select([...bookingCols, ...startEnd])
    .where('b.id', '=', id)
    .forUpdate()
    .executeTakeFirst() as Promise<BookingRow | undefined>;
export const findBooking = (q: Q, id: string) =>
  q
    .selectFrom('instrument_booking as b')
    .select([...bookingCols, ...startEnd])
    .where('b.id', '=', id)
    .executeTakeFirst() as Promise<BookingRow | undefined>;

/** Bookings holding time on `instrumentId` that overlap [start, end). */
export const holdingOverlaps = (q: Q, instrumentId: string, start: Date, end: Date) =>
  q
    .selectFrom('instrument_booking as b')
    .select(['b.id'])
    .where('b.instrument_id', '=', instrumentId)
    .where('b.state', 'in', ['pending', 'confirmed', 'completed'])
    .where(sql<boolean>`b.during && ${range(start, end)}`)
    .execute();

export const maintenanceOf = (q: Q, instrumentId: string, from?: Date, to?: Date) => {
  let query = q
    .selectFrom('instrument_maintenance as m')
    .select([
      'm.id',
      'm.reason',
      sql<Date>`lower(m.during)`.as('start_at'),
      sql<Date>`upper(m.during)`.as('end_at'),
    ])
    .where('m.instrument_id', '=', instrumentId);
  if (from && to) query = query.where(sql<boolean>`m.during && ${range(from, to)}`);
  return query.orderBy(sql`lower(m.during)`).execute();
};

/** Bookings of an instrument in a window, with the booker's and payer's names (for the manager). */
export const calendar = (q: Q, instrumentId: string, from: Date, to: Date) =>
  q
    .selectFrom('instrument_booking as b')
    .innerJoin('person as p', 'p.id', 'b.booker_id')
    .innerJoin('organisation as o', 'o.id', 'b.payer_org_id')
    .select([
      ...bookingCols,
      ...startEnd,
      'p.name_zh as booker_zh',
      'p.name_en as booker_en',
      'o.name_zh as payer_zh',
      'o.name_en as payer_en',
    ])
    .where('b.instrument_id', '=', instrumentId)
    .where('b.state', 'in', ['pending', 'confirmed', 'completed'])
    .where(sql<boolean>`b.during && ${range(from, to)}`)
    .orderBy(sql`lower(b.during)`)
    .execute();

export const findUse = (q: Q, bookingId: string) =>
  q.selectFrom('instrument_use').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();
export const ratingOf = (q: Q, bookingId: string) =>
  q.selectFrom('instrument_rating').selectAll().where('booking_id', '=', bookingId).executeTakeFirst();

/** Recorded uses of an instrument whose start falls in the calendar year (Beijing time). */
export const usesInYear = (q: Q, instrumentIds: string[], year: number) =>
  instrumentIds.length === 0
    ? Promise.resolve([])
    : q
        .selectFrom('instrument_use as u')
        .innerJoin('instrument_booking as b', 'b.id', 'u.booking_id')
        .leftJoin('instrument_rating as r', 'r.booking_id', 'u.booking_id')
        .select([
          'b.instrument_id',
          'b.booker_id',
          'b.external',
          'u.machine_tenths',
          'u.fee_fen',
          'u.started_at',
          'r.score',
        ])
        .where('b.instrument_id', 'in', instrumentIds)
        .where(sql<boolean>`extract(year FROM u.started_at AT TIME ZONE 'Asia/Shanghai') = ${year}`)
        .execute();

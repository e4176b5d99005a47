// Shared large research instruments: the pure rules. Prices are per hour in whole jiao (multiples
// of 10 fen) and machine time is counted in tenths of an hour, so every fee is an exact number of
// fen and fees add up exactly: Σ fee = Σ tenths × price / 10. The booking machine is data.
import type { Machine } from '../../core/workflow/machine.ts';
import { type Msg, t } from '../../i18n/messages.ts';

export { CATEGORIES, type Category } from '../../shared/instruments/categories.ts';

/** A large instrument: an original value of 500,000 yuan or more. */
export const LARGE_VALUE_FEN = 50_000_000;

export type Openness = 'internal' | 'external';

export type BookingState = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'completed';
export type BookingAction = 'approve' | 'reject' | 'cancel' | 'record_use';
/** States whose booking holds its time on the calendar (the exclusion constraint's predicate). */
export const HOLDING: readonly BookingState[] = ['pending', 'confirmed', 'completed'];

export interface BookingGuard {
  /** The booking's start has passed (server time). */
  started: boolean;
}

/**
 * Who may do what to a booking. 'manager': the instrument's manager (or an admin of its
 * organisation); 'booker': the person who booked. A booker cancels until the slot starts; the
 * manager may cancel (with a reason) any booking not yet used.
 */
export const bookingMachine: Machine<BookingState, BookingAction, BookingGuard> = {
  name: 'instrument_booking',
  label: { zh: '仪器预约', en: 'instrument booking' },
  states: ['pending', 'confirmed', 'rejected', 'cancelled', 'completed'],
  initial: 'pending',
  transitions: [
    { action: 'approve', from: ['pending'], to: 'confirmed', who: ['manager'] },
    { action: 'reject', from: ['pending'], to: 'rejected', who: ['manager'] },
    {
      action: 'cancel',
      from: ['pending', 'confirmed'],
      to: 'cancelled',
      who: ['booker'],
      guard: (g) => (g.started ? t('instruments.cancelAfterStart') : null),
    },
    { action: 'cancel', from: ['pending', 'confirmed'], to: 'cancelled', who: ['manager'] },
    { action: 'record_use', from: ['confirmed'], to: 'completed', who: ['manager'] },
  ],
};

/** The fee of `tenths` tenths of an hour at `pricePerHourFen` (a multiple of 10): exact fen. */
export function feeFen(tenths: number, pricePerHourFen: number): number {
  if (!Number.isSafeInteger(tenths) || tenths <= 0) throw new RangeError(`bad machine time ${tenths}`);
  if (!Number.isSafeInteger(pricePerHourFen) || pricePerHourFen < 0 || pricePerHourFen % 10 !== 0)
    throw new RangeError(`bad price ${pricePerHourFen}`);
  return tenths * (pricePerHourFen / 10);
}

/** Machine hours as tenths, from a decimal with at most one place ("2.5" → 25); null when not. */
export function tenthsOf(hours: string): number | null {
  const m = /^(\d{1,5})(?:\.(\d))?$/.exec(hours.trim());
  if (!m) return null;
  return Number(m[1]) * 10 + Number(m[2] ?? 0);
}

export interface Slot {
  start: number;
  end: number;
}

export const overlaps = (a: Slot, b: Slot) => a.start < b.end && b.start < a.end;

export interface BookingRules {
  minSlotMinutes: number;
  leadHours: number;
}

/** Why a requested slot breaks the instrument's rules (field and message), or null. */
export function slotProblem(
  slot: Slot,
  rules: BookingRules,
  now: number,
  maintenance: Slot[],
): { field: string; message: Msg } | null {
  if (!(slot.end > slot.start)) return { field: 'end', message: t('instruments.endBeforeStart') };
  const minutes = (slot.end - slot.start) / 60_000;
  if (minutes < rules.minSlotMinutes)
    return { field: 'end', message: t('instruments.slotTooShort', { min: rules.minSlotMinutes }) };
  if (minutes > 14 * 24 * 60) return { field: 'end', message: t('instruments.slotTooLong') };
  if (slot.start < now + rules.leadHours * 3_600_000)
    return { field: 'start', message: t('instruments.leadTime', { hours: rules.leadHours }) };
  if (maintenance.some((m) => overlaps(m, slot)))
    return { field: 'start', message: t('instruments.inMaintenance') };
  return null;
}

/** The price that applies to a booker: internal when they belong to the instrument's organisation. */
export const priceFor = (internal: boolean, i: { price_internal_fen: number; price_external_fen: number }) =>
  internal ? i.price_internal_fen : i.price_external_fen;

export interface UseFact {
  tenths: number;
  external: boolean;
  bookerId: string;
  feeFen: number;
  score: number | null;
}

export interface OpennessFigures {
  uses: number;
  /** Effective machine hours, as tenths (divide by 10 to show). */
  tenths: number;
  externalTenths: number;
  /** Share of effective hours used by external users, in per mille (0–1000), null without use. */
  externalShareMille: number | null;
  users: number;
  externalUsers: number;
  incomeFen: number;
  ratings: number;
  /** Mean score ×100 (integer), null without ratings. */
  meanScoreCenti: number | null;
}

/** The annual open-sharing figures of one instrument from its recorded uses. */
export function opennessFigures(uses: UseFact[]): OpennessFigures {
  let tenths = 0;
  let externalTenths = 0;
  let incomeFen = 0;
  let scoreSum = 0;
  let ratings = 0;
  const users = new Set<string>();
  const externalUsers = new Set<string>();
  for (const u of uses) {
    tenths += u.tenths;
    incomeFen += u.feeFen;
    users.add(u.bookerId);
    if (u.external) {
      externalTenths += u.tenths;
      externalUsers.add(u.bookerId);
    }
    if (u.score !== null) {
      scoreSum += u.score;
      ratings++;
    }
  }
  return {
    uses: uses.length,
    tenths,
    externalTenths,
    externalShareMille: tenths ? Math.round((externalTenths * 1000) / tenths) : null,
    users: users.size,
    externalUsers: externalUsers.size,
    incomeFen,
    ratings,
    meanScoreCenti: ratings ? Math.round((scoreSum * 100) / ratings) : null,
  };
}

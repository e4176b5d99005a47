// S&T commissioner rules, pure: kinds, the demand's state machine as data (the dispatch follows it
// in the same transaction), and the visit rules.
import type { Machine } from '../../core/workflow/machine.ts';
import { t } from '../../i18n/messages.ts';

export const COMMISSIONER_KINDS = ['individual', 'team', 'legal_entity'] as const;
export const URGENCIES = ['low', 'normal', 'urgent'] as const;
export const REQUESTER_KINDS = ['village', 'cooperative', 'farm', 'firm', 'other'] as const;

export type DemandState = 'open' | 'dispatched' | 'serving' | 'resolved' | 'withdrawn';
export type DemandAction = 'dispatch' | 'accept' | 'decline' | 'resolve' | 'withdraw';

/**
 * Relations: 'agency' (an organizer or admin of the demand's dispatching agency), 'poster' (the
 * served party who posted it), 'commissioner' (the one the live dispatch names).
 */
export const demandMachine: Machine<DemandState, DemandAction, { hasVisit: boolean }> = {
  name: 'commissioner_demand',
  label: { zh: '服务需求', en: 'demand' },
  states: ['open', 'dispatched', 'serving', 'resolved', 'withdrawn'],
  initial: 'open',
  transitions: [
    { action: 'dispatch', from: ['open'], to: 'dispatched', who: ['agency'] },
    { action: 'accept', from: ['dispatched'], to: 'serving', who: ['commissioner'] },
    // A decline sends only this demand back to be matched again.
    { action: 'decline', from: ['dispatched'], to: 'open', who: ['commissioner'] },
    {
      action: 'resolve',
      from: ['serving'],
      to: 'resolved',
      who: ['agency', 'poster'],
      guard: (g) => (g.hasVisit ? null : t('commissioners.resolveNeedsVisit')),
    },
    { action: 'withdraw', from: ['open', 'dispatched'], to: 'withdrawn', who: ['agency', 'poster'] },
  ],
};

/** Dispatch state after the demand's action. */
export const DISPATCH_AFTER: Partial<Record<DemandAction, string>> = {
  accept: 'accepted',
  decline: 'declined',
  resolve: 'completed',
};

/** Hours as typed (0.5 steps allowed) to whole minutes; null when out of 0 < h ≤ 24. */
export function hoursToMinutes(hours: number): number | null {
  const m = Math.round(hours * 60);
  return m >= 1 && m <= 1440 ? m : null;
}

/** A visit may be dated no later than today (Beijing) and no earlier than the dispatch was made. */
export function visitDateProblem(visitDate: string, today: string, dispatchedOn: string) {
  if (visitDate > today) return t('commissioners.visitInFuture');
  if (visitDate < dispatchedOn) return t('commissioners.visitBeforeDispatch');
  return null;
}

/** The calendar day in Beijing (UTC+8) of an instant. */
export const beijingDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

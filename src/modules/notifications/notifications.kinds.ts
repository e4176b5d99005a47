// Every kind of notification: which object it is about and whether the rules require it (a
// required deadline notice cannot be switched off). Titles are `notify.<kind>` messages.

export interface KindDef {
  /** Deadline notices the rules require: e-mail cannot be switched off. */
  required: boolean;
}

export const KINDS = {
  'review.assigned': { required: false },
  'review.dueSoon': { required: true },
  'review.overdue': { required: true },
  'bid.confirmRequested': { required: false },
  'pledge.hostSignRequested': { required: false },
  'challenge.submitted': { required: false },
  'challenge.returned': { required: false },
  'challenge.rejected': { required: false },
  'challenge.published': { required: false },
  'objection.lodged': { required: false },
  'objection.answered': { required: false },
  'bid.selected': { required: false },
  'bid.announced': { required: false },
  'bid.awarded': { required: false },
  'bid.notSelected': { required: false },
  'taskbook.signRequested': { required: false },
  'milestone.dueSoon': { required: true },
  'milestone.overdue': { required: true },
  'report.verdictRequested': { required: false },
  'tranche.released': { required: false },
  'ethics.voteRequested': { required: false },
  'ethics.overdue': { required: true },
  'integrity.finding': { required: false },
  'sanction.started': { required: false },
  'sanction.ended': { required: false },
  'appeal.decided': { required: false },
  'race.gateProposed': { required: false },
  'race.gateFinal': { required: false },
  'transfer.interest': { required: false },
  'transfer.termsProposed': { required: false },
  'transfer.noticePublished': { required: false },
  'transfer.match': { required: false },
  'commissioner.dispatched': { required: false },
  'commissioner.declined': { required: false },
  'commissioner.visitLogged': { required: false },
  'instrument.bookingRequested': { required: false },
  'instrument.bookingApproved': { required: false },
  'instrument.bookingRejected': { required: false },
  'instrument.bookingCancelled': { required: false },
  'instrument.feePosted': { required: false },
} as const satisfies Record<string, KindDef>;

export type NotificationKind = keyof typeof KINDS;
export const KIND_NAMES = Object.keys(KINDS) as [NotificationKind, ...NotificationKind[]];

export function isKind(x: string): x is NotificationKind {
  return Object.hasOwn(KINDS, x);
}

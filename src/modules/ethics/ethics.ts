// Ethics review rules, pure: categories, the committee's decision from its votes.

export const ETHICS_CATEGORIES = [
  'human_subjects',
  'animals',
  'biosafety',
  'ai',
  'gene_editing',
  'personal_data',
  'environment',
] as const;
export type EthicsCategory = (typeof ETHICS_CATEGORIES)[number];

/** Floors of every committee: at least 7 members, a quorum of at least 5; 30 days to decide unless set. */
export const MIN_COMMITTEE = 7;
export const MIN_QUORUM = 5;
export const DEFAULT_DECISION_DAYS = 30;

/**
 * The legal time (科技伦理审查办法（试行）, 2023): a decision within 30 days of accepting the
 * application (a committee may set fewer, never more), extendable once — by at most 30 days, with
 * the extension and its reason recorded — and within 72 hours under the emergency procedure, which
 * is not extended. The database holds the same ceilings as CHECK constraints (migration 0070).
 */
export const MAX_DECISION_DAYS = 30;
export const MAX_EXTENSION_DAYS = 30;
export const EMERGENCY_HOURS = 72;
export type Procedure = 'standard' | 'emergency';
const HOUR = 3_600_000;

/** When a review accepted at `openedAt` must be decided. */
export function decisionDue(openedAt: Date, procedure: Procedure, decisionDays: number): Date {
  const hours = procedure === 'emergency' ? EMERGENCY_HOURS : 24 * Math.min(decisionDays, MAX_DECISION_DAYS);
  return new Date(openedAt.getTime() + hours * HOUR);
}

/** Why an extension may not be recorded now (a message key), or null. */
export function extensionRefusal(
  r: { state: string; procedure: string; extension_days: number | null; due_at: Date },
  now: Date,
):
  | 'ethics.extendOpenOnly'
  | 'ethics.emergencyNotExtended'
  | 'ethics.alreadyExtended'
  | 'ethics.extendBeforeDue'
  | null {
  if (r.state !== 'open') return 'ethics.extendOpenOnly';
  if (r.procedure === 'emergency') return 'ethics.emergencyNotExtended';
  if (r.extension_days !== null) return 'ethics.alreadyExtended';
  if (now > r.due_at) return 'ethics.extendBeforeDue';
  return null;
}

/**
 * Whole days an open review is past its due date (0 when not overdue or decided). Overdue blocks
 * nothing and decides nothing: members may still vote, silence never approves (the award stays
 * blocked until approval), and the organizers see it listed first, with the days overdue.
 */
export function daysOverdue(state: string, dueAt: Date, now: Date): number {
  if (state !== 'open' || now <= dueAt) return 0;
  return Math.ceil((now.getTime() - dueAt.getTime()) / 86_400_000);
}
export type Vote = 'approve' | 'conditions' | 'reject';
export type EthicsDecision = 'approved' | 'approved_with_conditions' | 'rejected';

/**
 * The committee's decision once a quorum has voted (null before): approval needs a strict
 * majority of the votes cast to be approve or approve-with-conditions; it carries conditions
 * when any approving member attached them. A tie rejects: doubt goes against the research.
 */
export function ethicsDecision(votes: Vote[], quorum: number): EthicsDecision | null {
  if (votes.length < quorum) return null;
  const conditions = votes.filter((v) => v === 'conditions').length;
  const approve = votes.filter((v) => v === 'approve').length + conditions;
  if (approve * 2 <= votes.length) return 'rejected';
  return conditions > 0 ? 'approved_with_conditions' : 'approved';
}

/** Whether a bid needs ethics approval: it declared categories, or its challenge involves some. */
export const needsEthicsReview = (declared: readonly string[]) => declared.length > 0;

export const approvesAward = (state: string | undefined) =>
  state === 'approved' || state === 'approved_with_conditions';

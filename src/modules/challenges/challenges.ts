// The open-competition challenge (揭榜挂帅): types, state machines and pure rules.
import Decimal from 'decimal.js';
import type { Machine } from '../../core/workflow/machine.ts';
import { type Msg, t } from '../../i18n/messages.ts';

// ── Targets ──────────────────────────────────────────────────────────────────────────
export const COMPARATORS = ['gte', 'lte', 'eq', 'range'] as const;
export type Comparator = (typeof COMPARATORS)[number];
export const VERIFIERS = ['proposer', 'lab', 'panel'] as const;
export type Verifier = (typeof VERIFIERS)[number];

export interface Target {
  id: string;
  metric: string;
  unit: string;
  comparator: Comparator;
  /** Decimal strings: exact, never floats. `thresholdHigh` only for 'range'. */
  threshold: string;
  thresholdHigh: string | null;
  verification: string;
  verifier: Verifier;
  verifierName: string;
  mandatory: boolean;
}

/** Whether a measured value meets a target, compared exactly in decimal. */
export function targetMet(
  t: Pick<Target, 'comparator' | 'threshold' | 'thresholdHigh'>,
  measured: string,
): boolean {
  const v = new Decimal(measured);
  const lo = new Decimal(t.threshold);
  switch (t.comparator) {
    case 'gte':
      return v.gte(lo);
    case 'lte':
      return v.lte(lo);
    case 'eq':
      return v.eq(lo);
    case 'range':
      return v.gte(lo) && v.lte(new Decimal(t.thresholdHigh ?? t.threshold));
    default: {
      const never: never = t.comparator;
      return never;
    }
  }
}

export const COMPARATOR_SYMBOL: Record<Comparator, string> = { gte: '≥', lte: '≤', eq: '=', range: '∈' };

export type AcceptanceOutcome = 'accepted' | 'not_met';

/** The declared acceptance rule: accepted when every mandatory target is met. */
export function acceptanceOutcome(
  targets: Pick<Target, 'id' | 'mandatory'>[],
  met: ReadonlyMap<string, boolean>,
): AcceptanceOutcome {
  return targets.every((t) => !t.mandatory || met.get(t.id) === true) ? 'accepted' : 'not_met';
}

// ── Eligibility ──────────────────────────────────────────────────────────────────────
/** Explicit, per-challenge rules. None by default: whoever can do it may bid (谁能干就让谁干). */
export type EligibilityRule =
  | { kind: 'orgKind'; allowed: string[] }
  | { kind: 'region'; prefixes: string[] }
  | { kind: 'maxTeamSize'; max: number };

export interface BidderFacts {
  orgKind: string;
  regionCode: string | null;
  teamSize: number;
  /** Active sanctions that block bidding, with their end date. */
  sanctions: { subject: { zh: string; en: string }; until: string }[];
}

const ORG_KIND_ZH: Record<string, string> = {
  enterprise: '企业',
  university: '高校',
  institute: '科研院所',
  agency: '主管部门',
  grassroots: '基层单位',
};
/** Organisation kinds as words in both languages. */
const orgKinds = (kinds: readonly string[]) => ({
  zh: kinds.map((k) => ORG_KIND_ZH[k] ?? k).join('、'),
  en: kinds.join(', '),
});

/** Every reason this bidder may not bid (empty: eligible). Sanctions always apply. */
export function eligibilityProblems(
  rules: EligibilityRule[],
  f: BidderFacts,
): { field: string; reason: Msg }[] {
  const out: { field: string; reason: Msg }[] = [];
  for (const s of f.sanctions) {
    out.push({
      field: 'commander',
      reason: t('bid.sanctioned', { subject: s.subject, until: s.until }),
    });
  }
  for (const r of rules) {
    switch (r.kind) {
      case 'orgKind':
        if (!r.allowed.includes(f.orgKind)) {
          out.push({
            field: 'hostOrgId',
            reason: t('bid.hostKindNotAllowed', {
              allowed: orgKinds(r.allowed),
              orgKind: orgKinds([f.orgKind]),
            }),
          });
        }
        break;
      case 'region':
        if (!f.regionCode || !r.prefixes.some((p) => f.regionCode?.startsWith(p))) {
          out.push({
            field: 'hostOrgId',
            reason: t('bid.hostRegion', { prefixes: r.prefixes.join(' or ') }),
          });
        }
        break;
      case 'maxTeamSize':
        if (f.teamSize > r.max) out.push({ field: 'members', reason: t('bid.teamTooLarge', { max: r.max }) });
        break;
      default: {
        const never: never = r;
        return never;
      }
    }
  }
  return out;
}

// ── State machines ───────────────────────────────────────────────────────────────────
export const CHALLENGE_STATES = [
  'draft',
  'submitted',
  'returned',
  'rejected',
  'published',
  'evaluating',
  'notice',
  'awarded',
  'cancelled',
] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];
export type ChallengeAction =
  | 'edit'
  | 'submit'
  | 'return'
  | 'reject'
  | 'publish'
  | 'close_bidding'
  | 'announce'
  | 'withdraw_notice'
  | 'award'
  | 'cancel';

export interface ChallengeGuard {
  now: Date;
  deadline: Date;
  noticeEndsAt: Date | null;
  openObjections: number;
  selectedBids: number;
  winnerSlots: number;
  submittedBids: number;
}

export const challengeMachine: Machine<ChallengeState, ChallengeAction, ChallengeGuard> = {
  name: 'challenge',
  label: { zh: '榜单', en: 'challenge' },
  states: CHALLENGE_STATES,
  initial: 'draft',
  transitions: [
    { action: 'edit', from: ['draft', 'returned'], to: 'draft', who: ['owner'] },
    { action: 'submit', from: ['draft', 'returned'], to: 'submitted', who: ['owner'] },
    { action: 'return', from: ['submitted'], to: 'returned', who: ['organizer'] },
    { action: 'reject', from: ['submitted'], to: 'rejected', who: ['organizer'] },
    {
      action: 'publish',
      from: ['submitted'],
      to: 'published',
      who: ['organizer'],
      guard: (g) => (g.deadline > g.now ? null : t('challenge.deadlinePassedReturn')),
    },
    {
      action: 'close_bidding',
      from: ['published'],
      to: 'evaluating',
      who: ['organizer'],
      guard: (g) => (g.now >= g.deadline ? null : t('challenge.biddingOpenUntilDeadline')),
    },
    {
      action: 'announce',
      from: ['evaluating'],
      to: 'notice',
      who: ['organizer'],
      guard: (g) =>
        g.selectedBids === 0
          ? t('challenge.selectABid')
          : g.selectedBids > g.winnerSlots
            ? t('challenge.tooManySelected', { winnerSlots: g.winnerSlots })
            : null,
    },
    { action: 'withdraw_notice', from: ['notice'], to: 'evaluating', who: ['organizer'] },
    {
      action: 'award',
      from: ['notice'],
      to: 'awarded',
      who: ['organizer'],
      guard: (g) =>
        g.noticeEndsAt && g.now < g.noticeEndsAt
          ? t('challenge.noticeNotEnded')
          : g.openObjections > 0
            ? t('challenge.objectionsOpen', { openObjections: g.openObjections })
            : null,
    },
    {
      action: 'cancel',
      from: ['draft', 'returned', 'submitted', 'published', 'evaluating'],
      to: 'cancelled',
      who: ['owner', 'organizer'],
    },
  ],
};

export const BID_STATES = [
  'draft',
  'submitted',
  'withdrawn',
  'selected',
  'awarded',
  'not_selected',
  'cancelled',
] as const;
export type BidState = (typeof BID_STATES)[number];
export type BidAction =
  | 'edit'
  | 'submit'
  | 'withdraw'
  | 'select'
  | 'deselect'
  | 'award'
  | 'decline'
  | 'cancel';

export interface BidGuard {
  now: Date;
  deadline: Date;
  challengeState: ChallengeState;
  unconfirmedMembers: number;
  pledgeSigned: boolean;
  budgetOk: boolean;
}

const beforeDeadline = (g: BidGuard) => (g.now < g.deadline ? null : t('bid.deadlinePassed'));
const biddingOpen = (g: BidGuard) =>
  g.challengeState === 'published' ? beforeDeadline(g) : t('bid.challengeNotOpen');

export const bidMachine: Machine<BidState, BidAction, BidGuard> = {
  name: 'bid',
  label: { zh: '揭榜申请', en: 'bid' },
  states: BID_STATES,
  initial: 'draft',
  transitions: [
    { action: 'edit', from: ['draft', 'submitted'], to: 'draft', who: ['commander'], guard: biddingOpen },
    {
      action: 'submit',
      from: ['draft'],
      to: 'submitted',
      who: ['commander'],
      guard: (g) =>
        biddingOpen(g) ??
        (g.unconfirmedMembers > 0
          ? t('bid.membersUnconfirmed', { unconfirmedMembers: g.unconfirmedMembers })
          : !g.pledgeSigned
            ? t('bid.pledgeUnsigned')
            : !g.budgetOk
              ? t('bid.overBudgetCeiling')
              : null),
    },
    {
      action: 'withdraw',
      from: ['draft', 'submitted'],
      to: 'withdrawn',
      who: ['commander'],
      guard: biddingOpen,
    },
    {
      action: 'select',
      from: ['submitted'],
      to: 'selected',
      who: ['organizer'],
      guard: (g) => (g.challengeState === 'evaluating' ? null : t('bid.selectWhileEvaluating')),
    },
    {
      action: 'deselect',
      from: ['selected'],
      to: 'submitted',
      who: ['organizer'],
      guard: (g) => (g.challengeState === 'evaluating' ? null : t('bid.withdrawNoticeFirst')),
    },
    { action: 'award', from: ['selected'], to: 'awarded', who: ['system'] },
    { action: 'decline', from: ['submitted'], to: 'not_selected', who: ['system'] },
    // The challenge was cancelled: its open bids end with it.
    { action: 'cancel', from: ['draft', 'submitted', 'selected'], to: 'cancelled', who: ['system'] },
  ],
};

export const TASK_BOOK_STATES = ['drafting', 'active', 'accepted', 'honest_failure', 'misconduct'] as const;
export type TaskBookState = (typeof TASK_BOOK_STATES)[number];
export type TaskBookAction =
  | 'revise'
  | 'sign'
  | 'activate'
  | 'report'
  | 'accept'
  | 'fail_honest'
  | 'fail_misconduct';

export interface TaskBookGuard {
  signedByProposer: boolean;
  signedByCommander: boolean;
  allTargetsJudged: boolean;
  outcome: AcceptanceOutcome | null;
}

export const taskBookMachine: Machine<TaskBookState, TaskBookAction, TaskBookGuard> = {
  name: 'task book',
  label: { zh: '任务书', en: 'task book' },
  states: TASK_BOOK_STATES,
  initial: 'drafting',
  transitions: [
    { action: 'revise', from: ['drafting'], to: 'drafting', who: ['proposer', 'commander'] },
    { action: 'sign', from: ['drafting'], to: 'drafting', who: ['proposer', 'commander'] },
    {
      action: 'activate',
      from: ['drafting'],
      to: 'active',
      who: ['system'],
      guard: (g) => (g.signedByProposer && g.signedByCommander ? null : t('taskBook.bothMustSign')),
    },
    { action: 'report', from: ['active'], to: 'active', who: ['commander'] },
    {
      action: 'accept',
      from: ['active'],
      to: 'accepted',
      who: ['proposer'],
      guard: (g) =>
        !g.allTargetsJudged
          ? t('taskBook.judgeEveryTarget')
          : g.outcome === 'accepted'
            ? null
            : t('taskBook.mandatoryNotMet'),
    },
    {
      action: 'fail_honest',
      from: ['active'],
      to: 'honest_failure',
      who: ['organizer'],
      guard: (g) =>
        !g.allTargetsJudged
          ? t('taskBook.judgeEveryTarget')
          : g.outcome === 'not_met'
            ? null
            : t('taskBook.allMandatoryMet'),
    },
    {
      action: 'fail_misconduct',
      from: ['active'],
      to: 'misconduct',
      who: ['organizer'],
      guard: (g) => (g.allTargetsJudged ? null : t('taskBook.judgeEveryTarget')),
    },
  ],
};

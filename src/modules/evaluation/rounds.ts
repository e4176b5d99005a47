// Review rounds, pure: the state machine as data (one table for the whole life of a round), the
// rubric shape and its checks, pseudonyms. The assignment side owns draft → assigning → reviewing;
// consensus, ranking and closing belong to the review/ranking side (review*.ts, ranking*.ts),
// which uses the same table through `roundMachine`.
import { decide, type Machine } from '../../core/workflow/machine.ts';
import { type Msg, t } from '../../i18n/messages.ts';

export const ROUND_STATES = ['draft', 'assigning', 'reviewing', 'consensus', 'ranked', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];
export type RoundAction =
  | 'edit'
  | 'assign'
  | 'rerun'
  | 'open_reviews'
  | 'to_consensus'
  | 'rank'
  | 'close'
  | 'reopen_assignment';

export interface RoundGuard {
  /** Active assignments (assigned or submitted) of the round. */
  assignments: number;
  /** Items with fewer active reviewers than k. */
  itemsShort: number;
  /** An assignment run still running. */
  running: boolean;
}

const notRunning = (g: RoundGuard) => (g.running ? t('round.assignmentRunning') : null);

/** Every transition of a review round; `who` is the actor's relation ('organizer' of the challenge). */
export const roundMachine: Machine<RoundState, RoundAction, RoundGuard> = {
  name: 'review round',
  label: { zh: '评审轮', en: 'review round' },
  states: ROUND_STATES,
  initial: 'draft',
  transitions: [
    { action: 'edit', from: ['draft', 'assigning'], to: 'draft', who: ['organizer'], guard: notRunning },
    { action: 'assign', from: ['draft'], to: 'assigning', who: ['organizer'], guard: notRunning },
    {
      action: 'rerun',
      from: ['assigning', 'reviewing'],
      to: 'assigning',
      who: ['organizer'],
      guard: notRunning,
    },
    {
      action: 'open_reviews',
      from: ['assigning'],
      to: 'reviewing',
      who: ['organizer'],
      guard: (g) => notRunning(g) ?? (g.assignments === 0 ? t('round.noExpertAssigned') : null),
    },
    // Owned by the review/ranking side.
    { action: 'to_consensus', from: ['reviewing'], to: 'consensus', who: ['organizer'] },
    { action: 'rank', from: ['consensus'], to: 'ranked', who: ['organizer'] },
    { action: 'close', from: ['ranked'], to: 'closed', who: ['organizer'] },
  ],
};

/** The state after `action`, or the refusal (code and reason). */
export function nextRoundState(
  state: RoundState,
  action: RoundAction,
  relations: ReadonlySet<string>,
  g: RoundGuard,
) {
  return decide(roundMachine, state, action, relations, g);
}

/** Open rounds count towards an expert's current load. */
export const OPEN_ROUND_STATES: readonly RoundState[] = ['assigning', 'reviewing', 'consensus', 'ranked'];

export interface Descriptor {
  score: number;
  zh: string;
  en: string;
}

export interface Criterion {
  key: string;
  nameZh: string;
  nameEn: string;
  /** Percent weight; the weights of a rubric sum to 100. */
  weight: number;
  min: number;
  max: number;
  descriptors: Descriptor[];
}

/** Why a rubric is refused (field path and reason), or null. */
export function rubricProblem(rubric: readonly Criterion[]): { field: string; reason: Msg } | null {
  if (rubric.length === 0) return { field: 'rubric', reason: t('round.rubricEmpty') };
  const keys = new Set<string>();
  let sum = 0;
  for (const [i, c] of rubric.entries()) {
    if (keys.has(c.key)) return { field: `rubric.${i}.key`, reason: t('round.criterionKeyTwice') };
    keys.add(c.key);
    if (!(c.max > c.min)) return { field: `rubric.${i}.max`, reason: t('round.maxAboveMin') };
    for (const [j, d] of c.descriptors.entries())
      if (d.score < c.min || d.score > c.max)
        return {
          field: `rubric.${i}.descriptors.${j}.score`,
          reason: t('round.descriptorOutOfRange', { min: c.min, max: c.max }),
        };
    sum += c.weight;
  }
  if (Math.abs(sum - 100) > 1e-9) return { field: 'rubric', reason: t('round.weightsSum', { sum }) };
  return null;
}

/** The n-th per-item pseudonym: A…Z, AA, AB… (applicants only ever see these). */
export function pseudonym(n: number): string {
  let s = '';
  let x = n;
  do {
    s = String.fromCharCode(65 + (x % 26)) + s;
    x = Math.floor(x / 26) - 1;
  } while (x >= 0);
  return s;
}

/** The first `count` pseudonyms not yet used on an item. */
export function freshPseudonyms(used: ReadonlySet<string>, count: number): string[] {
  const out: string[] = [];
  for (let n = 0; out.length < count; n++) {
    const p = pseudonym(n);
    if (!used.has(p)) out.push(p);
  }
  return out;
}

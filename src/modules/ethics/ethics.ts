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

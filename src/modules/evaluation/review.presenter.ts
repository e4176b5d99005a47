// Shapes every review response for its viewer. This file is where blindness is decided:
// applicants get pseudonyms and comments to the applicant only; reviewers get the others'
// reviews (pseudonymous, without confidential comments) only once their own is submitted;
// the organizer sees who wrote what.
import type { Selectable } from 'kysely';
import type { ReviewAppealTable } from '../../db/schema.ts';
import type { ItemRole } from './review.access.ts';
import type { ItemAssignment } from './review.repo.ts';

const num = (v: string | null) => (v === null ? null : Number(v));

export interface PresentedReview {
  pseudonym: string;
  scores: Record<string, number>;
  total: number | null;
  confidence?: number | null;
  commentApplicant: string;
  commentConfidential?: string;
  state?: string;
  assignmentId?: string;
  expertId?: string;
  expertNameZh?: string;
  expertNameEn?: string;
  assignmentState?: string;
  submittedAt?: Date | null;
}

/** Whether applicants may read the reviews of their bid yet (embargoed while reviewing). */
export function releasedToApplicant(roundState: string, rebuttalOpen: boolean): boolean {
  return ['consensus', 'ranked', 'closed'].includes(roundState) || rebuttalOpen;
}

/** Reviews of one item as the given viewer may see them. `names` maps expert ids (organizer only). */
export function presentReviews(
  role: ItemRole,
  rows: ItemAssignment[],
  opts: { released: boolean; names: Map<string, { zh: string; en: string }> },
): PresentedReview[] {
  const submitted = rows.filter((r) => r.review_state === 'submitted' && r.state === 'submitted');
  switch (role.kind) {
    case 'organizer':
      return rows.map((r) => ({
        assignmentId: r.id,
        pseudonym: r.pseudonym,
        expertId: r.expert_id,
        expertNameZh: opts.names.get(r.expert_id)?.zh ?? '',
        expertNameEn: opts.names.get(r.expert_id)?.en ?? '',
        assignmentState: r.state,
        state: r.review_state ?? 'none',
        scores: r.scores ?? {},
        total: num(r.total),
        confidence: r.confidence,
        commentApplicant: r.comment_applicant ?? '',
        commentConfidential: r.comment_confidential ?? '',
        submittedAt: r.submitted_at,
      }));
    case 'reviewer': {
      const mine = rows.find((r) => r.id === role.assignment.id);
      if (mine?.review_state !== 'submitted') return [];
      return submitted
        .filter((r) => r.id !== mine.id)
        .map((r) => ({
          pseudonym: r.pseudonym,
          scores: r.scores ?? {},
          total: num(r.total),
          confidence: r.confidence,
          commentApplicant: r.comment_applicant ?? '',
        }));
    }
    case 'applicant':
      if (!opts.released) return [];
      return submitted.map((r) => ({
        pseudonym: r.pseudonym,
        scores: r.scores ?? {},
        total: num(r.total),
        commentApplicant: r.comment_applicant ?? '',
      }));
  }
}

/** The reviewer's own sheet. */
export function presentMine(row: ItemAssignment | undefined) {
  return {
    assignmentId: row?.id ?? '',
    pseudonym: row?.pseudonym ?? '',
    state: row?.review_state ?? 'none',
    scores: row?.scores ?? {},
    total: num(row?.total ?? null),
    confidence: row?.confidence ?? null,
    commentApplicant: row?.comment_applicant ?? '',
    commentConfidential: row?.comment_confidential ?? '',
    savedAt: row?.saved_at ?? null,
    submittedAt: row?.submitted_at ?? null,
  };
}

/** An appeal against a ranking, as its parties and the organizers see it. */
export const presentAppeal = (p: Selectable<ReviewAppealTable>) => ({
  id: p.id,
  bidId: p.bid_id,
  ground: p.ground,
  statement: p.statement,
  state: p.state,
  decisionReasons: p.decision_reasons,
  filedAt: p.filed_at,
  decidedAt: p.decided_at,
});

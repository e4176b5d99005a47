// Shapes of the review API's responses as the pages use them.

export interface Criterion {
  key: string;
  nameZh: string;
  nameEn: string;
  weight: number;
  min: number;
  max: number;
  descriptors: { score: number; zh: string; en: string }[];
}

export interface ReviewView {
  pseudonym: string;
  scores: Record<string, number>;
  total: number | null;
  confidence?: number | null;
  commentApplicant: string;
  commentConfidential?: string;
  state?: string;
  assignmentId?: string;
  expertNameZh?: string;
  assignmentState?: string;
}

export interface ConsensusView {
  majority: string;
  minority: string;
  recommendation: string;
  state: 'open' | 'proposed' | 'accepted';
  rapporteurPseudonym?: string;
  rapporteurAssignmentId?: string;
  mine?: boolean;
}

export interface AppealView {
  id: string;
  ground: string;
  statement: string;
  state: 'pending' | 'upheld' | 'dismissed';
  decisionReasons: string;
  filedAt: string;
}

export interface ItemView {
  round: {
    id: string;
    titleZh: string;
    titleEn: string;
    state: string;
    dueAt: string;
    overdue: boolean;
    rebuttalAllowed: boolean;
  };
  viewer: 'organizer' | 'reviewer' | 'applicant';
  rubric: Criterion[];
  proposal: {
    bidId: string;
    challengeTitleZh: string;
    challengeTitleEn: string;
    applicantOrgZh: string;
    applicantOrgEn: string;
    technicalRoute: string;
    budgetFen: number;
    milestones: { title?: string; due?: string; deliverables?: string }[];
  };
  myReview: {
    assignmentId: string;
    pseudonym: string;
    state: 'none' | 'draft' | 'submitted';
    scores: Record<string, number>;
    total: number | null;
    confidence: number | null;
    commentApplicant: string;
    commentConfidential: string;
  } | null;
  reviews: ReviewView[];
  reviewsReleased: boolean;
  consensus: ConsensusView | null;
  rebuttalWindow: { opensAt: string; closesAt: string; open: boolean } | null;
  rebuttal: { body: string; submittedAt: string } | null;
  canRebut: boolean;
  appeals: AppealView[];
}

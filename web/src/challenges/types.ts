// What the challenge API returns (see src/modules/challenges/*.service.ts).
import type { Attachment } from './Attachments.tsx';

export type ChallengeState =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'rejected'
  | 'published'
  | 'evaluating'
  | 'notice'
  | 'awarded'
  | 'cancelled';

export interface Target {
  id: string;
  metric: string;
  unit: string;
  comparator: 'gte' | 'lte' | 'eq' | 'range';
  threshold: string;
  thresholdHigh: string | null;
  verification: string;
  verifier: 'proposer' | 'lab' | 'panel';
  verifierName: string;
  mandatory: boolean;
}

export interface ChallengeSummary {
  id: string;
  state: ChallengeState;
  orgId: string;
  orgNameZh: string;
  orgNameEn: string;
  titleZh: string;
  titleEn: string;
  disciplineCodes: string[];
  keywords: string[];
  regionCode: string | null;
  budgetCeilingFen: number;
  deadline: string;
  mode: 'single' | 'multiple' | 'race';
  winnerSlots: number;
}

export interface Challenge extends ChallengeSummary {
  organiserOrgId: string;
  version: number;
  statementZh: string;
  statementEn: string;
  cofundFen: number;
  durationMonths: number;
  ipTerms: string;
  eligibility: unknown[];
  ethicsCategories?: string[];
  noticeDays: number;
  noticeEndsAt: string | null;
  publishedAt: string | null;
  targets: Target[];
  relations: string[];
  actions: string[];
  bidCount: number;
  openObjections: number;
  /** In notice: the intended winners; once awarded: the winners (public). */
  noticeWinners: NoticeWinner[];
  vetting: { action: string; comment: string; at: string; by: string }[];
  taskBooks: { id: string; bidId: string; state: string }[];
  attachments: Attachment[];
  /** The enterprise technology demand this challenge was made from. */
  fromDemand: { id: string; nameZh: string; nameEn: string } | null;
}

export interface NoticeWinner {
  bidId: string;
  commanderName: string;
  commanderNameEn: string;
  hostOrgNameZh: string;
  hostOrgNameEn: string;
  budgetFen: number;
}

export interface BidListItem {
  id: string;
  state: string;
  commanderName: string;
  budgetFen: number;
  submittedAt: string | null;
  organizerScore: number | null;
  proposerFit: number | null;
  /** The expert ranking when a review round ranked the bids, else the organizer's scores. */
  evaluation: {
    source: 'expert_ranking' | 'organizer';
    score: number | null;
    rank: number | null;
    standardError: number | null;
    count: number;
    decision: { roundId: string; version: number; inputsSha256: string; decidedAt: string } | null;
  } | null;
}

export interface Milestone {
  title: string;
  due: string;
  deliverables: string;
  targetValues: Record<string, string>;
}

export interface Bid {
  id: string;
  challengeId: string;
  challengeTitleZh: string;
  challengeTitleEn: string;
  state: string;
  version: number;
  hostOrgId: string;
  hostOrgName: string;
  commanderId: string;
  commanderName: string;
  technicalRoute: string;
  budgetFen: number;
  milestones: Milestone[];
  pledge: { commitments: string; consequences: string };
  ethicsCategories?: string[];
  pledgeVersion: number;
  /** SHA-256 of what the signatures cover: commitments, consequences, milestones, budget. */
  pledgeDigest: string;
  /** Signed versions, newest first. */
  pledgeVersions: {
    version: number;
    digest: string;
    commanderSignedBy: string | null;
    commanderSignedAt: string | null;
    hostSignedBy: string | null;
    hostSignedAt: string | null;
  }[];
  pledgeSignedByCommander: boolean;
  pledgeSignedByHost: boolean;
  submittedAt: string | null;
  members: { personId: string; name: string; title: string; role: string; confirmed: boolean }[];
  scores: { kind: string; score: number; comment: string }[];
  actions: string[];
}

export interface Objection {
  id: string;
  text: string;
  state: string;
  resolution: string | null;
  createdAt: string;
}

export interface TaskBook {
  id: string;
  attachments: Attachment[];
  challengeId: string;
  bidId: string;
  state: 'drafting' | 'active' | 'accepted' | 'honest_failure' | 'misconduct';
  revision: number;
  titleZh: string;
  titleEn: string;
  proposerOrg: string;
  proposerOrgEn: string;
  hostOrg: string;
  hostOrgEn: string;
  commanderName: string;
  budgetFen: number;
  targets: Target[];
  targetsDigest: string;
  milestones: Milestone[];
  tranches: { label: string; amountFen: number; condition: string }[];
  signedByProposer: boolean;
  signedByCommander: boolean;
  /** Who signed for each party and when (UTC). */
  signatures: Record<'proposer' | 'commander', { name: string; nameEn: string; at: string } | null>;
  reports: {
    id: string;
    milestoneNo: number;
    summary: string;
    measured: Record<string, string>;
    submittedAt: string;
    reviewState: string;
    reviewComment: string | null;
    /** Evidence files of this report. */
    attachments: Attachment[];
    /** One verdict per reviewer (proposer, organizer, named expert). */
    reviews: {
      reviewerId: string;
      reviewerName: string;
      role: 'proposer' | 'organizer' | 'expert';
      decision: 'accepted' | 'revise';
      comment: string;
      reviewedAt: string;
    }[];
    awaitingExperts: { id: string; name: string }[];
  }[];
  /** Experts the organizer named to review the delivery. */
  experts: { id: string; name: string; namedAt: string }[];
  judgements: {
    targetId: string;
    measured: string;
    evidence: string;
    verifier: string;
    verifierKind: 'proposer' | 'lab' | 'panel' | null;
    verifierReason: string;
    evidenceAttachmentIds: string[];
    met: boolean;
  }[];
  outcome: 'accepted' | 'not_met' | null;
  relations: string[];
  actions: string[];
}

/** Ethics categories a challenge may involve and a bid declares (server: src/modules/ethics/ethics.ts). */
export const ETHICS_CATEGORIES = [
  'human_subjects',
  'animals',
  'biosafety',
  'ai',
  'gene_editing',
  'personal_data',
  'environment',
] as const;

/** What anyone signed in may see of a person (GET /api/people). */
export interface PublicPerson {
  id: string;
  nameZh: string;
  nameEn: string;
  title: string;
  currentOrg: string | null;
}

export interface Organisation {
  id: string;
  kind: string;
  nameZh: string;
  nameEn: string;
  regionCode: string | null;
}

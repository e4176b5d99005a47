// Query and response schemas of the lists that grow (public challenges, my challenges, my bids,
// the bids of a challenge, task books found by title) and the bid's submission checklist.
import { z } from 'zod';
import { NameRef } from '../../http/names.ts';
import { pageOf, pageQuery } from '../../http/paging.ts';
import { CHALLENGE_SORTS, MY_BID_SORTS } from './challenges.repo.ts';
import { ChallengeQuery } from './challenges.schema.ts';
import { BID_STATES, CHALLENGE_STATES, TASK_BOOK_STATES } from './challenges.ts';
import { TASK_BOOK_SORTS } from './delivery.repo.ts';

export const PublicChallengeQuery = ChallengeQuery.extend(
  pageQuery(CHALLENGE_SORTS).extend({ order: z.enum(['asc', 'desc']).default('asc') }).shape,
);
export type PublicChallengeQuery = z.infer<typeof PublicChallengeQuery>;

export const MyChallengesQuery = pageQuery([
  'updatedAt',
  'deadline',
  'publishedAt',
  'budget',
  'title',
]).extend({
  q: z.string().trim().max(200).optional(),
  state: z.enum(CHALLENGE_STATES).optional(),
});
export type MyChallengesQuery = z.infer<typeof MyChallengesQuery>;

export const MyBidsQuery = pageQuery(MY_BID_SORTS).extend({ state: z.enum(BID_STATES).optional() });
export type MyBidsQuery = z.infer<typeof MyBidsQuery>;

export const ChallengeBidsQuery = pageQuery(['rank', 'submittedAt', 'budget']).extend({
  order: z.enum(['asc', 'desc']).default('asc'),
  state: z.enum(BID_STATES).optional(),
});
export type ChallengeBidsQuery = z.infer<typeof ChallengeBidsQuery>;

export const TaskBookSearchQuery = pageQuery(TASK_BOOK_SORTS).extend({
  /** Part of the challenge's title, Chinese or English. */
  q: z.string().trim().max(200).optional(),
  state: z.enum(TASK_BOOK_STATES).optional(),
  /** Only task books the reader organizes that may still be funded (drafting or active, no award). */
  fundable: z
    .enum(['true', 'false'])
    .transform((x) => x === 'true')
    .optional(),
});
export type TaskBookSearchQuery = z.infer<typeof TaskBookSearchQuery>;

export const ChallengeSummary = z.object({
  id: z.string(),
  state: z.string(),
  orgId: z.string(),
  orgNameZh: z.string(),
  orgNameEn: z.string(),
  org: NameRef,
  organiser: NameRef,
  titleZh: z.string(),
  titleEn: z.string(),
  disciplineCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  regionCode: z.string().nullable(),
  budgetCeilingFen: z.number(),
  deadline: z.string(),
  publishedAt: z.string().nullable(),
  mode: z.string(),
  winnerSlots: z.number(),
});
export const ChallengePage = pageOf(ChallengeSummary);

export const MyBid = z.object({
  id: z.string(),
  state: z.string(),
  challenge: NameRef,
  challengeState: z.string(),
  deadline: z.string(),
  isCommander: z.boolean(),
  commander: NameRef,
  hostOrg: NameRef,
  budgetFen: z.number(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export const MyBidPage = pageOf(MyBid);

export const ChallengeBid = z.object({
  id: z.string(),
  state: z.string(),
  commanderName: z.string(),
  commander: NameRef,
  hostOrg: NameRef,
  budgetFen: z.number(),
  submittedAt: z.string().nullable(),
  organizerScore: z.number().nullable(),
  proposerFit: z.number().nullable(),
  evaluation: z
    .object({
      source: z.string(),
      score: z.number().nullable(),
      rank: z.number().nullable(),
      standardError: z.number().nullable(),
      count: z.number(),
      decision: z
        .object({ roundId: z.string(), version: z.number(), inputsSha256: z.string(), decidedAt: z.string() })
        .nullable(),
    })
    .nullable(),
});
export const ChallengeBidPage = pageOf(ChallengeBid);

export const TaskBookListItem = z.object({
  id: z.string(),
  state: z.string(),
  budgetFen: z.number(),
  createdAt: z.string(),
  challenge: NameRef,
  bidId: z.string(),
  commander: NameRef,
  hostOrg: NameRef,
  proposerOrg: NameRef,
});
export const TaskBookPage = pageOf(TaskBookListItem);

/** One thing a draft bid still needs before it can be submitted, and who must do it. */
export const MissingItem = z.object({
  code: z.enum(['bidding_closed', 'member_confirmation', 'commander_signature', 'host_signature', 'budget']),
  what: z.string(),
  who: z.string(),
});
export type MissingItem = z.infer<typeof MissingItem>;

const Milestone = z.object({
  title: z.string(),
  due: z.string(),
  deliverables: z.string(),
  targetValues: z.record(z.string(), z.string()),
});
const Signer = z.object({ nameZh: z.string(), nameEn: z.string() }).nullable();

/** One bid as its team, its host organisation and (once bidding closed) its evaluators see it. */
export const BidDetail = z.object({
  id: z.string(),
  challengeId: z.string(),
  challengeTitleZh: z.string(),
  challengeTitleEn: z.string(),
  challenge: NameRef,
  challengeState: z.string(),
  deadline: z.string(),
  budgetCeilingFen: z.number(),
  state: z.string(),
  version: z.number(),
  hostOrgId: z.string(),
  hostOrgName: z.string(),
  hostOrg: NameRef,
  commanderId: z.string(),
  commanderName: z.string(),
  commander: NameRef,
  missing: z.array(MissingItem),
  technicalRoute: z.string(),
  budgetFen: z.number(),
  milestones: z.array(Milestone),
  pledge: z.object({ commitments: z.string(), consequences: z.string() }),
  pledgeVersion: z.number(),
  pledgeDigest: z.string(),
  pledgeVersions: z.array(
    z.object({
      version: z.number(),
      digest: z.string(),
      commanderSignedBy: z.string().nullable(),
      commanderSigner: Signer,
      commanderSignedAt: z.string().nullable(),
      hostSignedBy: z.string().nullable(),
      hostSigner: Signer,
      hostSignedAt: z.string().nullable(),
    }),
  ),
  ethicsCategories: z.array(z.string()),
  ethicsReview: z
    .object({ id: z.string(), state: z.string(), conditions: z.string(), dueAt: z.string() })
    .nullable(),
  targets: z.array(z.object({ id: z.string(), metric: z.string(), unit: z.string() })),
  viewer: z.object({
    commander: z.boolean(),
    member: z.boolean(),
    hostAdmin: z.boolean(),
    evaluator: z.boolean(),
  }),
  pledgeSignedByCommander: z.boolean(),
  pledgeSignedByHost: z.boolean(),
  submittedAt: z.string().nullable(),
  members: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      nameZh: z.string(),
      nameEn: z.string(),
      title: z.string(),
      role: z.string(),
      confirmed: z.boolean(),
    }),
  ),
  scores: z.array(z.object({ kind: z.string(), score: z.number(), comment: z.string() })),
  actions: z.array(z.string()),
});

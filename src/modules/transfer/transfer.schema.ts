// Response shapes of the transfer API (they carry the typed web client).
import { z } from 'zod';
import { ACHIEVEMENT_KINDS, OFFERS } from './transfer.ts';

const Name = z.object({ zh: z.string(), en: z.string() });
const iso = z.string();

export const AchievementView = z.object({
  id: z.string(),
  orgId: z.string(),
  org: Name,
  state: z.enum(['draft', 'listed', 'withdrawn']),
  kind: z.string(),
  ipNumber: z.string().nullable(),
  patentKind: z.string().nullable(),
  filingYear: z.number().nullable(),
  title: Name,
  abstract: Name,
  keywords: z.array(z.string()),
  disciplineCodes: z.array(z.string()),
  ipcCodes: z.array(z.string()),
  trl: z.number(),
  offers: z.array(z.string()),
  askingPriceFen: z.number().nullable(),
  source: z.object({ challengeId: z.string(), title: Name }).nullable(),
  inventors: z.array(z.object({ name: Name, shareBp: z.number(), onPlatform: z.boolean() })),
  listedAt: iso.nullable(),
  canEdit: z.boolean(),
  canExpressInterest: z.boolean(),
});

const page = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

export const AchievementPage = page(
  z.object({
    id: z.string(),
    title: Name,
    org: Name,
    kind: z.string(),
    state: z.string(),
    ipNumber: z.string().nullable(),
    trl: z.number(),
    offers: z.array(z.string()),
    askingPriceFen: z.number().nullable(),
    keywords: z.array(z.string()),
  }),
);

/** A pre-filled achievement to list (the body of POST /transfer/achievements, before review). */
export const AchievementDraft = z.object({
  orgId: z.string(),
  kind: z.enum(ACHIEVEMENT_KINDS),
  titleZh: z.string(),
  titleEn: z.string(),
  abstractZh: z.string(),
  abstractEn: z.string(),
  keywords: z.array(z.string()),
  disciplineCodes: z.array(z.string()),
  ipcCodes: z.array(z.string()),
  trl: z.number(),
  offers: z.array(z.enum(OFFERS)),
  inventors: z.array(
    z.object({ personId: z.string(), nameZh: z.string(), nameEn: z.string(), shareBp: z.number() }),
  ),
  sourceTaskBookId: z.string(),
});

export const DemandView = z.object({
  id: z.string(),
  orgId: z.string(),
  org: Name,
  state: z.enum(['open', 'closed', 'promoted']),
  title: Name,
  problem: Name,
  keywords: z.array(z.string()),
  disciplineCodes: z.array(z.string()),
  industryCode: z.string().nullable(),
  regionCode: z.string().nullable(),
  budgetMinFen: z.number(),
  budgetMaxFen: z.number(),
  deadline: z.string(),
  promotedChallengeId: z.string().nullable(),
  promotedChallenge: z.object({ id: z.string(), title: Name }).nullable(),
  alert: z.boolean().nullable(),
  canEdit: z.boolean(),
  canPromote: z.boolean(),
});

export const DemandPage = page(
  z.object({
    id: z.string(),
    title: Name,
    org: Name,
    state: z.string(),
    budgetMinFen: z.number(),
    budgetMaxFen: z.number(),
    deadline: z.string(),
    keywords: z.array(z.string()),
  }),
);

const Explained = {
  id: z.string(),
  score: z.number(),
  words: z.array(z.object({ term: z.string(), points: z.number() })),
  codes: z.array(z.object({ code: z.string(), points: z.number() })),
  title: Name,
  org: Name,
};
export const AchievementMatches = z.array(
  z.object({ ...Explained, kind: z.string(), askingPriceFen: z.number().nullable() }),
);
export const DemandMatches = z.array(
  z.object({ ...Explained, budgetMaxFen: z.number(), deadline: z.string() }),
);

const Signature = z.object({ by: Name, at: iso }).nullable();
export const DealView = z.object({
  id: z.string(),
  state: z.enum(['negotiating', 'proposed', 'notice', 'signing', 'signed', 'registered', 'cancelled']),
  achievement: z.object({ id: z.string(), title: Name, kind: z.string(), ipNumber: z.string().nullable() }),
  seller: Name,
  buyer: Name,
  you: z.object({ side: z.enum(['seller', 'buyer']).nullable(), office: z.boolean() }),
  terms: z
    .object({
      mode: z.string(),
      priceFen: z.number(),
      pricing: z.string(),
      pricingRef: z.string(),
      paymentSchedule: z.array(z.object({ due: z.string(), amountFen: z.number() })),
      royaltyBp: z.number(),
      field: z.string(),
      territory: z.string(),
      termMonths: z.number().nullable(),
      proposedBy: z.string().nullable(),
    })
    .nullable(),
  noticeDays: z.number(),
  noticeStartsAt: iso.nullable(),
  noticeEndsAt: iso.nullable(),
  noticeOver: z.boolean(),
  signatures: z.object({ seller: Signature, buyer: Signature }),
  registration: z
    .object({
      number: z.string(),
      contractType: z.string().nullable(),
      amountFen: z.number().nullable(),
      taxYear: z.number().nullable(),
      at: iso,
    })
    .nullable(),
  messages: z.array(z.object({ id: z.string(), author: Name, side: z.string(), body: z.string(), at: iso })),
  objections: z.array(
    z.object({
      id: z.string(),
      author: Name,
      text: z.string(),
      state: z.string(),
      resolution: z.string(),
      at: iso,
    }),
  ),
  payments: z.array(z.object({ id: z.string(), amountFen: z.number(), receivedOn: z.string() })),
  receivedFen: z.number(),
  undistributedFen: z.number(),
  distributions: z.array(
    z.object({
      id: z.string(),
      basis: z.string(),
      incomeFen: z.number(),
      costsFen: z.number(),
      netFen: z.number(),
      rule: z.string(),
      rateBp: z.number(),
      unitRuleText: z.string(),
      poolFen: z.number(),
      steps: z.array(z.object({ rule: z.string(), formula: z.string() })),
      rewards: z.array(z.object({ name: Name, shareBp: z.number(), amountFen: z.number() })),
      at: iso,
    }),
  ),
  openObjections: z.number(),
  can: z.object({
    propose: z.boolean(),
    accept: z.boolean(),
    sign: z.boolean(),
    register: z.boolean(),
    cancel: z.boolean(),
    pay: z.boolean(),
    distribute: z.boolean(),
  }),
  createdAt: iso,
});

export const DealList = z.array(
  z.object({
    id: z.string(),
    achievement: Name,
    seller: Name,
    buyer: Name,
    state: z.string(),
    priceFen: z.number().nullable(),
    updatedAt: iso,
  }),
);

export const NoticeList = z.array(
  z.object({
    dealId: z.string(),
    achievement: Name,
    seller: Name,
    buyer: Name,
    mode: z.string().nullable(),
    priceFen: z.number().nullable(),
    startsAt: iso.nullable(),
    endsAt: iso.nullable(),
    over: z.boolean(),
    objected: z.boolean(),
  }),
);

export const RegisteredContracts = z.array(
  z.object({
    dealId: z.string(),
    registrationNo: z.string(),
    name: Name,
    contractType: z.string().nullable(),
    amountFen: z.number(),
    receivedFen: z.number(),
    technology: z.string(),
    mode: z.string(),
  }),
);

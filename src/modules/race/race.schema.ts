// Request schemas of the horse race: creation with stages, rules and the tranche plan, evaluation
// inputs, gate decisions, objections, withdrawal, merging and ending early.
import { z } from 'zod';
import { pageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { RACE_STATES, REASON_CODES, SCORE_SOURCES } from './race.ts';

/** The race list: page, sort, and optionally one state. */
export const RaceListQuery = pageQuery(['createdAt', 'award']).extend({
  state: z.enum(RACE_STATES).optional(),
});

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, { message: zkey('validation.required') });
const decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, { message: zkey('validation.decimal') });
/** An expert score: 0–100 with at most two decimals. */
const score = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, { message: zkey('validation.score') })
  .refine((s) => Number(s) <= 100, { message: zkey('validation.atMost100') });
const fen = z.number().int({ message: zkey('validation.wholeFen') });
const isoDateTime = z.iso.datetime({
  offset: true,
  message: zkey('validation.format.datetime'),
});
const percent = z
  .number()
  .int({ message: zkey('validation.wholePercent') })
  .min(0)
  .max(100);

export const AdvanceRuleInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('top_k'), k: z.number().int().min(1).max(100) }),
  z.strictObject({ kind: z.literal('threshold'), minScore: score }),
  z.strictObject({
    kind: z.literal('top_k_threshold'),
    k: z.number().int().min(1).max(100),
    minScore: score,
  }),
  z.strictObject({ kind: z.literal('targets_met'), targetIds: z.array(z.uuid()).min(1).max(30) }),
]);

export const TieBreakInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('target'), targetId: z.uuid() }),
  z.strictObject({ kind: z.literal('earlier_submission') }),
  z.strictObject({ kind: z.literal('lot') }),
]);

export const StageInput = z
  .strictObject({
    titleZh: required(200),
    titleEn: text(300).default(''),
    gateAt: isoDateTime,
    targetIds: z
      .array(z.uuid({ message: zkey('validation.challengeTargets') }))
      .min(1)
      .max(30),
    /** Interim threshold per target shown at this stage (defaults to the frozen threshold). */
    targetValues: z.record(z.uuid(), decimal).default({}),
    evidence: required(2000),
    /** Where the gate's expert scores come from: typed in, or the calibrated ranking of the stage's review round. */
    scoreSource: z.enum(SCORE_SOURCES).default('manual'),
    /** Teams must submit their own evidence for this stage; a team without it does not advance. */
    evidenceRequired: z.boolean().default(false),
    rule: AdvanceRuleInput,
    tieBreak: z.array(TieBreakInput).min(1).max(6),
  })
  .superRefine((s, c) => {
    const ids = new Set(s.targetIds);
    if (ids.size !== s.targetIds.length)
      c.addIssue({ code: 'custom', message: zkey('validation.targetTwice'), path: ['targetIds'] });
    if (s.rule.kind === 'targets_met') {
      s.rule.targetIds.forEach((id, i) => {
        if (!ids.has(id))
          c.addIssue({
            code: 'custom',
            message: zkey('validation.stageTarget'),
            path: ['rule', 'targetIds', i],
          });
      });
    }
    for (const id of Object.keys(s.targetValues)) {
      if (!ids.has(id))
        c.addIssue({
          code: 'custom',
          message: zkey('validation.stageTarget'),
          path: ['targetValues', id],
        });
    }
    s.tieBreak.forEach((tb, i) => {
      if (tb.kind === 'target' && !ids.has(tb.targetId))
        c.addIssue({
          code: 'custom',
          message: zkey('validation.stageTarget'),
          path: ['tieBreak', i, 'targetId'],
        });
      if (tb.kind === 'lot' && i !== s.tieBreak.length - 1)
        c.addIssue({ code: 'custom', message: zkey('validation.lotLast'), path: ['tieBreak', i] });
    });
    if (s.tieBreak.at(-1)?.kind !== 'lot')
      c.addIssue({
        code: 'custom',
        message: zkey('validation.endWithLot'),
        path: ['tieBreak'],
      });
  });
export type StageInput = z.infer<typeof StageInput>;

export const TranchePlanInput = z.strictObject({
  signingPercent: percent,
  signingCapFen: fen.min(0),
  stages: z
    .array(
      z.strictObject({
        sharePercent: percent,
        rankWeights: z.array(z.number().int().min(1).max(100)).min(1).max(20),
      }),
    )
    .min(1)
    .max(10),
});

export const RaceBody = z
  .strictObject({
    challengeId: z.uuid({ message: zkey('validation.raceChallengeId') }),
    awardFen: fen.positive({ message: zkey('validation.positive2') }).max(10_000_000_000_000),
    noticeDays: z.number().int().min(1).max(30).default(5),
    tranchePlan: TranchePlanInput,
    stages: z
      .array(StageInput)
      .min(1, { message: zkey('validation.oneStage') })
      .max(10),
  })
  .superRefine((b, c) => {
    for (let i = 1; i < b.stages.length; i++) {
      if (Date.parse(b.stages[i].gateAt) <= Date.parse(b.stages[i - 1].gateAt))
        c.addIssue({
          code: 'custom',
          message: zkey('validation.afterPreviousGate'),
          path: ['stages', i, 'gateAt'],
        });
    }
    if (b.tranchePlan.stages.length !== b.stages.length)
      c.addIssue({
        code: 'custom',
        message: zkey('race.tranchePlanStages', { stageCount: b.stages.length }),
        path: ['tranchePlan', 'stages'],
      });
    const shares = b.tranchePlan.stages.reduce((a, s) => a + s.sharePercent, 0);
    if (shares !== 100)
      c.addIssue({
        code: 'custom',
        message: zkey('race.tranchePlanShares', { shares }),
        path: ['tranchePlan', 'stages'],
      });
  });
export type RaceBody = z.infer<typeof RaceBody>;

export const EvaluationBody = z.strictObject({
  measured: z.record(z.uuid(), decimal).default({}),
  scores: z.array(score).max(50).default([]),
  evidence: text(5000).default(''),
  /** When the team submitted its evidence; defaults to now. */
  submittedAt: isoDateTime.nullable().default(null),
});
export type EvaluationBody = z.infer<typeof EvaluationBody>;

/** A team's own evidence for a stage: what it shows, and files already attached to its task book. */
export const TeamEvidenceBody = z.strictObject({
  text: required(5000),
  attachmentIds: z
    .array(z.uuid({ message: zkey('validation.attachmentId') }))
    .max(20)
    .default([]),
});
export type TeamEvidenceBody = z.infer<typeof TeamEvidenceBody>;

export const InviteBody = z.strictObject({ bidId: z.uuid({ message: zkey('validation.bidId') }) });
export const ReasonBody = z.strictObject({ reason: required(5000) });
export const MergeBody = z
  .strictObject({ intoTeamId: z.uuid(), fromTeamId: z.uuid(), reason: required(5000) })
  .refine((b) => b.intoTeamId !== b.fromTeamId, {
    message: zkey('validation.mergeSelf'),
    path: ['fromTeamId'],
  });
export const RaceObjectionBody = z.strictObject({ text: required(5000) });
export const RaceObjectionDecisionBody = z.strictObject({
  decision: z.enum(['upheld', 'dismissed']),
  resolution: required(5000),
});

export const RaceParam = z.object({ id: z.uuid({ message: zkey('validation.format.uuid') }) });
export const StageParam = RaceParam.extend({ no: z.coerce.number().int().min(1).max(10) });
export const EvaluationParam = StageParam.extend({ teamId: z.uuid({ message: zkey('validation.teamId') }) });
export const TeamParam = RaceParam.extend({ teamId: z.uuid({ message: zkey('validation.teamId') }) });
export const GateParam = RaceParam.extend({ gateId: z.uuid({ message: zkey('validation.gateId') }) });

/** One race in the list. */
export const RaceListItem = z.object({
  id: z.string(),
  state: z.enum(RACE_STATES),
  challengeId: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  awardFen: z.number().int(),
  teams: z.number().int(),
  activeTeams: z.number().int(),
  createdAt: z.string().describe('ISO 8601 date-time, UTC'),
});

// ── The race board as the server answers it (presentBoard) ──────────────────────────────
const iso = z.string().describe('ISO 8601 date-time, UTC');

const BoardTarget = z.object({
  id: z.string(),
  metric: z.string(),
  unit: z.string(),
  comparator: z.enum(['gte', 'lte', 'eq', 'range']),
  threshold: z.string(),
  thresholdHigh: z.string().nullable(),
});

const BoardRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('top_k'), k: z.number().int() }),
  z.object({ kind: z.literal('threshold'), minScore: z.string() }),
  z.object({ kind: z.literal('top_k_threshold'), k: z.number().int(), minScore: z.string() }),
  z.object({ kind: z.literal('targets_met'), targetIds: z.array(z.string()) }),
]);

const BoardTieBreak = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('target'), targetId: z.string() }),
  z.object({ kind: z.literal('earlier_submission') }),
  z.object({ kind: z.literal('lot') }),
]);

const BoardExplanation = z.object({
  teamId: z.string(),
  rank: z.number().int(),
  advanced: z.boolean(),
  meanScore: z.string().nullable(),
  scores: z.array(z.string()),
  targets: z.array(z.object({ targetId: z.string(), measured: z.string().nullable(), met: z.boolean() })),
  targetsMet: z.number().int(),
  reasonCode: z.enum(REASON_CODES),
  reason: z.string(),
  tieBrokenBy: z.string().nullable(),
});

/** One race's board for its viewer: explanations and inputs only for the team itself and organizers. */
export const RaceBoard = z.object({
  id: z.string(),
  state: z.string().describe('setup | running | finished | ended_early'),
  challenge: z.object({ id: z.string(), titleZh: z.string(), titleEn: z.string() }),
  awardFen: z.number().int(),
  noticeDays: z.number().int(),
  startedAt: iso.nullable(),
  endedAt: iso.nullable(),
  endReason: z.string(),
  tranchePlan: z.object({
    signingPercent: z.number(),
    signingCapFen: z.number().int(),
    signingPoolFen: z.number().int(),
    stages: z.array(
      z.object({ sharePercent: z.number(), rankWeights: z.array(z.number()), poolFen: z.number().int() }),
    ),
  }),
  viewer: z.object({
    organizer: z.boolean(),
    teamIds: z.array(z.string()),
    mayObject: z.boolean(),
    commands: z.array(z.string()),
  }),
  actions: z.array(z.string()),
  stages: z.array(
    z.object({
      no: z.number().int(),
      titleZh: z.string(),
      titleEn: z.string(),
      gateAt: iso,
      evidence: z.string(),
      scoreSource: z.string().describe('manual | review_round'),
      evidenceRequired: z.boolean(),
      targets: z.array(BoardTarget),
      rule: BoardRule,
      ruleText: z.string(),
      tieBreak: z.array(BoardTieBreak),
    }),
  ),
  teams: z.array(
    z.object({
      id: z.string(),
      entryNo: z.number().int(),
      bidId: z.string(),
      commanderZh: z.string(),
      commanderEn: z.string(),
      hostZh: z.string(),
      hostEn: z.string(),
      joinedVia: z.string(),
      status: z.string().describe('active | eliminated | withdrawn | merged | winner | stopped'),
      statusReason: z.string(),
      statusAt: iso.nullable(),
      mergedInto: z.string().nullable(),
      receivedFen: z.number().int(),
      mine: z.boolean(),
    }),
  ),
  gates: z.array(
    z.object({
      id: z.string(),
      stageNo: z.number().int(),
      state: z.string().describe('proposed | final | withdrawn'),
      proposedAt: iso,
      noticeEndsAt: iso,
      noticeOpen: z.boolean(),
      decidedAt: iso.nullable(),
      withdrawReason: z.string(),
      seed: z.string(),
      scoreOrigin: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('manual') }),
        z.object({
          kind: z.literal('review_round'),
          roundId: z.string(),
          decisionId: z.string(),
          version: z.number().int(),
          inputsSha256: z.string(),
        }),
      ]),
      rule: z.string(),
      reproducible: z.boolean(),
      advancing: z.array(z.string()),
      board: z.array(
        z.object({
          teamId: z.string(),
          rank: z.number().int(),
          advanced: z.boolean(),
          meanScore: z.string().nullable(),
          targetsMet: z.number().int(),
          targetsTotal: z.number().int(),
          tieBrokenBy: z.string().nullable(),
        }),
      ),
      explanations: z.array(BoardExplanation),
      inputs: z.array(
        z.object({
          teamId: z.string(),
          measured: z.record(z.string(), z.string()),
          scores: z.array(z.string()),
          submittedAt: iso.nullable(),
          evidence: z.boolean().optional(),
        }),
      ),
      objections: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          state: z.string().describe('open | upheld | dismissed'),
          resolution: z.string(),
          createdAt: iso,
        }),
      ),
    }),
  ),
  evaluations: z.array(
    z.object({
      stageNo: z.number().int(),
      teamId: z.string(),
      measured: z.record(z.string(), z.string()),
      scores: z.array(z.string()),
      evidence: z.string(),
      submittedAt: iso.nullable(),
      enteredAt: iso,
    }),
  ),
  teamEvidence: z.array(
    z.object({
      stageNo: z.number().int(),
      teamId: z.string(),
      text: z.string(),
      attachmentIds: z.array(z.string()),
      submittedAt: iso,
    }),
  ),
  evidenceSubmitted: z.array(z.object({ stageNo: z.number().int(), teamId: z.string() })),
  tranches: z.array(
    z.object({ teamId: z.string(), stageNo: z.number().int(), amountFen: z.number().int(), releasedAt: iso }),
  ),
  releasedFen: z.number().int(),
  history: z.array(
    z.object({
      n: z.number().int(),
      kind: z.string(),
      stageNo: z.number().int().nullable(),
      teamIds: z.array(z.string()),
      reason: z.string(),
      at: iso,
    }),
  ),
  winners: z.array(z.string()),
});

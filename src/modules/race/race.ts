// The horse race (赛马制): teams funded in parallel, cut at stage gates by rules declared in
// advance, with tranches released only to those who advance. Types, state machines and the
// pure rules: the gate ranking (reproducible from its stored inputs) and the tranche schedule.
// No I/O: everything here is a function of its arguments.
import Decimal from 'decimal.js';
import type { Machine } from '../../core/workflow/machine.ts';
import { type Msg, t } from '../../i18n/messages.ts';
import { type Target, targetMet } from '../challenges/challenges.ts';

// ── Declarations ─────────────────────────────────────────────────────────────────────
export const RULE_KINDS = ['top_k', 'threshold', 'top_k_threshold', 'targets_met'] as const;
/** Who advances through a gate: the best k, everyone at or above a mean score, both, or everyone meeting named targets. */
export type AdvanceRule =
  | { kind: 'top_k'; k: number }
  | { kind: 'threshold'; minScore: string }
  | { kind: 'top_k_threshold'; k: number; minScore: string }
  | { kind: 'targets_met'; targetIds: string[] };

/** Applied in order when mean scores are equal; the last one is always a lot drawn with the gate's seed. */
export type TieBreak =
  | { kind: 'target'; targetId: string }
  | { kind: 'earlier_submission' }
  | { kind: 'lot' };

/** A frozen challenge target as a stage shows it: the stage may set an interim threshold. */
export type StageTarget = Pick<
  Target,
  'id' | 'metric' | 'unit' | 'comparator' | 'threshold' | 'thresholdHigh'
>;

export interface StageRules {
  stageNo: number;
  targets: StageTarget[];
  rule: AdvanceRule;
  tieBreak: TieBreak[];
  /** A team that submitted no evidence of its own ranks after those that did and does not advance. */
  evidenceRequired?: boolean;
}

/** What the gate is decided on, per team: measured values (decimal strings) and expert scores (0–100, ≤ 2 decimals). */
export interface TeamInput {
  teamId: string;
  measured: Record<string, string>;
  scores: string[];
  /** When the team submitted its evidence (ISO); earlier wins a tie when declared. */
  submittedAt: string | null;
  /** Whether the team submitted its own evidence for the stage before the proposal. */
  evidence?: boolean;
}

export const SCORE_SOURCES = ['manual', 'review_round'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

/** Where a gate's scores came from: typed in, or one ranking decision of the stage's review round (by id and inputs digest). */
export type ScoreOrigin =
  | { kind: 'manual' }
  | {
      kind: 'review_round';
      roundId: string;
      decisionId: string;
      version: number;
      inputsSha256: string;
      /** Each team's calibrated score as the decision gave it (null: not reviewed). */
      calibrated: Record<string, number | null>;
    };

export interface GateInputs {
  stage: StageRules;
  teams: TeamInput[];
  /** The seed of the lot: the stage's, fixed at its first proposal. */
  seed: string;
  /** Absent on gates proposed before score sources existed (read as manual). */
  scores?: ScoreOrigin;
}

/** A calibrated score as the gate's single expert score: two decimals, half away from zero. */
export const calibratedScore = (x: number) =>
  new Decimal(x).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

export const REASON_CODES = [
  'top_k_in',
  'top_k_out',
  'threshold_in',
  'threshold_out',
  'no_scores',
  'both_in',
  'both_out_rank',
  'targets_in',
  'targets_out',
  'no_evidence',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface TeamExplanation {
  teamId: string;
  rank: number;
  advanced: boolean;
  /** Mean expert score rounded half-up to two decimals (display only; comparisons are exact). */
  meanScore: string | null;
  scores: string[];
  targets: { targetId: string; measured: string | null; met: boolean }[];
  targetsMet: number;
  reasonCode: ReasonCode;
  reason: string;
  /** What placed this team below the one ranked just above it, when their mean scores were equal. */
  tieBrokenBy: string | null;
}

export interface GateOutcome {
  rule: string;
  /** Every team in rank order. */
  ranking: TeamExplanation[];
  /** Ids of the advancing teams, in rank order. */
  advancing: string[];
}

// ── Scores as exact fractions: sum of hundredths over count ──────────────────────────
interface Score {
  sum: number;
  n: number;
}

const hundredths = (s: string) => new Decimal(s).times(100).toDecimalPlaces(0).toNumber();

function scoreOf(scores: string[]): Score {
  return { sum: scores.reduce((a, s) => a + hundredths(s), 0), n: scores.length };
}

/** Higher mean first; a team without scores after every team with some. */
function compareScores(a: Score, b: Score): number {
  if (a.n === 0 || b.n === 0) return (a.n === 0 ? 1 : 0) - (b.n === 0 ? 1 : 0);
  return b.sum * a.n - a.sum * b.n;
}

const meetsMin = (s: Score, minScore: string) => s.n > 0 && s.sum >= hundredths(minScore) * s.n;

function meanText(s: Score): string | null {
  if (s.n === 0) return null;
  return new Decimal(s.sum).div(100).div(s.n).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/** How far a measured value is from meeting a target (0 when met); a smaller distance is better. */
function shortfall(t: StageTarget, measured: string): Decimal {
  const v = new Decimal(measured);
  const lo = new Decimal(t.threshold);
  switch (t.comparator) {
    case 'gte':
      return lo.minus(v); // more is better: negative once exceeded
    case 'lte':
      return v.minus(lo);
    case 'eq':
      return v.minus(lo).abs();
    case 'range': {
      const hi = new Decimal(t.thresholdHigh ?? t.threshold);
      return v.lt(lo) ? lo.minus(v) : v.gt(hi) ? v.minus(hi) : new Decimal(0);
    }
    default: {
      const never: never = t.comparator;
      return never;
    }
  }
}

/** A 53-bit string hash (cyrb53): the lot is this of `seed:teamId`, lowest first. Anyone can redraw it. */
export function lotValue(seed: string, teamId: string): number {
  const str = `${seed}:${teamId}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export function ruleText(rule: AdvanceRule, targets: StageTarget[]): string {
  const name = (id: string) => targets.find((t) => t.id === id)?.metric ?? id;
  switch (rule.kind) {
    case 'top_k':
      return `the top ${rule.k} by mean expert score advance`;
    case 'threshold':
      return `every team with a mean expert score of at least ${rule.minScore} advances`;
    case 'top_k_threshold':
      return `the top ${rule.k} among teams with a mean expert score of at least ${rule.minScore} advance`;
    case 'targets_met':
      return `every team meeting ${rule.targetIds.map(name).join(', ')} advances`;
    default: {
      const never: never = rule;
      return never;
    }
  }
}

function tieBreakText(tb: TieBreak, targets: StageTarget[]): string {
  if (tb.kind === 'target')
    return `better result on ${targets.find((t) => t.id === tb.targetId)?.metric ?? tb.targetId}`;
  return tb.kind === 'earlier_submission' ? 'earlier submission' : 'lot';
}

interface Row {
  input: TeamInput;
  score: Score;
  met: Map<string, boolean>;
}

/** The criteria in order, each a comparison (negative: a ranks first) with its name. */
function criteria(inputs: GateInputs): { name: string | null; cmp: (a: Row, b: Row) => number }[] {
  const { stage, seed } = inputs;
  const out: { name: string | null; cmp: (a: Row, b: Row) => number }[] = [];
  // Teams without the required evidence rank after every team with it, whatever their scores.
  if (stage.evidenceRequired)
    out.push({
      name: 'evidence submitted',
      cmp: (a, b) => Number(lacks(inputs, a)) - Number(lacks(inputs, b)),
    });
  out.push({ name: null, cmp: (a, b) => compareScores(a.score, b.score) });
  for (const tb of stage.tieBreak) {
    const name = tieBreakText(tb, stage.targets);
    if (tb.kind === 'target') {
      const t = stage.targets.find((x) => x.id === tb.targetId);
      out.push({
        name,
        cmp: (a, b) => {
          const va = a.input.measured[tb.targetId];
          const vb = b.input.measured[tb.targetId];
          if (!t || (va === undefined && vb === undefined)) return 0;
          if (va === undefined || vb === undefined) return va === undefined ? 1 : -1;
          return shortfall(t, va).comparedTo(shortfall(t, vb));
        },
      });
    } else if (tb.kind === 'earlier_submission') {
      out.push({
        name,
        cmp: (a, b) => {
          const ta = a.input.submittedAt ? Date.parse(a.input.submittedAt) : Number.POSITIVE_INFINITY;
          const tb2 = b.input.submittedAt ? Date.parse(b.input.submittedAt) : Number.POSITIVE_INFINITY;
          return ta === tb2 ? 0 : ta < tb2 ? -1 : 1;
        },
      });
    } else {
      out.push({ name, cmp: (a, b) => lotValue(seed, a.input.teamId) - lotValue(seed, b.input.teamId) });
    }
  }
  // Never reached with a declared lot unless two hashes collide; keeps the order total anyway.
  out.push({
    name: 'team id',
    cmp: (a, b) => (a.input.teamId < b.input.teamId ? -1 : a.input.teamId > b.input.teamId ? 1 : 0),
  });
  return out;
}

/** The stage requires evidence and the team submitted none. */
const lacks = (inputs: GateInputs, r: Row) =>
  inputs.stage.evidenceRequired === true && r.input.evidence !== true;

/** Rank the teams at a gate and decide who advances under the stage's declared rule, explained per team. */
export function rankGate(inputs: GateInputs): GateOutcome {
  const { stage } = inputs;
  const rows: Row[] = inputs.teams.map((input) => ({
    input,
    score: scoreOf(input.scores),
    met: new Map(
      stage.targets.map((t) => {
        const v = input.measured[t.id];
        return [t.id, v !== undefined && targetMet(t, v)];
      }),
    ),
  }));
  const crit = criteria(inputs);
  const compare = (a: Row, b: Row) => {
    for (const c of crit) {
      const d = c.cmp(a, b);
      if (d !== 0) return { d, by: c.name };
    }
    return { d: 0, by: null };
  };
  rows.sort((a, b) => compare(a, b).d);

  const rule = stage.rule;
  const text = ruleText(rule, stage.targets);
  let qualifiedRank = 0;
  const ranking = rows.map((r, i): TeamExplanation => {
    const rank = i + 1;
    const mean = meanText(r.score);
    let advanced: boolean;
    let reasonCode: ReasonCode;
    let reason: string;
    if (lacks(inputs, r)) {
      advanced = false;
      reasonCode = 'no_evidence';
      reason = 'no evidence was submitted for this stage, which requires it';
    } else
      switch (rule.kind) {
        case 'top_k':
          advanced = rank <= rule.k;
          reasonCode = advanced ? 'top_k_in' : 'top_k_out';
          reason = `ranked ${rank} of ${rows.length}; ${advanced ? 'within' : 'outside'} the top ${rule.k}`;
          break;
        case 'threshold':
          advanced = meetsMin(r.score, rule.minScore);
          reasonCode = r.score.n === 0 ? 'no_scores' : advanced ? 'threshold_in' : 'threshold_out';
          reason =
            r.score.n === 0
              ? 'no expert scores were recorded'
              : `mean score ${mean} is ${advanced ? 'at or above' : 'below'} the threshold ${rule.minScore}`;
          break;
        case 'top_k_threshold': {
          const ok = meetsMin(r.score, rule.minScore);
          if (ok) qualifiedRank++;
          advanced = ok && qualifiedRank <= rule.k;
          reasonCode =
            r.score.n === 0 ? 'no_scores' : !ok ? 'threshold_out' : advanced ? 'both_in' : 'both_out_rank';
          reason =
            r.score.n === 0
              ? 'no expert scores were recorded'
              : !ok
                ? `mean score ${mean} is below the threshold ${rule.minScore}`
                : `mean score ${mean} reaches ${rule.minScore}; ${qualifiedRank} among those who reach it, ${advanced ? 'within' : 'outside'} the top ${rule.k}`;
          break;
        }
        case 'targets_met': {
          const missing = rule.targetIds.filter((id) => !r.met.get(id));
          advanced = missing.length === 0;
          reasonCode = advanced ? 'targets_in' : 'targets_out';
          const name = (id: string) => stage.targets.find((t) => t.id === id)?.metric ?? id;
          reason = advanced ? 'meets every stated target' : `does not meet ${missing.map(name).join(', ')}`;
          break;
        }
        default: {
          const never: never = rule;
          return never;
        }
      }
    const prev = rows[i - 1];
    const tie = prev && compareScores(prev.score, r.score) === 0 ? compare(prev, r).by : null;
    return {
      teamId: r.input.teamId,
      rank,
      advanced,
      meanScore: mean,
      scores: [...r.input.scores],
      targets: stage.targets.map((t) => ({
        targetId: t.id,
        measured: r.input.measured[t.id] ?? null,
        met: r.met.get(t.id) ?? false,
      })),
      targetsMet: [...r.met.values()].filter(Boolean).length,
      reasonCode,
      reason,
      tieBrokenBy: tie,
    };
  });
  return { rule: text, ranking, advancing: ranking.filter((x) => x.advanced).map((x) => x.teamId) };
}

// ── Tranches ─────────────────────────────────────────────────────────────────────────
/** Declared when the race is created: a signing tranche, then one pool per stage split by rank weights. */
export interface TranchePlan {
  awardFen: number;
  /** Share of the award paid at signing, split equally across the starting field (whole percent). */
  signingPercent: number;
  signingCapFen: number;
  /** Per stage: its share (whole percent) of what remains after signing, and the weights by advancing rank. */
  stages: { sharePercent: number; rankWeights: number[] }[];
}

export interface Release {
  teamId: string;
  /** 0 for the signing tranche, otherwise the stage whose gate released it. */
  stageNo: number;
  amountFen: number;
}

/** The signing pool: a percentage of the award, capped. */
export const signingPool = (p: TranchePlan) =>
  Math.min(Math.floor((p.awardFen * p.signingPercent) / 100), p.signingCapFen);

/** The pool of each stage (1-based index i at [i-1]); the last takes the rounding so the pools and signing add up to the award. */
export function stagePools(p: TranchePlan): number[] {
  const rest = p.awardFen - signingPool(p);
  const pools = p.stages.map((s) => Math.floor((rest * s.sharePercent) / 100));
  if (pools.length) pools[pools.length - 1] += rest - pools.reduce((a, b) => a + b, 0);
  return pools;
}

/** Split `pool` fen over n ranked recipients by weight (the last weight repeats); leftover fen go to the top ranks. */
export function splitByWeights(pool: number, n: number, weights: number[]): number[] {
  if (n === 0) return [];
  const w = Array.from({ length: n }, (_, i) => weights[Math.min(i, weights.length - 1)] ?? 1);
  const total = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((pool * x) / total));
  let left = pool - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % n, left--) out[i]++;
  return out;
}

/** The signing tranche of each starting team. */
export function signingReleases(p: TranchePlan, teamIds: string[]): Release[] {
  const amounts = splitByWeights(signingPool(p), teamIds.length, [1]);
  return teamIds
    .map((teamId, i) => ({ teamId, stageNo: 0, amountFen: amounts[i] }))
    .filter((r) => r.amountFen > 0);
}

/**
 * Settle a final gate: of the advancing teams (rank order) only those still active are paid, the
 * stage pool split by rank weight; every other active team is eliminated.
 */
export function settleGate(
  p: TranchePlan,
  stageNo: number,
  advancing: string[],
  active: ReadonlySet<string>,
): { advancing: string[]; eliminated: string[]; releases: Release[] } {
  const adv = advancing.filter((id) => active.has(id));
  const advSet = new Set(adv);
  const eliminated = [...active].filter((id) => !advSet.has(id)).sort();
  const pool = stagePools(p)[stageNo - 1] ?? 0;
  const amounts = splitByWeights(pool, adv.length, p.stages[stageNo - 1]?.rankWeights ?? [1]);
  const releases = adv
    .map((teamId, i) => ({ teamId, stageNo, amountFen: amounts[i] }))
    .filter((r) => r.amountFen > 0);
  return { advancing: adv, eliminated, releases };
}

/** Structural problems of a tranche plan for a race of `stageCount` stages (field → message). */
export function tranchePlanProblems(p: TranchePlan, stageCount: number): { field: string; reason: Msg }[] {
  const out: { field: string; reason: Msg }[] = [];
  if (p.stages.length !== stageCount)
    out.push({ field: 'tranchePlan.stages', reason: t('race.tranchePlanStages', { stageCount }) });
  const shares = p.stages.reduce((a, s) => a + s.sharePercent, 0);
  if (shares !== 100)
    out.push({
      field: 'tranchePlan.stages',
      reason: t('race.tranchePlanShares', { shares }),
    });
  return out;
}

// ── Statuses and state machines ──────────────────────────────────────────────────────
export const RACE_STATES = ['setup', 'running', 'finished', 'ended_early'] as const;
export type RaceState = (typeof RACE_STATES)[number];
export type RaceAction = 'invite' | 'start' | 'evaluate' | 'propose_gate' | 'merge' | 'end_early' | 'finish';

export interface RaceGuard {
  now: Date;
  teams: number;
  activeTeams: number;
  /** The next stage without a final gate, or null when every gate is final. */
  nextStage: number | null;
  nextGateAt: Date | null;
  /** A gate proposed and not yet final or withdrawn. */
  openGate: boolean;
  finalGates: number;
}

const noOpenGate = (g: RaceGuard) => (g.openGate ? t('race.gateInNotice') : null);
const afterAGate = (g: RaceGuard) => noOpenGate(g) ?? (g.finalGates === 0 ? t('race.afterAGate') : null);

export const raceMachine: Machine<RaceState, RaceAction, RaceGuard> = {
  name: 'race',
  label: { zh: '赛马', en: 'race' },
  states: RACE_STATES,
  initial: 'setup',
  transitions: [
    { action: 'invite', from: ['setup'], to: 'setup', who: ['organizer'] },
    {
      action: 'start',
      from: ['setup'],
      to: 'running',
      who: ['organizer'],
      guard: (g) => (g.teams >= 2 ? null : t('race.needsTwoTeams')),
    },
    {
      action: 'evaluate',
      from: ['running'],
      to: 'running',
      who: ['organizer'],
      guard: (g) => (g.nextStage === null ? t('race.allGatesDecided') : noOpenGate(g)),
    },
    {
      action: 'propose_gate',
      from: ['running'],
      to: 'running',
      who: ['organizer'],
      guard: (g) =>
        noOpenGate(g) ??
        (g.nextStage === null
          ? t('race.allGatesDecided')
          : g.nextGateAt && g.now < g.nextGateAt
            ? t('race.gateOpensAt', { nextStage: g.nextStage, nextGateAt: g.nextGateAt.toISOString() })
            : g.activeTeams === 0
              ? t('race.noTeamLeft')
              : null),
    },
    {
      action: 'merge',
      from: ['running'],
      to: 'running',
      who: ['organizer'],
      guard: (g) => afterAGate(g) ?? (g.activeTeams < 2 ? t('race.fewerThanTwoLeft') : null),
    },
    {
      action: 'end_early',
      from: ['running'],
      to: 'ended_early',
      who: ['organizer'],
      // Before any gate only when nobody is left (every team withdrew).
      guard: (g) => (g.activeTeams === 0 ? noOpenGate(g) : afterAGate(g)),
    },
    { action: 'finish', from: ['running'], to: 'finished', who: ['system'] },
  ],
};

export const TEAM_STATES = ['active', 'eliminated', 'withdrawn', 'merged', 'winner', 'stopped'] as const;
export type TeamState = (typeof TEAM_STATES)[number];
export type TeamAction = 'withdraw' | 'eliminate' | 'merge' | 'win' | 'stop';

export const teamMachine: Machine<TeamState, TeamAction, { raceState: RaceState }> = {
  name: 'team',
  label: { zh: '团队', en: 'team' },
  states: TEAM_STATES,
  initial: 'active',
  transitions: [
    {
      action: 'withdraw',
      from: ['active'],
      to: 'withdrawn',
      who: ['commander', 'organizer'],
      guard: (g) => (g.raceState === 'running' ? null : t('race.withdrawWhileRunning')),
    },
    { action: 'eliminate', from: ['active'], to: 'eliminated', who: ['system'] },
    { action: 'merge', from: ['active'], to: 'merged', who: ['organizer'] },
    { action: 'win', from: ['active'], to: 'winner', who: ['system'] },
    { action: 'stop', from: ['active'], to: 'stopped', who: ['system'] },
  ],
};

export const GATE_STATES = ['proposed', 'final', 'withdrawn'] as const;
export type GateState = (typeof GATE_STATES)[number];
export type GateAction = 'finalize' | 'withdraw';

export interface GateGuard {
  now: Date;
  noticeEndsAt: Date;
  openObjections: number;
  /** Objections the organizers found well-founded: the proposal cannot become final. */
  upheldObjections: number;
}

export const gateMachine: Machine<GateState, GateAction, GateGuard> = {
  name: 'gate decision',
  label: { zh: '关口决定', en: 'gate decision' },
  states: GATE_STATES,
  initial: 'proposed',
  transitions: [
    {
      action: 'finalize',
      from: ['proposed'],
      to: 'final',
      who: ['organizer'],
      guard: (g) =>
        g.now < g.noticeEndsAt
          ? t('race.objectionPeriodOpen')
          : g.openObjections > 0
            ? t('race.objectionsOpen', { openObjections: g.openObjections })
            : g.upheldObjections > 0
              ? t('race.objectionUpheld')
              : null,
    },
    { action: 'withdraw', from: ['proposed'], to: 'withdrawn', who: ['organizer'] },
  ],
};

// ── A race as a fold over its events (what the property tests drive) ─────────────────
export type RaceEvent =
  | { kind: 'start'; teams: string[] }
  | { kind: 'gate'; stageNo: number; advancing: string[] }
  | { kind: 'withdraw'; teamId: string }
  | { kind: 'merge'; from: string; into: string };

/** Play a race's events with the same settlement rules the service uses; returns every release and who left when. */
export function simulate(p: TranchePlan, events: RaceEvent[]) {
  const active = new Set<string>();
  const leftAt = new Map<string, number>();
  const releases: (Release & { at: number })[] = [];
  const settled = new Set<number>();
  let started = false;
  for (const [at, e] of events.entries()) {
    switch (e.kind) {
      case 'start':
        if (started) break;
        started = true;
        for (const t of e.teams) active.add(t);
        for (const r of signingReleases(p, e.teams)) releases.push({ ...r, at });
        break;
      case 'gate': {
        // One final gate per stage, as the database guarantees for the service.
        if (settled.has(e.stageNo)) break;
        settled.add(e.stageNo);
        const s = settleGate(p, e.stageNo, e.advancing, active);
        for (const r of s.releases) releases.push({ ...r, at });
        for (const t of s.eliminated) {
          active.delete(t);
          leftAt.set(t, at);
        }
        break;
      }
      case 'withdraw':
        if (active.delete(e.teamId)) leftAt.set(e.teamId, at);
        break;
      case 'merge':
        if (e.from !== e.into && active.has(e.into) && active.delete(e.from)) leftAt.set(e.from, at);
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }
  return { releases, leftAt, active };
}

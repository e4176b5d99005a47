// Shapes the race board for each viewer: the board is public (teams, statuses, mean scores,
// targets met, ranks, tranches, history); a team's explanation, its individual expert scores
// and measured values are shown to that team and to the organizers only.

import type * as repo from './race.repo.ts';
import type { Loaded } from './race.service.ts';
import {
  type GateInputs,
  type GateOutcome,
  ruleText,
  type ScoreOrigin,
  type StageRules,
  signingPool,
  stagePools,
  type TranchePlan,
} from './race.ts';

export interface BoardParts extends Loaded {
  stageRules: StageRules[];
  evaluations: repo.EvaluationRow[];
  teamEvidence: repo.TeamEvidenceRow[];
  tranches: repo.TrancheRow[];
  events: repo.EventRow[];
  objections: repo.RaceObjectionRow[];
  reproducible: Map<string, boolean>;
  actions: string[];
  viewerId: string | null;
  now: Date;
}

/** The gate's score source without the per-team figures (those are in the board's mean scores). */
function presentOrigin(o: ScoreOrigin | undefined) {
  if (!o || o.kind === 'manual') return { kind: 'manual' as const };
  const { calibrated: _c, ...rest } = o;
  return rest;
}

export function presentBoard(p: BoardParts) {
  const organizer = p.rel.has('organizer');
  const sees = (teamId: string) => organizer || p.myTeams.has(teamId);
  const plan = p.race.tranche_plan as TranchePlan;
  const received = new Map<string, number>();
  for (const t of p.tranches) received.set(t.team_id, (received.get(t.team_id) ?? 0) + t.amount_fen);
  return {
    id: p.race.id,
    state: p.race.state,
    challenge: { id: p.c.id, titleZh: p.c.title_zh, titleEn: p.c.title_en },
    awardFen: p.race.award_fen,
    noticeDays: p.race.notice_days,
    startedAt: p.race.started_at?.toISOString() ?? null,
    endedAt: p.race.ended_at?.toISOString() ?? null,
    endReason: p.race.end_reason,
    tranchePlan: {
      signingPercent: plan.signingPercent,
      signingCapFen: plan.signingCapFen,
      signingPoolFen: signingPool(plan),
      stages: plan.stages.map((s, i) => ({ ...s, poolFen: stagePools(plan)[i] })),
    },
    viewer: {
      organizer,
      teamIds: [...p.myTeams],
      /** The race's teams, its organizers and the challenge's proposer may object to a gate. */
      mayObject: organizer || p.myTeams.size > 0 || p.proposer,
      /** The teams the viewer commands (who may withdraw them). */
      commands: p.teams.filter((t) => p.viewerId !== null && t.commander_id === p.viewerId).map((t) => t.id),
    },
    actions: p.actions,
    stages: p.stages.map((s, i) => ({
      no: s.stage_no,
      titleZh: s.title_zh,
      titleEn: s.title_en,
      gateAt: s.gate_at.toISOString(),
      evidence: s.evidence,
      scoreSource: s.score_source,
      evidenceRequired: s.evidence_required,
      targets: p.stageRules[i].targets,
      rule: p.stageRules[i].rule,
      ruleText: ruleText(p.stageRules[i].rule, p.stageRules[i].targets),
      tieBreak: p.stageRules[i].tieBreak,
    })),
    teams: p.teams.map((t) => ({
      id: t.id,
      entryNo: t.entry_no,
      bidId: t.bid_id,
      commanderZh: t.commander_zh,
      commanderEn: t.commander_en,
      hostZh: t.host_zh,
      hostEn: t.host_en,
      joinedVia: t.joined_via,
      status: t.status,
      statusReason: t.status_reason,
      statusAt: t.status_at?.toISOString() ?? null,
      mergedInto: t.merged_into,
      receivedFen: received.get(t.id) ?? 0,
      mine: p.myTeams.has(t.id),
    })),
    gates: p.gates.map((g) => {
      const outcome = g.outcome as GateOutcome;
      const inputs = g.inputs as GateInputs;
      return {
        id: g.id,
        stageNo: g.stage_no,
        state: g.state,
        proposedAt: g.proposed_at.toISOString(),
        noticeEndsAt: g.notice_ends_at.toISOString(),
        /** By server time: objections are taken now. */
        noticeOpen: g.state === 'proposed' && p.now < g.notice_ends_at,
        decidedAt: g.decided_at?.toISOString() ?? null,
        withdrawReason: g.withdraw_reason,
        seed: g.seed,
        scoreOrigin: presentOrigin(inputs.scores),
        rule: outcome.rule,
        reproducible: p.reproducible.get(g.id) ?? false,
        advancing: outcome.advancing,
        board: outcome.ranking.map((r) => ({
          teamId: r.teamId,
          rank: r.rank,
          advanced: r.advanced,
          meanScore: r.meanScore,
          targetsMet: r.targetsMet,
          targetsTotal: r.targets.length,
          tieBrokenBy: r.tieBrokenBy,
        })),
        explanations: outcome.ranking.filter((r) => sees(r.teamId)),
        inputs: organizer ? inputs.teams : inputs.teams.filter((t) => sees(t.teamId)),
        objections: p.objections
          .filter((o) => o.gate_id === g.id && (organizer || o.raised_by === p.viewerId))
          .map((o) => ({
            id: o.id,
            text: o.text,
            state: o.state,
            resolution: o.resolution,
            createdAt: o.created_at.toISOString(),
          })),
      };
    }),
    evaluations: p.evaluations
      .filter((e) => sees(e.team_id))
      .map((e) => ({
        stageNo: e.stage_no,
        teamId: e.team_id,
        measured: e.measured,
        scores: e.scores,
        evidence: e.evidence,
        submittedAt: e.submitted_at?.toISOString() ?? null,
        enteredAt: e.entered_at.toISOString(),
      })),
    /** What each team submitted itself: its own and (organizers) everyone's; the board says only who did. */
    teamEvidence: p.teamEvidence
      .filter((e) => sees(e.team_id))
      .map((e) => ({
        stageNo: e.stage_no,
        teamId: e.team_id,
        text: e.text,
        attachmentIds: e.attachment_ids,
        submittedAt: e.submitted_at.toISOString(),
      })),
    evidenceSubmitted: p.teamEvidence.map((e) => ({ stageNo: e.stage_no, teamId: e.team_id })),
    tranches: p.tranches.map((t) => ({
      teamId: t.team_id,
      stageNo: t.stage_no,
      amountFen: t.amount_fen,
      releasedAt: t.released_at.toISOString(),
    })),
    releasedFen: p.tranches.reduce((a, t) => a + t.amount_fen, 0),
    history: p.events.map((e) => ({
      n: Number(e.n),
      kind: e.kind,
      stageNo: e.stage_no,
      teamIds: e.team_ids,
      reason: e.reason,
      at: e.at.toISOString(),
    })),
    winners: p.teams.filter((t) => t.status === 'winner').map((t) => t.id),
  };
}

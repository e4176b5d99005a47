// The race chart's data, kept apart from React and ECharts so it can be tested on its own: one
// line per team, one point per gate it was ranked at, each point marked by the gate's verdict
// (advanced: filled circle with a green rim; out: a diamond with a red rim) and sized by the
// targets it met; points of a proposal still on notice are drawn faded.

export interface ChartGateRow {
  teamId: string;
  rank: number;
  advanced: boolean;
  meanScore: string | null;
  targetsMet: number;
  targetsTotal: number;
}
export interface ChartBoard {
  stages: { no: number }[];
  teams: { id: string }[];
  gates: { stageNo: number; state: string; board: ChartGateRow[] }[];
}

export const ADVANCED_RIM = '#2e7d32';
export const OUT_RIM = '#b3261e';

export interface ChartPoint {
  /** The mean score, or null where the team has no mean (not ranked, or no scores). */
  value: number | null;
  symbol: 'circle' | 'diamond';
  symbolSize: number;
  itemStyle: { borderColor: string; borderWidth: number; opacity: number };
  status: 'advanced' | 'out';
  proposed: boolean;
  rank: number;
  ranked: number;
  stageNo: number;
  targetsMet: number;
  targetsTotal: number;
}

/** Per team (in board order), per stage: the point of the live (not withdrawn) gate's row, or null. */
export function chartPoints(board: ChartBoard): (ChartPoint | null)[][] {
  const live = new Map(board.gates.filter((g) => g.state !== 'withdrawn').map((g) => [g.stageNo, g]));
  return board.teams.map((team) =>
    board.stages.map((s) => {
      const g = live.get(s.no);
      const row = g?.board.find((b) => b.teamId === team.id);
      if (!g || !row) return null;
      return {
        value: row.meanScore === null ? null : Number(row.meanScore),
        symbol: row.advanced ? 'circle' : 'diamond',
        symbolSize: 8 + 3 * row.targetsMet,
        itemStyle: {
          borderColor: row.advanced ? ADVANCED_RIM : OUT_RIM,
          borderWidth: 3,
          opacity: g.state === 'proposed' ? 0.5 : 1,
        },
        status: row.advanced ? 'advanced' : 'out',
        proposed: g.state === 'proposed',
        rank: row.rank,
        ranked: g.board.length,
        stageNo: s.no,
        targetsMet: row.targetsMet,
        targetsTotal: row.targetsTotal,
      };
    }),
  );
}

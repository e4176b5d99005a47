// The race chart's points: each gate's verdict as the marker, targets met as its size, a proposal
// on notice faded, withdrawn proposals and unranked teams absent.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ADVANCED_RIM,
  type ChartBoard,
  chartPoints,
  OUT_RIM,
} from '../../web/src/features/race/components/chart.ts';

const row = (
  teamId: string,
  rank: number,
  advanced: boolean,
  meanScore: string | null,
  targetsMet: number,
) => ({
  teamId,
  rank,
  advanced,
  meanScore,
  targetsMet,
  targetsTotal: 2,
});

describe('race chart points', () => {
  test('marks advanced and out, sizes by targets met, fades a proposal, skips withdrawn gates', () => {
    const board: ChartBoard = {
      stages: [{ no: 1 }, { no: 2 }],
      teams: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
      gates: [
        {
          stageNo: 1,
          state: 'final',
          board: [
            row('a', 1, true, '89.00', 2),
            row('b', 2, true, '81.00', 1),
            row('c', 3, false, '72.50', 0),
          ],
        },
        {
          stageNo: 2,
          state: 'withdrawn',
          board: [row('b', 1, true, '99.00', 2), row('a', 2, false, '10.00', 0)],
        },
        {
          stageNo: 2,
          state: 'proposed',
          board: [row('a', 1, true, '92.00', 2), row('b', 2, false, null, 1)],
        },
      ],
    };
    const p = chartPoints(board);
    assert.deepEqual(
      p.map((team) =>
        team.map((x) => x && [x.value, x.symbol, x.itemStyle.borderColor, x.symbolSize, x.itemStyle.opacity]),
      ),
      [
        [
          [89, 'circle', ADVANCED_RIM, 14, 1],
          [92, 'circle', ADVANCED_RIM, 14, 0.5],
        ],
        [
          [81, 'circle', ADVANCED_RIM, 11, 1],
          [null, 'diamond', OUT_RIM, 11, 0.5],
        ],
        [[72.5, 'diamond', OUT_RIM, 8, 1], null],
      ],
    );
    assert.equal(p[2][0]?.status, 'out');
    assert.equal(p[2][0]?.rank, 3);
    assert.equal(p[2][0]?.ranked, 3);
    assert.equal(p[0][1]?.proposed, true);
  });
});

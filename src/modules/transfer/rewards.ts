// Rewards to the people who made an achievement, from what its transformation earned
// (促进科技成果转化法 Art. 44–45). Pure; integer fen (or shares) throughout.
//
// The unit's own rule applies where it has one (Art. 44); otherwise Art. 45 sets the floor:
//   transfer or licence  ≥ 50 % of the net income              (Art. 45 (1))
//   investment as equity ≥ 50 % of the shares or contribution  (Art. 45 (2))
//   own / joint implementation ≥ 5 % of the operating profit, each year for 3–5 years (Art. 45 (3))
// Net income = income − the costs the unit declares (never below zero). The pool is the rate
// applied to the base, rounded UP to the fen, so it is never below the rate. The pool is split by
// the contributors' shares with a divisor (D'Hondt) method: the pool's fen go, one at a time, to
// the highest quotient share/(fen so far + 1), ties to the earlier contributor. It is exact (the
// parts sum to the pool), each part is at least the floor of its exact share and less than n fen
// above it, and nobody's part ever falls when the pool grows (the Alabama paradox of largest
// remainders cannot happen). Computed without the loop: from the floors, then the < n fen left.

export const REWARD_BASES = ['transferOrLicence', 'equity', 'implementation'] as const;
export type RewardBasis = (typeof REWARD_BASES)[number];

/** The statutory minimum rate, in basis points (1/100 of a percent), per basis (Art. 45). */
export const STATUTORY_BP: Record<RewardBasis, number> = {
  transferOrLicence: 5000,
  equity: 5000,
  implementation: 500,
};

export interface Contributor {
  key: string;
  /** Contribution share, basis points; the shares of an achievement sum to 10000. */
  shareBp: number;
}

export interface RewardInput {
  basis: RewardBasis;
  /** Income (fen), shares, or operating profit (fen) of the period. */
  income: number;
  /** Costs the unit declares against the income (fen); 0 for equity. */
  costs: number;
  /** The unit's own rule: a rate in basis points; null → the statute applies. */
  unitRuleBp: number | null;
  contributors: readonly Contributor[];
}

export type RewardRule = 'art44' | 'art45_1' | 'art45_2' | 'art45_3' | 'netIncome' | 'split';

export interface RewardStep {
  rule: RewardRule;
  formula: string;
}

export interface RewardResult {
  net: number;
  rateBp: number;
  rule: 'unit' | 'statute';
  pool: number;
  parts: { key: string; shareBp: number; amount: number }[];
  steps: RewardStep[];
}

const ART45: Record<RewardBasis, RewardRule> = {
  transferOrLicence: 'art45_1',
  equity: 'art45_2',
  implementation: 'art45_3',
};

/** ceil(a · bp / 10000) for non-negative integers, exactly. */
export function rateUp(a: number, bp: number): number {
  const p = BigInt(a) * BigInt(bp);
  return Number((p + 9999n) / 10000n);
}

/**
 * Splits `pool` units by the weights: the first `pool` quotients w_i/k (k = 1, 2, …) in the order
 * (quotient descending, contributor position ascending). Weights are positive integers.
 */
export function splitByShares(pool: number, weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const W = weights.reduce((a, b) => a + b, 0);
  const P = BigInt(pool);
  const a = weights.map((w) => Number((P * BigInt(w)) / BigInt(W)));
  let left = pool - a.reduce((x, y) => x + y, 0);
  while (left > 0) {
    // Next quotient of i is w_i / (a_i + 1); compare w_i (a_j + 1) with w_j (a_i + 1) exactly.
    let best = 0;
    for (let i = 1; i < n; i++) {
      const lhs = BigInt(weights[i]) * BigInt(a[best] + 1);
      const rhs = BigInt(weights[best]) * BigInt(a[i] + 1);
      if (lhs > rhs) best = i;
    }
    a[best]++;
    left--;
  }
  return a;
}

const pct = (bp: number) => `${(bp / 100).toFixed(2).replace(/\.?0+$/, '')}%`;

/** The reward pool and every contributor's part, each step naming its rule. */
export function computeRewards(input: RewardInput): RewardResult {
  const steps: RewardStep[] = [];
  const net = input.basis === 'equity' ? input.income : Math.max(0, input.income - input.costs);
  if (input.basis !== 'equity')
    steps.push({ rule: 'netIncome', formula: `max(0, ${input.income} − ${input.costs}) = ${net}` });
  const statute = STATUTORY_BP[input.basis];
  const rule = input.unitRuleBp === null ? 'statute' : 'unit';
  const rateBp = input.unitRuleBp ?? statute;
  const pool = rateUp(net, rateBp);
  steps.push({
    rule: rule === 'unit' ? 'art44' : ART45[input.basis],
    formula: `⌈${net} × ${pct(rateBp)}⌉ = ${pool}`,
  });
  const amounts = splitByShares(
    pool,
    input.contributors.map((c) => c.shareBp),
  );
  steps.push({
    rule: 'split',
    formula: input.contributors.map((c, i) => `${pct(c.shareBp)} → ${amounts[i]}`).join('; '),
  });
  return {
    net,
    rateBp,
    rule,
    pool,
    parts: input.contributors.map((c, i) => ({ key: c.key, shareBp: c.shareBp, amount: amounts[i] })),
    steps,
  };
}

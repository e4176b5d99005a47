// Times a round's planning step (affinity top-C + conflicts + exact solve + explanations) on
// synthetic pools: node --import tsx bench/evaluation-plan/run.ts [--experts N] [--items N] [--k N]
import { performance } from 'node:perf_hooks';
import { type PlanExpert, type PlanItem, planAssignment } from '../../src/modules/evaluation/assignment.ts';
import type { Conflict } from '../../src/modules/evaluation/coi.ts';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const E = arg('experts', 5000);
const I = arg('items', 500);
const K = arg('k', 3);
let seed = 12345;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x7fffffff;
};
const vocab = Array.from({ length: 400 }, (_, i) => `term${i}`);
const zh = ['石英', '坩埚', '晶体', '减速器', '电池', '视觉', '材料', '传感器', '算法', '农业'];
const pick = (n: number) =>
  Array.from({ length: n }, () =>
    rnd() < 0.3 ? zh[Math.floor(rnd() * zh.length)] : vocab[Math.floor(rnd() * vocab.length)],
  );
const codes = ['E0207', 'E0208', 'E0501', 'F0604', 'C1302', 'B0506'];
const experts: PlanExpert[] = Array.from({ length: E }, (_, i) => ({
  id: `e${i}`,
  orgKey: `o${Math.floor(rnd() * (E / 5))}`,
  capacity: 1 + Math.floor(rnd() * 5),
  available: rnd() > 0.05,
  profile: {
    keywords: pick(5),
    publicationTitles: [pick(6).join(' '), pick(6).join(' ')],
    disciplineCodes: [codes[i % codes.length]],
  },
}));
const SAME: Conflict[] = [{ code: 'same_org', detail: '' }];
const items: PlanItem[] = Array.from({ length: I }, (_, p) => {
  const conflicts = new Map<number, Conflict[]>();
  for (let j = 0; j < 5; j++) conflicts.set(Math.floor(rnd() * E), SAME);
  return {
    id: `i${p}`,
    profile: {
      title: pick(4).join(' '),
      abstract: pick(40).join(' '),
      keywords: pick(4),
      disciplineCodes: [codes[p % codes.length]],
    },
    demand: K,
    kept: [],
    usedPseudonyms: new Set(),
    conflicts,
  };
});
for (const fairness of [false, true]) {
  const t0 = performance.now();
  const { stats } = planAssignment(experts, items, { fairness });
  const ms = performance.now() - t0;
  console.log(
    `${E} experts × ${I} items, k=${K}, ${fairness ? 'fair' : 'sum'}: ${ms.toFixed(0)} ms, objective ${stats.objective}, assigned ${stats.assigned}/${I * K}, candidates ${stats.candidates}, min item total ${stats.minItemTotal}, rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
}

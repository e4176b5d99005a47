// Top-C candidate generation benchmark: synthetic experts and items (generate.ts), MaxScore
// search over the inverted index for every item, and, on an evenly spaced sample of items, the
// plain term-at-a-time search and the exhaustive brute force (every expert scored) in the same
// run, with exact agreement of the top-C lists checked.
//
//   node --import tsx bench/affinity/run.ts                     # 20,000 items × 5,000 experts
//   nice node --import tsx bench/affinity/run.ts --national     # 318,000 items × 70,000 experts
//   options: --items N --experts N --c 50 --sample 200 --coi 0.02 --seed 1
import { parseArgs } from 'node:util';
import {
  buildAffinityIndexFromTerms,
  CandidateSearcher,
  prepareQueryFromTerms,
  type SearchStrategy,
  tokenizeExpert,
  tokenizeItem,
} from '../../src/core/affinity/index.ts';
import { getJieba } from '../../src/core/text/index.ts';
import { hash2, makeExpert, makeItem, makeWorld } from './generate.ts';

const { values: a } = parseArgs({
  options: {
    items: { type: 'string' },
    experts: { type: 'string' },
    national: { type: 'boolean', default: false },
    c: { type: 'string', default: '50' },
    sample: { type: 'string', default: '200' },
    coi: { type: 'string', default: '0.02' },
    seed: { type: 'string', default: '1' },
    strategy: { type: 'string', default: 'auto' },
  },
});
const P = Number(a.items ?? (a.national ? 318_000 : 20_000));
const R = Number(a.experts ?? (a.national ? 70_000 : 5_000));
const C = Number(a.c);
const S = Math.min(Number(a.sample), P);
const coi = Number(a.coi);
const seed = Number(a.seed);
const strategy = a.strategy as SearchStrategy;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const now = () => performance.now();
/** CPU time of this process in ms: steadier than wall time on a shared machine. */
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const log = (s: string) => console.log(s);

log(
  `affinity bench: ${P} items × ${R} experts, C=${C}, strategy ${strategy}, sample ${S}, conflicts ${coi}, seed ${seed}`,
);
getJieba();
let t = now();
const world = makeWorld(seed);
log(`world: ${world.leaves.length} leaf codes (${sec(now() - t)})`);

let genMs = 0;
let tokMs = 0;
const expertTerms = new Array(R);
for (let e = 0; e < R; e++) {
  t = now();
  const p = makeExpert(world, e);
  const t1 = now();
  expertTerms[e] = tokenizeExpert(p);
  tokMs += now() - t1;
  genMs += t1 - t;
}
t = now();
const index = buildAffinityIndexFromTerms(expertTerms);
const buildMs = now() - t;
expertTerms.length = 0;
const postings = index.postDocs.length;
log(
  `experts: generated ${sec(genMs)}, tokenised ${sec(tokMs)}, index built ${sec(buildMs)}; ` +
    `${index.textTermCount} words + ${index.termCount - index.textTermCount} code prefixes, ${postings} postings ` +
    `(${(postings / R).toFixed(0)} per expert, avg BM25F length ${index.avgDocLength.toFixed(0)})`,
);

const excludedFor = (item: number) => (e: number) => hash2(item, e) % 100_000 < coi * 100_000;
const searcher = new CandidateSearcher(index);
const ref = new CandidateSearcher(index);
const outExperts = new Uint32Array(P * C);
const outAffinity = new Uint16Array(P * C);
const outCount = new Uint8Array(P);
const stride = Math.max(1, Math.floor(P / Math.max(1, S)));
let itemGenMs = 0;
let itemTokMs = 0;
let searchMs = 0;
let searchCpu = 0;
let queryTerms = 0;
const sampleCpu = { maxscore: 0, taat: 0, exhaustive: 0 };
const sampleReads = { maxscore: 0, taat: 0, exhaustive: 0 };
let sampled = 0;
let agree = 0;
let sameLeaf = 0;
let candidates = 0;
const top1: number[] = [];

for (let i = 0; i < P; i++) {
  const t0 = now();
  const item = makeItem(world, i);
  const t1 = now();
  const q = prepareQueryFromTerms(index, tokenizeItem(item));
  const t2 = now();
  const isEx = excludedFor(i);
  const c0 = cpu();
  const r = searcher.topC(q, C, isEx, strategy);
  const t3 = now();
  searchCpu += cpu() - c0;
  itemGenMs += t1 - t0;
  itemTokMs += t2 - t1;
  searchMs += t3 - t2;
  queryTerms += q.terms.length;
  outExperts.set(r.experts, i * C);
  outAffinity.set(r.affinity, i * C);
  outCount[i] = r.experts.length;
  if (r.experts.length > 0) top1.push(r.affinity[0]);
  candidates += r.experts.length;
  if (i % stride === 0 && sampled < S) {
    sampled++;
    // Each strategy once more on the same query, interleaved, timed by CPU.
    const runs = {} as Record<SearchStrategy, typeof r>;
    for (const st of ['maxscore', 'taat', 'exhaustive'] as const) {
      const c1 = cpu();
      const r0 = ref.stats.postingsScanned + ref.stats.probes;
      runs[st] = ref.topC(q, C, isEx, st);
      sampleCpu[st] += cpu() - c1;
      sampleReads[st] += ref.stats.postingsScanned + ref.stats.probes - r0;
    }
    const same = (x: typeof r) =>
      x.experts.length === r.experts.length &&
      x.experts.every((e, k) => e === r.experts[k] && x.scores[k] === r.scores[k]);
    if (same(runs.maxscore) && same(runs.taat) && same(runs.exhaustive)) agree++;
    // topical sanity: candidates whose own codes include the item's primary code
    const code = index.termIds.get(`N:${item.disciplineCodes[0]}`);
    for (const e of r.experts) {
      for (let k = index.docOffsets[e]; k < index.docOffsets[e + 1]; k++) {
        if (index.docTerms[k] === code) {
          sameLeaf++;
          break;
        }
      }
    }
  }
  if ((i + 1) % 50_000 === 0) log(`  ${i + 1} items, search ${sec(searchMs)}`);
}

const rss = process.resourceUsage().maxRSS * 1024;
top1.sort((x, y) => x - y);
const pct = (p: number) => top1[Math.min(top1.length - 1, Math.floor((p / 100) * top1.length))];
const hist = new Float64Array(1001);
for (let i = 0; i < P; i++) for (let k = 0; k < outCount[i]; k++) hist[outAffinity[i * C + k]]++;
const apct = (p: number) => {
  let acc = 0;
  for (let v = 0; v <= 1000; v++) {
    acc += hist[v];
    if (acc > (p / 100) * candidates) return v;
  }
  return 1000;
};

log('');
log(
  `items: generated ${sec(itemGenMs)}, tokenised + query built ${sec(itemTokMs)} (${(P / (itemTokMs / 1000)).toFixed(0)} items/s), ${(queryTerms / P).toFixed(0)} query entries per item`,
);
log(
  `top-${C} search (${strategy}): ${sec(searchMs)} wall, ${sec(searchCpu)} CPU = ${(P / (searchCpu / 1000)).toFixed(0)} items/s ` +
    `(${((searchCpu * 1000) / P).toFixed(0)} µs/item CPU); with tokenisation ${(P / ((searchMs + itemTokMs) / 1000)).toFixed(0)} items/s wall`,
);
log(
  `  per item: ${(searcher.stats.postingsScanned / P).toFixed(0)} postings scanned, ${(searcher.stats.probes / P).toFixed(0)} probes, ` +
    `${(searcher.stats.filterCalls / P).toFixed(0)} conflict-filter calls; ${(candidates / P).toFixed(1)} candidates`,
);
log(
  `peak RSS ${mb(rss)}; heap used now ${mb(process.memoryUsage().heapUsed)}; index ${mb(
    index.postDocs.byteLength * 2 +
      index.postImpacts.byteLength * 2 +
      index.docTf.byteLength +
      index.postOffsets.byteLength +
      index.docOffsets.byteLength,
  )}`,
);
log(
  `top-1 affinity percentiles p10/p50/p90: ${pct(10)}/${pct(50)}/${pct(90)}; all candidates p10/p50/p90: ${apct(10)}/${apct(50)}/${apct(90)}`,
);
log('');
log(`reference on ${sampled} sampled items (same queries, same conflict filter, CPU time):`);
const per = (ms: number) => `${((ms * 1000) / sampled).toFixed(0)} µs/item`;
const reads = (st: keyof typeof sampleReads) => `${(sampleReads[st] / sampled).toFixed(0)} entries read/item`;
log(`  maxscore   ${per(sampleCpu.maxscore)}  (${reads('maxscore')})`);
log(
  `  taat       ${per(sampleCpu.taat)}  (${reads('taat')}; maxscore/taat time ×${(sampleCpu.maxscore / sampleCpu.taat).toFixed(2)})`,
);
log(
  `  exhaustive ${per(sampleCpu.exhaustive)}  (${reads('exhaustive')}; speed-up over brute force: taat ×${(sampleCpu.exhaustive / sampleCpu.taat).toFixed(1)}, ` +
    `maxscore ×${(sampleCpu.exhaustive / sampleCpu.maxscore).toFixed(1)}; all ${P} items by brute force ~${sec((sampleCpu.exhaustive / sampled) * P)} CPU)`,
);
log(`  top-${C} lists identical (experts and scores, all three): ${agree}/${sampled}`);
log(
  `  candidates sharing the item's primary leaf code: ${((100 * sameLeaf) / Math.max(1, candidates * (sampled / P))).toFixed(1)}%`,
);
if (agree !== sampled) process.exitCode = 1;

// Benchmark of near-duplicate detection: recall and precision against an exact
// all-pairs Jaccard join, throughput and peak memory.
//
//   node --import tsx bench/dedup/run.ts                 # 20k documents (quick)
//   node --import tsx bench/dedup/run.ts --size 100000   # or --size 1000000
//   options: --threshold 0.8 --hashes 128 --shingle 5 --seed N --estimate
//            --truth full|sample|none (default: full up to 200k documents, else sample)
//            --sample 5000 (documents whose pairs are checked in sample mode)
//            --write FILE.jsonl (also write the corpus, e.g. for timing the CLI)

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { candidateProbability, DedupIndex, jaccard, sCurveThreshold } from '../../src/core/dedup/index.ts';
import { exactJoin } from './exact.ts';
import { generateCorpus } from './generate.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: '20000' },
    threshold: { type: 'string', default: '0.8' },
    hashes: { type: 'string', default: '128' },
    shingle: { type: 'string', default: '5' },
    seed: { type: 'string', default: '20240601' },
    estimate: { type: 'boolean', default: false },
    truth: { type: 'string' },
    sample: { type: 'string', default: '5000' },
    write: { type: 'string' },
  },
});
const size = Number(args.size);
const threshold = Number(args.threshold);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const peakRss = () => process.resourceUsage().maxRSS * 1024;
const log = (msg: string) => process.stderr.write(`[${(performance.now() / 1000).toFixed(1)}s] ${msg}\n`);

let t0 = performance.now();
const corpus = generateCorpus({ size, seed: Number(args.seed) });
const genSeconds = (performance.now() - t0) / 1000;
let chars = 0;
for (const d of corpus.docs) chars += d.text.length;
log(
  `generated ${size.toLocaleString('en')} documents (${corpus.planted.length.toLocaleString('en')} planted variants, ${(chars / size).toFixed(0)} chars on average) in ${genSeconds.toFixed(1)} s`,
);

if (args.write) {
  const out = createWriteStream(args.write);
  for (const d of corpus.docs) if (!out.write(`${JSON.stringify(d)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  log(`wrote ${args.write}`);
}

// --- the engine, exactly as the CLI and the service drive it ---
const index = new DedupIndex({
  threshold,
  numHashes: Number(args.hashes),
  shingleLength: Number(args.shingle),
  similarity: args.estimate ? 'estimate' : 'exact',
});
const rssBefore = process.memoryUsage().rss;
const found = new Map<number, number>(); // x·2^21 + y → similarity
const key = (x: number, y: number) => (x < y ? x * 2 ** 21 + y : y * 2 ** 21 + x);
const docIndex = (id: string) => Number(id.slice(1));
t0 = performance.now();
const cpu0 = process.cpuUsage();
let prepareMs = 0;
for (let i = 0; i < size; i++) {
  const d = corpus.docs[i];
  const tp = performance.now();
  const prepared = index.prepare(d.text);
  prepareMs += performance.now() - tp;
  for (const m of index.add(d.id, prepared)) found.set(key(i, docIndex(m.id)), m.similarity);
  if ((i + 1) % 100_000 === 0)
    log(`engine: ${(i + 1).toLocaleString('en')} documents, ${found.size.toLocaleString('en')} pairs`);
}
const engineSeconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const engineCpuSeconds = (cpu.user + cpu.system) / 1e6;
const enginePeak = peakRss();
const banding = index.params.banding;
log(`engine done in ${engineSeconds.toFixed(1)} s`);

const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};
say(
  `documents: ${size.toLocaleString('en')} (${corpus.planted.length.toLocaleString('en')} planted variants), ${(chars / size).toFixed(0)} chars/doc`,
);
say(
  `parameters: ${index.params.fingerprint}, threshold ${threshold}, similarity ${index.params.similarity}; S-curve midpoint ${sCurveThreshold(banding).toFixed(3)}, P(candidate | J=${threshold}) = ${candidateProbability(threshold, banding).toFixed(4)}`,
);
say(
  `engine: ${engineSeconds.toFixed(1)} s, ${Math.round(size / engineSeconds).toLocaleString('en')} docs/s (normalise+shingle+MinHash ${(prepareMs / 1000).toFixed(1)} s, LSH+verify ${(engineSeconds - prepareMs / 1000).toFixed(1)} s), CPU ${engineCpuSeconds.toFixed(1)} s (${Math.round(size / engineCpuSeconds).toLocaleString('en')} docs per CPU-second; wall time suffers when the 2 cores are shared); ${found.size.toLocaleString('en')} pairs reported`,
);
say(
  `memory: peak RSS ${mib(enginePeak)} (corpus in memory included; RSS before indexing ${mib(rssBefore)}), index typed arrays ${mib(index.memoryBytes())}`,
);

const truthMode = args.truth ?? (size <= 200_000 ? 'full' : 'sample');
if (truthMode !== 'none') {
  const sets = corpus.docs.map((d) => index.shinglesOf(d.id)!);
  let sample: Int32Array | undefined;
  if (truthMode === 'sample') {
    // A uniform sample of documents, fixed by the seed: every pair touching one is checked.
    const want = Math.min(size, Number(args.sample));
    const chosen = new Set<number>();
    let r = 0x9e3779b9;
    while (chosen.size < want) {
      r = (Math.imul(r ^ (r >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
      chosen.add((r >>> 0) % size);
    }
    sample = Int32Array.from([...chosen].sort((a, b) => a - b));
    const inSample = new Uint8Array(size);
    for (const d of sample) inSample[d] = 1;
    for (const k of [...found.keys()]) {
      if (!inSample[Math.floor(k / 2 ** 21)] && !inSample[k % 2 ** 21]) found.delete(k);
    }
  }
  t0 = performance.now();
  const truth = exactJoin(sets, threshold, { sample, onPhase: (m) => log(`exact join: ${m}`) });
  const truthSeconds = (performance.now() - t0) / 1000;
  let hit = 0;
  const missedBySim: number[] = [0, 0, 0, 0];
  const truthBySim: number[] = [0, 0, 0, 0];
  const bucket = (s: number) => Math.min(3, Math.floor(((s - threshold) / (1 - threshold)) * 4));
  let crossGroup = 0;
  for (const p of truth) {
    const b = bucket(p.similarity);
    truthBySim[b]++;
    if (corpus.group[p.x] !== corpus.group[p.y]) crossGroup++;
    const f = found.get(key(p.x, p.y));
    if (f !== undefined) {
      hit++;
      if (!args.estimate && f !== p.similarity)
        throw new Error(`similarity differs for ${p.x},${p.y}: ${f} vs ${p.similarity}`);
    } else missedBySim[b]++;
  }
  const recall = truth.length === 0 ? 1 : hit / truth.length;
  const precision = found.size === 0 ? 1 : hit / found.size;
  const edges = [0, 1, 2, 3, 4].map((i) => (threshold + ((1 - threshold) * i) / 4).toFixed(2));
  const scope = sample
    ? `pairs touching a sample of ${sample.length.toLocaleString('en')} documents`
    : 'all pairs';
  say(
    `ground truth: exact join by prefix filtering over ${scope}, in ${truthSeconds.toFixed(1)} s: ${truth.length.toLocaleString('en')} pairs with Jaccard ≥ ${threshold} (${crossGroup} between unrelated documents)`,
  );
  // Background: how similar unrelated documents (different planted groups) are, on random pairs.
  let bgMax = 0;
  let bgSum = 0;
  let bgN = 0;
  let r = 12345;
  const next = () => {
    r = (Math.imul(r ^ (r >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) | 0;
    return (r >>> 0) % size;
  };
  while (bgN < 100_000) {
    const x = next();
    const y = next();
    if (corpus.group[x] === corpus.group[y]) continue;
    const j = jaccard(sets[x], sets[y]);
    bgSum += j;
    bgN++;
    if (j > bgMax) bgMax = j;
  }
  say(
    `unrelated documents (100,000 random pairs across planted groups): mean Jaccard ${(bgSum / bgN).toFixed(4)}, max ${bgMax.toFixed(4)}`,
  );
  say(
    `recall ${recall.toFixed(4)} (${hit}/${truth.length}), precision ${precision.toFixed(4)} (${hit}/${found.size})`,
  );
  say(
    `missed by true Jaccard: ${[0, 1, 2, 3].map((b) => `[${edges[b]}, ${edges[b + 1]}${b === 3 ? ']' : ')'} ${missedBySim[b]}/${truthBySim[b]}`).join(', ')}`,
  );
  if (!sample) {
    say(
      `reference: engine time / exact-join time = ${(engineSeconds / truthSeconds).toFixed(2)} (the join is batch-only and needs every shingle set at once)`,
    );
  }
  say(`peak RSS at end: ${mib(peakRss())}`);
}

// `jiebang assign --in FILE --out FILE [--algo NAME]`: solves a RAP1/RAP2 reviewer-assignment instance.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { solveAuction } from '../../core/assignment/auction.ts';
import { buildNetwork, type Network } from '../../core/assignment/network.ts';
import { RapParser } from '../../core/assignment/rap.ts';
import type { RegisterCommand } from './index.ts';

const ALGOS = ['auction', 'fair'] as const;
type Algo = (typeof ALGOS)[number];

function readRap(path: string) {
  const fd = openSync(path, 'r');
  const parser = new RapParser();
  const buf = new Uint8Array(1 << 24);
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      parser.push(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return parser.finish();
}

function writePairs(path: string, net: Network, held: Int32Array): void {
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    for (let g = 0; g < held.length; g++) {
      const e = held[g];
      if (e < 0) continue;
      chunk += `${net.ep[e]} ${net.er[e]}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

// Fair mode on a RAP instance: highest affinity floor keeping the maximum number of pairs, then max sum.
function solveFairNet(inst: ReturnType<typeof readRap>) {
  const build = (floor: number) =>
    buildNetwork({
      P: inst.P,
      R: inst.R,
      k: inst.k,
      cap: inst.cap,
      org: inst.org,
      cp: inst.ep,
      cr: inst.er,
      ca: floor > 0 ? inst.ea.map((a) => (a < floor ? -1 : a)) : inst.ea,
    });
  const shortOf = (st: ReturnType<typeof solveAuction>) =>
    st.short.reduce((s, x) => s + x, 0) + st.forced.reduce((s, x) => s + x, 0);
  let net = build(0);
  let st = solveAuction(net);
  const target = shortOf(st);
  const values = [...new Set(inst.ea.filter((a) => a >= 0))].sort((a, b) => a - b);
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const n2 = build(values[mid]);
    const s2 = solveAuction(n2);
    if (shortOf(s2) === target) {
      lo = mid;
      net = n2;
      st = s2;
    } else hi = mid - 1;
  }
  return { net, st, floor: values[lo] ?? 0 };
}

export const registerAssign: RegisterCommand = (program) => {
  program
    .command('assign')
    .description('optimal reviewer assignment for a RAP1/RAP2 instance file; writes "p r" lines')
    .requiredOption('--in <file>', 'instance (RAP1 or RAP2)')
    .requiredOption('--out <file>', 'assignment output, one "p r" line per pair')
    .option('--algo <name>', `solver: ${ALGOS.join(' | ')} (auction = exact max total affinity)`, 'auction')
    .action((opts: { in: string; out: string; algo: string }) => {
      if (!ALGOS.includes(opts.algo as Algo))
        throw new Error(`unknown --algo ${opts.algo} (${ALGOS.join(', ')})`);
      const t0 = performance.now();
      const inst = readRap(opts.in);
      const t1 = performance.now();
      let net: Network;
      let st: ReturnType<typeof solveAuction>;
      let floor: number | undefined;
      if (opts.algo === 'fair') ({ net, st, floor } = solveFairNet(inst));
      else {
        net = buildNetwork({
          P: inst.P,
          R: inst.R,
          k: inst.k,
          cap: inst.cap,
          org: inst.org,
          cp: inst.ep,
          cr: inst.er,
          ca: inst.ea,
        });
        st = solveAuction(net);
      }
      const t2 = performance.now();
      writePairs(opts.out, net, st.held);
      const t3 = performance.now();
      let objective = 0;
      let assigned = 0;
      for (let g = 0; g < st.held.length; g++) {
        const e = st.held[g];
        if (e >= 0) {
          objective += net.ea[e];
          assigned++;
        }
      }
      let missing = 0;
      let shortItems = 0;
      for (let p = 0; p < net.P; p++) {
        const miss = st.short[p] + st.forced[p];
        if (miss > 0) {
          missing += miss;
          shortItems++;
        }
      }
      const secs = (a: number, b: number) => Number(((b - a) / 1000).toFixed(3));
      const report = {
        format: inst.format,
        P: inst.P,
        R: inst.R,
        E: inst.E,
        algo: opts.algo,
        status: missing ? 'infeasible' : 'optimal',
        objective,
        assigned,
        ...(floor !== undefined ? { affinity_floor: floor } : {}),
        missing,
        phases: st.stats.phases,
        restarts: st.stats.restarts,
        t_read: secs(t0, t1),
        t_solve: secs(t1, t2),
        t_write: secs(t2, t3),
        t_total: secs(t0, t3),
      };
      console.log(JSON.stringify(report));
      if (missing) {
        console.error(
          `jiebang assign: infeasible: ${missing} reviewer slot(s) on ${shortItems} item(s) cannot be filled ` +
            '(too few usable candidates or capacity). The file holds the best partial assignment: the most ' +
            'pairs possible, then the highest total affinity.',
        );
        process.exitCode = 2;
      }
    });
};

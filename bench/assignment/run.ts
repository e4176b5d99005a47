// Reviewer-assignment benchmark: the project's solver (`jiebang assign`) side by side with the LEMON
// reference (../shared/bench/assignment) on generated instances, in the same run.
//
//   node --import tsx bench/assignment/run.ts                      # 10k x 5k, RAP1 and RAP2 (quick)
//   node --import tsx bench/assignment/run.ts --sizes all          # 10k, 100k and 300k
//   node --import tsx bench/assignment/run.ts --sizes 100k,300k --formats rap2 --ref cs
//
// Options: --sizes (10k | 100k | 300k, comma-separated, or all; default 10k), --formats (rap1,rap2; default
// both), --ref (auto | ns | cs | both; auto = ns for RAP1, cs for RAP2, the faster per ANCHORS.md),
// --work DIR (instances and outputs; default bench/out/assignment), --runs N (solver runs per instance).
// Wall time and peak RSS come from /usr/bin/time for both processes (reading the file included);
// objectives are recomputed by the harness's verify.py and must be equal.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const harness = resolve(root, '../shared/bench/assignment');

const SIZES: Record<string, { P: number; R: number; orgs: number }> = {
  '10k': { P: 10000, R: 5000, orgs: 500 },
  '100k': { P: 100000, R: 40000, orgs: 3000 },
  '300k': { P: 300000, R: 100000, orgs: 8000 },
};

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}

const sizeArg = arg('sizes', '10k');
const sizes = sizeArg === 'all' ? Object.keys(SIZES) : sizeArg.split(',');
for (const s of sizes)
  if (!SIZES[s]) throw new Error(`unknown size ${s} (${Object.keys(SIZES).join(', ')}, all)`);
const formats = arg('formats', 'rap1,rap2').split(',');
const refArg = arg('ref', 'auto');
const runs = Number(arg('runs', '1'));
const work = resolve(root, arg('work', 'bench/out/assignment'));
mkdirSync(work, { recursive: true });

// Build the reference outside ../shared (read-only in CI): copy the sources, make there.
const lemonDir = join(work, 'lemon');
mkdirSync(lemonDir, { recursive: true });
for (const f of ['rap_lemon.cpp', 'Makefile']) copyFileSync(join(harness, f), join(lemonDir, f));
execFileSync('make', ['-s', '-C', lemonDir], { stdio: 'inherit' });
const lemon = join(lemonDir, 'rap_lemon');

interface Timed {
  wall: number;
  user: number;
  rssMB: number;
  stdout: string;
  status: number | null;
}

function timed(cmd: string[]): Timed {
  const tf = join(work, 'time.txt');
  const r = spawnSync('nice', ['-n', '5', '/usr/bin/time', '-f', '%e %U %M', '-o', tf, ...cmd], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [wall, user, rss] = readFileSync(tf, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, user, rssMB: rss / 1024, stdout: r.stdout, status: r.status };
}

function verify(inst: string, asg: string): { valid: boolean; objective: number; errors: string[] } {
  const r = spawnSync('python3', [join(harness, 'verify.py'), inst, asg], { encoding: 'utf8' });
  return JSON.parse(r.stdout);
}

interface Row {
  size: string;
  format: string;
  solver: string;
  wall: number;
  user: number;
  rssMB: number;
  objective: number;
  valid: boolean;
}

const rows: Row[] = [];
const fmt = (x: number, d = 2) => x.toFixed(d);
for (const size of sizes) {
  const { P, R, orgs } = SIZES[size];
  for (const format of formats) {
    const rap2 = format === 'rap2';
    const inst = join(work, `${format}_P${P}_R${R}_C50_k5${rap2 ? `_o${orgs}` : ''}_s1.rap`);
    if (!existsSync(inst) || statSync(inst).size === 0) {
      const gen = ['--P', `${P}`, '--R', `${R}`, '--C', '50', '--k', '5', '--seed', '1', '--out', inst];
      if (rap2) gen.push('--orgs', `${orgs}`);
      execFileSync('node', [join(harness, 'gen_instance.mjs'), ...gen], {
        stdio: ['ignore', 'ignore', 'ignore'],
      });
    }
    const refs = refArg === 'both' ? ['ns', 'cs'] : refArg === 'auto' ? [rap2 ? 'cs' : 'ns'] : [refArg];
    const refRows: Row[] = [];
    for (const algo of refs) {
      const out = join(work, `${format}_${size}.${algo}.asg`);
      const t = timed([lemon, inst, '--algo', algo, '--org-nodes', 'shared', '--out', out]);
      const v = verify(inst, out);
      const row = { size, format, solver: `lemon-${algo}`, ...t, objective: v.objective, valid: v.valid };
      refRows.push(row);
      rows.push(row);
      console.log(
        `${size} ${format} lemon-${algo}: ${fmt(t.wall)} s wall, ${fmt(t.rssMB, 0)} MB, obj ${v.objective}`,
      );
    }
    for (let i = 0; i < runs; i++) {
      const out = join(work, `${format}_${size}.jiebang.asg`);
      const t = timed(['node', join(root, 'bin/jiebang.mjs'), 'assign', '--in', inst, '--out', out]);
      const v = verify(inst, out);
      const row = { size, format, solver: 'jiebang', ...t, objective: v.objective, valid: v.valid };
      rows.push(row);
      const ref = refRows.reduce((a, b) => (b.wall < a.wall ? b : a));
      const same = v.objective === ref.objective && v.valid && ref.valid;
      console.log(
        `${size} ${format} jiebang: ${fmt(t.wall)} s wall, ${fmt(t.rssMB, 0)} MB, obj ${v.objective} ` +
          `(${same ? 'EQUAL to' : 'DIFFERS from'} reference ${ref.objective}), ratio ${fmt(t.wall / ref.wall)} ` +
          `${t.stdout.trim()}`,
      );
      if (!same) process.exitCode = 1;
    }
  }
}

const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(
  `\n| size | format | solver | wall s | user s | peak RSS MB | objective | valid | ratio to ref |`,
);
console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | --- | ---: |');
for (const r of rows) {
  const refs = rows.filter((x) => x.size === r.size && x.format === r.format && x.solver.startsWith('lemon'));
  const ref = refs.length ? refs.reduce((a, b) => (b.wall < a.wall ? b : a)) : r;
  console.log(
    `| ${r.size} | ${r.format.toUpperCase()} | ${r.solver} | ${fmt(r.wall)} | ${fmt(r.user)} | ${fmt(r.rssMB, 0)} | ` +
      `${r.objective} | ${r.valid} | ${r.solver === 'jiebang' ? fmt(r.wall / ref.wall) : '—'} |`,
  );
}
console.log(`\nload average at the end: ${load} (2 cores, shared machine)`);

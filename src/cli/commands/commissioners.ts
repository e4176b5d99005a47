// `jiebang commissioners match --commissioners C.jsonl --demands D.jsonl --out M.jsonl [--k 1]`:
// the matching of the commissioners module on files, no database: candidates by expertise affinity
// plus declared region points, then the exact assignment within capacities. Prints the objective
// and the timing. Format: docs/commissioners-match.md.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { InvalidArgumentError } from 'commander';
import { loadConfig } from '../../config.ts';
import { localeFromEnv } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import type { CommissionerInput, DemandInput } from '../../modules/commissioners/matching.ts';
import { DEFAULT_CANDIDATES, MatchIndex, matchDemands } from '../../modules/commissioners/matching.ts';
import { actingAs } from './acting.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

const CODE = /^\d{6}$/;
const strings = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A commissioner line, or why it is not one. */
export function parseCommissioner(line: string): CommissionerInput | { error: string } {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'expected a JSON object' };
  if (typeof v.id !== 'string' || !v.id) return { error: '"id" must be a non-empty string' };
  if (!strings(v.keywords)) return { error: '"keywords" must be an array of strings' };
  if (!strings(v.regions) || !(v.regions as string[]).every((r) => CODE.test(r)))
    return { error: '"regions" must be an array of six-digit division codes' };
  if (!Number.isInteger(v.capacity) || (v.capacity as number) < 0)
    return { error: '"capacity" must be a non-negative integer' };
  if (v.industries !== undefined && !strings(v.industries))
    return { error: '"industries" must be an array of strings' };
  if (v.available !== undefined && typeof v.available !== 'boolean')
    return { error: '"available" must be true or false' };
  return {
    id: v.id,
    keywords: v.keywords as string[],
    industries: (v.industries as string[] | undefined) ?? [],
    regions: v.regions as string[],
    capacity: v.capacity as number,
    available: (v.available as boolean | undefined) ?? true,
  };
}

/** A demand line, or why it is not one. */
export function parseDemand(line: string): DemandInput | { error: string } {
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return { error: `invalid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'expected a JSON object' };
  if (typeof v.id !== 'string' || !v.id) return { error: '"id" must be a non-empty string' };
  if (typeof v.text !== 'string') return { error: '"text" must be a string' };
  if (typeof v.region !== 'string' || !CODE.test(v.region))
    return { error: '"region" must be a six-digit county code' };
  if (v.industry !== undefined && typeof v.industry !== 'string')
    return { error: '"industry" must be a string' };
  return { id: v.id, text: v.text, region: v.region, industry: (v.industry as string | undefined) ?? '' };
}

async function readLines<T>(
  file: string,
  parse: (l: string) => T | { error: string },
  what: string,
): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let n = 0;
  for await (const line of createInterface({
    input: createReadStream(file),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    n++;
    if (!line.trim()) continue;
    const r = parse(line);
    if (r && typeof r === 'object' && 'error' in r) throw new Error(`${what} line ${n}: ${r.error}`);
    const id = (r as { id: string }).id;
    if (seen.has(id)) throw new Error(`${what} line ${n}: duplicate id ${JSON.stringify(id)}`);
    seen.add(id);
    out.push(r as T);
  }
  return out;
}

export interface MatchOptions {
  commissioners: string;
  demands: string;
  out: string;
  k: number;
  candidates: number;
  quiet?: boolean;
}

/** Runs the match; resolves to the process exit code. */
export async function runMatch(o: MatchOptions): Promise<number> {
  const say = (s: string) => {
    if (!o.quiet) process.stderr.write(`${s}\n`);
  };
  const t0 = performance.now();
  let cs: CommissionerInput[];
  let ds: DemandInput[];
  try {
    cs = await readLines(o.commissioners, parseCommissioner, 'commissioners');
    ds = await readLines(o.demands, parseDemand, 'demands');
  } catch (e) {
    process.stderr.write(`commissioners match: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  const t1 = performance.now();
  say(`read ${cs.length} commissioners, ${ds.length} demands in ${((t1 - t0) / 1000).toFixed(1)} s`);
  const index = new MatchIndex(cs);
  const t2 = performance.now();
  say(`expertise index built in ${((t2 - t1) / 1000).toFixed(1)} s`);
  const r = matchDemands(cs, ds, { perDemand: o.k, candidates: o.candidates, index });
  const t3 = performance.now();
  const out = o.out === '-' ? process.stdout : createWriteStream(o.out);
  for (const p of r.pairs) {
    if (!out.write(`${JSON.stringify({ demand: p.demand, commissioner: p.commissioner, score: p.score })}\n`))
      await once(out, 'drain');
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  const summary = {
    commissioners: cs.length,
    demands: ds.length,
    candidates: r.candidateCount,
    matched: r.pairs.length,
    unmatched: ds.length * o.k - r.pairs.length,
    objective: r.objective,
    seconds: {
      read: +((t1 - t0) / 1000).toFixed(2),
      index: +((t2 - t1) / 1000).toFixed(2),
      match: +((t3 - t2) / 1000).toFixed(2),
    },
  };
  // With --out - the matches own stdout: the summary goes to stderr.
  (o.out === '-' ? process.stderr : process.stdout).write(`${JSON.stringify(summary)}\n`);
  return 0;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export const registerCommissioners: RegisterCommand = (program) => {
  const c = program.command('commissioners').description('S&T commissioners (科技特派员)');
  c.command('import')
    .description(
      "import commissioners into an agency's registry from a CSV or XLSX file (docs/commissioners-import.md)",
    )
    .argument('<file>', 'CSV or XLSX file')
    .requiredOption('--agency <id>', 'the dispatching agency (organisation id)')
    .option('--skip-bad-rows', 'import the good rows even when some rows are bad', false)
    .option('--as <email>', 'act as this agency organizer (default: the platform admin)')
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(
      async (file: string, opts: { agency: string; skipBadRows: boolean; as?: string; dataDir: string }) => {
        const bytes = new Uint8Array(await readFile(file));
        const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
        try {
          const { importCommissioners } = await import('../../modules/commissioners/commissioners.import.ts');
          const acting = await actingAs(database, opts.as);
          if (!acting) return;
          const r = await importCommissioners(acting, bytes, {
            agencyId: opts.agency,
            skipBadRows: opts.skipBadRows,
          });
          const locale = localeFromEnv(process.env);
          for (const e of r.errors)
            console.error(
              render(t('import.rowProblem', { row: e.row, field: e.field, reason: e.reason }), locale),
            );
          if (!r.ok) {
            console.error(render(t('import.nothingImported', { count: r.errors.length }), locale));
            process.exitCode = 1;
            return;
          }
          console.log(`imported ${r.created} commissioner(s), skipped ${r.skipped} bad row(s)`);
        } finally {
          await database.close();
        }
      },
    );
  c.command('match')
    .description(
      'Match demands to commissioners on files, no database: expertise affinity + region points, then the optimal\n' +
        'assignment within capacities. Input and output are JSONL; see docs/commissioners-match.md.',
    )
    .requiredOption(
      '--commissioners <file>',
      'commissioners JSONL: {"id","keywords":[...],"regions":["330481"],"capacity":n}',
    )
    .requiredOption('--demands <file>', 'demands JSONL: {"id","text","region":"330481"}')
    .requiredOption('--out <file>', 'output JSONL {"demand","commissioner","score"}, or - for stdout')
    .option('--k <n>', 'commissioners per demand', positive, 1)
    .option(
      '--candidates <n>',
      'candidates by expertise drawn nationally per demand',
      positive,
      DEFAULT_CANDIDATES,
    )
    .option('--quiet', 'no progress on stderr')
    .action(async (opts: MatchOptions) => {
      process.exitCode = await runMatch(opts);
    });
};

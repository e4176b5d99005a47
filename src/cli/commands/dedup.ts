// `jiebang dedup`: near-duplicate pairs of a JSONL corpus, streamed line by line.

import { once } from 'node:events';
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { InvalidArgumentError } from 'commander';
import { comparePairs, DedupIndex, type DuplicatePair, orderedPair } from '../../core/dedup/index.ts';
import type { RegisterCommand } from './index.ts';

export interface DedupCommandOptions {
  in: string;
  out: string;
  threshold: number;
  shingle: number;
  hashes: number;
  estimate?: boolean;
  skipInvalid?: boolean;
  quiet?: boolean;
}

const MAX_REPORTED_ERRORS = 20;

function parseThreshold(v: string): number {
  const t = Number(v);
  if (!(t > 0 && t <= 1)) throw new InvalidArgumentError('must be a number in (0, 1]');
  return t;
}
function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Why a JSONL line is not a `{"id": string, "text": string}` document, or the document. */
export function parseDocumentLine(line: string): { id: string; text: string } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { error: `invalid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: 'expected a JSON object {"id": ..., "text": ...}' };
  }
  const { id, text } = value as Record<string, unknown>;
  if (id === undefined) return { error: 'missing "id"' };
  if (typeof id !== 'string' || id === '') return { error: '"id" must be a non-empty string' };
  if (text === undefined) return { error: 'missing "text"' };
  if (typeof text !== 'string') return { error: '"text" must be a string' };
  return { id, text };
}

function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/** Runs the dedup command; resolves to the process exit code. */
export async function runDedup(opts: DedupCommandOptions): Promise<number> {
  const fromStdin = opts.in === '-';
  let totalBytes: number | undefined;
  if (!fromStdin) {
    try {
      totalBytes = statSync(opts.in).size;
    } catch (err) {
      process.stderr.write(
        `dedup: cannot read --in ${opts.in}: ${(err as NodeJS.ErrnoException).code ?? err}\n`,
      );
      return 1;
    }
  }
  const input = fromStdin ? process.stdin : createReadStream(opts.in);
  const index = new DedupIndex({
    threshold: opts.threshold,
    shingleLength: opts.shingle,
    numHashes: opts.hashes,
    similarity: opts.estimate ? 'estimate' : 'exact',
  });
  const pairs: DuplicatePair[] = [];
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const started = Date.now();
  const tty = process.stderr.isTTY && !opts.quiet;
  let bytes = 0;
  let lineNo = 0;
  let errors = 0;
  let lastReport = started;
  const progress = (final: boolean) => {
    if (opts.quiet) return;
    const elapsed = Date.now() - started;
    const rate = Math.round((index.size / Math.max(elapsed, 1)) * 1000);
    let msg = `dedup: ${index.size.toLocaleString('en')} documents, ${pairs.length.toLocaleString('en')} pairs, ${rate.toLocaleString('en')} docs/s`;
    if (totalBytes) {
      const frac = Math.min(1, bytes / totalBytes);
      msg = `dedup: ${(frac * 100).toFixed(1).padStart(5)}% ${msg.slice(7)}`;
      if (!final && frac > 0.01) msg += `, ~${formatDuration((elapsed * (1 - frac)) / frac)} left`;
    }
    if (final) msg += ` in ${formatDuration(elapsed)}`;
    process.stderr.write(tty ? `\r${msg}\x1b[K${final ? '\n' : ''}` : `${msg}\n`);
  };

  for await (const line of lines) {
    lineNo++;
    bytes += Buffer.byteLength(line) + 1;
    if (line.trim() === '') continue;
    const doc = parseDocumentLine(line);
    const error =
      'error' in doc ? doc.error : index.has(doc.id) ? `duplicate id ${JSON.stringify(doc.id)}` : '';
    if ('error' in doc || error !== '') {
      errors++;
      if (errors <= MAX_REPORTED_ERRORS) process.stderr.write(`${opts.in}:${lineNo}: ${error}\n`);
      continue;
    }
    for (const m of index.add(doc.id, doc.text)) pairs.push(orderedPair(doc.id, m.id, m.similarity));
    const now = Date.now();
    if (now - lastReport >= (tty ? 250 : 5000)) {
      lastReport = now;
      progress(false);
    }
  }
  progress(true);
  if (errors > MAX_REPORTED_ERRORS) {
    process.stderr.write(`${opts.in}: ${errors - MAX_REPORTED_ERRORS} more bad lines not shown\n`);
  }
  if (errors > 0 && !opts.skipInvalid) {
    process.stderr.write(
      `dedup: ${errors} bad line${errors === 1 ? '' : 's'}; no output written (use --skip-invalid to ignore them)\n`,
    );
    return 1;
  }

  pairs.sort(comparePairs);
  const out = opts.out === '-' ? process.stdout : createWriteStream(opts.out);
  for (const p of pairs) {
    const line = `${JSON.stringify({ a: p.a, b: p.b, similarity: Math.round(p.similarity * 1e4) / 1e4 })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  if (out !== process.stdout) {
    out.end();
    await once(out, 'finish');
  }
  if (!opts.quiet) {
    process.stderr.write(
      `dedup: wrote ${pairs.length} pairs (${index.params.fingerprint}, threshold ${opts.threshold})\n`,
    );
  }
  return 0;
}

export const registerDedup: RegisterCommand = (program) => {
  program
    .command('dedup')
    .description(
      'Find near-duplicate texts (MinHash + LSH over character shingles, confirmed by exact Jaccard).\n' +
        'Input: JSONL lines {"id": "...", "text": "..."}. Output: JSONL lines {"a", "b", "similarity"}, a < b.',
    )
    .requiredOption('--in <file>', 'input JSONL file, or - for stdin')
    .requiredOption('--out <file>', 'output JSONL file, or - for stdout')
    .option('--threshold <t>', 'report pairs with similarity ≥ t', parseThreshold, 0.8)
    .option('--shingle <k>', 'shingle length in normalised characters', parsePositiveInt, 5)
    .option('--hashes <n>', 'MinHash functions', parsePositiveInt, 128)
    .option('--estimate', 'report the MinHash estimate instead of exact Jaccard')
    .option('--skip-invalid', 'skip bad input lines (still reported) instead of failing')
    .option('--quiet', 'no progress on stderr')
    .action(async (opts: DedupCommandOptions) => {
      process.exitCode = await runDedup(opts);
    });
};

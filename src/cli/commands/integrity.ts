// `jiebang integrity rescan [--threshold T]`: check every submitted challenge statement, bid and
// report against all others for duplicates.
import { loadConfig, parseDedupThreshold } from '../../config.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

export const registerIntegrity: RegisterCommand = (program) => {
  const integrity = program.command('integrity').description('integrity checks');
  integrity
    .command('rescan')
    .description(
      'compare every submitted challenge statement, bid and milestone report with all others and flag near-duplicates for the integrity officers',
    )
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .option(
      '-t, --threshold <t>',
      'Jaccard similarity to flag at, 0 < t ≤ 1 (default: DEDUP_THRESHOLD or 0.8)',
    )
    .action(async (opts: { dataDir: string; threshold?: string }) => {
      const config = loadConfig();
      const threshold =
        opts.threshold === undefined
          ? config.dedupThreshold
          : parseDedupThreshold(opts.threshold, '--threshold');
      const database = await openConfigured({ ...config, dataDir: opts.dataDir });
      try {
        const t0 = Date.now();
        const { rescanTexts } = await import('../../modules/integrity/integrity.service.ts');
        const r = await rescanTexts(
          database.db,
          new Date(),
          (done, total) => process.stderr.write(`\r${bar(done, total)}`),
          { threshold },
        );
        process.stderr.write(`\r${bar(r.checked, r.checked)}\n`);
        console.log(
          `checked ${r.checked} texts in ${Date.now() - t0} ms: ${r.pairs} pairs at or above ${threshold}, ${r.flagged} newly flagged`,
        );
      } finally {
        await database.close();
      }
    });
};

// `jiebang ledger verify` reconciles the funding journal (exit 1 on any problem);
// `jiebang ledger export --format csv|xlsx --out FILE` writes every journal line.
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

export const registerLedger: RegisterCommand = (program) => {
  const ledger = program.command('ledger').description('the double-entry funding journal');
  ledger
    .command('verify')
    .description('recompute every balance from the journal lines; exits 1 on any imbalance or inconsistency')
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { dataDir: string }) => {
      const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
      try {
        const t0 = Date.now();
        const { verifyLedger } = await import('../../modules/funding/funding.export.ts');
        const r = await verifyLedger(database.db);
        const what = `${r.entries} entries, ${r.lines} lines, ${r.accounts} accounts`;
        if (r.ok) console.log(`ledger balanced: ${what} verified in ${Date.now() - t0} ms`);
        else {
          console.log(`ledger NOT balanced (${what}):`);
          for (const p of r.problems) console.log(`  - ${p}`);
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
    });
  ledger
    .command('export')
    .description('export every journal line as CSV or XLSX')
    .requiredOption('-o, --out <file>', 'output file')
    .option('-f, --format <format>', 'csv or xlsx', 'csv')
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { out: string; format: string; dataDir: string }) => {
      if (opts.format !== 'csv' && opts.format !== 'xlsx') {
        console.error(`--format must be csv or xlsx, not ${opts.format}`);
        process.exitCode = 2;
        return;
      }
      const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
      try {
        const { allLedgerRows } = await import('../../modules/funding/funding.service.ts');
        const { toCsv, toXlsx } = await import('../../modules/funding/funding.export.ts');
        const rows = await allLedgerRows(database.db);
        writeFileSync(opts.out, opts.format === 'csv' ? toCsv(rows) : await toXlsx(rows));
        console.log(`wrote ${rows.length} journal lines to ${opts.out}`);
      } finally {
        await database.close();
      }
    });
};

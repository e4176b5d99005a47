// `jiebang experts import FILE [--skip-bad-rows] [--as EMAIL]`: the expert-pool import of the web
// page, through the same service (same checks, same audit), acting as an organizer or the admin.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfig } from '../../config.ts';
import { localeFromEnv } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import { actingAs } from './acting.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

export const registerExperts: RegisterCommand = (program) => {
  const experts = program.command('experts').description('the expert pool');
  experts
    .command('import')
    .description('import experts from a CSV or XLSX file (columns and syntax: docs/expert-import.md)')
    .argument('<file>', 'CSV or XLSX file')
    .option('--skip-bad-rows', 'import the good rows even when some rows are bad', false)
    .option('--as <email>', 'act as this organizer (default: the platform admin)')
    .option('--agency <id>', 'agency whose evaluator role the experts receive')
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(
      async (file: string, opts: { skipBadRows: boolean; as?: string; agency?: string; dataDir: string }) => {
        const bytes = new Uint8Array(await readFile(file));
        const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
        try {
          const { importExperts } = await import('../../modules/evaluation/pool.service.ts');
          const acting = await actingAs(database, opts.as);
          if (!acting) return;
          const t0 = Date.now();
          const r = await importExperts(acting, bytes, {
            skipBadRows: opts.skipBadRows,
            agencyId: opts.agency,
            fileName: basename(file),
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
          console.log(
            `imported ${r.created} new and ${r.updated} updated expert(s), skipped ${r.skipped} bad row(s) in ${Date.now() - t0} ms`,
          );
        } finally {
          await database.close();
        }
      },
    );
};

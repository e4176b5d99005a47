// `jiebang backup --out FILE`, `jiebang restore --in FILE`: the whole database, either backend.
import { loadConfig } from '../../config.ts';
import { openConfigured, verifyCopy } from './database.ts';
import type { RegisterCommand } from './index.ts';

const dataDirOption = ['-d, --data-dir <dir>', 'PGlite data directory (env JIEBANG_DATA_DIR)'] as const;

export const registerBackup: RegisterCommand = (program) => {
  program
    .command('backup')
    .description(
      'write a backup of the database to FILE: PGlite (stop the server first: the data directory is locked) or, with DATABASE_URL, pg_dump',
    )
    .requiredOption('-o, --out <file>', 'the backup file to write')
    .option(...dataDirOption, process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { out: string; dataDir: string }) => {
      const config = { ...loadConfig(), dataDir: opts.dataDir };
      const { backupDatabase } = await import('../../db/backup.ts');
      const t0 = Date.now();
      const r = await backupDatabase({ url: config.databaseUrl, dataDir: config.dataDir }, opts.out);
      console.log(`${r.kind} backup written to ${opts.out}: ${r.bytes} bytes in ${Date.now() - t0} ms`);
    });

  program
    .command('restore')
    .description(
      'restore a backup into an empty database (an empty --data-dir, or an empty DATABASE_URL database), then verify the audit chain and the ledger',
    )
    .requiredOption('-i, --in <file>', 'the backup file to read')
    .option(...dataDirOption, process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { in: string; dataDir: string }) => {
      const config = { ...loadConfig(), dataDir: opts.dataDir };
      const { restoreDatabase } = await import('../../db/backup.ts');
      const t0 = Date.now();
      const r = await restoreDatabase({ url: config.databaseUrl, dataDir: config.dataDir }, opts.in);
      console.log(`${r.kind} backup restored from ${opts.in} in ${Date.now() - t0} ms`);
      const database = await openConfigured(config, { migrate: false });
      try {
        if (!(await verifyCopy(database))) process.exitCode = 1;
      } finally {
        await database.close();
      }
    });
};

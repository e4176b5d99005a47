// `jiebang db move --to postgres://…`: grow from the embedded database to a PostgreSQL server.
import { verifyCopy } from './database.ts';
import type { RegisterCommand } from './index.ts';

export const registerDb: RegisterCommand = (program) => {
  const db = program.command('db').description('the database itself');
  db.command('move')
    .description(
      'copy the embedded (PGlite) database into an EMPTY PostgreSQL database: schema by the migrations, every row, sequences and waiting jobs, in one transaction; the audit chain and the ledger are verified on the target',
    )
    .requiredOption('--to <url>', 'postgres://user@host:port/database (must hold no tables)')
    .option(
      '-d, --data-dir <dir>',
      'PGlite data directory (env JIEBANG_DATA_DIR)',
      process.env.JIEBANG_DATA_DIR ?? './data',
    )
    .action(async (opts: { to: string; dataDir: string }) => {
      if (!/^postgres(ql)?:\/\//.test(opts.to)) throw new Error('--to must be a postgres:// URL');
      const { moveToPostgres } = await import('../../db/move.ts');
      const { openDatabase } = await import('../../db/db.ts');
      const t0 = Date.now();
      const r = await moveToPostgres(opts.dataDir, opts.to);
      console.log(
        `moved ${r.rows} rows of ${r.tables} tables and ${r.jobs} waiting jobs in ${Date.now() - t0} ms`,
      );
      const database = await openDatabase({ url: opts.to, migrate: false });
      try {
        if (!(await verifyCopy(database))) process.exitCode = 1;
        else console.log('from now on run with DATABASE_URL set to the target');
      } finally {
        await database.close();
      }
    });
};

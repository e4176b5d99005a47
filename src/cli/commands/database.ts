// `jiebang serve`, `jiebang migrate`: run the platform and its migrations.
import type { AddressInfo } from 'node:net';
import { type Config, loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/db.ts';
import { checkDurability } from '../../db/durability.ts';
import type { RegisterCommand } from './index.ts';

/** Open the configured database: DATABASE_URL if set, else PGlite in the data directory. */
export function openConfigured(config: Config, opts: { migrate?: boolean } = {}) {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir, migrate: opts.migrate });
}

/** Verifies the audit chain and the ledger of a copied database, printing both; false if either fails. */
export async function verifyCopy(database: Database): Promise<boolean> {
  const { verifyAudit } = await import('../../modules/audit/audit.service.ts');
  const { verifyLedger } = await import('../../modules/funding/funding.export.ts');
  const audit = await verifyAudit(database.db);
  const ledger = await verifyLedger(database.db);
  console.log(
    audit.ok
      ? `audit chain intact: ${audit.entries} entries`
      : `audit chain BROKEN at seq ${audit.firstBreak?.seq}`,
  );
  console.log(
    ledger.ok
      ? `ledger balanced: ${ledger.entries} entries`
      : `ledger NOT balanced: ${ledger.problems.join('; ')}`,
  );
  return audit.ok && ledger.ok;
}

export const registerDatabase: RegisterCommand = (program) => {
  program
    .command('serve')
    .description('start the web UI and API (PGlite in --data-dir, or DATABASE_URL)')
    .option('-p, --port <port>', 'port to listen on (env PORT)', process.env.PORT ?? '3000')
    .option('--host <host>', 'address to bind (env HOST)', process.env.HOST ?? '127.0.0.1')
    .option(
      '-d, --data-dir <dir>',
      'PGlite data directory (env JIEBANG_DATA_DIR)',
      process.env.JIEBANG_DATA_DIR ?? './data',
    )
    .action(async (opts: { port: string; host: string; dataDir: string }) => {
      const config = { ...loadConfig(), port: Number(opts.port), host: opts.host, dataDir: opts.dataDir };
      const database = await openConfigured(config);
      // Loaded here, not at start-up: other commands never pay for the HTTP stack.
      const { buildServer } = await import('../../http/server.ts');
      const app = await buildServer({ database, config, logger: true });
      if (database.kind === 'postgres') {
        // A refusal must end the process: stop the job workers the server started, then the pool.
        await checkDurability(database.pool, config.production, app.log).catch(async (err) => {
          await app.close();
          await database.close();
          throw err;
        });
      }
      // Graceful shutdown: /readyz answers 503 (for DRAIN_DELAY_SECONDS, so a load balancer stops
      // sending), then the listener closes, in-flight requests finish and running jobs end, then the
      // pool closes. A request arriving on an open connection meanwhile gets 503 and is not done.
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        app.ops.draining = true;
        app.log.info({ signal }, 'shutting down: draining');
        const deadline = setTimeout(() => {
          app.log.error(`shutdown took longer than ${config.shutdownTimeoutSeconds} s: exiting`);
          process.exit(1);
        }, config.shutdownTimeoutSeconds * 1000);
        deadline.unref();
        if (config.drainDelaySeconds > 0)
          await new Promise((r) => setTimeout(r, config.drainDelaySeconds * 1000));
        await app.close();
        await database.close();
        app.log.info('shut down: every in-flight request and job finished');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));
      await app.listen({ port: config.port, host: config.host });
      const where =
        database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
      // The port really listened on (with --port 0 the system picks a free one).
      const port = (app.server.address() as AddressInfo).port;
      console.log(
        `Jiebang is running on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port} — database: ${where}`,
      );
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { dataDir: string }) => {
      const config = { ...loadConfig(), dataDir: opts.dataDir };
      const database = await openConfigured(config);
      const r = await database.db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      console.log(`database is at the latest migration (${r.length} applied)`);
      await database.close();
    });
};

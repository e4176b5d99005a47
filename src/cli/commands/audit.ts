// `jiebang audit verify`: walk the hash chain and report the first broken link.
import { loadConfig } from '../../config.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

export const registerAudit: RegisterCommand = (program) => {
  const audit = program.command('audit').description('the tamper-evident audit trail');
  audit
    .command('verify')
    .description('verify every link of the audit hash chain; exits 1 at the first broken link')
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { dataDir: string }) => {
      const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
      try {
        const t0 = Date.now();
        const { verifyAudit } = await import('../../modules/audit/audit.service.ts');
        const r = await verifyAudit(database.db, (n) => process.stderr.write(`\rverified ${n} entries…`));
        if (r.entries >= 10000) process.stderr.write('\n');
        if (r.ok) {
          console.log(`audit chain intact: ${r.entries} entries verified in ${Date.now() - t0} ms`);
        } else {
          console.log(`audit chain BROKEN at seq ${r.firstBreak?.seq}: ${JSON.stringify(r.firstBreak)}`);
          process.exitCode = 1;
        }
      } finally {
        await database.close();
      }
    });
};

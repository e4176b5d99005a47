// `jiebang demo load`: the bilingual demo data set.
import { loadConfig } from '../../config.ts';
import { DEMO_PASSWORD, demoLogins } from '../../demo/demo-data.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

export const registerDemo: RegisterCommand = (program) => {
  const demo = program.command('demo').description('demo data');
  demo
    .command('load')
    .description(
      'load the bilingual demo data set (organisations, 30+ people with profiles and roles); safe to repeat',
    )
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { dataDir: string }) => {
      const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
      try {
        const t0 = Date.now();
        const { loadDemo } = await import('../../demo/load.ts');
        const r = await loadDemo({ db: database.db, now: () => new Date() }, (l) => console.log(`  ${l}`));
        console.log(
          r.alreadyLoaded ? 'demo data already loaded' : `demo data loaded in ${Date.now() - t0} ms`,
        );
        console.log(`log in with password ${DEMO_PASSWORD} as:`);
        for (const l of demoLogins())
          console.log(
            `  ${l.email.padEnd(34)} ${l.roles.join(', ').padEnd(20)} ${l.name}${l.org ? ` · ${l.org}` : ''}`,
          );
      } finally {
        await database.close();
      }
    });
};

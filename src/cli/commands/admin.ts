// `jiebang admin create`: the first platform administrator.
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../../config.ts';
import { localeFromEnv } from '../../i18n/locale.ts';
import { render } from '../../i18n/messages.ts';
import { issueMsg } from '../../i18n/validation.ts';
import { Email, Password } from '../../modules/accounts/accounts.schema.ts';
import { openConfigured } from './database.ts';
import type { RegisterCommand } from './index.ts';

async function askPassword(): Promise<string> {
  if (!process.stdin.isTTY) throw new Error('no password: pass --password or set JIEBANG_ADMIN_PASSWORD');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const answer = await rl.question('password (10+ characters): ');
  rl.close();
  return answer;
}

export const registerAdmin: RegisterCommand = (program) => {
  const admin = program.command('admin').description('platform administration');
  admin
    .command('create')
    .description('create (or promote) a platform administrator')
    .requiredOption('-e, --email <email>', 'login email')
    .option('-n, --name <name>', 'display name', '平台管理员')
    .option(
      '--password <password>',
      'password (or env JIEBANG_ADMIN_PASSWORD; asked for when neither is given)',
    )
    .option('-d, --data-dir <dir>', 'PGlite data directory', process.env.JIEBANG_DATA_DIR ?? './data')
    .action(async (opts: { email: string; name: string; password?: string; dataDir: string }) => {
      const locale = localeFromEnv(process.env);
      const email = Email.safeParse(opts.email);
      if (!email.success) throw new Error(`--email: ${render(issueMsg(email.error.issues[0]), locale)}`);
      const password = Password.safeParse(
        opts.password ?? process.env.JIEBANG_ADMIN_PASSWORD ?? (await askPassword()),
      );
      if (!password.success)
        throw new Error(`--password: ${render(issueMsg(password.error.issues[0]), locale)}`);
      const database = await openConfigured({ ...loadConfig(), dataDir: opts.dataDir });
      try {
        const { createPlatformAdmin } = await import('../../modules/accounts/accounts.service.ts');
        const r = await createPlatformAdmin(
          { db: database.db, actor: null, now: () => new Date() },
          { email: email.data, password: password.data, name: opts.name },
        );
        console.log(`platform admin ${email.data} ready (person ${r.personId})`);
      } finally {
        await database.close();
      }
    });
};

// The `jiebang` command line: one subcommand per file under ./commands.
import { Command } from 'commander';
import { AppError } from '../errors.ts';
import { localeFromEnv } from '../i18n/locale.ts';
import { withField } from '../i18n/validation.ts';
import { commands } from './commands/index.ts';

const program = new Command()
  .name('jiebang')
  .description('Jiebang (揭榜): open-competition science-and-technology programmes')
  .showHelpAfterError();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  // Errors read in the language of LANG / LC_ALL (zh… → Chinese, else English).
  const text =
    err instanceof AppError
      ? withField(err.field, err.msg, localeFromEnv(process.env))
      : err instanceof Error
        ? err.message
        : String(err);
  console.error(`jiebang: ${text}`);
  process.exitCode = 1;
}

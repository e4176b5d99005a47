// The `jiebang` command line: one subcommand per file under ./commands.
import { Command } from 'commander';
import { commands } from './commands/index.ts';

const program = new Command()
  .name('jiebang')
  .description('Jiebang (揭榜): open-competition science-and-technology programmes')
  .showHelpAfterError();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  console.error(`jiebang: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}

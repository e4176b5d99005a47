// `jiebang ip check NUMBER…`: Chinese patent application / patent numbers checked with their
// check digit; one JSON line per number; exit status 1 if any is invalid.
import { checkPatentNumber } from '../../modules/transfer/ipnumber.ts';
import type { RegisterCommand } from './index.ts';

/** The JSON line printed for one number. */
export function ipCheckLine(number: string) {
  const r = checkPatentNumber(number);
  return { number, valid: r.valid, kind: r.kind, filingYear: r.filingYear };
}

export const registerIp: RegisterCommand = (program) => {
  const ip = program.command('ip').description('intellectual-property numbers');
  ip.command('check')
    .description(
      'check patent application / patent numbers (ZL prefix and dot optional): prints {"number","valid","kind","filingYear"} per number; exits 1 if any is invalid',
    )
    .argument('<numbers...>', 'numbers to check, e.g. ZL200310102344.5')
    .action((numbers: string[]) => {
      let bad = false;
      for (const n of numbers) {
        const line = ipCheckLine(n);
        if (!line.valid) bad = true;
        console.log(JSON.stringify(line));
      }
      if (bad) process.exitCode = 1;
    });
};

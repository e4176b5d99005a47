// `jiebang delphi stats --in RANKS.csv`: Kendall's W of a ranking question, offline. Prints one
// JSON object {"panellists","items","W","chiSquare","df","pValue"}; a bad file prints every
// problem with its line number and exits 1.
import { readFileSync } from 'node:fs';
import { localeFromEnv } from '../../i18n/locale.ts';
import { type Msg, render, t } from '../../i18n/messages.ts';
import { kendallW } from '../../modules/insight/kendall.ts';
import { parseRanksCsv } from '../../modules/insight/ranks.ts';
import type { RegisterCommand } from './index.ts';

type StatsLine = {
  panellists: number;
  items: number;
  W: number;
  chiSquare: number;
  df: number;
  pValue: number;
};

/** The JSON printed for a rankings file, or the problems found in it. */
export function delphiStats(text: string): { ok: true; result: StatsLine } | { ok: false; errors: Msg[] } {
  const parsed = parseRanksCsv(text);
  if (!parsed.ok) return parsed;
  let c: ReturnType<typeof kendallW>;
  try {
    c = kendallW(parsed.table.rankings);
  } catch {
    return { ok: false, errors: [t('insight.ranks.allTied')] };
  }
  return {
    ok: true,
    result: {
      panellists: c.panellists,
      items: c.items,
      W: c.W,
      chiSquare: c.chiSquare,
      df: c.df,
      pValue: c.pValue,
    },
  };
}

export const registerDelphi: RegisterCommand = (program) => {
  const delphi = program.command('delphi').description('Delphi consultations: statistics of the answers');
  delphi
    .command('stats')
    .description(
      'Kendall\'s coefficient of concordance of a ranking question (tie-corrected) with its chi-square test; prints {"panellists","items","W","chiSquare","df","pValue"}',
    )
    .requiredOption(
      '--in <file>',
      'CSV with the header panellist,item,rank and one line per rank (- for standard input)',
    )
    .action((opts: { in: string }) => {
      let text: string;
      try {
        text = readFileSync(opts.in === '-' ? 0 : opts.in, 'utf8');
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        process.stderr.write(`delphi stats: cannot read --in ${opts.in}: ${e.code ?? e.message}\n`);
        process.exitCode = 1;
        return;
      }
      const out = delphiStats(text);
      if (out.ok) {
        process.stdout.write(`${JSON.stringify(out.result)}\n`);
        return;
      }
      const locale = localeFromEnv(process.env);
      for (const e of out.errors) process.stderr.write(`${render(e, locale)}\n`);
      process.exitCode = 1;
    });
};

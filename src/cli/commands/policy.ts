// `jiebang policy hnte|deduction|transfer --in FILE.json`: the policy tools offline, printing
// the same result JSON as the API. Invalid input prints each field with its message; exit 1.
import { readFileSync } from 'node:fs';
import { localeFromEnv } from '../../i18n/locale.ts';
import { render } from '../../i18n/messages.ts';
import { checkHnte } from '../../shared/policy/hnte.ts';
import {
  DeductionInputSchema,
  HnteInputSchema,
  type PolicyValidationError,
  parsePolicyInput,
  TransferInputSchema,
} from '../../shared/policy/policy.schema.ts';
import { computeSuperDeduction } from '../../shared/policy/superDeduction.ts';
import { computeTechTransfer } from '../../shared/policy/techTransfer.ts';
import type { RegisterCommand } from './index.ts';

type Outcome = { ok: true; result: unknown } | { ok: false; errors: PolicyValidationError[] };

/** Parses and computes one tool's input; never throws on bad input. */
export function runPolicyTool(tool: 'hnte' | 'deduction' | 'transfer', data: unknown): Outcome {
  switch (tool) {
    case 'hnte': {
      const p = parsePolicyInput(HnteInputSchema, data);
      return p.ok ? { ok: true, result: checkHnte(p.value) } : p;
    }
    case 'deduction': {
      const p = parsePolicyInput(DeductionInputSchema, data);
      return p.ok ? { ok: true, result: computeSuperDeduction(p.value) } : p;
    }
    case 'transfer': {
      const p = parsePolicyInput(TransferInputSchema, data);
      return p.ok ? { ok: true, result: computeTechTransfer(p.value) } : p;
    }
    default: {
      const never: never = tool;
      return never;
    }
  }
}

const TOOLS = {
  hnte: 'High and New Technology Enterprise recognition self-check (国科发火〔2016〕32号)',
  deduction: 'R&D expense super-deduction (公告2023年第7号 and related rules)',
  transfer: 'income tax on technology-transfer income (实施条例第九十条; 财税〔2020〕61号)',
} as const;

export const registerPolicy: RegisterCommand = (program) => {
  const policy = program
    .command('policy')
    .description('enterprise policy tools; amounts in yuan ("1234.56"); see docs/examples/policy/');
  for (const [tool, description] of Object.entries(TOOLS) as [keyof typeof TOOLS, string][]) {
    policy
      .command(tool)
      .description(`${description}; prints the result as JSON`)
      .requiredOption('--in <file>', 'input JSON file (- for standard input)')
      .action((opts: { in: string }) => {
        let data: unknown;
        try {
          data = JSON.parse(readFileSync(opts.in === '-' ? 0 : opts.in, 'utf8'));
        } catch (err) {
          const e = err as NodeJS.ErrnoException;
          process.stderr.write(`policy ${tool}: cannot read --in ${opts.in}: ${e.code ?? e.message}\n`);
          process.exitCode = 1;
          return;
        }
        const out = runPolicyTool(tool, data);
        if (out.ok) {
          process.stdout.write(`${JSON.stringify(out.result, null, 2)}\n`);
          return;
        }
        const locale = localeFromEnv(process.env);
        for (const e of out.errors)
          process.stderr.write(`${e.field || '(input)'}: ${render(e.msg, locale)}\n`);
        process.exitCode = 1;
      });
  }
};

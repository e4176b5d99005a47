// The demo expert pool: every demo evaluator enters the pool through the expert import (same
// service, same checks, audited), with a load cap and an availability window.
import type { Ctx } from '../app/context.ts';
import { importExperts } from '../modules/evaluation/pool.service.ts';
import { DEMO_ORGS, DEMO_PEOPLE } from './demo-data.ts';

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

/** Imports the demo evaluators into the pool unless they are there already; returns how many were added. */
export async function loadDemoExperts(admin: Ctx, agencyId: string | undefined, log: (l: string) => void) {
  const evaluators = DEMO_PEOPLE.filter((p) => p.roles.includes('evaluator'));
  const present = await admin.db
    .selectFrom('expert as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .select('p.email_norm')
    .where(
      'p.email_norm',
      'in',
      evaluators.map((p) => p.email.toLowerCase()),
    )
    .execute();
  if (present.length) return 0;
  const lines = [
    'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,max_load,availability',
    ...evaluators.map((p, i) =>
      [
        p.email,
        p.nameZh,
        p.nameEn,
        DEMO_ORGS.find((o) => o.key === p.org)?.nameZh ?? '',
        p.disciplineCodes.join('; '),
        p.keywords.join('; '),
        String(4 + (i % 3)),
        '2026-01-01..2028-12-31',
      ]
        .map(csvCell)
        .join(','),
    ),
  ];
  const r = await importExperts(admin, new TextEncoder().encode(`${lines.join('\n')}\n`), {
    skipBadRows: false,
    agencyId,
    fileName: 'demo-experts.csv',
  });
  if (!r.ok) throw new Error(`demo experts: ${JSON.stringify(r.errors)}`);
  log(`experts: ${r.created + r.updated}`);
  return r.created + r.updated;
}

// The annual assessment: the agency runs it for a year with its thresholds; each of its
// commissioners gets the year's figures, the grade and the rule that gave it, in one transaction
// under the agency's row lock (two officers running at once: one after the other, never mixed).
// The grades feed the next year's dispatch: see `excludedNextYear`.
import { sql } from 'kysely';
import type { Ctx, Tx } from '../../app/context.ts';
import { AppError, forbidden, invalid } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import {
  type AssessmentRule,
  DEFAULT_RULE,
  excludedNextYear,
  type Grade,
  grade,
  ruleProblem,
  type YearFigures,
} from './assessment.ts';
import { isAgencyStaff, isAnalyst } from './commissioners.access.ts';
import { beijingDay } from './commissioners.ts';

type Q = Ctx['db'] | Tx;

/** The year (Beijing) of an instant. */
export const beijingYear = (d: Date) => Number(beijingDay(d).slice(0, 4));
/** The instant a Beijing calendar year starts. */
const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000);

/** Each commissioner's figures for a year: confirmed visits dated in it, demands resolved in it. */
export async function yearFigures(q: Q, ids: string[], year: number) {
  const out = new Map<string, YearFigures & { ratings: number }>();
  for (const id of ids) out.set(id, { minutes: 0, visits: 0, resolved: 0, rating: null, ratings: 0 });
  if (!ids.length) return out;
  const visits = await q
    .selectFrom('commissioner_visit as v')
    .innerJoin('commissioner_dispatch as x', 'x.id', 'v.dispatch_id')
    .select([
      'x.commissioner_id',
      (eb) => eb.fn.countAll<string>().as('visits'),
      (eb) => eb.fn.sum<string>('v.minutes').as('minutes'),
      (eb) => eb.fn.count<string>('v.rating').as('ratings'),
      (eb) => eb.fn.avg<string | null>('v.rating').as('rating'),
    ])
    .where('x.commissioner_id', 'in', ids)
    .where('v.confirmed_at', 'is not', null)
    .where('v.visit_date', '>=', `${year}-01-01`)
    .where('v.visit_date', '<=', `${year}-12-31`)
    .groupBy('x.commissioner_id')
    .execute();
  for (const v of visits) {
    const f = out.get(v.commissioner_id)!;
    f.visits = Number(v.visits);
    f.minutes = Number(v.minutes);
    f.ratings = Number(v.ratings);
    f.rating = v.rating === null ? null : Math.round(Number(v.rating) * 100) / 100;
  }
  const resolved = await q
    .selectFrom('commissioner_dispatch')
    .select(['commissioner_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('commissioner_id', 'in', ids)
    .where('state', '=', 'completed')
    .where('completed_at', '>=', yearStart(year))
    .where('completed_at', '<', yearStart(year + 1))
    .groupBy('commissioner_id')
    .execute();
  for (const r of resolved) out.get(r.commissioner_id)!.resolved = Number(r.n);
  return out;
}

export interface AssessmentInput {
  agencyId: string;
  year: number;
  rule: AssessmentRule;
}

/** Run (or run again) the assessment of the agency's commissioners for a year. */
export async function runAssessment(ctx: Ctx, f: AssessmentInput) {
  const actor = requireActor(ctx.actor);
  if (!isAgencyStaff(actor, f.agencyId))
    throw new AppError('FORBIDDEN', t('commissioners.notAgency'), 'agencyId');
  const now = ctx.now();
  if (f.year > beijingYear(now)) throw invalid('year', t('commissioners.assess.futureYear'));
  const problem = ruleProblem(f.rule);
  if (problem) throw invalid(problem.field, problem.message);
  await ctx.db.transaction().execute(async (tx) => {
    // The agency's row serialises runs of its assessment.
    const org = await tx
      .selectFrom('organisation')
      .select('kind')
      .where('id', '=', f.agencyId)
      .forUpdate()
      .executeTakeFirst();
    if (org?.kind !== 'agency') throw invalid('agencyId', t('commissioners.agencyNotAgency'));
    const rows = await tx
      .selectFrom('commissioner')
      .select('id')
      .where('agency_org_id', '=', f.agencyId)
      .orderBy('id')
      .execute();
    const figures = await yearFigures(
      tx,
      rows.map((r) => r.id),
      f.year,
    );
    const rule = JSON.stringify(f.rule);
    const counts: Record<string, number> = {};
    const values = rows.map((r) => {
      const fig = figures.get(r.id)!;
      const g = grade(fig, f.rule);
      counts[g] = (counts[g] ?? 0) + 1;
      return {
        commissioner_id: r.id,
        year: f.year,
        agency_org_id: f.agencyId,
        minutes: fig.minutes,
        visits: fig.visits,
        resolved: fig.resolved,
        ratings: fig.ratings,
        rating: fig.rating,
        grade: g,
        rule,
        assessed_by: actor.personId,
        assessed_at: now,
      };
    });
    await tx
      .deleteFrom('commissioner_assessment')
      .where('agency_org_id', '=', f.agencyId)
      .where('year', '=', f.year)
      .execute();
    if (values.length)
      await tx
        .insertInto('commissioner_assessment')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['commissioner_id', 'year']).doUpdateSet((eb) => ({
            agency_org_id: eb.ref('excluded.agency_org_id'),
            minutes: eb.ref('excluded.minutes'),
            visits: eb.ref('excluded.visits'),
            resolved: eb.ref('excluded.resolved'),
            ratings: eb.ref('excluded.ratings'),
            rating: eb.ref('excluded.rating'),
            grade: eb.ref('excluded.grade'),
            rule: eb.ref('excluded.rule'),
            assessed_by: eb.ref('excluded.assessed_by'),
            assessed_at: eb.ref('excluded.assessed_at'),
          })),
        )
        .execute();
    await recordAudit(tx, actor, now, {
      action: 'commissioner_assessment.run',
      objectType: 'commissioner_assessment',
      objectId: `${f.agencyId}:${f.year}`,
      after: { year: f.year, rule: f.rule, grades: counts },
    });
  });
  return getAssessment(ctx, f.agencyId, f.year);
}

/** The agency's results for a year (agency staff, analysts), with the rule they were graded by. */
export async function getAssessment(ctx: Ctx, agencyId: string, year: number) {
  const actor = requireActor(ctx.actor);
  if (!isAgencyStaff(actor, agencyId) && !isAnalyst(actor)) throw forbidden(t('commissioners.notAgency'));
  const rows = await ctx.db
    .selectFrom('commissioner_assessment as a')
    .innerJoin('commissioner as c', 'c.id', 'a.commissioner_id')
    .select([
      'a.commissioner_id',
      'a.minutes',
      'a.visits',
      'a.resolved',
      'a.ratings',
      'a.rating',
      'a.grade',
      'a.rule',
      'a.assessed_at',
      'c.name_zh',
      'c.name_en',
      'c.home_org',
    ])
    .where('a.agency_org_id', '=', agencyId)
    .where('a.year', '=', year)
    .orderBy(sql`array_position(ARRAY['excellent','qualified','basic','unqualified'], a.grade)`)
    .orderBy('c.name_zh')
    .orderBy('a.commissioner_id')
    .execute();
  const last = rows.reduce<Date | null>((m, r) => (!m || r.assessed_at > m ? r.assessed_at : m), null);
  return {
    year,
    rule: (rows[0]?.rule as AssessmentRule | undefined) ?? null,
    defaultRule: DEFAULT_RULE,
    assessedAt: last?.toISOString() ?? null,
    items: rows.map((r) => ({
      commissioner: {
        id: r.commissioner_id,
        nameZh: r.name_zh,
        nameEn: r.name_en || r.name_zh,
        homeOrg: r.home_org,
      },
      hours: Math.round((r.minutes / 60) * 10) / 10,
      visits: r.visits,
      resolved: r.resolved,
      ratings: r.ratings,
      rating: r.rating === null ? null : Number(r.rating),
      grade: r.grade as Grade,
      rule: r.rule as AssessmentRule,
    })),
  };
}

/** Commissioners kept out of dispatch this year by last year's grade (the declared rule). */
export async function excludedByGrade(q: Q, ids: string[], now: Date): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!ids.length) return out;
  const last = beijingYear(now) - 1;
  const rows = await q
    .selectFrom('commissioner_assessment')
    .select(['commissioner_id', 'grade'])
    .where('commissioner_id', 'in', ids)
    .where('year', '=', last)
    .execute();
  for (const r of rows) if (excludedNextYear(r.grade as Grade)) out.set(r.commissioner_id, last);
  return out;
}

// Statistics by division (province, city or county), for analysts (everything) and agency staff
// (their agencies): commissioners, demands open and served, confirmed hours and visits, mean
// rating. Demands and service count where the demand is; a commissioner counts in each division its
// served regions lie in, at that region's level and above (one serving a whole city is not counted
// in each of its counties).
import type { Ctx } from '../../app/context.ts';
import { forbidden, invalid } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import { isAnalyst, staffedAgencies } from './commissioners.access.ts';
import { type DivisionLevel, divisionPath, divisions } from './divisions.ts';

const RANK: Record<DivisionLevel, number> = { province: 0, city: 1, county: 2 };
const NEXT: Record<DivisionLevel, 'city' | 'county' | null> = {
  province: 'city',
  city: 'county',
  county: null,
};

/** The code of the division at `level` that contains `code` (a code no finer than `level`: null). */
export function divisionAt(code: string, level: DivisionLevel): string | null {
  const d = divisions().get(code);
  if (!d || RANK[d.level] < RANK[level]) return null;
  if (level === 'province') return `${code.slice(0, 2)}0000`;
  if (level === 'city') return `${code.slice(0, 4)}00`;
  return code;
}

export interface StatsQuery {
  level: DivisionLevel;
  within?: string;
  agencyId?: string;
}

export interface StatsRow {
  code: string;
  name: string;
  shortName: string;
  commissioners: number;
  demandsOpen: number;
  demandsServed: number;
  hours: number;
  visits: number;
  rating: number | null;
}

export async function commissionerStats(ctx: Ctx, q: StatsQuery) {
  const actor = requireActor(ctx.actor);
  const all = isAnalyst(actor) || isPlatformAdmin(actor);
  const own = staffedAgencies(actor);
  if (!all && !own.length) throw forbidden(t('commissioners.notAgency'));
  if (q.agencyId && !all && !own.includes(q.agencyId)) throw forbidden(t('commissioners.notAgency'));
  const agencies = q.agencyId ? [q.agencyId] : all ? null : own;
  const withinDiv = q.within ? divisions().get(q.within) : undefined;
  if (q.within && (!withinDiv || RANK[withinDiv.level] >= RANK[q.level]))
    throw invalid('within', t('commissioners.stats.within'));
  const inside = (code: string) => !withinDiv || divisionAt(code, withinDiv.level) === withinDiv.code;

  let cq = ctx.db.selectFrom('commissioner').select(['id', 'regions']);
  if (agencies) cq = cq.where('agency_org_id', 'in', agencies);
  const commissioners = await cq.execute();
  let dq = ctx.db
    .selectFrom('commissioner_demand')
    .select(['region_code', 'state', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['region_code', 'state']);
  if (agencies) dq = dq.where('agency_org_id', 'in', agencies);
  const demands = await dq.execute();
  let vq = ctx.db
    .selectFrom('commissioner_visit as v')
    .innerJoin('commissioner_dispatch as x', 'x.id', 'v.dispatch_id')
    .innerJoin('commissioner_demand as d', 'd.id', 'x.demand_id')
    .select([
      'd.region_code',
      (eb) => eb.fn.countAll<string>().as('visits'),
      (eb) => eb.fn.sum<string>('v.minutes').as('minutes'),
      (eb) => eb.fn.count<string>('v.rating').as('ratings'),
      (eb) => eb.fn.sum<string | null>('v.rating').as('rating_sum'),
    ])
    .where('v.confirmed_at', 'is not', null)
    .groupBy('d.region_code');
  if (agencies) vq = vq.where('d.agency_org_id', 'in', agencies);
  const visits = await vq.execute();

  const acc = new Map<string, StatsRow & { minutes: number; ratings: number; ratingSum: number }>();
  const row = (code: string) => {
    let r = acc.get(code);
    if (!r) {
      const d = divisions().get(code);
      r = {
        code,
        name: divisionPath(code),
        shortName: d?.name === '市辖区' ? divisionPath(code) : (d?.name ?? code),
        commissioners: 0,
        demandsOpen: 0,
        demandsServed: 0,
        hours: 0,
        visits: 0,
        rating: null,
        minutes: 0,
        ratings: 0,
        ratingSum: 0,
      };
      acc.set(code, r);
    }
    return r;
  };
  for (const c of commissioners) {
    const keys = new Set(
      c.regions.map((r) => divisionAt(r, q.level)).filter((k): k is string => !!k && inside(k)),
    );
    for (const k of keys) row(k).commissioners++;
  }
  for (const d of demands) {
    const k = divisionAt(d.region_code, q.level);
    if (!k || !inside(k)) continue;
    if (d.state === 'resolved') row(k).demandsServed += Number(d.n);
    else if (d.state !== 'withdrawn') row(k).demandsOpen += Number(d.n);
  }
  for (const v of visits) {
    const k = divisionAt(v.region_code, q.level);
    if (!k || !inside(k)) continue;
    const r = row(k);
    r.visits += Number(v.visits);
    r.minutes += Number(v.minutes);
    r.ratings += Number(v.ratings);
    r.ratingSum += Number(v.rating_sum ?? 0);
  }
  const finish = (r: { minutes: number; ratings: number; ratingSum: number }) => ({
    hours: Math.round((r.minutes / 60) * 10) / 10,
    rating: r.ratings ? Math.round((r.ratingSum / r.ratings) * 100) / 100 : null,
  });
  const rows: StatsRow[] = [...acc.values()]
    .map(({ minutes, ratings, ratingSum, ...r }) => ({ ...r, ...finish({ minutes, ratings, ratingSum }) }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const sum = (k: 'commissioners' | 'demandsOpen' | 'demandsServed' | 'visits') =>
    rows.reduce((s, r) => s + r[k], 0);
  const total = [...acc.values()].reduce(
    (s, r) => ({
      minutes: s.minutes + r.minutes,
      ratings: s.ratings + r.ratings,
      ratingSum: s.ratingSum + r.ratingSum,
    }),
    { minutes: 0, ratings: 0, ratingSum: 0 },
  );
  return {
    level: q.level,
    next: NEXT[q.level],
    within: withinDiv
      ? { code: withinDiv.code, name: divisionPath(withinDiv.code), level: withinDiv.level }
      : null,
    rows,
    totals: {
      // Commissioners serving several divisions count once in the total.
      commissioners: new Set(
        commissioners
          .filter((c) =>
            c.regions.some((r) => {
              const k = divisionAt(r, q.level);
              return !!k && inside(k);
            }),
          )
          .map((c) => c.id),
      ).size,
      demandsOpen: sum('demandsOpen'),
      demandsServed: sum('demandsServed'),
      visits: sum('visits'),
      ...finish(total),
    },
  };
}

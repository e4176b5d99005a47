// "My tasks" of the commissioners module: agency staff see open demands to dispatch (those a
// commissioner declined counted apart), a commissioner the dispatches to accept or decline, the
// served party the visits to confirm.
import { sql } from 'kysely';
import { t } from '../../i18n/messages.ts';
import { registerTaskSource } from '../home/tasks.ts';
import { staffedAgencies } from './commissioners.access.ts';

registerTaskSource(async ({ actor, db }) => {
  const out = [];
  const agencies = staffedAgencies(actor);
  if (agencies.length) {
    // Open demands split by whether a commissioner declined them before (they need a new choice).
    const open = await db
      .selectFrom('commissioner_demand as d')
      .select([
        (eb) => eb.fn.countAll<string>().as('n'),
        sql<string>`count(*) FILTER (WHERE EXISTS (SELECT 1 FROM commissioner_dispatch x WHERE x.demand_id = d.id AND x.state = 'declined'))`.as(
          'declined',
        ),
      ])
      .where('d.agency_org_id', 'in', agencies)
      .where('d.state', '=', 'open')
      .executeTakeFirstOrThrow();
    const declined = Number(open.declined);
    const fresh = Number(open.n) - declined;
    if (fresh)
      out.push({
        kind: 'commissioners.dispatch',
        count: fresh,
        title: t('commissioners.task.dispatch', { count: fresh }),
        href: '/commissioners/dispatch',
      });
    if (declined)
      out.push({
        kind: 'commissioners.redispatch',
        count: declined,
        title: t('commissioners.task.redispatch', { count: declined }),
        href: '/commissioners/dispatch',
      });
  }
  const offered = await db
    .selectFrom('commissioner_dispatch as x')
    .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('c.person_id', '=', actor.personId)
    .where('x.state', '=', 'offered')
    .executeTakeFirstOrThrow();
  if (Number(offered.n))
    out.push({
      kind: 'commissioners.respond',
      count: Number(offered.n),
      title: t('commissioners.task.respond', { count: Number(offered.n) }),
      href: '/commissioners/service',
    });
  const unconfirmed = await db
    .selectFrom('commissioner_visit as v')
    .innerJoin('commissioner_dispatch as x', 'x.id', 'v.dispatch_id')
    .innerJoin('commissioner_demand as d', 'd.id', 'x.demand_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('d.posted_by', '=', actor.personId)
    .where('v.confirmed_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(unconfirmed.n))
    out.push({
      kind: 'commissioners.confirm',
      count: Number(unconfirmed.n),
      title: t('commissioners.task.confirm', { count: Number(unconfirmed.n) }),
      href: '/commissioners/demands',
    });
  return out;
});

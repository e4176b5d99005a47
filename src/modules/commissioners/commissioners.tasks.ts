// "My tasks" of the commissioners module: agency staff see open demands to dispatch, a
// commissioner the dispatches to accept or decline, the served party the visits to confirm.
import { t } from '../../i18n/messages.ts';
import { registerTaskSource } from '../home/tasks.ts';
import { staffedAgencies } from './commissioners.service.ts';

registerTaskSource(async ({ actor, db }) => {
  const out = [];
  const agencies = staffedAgencies(actor);
  if (agencies.length) {
    const open = await db
      .selectFrom('commissioner_demand')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('agency_org_id', 'in', agencies)
      .where('state', '=', 'open')
      .executeTakeFirstOrThrow();
    const count = Number(open.n);
    if (count)
      out.push({
        kind: 'commissioners.dispatch',
        count,
        title: t('commissioners.task.dispatch', { count }),
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

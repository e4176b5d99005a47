// "My tasks" of instruments: bookings to approve and finished slots to record (managers), uses to
// rate (bookers).
import { sql } from 'kysely';
import { t } from '../../i18n/messages.ts';
import { registerTaskSource } from '../home/tasks.ts';

registerTaskSource(async ({ actor, db, now }) => {
  const adminOrgs = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  const managed = (state: string) => {
    let q = db
      .selectFrom('instrument_booking as b')
      .innerJoin('instrument as i', 'i.id', 'b.instrument_id')
      .select((eb) => [eb.fn.countAll<string>().as('n'), sql<Date | null>`min(lower(b.during))`.as('due')])
      .where('b.state', '=', state);
    q = q.where((eb) =>
      adminOrgs.length
        ? eb.or([eb('i.manager_id', '=', actor.personId), eb('i.org_id', 'in', adminOrgs)])
        : eb('i.manager_id', '=', actor.personId),
    );
    return q;
  };
  const pending = await managed('pending').executeTakeFirstOrThrow();
  const toRecord = await managed('confirmed')
    .where(sql<boolean>`upper(b.during) <= ${now().toISOString()}::timestamptz`)
    .executeTakeFirstOrThrow();
  const toRate = await db
    .selectFrom('instrument_booking as b')
    .leftJoin('instrument_rating as r', 'r.booking_id', 'b.id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('b.booker_id', '=', actor.personId)
    .where('b.state', '=', 'completed')
    .where('r.booking_id', 'is', null)
    .executeTakeFirstOrThrow();
  return [
    {
      kind: 'instrument.approve',
      count: Number(pending.n),
      title: t('instruments.task.approve', { count: Number(pending.n) }),
      href: '/instruments/managed',
      dueAt: pending.due ? new Date(pending.due).toISOString() : undefined,
    },
    {
      kind: 'instrument.record',
      count: Number(toRecord.n),
      title: t('instruments.task.record', { count: Number(toRecord.n) }),
      href: '/instruments/managed',
    },
    {
      kind: 'instrument.rate',
      count: Number(toRate.n),
      title: t('instruments.task.rate', { count: Number(toRate.n) }),
      href: '/instruments/bookings',
    },
  ];
});

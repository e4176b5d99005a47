// The commissioners demo loads through the services: the department's registry, demands of the
// agricultural firm at each step, and work waiting for each demo login.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import { loadCommissionersDemo } from '../../src/demo/commissioners-demo.ts';
import { loadDemo } from '../../src/demo/load.ts';
import * as accountsRepo from '../../src/modules/accounts/accounts.repo.ts';
import * as svc from '../../src/modules/commissioners/commissioners.service.ts';
import { tasksFor } from '../../src/modules/home/tasks.ts';
import '../../src/modules/commissioners/commissioners.tasks.ts';
import '../../src/modules/notifications/mail.ts';
import { freshDatabase } from '../support/db.ts';

describe('commissioners demo data', { timeout: 180_000 }, () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase('pglite');
  });
  after(() => database.close());

  test('registry, demands at each step, and tasks for the demo logins', async () => {
    const base = { db: database.db, now: () => new Date(), actor: null };
    await loadDemo(base);
    assert.equal(await loadCommissionersDemo(base, () => {}), 0, 'a second run changes nothing');
    const as = async (email: string) => {
      const p = await accountsRepo.findPersonByEmail(database.db, email);
      return { ...base, actor: await actorFor(base, p!.id) };
    };
    const organizer = await as('organizer@demo.jiebang.cn');
    const reg = await svc.listCommissioners(organizer, { page: 1, pageSize: 20 });
    assert.equal(reg.total, 4);
    const tang = reg.items.find((c) => c.nameEn === 'Tang Jianping')!;
    assert.equal(tang.confirmedVisits, 1);
    assert.equal(tang.rating, 5);
    const agencyId = tang.agency.id;
    const p = await svc.proposal(organizer, agencyId);
    assert.equal(p.demands.length, 2);
    const rice = p.demands.find((d) => d.demand.title.includes('水稻'))!;
    assert.equal(
      rice.proposed?.commissioner.nameEn,
      'Rice Disease Team, Donghai Academy of Agricultural Sciences',
    );
    const kinds = async (email: string) => (await tasksFor(await as(email))).map((x) => x.kind);
    assert.ok((await kinds('organizer@demo.jiebang.cn')).includes('commissioners.dispatch'));
    assert.ok((await kinds('commissioner2@demo.jiebang.cn')).includes('commissioners.respond'));
    assert.ok((await kinds('proposer3@demo.jiebang.cn')).includes('commissioners.confirm'));
  });
});

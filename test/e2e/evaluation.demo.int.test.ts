// The demo's expert review: after `demo load`, the demo expert (expert@) has reviews to do —
// open assignments with a due date in the queue and on the home page's tasks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { loadReviewDemo } from '../../src/demo/review-demo.ts';
import * as accountsRepo from '../../src/modules/accounts/accounts.repo.ts';
import '../../src/modules/evaluation/evaluation.tasks.ts';
// The notices demo load sends are delivered by the job this module defines (the server loads it too).
import '../../src/modules/notifications/mail.ts';
import { queue } from '../../src/modules/evaluation/review.service.ts';
import { tasksFor } from '../../src/modules/home/tasks.ts';
import { freshDatabase } from '../support/db.ts';

describe('review demo data', { timeout: 180_000 }, () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase('pglite');
  });
  after(() => database.close());

  test('expert@ has open reviews with a due date after demo load, loaded once', async () => {
    const base = { db: database.db, now: () => new Date() };
    await loadDemo(base);
    assert.equal(await loadReviewDemo(base), 0, 'a second run changes nothing');
    const expert = await accountsRepo.findPersonByEmail(database.db, 'expert@demo.jiebang.cn');
    assert.ok(expert);
    const ctx = { ...base, actor: await actorFor(base, expert.id) };
    const page = await queue(ctx, { status: 'open', order: 'asc', page: 1, pageSize: 50 });
    const open = page.items.filter((x) => x.roundState === 'reviewing');
    assert.ok(open.length >= 1, `expert@ has ${open.length} open reviews`);
    for (const x of open) {
      assert.ok(new Date(x.dueAt).getTime() > Date.now(), 'due in the future');
      assert.equal(x.overdue, false);
    }
    const due = (await tasksFor(ctx)).find((x) => x.kind === 'review.due');
    assert.equal(due?.count, open.length);
  });
});

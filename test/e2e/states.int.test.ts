// Every state a refusal may name has a label in both languages: the labels of each kind are
// exactly the values the database allows for that column (read from its CHECK constraint), so a
// state added by a migration without a label fails here. And a refusal reads in people's words.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/db/db.ts';
import '../../src/i18n/catalogue.ts';
import { render, t } from '../../src/i18n/messages.ts';
import { labelledStates, STATE_KINDS, type StateKind, stateOf } from '../../src/i18n/states.messages.ts';
import { BID_STATES, CHALLENGE_STATES, TASK_BOOK_STATES } from '../../src/modules/challenges/challenges.ts';
import { freshDatabase } from '../support/db.ts';

/** States the code's state machines declare (their columns have no CHECK list). */
const MACHINES: Partial<Record<StateKind, readonly string[]>> = {
  challenge: CHALLENGE_STATES,
  bid: BID_STATES,
  taskBook: TASK_BOOK_STATES,
};

/** States the database declares, as the CHECK list of a column. */
const COLUMNS: Partial<Record<StateKind, [table: string, column: string]>> = {
  round: ['review_round', 'state'],
  assignment: ['review_assignment', 'state'],
  race: ['race', 'state'],
  appeal: ['integrity_record', 'appeal_status'],
  flag: ['duplicate_flag', 'state'],
  ethicsReview: ['ethics_review', 'state'],
  achievement: ['transfer_achievement', 'state'],
  demand: ['transfer_demand', 'state'],
};

describe('state labels', () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase('pglite');
  });
  after(() => database.close());

  test('each kind labels exactly the states its machine or its column allows', async () => {
    for (const [kind, states] of Object.entries(MACHINES) as [StateKind, readonly string[]][])
      assert.deepEqual(
        labelledStates(kind).sort(),
        [...states].sort(),
        `${kind} labels = its machine's states`,
      );
    assert.deepEqual(
      [...Object.keys(MACHINES), ...Object.keys(COLUMNS)].sort(),
      [...STATE_KINDS].sort(),
      'every kind is checked',
    );
    for (const [kind, [table, column]] of Object.entries(COLUMNS) as [StateKind, [string, string]][]) {
      const defs = (
        await database.pool.query(
          `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
           WHERE conrelid = $1::regclass AND contype = 'c'`,
          [table],
        )
      ).rows.map((r) => r.def as string);
      const def = defs.find((d) => new RegExp(`\\(+${column}\\b`).test(d) && d.includes('ANY'));
      assert.ok(def, `${table}.${column} has a CHECK list`);
      const allowed = [...def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]).sort();
      assert.deepEqual(labelledStates(kind).sort(), allowed, `${kind} labels = ${table}.${column} values`);
    }
  });

  test('a refusal names the state in the reader’s language; an unlabelled value stays itself', () => {
    const msg = t('race.state', { state: stateOf('race', 'ended_early') });
    assert.equal(render(msg, 'zh-CN'), '赛马处于“提前结束”状态');
    assert.equal(render(msg, 'en'), 'the race is ended early');
    assert.equal(stateOf('race', 'no_such_state'), 'no_such_state');
  });
});

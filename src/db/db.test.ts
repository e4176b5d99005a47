// The explicit type parsers: int8 exact or refused, numeric and date kept as text, timestamps
// as UTC instants — by the parser alone (properties) and through real sessions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { type Database, openDatabase, typeParsers } from './db.ts';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parse = (oid: number) => typeParsers.getTypeParser(oid) as (v: string) => unknown;

describe('type parsers', () => {
  test('int8: every safe integer is read exactly', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        assert.equal(parse(INT8)(String(n)), n);
      }),
    );
  });

  test('int8: every value beyond ±(2^53 − 1) is refused, never rounded', () => {
    const beyond = fc.oneof(
      fc.bigInt({ min: 2n ** 53n, max: 2n ** 63n - 1n }),
      fc.bigInt({ min: -(2n ** 63n), max: -(2n ** 53n) }),
    );
    fc.assert(
      fc.property(beyond, (n) => {
        assert.throws(() => parse(INT8)(n.toString()), /exceeds the safe integer range/);
      }),
    );
  });

  test('numeric and date come back as the text PostgreSQL sent', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}\.\d{1,10}$/), (v) => {
        assert.equal(parse(NUMERIC)(v), v);
      }),
    );
    assert.equal(parse(DATE)('2026-02-28'), '2026-02-28');
  });
});

// PGlite always; the PostgreSQL server too when the test run has one (no migrations needed).
const kinds = process.env.TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
for (const kind of kinds)
  describe(`type parsers through ${kind}`, () => {
    let database: Database;
    before(async () => {
      database = await openDatabase(
        kind === 'pglite'
          ? { dataDir: 'memory://', migrate: false, appRole: false }
          : { url: process.env.TEST_DATABASE_URL, migrate: false, appRole: false },
      );
    });
    after(() => database.close());

    const one = async (sql: string) => (await database.pool.query(sql)).rows[0].v;

    test('int8 beyond 2^53 is refused; at the edge it is exact', async () => {
      assert.equal(await one('SELECT 9007199254740991::int8 AS v'), Number.MAX_SAFE_INTEGER);
      assert.equal(await one('SELECT (-9007199254740991)::int8 AS v'), -Number.MAX_SAFE_INTEGER);
      await assert.rejects(one('SELECT 9007199254740993::int8 AS v'), /exceeds the safe integer range/);
      // count(*) is int8 too: it arrives as a number, not a string.
      assert.equal(await one('SELECT count(*) AS v FROM generate_series(1, 3)'), 3);
    });

    test('numeric keeps every digit and its scale; dates are plain strings', async () => {
      assert.equal(await one('SELECT 12345678901234567890.1200::numeric AS v'), '12345678901234567890.1200');
      assert.equal(await one(`SELECT DATE '2026-11-28' AS v`), '2026-11-28');
    });

    test('the session is in UTC and timestamps are the same instants whatever the offset written', async () => {
      assert.equal(await one(`SELECT current_setting('TimeZone') AS v`), 'UTC');
      const at = await one(`SELECT TIMESTAMPTZ '2026-11-28 10:00:00+08' AS v`);
      assert.ok(at instanceof Date);
      assert.equal(at.toISOString(), '2026-11-28T02:00:00.000Z');
      assert.equal(
        await one(`SELECT to_char(TIMESTAMPTZ '2026-11-28 10:00:00+08', 'YYYY-MM-DD HH24:MI') AS v`),
        '2026-11-28 02:00',
      );
      // A Date written is the instant read back.
      const now = new Date(Date.UTC(2026, 10, 28, 23, 59, 59, 123));
      const back = (await database.pool.query('SELECT $1::timestamptz AS v', [now])).rows[0].v;
      assert.equal(back.toISOString(), now.toISOString());
    });
  });

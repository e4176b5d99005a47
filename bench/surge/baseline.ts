// The raw database baseline: pgbench doing, per submission, the writes the app makes for one bid
// (five transactions: create with its member, confirm, two signatures, submit), each appending
// to a hash-chained audit log serialised on one head row, as the app's audit trail is; the
// challenge row is locked on create and submit as the app locks it. No HTTP, no app code.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { PgServer } from './pg.ts';

const SCHEMA = `
CREATE TABLE b_challenge (id int PRIMARY KEY, state text NOT NULL);
INSERT INTO b_challenge VALUES (1, 'published');
CREATE TABLE b_bid (
  id bigserial PRIMARY KEY, challenge_id int NOT NULL REFERENCES b_challenge(id), commander bigint NOT NULL,
  idem_key text NOT NULL UNIQUE, body jsonb NOT NULL, state text NOT NULL DEFAULT 'draft',
  signed_commander_at timestamptz, signed_host_at timestamptz, submitted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(), version int NOT NULL DEFAULT 1);
CREATE TABLE b_member (bid_id bigint NOT NULL REFERENCES b_bid(id), person int NOT NULL, confirmed_at timestamptz,
  PRIMARY KEY (bid_id, person));
CREATE TABLE b_audit_head (id int PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL);
INSERT INTO b_audit_head VALUES (1, 0, '');
CREATE TABLE b_audit (seq bigint PRIMARY KEY, hash text NOT NULL, action text NOT NULL, object_id bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT now(), detail jsonb NOT NULL DEFAULT '{}');
CREATE SEQUENCE b_key;
`;

const audit = (action: string) =>
  `WITH h AS (UPDATE b_audit_head SET seq = seq + 1, hash = md5(hash || :bid) WHERE id = 1 RETURNING seq, hash)
INSERT INTO b_audit (seq, hash, action, object_id, detail) SELECT seq, hash, '${action}', :bid, '{"challenge": 1}' FROM h;`;

/** One pgbench "transaction" = one submission = five database transactions. */
export function script(route: string): string {
  const body = JSON.stringify({ technicalRoute: route, budgetFen: 400000000, milestones: [1, 2] }).replaceAll(
    "'",
    "''",
  );
  return [
    'BEGIN;',
    'SELECT state FROM b_challenge WHERE id = 1 FOR UPDATE;',
    `INSERT INTO b_bid (challenge_id, commander, idem_key, body) VALUES (1, :client_id, 'k' || nextval('b_key'), '${body}') RETURNING id AS bid \\gset`,
    'INSERT INTO b_member (bid_id, person) VALUES (:bid, 1);',
    audit('bid.create'),
    'COMMIT;',
    'BEGIN;',
    'SELECT state FROM b_bid WHERE id = :bid FOR UPDATE;',
    'UPDATE b_member SET confirmed_at = now() WHERE bid_id = :bid AND person = 1;',
    audit('bid.confirm_member'),
    'COMMIT;',
    'BEGIN;',
    'SELECT state FROM b_bid WHERE id = :bid FOR UPDATE;',
    'UPDATE b_bid SET signed_commander_at = now() WHERE id = :bid;',
    audit('bid.sign_pledge_commander'),
    'COMMIT;',
    'BEGIN;',
    'SELECT state FROM b_bid WHERE id = :bid FOR UPDATE;',
    'UPDATE b_bid SET signed_host_at = now() WHERE id = :bid;',
    audit('bid.sign_pledge_host'),
    'COMMIT;',
    'BEGIN;',
    'SELECT state FROM b_bid WHERE id = :bid FOR UPDATE;',
    'SELECT state FROM b_challenge WHERE id = 1 FOR UPDATE;',
    "UPDATE b_bid SET state = 'submitted', submitted_at = now(), version = version + 1 WHERE id = :bid;",
    audit('bid.submit'),
    'COMMIT;',
    '',
  ].join('\n');
}

export interface Baseline {
  submissionsPerSecond: number;
  latencyMsAvg: number;
  clients: number;
  seconds: number;
}

/** Create the baseline database and run pgbench for `seconds` with `clients` connections. */
export async function runBaseline(
  server: PgServer,
  route: string,
  clients: number,
  seconds: number,
): Promise<Baseline> {
  const admin = new pg.Client({ connectionString: server.urlFor('postgres') });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS surge_baseline');
  await admin.query('CREATE DATABASE surge_baseline');
  await admin.end();
  const c = new pg.Client({ connectionString: server.urlFor('surge_baseline') });
  await c.connect();
  await c.query(SCHEMA);
  await c.end();
  const file = join(server.dir, 'surge.pgbench.sql');
  writeFileSync(file, script(route), { mode: 0o644 });
  const out = await server.pgbench('surge_baseline', [
    '-n',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(seconds),
    '-f',
    file,
  ]);
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const lat = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? Number.NaN);
  return { submissionsPerSecond: tps, latencyMsAvg: lat, clients, seconds };
}

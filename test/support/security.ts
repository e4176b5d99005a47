// Support for the security suites: row counts of every table (so "a refused request wrote
// nothing" covers tables added later too) and a raw request helper that sends any bytes.
import type { Database } from '../../src/db/db.ts';
import type { TestClient } from './client.ts';

/** Row count of every table in the public schema, plus the audit head; equal before and after = nothing written. */
export async function countAllTables(database: Database): Promise<Record<string, number>> {
  const tables = (
    await database.pool.query(
      // Rate-limit counters count refused attempts too, by design: they are not the request's write.
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_migration%' AND tablename NOT LIKE 'rate_limit%' ORDER BY tablename",
    )
  ).rows.map((r: { tablename: string }) => r.tablename);
  const parts = tables.map((t: string) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`);
  const out: Record<string, number> = {};
  for (const row of (await database.pool.query(parts.join(' UNION ALL '))).rows) out[row.t] = Number(row.n);
  out['audit_head.seq'] = Number((await database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
  return out;
}

/** The columns of a mail that its delivery changes. */
const DELIVERY_COLUMNS = [
  'state',
  'subject',
  'text_body',
  'html_body',
  'attempts',
  'claimed_at',
  'sent_at',
  'smtp_response',
  'last_error',
];

/**
 * Every row of every public table, digested per table (row count and an MD5 of the rows in a fixed
 * order), plus the audit head: equal before and after = nothing written, not even an update that
 * keeps the counts. `session.last_seen_at` is left out: any request of a session may touch it; so
 * are a mail's delivery columns, which the job queue changes in the background after the request
 * that queued the mail (the mail rows themselves are compared).
 */

export async function tableContents(database: Database): Promise<Record<string, string>> {
  const tables = (
    await database.pool.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_migration%' AND tablename NOT LIKE 'rate_limit%' ORDER BY tablename",
    )
  ).rows.map((r: { tablename: string }) => r.tablename);
  const row = (t: string) =>
    t === 'session'
      ? `(to_jsonb(x) - 'last_seen_at')::text`
      : t === 'mail_message'
        ? `(to_jsonb(x) - ${DELIVERY_COLUMNS.map((c) => `'${c}'`).join(' - ')})::text`
        : 'to_jsonb(x)::text';
  const parts = tables.map(
    (t: string) =>
      `SELECT '${t}' AS t, count(*)::int || ':' || coalesce(md5(string_agg(${row(t)}, '|' ORDER BY ${row(t)})), '-') AS d FROM "${t}" x`,
  );
  const out: Record<string, string> = {};
  for (const r of (await database.pool.query(parts.join(' UNION ALL '))).rows) out[r.t] = r.d;
  out['audit_head.seq'] = String((await database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
  return out;
}

/** A request with the client's cookies and CSRF token but a raw payload and any content type. */
export function rawRequest(
  c: TestClient,
  method: string,
  url: string,
  payload: string | Buffer,
  headers: Record<string, string> = {},
) {
  return c.app.inject({
    method: method as 'POST',
    url,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': c.csrf,
      'content-type': 'application/json',
      ...headers,
    },
    payload,
  });
}

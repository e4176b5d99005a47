// Every SQL statement of the policy tools: saved worksheets. Rows in, rows out.
import type { Kysely, Selectable } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB, PolicyWorksheetTable } from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type WorksheetRow = Selectable<PolicyWorksheetTable>;
export type WorksheetKind = PolicyWorksheetTable['kind'];

export const listWorksheets = (q: Q, orgId: string, kind?: WorksheetKind) => {
  let query = q.selectFrom('policy_worksheet').selectAll().where('org_id', '=', orgId);
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('kind').orderBy('tax_year', 'desc').execute();
};

export const lockWorksheet = (q: Tx, orgId: string, kind: WorksheetKind, taxYear: number) =>
  q
    .selectFrom('policy_worksheet')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('kind', '=', kind)
    .where('tax_year', '=', taxYear)
    .forUpdate()
    .executeTakeFirst();

/** Insert, or replace the input of the organisation's worksheet for that tool and year. */
export const upsertWorksheet = (
  q: Tx,
  w: { orgId: string; kind: WorksheetKind; taxYear: number; input: unknown; by: string; now: Date },
): Promise<WorksheetRow> =>
  q
    .insertInto('policy_worksheet')
    .values({
      org_id: w.orgId,
      kind: w.kind,
      tax_year: w.taxYear,
      input: JSON.stringify(w.input),
      created_by: w.by,
      created_at: w.now,
    })
    .onConflict((oc) =>
      oc.columns(['org_id', 'kind', 'tax_year']).doUpdateSet({
        input: JSON.stringify(w.input),
        created_by: w.by,
        created_at: w.now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();

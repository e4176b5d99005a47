// SQL of delivery (0018): report evidence files, experts named on task books, per-reviewer
// verdicts on milestone reports, and acceptance judgements with their verifier and evidence.
import type { Kysely } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;

export const lockReport = (tx: Tx, id: string) =>
  tx.selectFrom('milestone_report').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Files attached to any of these reports, oldest first. */
export const reportAttachments = (q: Q, reportIds: string[]) =>
  reportIds.length
    ? q
        .selectFrom('attachment')
        .select(['id', 'owner_id', 'file_name', 'media_type', 'size_bytes', 'sha256', 'uploaded_at'])
        .where('owner_type', '=', 'milestone_report')
        .where('owner_id', 'in', reportIds)
        .orderBy('uploaded_at')
        .orderBy('id')
        .execute()
    : Promise.resolve([]);

/** Where each of these attachments belongs (no content). */
export const attachmentOwners = (q: Q, ids: string[]) =>
  ids.length
    ? q.selectFrom('attachment').select(['id', 'owner_type', 'owner_id']).where('id', 'in', ids).execute()
    : Promise.resolve([]);

// ── experts named on a task book ──
export const expertsOf = (q: Q, taskBookId: string) =>
  q
    .selectFrom('task_book_expert as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .select(['x.person_id', 'x.named_at', 'p.name_zh', 'p.name_en'])
    .where('x.task_book_id', '=', taskBookId)
    .orderBy('x.named_at')
    .orderBy('x.person_id')
    .execute();

export const isExpert = async (q: Q, taskBookId: string, personId: string) =>
  !!(await q
    .selectFrom('task_book_expert')
    .select('person_id')
    .where('task_book_id', '=', taskBookId)
    .where('person_id', '=', personId)
    .executeTakeFirst());

export const insertExpert = (tx: Tx, taskBookId: string, personId: string, by: string, now: Date) =>
  tx
    .insertInto('task_book_expert')
    .values({ task_book_id: taskBookId, person_id: personId, named_by: by, named_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('person_id')
    .executeTakeFirst();

/** An active expert of the pool (not disabled), or undefined. */
export const poolExpert = (q: Q, personId: string) =>
  q
    .selectFrom('expert as x')
    .innerJoin('person as p', 'p.id', 'x.person_id')
    .select(['x.person_id', 'p.name_zh', 'p.name_en'])
    .where('x.person_id', '=', personId)
    .where('x.active', '=', true)
    .where('p.disabled_at', 'is', null)
    .executeTakeFirst();

export const relationsOfExpert = (q: Q, personId: string) =>
  q
    .selectFrom('expert_relation')
    .select(['other_person_id', 'other_name', 'kind'])
    .where('expert_id', '=', personId)
    .execute();

// ── verdicts on milestone reports ──
export const reviewsOf = (q: Q, reportIds: string[]) =>
  reportIds.length
    ? q
        .selectFrom('milestone_report_review as r')
        .innerJoin('person as p', 'p.id', 'r.reviewer_id')
        .select([
          'r.report_id',
          'r.reviewer_id',
          'r.role',
          'r.decision',
          'r.comment',
          'r.reviewed_at',
          'p.name_zh',
          'p.name_en',
        ])
        .where('r.report_id', 'in', reportIds)
        .orderBy('r.reviewed_at')
        .orderBy('r.reviewer_id')
        .execute()
    : Promise.resolve([]);

export const upsertReview = (
  tx: Tx,
  r: { reportId: string; reviewerId: string; role: string; decision: string; comment: string; now: Date },
) => {
  const row = { role: r.role, decision: r.decision, comment: r.comment, reviewed_at: r.now };
  return tx
    .insertInto('milestone_report_review')
    .values({ report_id: r.reportId, reviewer_id: r.reviewerId, ...row })
    .onConflict((oc) => oc.columns(['report_id', 'reviewer_id']).doUpdateSet(row))
    .execute();
};

export const setReportReview = (tx: Tx, id: string, state: string, comment: string, by: string) =>
  tx
    .updateTable('milestone_report')
    .set({ review_state: state, review_comment: comment, reviewed_by: by })
    .where('id', '=', id)
    .execute();

// ── acceptance judgements ──
export const upsertJudgement = (
  tx: Tx,
  j: {
    taskBookId: string;
    targetId: string;
    measured: string;
    evidence: string;
    verifier: string;
    verifierKind: string;
    verifierReason: string;
    evidenceAttachmentIds: string[];
    met: boolean;
    by: string;
    now: Date;
  },
) => {
  const row = {
    measured: j.measured,
    evidence: j.evidence,
    verifier: j.verifier,
    verifier_kind: j.verifierKind,
    verifier_reason: j.verifierReason,
    evidence_attachment_ids: j.evidenceAttachmentIds,
    met: j.met,
    judged_by: j.by,
    judged_at: j.now,
  };
  return tx
    .insertInto('acceptance_judgement')
    .values({ task_book_id: j.taskBookId, target_id: j.targetId, ...row })
    .onConflict((oc) => oc.columns(['task_book_id', 'target_id']).doUpdateSet(row))
    .execute();
};

// ── finding task books by the challenge's title ──
export const TASK_BOOK_SORTS = ['createdAt', 'title', 'budget'] as const;
const taskBookSortColumn = {
  createdAt: 't.created_at',
  title: 'c.title_zh',
  budget: 't.budget_fen',
} as const;

/** Who is asking: their person id and the organisations where they propose or organize. */
export interface TaskBookScope {
  personId: string;
  proposerOrgIds: string[];
  organizerOrgIds: string[];
}

/**
 * Task books the person is a party to (proposer, organizer, commander, team member, named expert),
 * searched by the challenge's title in either language; `fundable` keeps those the person organizes
 * that are still drafting or active and have no funding award yet.
 */
export async function searchTaskBooks(
  q: Q,
  scope: TaskBookScope,
  f: { q?: string; state?: string; fundable?: boolean },
  page: { sort: (typeof TASK_BOOK_SORTS)[number]; order: 'asc' | 'desc'; offset: number; limit: number },
) {
  let base = q
    .selectFrom('task_book as t')
    .innerJoin('challenge as c', 'c.id', 't.challenge_id')
    .innerJoin('bid as b', 'b.id', 't.bid_id')
    .innerJoin('person as p', 'p.id', 'b.commander_id')
    .innerJoin('organisation as h', 'h.id', 'b.host_org_id')
    .innerJoin('organisation as o', 'o.id', 'c.org_id')
    .where((eb) => {
      const organizes = scope.organizerOrgIds.length
        ? [eb('c.organiser_org_id', 'in', scope.organizerOrgIds)]
        : [];
      if (f.fundable) return eb.or([...organizes, eb.val(false)]);
      return eb.or([
        ...organizes,
        ...(scope.proposerOrgIds.length ? [eb('c.org_id', 'in', scope.proposerOrgIds)] : []),
        eb('b.commander_id', '=', scope.personId),
        eb.exists(
          eb
            .selectFrom('bid_member as m')
            .select('m.bid_id')
            .whereRef('m.bid_id', '=', 'b.id')
            .where('m.person_id', '=', scope.personId),
        ),
        eb.exists(
          eb
            .selectFrom('task_book_expert as x')
            .select('x.task_book_id')
            .whereRef('x.task_book_id', '=', 't.id')
            .where('x.person_id', '=', scope.personId),
        ),
      ]);
    });
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    base = base.where((eb) => eb.or([eb('c.title_zh', 'ilike', like), eb('c.title_en', 'ilike', like)]));
  }
  if (f.state) base = base.where('t.state', '=', f.state);
  if (f.fundable)
    base = base
      .where('t.state', 'in', ['drafting', 'active'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('funding_award as a').select('a.id').whereRef('a.task_book_id', '=', 't.id'),
          ),
        ),
      );
  const [rows, count] = await Promise.all([
    base
      .select([
        't.id',
        't.state',
        't.budget_fen',
        't.created_at',
        'c.id as challenge_id',
        'c.title_zh',
        'c.title_en',
        'b.id as bid_id',
        'p.id as commander_id',
        'p.name_zh as commander_zh',
        'p.name_en as commander_en',
        'h.id as host_id',
        'h.name_zh as host_zh',
        'h.name_en as host_en',
        'o.id as proposer_org_id',
        'o.name_zh as proposer_org_zh',
        'o.name_en as proposer_org_en',
      ])
      .orderBy(taskBookSortColumn[page.sort], page.order)
      .orderBy('t.id')
      .offset(page.offset)
      .limit(page.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

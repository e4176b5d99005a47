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

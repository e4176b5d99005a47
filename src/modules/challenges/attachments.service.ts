// Attachments of challenges (statement annexes), task books and milestone reports (evidence): PDF and images
// only, checked by their bytes, size-limited, served under safe names.
import { createHash } from 'node:crypto';
import type { Ctx, Tx } from '../../app/context.ts';
import { type MediaType, safeFileName, sniffMediaType } from '../../core/files/files.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t as msg } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canSeeChallenge, challengeRelations, requireActor, taskBookRelations } from './challenges.access.ts';
import * as repo from './challenges.repo.ts';
import { taskBookAccess } from './delivery.access.ts';
import * as drepo from './delivery.repo.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export const presentAttachment = (a: {
  id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
}) => ({
  id: a.id,
  fileName: a.file_name,
  mediaType: a.media_type,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
});

function checkFile(bytes: Uint8Array): MediaType {
  if (bytes.length === 0) throw new AppError('VALIDATION', msg('attachment.empty'), 'file');
  if (bytes.length > MAX_ATTACHMENT_BYTES)
    throw new AppError(
      'VALIDATION',
      msg('attachment.tooLarge', { mib: MAX_ATTACHMENT_BYTES / 1024 / 1024 }),
      'file',
    );
  const type = sniffMediaType(bytes);
  if (!type) throw new AppError('VALIDATION', msg('attachment.badType'), 'file');
  return type;
}

export type OwnerType = 'challenge' | 'task_book' | 'milestone_report';

/**
 * Who may add files to what: a challenge's owner while it is editable; a task book's parties
 * while it is active; a milestone report's commander while the task book is active and no
 * reviewer has given a verdict on it yet (what the reviewers saw stays what they saw).
 * Checked inside the upload's transaction, the report row locked against a concurrent verdict.
 */
async function authoriseUpload(tx: Tx, ctx: Ctx, ownerType: OwnerType, ownerId: string) {
  const actor = requireActor(ctx.actor);
  if (ownerType === 'challenge') {
    const c = await repo.findChallenge(tx, ownerId);
    if (!c || !canSeeChallenge(actor, c)) throw notFound(msg('notFound.challenge'));
    if (!challengeRelations(actor, c).has('owner')) throw forbidden(msg('attachment.onlyProposer'));
    if (!['draft', 'returned'].includes(c.state))
      throw new AppError('ILLEGAL_TRANSITION', msg('attachment.challengeNotDraft'));
    return actor;
  }
  const report = ownerType === 'milestone_report' ? await drepo.lockReport(tx, ownerId) : undefined;
  if (ownerType === 'milestone_report' && !report) throw notFound(msg('notFound.report'));
  const t = await repo.findTaskBook(tx, report ? report.task_book_id : ownerId);
  if (!t) throw notFound(msg('notFound.taskBook'));
  const [b, c] = await Promise.all([repo.findBid(tx, t.bid_id), repo.findChallenge(tx, t.challenge_id)]);
  const rel = taskBookRelations(actor, b!, c!);
  if (rel.size === 0) throw notFound(report ? msg('notFound.report') : msg('notFound.taskBook'));
  if (t.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('attachment.taskBookNotActive'));
  if (report) {
    if (!rel.has('commander')) throw forbidden(msg('attachment.onlyCommander'));
    if (report.review_state !== 'pending' || (await drepo.reviewsOf(tx, [report.id])).length > 0)
      throw new AppError('ILLEGAL_TRANSITION', msg('attachment.reportReviewed'), 'file');
  }
  return actor;
}

export async function uploadAttachment(
  ctx: Ctx,
  ownerType: OwnerType,
  ownerId: string,
  name: string,
  bytes: Uint8Array,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const actor = await authoriseUpload(tx, ctx, ownerType, ownerId);
    const mediaType = checkFile(bytes);
    const fileName = safeFileName(name, mediaType);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const a = await repo.insertAttachment(tx, {
      ownerType,
      ownerId,
      fileName,
      mediaType,
      content: bytes,
      sha256,
      by: actor.personId,
      now: ctx.now(),
    });
    await recordAudit(tx, actor, ctx.now(), {
      action: 'attachment.upload',
      objectType: ownerType,
      objectId: ownerId,
      after: { attachmentId: a.id, fileName, mediaType, sha256 },
    });
    return presentAttachment(a);
  });
}

/** A file, if the viewer may see what it is attached to. */
export async function getAttachment(ctx: Ctx, id: string) {
  const a = await repo.findAttachment(ctx.db, id);
  if (!a) throw notFound(msg('notFound.attachment'));
  if (a.owner_type === 'challenge') {
    const c = await repo.findChallenge(ctx.db, a.owner_id);
    if (!c || !canSeeChallenge(ctx.actor, c)) throw notFound(msg('notFound.attachment'));
  } else {
    // Task book evidence and report evidence: whoever may read the task book (parties, team, named experts).
    const report =
      a.owner_type === 'milestone_report' ? await repo.findReport(ctx.db, a.owner_id) : undefined;
    const t = await repo.findTaskBook(ctx.db, report ? report.task_book_id : a.owner_id);
    const b = t && (await repo.findBid(ctx.db, t.bid_id));
    const c = t && (await repo.findChallenge(ctx.db, t.challenge_id));
    if (!t || !b || !c || (await taskBookAccess(ctx.db, ctx.actor, t, b, c)).size === 0)
      throw notFound(msg('notFound.attachment'));
  }
  return { fileName: a.file_name, mediaType: a.media_type, content: a.content };
}

export const listAttachments = async (ctx: Ctx, ownerType: string, ownerId: string) =>
  (await repo.attachmentsOf(ctx.db, ownerType, ownerId)).map(presentAttachment);

// Sessions I control: my live sessions with the device each runs on, where from and when last
// seen; I end any of them, or all but this one. The platform admin ends all of a person's.
import { type Ctx, inTx } from '../../app/context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { can } from './accounts.policy.ts';
import * as repo from './accounts.repo.ts';
import { describeUserAgent } from './user-agent.ts';

function requireActor(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  return ctx.actor;
}

export async function mySessions(ctx: Ctx) {
  const actor = requireActor(ctx);
  const rows = await repo.liveSessionsOf(ctx.db, actor.personId, ctx.now());
  return rows.map((s) => ({
    id: s.public_id,
    current: s.id === actor.sessionId,
    ...describeUserAgent(s.user_agent),
    ip: s.ip,
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
  }));
}

/** Ends one of my sessions (this one too, which is logging out); its next request is anonymous. */
export async function endMySession(ctx: Ctx, publicId: string) {
  const actor = requireActor(ctx);
  return inTx(ctx, async (tx) => {
    const now = ctx.now();
    if (!(await repo.revokeSessionByPublicId(tx, actor.personId, publicId, now)))
      throw notFound(t('notFound.session'));
    await recordAudit(tx, actor, now, {
      action: 'session.end',
      objectType: 'person',
      objectId: actor.personId,
      detail: { session: publicId },
    });
    return { ok: true as const, sessionsRevoked: 1 };
  });
}

/** Ends every session of mine but this one. */
export async function endMyOtherSessions(ctx: Ctx) {
  const actor = requireActor(ctx);
  return inTx(ctx, async (tx) => {
    const now = ctx.now();
    const revoked = await repo.revokeSessionsOf(tx, actor.personId, now, actor.sessionId);
    await recordAudit(tx, actor, now, {
      action: 'session.endOthers',
      objectType: 'person',
      objectId: actor.personId,
      detail: { sessionsRevoked: revoked },
    });
    return { ok: true as const, sessionsRevoked: revoked };
  });
}

/** The platform admin ends every session of a person (who may sign in again). */
export async function endSessionsOf(ctx: Ctx, personId: string) {
  const actor = requireActor(ctx);
  if (!can(actor, 'person.disable', { type: 'person', id: personId }))
    throw forbidden(t('account.onlyAdminEndsSessions'));
  return inTx(ctx, async (tx) => {
    if (!(await repo.findPerson(tx, personId))) throw notFound(t('notFound.person'));
    const now = ctx.now();
    const revoked = await repo.revokeSessionsOf(tx, personId, now);
    await recordAudit(tx, actor, now, {
      action: 'person.endSessions',
      objectType: 'person',
      objectId: personId,
      detail: { sessionsRevoked: revoked },
    });
    return { ok: true as const, sessionsRevoked: revoked };
  });
}

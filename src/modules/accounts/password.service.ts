// Passwords: reset by e-mail (a single-use, short-lived link of which only the SHA-256 is kept)
// and change with the current password. Either way every session of the account ends.
import { randomBytes } from 'node:crypto';
import { type Ctx, inTx } from '../../app/context.ts';
import { AppError, invalid } from '../../errors.ts';
import { type Locale, nameIn } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { escapeHtml, PRERENDERED_KEY_PREFIX } from '../notifications/mail.ts';
import { queueWrittenMail } from '../notifications/notifications.service.ts';
import * as repo from './accounts.repo.ts';
import { checkPassword, hashPassword, normaliseEmail, sessionIdOf } from './accounts.service.ts';
import { passwordProblem } from './password-policy.ts';
import './accounts.messages.ts';

const accountWords = (p: { email: string; name_zh: string; name_en: string }) => ({
  email: p.email,
  names: [p.name_zh, p.name_en],
});

/** How long a reset link works. */
export const RESET_TTL_MINUTES = 30;
/** At most this many links per account per hour; more requests get the same answer and no mail. */
export const RESETS_PER_HOUR = 3;

/** The link's token (256 random bits) is stored as its SHA-256, like a session token. */
const tokenHashOf = sessionIdOf;

function resetMail(locale: Locale, name: string, link: string) {
  const r = (key: string, params?: Record<string, string | number>) => render(t(key, params), locale);
  const subject = r('auth.reset.mail.subject');
  const greeting = r('notify.mail.greeting', { name });
  const body = r('auth.reset.mail.body', { minutes: RESET_TTL_MINUTES });
  const ignore = r('auth.reset.mail.ignore');
  const text = [greeting, '', body, '', link, '', ignore].join('\n');
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(greeting)}</p><p>${escapeHtml(body)}</p><p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p><p style="color:#666;font-size:12px">${escapeHtml(ignore)}</p></body></html>`;
  return { subject, text, html };
}

/**
 * Sends a reset link to the address if it belongs to an account that may sign in. The answer is
 * the same whether or not it does (the caller always answers 202), and no more than
 * RESETS_PER_HOUR links are sent per account per hour.
 */
export async function requestPasswordReset(ctx: Ctx, email: string, publicUrl: string): Promise<void> {
  const person = await repo.findPersonByEmail(ctx.db, normaliseEmail(email));
  if (!person || person.disabled_at) return;
  const now = ctx.now();
  const token = randomBytes(32).toString('base64url');
  await inTx(ctx, async (tx) => {
    // One request at a time per account: the count below stays true.
    await repo.lockPerson(tx, person.id);
    const recent = await repo.countResetsSince(tx, person.id, new Date(now.getTime() - 3600_000));
    if (recent >= RESETS_PER_HOUR) return;
    // Only the newest link works.
    await repo.voidResets(tx, person.id, now);
    const row = await repo.insertReset(tx, {
      person_id: person.id,
      token_hash: tokenHashOf(token),
      created_at: now,
      expires_at: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000),
      used_at: null,
      ip: ctx.ip ?? '',
    });
    const locale: Locale = person.locale === 'en' ? 'en' : 'zh-CN';
    const link = `${publicUrl}/reset-password?token=${token}`;
    await queueWrittenMail(
      tx,
      {
        mailKey: `${PRERENDERED_KEY_PREFIX}reset:${row.id}`,
        recipientId: person.id,
        ...resetMail(locale, nameIn(locale, person.name_zh, person.name_en), link),
      },
      now,
    );
    await recordAudit(tx, null, now, {
      action: 'person.passwordResetRequest',
      objectType: 'person',
      objectId: person.id,
      detail: { ip: ctx.ip ?? '', expiresAt: row.expires_at.toISOString() },
    });
  });
}

/** Sets a new password with a reset link's token; the token is spent and every session ends. */
export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const reset = await repo.lockReset(tx, tokenHashOf(token));
    if (!reset || reset.used_at || now >= reset.expires_at)
      throw invalid('token', t('auth.reset.linkInvalid'));
    const person = await repo.lockPerson(tx, reset.person_id);
    if (!person || person.disabled_at) throw invalid('token', t('auth.reset.linkInvalid'));
    const personal = passwordProblem(password, accountWords(person));
    if (personal) throw invalid('password', personal);
    await repo.setPassword(tx, person.id, passwordHash);
    await repo.voidResets(tx, person.id, now);
    const revoked = await repo.revokeSessionsOf(tx, person.id, now);
    await recordAudit(tx, person.id, now, {
      action: 'person.passwordReset',
      objectType: 'person',
      objectId: person.id,
      detail: { ip: ctx.ip ?? '', sessionsRevoked: revoked },
    });
  });
}

/** Changes my password with the current one; every other session of mine ends. */
export async function changePassword(ctx: Ctx, current: string, password: string): Promise<number> {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  const actor = ctx.actor;
  const person = await repo.findPerson(ctx.db, actor.personId);
  if (!person || !(await checkPassword(person.password_hash, current)))
    throw invalid('currentPassword', t('auth.password.currentWrong'));
  const personal = passwordProblem(password, accountWords(person));
  if (personal) throw invalid('password', personal);
  const passwordHash = await hashPassword(password);
  const now = ctx.now();
  return inTx(ctx, async (tx) => {
    await repo.lockPerson(tx, person.id);
    await repo.setPassword(tx, person.id, passwordHash);
    await repo.voidResets(tx, person.id, now);
    const revoked = await repo.revokeSessionsOf(tx, person.id, now, actor.sessionId);
    await recordAudit(tx, actor, now, {
      action: 'person.passwordChange',
      objectType: 'person',
      objectId: person.id,
      detail: { sessionsRevoked: revoked },
    });
    return revoked;
  });
}

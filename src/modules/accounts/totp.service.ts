// Two-factor sign-in with TOTP (RFC 6238, otplib): enrol with a QR code and a confirming code, ten
// single-use recovery codes (only their SHA-256 kept), a code accepted once per 30-second step,
// too many wrong codes refused for a while, and roles of an organisation that must use it.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { verify as verifyPassword } from '@node-rs/argon2';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { type Ctx, inTx, type Role, type Tx } from '../../app/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { nameIn } from '../../i18n/locale.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { can } from './accounts.policy.ts';
import * as accounts from './accounts.repo.ts';
import type { RequirableRole } from './accounts.schema.ts';
import * as repo from './totp.repo.ts';
import './accounts.messages.ts';

export const RECOVERY_CODE_COUNT = 10;
/** Wrong codes allowed within the window before codes are refused until it ends. */
export const MAX_CODE_FAILURES = 5;
export const FAILURE_WINDOW_MINUTES = 15;
const ISSUER = 'Jiebang';

function requireActor(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  return ctx.actor;
}

// The secret at rest: AES-256-GCM under a key kept apart from the table (app_setting), so a copy of
// the table, a log or an export never carries a usable secret.
async function keyOf(ctx: Ctx | Tx): Promise<Buffer> {
  const db = 'db' in ctx ? ctx.db : ctx;
  return Buffer.from(await repo.totpKey(db, randomBytes(32).toString('hex')), 'hex');
}
function seal(key: Buffer, secret: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return [iv, c.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}
function unseal(key: Buffer, sealed: string): string {
  const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  const d = createDecipheriv('aes-256-gcm', key, iv);
  d.setAuthTag(tag);
  return Buffer.concat([d.update(body), d.final()]).toString('utf8');
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A recovery code: 80 random bits as 16 base32 letters, shown in groups of four. */
function newRecoveryCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)?.join('-') ?? out;
}
const normaliseRecovery = (code: string) => code.toUpperCase().replace(/[^A-Z2-7]/g, '');
const recoveryHash = (code: string) => createHash('sha256').update(normaliseRecovery(code)).digest('hex');
const isTotpCode = (code: string) => /^\d{6}$/.test(code.replace(/\s/g, ''));

type Attempt = { ok: true; method: 'totp' | 'recovery'; step?: number } | { ok: false; lockedUntil?: Date };

/**
 * Checks a code against the person's secret (and, if allowed, recovery codes) under the row's lock.
 * A TOTP code is accepted once: its step must be newer than the last accepted. Wrong codes count;
 * at MAX_CODE_FAILURES within the window every code is refused until it ends. `onOk` runs in the
 * same transaction. The failure count commits even though the caller then refuses.
 */
async function attempt(
  ctx: Ctx,
  personId: string,
  code: string,
  opts: { enabled: boolean; recovery: boolean },
  onOk: (tx: Tx, a: { method: 'totp' | 'recovery'; step?: number }) => Promise<void>,
): Promise<Attempt> {
  const now = ctx.now();
  const key = await keyOf(ctx);
  return inTx(ctx, async (tx) => {
    const row = await repo.lockTotp(tx, personId);
    if (!row || Boolean(row.enabled_at) !== opts.enabled) return { ok: false };
    const since = row.failures_since;
    const inWindow = since !== null && now.getTime() - since.getTime() < FAILURE_WINDOW_MINUTES * 60_000;
    const failures = inWindow ? row.failures : 0;
    if (inWindow && failures >= MAX_CODE_FAILURES)
      return { ok: false, lockedUntil: new Date(since.getTime() + FAILURE_WINDOW_MINUTES * 60_000) };
    let ok: { method: 'totp' | 'recovery'; step?: number } | null = null;
    if (isTotpCode(code)) {
      const r = await verify({
        secret: unseal(key, row.secret_enc),
        token: code.replace(/\s/g, ''),
        epoch: Math.floor(now.getTime() / 1000),
        // One step either side for clocks a little apart.
        epochTolerance: 30,
        ...(row.last_step !== null ? { afterTimeStep: row.last_step } : {}),
      });
      if (r.valid && 'timeStep' in r) ok = { method: 'totp', step: r.timeStep };
    } else if (opts.recovery && (await repo.spendRecoveryCode(tx, personId, recoveryHash(code), now))) {
      ok = { method: 'recovery' };
    }
    if (ok) {
      if (ok.step !== undefined && opts.enabled) await repo.acceptStep(tx, personId, ok.step);
      else await repo.resetFailures(tx, personId);
      await onOk(tx, ok);
      return { ok: true, ...ok };
    }
    await repo.setFailures(tx, personId, failures + 1, inWindow ? since : now);
    return { ok: false };
  });
}

function refuse(a: Attempt & { ok: false }, now: Date): never {
  if (a.lockedUntil)
    throw new AppError(
      'RATE_LIMITED',
      t('auth.totp.tooManyTries', {
        minutes: Math.max(1, Math.ceil((a.lockedUntil.getTime() - now.getTime()) / 60_000)),
      }),
      'code',
    );
  throw new AppError('BAD_CREDENTIALS', t('auth.totp.codeWrong'), 'code');
}

/** My two-factor state: whether it is on, how many recovery codes are left, which roles require it. */
export async function totpStatus(ctx: Ctx) {
  const actor = requireActor(ctx);
  const row = await repo.findTotp(ctx.db, actor.personId);
  const required = await repo.requiredBy(ctx.db, actor.personId);
  const locale = ctx.locale ?? 'zh-CN';
  return {
    enabled: Boolean(row?.enabled_at),
    enabledAt: row?.enabled_at?.toISOString() ?? null,
    recoveryCodesLeft: row?.enabled_at ? await repo.recoveryCodesLeft(ctx.db, actor.personId) : 0,
    requiredBy: required.map((r) => ({
      orgName: nameIn(locale, r.name_zh, r.name_en),
      role: r.role as Role,
    })),
  };
}

/** Starts enrolment: a new secret, shown this once (QR code and text) until a code confirms it. */
export async function startEnrolment(ctx: Ctx) {
  const actor = requireActor(ctx);
  const person = await accounts.findPerson(ctx.db, actor.personId);
  if (!person) throw notFound(t('notFound.person'));
  const secret = generateSecret();
  const key = await keyOf(ctx);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    await accounts.lockPerson(tx, actor.personId);
    const row = await repo.lockTotp(tx, actor.personId);
    if (row?.enabled_at) throw new AppError('ILLEGAL_TRANSITION', t('auth.totp.alreadyOn'));
    await repo.putPendingTotp(tx, actor.personId, seal(key, secret), now);
    await recordAudit(tx, actor, now, {
      action: 'person.totpEnrolStart',
      objectType: 'person',
      objectId: actor.personId,
    });
  });
  const uri = generateURI({ issuer: ISSUER, label: person.email, secret });
  const qrDataUrl = await QRCode.toDataURL(uri, { margin: 1, width: 240, errorCorrectionLevel: 'M' });
  return { secret, uri, qrDataUrl };
}

/** Confirms enrolment with a code from the app; two-factor is on and ten recovery codes are shown once. */
export async function confirmEnrolment(ctx: Ctx, code: string) {
  const actor = requireActor(ctx);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const row = await repo.findTotp(ctx.db, actor.personId);
  if (!row) throw new AppError('ILLEGAL_TRANSITION', t('auth.totp.notStarted'));
  if (row.enabled_at) throw new AppError('ILLEGAL_TRANSITION', t('auth.totp.alreadyOn'));
  const a = await attempt(ctx, actor.personId, code, { enabled: false, recovery: false }, async (tx, ok) => {
    const now = ctx.now();
    await repo.enableTotp(tx, actor.personId, ok.step ?? 0, now);
    await repo.replaceRecoveryCodes(tx, actor.personId, codes.map(recoveryHash), now);
    await recordAudit(tx, actor, now, {
      action: 'person.totpEnable',
      objectType: 'person',
      objectId: actor.personId,
      detail: { recoveryCodes: RECOVERY_CODE_COUNT },
    });
  });
  if (!a.ok) refuse(a, ctx.now());
  return { recoveryCodes: codes };
}

async function requirePassword(ctx: Ctx, personId: string, password: string) {
  const person = await accounts.findPerson(ctx.db, personId);
  if (!person || !(await verifyPassword(person.password_hash, password)))
    throw invalid('password', t('auth.password.currentWrong'));
}

/** Turns two-factor sign-in off (with my password); the secret and recovery codes are deleted. */
export async function disableTotp(ctx: Ctx, password: string) {
  const actor = requireActor(ctx);
  await requirePassword(ctx, actor.personId, password);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const row = await repo.lockTotp(tx, actor.personId);
    if (!row?.enabled_at) throw new AppError('ILLEGAL_TRANSITION', t('auth.totp.notOn'));
    await repo.deleteTotp(tx, actor.personId);
    await recordAudit(tx, actor, now, {
      action: 'person.totpDisable',
      objectType: 'person',
      objectId: actor.personId,
    });
  });
  return { ok: true as const };
}

/** New recovery codes (with my password); the old ones stop working. */
export async function renewRecoveryCodes(ctx: Ctx, password: string) {
  const actor = requireActor(ctx);
  await requirePassword(ctx, actor.personId, password);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const row = await repo.lockTotp(tx, actor.personId);
    if (!row?.enabled_at) throw new AppError('ILLEGAL_TRANSITION', t('auth.totp.notOn'));
    await repo.replaceRecoveryCodes(tx, actor.personId, codes.map(recoveryHash), now);
    await recordAudit(tx, actor, now, {
      action: 'person.totpRecoveryRenew',
      objectType: 'person',
      objectId: actor.personId,
    });
  });
  return { recoveryCodes: codes };
}

/**
 * The second step of signing in, after the password was right: nothing when the person has no
 * two-factor; else the code (TOTP or a recovery code) must be good, or this refuses.
 */
export async function checkSecondFactor(
  ctx: Ctx,
  personId: string,
  code: string | undefined,
): Promise<'totp' | 'recovery' | null> {
  const row = await repo.findTotp(ctx.db, personId);
  if (!row?.enabled_at) return null;
  if (!code) throw new AppError('TOTP_REQUIRED', t('auth.totp.codeNeeded'), 'code');
  const a = await attempt(ctx, personId, code, { enabled: true, recovery: true }, async (tx, ok) => {
    if (ok.method === 'recovery')
      await recordAudit(tx, personId, ctx.now(), {
        action: 'person.totpRecoveryUsed',
        objectType: 'person',
        objectId: personId,
      });
  });
  if (!a.ok) refuse(a, ctx.now());
  return a.method;
}

/** Which roles of an organisation must sign in with two factors (its admins and the platform admin). */
export async function getRequirement(ctx: Ctx, orgId: string) {
  const actor = requireActor(ctx);
  if (!(await accounts.findOrganisation(ctx.db, orgId))) throw notFound(t('notFound.organisation'));
  if (!can(actor, 'organisation.update', { type: 'organisation', id: orgId }))
    throw forbidden(t('auth.totp.onlyAdminsRequire'));
  return { roles: (await repo.requirementsOf(ctx.db, orgId)).map((r) => r.role as RequirableRole) };
}

/** Sets the roles of an organisation that must sign in with two factors; they enrol at their next request. */
export async function setRequirement(ctx: Ctx, orgId: string, roles: RequirableRole[]) {
  const actor = requireActor(ctx);
  const now = ctx.now();
  return inTx(ctx, async (tx) => {
    if (!(await accounts.findOrganisation(tx, orgId))) throw notFound(t('notFound.organisation'));
    if (!can(actor, 'organisation.update', { type: 'organisation', id: orgId }))
      throw forbidden(t('auth.totp.onlyAdminsRequire'));
    const before = (await repo.requirementsOf(tx, orgId)).map((r) => r.role);
    const after = [...new Set(roles)].sort();
    await repo.replaceRequirements(tx, orgId, after, actor.personId, now);
    await recordAudit(tx, actor, now, {
      action: 'organisation.totpRequirement',
      objectType: 'organisation',
      objectId: orgId,
      before: { roles: before },
      after: { roles: after },
    });
    return { roles: after };
  });
}

/** Requests a person who must still enrol may make: their own account and sign-in, nothing else. */
export const allowedBeforeEnrolment = (url: string) =>
  url.startsWith('/api/auth/') || url.startsWith('/api/profile/locale');

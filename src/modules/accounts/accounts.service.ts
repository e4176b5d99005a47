// Use-cases of accounts: registration, sessions, organisations and role memberships.
import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import { type Actor, type Ctx, inTx, type Role } from '../../app/context.ts';
import { duplicateError } from '../../db/errors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, forbidden, invalid, notFound } from '../../errors.ts';
import { isLocale, nameIn } from '../../i18n/locale.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { can, isPlatformAdmin } from './accounts.policy.ts';
import { presentMembership, presentOrganisation, presentSessionPerson } from './accounts.presenter.ts';
import * as repo from './accounts.repo.ts';
import type { EnterprisePatchInput } from './accounts.schema.ts';
import { passwordProblem } from './password-policy.ts';
import * as totpRepo from './totp.repo.ts';
import { checkSecondFactor } from './totp.service.ts';

const UNIQUE_FIELDS = {
  person_email_norm_key: 'email',
  person_orcid_key: 'orcid',
  organisation_uscc_key: 'uscc',
};

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** argon2id with the library's defaults (m=19 MiB, t=2, p=1: the OWASP baseline). */
export const hashPassword = (password: string) => hash(password);

let dummyHash: Promise<string> | undefined;
/** Verify even when the account does not exist, so timing does not reveal registered emails. */
export async function checkPassword(stored: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const ok = await verify(stored ?? (await dummyHash), password);
  return ok && stored !== undefined;
}

function requireActor(ctx: Ctx): Actor {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  return ctx.actor;
}

export async function register(
  ctx: Ctx,
  input: { email: string; password: string; nameZh: string; nameEn: string; locale: string },
) {
  const personal = passwordProblem(input.password, {
    email: input.email,
    names: [input.nameZh, input.nameEn],
  });
  if (personal) throw invalid('password', personal);
  const passwordHash = await hashPassword(input.password);
  try {
    return await inTx(ctx, async (tx) => {
      const p = await repo.insertPerson(tx, {
        ...input,
        email: input.email.trim(),
        emailNorm: normaliseEmail(input.email),
        passwordHash,
      });
      await recordAudit(tx, p.id, ctx.now(), {
        action: 'person.register',
        objectType: 'person',
        objectId: p.id,
        after: { email: p.email, nameZh: p.name_zh, nameEn: p.name_en },
      });
      return presentSessionPerson(p);
    });
  } catch (err) {
    throw duplicateError(err, UNIQUE_FIELDS) ?? err;
  }
}

/** A session token: 256 random bits; only its SHA-256 is stored. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** What a CSRF token is bound to: the live session's id, or 'anon' without one (never a dead cookie). */
export const csrfBinding = (actor: Pick<Actor, 'sessionId'> | null | undefined) => actor?.sessionId ?? 'anon';

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export async function login(
  ctx: Ctx,
  input: { email: string; password: string; code?: string },
  policy: SessionPolicy,
  previousToken?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const person = await repo.findPersonByEmail(ctx.db, normaliseEmail(input.email));
  const ok = await checkPassword(person?.password_hash, input.password);
  if (!ok || !person || person.disabled_at) throw new AppError('BAD_CREDENTIALS', t('auth.badCredentials'));
  // Only after the password was right: whether the account has a second factor is not for strangers.
  const secondFactor = await checkSecondFactor(ctx, person.id, input.code);
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + policy.maxHours * 3600_000);
  await inTx(ctx, async (tx) => {
    // Rotation: whatever session the browser held before is ended, never reused.
    if (previousToken) await repo.revokeSession(tx, sessionIdOf(previousToken), now);
    await repo.insertSession(tx, {
      id: sessionIdOf(token),
      person_id: person.id,
      created_at: now,
      last_seen_at: now,
      expires_at: expiresAt,
      revoked_at: null,
      ip: ctx.ip ?? '',
      user_agent: (ctx.userAgent ?? '').slice(0, 300),
    });
    await recordAudit(tx, person.id, now, {
      action: 'session.login',
      objectType: 'person',
      objectId: person.id,
      detail: { ip: ctx.ip ?? '', secondFactor: secondFactor ?? 'none' },
    });
  });
  return { token, expiresAt };
}

export async function logout(ctx: Ctx): Promise<void> {
  const actor = requireActor(ctx);
  await inTx(ctx, async (tx) => {
    await repo.revokeSession(tx, actor.sessionId, ctx.now());
    await recordAudit(tx, actor, ctx.now(), {
      action: 'session.logout',
      objectType: 'person',
      objectId: actor.personId,
    });
  });
}

export type SessionState =
  | { actor: Actor }
  | { actor: null; reason: 'none' | 'unknown' | 'revoked' | 'idle' | 'expired' | 'disabled' };

/** The actor behind a session token, or why there is none. Refreshes the idle timer. */
export async function resolveSession(
  db: Kysely<DB>,
  token: string | undefined,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionState> {
  if (!token) return { actor: null, reason: 'none' };
  const id = sessionIdOf(token);
  const s = await repo.findSession(db, id);
  if (!s) return { actor: null, reason: 'unknown' };
  if (s.revoked_at) return { actor: null, reason: 'revoked' };
  if (now >= s.expires_at) return { actor: null, reason: 'expired' };
  if (now.getTime() - s.last_seen_at.getTime() > policy.idleMinutes * 60_000)
    return { actor: null, reason: 'idle' };
  const person = await repo.findPerson(db, s.person_id);
  if (!person || person.disabled_at) return { actor: null, reason: 'disabled' };
  const grants = await repo.activeGrants(db, s.person_id);
  const mustEnrolTotp = grants.length > 0 && (await totpRepo.mustEnrol(db, s.person_id));
  // Touch at most once a minute: fewer writes, idle timeout still accurate to the minute.
  if (now.getTime() - s.last_seen_at.getTime() > 60_000) await repo.touchSession(db, id, now);
  return {
    actor: {
      personId: s.person_id,
      sessionId: id,
      roles: grants.map((g) => ({ orgId: g.org_id, orgKind: g.org_kind, role: g.role as Role })),
      locale: isLocale(person.locale) ? person.locale : undefined,
      ...(mustEnrolTotp ? { mustEnrolTotp } : {}),
    },
  };
}

export async function sessionView(ctx: Ctx) {
  const none = { person: null, roles: [], twoFactor: { enabled: false, mustEnrol: false } };
  if (!ctx.actor) return none;
  const person = await repo.findPerson(ctx.db, ctx.actor.personId);
  if (!person) return none;
  const grants = await repo.activeGrants(ctx.db, person.id);
  const totp = await totpRepo.findTotp(ctx.db, person.id);
  return {
    person: presentSessionPerson(person),
    twoFactor: { enabled: Boolean(totp?.enabled_at), mustEnrol: ctx.actor.mustEnrolTotp === true },
    roles: grants.map((g) => ({
      orgId: g.org_id,
      // In the reader's language: the web fetches the session again when the language changes.
      orgName: nameIn(ctx.locale ?? 'zh-CN', g.name_zh, g.name_en),
      orgKind: g.org_kind,
      role: g.role as Role,
    })),
  };
}

export async function createOrganisation(
  ctx: Ctx,
  input: { kind: string; nameZh: string; nameEn: string; uscc: string | null; regionCode: string | null },
) {
  const actor = requireActor(ctx);
  if (!can(actor, 'organisation.create', { type: 'organisation', id: '' })) throw forbidden();
  if (input.kind === 'platform' && !isPlatformAdmin(actor))
    throw forbidden(t('account.onlyAdminCreatesPlatformOrgs'));
  try {
    return await inTx(ctx, async (tx) => {
      const o = await repo.insertOrganisation(tx, input);
      // The registrant asks to administer it; an existing platform admin approves.
      await repo.upsertMembership(tx, {
        personId: actor.personId,
        orgId: o.id,
        role: 'admin',
        status: 'pending',
        decidedBy: null,
        now: ctx.now(),
      });
      await recordAudit(tx, actor, ctx.now(), {
        action: 'organisation.create',
        objectType: 'organisation',
        objectId: o.id,
        after: presentOrganisation(o),
      });
      return presentOrganisation(o);
    });
  } catch (err) {
    throw duplicateError(err, UNIQUE_FIELDS) ?? err;
  }
}

/** Whether this viewer may see the organisation's enterprise profile. */
const seesEnterprise = (actor: Actor | null, id: string) =>
  can(actor, 'organisation.readEnterprise', { type: 'organisation', id });

export async function updateOrganisation(
  ctx: Ctx,
  id: string,
  patch: { nameZh?: string; nameEn?: string; regionCode?: string | null; enterprise?: EnterprisePatchInput },
) {
  const actor = requireActor(ctx);
  return inTx(ctx, async (tx) => {
    const before = await repo.findOrganisation(tx, id);
    if (!before) throw notFound(t('notFound.organisation'));
    if (!can(actor, 'organisation.update', { type: 'organisation', id }))
      throw forbidden(t('account.onlyOrgAdminChanges'));
    if (patch.enterprise && before.kind !== 'enterprise')
      throw invalid('enterprise', t('account.notEnterprise'));
    const registered = patch.enterprise?.registrationDate;
    if (registered && registered > ctx.now().toISOString().slice(0, 10))
      throw invalid('enterprise.registrationDate', t('account.notFuture'));
    const after = await repo.updateOrganisation(tx, id, patch, ctx.now());
    await recordAudit(tx, actor, ctx.now(), {
      action: 'organisation.update',
      objectType: 'organisation',
      objectId: id,
      before: presentOrganisation(before, true),
      after: presentOrganisation(after, true),
    });
    return presentOrganisation(after, seesEnterprise(actor, id));
  });
}

export async function getOrganisation(ctx: Ctx, id: string) {
  const o = await repo.findOrganisation(ctx.db, id);
  if (!o) throw notFound(t('notFound.organisation'));
  return presentOrganisation(o, seesEnterprise(ctx.actor, o.id));
}

export async function listOrganisations(ctx: Ctx, search: string | undefined) {
  return (await repo.listOrganisations(ctx.db, search, 200)).map((o) =>
    presentOrganisation(o, seesEnterprise(ctx.actor, o.id)),
  );
}

export async function requestMembership(ctx: Ctx, input: { orgId: string; role: Role }) {
  const actor = requireActor(ctx);
  if (
    !can(actor, 'membership.request', {
      type: 'membership',
      orgId: input.orgId,
      role: input.role,
      personId: actor.personId,
    })
  ) {
    throw forbidden();
  }
  return inTx(ctx, async (tx) => {
    const org = await repo.findOrganisation(tx, input.orgId);
    if (!org) throw new AppError('NOT_FOUND', t('notFound.organisation'), 'orgId');
    const existing = await repo.findMembershipByKey(tx, actor.personId, input.orgId, input.role);
    if (existing && (existing.status === 'active' || existing.status === 'pending')) {
      throw new AppError('DUPLICATE', t('account.roleExists', { status: existing.status }), 'role');
    }
    const m = await repo.upsertMembership(tx, {
      personId: actor.personId,
      orgId: org.id,
      role: input.role,
      status: 'pending',
      decidedBy: null,
      now: ctx.now(),
    });
    await recordAudit(tx, actor, ctx.now(), {
      action: 'membership.request',
      objectType: 'membership',
      objectId: m.id,
      after: { orgId: m.org_id, role: m.role, status: m.status },
    });
    return m.id;
  });
}

const DECISION_STATUS = { approve: 'active', reject: 'rejected', revoke: 'revoked' } as const;
const DECISION_FROM = { approve: ['pending'], reject: ['pending'], revoke: ['active'] } as const;

export async function decideMembership(ctx: Ctx, id: string, decision: keyof typeof DECISION_STATUS) {
  const actor = requireActor(ctx);
  return inTx(ctx, async (tx) => {
    const m = await repo.findMembership(tx, id);
    if (!m) throw notFound(t('notFound.membership'));
    if (
      !can(actor, 'membership.decide', {
        type: 'membership',
        orgId: m.org_id,
        role: m.role as Role,
        personId: m.person_id,
      })
    ) {
      throw forbidden(t('account.onlyAdminsDecideRoles'));
    }
    if (!(DECISION_FROM[decision] as readonly string[]).includes(m.status)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('account.cannotDecideMembership', { decision, status: m.status }),
        'decision',
      );
    }
    const after = await repo.setMembershipStatus(
      tx,
      id,
      DECISION_STATUS[decision],
      actor.personId,
      ctx.now(),
    );
    await recordAudit(tx, actor, ctx.now(), {
      action: `membership.${decision}`,
      objectType: 'membership',
      objectId: id,
      before: { status: m.status },
      after: { status: after.status },
      detail: { personId: m.person_id, orgId: m.org_id, role: m.role },
    });
  });
}

/** The platform admin (or an organisation's admin, for non-admin roles) grants a role directly. */
export async function grantMembership(ctx: Ctx, input: { personId: string; orgId: string; role: Role }) {
  const actor = requireActor(ctx);
  if (
    !can(actor, 'membership.decide', {
      type: 'membership',
      orgId: input.orgId,
      role: input.role,
      personId: input.personId,
    })
  ) {
    throw forbidden(t('account.onlyAdminsGrantRoles'));
  }
  return inTx(ctx, async (tx) => {
    if (!(await repo.findPerson(tx, input.personId)))
      throw new AppError('NOT_FOUND', t('notFound.person'), 'personId');
    if (!(await repo.findOrganisation(tx, input.orgId)))
      throw new AppError('NOT_FOUND', t('notFound.organisation'), 'orgId');
    const m = await repo.upsertMembership(tx, {
      ...input,
      status: 'active',
      decidedBy: actor.personId,
      now: ctx.now(),
    });
    await recordAudit(tx, actor, ctx.now(), {
      action: 'membership.grant',
      objectType: 'membership',
      objectId: m.id,
      after: { status: 'active' },
      detail: { personId: input.personId, orgId: input.orgId, role: input.role },
    });
    return m.id;
  });
}

/** My memberships, and those I may decide (pending in organisations I administer, or all for the platform admin). */
export async function listMemberships(ctx: Ctx) {
  const actor = requireActor(ctx);
  const mine = await repo.listMemberships(ctx.db, { personId: actor.personId });
  const adminOrgs = actor.roles.filter((r) => r.role === 'admin').map((r) => r.orgId);
  const toDecide = isPlatformAdmin(actor)
    ? await repo.listMemberships(ctx.db, { status: 'pending' })
    : adminOrgs.length
      ? await repo.listMemberships(ctx.db, { orgIds: adminOrgs })
      : [];
  return {
    mine: mine.map(presentMembership),
    toDecide: toDecide.filter((m) => m.person_id !== actor.personId).map(presentMembership),
  };
}

/**
 * Disable (or re-enable) an account (platform admin). Disabling revokes every session at once,
 * so an open browser tab is logged out on its next request; logging in is refused until enabled.
 */
export async function setAccountDisabled(ctx: Ctx, personId: string, disabled: boolean) {
  const actor = requireActor(ctx);
  if (!can(actor, 'person.disable', { type: 'person', id: personId }))
    throw forbidden(t('account.onlyAdminDisables'));
  return inTx(ctx, async (tx) => {
    const person = await repo.findPerson(tx, personId);
    if (!person) throw notFound(t('notFound.person'));
    const now = ctx.now();
    await repo.setPersonDisabled(tx, personId, disabled ? now : null);
    const revoked = disabled ? await repo.revokeSessionsOf(tx, personId, now) : 0;
    await recordAudit(tx, actor, now, {
      action: disabled ? 'person.disable' : 'person.enable',
      objectType: 'person',
      objectId: personId,
      detail: { sessionsRevoked: revoked },
    });
    return { ok: true as const, sessionsRevoked: revoked };
  });
}

/** CLI bootstrap: the first platform admin (creates the platform organisation if needed). */
export async function createPlatformAdmin(
  ctx: Ctx,
  input: { email: string; password: string; name: string; nameEn?: string },
) {
  const passwordHash = await hashPassword(input.password);
  return inTx(ctx, async (tx) => {
    let platform = await repo.findPlatformOrganisation(tx);
    if (!platform) {
      platform = await repo.insertOrganisation(tx, {
        kind: 'platform',
        nameZh: '揭榜平台',
        nameEn: 'Jiebang platform',
        uscc: null,
        regionCode: null,
      });
      await recordAudit(tx, null, ctx.now(), {
        action: 'organisation.create',
        objectType: 'organisation',
        objectId: platform.id,
        after: presentOrganisation(platform),
      });
    }
    let person = await repo.findPersonByEmail(tx, normaliseEmail(input.email));
    if (!person) {
      person = await repo.insertPerson(tx, {
        email: input.email,
        emailNorm: normaliseEmail(input.email),
        passwordHash,
        nameZh: input.name,
        nameEn: input.nameEn ?? input.name,
        locale: 'zh-CN',
      });
      await recordAudit(tx, null, ctx.now(), {
        action: 'person.register',
        objectType: 'person',
        objectId: person.id,
        detail: { via: 'cli' },
      });
    }
    const m = await repo.upsertMembership(tx, {
      personId: person.id,
      orgId: platform.id,
      role: 'admin',
      status: 'active',
      decidedBy: person.id,
      now: ctx.now(),
    });
    await recordAudit(tx, null, ctx.now(), {
      action: 'membership.grant',
      objectType: 'membership',
      objectId: m.id,
      after: { role: 'admin', status: 'active' },
      detail: { via: 'cli' },
    });
    return { personId: person.id, orgId: platform.id };
  });
}

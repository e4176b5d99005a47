// HTTP adapter for accounts, sessions and profiles. Thin: parse, call the service, shape.
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBody } from '../../http/errors.ts';
import { sessionCookieName } from '../../http/security.ts';
import {
  IdParam,
  LocaleBody,
  LoginBody,
  Membership,
  MembershipDecisionBody,
  MembershipGrantBody,
  MembershipRequestBody,
  Ok,
  Organisation,
  OrganisationBody,
  OrganisationPatch,
  PasswordChangeBody,
  PasswordConfirmBody,
  PasswordResetBody,
  PasswordResetRequestBody,
  Profile,
  ProfileBody,
  PublicPerson,
  RecoveryCodes,
  RegisterBody,
  SessionItem,
  SessionView,
  TotpCodeBody,
  TotpEnrolment,
  TotpRequirement,
  TotpStatus,
} from './accounts.schema.ts';
import * as svc from './accounts.service.ts';
import * as passwords from './password.service.ts';
import * as personalData from './personal-data.service.ts';
import * as profile from './profile.service.ts';
import * as sessions from './sessions.service.ts';
import * as totp from './totp.service.ts';
import './accounts.tasks.ts';

const errors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  429: ErrorBody,
};

export interface AccountsRouteOptions {
  sessionPolicy: svc.SessionPolicy;
  cookieSecure: boolean;
  loginRateMax: number;
  /** The site's address as people reach it: reset links point there. */
  publicUrl: string;
}

export const accountsRoutes: FastifyPluginAsyncZod<AccountsRouteOptions> = async (
  app,
  { sessionPolicy, cookieSecure, loginRateMax, publicUrl },
) => {
  const SESSION_COOKIE = sessionCookieName(cookieSecure);
  const setSessionCookie = (reply: FastifyReply, token: string, expires: Date) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: cookieSecure,
      expires,
    });

  app.get(
    '/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is logged in, their roles, and a CSRF token for state-changing requests',
        response: { 200: SessionView },
      },
    },
    async (req, reply) => {
      const view = await svc.sessionView(req.ctx);
      return { ...view, csrfToken: reply.generateCsrf({ userInfo: svc.csrfBinding(req.actor) }) };
    },
  );

  app.post(
    '/auth/register',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an account',
        body: RegisterBody,
        response: { 201: SessionView.shape.person.unwrap(), ...errors },
      },
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => reply.status(201).send(await svc.register(req.ctx, req.body)),
  );

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; rotates the session and returns a new CSRF token',
        body: LoginBody,
        response: { 200: SessionView, ...errors },
      },
      config: {
        rateLimit: {
          max: loginRateMax,
          timeWindow: '1 minute',
          // After the body is parsed: the key names the email, not only the address.
          hook: 'preHandler',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      const { token, expiresAt } = await svc.login(
        req.ctx,
        req.body,
        sessionPolicy,
        req.cookies[SESSION_COOKIE],
      );
      setSessionCookie(reply, token, expiresAt);
      const state = await svc.resolveSession(req.ctx.db, token, req.ctx.now(), sessionPolicy);
      const view = await svc.sessionView({ ...req.ctx, actor: state.actor });
      return { ...view, csrfToken: reply.generateCsrf({ userInfo: svc.csrfBinding(state.actor) }) };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session',
        response: { 200: z.object({ csrfToken: z.string() }), ...errors },
      },
    },
    async (req, reply) => {
      await svc.logout(req.ctx);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure });
      return { csrfToken: reply.generateCsrf({ userInfo: svc.csrfBinding(null) }) };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Ask for a password-reset link by e-mail (the same answer whether or not the address has an account)',
        body: PasswordResetRequestBody,
        response: { 202: Ok, ...errors },
      },
      // Per address and email, like login; the service also sends at most a few links per account an hour.
      config: {
        rateLimit: {
          max: loginRateMax,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) =>
            `reset|${req.ip}|${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      await passwords.requestPasswordReset(req.ctx, req.body.email, publicUrl);
      return reply.status(202).send({ ok: true as const });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a new password with the link’s token (once); every session of the account ends',
        body: PasswordResetBody,
        response: { 200: Ok, ...errors },
      },
      config: {
        rateLimit: {
          max: loginRateMax,
          timeWindow: '1 minute',
          keyGenerator: (req) => `reset-confirm|${req.ip}`,
        },
      },
    },
    async (req) => {
      await passwords.resetPassword(req.ctx, req.body.token, req.body.password);
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my password with the current one; my other sessions end',
        body: PasswordChangeBody,
        response: { 200: z.object({ ok: z.literal(true), sessionsRevoked: z.number() }), ...errors },
      },
      config: {
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => `password|${req.actor?.personId ?? req.ip}`,
        },
      },
    },
    async (req) => ({
      ok: true as const,
      sessionsRevoked: await passwords.changePassword(req.ctx, req.body.currentPassword, req.body.password),
    }),
  );

  const Ended = z.object({ ok: z.literal(true), sessionsRevoked: z.number() });

  app.get(
    '/auth/sessions',
    {
      schema: {
        tags: ['auth'],
        summary: 'My live sessions: device, address, when started and last seen; which one is this',
        response: { 200: z.array(SessionItem), ...errors },
      },
    },
    async (req) => sessions.mySessions(req.ctx),
  );

  app.post(
    '/auth/sessions/end-others',
    {
      schema: {
        tags: ['auth'],
        summary: 'End every session of mine but this one',
        response: { 200: Ended, ...errors },
      },
    },
    async (req) => sessions.endMyOtherSessions(req.ctx),
  );

  app.post(
    '/auth/sessions/:id/end',
    {
      schema: {
        tags: ['auth'],
        summary: 'End one of my sessions; its next request is signed out',
        params: IdParam,
        response: { 200: Ended, ...errors },
      },
    },
    async (req) => sessions.endMySession(req.ctx, req.params.id),
  );

  // Two-step sign-in. Code checks are limited per person here and counted in the database as well.
  const perPerson = (name: string, max: number) => ({
    rateLimit: {
      max,
      timeWindow: '1 minute',
      hook: 'preHandler' as const,
      keyGenerator: (req: { actor: { personId: string } | null; ip: string }) =>
        `${name}|${req.actor?.personId ?? req.ip}`,
    },
  });

  app.get(
    '/auth/totp',
    {
      schema: {
        tags: ['auth'],
        summary: 'My two-step sign-in: on or off, recovery codes left, which of my roles require it',
        response: { 200: TotpStatus, ...errors },
      },
    },
    async (req) => totp.totpStatus(req.ctx),
  );

  app.post(
    '/auth/totp/enrol',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Start setting up two-step sign-in: a new secret as a QR code, shown until a code confirms it',
        response: { 200: TotpEnrolment, ...errors },
      },
      config: perPerson('totp-enrol', 10),
    },
    async (req) => totp.startEnrolment(req.ctx),
  );

  app.post(
    '/auth/totp/confirm',
    {
      schema: {
        tags: ['auth'],
        summary: 'Confirm with a code from the app: two-step sign-in is on; ten recovery codes, shown once',
        body: TotpCodeBody,
        response: { 200: RecoveryCodes, ...errors },
      },
      config: perPerson('totp-confirm', 10),
    },
    async (req) => totp.confirmEnrolment(req.ctx, req.body.code),
  );

  app.post(
    '/auth/totp/disable',
    {
      schema: {
        tags: ['auth'],
        summary: 'Turn two-step sign-in off, with my password',
        body: PasswordConfirmBody,
        response: { 200: Ok, ...errors },
      },
      config: perPerson('totp-disable', 10),
    },
    async (req) => totp.disableTotp(req.ctx, req.body.password),
  );

  app.post(
    '/auth/totp/recovery-codes',
    {
      schema: {
        tags: ['auth'],
        summary: 'New recovery codes, with my password; the old ones stop working',
        body: PasswordConfirmBody,
        response: { 200: RecoveryCodes, ...errors },
      },
      config: perPerson('totp-recovery', 10),
    },
    async (req) => totp.renewRecoveryCodes(req.ctx, req.body.password),
  );

  app.get(
    '/organisations/:id/totp-requirement',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Which roles of the organisation must use two-step sign-in (its admin, the platform admin)',
        params: IdParam,
        response: { 200: TotpRequirement, ...errors },
      },
    },
    async (req) => totp.getRequirement(req.ctx, req.params.id),
  );

  app.put(
    '/organisations/:id/totp-requirement',
    {
      schema: {
        tags: ['organisations'],
        summary:
          'Set which roles of the organisation must use two-step sign-in; such people enrol before anything else',
        params: IdParam,
        body: TotpRequirement,
        response: { 200: TotpRequirement, ...errors },
      },
    },
    async (req) => totp.setRequirement(req.ctx, req.params.id, req.body.roles),
  );

  app.get(
    '/me/data',
    {
      schema: {
        tags: ['profile'],
        summary:
          'Download everything the platform holds about me (PIPL): my account, every record that points at me, audit entries by or about me; no secrets',
        response: {
          200: z.object({
            exportedAt: z.string(),
            person: z.record(z.string(), z.unknown()),
            sessions: z.array(z.record(z.string(), z.unknown())),
            records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
            audit: z.array(z.record(z.string(), z.unknown())),
          }),
          ...errors,
        },
      },
      config: perPerson('me-data', 5),
    },
    async (req, reply) => {
      const data = await personalData.myData(req.ctx);
      reply.header(
        'content-disposition',
        `attachment; filename="jiebang-my-data-${data.exportedAt.slice(0, 10)}.json"`,
      );
      return data;
    },
  );

  app.get(
    '/profile',
    { schema: { tags: ['profile'], summary: 'My full profile', response: { 200: Profile, ...errors } } },
    async (req) => profile.getProfile(req.ctx, req.actor?.personId ?? ''),
  );

  app.put(
    '/profile',
    {
      schema: {
        tags: ['profile'],
        summary: 'Replace my profile (send the version you read; a stale version is refused)',
        body: ProfileBody,
        response: { 200: Profile, ...errors },
      },
    },
    async (req) => profile.updateProfile(req.ctx, req.body),
  );

  app.put(
    '/profile/locale',
    {
      schema: {
        tags: ['profile'],
        summary: 'Save my language (the switch in the header); every later login opens in it',
        body: LocaleBody,
        response: { 200: LocaleBody, ...errors },
      },
    },
    async (req) => profile.setLocale(req.ctx, req.body.locale),
  );

  app.get(
    '/people',
    {
      schema: {
        tags: ['profile'],
        summary:
          'Find people by name (Chinese or English), or by exact email among my own organisations, e.g. to add them to a team',
        querystring: z.object({ q: z.string().max(100) }),
        response: { 200: z.array(PublicPerson), ...errors },
      },
      // Per person: the directory is not for enumerating.
      config: {
        rateLimit: {
          max: 60,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => `people|${req.actor?.personId ?? req.ip}`,
        },
      },
    },
    async (req) => profile.searchPeople(req.ctx, req.query.q),
  );

  app.get(
    '/people/:id',
    {
      schema: {
        tags: ['profile'],
        summary: 'What any signed-in user may see of a person',
        params: IdParam,
        response: { 200: PublicPerson, ...errors },
      },
    },
    async (req) => profile.getPublicPerson(req.ctx, req.params.id),
  );

  app.post(
    '/people/:id/:action',
    {
      schema: {
        tags: ['profile'],
        summary: 'Disable an account (its sessions end at once) or enable it again (platform admin)',
        params: IdParam.extend({ action: z.enum(['disable', 'enable']) }),
        response: { 200: z.object({ ok: z.literal(true), sessionsRevoked: z.number() }), ...errors },
      },
    },
    async (req) => svc.setAccountDisabled(req.ctx, req.params.id, req.params.action === 'disable'),
  );

  app.post(
    '/people/:id/end-sessions',
    {
      schema: {
        tags: ['profile'],
        summary: 'End every session of a person at once (platform admin); they may sign in again',
        params: IdParam,
        response: { 200: Ended, ...errors },
      },
    },
    async (req) => sessions.endSessionsOf(req.ctx, req.params.id),
  );

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Organisations, optionally searched by name or USCC',
        querystring: z.object({ q: z.string().max(100).optional() }),
        response: { 200: z.array(Organisation) },
      },
    },
    async (req) => svc.listOrganisations(req.ctx, req.query.q),
  );

  app.get(
    '/organisations/:id',
    { schema: { tags: ['organisations'], params: IdParam, response: { 200: Organisation, ...errors } } },
    async (req) => svc.getOrganisation(req.ctx, req.params.id),
  );

  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Register an organisation (you ask to be its admin; the platform admin approves)',
        body: OrganisationBody,
        response: { 201: Organisation, ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send(await svc.createOrganisation(req.ctx, req.body)),
  );

  app.patch(
    '/organisations/:id',
    {
      schema: {
        tags: ['organisations'],
        params: IdParam,
        body: OrganisationPatch,
        response: { 200: Organisation, ...errors },
      },
    },
    async (req) => svc.updateOrganisation(req.ctx, req.params.id, req.body),
  );

  app.get(
    '/memberships',
    {
      schema: {
        tags: ['organisations'],
        summary: 'My role memberships, and those I may decide',
        response: { 200: z.object({ mine: z.array(Membership), toDecide: z.array(Membership) }), ...errors },
      },
    },
    async (req) => svc.listMemberships(req.ctx),
  );

  app.post(
    '/memberships',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Ask for a role in an organisation',
        body: MembershipRequestBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send({ id: await svc.requestMembership(req.ctx, req.body) }),
  );

  app.post(
    '/memberships/grant',
    {
      schema: {
        tags: ['organisations'],
        summary:
          'Grant a role directly (platform admin, or an organisation admin for its own non-admin roles)',
        body: MembershipGrantBody,
        response: { 201: z.object({ id: z.uuid() }), ...errors },
      },
      config: { idempotent: true },
    },
    async (req, reply) => reply.status(201).send({ id: await svc.grantMembership(req.ctx, req.body) }),
  );

  app.post(
    '/memberships/:id/decision',
    {
      schema: {
        tags: ['organisations'],
        summary: 'Approve, reject or revoke a role membership',
        params: IdParam,
        body: MembershipDecisionBody,
        response: { 200: Ok, ...errors },
      },
    },
    async (req) => {
      await svc.decideMembership(req.ctx, req.params.id, req.body.decision);
      return { ok: true as const };
    },
  );
};

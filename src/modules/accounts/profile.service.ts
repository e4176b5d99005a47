// The profile a person fills once; every later form reads from here.
import type { Ctx } from '../../app/context.ts';
import { duplicateError } from '../../db/errors.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { can } from './accounts.policy.ts';
import { presentPublicPerson } from './accounts.presenter.ts';
import * as accounts from './accounts.repo.ts';
import type { ProfileInput, ProfileView } from './accounts.schema.ts';
import * as repo from './profile.repo.ts';

async function loadProfile(ctx: Ctx, personId: string): Promise<ProfileView> {
  const p = await accounts.findPerson(ctx.db, personId);
  if (!p) throw notFound(t('notFound.person'));
  const lists = await repo.loadLists(ctx.db, personId);
  return {
    id: p.id,
    email: p.email,
    version: p.version,
    nameZh: p.name_zh,
    nameEn: p.name_en,
    orcid: p.orcid,
    title: p.title,
    phone: p.phone,
    bio: p.bio,
    locale: p.locale as 'zh-CN',
    disciplineCodes: p.discipline_codes,
    keywords: p.keywords,
    employment: lists.employment.map((e) => ({
      orgId: e.org_id,
      orgName: e.org_name,
      jobTitle: e.job_title,
      startDate: e.start_date,
      endDate: e.end_date,
    })),
    publications: lists.publications.map((x) => ({
      title: x.title,
      year: x.year,
      venue: x.venue,
      doi: x.doi,
      coauthors: x.coauthors,
    })),
    projects: lists.projects.map((x) => ({
      title: x.title,
      role: x.role,
      funder: x.funder,
      startYear: x.start_year,
      endYear: x.end_year,
    })),
  };
}

/** The full profile: the person themself, or the platform admin. */
export async function getProfile(ctx: Ctx, personId: string): Promise<ProfileView> {
  if (!can(ctx.actor, 'person.readPrivate', { type: 'person', id: personId })) {
    throw ctx.actor ? forbidden() : new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  }
  return loadProfile(ctx, personId);
}

export async function updateProfile(ctx: Ctx, input: ProfileInput): Promise<ProfileView> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  if (!can(actor, 'profile.update', { type: 'person', id: actor.personId })) throw forbidden();
  if (!input.nameZh && !input.nameEn) throw new AppError('VALIDATION', t('profile.nameRequired'), 'nameZh');
  const before = await loadProfile(ctx, actor.personId);
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const saved = await repo.saveProfile(tx, actor.personId, input, ctx.now());
      if (!saved) throw new AppError('STALE', t('profile.stale'), 'version');
      const { version: _v, ...after } = input;
      const { version: _b, id: _i, email: _e, ...beforeState } = before;
      await recordAudit(tx, actor, ctx.now(), {
        action: 'profile.update',
        objectType: 'person',
        objectId: actor.personId,
        before: beforeState,
        after,
      });
    });
  } catch (err) {
    throw duplicateError(err, { person_orcid_key: 'orcid' }) ?? err;
  }
  return loadProfile(ctx, actor.personId);
}

/** The language switch, saved for the person: the next login anywhere opens in it. */
export async function setLocale(ctx: Ctx, locale: 'zh-CN' | 'en'): Promise<{ locale: 'zh-CN' | 'en' }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  if (!can(actor, 'profile.update', { type: 'person', id: actor.personId })) throw forbidden();
  await ctx.db.transaction().execute(async (tx) => {
    const p = await accounts.findPerson(tx, actor.personId);
    if (!p) throw notFound(t('notFound.person'));
    if (p.locale === locale) return;
    await repo.setLocale(tx, actor.personId, locale, ctx.now());
    await recordAudit(tx, actor, ctx.now(), {
      action: 'profile.locale',
      objectType: 'person',
      objectId: actor.personId,
      before: { locale: p.locale },
      after: { locale },
    });
  });
  return { locale };
}

/** What anyone signed in may see of a person. */
/**
 * Find people to add to a team by name, or by exact email among the caller's own organisations:
 * public profile fields only, 20 at most.
 */
export async function searchPeople(ctx: Ctx, text: string) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  const q = text.trim();
  if ([...q].length < 2) throw new AppError('VALIDATION', t('profile.searchTooShort'), 'q');
  // The platform organisation (the expert pool, platform staff) is everyone's: it opens no address book.
  const orgIds = [...new Set(ctx.actor.roles.filter((r) => r.orgKind !== 'platform').map((r) => r.orgId))];
  const rows = await repo.searchPeople(ctx.db, q, 20, orgIds);
  return Promise.all(rows.map(async (p) => presentPublicPerson(p, await repo.currentOrgName(ctx.db, p.id))));
}

export async function getPublicPerson(ctx: Ctx, personId: string) {
  if (!ctx.actor) throw new AppError('UNAUTHENTICATED', t('auth.loginFirst'));
  const p = await accounts.findPerson(ctx.db, personId);
  if (!p) throw notFound(t('notFound.person'));
  return presentPublicPerson(p, await repo.currentOrgName(ctx.db, personId));
}

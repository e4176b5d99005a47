// Loads the demo data set through the same services the API uses (so it is audited too).
import type { Ctx } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';
import {
  createOrganisation,
  createPlatformAdmin,
  grantMembership,
  register,
} from '../modules/accounts/accounts.service.ts';
import { orcidCheckChar, usccCheckChar } from '../modules/accounts/identifiers.ts';
import { updateProfile } from '../modules/accounts/profile.service.ts';
import { actorFor } from './actor.ts';
import { loadDemoChallenges } from './challenges.ts';
import { loadCommissionersDemo } from './commissioners-demo.ts';
import { DEMO_ADMIN, DEMO_CHALLENGES, DEMO_ORGS, DEMO_PASSWORD, DEMO_PEOPLE } from './demo-data.ts';
import { loadDemoExperts } from './experts-demo.ts';
import { loadFundingDemo } from './funding-demo.ts';
import { loadInstrumentsDemo } from './instruments-demo.ts';
import { loadRaceDemo } from './race-demo.ts';
import { loadReviewDemo } from './review-demo.ts';
import { loadTransferDemo } from './transfer-demo.ts';

export interface DemoSummary {
  organisations: number;
  people: number;
  challenges: number;
  alreadyLoaded: boolean;
}

export async function loadDemo(
  base: Omit<Ctx, 'actor'>,
  log: (line: string) => void = () => {},
): Promise<DemoSummary> {
  const ctx: Ctx = { ...base, actor: null };
  if (await accountsRepo.findPersonByEmail(ctx.db, DEMO_PEOPLE[0].email)) {
    // A data directory loaded before the challenges existed gets them now; otherwise nothing changes.
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGS) {
      const found = (await accountsRepo.listOrganisations(ctx.db, o.nameZh, 5)).find(
        (r) => r.name_zh === o.nameZh,
      );
      if (found) orgIds.set(o.key, found.id);
    }
    const added =
      (await loadDemoChallenges(ctx, orgIds, log)) +
      (await loadRaceDemo(ctx, log)) +
      (await loadFundingDemo(ctx, log));
    const demoAdmin = await accountsRepo.findPersonByEmail(ctx.db, DEMO_ADMIN.email);
    const experts = demoAdmin
      ? await loadDemoExperts({ ...ctx, actor: await actorFor(ctx, demoAdmin.id) }, orgIds.get('dept'), log)
      : 0;
    const rounds = await loadReviewDemo(ctx, log);
    const commissioners = await loadCommissionersDemo(ctx, log);
    const instruments = await loadInstrumentsDemo(ctx, log);
    const transfer = await loadTransferDemo(ctx, log);
    return {
      organisations: DEMO_ORGS.length,
      people: DEMO_PEOPLE.length,
      challenges: DEMO_CHALLENGES.length,
      alreadyLoaded: added + experts + rounds + commissioners + instruments + transfer === 0,
    };
  }
  const { personId: adminId } = await createPlatformAdmin(ctx, {
    email: DEMO_ADMIN.email,
    password: DEMO_PASSWORD,
    name: DEMO_ADMIN.nameZh,
    nameEn: DEMO_ADMIN.nameEn,
  });
  const admin = { ...ctx, actor: await actorFor(ctx, adminId) };

  const orgIds = new Map<string, string>();
  for (const o of DEMO_ORGS) {
    const uscc = o.usccBody ? o.usccBody + usccCheckChar(o.usccBody) : null;
    const created = await createOrganisation(admin, {
      kind: o.kind,
      nameZh: o.nameZh,
      nameEn: o.nameEn,
      uscc,
      regionCode: o.regionCode,
    });
    orgIds.set(o.key, created.id);
  }
  log(`organisations: ${orgIds.size}`);

  let i = 0;
  for (const p of DEMO_PEOPLE) {
    i++;
    const person = await register(ctx, {
      email: p.email,
      password: DEMO_PASSWORD,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      locale: 'zh-CN',
    });
    const orgId = orgIds.get(p.org)!;
    for (const role of p.roles) await grantMembership(admin, { personId: person.id, orgId, role });
    const org = DEMO_ORGS.find((o) => o.key === p.org)!;
    const orcidBody = `0000000${String(200000000 + i * 7331).slice(-8)}`;
    await updateProfile(
      { ...ctx, actor: await actorFor(ctx, person.id) },
      {
        version: 1,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        orcid: p.roles.some((r) => r === 'solver' || r === 'evaluator')
          ? `${orcidBody.slice(0, 4)}-${orcidBody.slice(4, 8)}-${orcidBody.slice(8, 12)}-${orcidBody.slice(12, 15)}${orcidCheckChar(orcidBody)}`
          : null,
        title: p.title,
        phone: '',
        bio: '',
        locale: 'zh-CN',
        disciplineCodes: p.disciplineCodes,
        keywords: p.keywords,
        employment: [
          {
            orgId,
            orgName: org.nameZh,
            jobTitle: p.title,
            startDate: `${2010 + (i % 12)}-09-01`,
            endDate: null,
          },
        ],
        publications: (p.publications ?? []).map((x) => ({ ...x, doi: null })),
        projects: [],
      },
    );
  }
  log(`people: ${DEMO_PEOPLE.length}`);
  await loadDemoExperts(admin, orgIds.get('dept'), log);
  const challenges = await loadDemoChallenges(ctx, orgIds, log);
  await loadRaceDemo(ctx, log);
  await loadFundingDemo(ctx, log);
  await loadInstrumentsDemo(ctx, log);
  await loadReviewDemo(ctx, log);
  await loadCommissionersDemo(ctx, log);
  await loadTransferDemo(ctx, log);
  return { organisations: orgIds.size, people: DEMO_PEOPLE.length, challenges, alreadyLoaded: false };
}

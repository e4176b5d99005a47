// Seeds the surge through the service layer (so every row is audited as in production): a platform
// admin, an agency with an organizer, an enterprise with a proposer, published challenges, team
// members who confirm, and many solvers, each with its own organisation (solver and admin there,
// so the commander also countersigns the pledge for the host).
import type { Ctx } from '../../src/app/context.ts';
import type { Database } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import {
  createOrganisation,
  createPlatformAdmin,
  grantMembership,
  register,
} from '../../src/modules/accounts/accounts.service.ts';
import { usccCheckChar } from '../../src/modules/accounts/identifiers.ts';
import { ChallengeBody } from '../../src/modules/challenges/challenges.schema.ts';
import { challengeAction, createChallenge } from '../../src/modules/challenges/challenges.service.ts';
import { buildChallenge } from '../../test/support/challenges.ts';

export const PASSWORD = 'correct horse battery';

export interface Person {
  id: string;
  email: string;
  orgId: string;
}

export interface Cast {
  admin: Ctx;
  proposer: Ctx;
  organizer: Ctx;
  enterpriseId: string;
  agencyId: string;
  members: Person[];
  solvers: Person[];
}

let usccN = 0;
function uscc(): string {
  usccN++;
  const body = `91330106${String(100000000 + usccN * 7919).slice(-9)}`;
  return body + usccCheckChar(body);
}

/** Run `fn` over `items` with at most `limit` at once. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (x: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export async function seedCast(
  database: Database,
  nSolvers: number,
  nMembers: number,
  tag: string,
): Promise<Cast> {
  const base: Ctx = { db: database.db, actor: null, now: () => new Date() };
  const as = async (personId: string): Promise<Ctx> => ({ ...base, actor: await actorFor(base, personId) });
  const { personId: adminId } = await createPlatformAdmin(base, {
    email: `admin${tag}@surge.test`,
    password: PASSWORD,
    name: '平台管理员',
  });
  let admin = await as(adminId);
  const org = (kind: string, nameZh: string) =>
    createOrganisation(admin, { kind, nameZh, nameEn: nameZh, uscc: uscc(), regionCode: '330106' });
  const person = async (name: string) => {
    const email = `${name}${tag}@surge.test`;
    const p = await register(base, {
      email,
      password: PASSWORD,
      nameZh: name,
      nameEn: name,
      locale: 'zh-CN',
    });
    return { id: p.id as string, email };
  };
  const agency = await org('agency', `东海省科学技术厅${tag}`);
  const enterprise = await org('enterprise', `华晶石英${tag}`);
  const university = await org('university', `东海大学${tag}`);
  const organizer = await person('organizer');
  const proposer = await person('proposer');
  await grantMembership(admin, { personId: organizer.id, orgId: agency.id, role: 'organizer' });
  await grantMembership(admin, { personId: proposer.id, orgId: enterprise.id, role: 'proposer' });
  admin = await as(adminId);

  const members = await pool(
    Array.from({ length: nMembers }, (_, i) => i),
    4,
    async (i) => {
      const p = await person(`member${i}`);
      await grantMembership(admin, { personId: p.id, orgId: university.id, role: 'solver' });
      return { ...p, orgId: university.id };
    },
  );
  const solvers = await pool(
    Array.from({ length: nSolvers }, (_, i) => i),
    8,
    async (i) => {
      const o = await org('university', `揭榜单位${tag}-${i}`);
      const p = await person(`solver${i}`);
      await grantMembership(admin, { personId: p.id, orgId: o.id, role: 'solver' });
      await grantMembership(admin, { personId: p.id, orgId: o.id, role: 'admin' });
      return { ...p, orgId: o.id };
    },
  );
  return {
    admin,
    proposer: await as(proposer.id),
    organizer: await as(organizer.id),
    enterpriseId: enterprise.id,
    agencyId: agency.id,
    members,
    solvers,
  };
}

export interface SeededChallenge {
  id: string;
  targets: { id: string }[];
  deadline: Date;
}

/** A challenge taken through the service layer to published, with this bidding deadline. */
export async function publishChallenge(cast: Cast, deadline: Date, title: string): Promise<SeededChallenge> {
  const input = ChallengeBody.parse(
    buildChallenge(cast.enterpriseId, cast.agencyId, {
      titleZh: title,
      titleEn: title,
      deadline: deadline.toISOString(),
      winnerSlots: 1,
    }),
  );
  const c = await createChallenge(cast.proposer, input);
  await challengeAction(cast.proposer, c.id, 'submit', '');
  await challengeAction(cast.organizer, c.id, 'publish', '');
  return { id: c.id, targets: c.targets.map((t: { id: string }) => ({ id: t.id })), deadline };
}

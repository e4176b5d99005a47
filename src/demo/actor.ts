// The loader acts as each demo person in turn, with the roles the database grants them now.
import type { Actor, Ctx, Role } from '../app/context.ts';
import * as accountsRepo from '../modules/accounts/accounts.repo.ts';

export const actorFor = async (ctx: Pick<Ctx, 'db'>, personId: string): Promise<Actor> => ({
  personId,
  sessionId: 'demo-loader',
  roles: (await accountsRepo.activeGrants(ctx.db, personId)).map((g) => ({
    orgId: g.org_id,
    orgKind: g.org_kind,
    role: g.role as Role,
  })),
});

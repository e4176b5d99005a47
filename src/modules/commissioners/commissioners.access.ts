// Who is who for the commissioners module: agency staff (organizers and admins of an `agency`
// organisation, or the platform admin) and analysts (who read the registry, assessments and figures).
import type { Actor } from '../../app/context.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';

/** Agencies the actor staffs (organizer or admin of an agency organisation). */
export const staffedAgencies = (actor: Actor | null) =>
  (actor?.roles ?? [])
    .filter((r) => (r.role === 'organizer' || r.role === 'admin') && r.orgKind === 'agency')
    .map((r) => r.orgId);

export const isAgencyStaff = (actor: Actor | null, agencyId: string) =>
  staffedAgencies(actor).includes(agencyId) || isPlatformAdmin(actor);

export const isAnalyst = (actor: Actor | null) => !!actor?.roles.some((r) => r.role === 'analyst');

// Who may do what to accounts objects. Pure; deny by default.
import type { Actor, Role } from '../../app/context.ts';

export type AccountsAction =
  | 'organisation.create'
  | 'organisation.update'
  | 'organisation.readEnterprise'
  | 'membership.request'
  | 'membership.decide'
  | 'person.readPrivate'
  | 'profile.update'
  | 'person.disable'
  | 'audit.read';

export type AccountsSubject =
  | { type: 'organisation'; id: string }
  | { type: 'membership'; orgId: string; role: Role; personId: string }
  | { type: 'person'; id: string }
  | { type: 'audit' };

/** Admin of the platform organisation: may administer everything. */
export function isPlatformAdmin(actor: Actor | null): boolean {
  return !!actor?.roles.some((r) => r.role === 'admin' && r.orgKind === 'platform');
}

export function hasRole(actor: Actor | null, role: Role, orgId?: string): boolean {
  return !!actor?.roles.some((r) => r.role === role && (orgId === undefined || r.orgId === orgId));
}

export function can(actor: Actor | null, action: AccountsAction, subject: AccountsSubject): boolean {
  if (!actor) return false;
  const admin = isPlatformAdmin(actor);
  switch (action) {
    case 'organisation.create':
      return true; // any signed-in person may register an organisation; roles in it need approval
    case 'organisation.update':
      return subject.type === 'organisation' && (admin || hasRole(actor, 'admin', subject.id));
    case 'organisation.readEnterprise':
      // Head-count, domain and IC status are the enterprise's own facts: its members, and the platform.
      return subject.type === 'organisation' && (admin || actor.roles.some((r) => r.orgId === subject.id));
    case 'membership.request':
      return subject.type === 'membership' && subject.personId === actor.personId;
    case 'membership.decide':
      // An organisation's own admin decides its members' roles, except the admin role itself.
      return (
        subject.type === 'membership' &&
        (admin ||
          (subject.role !== 'admin' &&
            hasRole(actor, 'admin', subject.orgId) &&
            subject.personId !== actor.personId))
      );
    case 'person.readPrivate':
    case 'profile.update':
      return (
        subject.type === 'person' &&
        (subject.id === actor.personId || (action === 'person.readPrivate' && admin))
      );
    case 'audit.read':
      return subject.type === 'audit' && (admin || hasRole(actor, 'integrity_officer'));
    case 'person.disable':
      // Only the platform admin, and never themselves (the platform would lose its last way in).
      return subject.type === 'person' && admin && subject.id !== actor.personId;
    default: {
      const never: never = action;
      return never;
    }
  }
}

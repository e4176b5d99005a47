// Who may use an organisation's saved policy worksheets. Pure; deny by default.
// Worksheets hold an enterprise's own financial figures, so only its active members (any role)
// may read or write them — not the platform admin, not other organisations' members.
import type { Actor } from '../../app/context.ts';

export type PolicyAction = 'worksheet.read' | 'worksheet.write';
export type PolicySubject = { type: 'worksheet'; orgId: string };

/** True when `actor` holds any active role in `orgId`. */
export const isMemberOf = (actor: Actor | null, orgId: string): boolean =>
  !!actor?.roles.some((r) => r.orgId === orgId);

export function can(actor: Actor | null, action: PolicyAction, subject: PolicySubject): boolean {
  if (!actor) return false;
  switch (action) {
    case 'worksheet.read':
    case 'worksheet.write':
      return subject.type === 'worksheet' && isMemberOf(actor, subject.orgId);
    default: {
      const never: never = action;
      return never;
    }
  }
}

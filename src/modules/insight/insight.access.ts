// Who may use the analyst's desk: analysts (any organisation), programme officers and platform
// admins read aggregate figures; analysts and platform admins import official statistics.
import type { Actor } from '../../app/context.ts';
import { forbidden } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { requireActor } from '../challenges/challenges.access.ts';

export const isAnalyst = (actor: Actor) => actor.roles.some((r) => r.role === 'analyst');
const isOrganizer = (actor: Actor) => actor.roles.some((r) => r.role === 'organizer');

/** The actor, if they may read aggregate figures; else FORBIDDEN (UNAUTHENTICATED signed out). */
export function requireReader(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (!isAnalyst(a) && !isOrganizer(a) && !isPlatformAdmin(a)) throw forbidden(t('insight.notAllowed'));
  return a;
}

/** The actor, if they may import official statistics. */
export function requireImporter(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (!isAnalyst(a) && !isPlatformAdmin(a)) throw forbidden(t('insight.importNotAllowed'));
  return a;
}

// Every feature's routes.tsx, collected at build time: a new feature folder needs no edit here.
import { type Feature, MENU_GROUPS, type MenuEntry, type UserMenuEntry } from '../lib/feature.tsx';

const modules = import.meta.glob<Feature>('../features/*/routes.tsx', { eager: true, import: 'default' });

export const FEATURES: Feature[] = Object.keys(modules)
  .sort()
  .map((k) => modules[k]);

export const ROUTES = FEATURES.flatMap((f) => f.routes);

const byOrder = <T extends { order?: number; key: string }>(a: T, b: T) =>
  (a.order ?? 100) - (b.order ?? 100) || a.key.localeCompare(b.key);

/** Menu entries by group, in the groups' order. */
export const MENU: { group: (typeof MENU_GROUPS)[number]; entries: MenuEntry[] }[] = MENU_GROUPS.map(
  (group) => ({
    group,
    entries: FEATURES.flatMap((f) => f.menu ?? [])
      .filter((e) => e.group === group)
      .sort(byOrder),
  }),
);

export const USER_MENU: UserMenuEntry[] = FEATURES.flatMap((f) => f.userMenu ?? []).sort(byOrder);

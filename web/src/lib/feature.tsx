// What a feature declares in features/<x>/routes.tsx: its routes (pages loaded lazily, so each
// route is its own bundle) and its menu entries. The app router collects every feature's file.
//
//   export default defineFeature({
//     routes: [{ path: '/races', page: lazyPage(() => import('./pages/RaceList.tsx'), 'RaceList') }],
//     menu: [{ group: 'races', key: 'races', label: 'race:menu.list', path: '/races', roles: 'anyone' }],
//   });
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { Role } from '../api.ts';

/** The menu's groups, in the order shown. */
export const MENU_GROUPS = [
  'home',
  'challenges',
  'races',
  'evaluation',
  'funding',
  'integrity',
  'commissioners',
  'transfer',
  'policy',
  'admin',
] as const;
export type MenuGroup = (typeof MENU_GROUPS)[number];

/** Who sees an entry: anyone, anyone signed in, or holders of one of these roles. */
export type Audience = 'anyone' | 'signedIn' | readonly Role[];

export interface MenuEntry {
  group: MenuGroup;
  /** Unique among all entries. */
  key: string;
  /** i18n key with its namespace, e.g. 'challenges:menu.list'. */
  label: string;
  path: string;
  roles: Audience;
  /** Sort order inside the group (smaller first; default 100). */
  order?: number;
  /** A page outside the web app (opened as a plain link). */
  external?: boolean;
}

/** An entry of the header's user menu (profile, roles, inbox …), shown to signed-in people. */
export interface UserMenuEntry {
  key: string;
  label: string;
  path: string;
  order?: number;
}

export interface FeatureRoute {
  path: string;
  page: ComponentType | LazyExoticComponent<ComponentType>;
  /** Pages not yet moved to Ant Design: rendered inside the older styles' scope. */
  legacy?: boolean;
}

export interface Feature {
  routes: FeatureRoute[];
  menu?: MenuEntry[];
  userMenu?: UserMenuEntry[];
}

export const defineFeature = (f: Feature): Feature => f;

/** A route's page as its own chunk: `lazyPage(() => import('./pages/X.tsx'), 'X')`. */
export function lazyPage<M extends Record<string, unknown>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<ComponentType> {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/** Whether a person with `roles` (none when signed out) sees entries for `who`. */
export function sees(who: Audience, signedIn: boolean, roles: readonly string[]): boolean {
  if (who === 'anyone') return true;
  if (who === 'signedIn') return signedIn;
  return who.some((r) => roles.includes(r));
}

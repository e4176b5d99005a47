// "My tasks" (待办): what the signed-in person must do next, gathered from every module.
// Each module registers one TaskSource; the home page and GET /api/me/tasks list them.

import type { Ctx } from '../../app/context.ts';
import type { Msg } from '../../i18n/messages.ts';

/** One kind of work waiting for the actor, with how many and where to act. */
export interface TaskItem {
  /** Stable kind, e.g. 'bid.confirm', 'review.due'; used for grouping and tests, never shown. */
  kind: string;
  count: number;
  /** What to do, as a message key; rendered in the reader's language at the edge. */
  title: Msg;
  /** The web page where the person acts. */
  href: string;
  /** The nearest deadline among these items, ISO 8601 UTC, if any. */
  dueAt?: string;
}

export type TaskSource = (ctx: Ctx & { actor: NonNullable<Ctx['actor']> }) => Promise<TaskItem[]>;

const sources: TaskSource[] = [];

/** Called once per module at import time. */
export function registerTaskSource(source: TaskSource): void {
  sources.push(source);
}

/** Every source's items for the actor, nearest deadline first, empty kinds dropped. */
export async function tasksFor(ctx: Ctx & { actor: NonNullable<Ctx['actor']> }): Promise<TaskItem[]> {
  const lists = await Promise.all(sources.map((s) => s(ctx)));
  return lists
    .flat()
    .filter((x) => x.count > 0)
    .sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.kind.localeCompare(b.kind));
}

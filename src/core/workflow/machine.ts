// A small engine for workflows declared as data: states, transitions, who may act, guards.
// Services compute the actor's relations to the object (e.g. 'owner', 'organizer') and the
// guard context; the engine answers whether the action is allowed and where it leads.
// Refusals are messages (catalogue key and parameters), rendered in the reader's language later.

import { type Msg, t } from '../../i18n/messages.ts';

export interface Transition<S extends string, A extends string, G> {
  action: A;
  from: readonly S[];
  to: S;
  /** Relations to the subject of which the actor needs at least one. */
  who: readonly string[];
  /** Returns why the action is blocked now, or null. */
  guard?: (g: G) => Msg | null;
}

export interface Machine<S extends string, A extends string, G> {
  name: string;
  /** The name people read, in both languages (defaults to `name`). */
  label?: { zh: string; en: string };
  states: readonly S[];
  initial: S;
  transitions: readonly Transition<S, A, G>[];
}

export type Decision<S extends string> =
  | { ok: true; to: S }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN'; reason: Msg };

/** Decide one action: the first transition for this action whose `from` holds and whose guard passes. */
export function decide<S extends string, A extends string, G>(
  m: Machine<S, A, G>,
  state: S,
  action: A,
  relations: ReadonlySet<string>,
  g: G,
): Decision<S> {
  const candidates = m.transitions.filter((t) => t.action === action);
  if (candidates.length === 0)
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: t('workflow.unknownAction', { machine: m.label ?? m.name, action }),
    };
  const fromHere = candidates.filter((t) => t.from.includes(state));
  if (fromHere.length === 0) {
    const allowed = [...new Set(candidates.flatMap((t) => t.from))].join(', ');
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: t('workflow.wrongState', { machine: m.label ?? m.name, state, action, allowed }),
    };
  }
  const permitted = fromHere.filter((t) => t.who.some((w) => relations.has(w)));
  if (permitted.length === 0) {
    const who = [...new Set(fromHere.flatMap((x) => x.who))].join(' / ');
    return {
      ok: false,
      code: 'FORBIDDEN',
      reason: t('workflow.notPermitted', { machine: m.label ?? m.name, who, action }),
    };
  }
  let lastReason: Msg = t('workflow.blocked');
  for (const t of permitted) {
    const blocked = t.guard?.(g) ?? null;
    if (blocked === null) return { ok: true, to: t.to };
    lastReason = blocked;
  }
  return { ok: false, code: 'ILLEGAL_TRANSITION', reason: lastReason };
}

/** The actions this actor could take now (for the UI's buttons). */
export function availableActions<S extends string, A extends string, G>(
  m: Machine<S, A, G>,
  state: S,
  relations: ReadonlySet<string>,
  g: G,
): A[] {
  const out = new Set<A>();
  for (const t of m.transitions) {
    if (t.from.includes(state) && t.who.some((w) => relations.has(w)) && (t.guard?.(g) ?? null) === null)
      out.add(t.action);
  }
  return [...out];
}

/** Structural checks of a declaration: every state named exists and every non-initial state is reachable. */
export function validateMachine<S extends string, A extends string, G>(m: Machine<S, A, G>): string[] {
  const problems: string[] = [];
  const states = new Set<string>(m.states);
  if (!states.has(m.initial)) problems.push(`initial state ${m.initial} is not declared`);
  for (const t of m.transitions) {
    for (const s of [...t.from, t.to])
      if (!states.has(s)) problems.push(`${t.action} names undeclared state ${s}`);
    if (t.who.length === 0) problems.push(`${t.action} has nobody who may take it`);
  }
  const reached = new Set<string>([m.initial]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of m.transitions) {
      if (!reached.has(t.to) && t.from.some((f) => reached.has(f))) {
        reached.add(t.to);
        changed = true;
      }
    }
  }
  for (const s of m.states) if (!reached.has(s)) problems.push(`state ${s} is unreachable`);
  return problems;
}

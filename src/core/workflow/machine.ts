// A small engine for workflows declared as data: states, transitions, who may act, guards.
// Services compute the actor's relations to the object (e.g. 'owner', 'organizer') and the
// guard context; the engine answers whether the action is allowed and where it leads.

export interface Transition<S extends string, A extends string, G> {
  action: A;
  from: readonly S[];
  to: S;
  /** Relations to the subject of which the actor needs at least one. */
  who: readonly string[];
  /** Returns why the action is blocked now, or null. */
  guard?: (g: G) => string | null;
}

export interface Machine<S extends string, A extends string, G> {
  name: string;
  states: readonly S[];
  initial: S;
  transitions: readonly Transition<S, A, G>[];
}

export type Decision<S extends string> =
  | { ok: true; to: S }
  | { ok: false; code: 'ILLEGAL_TRANSITION' | 'FORBIDDEN'; reason: string };

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
    return { ok: false, code: 'ILLEGAL_TRANSITION', reason: `${m.name}: unknown action ${action}` };
  const fromHere = candidates.filter((t) => t.from.includes(state));
  if (fromHere.length === 0) {
    const allowed = [...new Set(candidates.flatMap((t) => t.from))].join(', ');
    return {
      ok: false,
      code: 'ILLEGAL_TRANSITION',
      reason: `${m.name} is ${state}; ${action} needs ${allowed}`,
    };
  }
  const permitted = fromHere.filter((t) => t.who.some((w) => relations.has(w)));
  if (permitted.length === 0) {
    const who = [...new Set(fromHere.flatMap((t) => t.who))].join(' or ');
    return { ok: false, code: 'FORBIDDEN', reason: `only the ${who} may ${action} this ${m.name}` };
  }
  let lastReason = '';
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

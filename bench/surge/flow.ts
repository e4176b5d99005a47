// What one solver does on deadline day, through the real endpoints: start the bid (draft, with an
// Idempotency-Key), the team member confirms, the commander signs the pledge, signs again for the
// host organisation (they administer it), and submits. With `retry`, a step that got no answer or
// a 5xx is sent again, identically (same key, same body), until it is acknowledged.
import { ok, type Reply, Session, transient } from './client.ts';
import type { SeededChallenge } from './seed.ts';

export interface Solver {
  session: Session;
  id: string;
  orgId: string;
}

export interface Step {
  name: 'create' | 'confirm' | 'sign_commander' | 'sign_host' | 'submit';
  reply: Reply;
  attempts: number;
}

export interface Outcome {
  solverId: string;
  key: string;
  bidId?: string;
  steps: Step[];
  /** The submit step was acknowledged (2xx). */
  acknowledged: boolean;
  startedAt: number;
  ms: number;
}

const WORDS = [
  '酸浸',
  '提纯',
  '电弧',
  '熔制',
  '透明层',
  '气泡',
  '杂质',
  '坩埚',
  '单晶',
  '拉制',
  'quartz',
  'crucible',
  'purity',
  'arc',
  'fusion',
  'bubble',
  'layer',
  'silicon',
  'growth',
  'etch',
  'anneal',
  'dope',
  'kiln',
  'sinter',
];

/** A technical route of ~60 words drawn per solver: long enough to be indexed for duplicates, unlike any other. */
function routeFor(seed: number): string {
  let x = seed * 2654435761 + 12345;
  const out: string[] = [];
  for (let i = 0; i < 60; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out.push(WORDS[x % WORDS.length] + String(x % 97));
  }
  return out.join(' ');
}

export function bidBody(c: SeededChallenge, hostOrgId: string, memberId: string, seed: number) {
  return {
    hostOrgId,
    technicalRoute: routeFor(seed),
    budgetFen: 400_000_000,
    milestones: [
      {
        title: '小批量样品',
        due: '2027-06-30',
        deliverables: '10 只样品与检测报告',
        targetValues: { [c.targets[0].id]: '15' },
      },
      {
        title: '产线验证',
        due: '2028-06-30',
        deliverables: '产线连续拉晶验证',
        targetValues: { [c.targets[0].id]: '8', [c.targets[1].id]: '420' },
      },
    ],
    pledge: { commitments: '按期完成全部约束性指标', consequences: '未完成则退还未使用经费并记入信用记录' },
    members: [{ personId: memberId, role: '成员' }],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface FlowOptions {
  retry: boolean;
  /** Give up retrying a step after this long (ms). */
  giveUpMs?: number;
  /** Called on every answer (the deadline check records them). */
  onReply?: (step: Step['name'], r: Reply) => void;
}

export async function submitBid(
  c: SeededChallenge,
  solver: Solver,
  member: Solver,
  seed: number,
  opts: FlowOptions,
): Promise<Outcome> {
  const key = `surge-${solver.id}-${c.id}`;
  const out: Outcome = {
    solverId: solver.id,
    key,
    steps: [],
    acknowledged: false,
    startedAt: Date.now(),
    ms: 0,
  };
  const t0 = performance.now();
  const giveUp = Date.now() + (opts.giveUpMs ?? 300_000);
  const step = async (name: Step['name'], send: () => Promise<Reply>): Promise<Reply> => {
    let attempts = 0;
    for (;;) {
      attempts++;
      const r = await send();
      opts.onReply?.(name, r);
      if (!opts.retry || !transient(r) || Date.now() > giveUp) {
        out.steps.push({ name, reply: r, attempts });
        return r;
      }
      await sleep(Math.min(2000, 50 * 2 ** Math.min(attempts, 6)) * (0.5 + Math.random()));
    }
  };
  const body = bidBody(c, solver.orgId, member.id, seed);
  const created = await step('create', () =>
    solver.session.request('POST', `/api/challenges/${c.id}/bids`, body, { 'idempotency-key': key }),
  );
  if (!ok(created)) return finish();
  out.bidId = (created.body as { id: string }).id;
  const id = out.bidId;
  if (!ok(await step('confirm', () => member.session.request('POST', `/api/bids/${id}/confirm`, {}))))
    return finish();
  if (
    !ok(
      await step('sign_commander', () =>
        solver.session.request('POST', `/api/bids/${id}/sign`, { as: 'commander' }),
      ),
    )
  )
    return finish();
  if (
    !ok(await step('sign_host', () => solver.session.request('POST', `/api/bids/${id}/sign`, { as: 'host' })))
  )
    return finish();
  out.acknowledged = ok(
    await step('submit', () => solver.session.request('POST', `/api/bids/${id}/actions/submit`, {})),
  );
  return finish();

  function finish() {
    out.ms = performance.now() - t0;
    return out;
  }
}

/** Log in every solver (bounded concurrency), retrying transient failures. */
export async function loginAll(
  bases: string[],
  people: { id: string; email: string; orgId: string }[],
  password: string,
  concurrency: number,
): Promise<Solver[]> {
  const out: Solver[] = new Array(people.length);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const i = next++;
      const p = people[i];
      const session = new Session(bases);
      for (let attempt = 0; ; attempt++) {
        const r = await session.login(p.email, password);
        if (ok(r)) break;
        if (attempt > 100 || !transient(r))
          throw new Error(`login ${p.email}: ${r.status} ${JSON.stringify(r.body)}`);
        await sleep(200);
      }
      session.id = p.id;
      out[i] = { session, id: p.id, orgId: p.orgId };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

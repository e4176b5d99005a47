// Crash safety under a surge: solvers keep submitting bids (retrying each step with the same
// Idempotency-Key and body until it is acknowledged) while, first, a server process is killed
// with SIGKILL at random moments and restarted (--kills times), then the PostgreSQL postmaster is
// (--pg-kills times, default durability settings). Afterwards every acknowledged submission must
// exist exactly once, complete (submitted, both signatures, its member row confirmed), each
// audited once, and the audit hash chain must verify.
//   node --import tsx bench/crash/run.ts [--kills 20] [--pg-kills 20] [--instances 1] [--rate 10]
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { verifyAudit } from '../../src/modules/audit/audit.service.ts';
import { type Outcome, submitBid } from '../surge/flow.ts';
import { publishChallenge, type SeededChallenge } from '../surge/seed.ts';
import { buildRig, flag, log, type Rig } from '../surge/setup.ts';

const args = process.argv.slice(2);
const kills = Number(flag(args, 'kills', '20'));
const pgKills = Number(flag(args, 'pg-kills', '20'));
const instances = Number(flag(args, 'instances', '1'));
const rate = Number(flag(args, 'rate', '10'));
const nSolvers = Number(flag(args, 'solvers', '250'));
/**
 * At most this many submissions in progress (0: no cap). Without a cap, arrivals above what the
 * restarting servers can serve queue up until requests pass the client's 30 s timeout and are
 * retried while the server still works on them: a retry storm, not a crash-safety question.
 */
const maxInflight = Number(flag(args, 'max-inflight', '100'));
const seed = Number(flag(args, 'seed', String(Date.now() % 100000)));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
// A small deterministic generator so a run can be repeated with --seed.
let rnd = seed;
const random = () => {
  rnd = (rnd * 1103515245 + 12345) % 2147483648;
  return rnd / 2147483648;
};

interface Phase {
  name: string;
  outcomes: Outcome[];
  killed: number;
  downMs: number[];
}

/**
 * Submissions arrive at `rate` over fresh (challenge, solver) pairs while `chaos` runs; when it ends
 * arrivals stop and every started submission is driven to an answer (retrying transient failures).
 */
async function underChaos(
  rig: Rig,
  name: string,
  chaos: () => Promise<{ killed: number; downMs: number[] }>,
) {
  const challenges: SeededChallenge[] = [];
  const more = async () => {
    challenges.push(
      await publishChallenge(rig.cast, new Date(Date.now() + 86_400_000), `${name} ${challenges.length}`),
    );
  };
  await more();
  let stop = false;
  const pending: Promise<Outcome>[] = [];
  let inflight = 0;
  const arrivalsDone = (async () => {
    let next = performance.now();
    for (let i = 0; !stop; i++) {
      while (maxInflight > 0 && inflight >= maxInflight && !stop) await sleep(20);
      if (stop) break;
      const round = Math.floor(i / rig.solvers.length);
      // Publishing needs the database: it retries while PostgreSQL is down.
      while (challenges.length <= round) {
        try {
          await more();
        } catch {
          await sleep(500);
        }
      }
      const c = challenges[round];
      const s = rig.solvers[i % rig.solvers.length];
      inflight++;
      pending.push(
        submitBid(c, s, rig.members[i % rig.members.length], i, { retry: true, giveUpMs: 600_000 }).finally(
          () => {
            inflight--;
          },
        ),
      );
      next = Math.max(next + 1000 / rate, performance.now());
      const wait = next - performance.now();
      if (wait > 0) await sleep(wait);
    }
  })();
  const { killed, downMs } = await chaos();
  stop = true;
  await arrivalsDone;
  log(`${name}: chaos over, ${pending.length} submissions started; waiting for every one to be answered`);
  const outcomes = await Promise.all(pending);
  return { name, outcomes, killed, downMs } as Phase;
}

async function killServers(rig: Rig): Promise<{ killed: number; downMs: number[] }> {
  const downMs: number[] = [];
  for (let k = 0; k < kills; k++) {
    await sleep(300 + random() * 2700);
    const s = rig.servers[Math.floor(random() * rig.servers.length)];
    const t0 = performance.now();
    s.kill9();
    await s.start();
    downMs.push(performance.now() - t0);
    log(
      `  server kill ${k + 1}/${kills}: ${s.base} killed -9, back after ${(downMs.at(-1)! / 1000).toFixed(1)} s`,
    );
  }
  return { killed: kills, downMs };
}

async function killPostgres(rig: Rig): Promise<{ killed: number; downMs: number[] }> {
  const downMs: number[] = [];
  for (let k = 0; k < pgKills; k++) {
    await sleep(300 + random() * 2700);
    const t0 = performance.now();
    const pid = rig.pg.kill9();
    await rig.pg.start();
    downMs.push(performance.now() - t0);
    log(
      `  postgres kill ${k + 1}/${pgKills}: postmaster ${pid} killed -9, recovered after ${(downMs.at(-1)! / 1000).toFixed(1)} s`,
    );
  }
  return { killed: pgKills, downMs };
}

interface Verdict {
  acknowledged: number;
  lost: number;
  duplicated: number;
  halfWritten: number;
  unanswered: number;
  refused: Map<string, number>;
}

/** Check every acknowledged submission against the database. */
async function verify(rig: Rig, phases: Phase[]): Promise<Verdict> {
  const db = rig.database.db;
  const acked = phases.flatMap((p) => p.outcomes.filter((o) => o.acknowledged));
  const v: Verdict = {
    acknowledged: acked.length,
    lost: 0,
    duplicated: 0,
    halfWritten: 0,
    unanswered: 0,
    refused: new Map(),
  };
  for (const p of phases) {
    for (const o of p.outcomes) {
      if (o.acknowledged) continue;
      const last = o.steps.at(-1);
      if (!last || last.reply.status === 0 || last.reply.status >= 500) v.unanswered++;
      else {
        const k = `${last.name}:${last.reply.status} ${(last.reply.body as { code?: string })?.code ?? ''}`;
        v.refused.set(k, (v.refused.get(k) ?? 0) + 1);
      }
    }
  }
  // Bids by (commander, idempotency key), with their member rows and audit entries.
  const rows = await sql<{
    commander_id: string;
    idempotency_key: string;
    n: number;
    submitted: number;
    signed: number;
    members: number;
    confirmed: number;
    creates: number;
    submits: number;
  }>`
    SELECT b.commander_id, b.idempotency_key, count(*)::int AS n,
      count(*) FILTER (WHERE b.state = 'submitted' AND b.submitted_at IS NOT NULL)::int AS submitted,
      count(*) FILTER (WHERE b.pledge_signed_commander_at IS NOT NULL AND b.pledge_signed_host_at IS NOT NULL)::int AS signed,
      sum((SELECT count(*) FROM bid_member m WHERE m.bid_id = b.id))::int AS members,
      sum((SELECT count(*) FROM bid_member m WHERE m.bid_id = b.id AND m.confirmed_at IS NOT NULL))::int AS confirmed,
      sum((SELECT count(*) FROM audit_log a WHERE a.object_type = 'bid' AND a.object_id = b.id::text AND a.action = 'bid.create'))::int AS creates,
      sum((SELECT count(*) FROM audit_log a WHERE a.object_type = 'bid' AND a.object_id = b.id::text AND a.action = 'bid.submit'))::int AS submits
    FROM bid b GROUP BY b.commander_id, b.idempotency_key`.execute(db);
  const byKey = new Map(rows.rows.map((r) => [`${r.commander_id}|${r.idempotency_key}`, r]));
  for (const o of acked) {
    const r = byKey.get(`${o.solverId}|${o.key}`);
    if (!r || r.submitted === 0) v.lost++;
    else if (r.n > 1 || r.creates > 1 || r.submits > 1) v.duplicated++;
    else if (r.signed !== 1 || r.members !== 1 || r.confirmed !== 1 || r.creates !== 1 || r.submits !== 1)
      v.halfWritten++;
  }
  // Whatever was not acknowledged must not be half-written either: every bid has its member row.
  const orphans = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM bid b WHERE NOT EXISTS (SELECT 1 FROM bid_member m WHERE m.bid_id = b.id)`.execute(
    db,
  );
  v.halfWritten += orphans.rows[0].n;
  const twice = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM bid WHERE state <> 'withdrawn'
      GROUP BY challenge_id, commander_id HAVING count(*) > 1) d`.execute(db);
  v.duplicated += twice.rows[0].n;
  return v;
}

async function main() {
  log(
    `crash: ${instances} instance(s), ${kills} server kills, ${pgKills} PostgreSQL kills, ${rate} submissions/s offered (at most ${maxInflight || 'unlimited'} in progress), seed ${seed}`,
  );
  const rig = await buildRig({ instances, solvers: nSolvers, members: 20 });
  try {
    const phases: Phase[] = [];
    if (kills > 0) phases.push(await underChaos(rig, 'server kill -9', () => killServers(rig)));
    if (pgKills > 0) phases.push(await underChaos(rig, 'postgres kill -9', () => killPostgres(rig)));
    const v = await verify(rig, phases);
    const audit = await verifyAudit(rig.database.db);
    console.log('');
    console.log(
      `load average at the end (the machine is shared): ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(`== crash result (${instances} instance(s), one PostgreSQL 15 with default durability) ==`);
    for (const p of phases) {
      const acked = p.outcomes.filter((o) => o.acknowledged).length;
      const retries = p.outcomes.reduce((s, o) => s + o.steps.reduce((a, st) => a + st.attempts - 1, 0), 0);
      const down = p.downMs.reduce((a, b) => a + b, 0) / Math.max(1, p.downMs.length) / 1000;
      console.log(
        `${p.name}: ${p.killed} kills (mean time to serve again ${down.toFixed(1)} s), ${p.outcomes.length} submissions started, ${acked} acknowledged, ${retries} retried requests`,
      );
    }
    const exits = rig.servers.reduce((a, s) => a + s.unexpectedExits, 0);
    console.log(`server exits nobody asked for (crashes, restarted by the harness): ${exits}`);
    console.log(
      `acknowledged ${v.acknowledged}, lost ${v.lost}, duplicated ${v.duplicated}, half-written ${v.halfWritten}`,
    );
    console.log(
      `not acknowledged: ${v.unanswered} without an answer, refused ${[...v.refused].map(([k, n]) => `${k}×${n}`).join(', ') || '0'}`,
    );
    console.log(
      `audit chain: ${audit.ok ? 'verifies' : `BROKEN at ${JSON.stringify(audit.firstBreak)}`} (${audit.entries} entries)`,
    );
    if (v.lost + v.duplicated + v.halfWritten > 0 || !audit.ok) process.exitCode = 1;
  } finally {
    await rig.close();
  }
}

await main();

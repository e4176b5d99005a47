// Deadline surge: solvers submit bids through the real endpoints at a rising rate against a real
// PostgreSQL; prints the sustained submissions/s, latency percentiles and error rate, the ratio
// against a pgbench baseline doing the same writes without the app, and checks that the bidding
// deadline holds by server time under load (nothing accepted after it).
//   node --import tsx bench/surge/run.ts [--rates 5,10,20,40,80] [--step 6] [--solvers 600]
//     [--instances 1] [--baseline-seconds 10] [--deadline-seconds 8]
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { runBaseline } from './baseline.ts';
import type { Reply } from './client.ts';
import { bidBody, type Outcome, type Solver, submitBid } from './flow.ts';
import { publishChallenge, type SeededChallenge } from './seed.ts';
import { buildRig, flag, log, percentile, type Rig } from './setup.ts';

const args = process.argv.slice(2);
const rates = flag(args, 'rates', '2,5,10,15,20,30,40,60').split(',').map(Number);
const stepSeconds = Number(flag(args, 'step', '6'));
const nSolvers = Number(flag(args, 'solvers', String(Math.min(2000, Math.max(...rates) * stepSeconds))));
const instances = Number(flag(args, 'instances', '1'));
const baselineSeconds = Number(flag(args, 'baseline-seconds', '10'));
const deadlineSeconds = Number(flag(args, 'deadline-seconds', '8'));
/** Spread each step over this many challenges (1: everyone bids for the same one, as on deadline day). */
const nChallenges = Number(flag(args, 'challenges', '1'));
const nMembers = 20;
/** A step is sustained when it completes ≥ 90 % of the offered rate with < 1 % errors. */
const SUSTAIN = 0.9;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');

interface StepResult {
  rate: number;
  started: number;
  acknowledged: number;
  failed: number;
  achieved: number;
  wallS: number;
  reqMs: number[];
  subMs: number[];
  errors: Map<string, number>;
  sustained: boolean;
  /** App server CPU per acknowledged submission (all instances), ms. */
  serverCpuMs: number;
}

/** Open-model arrivals: a new solver starts every 1/rate s for `seconds`, whatever the backlog. */
async function arrivals(
  rate: number,
  seconds: number,
  solvers: Solver[],
  start: (s: Solver, i: number) => Promise<Outcome>,
): Promise<{ outcomes: Outcome[]; wallS: number }> {
  const n = Math.min(solvers.length, Math.round(rate * seconds));
  const t0 = performance.now();
  const pending: Promise<Outcome>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(start(solvers[i], i));
  }
  const outcomes = await Promise.all(pending);
  return { outcomes, wallS: (performance.now() - t0) / 1000 };
}

function summarise(rate: number, outcomes: Outcome[], wallS: number): StepResult {
  const acknowledged = outcomes.filter((o) => o.acknowledged).length;
  const reqMs: number[] = [];
  const errors = new Map<string, number>();
  for (const o of outcomes) {
    for (const s of o.steps) {
      reqMs.push(s.reply.ms);
      if (s.reply.status < 200 || s.reply.status >= 300) {
        const code = `${s.name}:${s.reply.status}${(s.reply.body as { code?: string })?.code ? ` ${(s.reply.body as { code: string }).code}` : ''}`;
        errors.set(code, (errors.get(code) ?? 0) + 1);
      }
    }
  }
  const subMs = outcomes.filter((o) => o.acknowledged).map((o) => o.ms);
  reqMs.sort((a, b) => a - b);
  subMs.sort((a, b) => a - b);
  const achieved = acknowledged / wallS;
  const failed = outcomes.length - acknowledged;
  return {
    rate,
    started: outcomes.length,
    acknowledged,
    failed,
    achieved,
    wallS,
    reqMs,
    subMs,
    errors,
    sustained: achieved >= SUSTAIN * rate && failed <= 0.01 * outcomes.length,
    serverCpuMs: 0,
  };
}

async function ramp(rig: Rig): Promise<StepResult[]> {
  const results: StepResult[] = [];
  log(
    `ramp: offered ${rates.join(', ')} submissions/s, ${stepSeconds} s each, ${nChallenges} fresh challenge(s) per step`,
  );
  console.log(
    '| offered /s | started | acknowledged | achieved /s | errors | request p50 / p95 / p99 ms | submission p50 / p95 / p99 ms | server CPU ms / submission | sustained |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const rate of rates) {
    if (rate * stepSeconds > rig.solvers.length) {
      log(
        `stop: ${rate}/s for ${stepSeconds} s needs ${rate * stepSeconds} solvers, seeded ${rig.solvers.length}`,
      );
      break;
    }
    const cs: SeededChallenge[] = [];
    for (let k = 0; k < nChallenges; k++)
      cs.push(
        await publishChallenge(rig.cast, new Date(Date.now() + 3_600_000), `高纯石英坩埚 ${rate}/s #${k}`),
      );
    const cpu0 = rig.servers.reduce((a, s) => a + s.cpuSeconds(), 0);
    const { outcomes, wallS } = await arrivals(rate, stepSeconds, rig.solvers, (s, i) =>
      submitBid(cs[i % cs.length], s, rig.members[i % rig.members.length], i, { retry: false }),
    );
    const r = summarise(rate, outcomes, wallS);
    const cpu = rig.servers.reduce((a, s) => a + s.cpuSeconds(), 0) - cpu0;
    r.serverCpuMs = (cpu * 1000) / Math.max(1, r.acknowledged);
    results.push(r);
    const errs = [...r.errors].map(([k, v]) => `${k}×${v}`).join(' ');
    console.log(
      `| ${rate} | ${r.started} | ${r.acknowledged} | ${fmt(r.achieved)} | ${fmt((100 * r.failed) / r.started, 2)} %${errs ? ` (${errs})` : ''} | ${fmt(percentile(r.reqMs, 50), 0)} / ${fmt(percentile(r.reqMs, 95), 0)} / ${fmt(percentile(r.reqMs, 99), 0)} | ${fmt(percentile(r.subMs, 50), 0)} / ${fmt(percentile(r.subMs, 95), 0)} / ${fmt(percentile(r.subMs, 99), 0)} | ${fmt(r.serverCpuMs, 0)} | ${r.sustained ? 'yes' : 'no'} |`,
    );
    if (!r.sustained && results.filter((x) => !x.sustained).length >= 2) break;
    await sleep(1000);
  }
  return results;
}

interface DeadlineCheck {
  rate: number;
  deadline: Date;
  acceptedBefore: number;
  refusedAfter: number;
  /** 2xx to a create or submit request sent at or after the deadline (must be 0). */
  acceptedSentAfter: number;
  /** Rows whose server-side creation or submission time is at or after the deadline (must be 0). */
  rowsAfter: number;
  /** 2xx whose answer arrived after the deadline (decided before it, answered after). */
  answeredAfter: number;
  refusalCodes: Map<string, number>;
}

/** Bids arrive at `rate` across a deadline set `seconds / 2` into the phase. */
async function deadlinePhase(rig: Rig, rate: number): Promise<DeadlineCheck> {
  const lead = (deadlineSeconds / 2) * 1000;
  // Published a moment before the phase; its deadline falls mid-phase.
  const deadline = new Date(Date.now() + lead + 1500);
  const c: SeededChallenge = await publishChallenge(rig.cast, deadline, '截止时刻检验');
  const wait = deadline.getTime() - lead - Date.now();
  if (wait > 0) await sleep(wait);
  const check: DeadlineCheck = {
    rate,
    deadline,
    acceptedBefore: 0,
    refusedAfter: 0,
    acceptedSentAfter: 0,
    rowsAfter: 0,
    answeredAfter: 0,
    refusalCodes: new Map(),
  };
  const dl = deadline.getTime();
  const onReply = (step: string, r: Reply) => {
    if (step !== 'create' && step !== 'submit') return;
    const good = r.status >= 200 && r.status < 300;
    if (good && r.sentAt >= dl) check.acceptedSentAfter++;
    if (good && r.sentAt + r.ms >= dl) check.answeredAfter++;
    if (!good && r.sentAt >= dl) {
      check.refusedAfter++;
      const code = `${r.status} ${(r.body as { code?: string })?.code ?? r.error ?? ''}`;
      check.refusalCodes.set(code, (check.refusalCodes.get(code) ?? 0) + 1);
    }
  };
  const { outcomes } = await arrivals(rate, deadlineSeconds, rig.solvers, (s, i) =>
    submitBid(c, s, rig.members[i % rig.members.length], 10_000 + i, { retry: false, onReply }),
  );
  check.acceptedBefore = outcomes.filter((o) => o.acknowledged).length;
  const rows = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM bid
    WHERE challenge_id = ${c.id} AND (created_at >= ${deadline} OR submitted_at >= ${deadline})`.execute(
    rig.database.db,
  );
  check.rowsAfter = rows.rows[0].n;
  return check;
}

async function main() {
  log(
    `surge: ${instances} instance(s), ${nSolvers} solvers; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
  const rig = await buildRig({ instances, solvers: nSolvers, members: nMembers });
  try {
    const results = await ramp(rig);
    const sustained = results.filter((r) => r.sustained).sort((a, b) => b.achieved - a.achieved)[0];
    const peak = [...results].sort((a, b) => b.achieved - a.achieved)[0];
    const base = await runBaseline(
      rig.pg,
      bidBody({ id: '', targets: [{ id: 'a' }, { id: 'b' }], deadline: new Date() }, '', '', 1)
        .technicalRoute,
      10,
      baselineSeconds,
    );
    const check = await deadlinePhase(rig, sustained?.rate ?? rates[0]);
    const totalReq = results.reduce((s, r) => s + r.reqMs.length, 0);
    const totalErr = results.reduce((s, r) => s + [...r.errors.values()].reduce((a, b) => a + b, 0), 0);
    console.log('');
    console.log(
      `load average at the end (the machine is shared): ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
    );
    console.log(`== surge result (${instances} instance(s), one PostgreSQL 15, loopback) ==`);
    if (sustained) {
      console.log(
        `sustained: ${fmt(sustained.achieved)} submissions/s (offered ${sustained.rate}/s; each = 5 write requests: create, confirm, sign ×2, submit)`,
      );
      console.log(
        `  request latency p50/p95/p99: ${fmt(percentile(sustained.reqMs, 50), 0)} / ${fmt(percentile(sustained.reqMs, 95), 0)} / ${fmt(percentile(sustained.reqMs, 99), 0)} ms`,
      );
      console.log(
        `  submission (5 requests) latency p50/p95/p99: ${fmt(percentile(sustained.subMs, 50), 0)} / ${fmt(percentile(sustained.subMs, 95), 0)} / ${fmt(percentile(sustained.subMs, 99), 0)} ms`,
      );
      console.log(
        `  error rate at that step: ${fmt((100 * sustained.failed) / sustained.started, 2)} % of submissions`,
      );
    } else console.log('sustained: no step met the bar (≥ 90 % of offered, < 1 % errors)');
    console.log(`peak achieved: ${fmt(peak.achieved)} submissions/s at offered ${peak.rate}/s`);
    console.log(
      `error rate over the whole ramp: ${fmt((100 * totalErr) / Math.max(1, totalReq), 2)} % of ${totalReq} requests`,
    );
    console.log(
      `raw database baseline (pgbench, 10 connections, same writes, ${base.seconds} s): ${fmt(base.submissionsPerSecond)} submissions/s (avg ${fmt(base.latencyMsAvg, 2)} ms each)`,
    );
    if (sustained)
      console.log(
        `ratio app / raw database: ${fmt(sustained.achieved / base.submissionsPerSecond, 3)} (the app costs ×${fmt(base.submissionsPerSecond / sustained.achieved, 1)})`,
      );
    console.log(
      `deadline at ${check.deadline.toISOString()} under ${check.rate}/s: accepted before ${check.acceptedBefore}, refused after ${check.refusedAfter} (${[...check.refusalCodes].map(([k, v]) => `${k}×${v}`).join(', ')})`,
    );
    console.log(
      `  accepted after deadline: ${check.acceptedSentAfter} (create/submit requests sent at or after it answered 2xx); rows created or submitted at or after it: ${check.rowsAfter}`,
    );
    console.log(`  decided before, answered after the deadline: ${check.answeredAfter}`);
    if (check.acceptedSentAfter + check.rowsAfter > 0) process.exitCode = 1;
  } finally {
    await rig.close();
  }
}

await main();

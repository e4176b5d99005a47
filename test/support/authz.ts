// The authorization matrix: every API route the server registers, who may get a 2xx from it
// with a given request on real objects, and the world of actors and objects it runs against.
// A route missing here fails security.authz.int.test.ts: add a row saying who may use it.

import { notify } from '../../src/modules/notifications/notifications.service.ts';
import type { buildTestApp } from './app.ts';
import { buildBid, buildCast, buildChallenge, publishedChallenge } from './challenges.ts';
import type { TestClient } from './client.ts';
import { buildOrganisation } from './factories.ts';
import { awardedRaceChallenge, buildRace } from './race.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

export const ACTORS = [
  'anonymous',
  'outsider', // signed in, no role anywhere
  'commander', // leads bid B1 (solver1)
  'coApplicant', // confirmed member of bid B1
  'otherSolver', // leads another team's bid on the same challenge
  'hostAdmin', // admin of the university hosting the bids
  'reviewer', // evaluator role, in the expert pool, conflicted with both bids (same organisation): never assigned
  'assignedReviewer', // expert assigned to B1 (and B2) in the review round; rapporteur of B1
  'conflictedReviewer', // expert who was assigned to B1 and declared a conflict (assignment state 'conflict')
  'proposer', // proposer of the enterprise that owns the challenges
  'otherProposer', // proposer of another enterprise
  'organizer', // organizer of the agency running the challenges
  'otherOrganizer', // organizer of another agency
  'otherOrgSolver', // solver of another university
  'officer', // integrity officer
  'admin', // platform admin
] as const;
export type ActorName = (typeof ACTORS)[number];

/** Applicants of the review round's items (B1: commander, co-applicant; B2: otherSolver). */
export const APPLICANTS: readonly ActorName[] = ['commander', 'coApplicant', 'otherSolver'];

const DAY = 86_400_000;
const EXPERT_HEADER =
  'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load,availability,employment,publications,projects,relations';
const expertRow = (email: string, nameZh: string, orgUscc: string) =>
  `${email},${nameZh},,${orgUscc},E0207,石英；坩埚,crucible,5,,,,,`;
const RUBRIC = [
  { key: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 40, min: 0, max: 10, descriptors: [] },
  {
    key: 'feasibility',
    nameZh: '可行性',
    nameEn: 'Feasibility',
    weight: 60,
    min: 0,
    max: 10,
    descriptors: [],
  },
];
const roundFields = (titleZh: string, dueAt: string, over: Record<string, unknown> = {}) => ({
  titleZh,
  titleEn: 'Matrix review',
  rubric: RUBRIC,
  reviewersPerItem: 2,
  dueAt,
  ...over,
});
const fullSheet = {
  scores: { innovation: 7, feasibility: 6 },
  confidence: 3,
  commentApplicant: '指标可达，建议补充中试数据。',
  commentConfidential: '仅供组织方参考',
};

/** Everything the matrix needs: one client per actor and the objects they relate to. */
export async function buildWorld(t: App) {
  const cast = await buildCast(t);
  const other = await buildCast(t, '-other');
  const person = async (name: string, grants: [string, string][]) => {
    const c = t.client();
    const email = `${name}@example.cn`;
    const r = await c.register(email, 'correct horse battery', name);
    for (const [orgId, role] of grants) {
      const g = await cast.admin.post('/api/memberships/grant', { personId: r.body.id, orgId, role });
      if (g.status !== 201) throw new Error(JSON.stringify(g.body));
    }
    await c.login(email);
    return Object.assign(c, { id: r.body.id as string });
  };
  const officer = await person('officer', [[cast.agency.id, 'integrity_officer']]);
  const reviewer = await person('reviewer', [[cast.university.id, 'evaluator']]);
  // Signed in, but no actor: the admin may end their sessions without signing an actor out.
  const bystander = await person('bystander', []);
  const ok = async <T = any>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  // The awarded race (with its task books) first: it moves the clock about five weeks on.
  const raced = await awardedRaceChallenge(t, cast, 'authz');
  const raceBody = buildRace(t, raced.challenge);
  const race = await ok(cast.organizer.post('/api/races', raceBody), 'race');
  await ok(cast.organizer.post(`/api/races/${race.id}/start`, {}), 'start race');

  // A single-mode challenge taken to award, for a task book that solver1 and the proposer share.
  const deadline = t.clock.t + 20 * 86_400_000;
  const awardedC = await publishedChallenge(cast, {
    titleZh: '授权矩阵任务书',
    deadline: new Date(deadline).toISOString(),
  });
  const awardedBid = await makeBid(cast, awardedC, 'authz-award', true);
  t.clock.t = deadline + 3_600_000;
  await ok(cast.organizer.post(`/api/challenges/${awardedC.id}/actions/close_bidding`, {}), 'close');
  await ok(cast.organizer.post(`/api/bids/${awardedBid}/actions/select`), 'select');
  await ok(cast.organizer.post(`/api/challenges/${awardedC.id}/actions/announce`, {}), 'announce');
  const objection = await ok<{ id: string }>(
    cast.outsider.post(`/api/challenges/${awardedC.id}/objections`, { text: '请核实检测报告' }),
    'objection',
  );
  await ok(
    cast.organizer.post(`/api/objections/${objection.id}/resolve`, {
      decision: 'dismissed',
      resolution: '已核实',
    }),
    'resolve',
  );
  t.clock.t += 6 * 86_400_000;
  await ok(cast.organizer.post(`/api/challenges/${awardedC.id}/actions/award`, {}), 'award');
  const detail = await ok<{ taskBooks: { id: string }[] }>(
    cast.proposer.get(`/api/challenges/${awardedC.id}`),
    'detail',
  );
  const taskBookId = detail.taskBooks[0].id;
  await ok(cast.solver1.post(`/api/task-books/${taskBookId}/sign`), 'sign task book (commander)');
  await ok(cast.proposer.post(`/api/task-books/${taskBookId}/sign`), 'sign task book (proposer)');
  const taskBook = await ok<any>(cast.proposer.get(`/api/task-books/${taskBookId}`), 'task book');
  if (taskBook.state !== 'active') throw new Error(`task book is ${taskBook.state}, not active`);

  // A published challenge (deadline ahead) with two submitted bids; B1 has a co-applicant.
  const open = await publishedChallenge(cast, {
    titleZh: '授权矩阵开放榜单',
    deadline: new Date(t.clock.t + 30 * 86_400_000).toISOString(),
  });
  // The bid form opened at the publication (the burden meter times it up to the bid's creation).
  const bidFormOpenedAt = new Date(t.clock.t).toISOString();
  const b1 = await makeBid(cast, open, 'authz-b1', true);
  const b2 = await makeBid(cast, open, 'authz-b2', false, cast.solver2);
  const future = new Date(t.clock.t + 60 * 86_400_000).toISOString();
  const draft = await ok<{ id: string; version: number }>(
    cast.proposer.post(
      '/api/challenges',
      buildChallenge(cast.enterprise.id, cast.agency.id, { titleZh: '草稿', deadline: future }),
    ),
    'draft',
  );
  const attachment = await ok<{ id: string }>(
    t.app
      .inject({
        method: 'POST',
        url: `/api/challenges/${draft.id}/attachments?name=spec.pdf`,
        headers: {
          cookie: [...cast.proposer.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': cast.proposer.csrf,
          'content-type': 'application/pdf',
        },
        payload: Buffer.from('%PDF-1.7\n%%EOF\n'),
      })
      .then((r) => ({ status: r.statusCode, body: r.json() })),
    'attachment',
  );
  const record = await ok<{ id: string }>(
    officer.post('/api/integrity/records', {
      subjectPersonId: cast.solver2.id,
      findingType: 'other',
      severity: 'minor',
      evidence: '授权矩阵测试记录',
      decision: '提醒',
    }),
    'integrity record',
  );
  const pendingMembership = await ok<{ id: string }>(
    cast.outsider.post('/api/memberships', { orgId: cast.university.id, role: 'solver' }),
    'membership request',
  );
  const evaluation = await buildEvaluation(t, cast, { open, b1, b2, reviewer, person, ok });
  const funding = await buildFunding(t, cast, { challenge: awardedC.id, taskBook: taskBookId, ok });
  const secret = (await t.database.pool.query("SELECT value FROM app_setting WHERE key = 'cookie_secret'"))
    .rows[0].value as string;

  const clients: Record<ActorName, TestClient & { id?: string }> = {
    anonymous: t.client(),
    outsider: cast.outsider,
    commander: cast.solver1,
    coApplicant: cast.member,
    otherSolver: cast.solver2,
    hostAdmin: cast.hostAdmin,
    reviewer,
    assignedReviewer: evaluation.assignedReviewer,
    conflictedReviewer: evaluation.conflictedReviewer,
    proposer: cast.proposer,
    otherProposer: other.proposer,
    organizer: cast.organizer,
    otherOrganizer: other.organizer,
    otherOrgSolver: other.solver1,
    officer,
    admin: cast.admin,
  };
  // A notification to the outsider, so the admin's outbox has a mail to open.
  const outsiderId = (await clients.outsider.session()).body.person.id as string;
  await t.database.db.transaction().execute((tx) =>
    notify(tx, t.clock.now(), {
      kind: 'challenge.published',
      recipients: [outsiderId],
      object: { type: 'challenge', id: open.id, name: { zh: '公开榜单', en: 'Open challenge' } },
      href: `/challenges/${open.id}`,
    }),
  );
  const mail = (await t.database.pool.query('SELECT id FROM mail_message ORDER BY created_at LIMIT 1'))
    .rows[0].id as string;
  // A shared instrument of the university (its admin manages it) with a pending booking by the proposer.
  const instrument = await ok<{ id: string }>(
    cast.hostAdmin.post('/api/instruments', {
      orgId: cast.university.id,
      nameZh: '授权矩阵电镜',
      nameEn: 'Matrix microscope',
      category: 'microscopy',
      valueFen: 100_000_000,
      regionCode: '330106',
      managerId: cast.hostAdmin.id,
      openness: 'external',
      priceInternalFen: 10_000,
      priceExternalFen: 20_000,
      minSlotMinutes: 30,
      leadHours: 0,
      needsApproval: true,
    }),
    'instrument',
  );
  const slot = (h: number) => new Date(t.clock.t + h * 3_600_000).toISOString();
  const withWindow = await ok<{ maintenance: { id: string }[] }>(
    cast.hostAdmin.post(`/api/instruments/${instrument.id}/maintenance`, {
      start: slot(700),
      end: slot(710),
      reason: '授权矩阵维护',
    }),
    'maintenance window',
  );
  const instrumentBooking = await ok<{ id: string }>(
    cast.proposer.post(`/api/instruments/${instrument.id}/bookings`, {
      start: slot(24),
      end: slot(26),
      purpose: '授权矩阵预约',
    }),
    'instrument booking',
  );
  const emails: Partial<Record<ActorName, string>> = {};
  for (const a of ACTORS) {
    if (a === 'anonymous') continue;
    emails[a] = (await clients[a].session()).body.person.email;
  }
  return {
    t,
    cast,
    other,
    clients,
    emails,
    secret,
    raceBody,
    /** Every reviewer's id, name and email: no applicant's answer may carry one. */
    reviewerIdentities: evaluation.identities,
    expertCsv: evaluation.csv,
    ids: {
      ...evaluation.ids,
      mail,
      ...funding,
      open: open.id,
      bidFormOpenedAt,
      openTarget: open.targets[0].id,
      draft: draft.id,
      draftVersion: draft.version,
      b1,
      b2,
      awardedChallenge: awardedC.id,
      objection: objection.id,
      taskBook: taskBookId,
      taskBookRevision: taskBook.revision as number,
      taskBookTarget: awardedC.targets[0].id,
      attachment: attachment.id,
      race: race.id as string,
      // The team of B-race-0, the bid solver1 (the 'commander' actor) leads.
      raceTeam: race.teams.find((x: { bidId: string }) => x.bidId === raced.bids[0].id).id as string,
      record: record.id,
      membership: pendingMembership.id,
      instrument: instrument.id,
      instrumentMaintenance: withWindow.maintenance[0].id,
      instrumentBooking: instrumentBooking.id,
      instrumentSlot: slot,
      nowhere: '00000000-0000-4000-8000-000000000000',
      bystander: bystander.id,
      future,
    },
  };
}
export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * The evaluation objects: experts in the pool (registered first so they log in, then imported),
 * named exclusions steering the assignment, and three rounds on the open challenge:
 * - `round`: assigned (run done), the conflicted reviewer's declared conflict on B1, reviews open,
 *   B2's reviews submitted; B1's review by the assigned reviewer is left to the matrix's proofs.
 * - `appealRound`: taken to consensus with an appeal pending by B1's commander.
 * - `setupRound`: assigned (run done) but reviews not open: the organizer's only; the edit proof
 *   takes it back to draft.
 */
async function buildEvaluation(
  t: App,
  cast: Awaited<ReturnType<typeof buildCast>>,
  x: {
    open: { id: string };
    b1: string;
    b2: string;
    reviewer: TestClient & { id: string };
    person: (name: string, grants: [string, string][]) => Promise<TestClient & { id: string }>;
    ok: <T = any>(p: Promise<{ status: number; body: T }>, what: string) => Promise<T>;
  },
) {
  const { ok, b1, b2 } = x;
  const orgs: { uscc: string }[] = [];
  for (const k of ['甲', '乙', '丙'])
    orgs.push(
      await ok(
        cast.admin.post(
          '/api/organisations',
          buildOrganisation({ kind: 'institute', nameZh: `矩阵研究所${k}` }),
        ),
        'institute',
      ),
    );
  const assignedReviewer = await x.person('expert-assigned', []);
  const conflictedReviewer = await x.person('expert-conflicted', []);
  const filler = await x.person('expert-filler', []);
  const experts = [
    { c: x.reviewer, email: 'reviewer@example.cn', name: '矩阵专家丁', org: cast.university.uscc },
    { c: assignedReviewer, email: 'expert-assigned@example.cn', name: '矩阵专家甲', org: orgs[0].uscc },
    { c: conflictedReviewer, email: 'expert-conflicted@example.cn', name: '矩阵专家乙', org: orgs[1].uscc },
    { c: filler, email: 'expert-filler@example.cn', name: '矩阵专家丙', org: orgs[2].uscc },
  ];
  const csv = `${EXPERT_HEADER}\n${experts.map((e) => expertRow(e.email, e.name, e.org)).join('\n')}\n`;
  await ok(
    cast.organizer.request('POST', '/api/experts/import', csv, { headers: { 'content-type': 'text/csv' } }),
    'import experts',
  );
  // Exclusions steer the assignment: B1 gets the assigned and the conflicted reviewer, B2 the
  // assigned reviewer and the filler; 'reviewer' works at the bids' host university (same_org).
  await ok(
    cast.solver1.put(`/api/bids/${b1}/exclusions`, {
      exclusions: [{ email: 'expert-filler@example.cn', reason: '存在竞争关系' }],
    }),
    'exclusions B1',
  );
  await ok(
    cast.solver2.put(`/api/bids/${b2}/exclusions`, {
      exclusions: [{ email: 'expert-conflicted@example.cn', reason: '存在竞争关系' }],
    }),
    'exclusions B2',
  );
  const due = new Date(t.clock.t + 40 * DAY).toISOString();
  const newRound = (titleZh: string, over: Record<string, unknown> = {}) =>
    ok<{ id: string; version: number }>(
      cast.organizer.post('/api/review-rounds', {
        challengeId: x.open.id,
        ...roundFields(titleZh, due, over),
      }),
      `round ${titleZh}`,
    );
  type Assignment = { id: string; expertId: string; state: string };
  /** Runs the assignment; then, unless `setupOnly`, the conflict on B1 is declared and reviews open. */
  const assign = async (roundId: string, setupOnly = false) => {
    const start = await ok<{ id: string }>(
      cast.organizer.post(`/api/review-rounds/${roundId}/assignment-runs`),
      'assignment run',
    );
    for (let i = 0; ; i++) {
      const r = await ok<{ state: string; error: string }>(
        cast.organizer.get(`/api/review-rounds/${roundId}/assignment-runs/${start.id}`),
        'run',
      );
      if (r.state === 'done') break;
      if (r.state !== 'running' || i > 400) throw new Error(`assignment run: ${r.state} ${r.error}`);
      await new Promise((res) => setTimeout(res, 25));
    }
    const view = await ok<{ items: { bidId: string; assignments: Assignment[] }[] }>(
      cast.organizer.get(`/api/review-rounds/${roundId}/assignments`),
      'assignments',
    );
    const of = (bid: string, expert: { id: string }) => {
      const a = view.items
        .find((it) => it.bidId === bid)
        ?.assignments.find((y) => y.expertId === expert.id && y.state === 'assigned');
      if (!a) throw new Error(`no assignment of ${expert.id} on ${bid}: ${JSON.stringify(view.items)}`);
      return a.id;
    };
    if (setupOnly) return { run: start.id, of };
    await ok(
      conflictedReviewer.post(`/api/review-assignments/${of(b1, conflictedReviewer)}/declare-conflict`, {
        reason: '曾与负责人合作',
      }),
      'declare conflict',
    );
    await ok(cast.organizer.post(`/api/review-rounds/${roundId}/open-reviews`), 'open reviews');
    return { run: start.id, of };
  };

  const round = await newRound('矩阵评审', { rebuttalAllowed: true });
  const r1 = await assign(round.id);
  for (const who of [assignedReviewer, filler])
    await ok(who.post(`/api/review-rounds/${round.id}/items/${b2}/review/submit`, fullSheet), 'review B2');

  const appealRound = await newRound('矩阵复议');
  await assign(appealRound.id);
  await ok(cast.organizer.post(`/api/review-rounds/${appealRound.id}/open-consensus`), 'consensus');
  const appeal = await ok<{ id: string }>(
    cast.solver1.post(`/api/review-rounds/${appealRound.id}/items/${b1}/appeals`, {
      ground: 'procedure_not_followed',
      statement: '评审程序未按规定执行',
    }),
    'appeal',
  );
  // Assigned but not open: still being set up, so the organizer's only (its edit returns it to draft).
  const setupRound = await newRound('矩阵筹备');
  await assign(setupRound.id, true);
  const setup = await ok<{ version: number; state: string }>(
    cast.organizer.get(`/api/review-rounds/${setupRound.id}`),
    'setup round',
  );
  if (setup.state !== 'assigning') throw new Error(`setup round is ${setup.state}`);

  const identities = experts.flatMap((e) => [
    { what: `id of ${e.email}`, value: e.c.id },
    { what: `name of ${e.email}`, value: e.name },
    { what: `email of ${e.email}`, value: e.email },
  ]);
  return {
    assignedReviewer,
    conflictedReviewer,
    identities,
    csv,
    ids: {
      round: round.id,
      run: r1.run,
      /** The assigned reviewer's assignment on B1 in `round` (rapporteur of B1). */
      assignment: r1.of(b1, assignedReviewer),
      appealRound: appealRound.id,
      appeal: appeal.id,
      setupRound: setupRound.id,
      setupRoundVersion: setup.version,
      due,
      fillerEmail: 'expert-filler@example.cn',
      now: new Date(t.clock.t).toISOString(),
    },
  };
}

const CALL_RULES = { budgetMode: 'lump_sum', indirectCapPct: 50, surplus: 'retain_if_accepted' } as const;
const RELEASE_KEY = 'authz-matrix-release-0';

/**
 * The funding objects: a programme fund of the organizer's agency with an appropriation, the
 * awarded challenge's call rules, an award on its task book (commander: solver1; co-applicant:
 * member) with the signing tranche released and an expense of two lines by the commander.
 */
async function buildFunding(
  t: App,
  cast: Awaited<ReturnType<typeof buildCast>>,
  x: {
    challenge: string;
    taskBook: string;
    ok: <T = any>(p: Promise<{ status: number; body: T }>, what: string) => Promise<T>;
  },
) {
  const { ok } = x;
  const fund = await ok<{ id: string }>(
    cast.organizer.post('/api/funding/funds', {
      kind: 'programme',
      orgId: cast.agency.id,
      nameZh: '授权矩阵专项资金',
      nameEn: 'Matrix programme',
      fiscalYear: 2026,
    }),
    'fund',
  );
  await ok(
    cast.organizer.post(`/api/funding/funds/${fund.id}/appropriations`, {
      amountFen: 1_000_000_000,
      memo: '年度预算',
    }),
    'appropriation',
  );
  await ok(cast.organizer.put(`/api/funding/calls/${x.challenge}/rules`, CALL_RULES), 'call rules');
  const award = await ok<{ id: string }>(
    cast.organizer.post('/api/funding/awards', {
      taskBookId: x.taskBook,
      fundId: fund.id,
      budget: { mode: 'lump_sum', totalFen: 400_000_000 },
    }),
    'award',
  );
  await ok(
    cast.organizer.request(
      'POST',
      `/api/funding/awards/${award.id}/tranches/0/release`,
      {},
      {
        headers: { 'idempotency-key': RELEASE_KEY },
      },
    ),
    'release tranche 0',
  );
  const period = new Date(t.clock.t).toISOString().slice(0, 7);
  const spent = await ok<{ expenses: { category: string; entryId: string }[] }>(
    cast.solver1.post(`/api/funding/awards/${award.id}/expenses`, {
      period,
      lines: [
        { category: 'operational', kind: 'materials', description: '高纯石英砂', amountFen: 10_000_000 },
        { category: 'labour', kind: 'personnel', description: '研究生劳务', amountFen: 2_000_000 },
      ],
    }),
    'expense',
  );
  const ledger = (
    await ok<{ items: { kind: string; entryId: string }[] }>(
      cast.organizer.get(`/api/funding/ledger?fundId=${fund.id}&pageSize=200`),
      'ledger',
    )
  ).items;
  return {
    fund: fund.id,
    award: award.id,
    period,
    /** The labour line of the commander's expense (a reversible entry). */
    expenseEntry: spent.expenses.find((e) => e.category === 'labour')!.entryId,
    /** The release of tranche 0 (a release is never reversed). */
    releaseEntry: ledger.find((l) => l.kind === 'release')!.entryId,
    /** The fund's appropriation (reversible, but most of it is committed to the award). */
    appropriationEntry: ledger.find((l) => l.kind === 'appropriation')!.entryId,
  };
}

/** A bid by `commander` (solver1 by default) on `c`, with the co-applicant when asked, taken to submitted. */
async function makeBid(
  cast: Awaited<ReturnType<typeof buildCast>>,
  c: { id: string; targets: { id: string }[] },
  key: string,
  withMember: boolean,
  commander: TestClient = cast.solver1,
): Promise<string> {
  const body = buildBid(
    cast.university.id,
    c.targets.map((x) => x.id),
    { members: withMember ? [{ personId: cast.member.id, role: '副组长' }] : [] },
  );
  const b = await commander.request('POST', `/api/challenges/${c.id}/bids`, body, {
    headers: { 'idempotency-key': key },
  });
  if (b.status !== 201) throw new Error(JSON.stringify(b.body));
  if (withMember) await cast.member.post(`/api/bids/${b.body.id}/confirm`);
  await commander.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
  await cast.hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
  const s = await commander.post(`/api/bids/${b.body.id}/actions/submit`);
  if (s.status !== 200) throw new Error(JSON.stringify(s.body));
  return b.body.id as string;
}

export interface Rule {
  /** 'METHOD /api/path/:param' exactly as registered. */
  route: string;
  /**
   * Who may get a 2xx with this request: a list of actors, 'public' (anyone, anonymous too) or
   * 'signedIn' (anyone logged in; what they see is scoped, checked by the response scan).
   * Everyone else must get 401, 403 or 404 and change nothing.
   */
  allow: readonly ActorName[] | 'public' | 'signedIn';
  request: (w: World) => { url: string; body?: unknown; headers?: Record<string, string> };
  /** Signed-in actors who may call a scoped list but must find it empty (not their objects). */
  seesNothing?: ActorName[];
  /**
   * The workflow checks the object's state before the actor's relation, and the object is in a
   * state where nobody may act: a 409 then also counts as a refusal. Only for objects whose
   * state is no secret to those refused (public race boards, a task book its parties read).
   */
  stateFirst?: true;
  /** An allowed actor who must get a 2xx with this very request (proves the request is well formed). */
  proof?: ActorName;
  /**
   * Refused actors to whom the object must not even exist: exactly 404, never 403 (blind review:
   * an unassigned or conflicted expert, the competing team).
   */
  notFound?: readonly ActorName[];
  /**
   * Identities (emails, names, ids) this route shows its allowed callers by design, which the
   * response scan therefore accepts here (the expert pool shows organizers the experts' emails).
   */
  discloses?: (w: World) => string[];
  note?: string;
}

const bidBody = (w: World) =>
  buildBid(w.cast.university.id, [w.ids.openTarget], {
    milestones: [
      { title: '样品', due: '2027-06-30', deliverables: '样品', targetValues: { [w.ids.openTarget]: '9' } },
    ],
  });
const ANYONE_ORGANIZING = ['organizer', 'admin'] as const;
/** The expert pool is shared: organizers of any agency and the platform admin manage it. */
const POOL_MANAGERS = ['organizer', 'otherOrganizer', 'admin'] as const;
/** B1's item in the review round: its organizers, its active reviewer, its applicants. */
const B1_ITEM = ['organizer', 'admin', 'assignedReviewer', 'commander', 'coApplicant'] as const;
const expertEmails = (w: World) =>
  w.reviewerIdentities.filter((x) => x.what.startsWith('email')).map((x) => x.value);
/** Who must get 404 on every object of B1's item in a round. */
const ITEM_STRANGERS = ['reviewer', 'conflictedReviewer', 'otherSolver'] as const;
/** The experts: on a round's organizer-only objects of the review side they get 404 as well. */
const EXPERTS = ['reviewer', 'assignedReviewer', 'conflictedReviewer'] as const;
const actorsExcept = (keep: readonly ActorName[]): ActorName[] => ACTORS.filter((a) => !keep.includes(a));
/** The world's funding award: its organizers, the platform, the team, the host, the proposer. */
const AWARD_PARTIES = ['organizer', 'admin', 'commander', 'coApplicant', 'hostAdmin', 'proposer'] as const;
/** Signed in but no party to the award: to them the award (its expenses, its ledger) does not exist. */
const AWARD_STRANGERS = actorsExcept(['anonymous', ...AWARD_PARTIES]);
/** Signed in but neither manager nor viewer of the agency's programme fund. */
const FUND_STRANGERS = actorsExcept(['anonymous', 'organizer', 'admin']);
/** Who may see a draft challenge (and so its funding rules and burden). */
const DRAFT_READERS = ['proposer', 'organizer', 'admin'] as const;
const item = (w: World, round = w.ids.round) => `/api/review-rounds/${round}/items/${w.ids.b1}`;

/** The matrix. Order matters only for rows with a `proof` that changes state (they come last in their group). */
/** People with a role in the university hosting the bids (its members). */
const UNIVERSITY_MEMBERS: readonly ActorName[] = [
  'commander',
  'coApplicant',
  'otherSolver',
  'hostAdmin',
  'reviewer',
];

export const RULES: Rule[] = [
  // Public and session plumbing.
  { route: 'GET /api/health', allow: 'public', request: () => ({ url: '/api/health' }) },
  { route: 'GET /api/openapi.json', allow: 'public', request: () => ({ url: '/api/openapi.json' }) },
  { route: 'GET /api/auth/session', allow: 'public', request: () => ({ url: '/api/auth/session' }) },
  {
    route: 'POST /api/auth/register',
    allow: 'public',
    request: () => ({ url: '/api/auth/register', body: { email: 'bad', password: 'x', nameZh: '' } }),
    note: 'open by design; the body here is invalid so nobody creates accounts',
  },
  {
    route: 'POST /api/auth/login',
    allow: 'public',
    request: () => ({
      url: '/api/auth/login',
      body: { email: 'nobody@example.cn', password: 'wrong password' },
    }),
    note: 'open by design; wrong credentials here',
  },
  {
    route: 'POST /api/auth/logout',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/logout' }),
    note: 'not run (it would end the actor session)',
  },

  {
    route: 'POST /api/auth/password-reset',
    allow: 'public',
    request: () => ({ url: '/api/auth/password-reset', body: { email: 'nobody@example.cn' } }),
    proof: 'anonymous',
    note: 'open by design: the same answer whether or not the address has an account; no account here',
  },
  {
    route: 'POST /api/auth/password-reset/confirm',
    allow: 'public',
    request: () => ({
      url: '/api/auth/password-reset/confirm',
      body: { token: 'not-a-token', password: 'a new long password' },
    }),
    note: 'open by design (the token is the authority); an unknown token here',
  },
  {
    route: 'POST /api/auth/password',
    allow: 'signedIn',
    request: () => ({
      url: '/api/auth/password',
      body: { currentPassword: 'not the password', password: 'a new long password' },
    }),
    note: 'only ever one’s own password (no id in the path); a wrong current password here',
  },

  { route: 'GET /api/auth/sessions', allow: 'signedIn', request: () => ({ url: '/api/auth/sessions' }) },
  {
    route: 'POST /api/auth/sessions/:id/end',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/sessions/00000000-0000-4000-8000-000000000000/end' }),
    note: 'only ever one’s own sessions (another’s is not found); an unknown session here',
  },
  {
    route: 'POST /api/auth/sessions/end-others',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/sessions/end-others' }),
    note: 'not run (it would end the actor’s other sessions); only ever one’s own',
  },

  { route: 'GET /api/auth/totp', allow: 'signedIn', request: () => ({ url: '/api/auth/totp' }) },
  {
    route: 'POST /api/auth/totp/enrol',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/totp/enrol' }),
    proof: 'outsider',
    note: 'only ever one’s own (no id in the path); a pending enrolment changes nothing until confirmed',
  },
  {
    route: 'POST /api/auth/totp/confirm',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/totp/confirm', body: { code: '000000' } }),
    note: 'only ever one’s own enrolment; a wrong code here',
  },
  {
    route: 'POST /api/auth/totp/disable',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/totp/disable', body: { password: 'not the password' } }),
    note: 'only ever one’s own, with one’s password; a wrong password here',
  },
  {
    route: 'POST /api/auth/totp/recovery-codes',
    allow: 'signedIn',
    request: () => ({ url: '/api/auth/totp/recovery-codes', body: { password: 'not the password' } }),
    note: 'only ever one’s own, with one’s password; a wrong password here',
  },

  {
    route: 'GET /api/me/data',
    allow: 'signedIn',
    request: () => ({ url: '/api/me/data' }),
    note: 'only ever one’s own data (no id in the path)',
  },
  // Accounts.
  { route: 'GET /api/profile', allow: 'signedIn', request: () => ({ url: '/api/profile' }) },
  {
    route: 'PUT /api/profile',
    allow: 'signedIn',
    request: () => ({ url: '/api/profile', body: { version: 999, nameZh: '改', nameEn: 'x' } }),
    note: 'only ever one’s own profile (no id in the path); a stale version here',
  },
  {
    route: 'PUT /api/profile/locale',
    allow: 'signedIn',
    request: () => ({ url: '/api/profile/locale', body: { locale: 'en' } }),
    proof: 'outsider',
    note: 'only ever one’s own language (no id in the path)',
  },
  {
    route: 'GET /api/people',
    allow: 'signedIn',
    request: () => ({ url: '/api/people?q=solver' }),
    note: 'public profile fields only; names contain q, or the email is exactly q',
  },
  {
    route: 'GET /api/people/:id',
    allow: 'signedIn',
    request: (w) => ({ url: `/api/people/${w.clients.commander.id}` }),
  },
  {
    route: 'POST /api/people/:id/:action',
    allow: ['admin'],
    request: (w) => ({ url: `/api/people/${w.cast.solver2.id}/enable` }),
    proof: 'admin',
  },
  {
    route: 'POST /api/people/:id/end-sessions',
    allow: ['admin'],
    request: (w) => ({ url: `/api/people/${w.ids.bystander}/end-sessions` }),
    proof: 'admin',
  },
  { route: 'GET /api/organisations', allow: 'public', request: () => ({ url: '/api/organisations' }) },
  {
    route: 'GET /api/organisations/:id',
    allow: 'public',
    request: (w) => ({ url: `/api/organisations/${w.cast.enterprise.id}` }),
  },
  {
    route: 'POST /api/organisations',
    allow: 'signedIn',
    request: () => ({ url: '/api/organisations', body: buildOrganisation() }),
    note: 'any signed-in person may register an organisation (the platform admin approves their role)',
  },
  {
    route: 'PATCH /api/organisations/:id',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/organisations/${w.cast.university.id}`,
      body: { nameEn: 'Donghai University' },
    }),
    proof: 'hostAdmin',
  },
  {
    route: 'GET /api/organisations/:id/totp-requirement',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({ url: `/api/organisations/${w.cast.university.id}/totp-requirement` }),
    proof: 'hostAdmin',
  },
  {
    route: 'PUT /api/organisations/:id/totp-requirement',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/organisations/${w.cast.university.id}/totp-requirement`,
      body: { roles: [] },
    }),
    proof: 'hostAdmin',
    note: 'requires nobody here, so the matrix’s actors are not sent to enrol',
  },
  { route: 'GET /api/memberships', allow: 'signedIn', request: () => ({ url: '/api/memberships' }) },
  {
    route: 'POST /api/memberships',
    allow: 'signedIn',
    request: (w) => ({ url: '/api/memberships', body: { orgId: w.cast.agency.id, role: 'solver' } }),
    note: 'anyone asks for a role for themself (pending until decided)',
  },
  {
    route: 'POST /api/memberships/grant',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: '/api/memberships/grant',
      body: { personId: w.cast.outsider.id, orgId: w.cast.university.id, role: 'evaluator' },
    }),
    proof: 'hostAdmin',
  },
  {
    route: 'POST /api/memberships/:id/decision',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({ url: `/api/memberships/${w.ids.membership}/decision`, body: { decision: 'reject' } }),
    proof: 'hostAdmin',
  },

  // Audit.
  {
    route: 'GET /api/audit',
    allow: ['officer', 'admin'],
    request: () => ({ url: '/api/audit?pageSize=5' }),
    proof: 'officer',
  },
  {
    route: 'GET /api/audit/verify',
    allow: ['officer', 'admin'],
    request: () => ({ url: '/api/audit/verify' }),
    proof: 'admin',
  },

  // Challenges.
  { route: 'GET /api/challenges', allow: 'public', request: () => ({ url: '/api/challenges' }) },
  { route: 'GET /api/challenges/mine', allow: 'signedIn', request: () => ({ url: '/api/challenges/mine' }) },
  {
    route: 'GET /api/challenges/stats',
    allow: 'public',
    request: () => ({ url: '/api/challenges/stats' }),
    note: 'platform-wide counts by state only (demand intake figures)',
  },
  {
    route: 'GET /api/challenges/:id',
    allow: ['proposer', 'organizer', 'admin'],
    request: (w) => ({ url: `/api/challenges/${w.ids.draft}` }),
    proof: 'proposer',
    note: 'a draft: only its own enterprise, the organizer it is addressed to, the platform',
  },
  {
    route: 'POST /api/challenges',
    allow: ['proposer', 'admin'],
    request: (w) => ({
      url: '/api/challenges',
      body: buildChallenge(w.cast.enterprise.id, w.cast.agency.id, { deadline: w.ids.future }),
    }),
    proof: 'proposer',
  },
  {
    route: 'PUT /api/challenges/:id',
    allow: ['proposer', 'admin'],
    request: (w) => ({
      url: `/api/challenges/${w.ids.draft}`,
      body: {
        version: w.ids.draftVersion,
        challenge: buildChallenge(w.cast.enterprise.id, w.cast.agency.id, { deadline: w.ids.future }),
      },
    }),
    proof: 'proposer',
  },
  {
    route: 'POST /api/challenges/:id/attachments',
    allow: ['proposer', 'admin'],
    request: (w) => ({
      url: `/api/challenges/${w.ids.draft}/attachments?name=a.pdf`,
      body: Buffer.from('%PDF-1.7\n'),
    }),
    proof: 'proposer',
  },
  {
    route: 'GET /api/attachments/:id',
    allow: ['proposer', 'organizer', 'admin'],
    request: (w) => ({ url: `/api/attachments/${w.ids.attachment}` }),
    proof: 'proposer',
    note: 'an attachment of a draft',
  },
  {
    route: 'POST /api/challenges/:id/actions/:action',
    allow: ['organizer', 'admin'],
    request: (w) => ({ url: `/api/challenges/${w.ids.open}/actions/close_bidding`, body: {} }),
    note: 'closing early is the organizer’s; not run (it would end bidding)',
  },
  {
    route: 'GET /api/challenges/:id/bids',
    allow: 'signedIn',
    request: (w) => ({ url: `/api/challenges/${w.ids.open}/bids` }),
    seesNothing: ['outsider', 'reviewer', 'otherProposer', 'otherOrganizer', 'otherOrgSolver', 'officer'],
    note: 'a scoped list: each sees only the bids they may see (sealed until bidding closes)',
  },
  {
    route: 'POST /api/challenges/:id/bids',
    allow: ['commander', 'coApplicant', 'otherSolver'],
    request: (w) => ({
      url: `/api/challenges/${w.ids.open}/bids`,
      body: bidBody(w),
      headers: { 'idempotency-key': 'authz-matrix-bid' },
    }),
    note: 'solvers of the host organisation only; not run as proof (keys and one-bid-per-commander)',
  },
  {
    route: 'GET /api/challenges/:id/objections',
    allow: 'public',
    request: (w) => ({ url: `/api/challenges/${w.ids.awardedChallenge}/objections` }),
  },
  {
    route: 'POST /api/challenges/:id/objections',
    allow: 'signedIn',
    request: (w) => ({ url: `/api/challenges/${w.ids.open}/objections`, body: { text: '异议' } }),
    note: 'anyone signed in may object during the notice period; the challenge here is not in notice',
  },
  {
    route: 'POST /api/objections/:id/resolve',
    allow: ['organizer', 'admin'],
    request: (w) => ({
      url: `/api/objections/${w.ids.objection}/resolve`,
      body: { decision: 'upheld', resolution: '复核' },
    }),
    note: 'already resolved, so not even the organizer gets a 2xx here',
  },

  // Bids.
  { route: 'GET /api/bids/mine', allow: 'signedIn', request: () => ({ url: '/api/bids/mine' }) },
  {
    route: 'GET /api/bids/:id',
    allow: ['commander', 'coApplicant', 'hostAdmin'],
    note: 'sealed until bidding closes: not even the organizer or the proposer reads it yet',
    request: (w) => ({ url: `/api/bids/${w.ids.b1}` }),
    proof: 'coApplicant',
  },
  {
    route: 'PUT /api/bids/:id',
    allow: ['commander'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}`, body: { version: 1, bid: bidBody(w) } }),
    note: 'submitted, so not even the commander edits it now',
  },
  {
    route: 'POST /api/bids/:id/confirm',
    allow: ['coApplicant'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}/confirm` }),
    note: 'already confirmed',
  },
  {
    route: 'POST /api/bids/:id/sign',
    allow: ['commander', 'hostAdmin'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}/sign`, body: { as: 'host' } }),
    note: 'already signed',
  },
  {
    route: 'POST /api/bids/:id/actions/:action',
    allow: ['organizer', 'admin'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}/actions/select` }),
    note: 'select comes after bidding closes; no one gets a 2xx now',
  },
  {
    route: 'POST /api/bids/:id/scores',
    allow: ['organizer', 'proposer', 'admin'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}/scores`, body: { kind: 'organizer', score: 80 } }),
  },
  {
    route: 'POST /api/bids/:id/ethics-review',
    allow: ['organizer', 'admin'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}/ethics-review`, body: { committeeId: w.ids.nowhere } }),
    note: 'no such committee here',
  },

  // Task books.
  {
    route: 'GET /api/task-books',
    allow: 'signedIn',
    note: 'a party’s own task books only',
    request: () => ({ url: '/api/task-books' }),
    seesNothing: ['outsider', 'reviewer', 'otherProposer', 'otherOrganizer', 'otherOrgSolver', 'officer'],
  },
  {
    route: 'GET /api/task-books/:id',
    allow: ['commander', 'coApplicant', 'proposer', 'organizer'],
    request: (w) => ({ url: `/api/task-books/${w.ids.taskBook}` }),
    proof: 'commander',
  },
  {
    route: 'GET /api/task-books/:id/print',
    allow: ['commander', 'coApplicant', 'proposer', 'organizer'],
    request: (w) => ({ url: `/api/task-books/${w.ids.taskBook}/print` }),
    proof: 'proposer',
  },
  {
    route: 'POST /api/task-books/:id/attachments',
    allow: ['commander', 'coApplicant', 'proposer', 'organizer', 'admin'],
    request: (w) => ({
      url: `/api/task-books/${w.ids.taskBook}/attachments?name=e.pdf`,
      body: Buffer.from('%PDF-1.7\n'),
    }),
    proof: 'commander',
  },
  {
    route: 'PUT /api/task-books/:id',
    allow: ['commander', 'proposer', 'organizer', 'admin'],
    request: (w) => ({
      url: `/api/task-books/${w.ids.taskBook}`,
      body: {
        revision: w.ids.taskBookRevision,
        milestones: [{ title: '样品', due: '2027-06-30', deliverables: '样品', targetValues: {} }],
        tranches: [{ label: '首付', amountFen: 100, condition: '签署' }],
      },
    }),
    stateFirst: true,
  },
  {
    route: 'POST /api/task-books/:id/sign',
    allow: ['commander', 'proposer'],
    request: (w) => ({ url: `/api/task-books/${w.ids.taskBook}/sign` }),
    stateFirst: true,
  },
  {
    route: 'POST /api/task-books/:id/reports',
    allow: ['commander'],
    request: (w) => ({
      url: `/api/task-books/${w.ids.taskBook}/reports`,
      body: { milestoneNo: 0, summary: '进展' },
    }),
  },
  {
    route: 'POST /api/task-books/:id/experts',
    allow: ['organizer', 'admin'],
    request: (w) => ({ url: `/api/task-books/${w.ids.taskBook}/experts`, body: { personId: w.ids.nowhere } }),
    note: 'the organizer names pool experts free of conflicts; no such expert here',
  },
  {
    route: 'POST /api/reports/:id/review',
    allow: ['proposer', 'organizer', 'admin'],
    request: (w) => ({ url: `/api/reports/${w.ids.nowhere}/review`, body: { decision: 'accepted' } }),
    note: 'no such report here',
  },
  {
    route: 'POST /api/reports/:id/attachments',
    allow: ['commander'],
    request: (w) => ({
      url: `/api/reports/${w.ids.nowhere}/attachments?name=e.pdf`,
      body: Buffer.from('%PDF-1.7\n'),
    }),
    note: 'the report’s commander, until its first review; no such report here',
  },
  {
    route: 'POST /api/task-books/:id/judgements',
    allow: ['proposer', 'organizer', 'admin'],
    request: (w) => ({
      url: `/api/task-books/${w.ids.taskBook}/judgements`,
      body: { targetId: w.ids.taskBookTarget, measured: '8', evidence: '报告', verifier: '检测中心' },
    }),
  },
  {
    route: 'POST /api/task-books/:id/actions/:action',
    allow: ['proposer', 'organizer', 'admin'],
    request: (w) => ({ url: `/api/task-books/${w.ids.taskBook}/actions/accept`, body: {} }),
  },

  // Races.
  { route: 'GET /api/races', allow: 'public', request: () => ({ url: '/api/races' }) },
  { route: 'GET /api/races/:id', allow: 'public', request: (w) => ({ url: `/api/races/${w.ids.race}` }) },
  {
    route: 'POST /api/races',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: '/api/races', body: w.raceBody }),
    note: 'the race exists already (the organizer’s success is the world’s own race)',
  },
  {
    route: 'POST /api/races/:id/invite',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/races/${w.ids.race}/invite`, body: { bidId: w.ids.b2 } }),
    stateFirst: true,
  },
  {
    route: 'PUT /api/races/:id/stages/:no/evaluations/:teamId',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/races/${w.ids.race}/stages/1/evaluations/${w.ids.raceTeam}`,
      body: { scores: ['80'] },
    }),
  },
  {
    route: 'PUT /api/races/:id/stages/:no/evidence/:teamId',
    // The team itself (its commander, solver1, leads B-race-0); organizers do not submit for it.
    allow: ['commander'],
    request: (w) => ({
      url: `/api/races/${w.ids.race}/stages/1/evidence/${w.ids.raceTeam}`,
      body: { text: '第三方检测报告' },
    }),
  },
  {
    route: 'POST /api/races/:id/stages/:no/gate',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/races/${w.ids.race}/stages/1/gate`, body: {} }),
  },
  {
    route: 'POST /api/races/:id/gates/:gateId/finalize',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/races/${w.ids.race}/gates/${w.ids.nowhere}/finalize`, body: {} }),
  },
  {
    route: 'POST /api/races/:id/gates/:gateId/withdraw',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/races/${w.ids.race}/gates/${w.ids.nowhere}/withdraw`,
      body: { reason: '撤回' },
    }),
  },
  {
    route: 'POST /api/races/:id/gates/:gateId/objections',
    // The race's teams (members too), its organizers and the challenge's proposer.
    allow: ['commander', 'coApplicant', 'proposer', ...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/races/${w.ids.race}/gates/${w.ids.nowhere}/objections`,
      body: { text: '异议' },
    }),
  },
  {
    route: 'POST /api/race-objections/:id/resolve',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/race-objections/${w.ids.nowhere}/resolve`,
      body: { decision: 'dismissed', resolution: '驳回' },
    }),
  },
  {
    route: 'POST /api/races/:id/teams/:teamId/withdraw',
    allow: ['commander', ...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/races/${w.ids.race}/teams/${w.ids.raceTeam}/withdraw`,
      body: { reason: '退出' },
    }),
    note: 'not run as proof (it would end the team)',
  },
  {
    route: 'POST /api/races/:id/merge',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/races/${w.ids.race}/merge`,
      body: { intoTeamId: w.ids.raceTeam, fromTeamId: w.ids.nowhere, reason: '合并' },
    }),
  },
  {
    route: 'POST /api/races/:id/end',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/races/${w.ids.race}/end`, body: { reason: '提前结束' } }),
    note: 'only after a gate; not run as proof',
  },
  {
    route: 'POST /api/races/:id/start',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/races/${w.ids.race}/start`, body: {} }),
    note: 'already started in the world',
    stateFirst: true,
  },

  // Integrity and ethics.
  {
    route: 'GET /api/integrity/records',
    allow: 'signedIn',
    request: () => ({ url: '/api/integrity/records' }),
  },
  {
    route: 'GET /api/integrity/records/export',
    allow: 'signedIn',
    request: () => ({ url: '/api/integrity/records/export?format=csv' }),
    note: 'what each reader may see of the records: all for officers, one’s own for everyone else',
  },
  {
    route: 'POST /api/integrity/records',
    allow: ['officer', 'admin'],
    request: (w) => ({
      url: '/api/integrity/records',
      body: {
        subjectPersonId: w.cast.solver2.id,
        findingType: 'other',
        severity: 'minor',
        evidence: '证据',
        decision: '提醒',
      },
    }),
    proof: 'officer',
  },
  {
    route: 'POST /api/integrity/records/:id/appeal',
    allow: ['otherSolver'],
    request: (w) => ({
      url: `/api/integrity/records/${w.ids.record}/appeal`,
      body: { grounds: '不服处理决定' },
    }),
    note: 'the subject of the record (solver2), or an admin of the organisation it is about',
    proof: 'otherSolver',
  },
  {
    route: 'POST /api/integrity/records/:id/appeal/decision',
    allow: ['officer', 'admin'],
    request: (w) => ({
      url: `/api/integrity/records/${w.ids.record}/appeal/decision`,
      body: { decision: 'upheld', note: '维持' },
    }),
    note: 'only once an appeal is pending',
    stateFirst: true,
  },
  {
    route: 'GET /api/integrity/referrals',
    allow: ['officer', 'admin'],
    request: () => ({ url: '/api/integrity/referrals' }),
    proof: 'officer',
  },
  {
    route: 'POST /api/integrity/referrals/:id/decision',
    allow: ['officer', 'admin'],
    request: (w) => ({
      url: `/api/integrity/referrals/${w.ids.nowhere}/decision`,
      body: { outcome: 'dismissed', reason: '不构成不端' },
    }),
  },
  {
    route: 'GET /api/integrity/duplicates',
    allow: ['officer', 'admin'],
    request: () => ({ url: '/api/integrity/duplicates' }),
    proof: 'officer',
  },
  {
    route: 'POST /api/integrity/duplicates/:id/decision',
    allow: ['officer', 'admin'],
    request: (w) => ({
      url: `/api/integrity/duplicates/${w.ids.nowhere}/decision`,
      body: { decision: 'dismissed', note: '不重复' },
    }),
  },
  {
    route: 'POST /api/ethics/committees',
    allow: ['organizer', 'hostAdmin', 'admin'],
    request: (w) => ({
      url: '/api/ethics/committees',
      body: { orgId: w.cast.agency.id, name: '伦理委员会', members: [] },
    }),
    note: 'too few members here, so nobody gets a 2xx',
  },
  {
    route: 'GET /api/ethics/committees',
    allow: 'signedIn',
    request: () => ({ url: '/api/ethics/committees' }),
  },
  { route: 'GET /api/ethics/reviews', allow: 'signedIn', request: () => ({ url: '/api/ethics/reviews' }) },
  {
    route: 'GET /api/ethics/reviews/:id',
    allow: [],
    request: (w) => ({ url: `/api/ethics/reviews/${w.ids.nowhere}` }),
  },
  {
    route: 'POST /api/ethics/reviews/:id/extension',
    allow: [],
    request: (w) => ({
      url: `/api/ethics/reviews/${w.ids.nowhere}/extension`,
      body: { days: 10, reason: '补充材料' },
    }),
    note: 'no such review here',
  },
  {
    route: 'POST /api/ethics/reviews/:id/votes',
    allow: [],
    request: (w) => ({ url: `/api/ethics/reviews/${w.ids.nowhere}/votes`, body: { vote: 'approve' } }),
  },

  // Achievement transformation: the public catalogue and demands; deals only for their parties.
  {
    route: 'GET /api/transfer/achievements',
    allow: 'public',
    request: () => ({ url: '/api/transfer/achievements' }),
  },
  {
    route: 'POST /api/transfer/achievements',
    allow: [...UNIVERSITY_MEMBERS, 'admin'],
    request: (w) => ({
      url: '/api/transfer/achievements',
      body: {
        orgId: w.cast.university.id,
        kind: 'knowHow',
        titleZh: '矩阵测试成果',
        trl: 4,
        offers: ['nonExclusiveLicence'],
        inventors: [{ nameZh: '甲', shareBp: 10000 }],
      },
    }),
    proof: 'hostAdmin',
  },
  {
    route: 'GET /api/transfer/achievements/:id',
    allow: [],
    request: (w) => ({ url: `/api/transfer/achievements/${w.ids.nowhere}` }),
  },
  {
    route: 'POST /api/transfer/achievements/:id/actions/:action',
    allow: [],
    request: (w) => ({ url: `/api/transfer/achievements/${w.ids.nowhere}/actions/list` }),
  },
  {
    route: 'GET /api/transfer/achievements/:id/matches',
    allow: [],
    request: (w) => ({ url: `/api/transfer/achievements/${w.ids.nowhere}/matches` }),
  },
  {
    route: 'POST /api/transfer/achievements/:id/interest',
    allow: [],
    request: (w) => ({
      url: `/api/transfer/achievements/${w.ids.nowhere}/interest`,
      body: { buyerOrgId: w.cast.enterprise.id, message: '意向' },
    }),
  },
  { route: 'GET /api/transfer/demands', allow: 'public', request: () => ({ url: '/api/transfer/demands' }) },
  {
    route: 'POST /api/transfer/demands',
    allow: ['proposer', 'admin'],
    request: (w) => ({
      url: '/api/transfer/demands',
      body: {
        orgId: w.cast.enterprise.id,
        titleZh: '矩阵测试需求',
        budgetMaxFen: 100,
        deadline: '2030-01-01',
      },
    }),
    proof: 'proposer',
  },
  {
    route: 'GET /api/transfer/demands/:id',
    allow: [],
    request: (w) => ({ url: `/api/transfer/demands/${w.ids.nowhere}` }),
  },
  {
    route: 'GET /api/transfer/demands/:id/matches',
    allow: [],
    request: (w) => ({ url: `/api/transfer/demands/${w.ids.nowhere}/matches` }),
  },
  {
    route: 'POST /api/transfer/demands/:id/close',
    allow: [],
    request: (w) => ({ url: `/api/transfer/demands/${w.ids.nowhere}/close` }),
  },
  {
    route: 'PUT /api/transfer/demands/:id/alert',
    allow: [],
    request: (w) => ({ url: `/api/transfer/demands/${w.ids.nowhere}/alert`, body: { on: true } }),
  },
  { route: 'GET /api/transfer/deals', allow: 'signedIn', request: () => ({ url: '/api/transfer/deals' }) },
  {
    route: 'GET /api/transfer/notices',
    allow: 'signedIn',
    request: () => ({ url: '/api/transfer/notices' }),
  },
  ...(
    [
      ['GET', '', undefined],
      ['POST', '/messages', { body: '你好' }],
      ['POST', '/terms', { mode: 'transfer', priceFen: 100, pricing: 'agreement', termMonths: 12 }],
      ['POST', '/accept', undefined],
      ['POST', '/sign', undefined],
      ['POST', '/cancel', { reason: '不再需要' }],
      ['POST', '/register', {}],
      ['POST', '/payments', { amountFen: 100, receivedOn: '2026-12-01' }],
      ['POST', '/distributions', {}],
      ['POST', '/objections', { text: '异议' }],
    ] as const
  ).map(
    ([method, path, body]): Rule => ({
      route: `${method} /api/transfer/deals/:id${path}`,
      allow: [],
      request: (w) => ({ url: `/api/transfer/deals/${w.ids.nowhere}${path}`, body }),
    }),
  ),
  {
    route: 'POST /api/transfer/objections/:id/resolve',
    allow: [],
    request: (w) => ({
      url: `/api/transfer/objections/${w.ids.nowhere}/resolve`,
      body: { decision: 'dismissed', resolution: '不成立' },
    }),
  },
  {
    route: 'GET /api/transfer/registered-contracts',
    allow: [...UNIVERSITY_MEMBERS, 'admin'],
    request: (w) => ({
      url: `/api/transfer/registered-contracts?orgId=${w.cast.university.id}&taxYear=2026`,
    }),
    proof: 'hostAdmin',
  },

  // Pickers and pre-fills of the listing forms, and a demand made a challenge: about objects that do
  // not exist, every caller is refused.
  {
    route: 'GET /api/organisations/:id/instrument-managers',
    allow: ['admin'],
    note: 'the platform admin may list instruments for any organisation, so it finds an empty list',
    request: (w) => ({ url: `/api/organisations/${w.ids.nowhere}/instrument-managers` }),
  },
  {
    route: 'GET /api/transfer/task-books/:id/listing',
    allow: [],
    request: (w) => ({ url: `/api/transfer/task-books/${w.ids.nowhere}/listing` }),
  },
  {
    route: 'POST /api/transfer/demands/:id/promote',
    allow: [],
    request: (w) => ({
      url: `/api/transfer/demands/${w.ids.nowhere}/promote`,
      body: { organiserOrgId: w.cast.agency.id },
    }),
  },
  {
    route: 'GET /api/instruments/listing-orgs',
    allow: 'signedIn',
    request: () => ({ url: '/api/instruments/listing-orgs' }),
  },
  // Assessments and statistics: the platform admin reads any agency's, agency staff run and read
  // their own agency's (an agency that does not exist has none to show).
  {
    route: 'GET /api/commissioner-assessments',
    allow: ['admin'],
    request: (w) => ({ url: `/api/commissioner-assessments?agencyId=${w.ids.nowhere}&year=2025` }),
  },
  {
    route: 'GET /api/commissioner-assessments/export',
    allow: ['admin'],
    request: (w) => ({
      url: `/api/commissioner-assessments/export?agencyId=${w.ids.nowhere}&year=2025&format=csv`,
    }),
  },
  {
    route: 'POST /api/commissioner-assessments',
    allow: ['organizer', 'admin'],
    request: (w) => ({
      url: '/api/commissioner-assessments',
      body: {
        agencyId: w.cast.agency.id,
        year: 2025,
        rule: {
          excellent: { hours: 0, visits: 0, resolved: 0, rating: 0 },
          qualified: { hours: 0, visits: 0, resolved: 0, rating: 0 },
          basic: { hours: 0, visits: 0, resolved: 0, rating: 0 },
        },
      },
    }),
  },
  {
    route: 'GET /api/commissioner-stats',
    allow: ['admin', 'organizer', 'otherOrganizer'],
    request: () => ({ url: '/api/commissioner-stats' }),
  },
  {
    route: 'GET /api/commissioner-stats/export',
    allow: ['admin', 'organizer', 'otherOrganizer'],
    request: () => ({ url: '/api/commissioner-stats/export?format=csv' }),
  },
  // The analyst's desk (src/modules/insight): aggregate figures for analysts, programme officers and
  // platform admins (reads audited); importing official statistics for analysts and platform admins.
  {
    route: 'POST /api/insight/indicators/import',
    allow: ['admin'],
    request: () => ({
      url: '/api/insight/indicators/import',
      body: Buffer.from(
        'dimension,code,name_zh,year,rd_expenditure,output\nprovince,110000,北京市,2022,2843.3,41610.9\n',
      ),
      headers: { 'content-type': 'text/csv' },
    }),
    proof: 'admin',
  },
  {
    route: 'GET /api/insight/indicators',
    allow: ['admin', 'organizer', 'otherOrganizer'],
    request: () => ({ url: '/api/insight/indicators' }),
  },
  {
    route: 'GET /api/insight/indicators/series',
    allow: ['admin', 'organizer', 'otherOrganizer'],
    request: () => ({ url: '/api/insight/indicators/series?codes=110000' }),
  },
  {
    route: 'GET /api/insight/indicators/export',
    allow: ['admin', 'organizer', 'otherOrganizer'],
    request: () => ({ url: '/api/insight/indicators/export?format=csv' }),
  },
  // S&T commissioners: agency staff keep the registry and dispatch; anyone signed in posts a demand;
  // objects that do not exist answer 404 to everyone (the commissioners tests cover the parties).
  { route: 'GET /api/divisions', allow: 'public', request: () => ({ url: '/api/divisions' }) },
  {
    route: 'GET /api/commissioners/agencies',
    allow: 'signedIn',
    request: () => ({ url: '/api/commissioners/agencies' }),
  },
  {
    route: 'GET /api/commissioners',
    allow: ['organizer', 'otherOrganizer', 'admin'],
    request: () => ({ url: '/api/commissioners' }),
    seesNothing: ['otherOrganizer'],
  },
  {
    route: 'POST /api/commissioners',
    allow: ['organizer', 'admin'],
    request: (w) => ({
      url: '/api/commissioners',
      body: {
        kind: 'team',
        nameZh: '矩阵特派员团队',
        keywords: ['茶树'],
        regions: ['330481'],
        capacity: 2,
        agencyOrgId: w.cast.agency.id,
      },
    }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/commissioners/import',
    allow: ['organizer', 'admin'],
    request: (w) => ({
      url: `/api/commissioners/import?agencyId=${w.cast.agency.id}`,
      body: Buffer.from('kind,name_zh,regions,capacity\nteam,矩阵导入团队,330481,2\n'),
      headers: { 'content-type': 'text/csv' },
    }),
    proof: 'organizer',
  },
  {
    route: 'GET /api/commissioners/me',
    allow: 'signedIn',
    request: () => ({ url: '/api/commissioners/me' }),
  },
  {
    route: 'GET /api/commissioners/:id',
    allow: [],
    request: (w) => ({ url: `/api/commissioners/${w.ids.nowhere}` }),
  },
  {
    route: 'PUT /api/commissioners/:id',
    allow: [],
    request: (w) => ({
      url: `/api/commissioners/${w.ids.nowhere}`,
      body: { kind: 'team', nameZh: '无', regions: ['330481'], capacity: 1, agencyOrgId: w.cast.agency.id },
    }),
  },
  {
    route: 'POST /api/commissioner-demands',
    allow: 'signedIn',
    request: (w) => ({
      url: '/api/commissioner-demands',
      body: {
        title: '茶园病虫害',
        description: '茶树叶片发黄',
        regionCode: '330481',
        requester: '青石村',
        requesterKind: 'village',
        agencyOrgId: w.cast.agency.id,
      },
    }),
    proof: 'outsider',
  },
  {
    route: 'GET /api/commissioner-demands',
    allow: 'signedIn',
    request: () => ({ url: '/api/commissioner-demands' }),
  },
  {
    route: 'GET /api/commissioner-demands/:id',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-demands/${w.ids.nowhere}` }),
  },
  {
    route: 'GET /api/commissioner-demands/:id/candidates',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-demands/${w.ids.nowhere}/candidates` }),
  },
  {
    route: 'POST /api/commissioner-demands/:id/dispatch',
    allow: [],
    request: (w) => ({
      url: `/api/commissioner-demands/${w.ids.nowhere}/dispatch`,
      body: { commissionerId: w.ids.nowhere, termStart: '2026-01-01', termEnd: '2026-12-31', goals: '目标' },
    }),
  },
  {
    route: 'POST /api/commissioner-demands/:id/resolve',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-demands/${w.ids.nowhere}/resolve` }),
  },
  {
    route: 'POST /api/commissioner-demands/:id/withdraw',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-demands/${w.ids.nowhere}/withdraw` }),
  },
  {
    route: 'GET /api/commissioner-proposal',
    allow: ['organizer', 'admin'],
    request: (w) => ({ url: `/api/commissioner-proposal?agencyId=${w.cast.agency.id}` }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/commissioner-dispatches/:id/accept',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-dispatches/${w.ids.nowhere}/accept` }),
  },
  {
    route: 'POST /api/commissioner-dispatches/:id/decline',
    allow: [],
    request: (w) => ({
      url: `/api/commissioner-dispatches/${w.ids.nowhere}/decline`,
      body: { reason: '不便' },
    }),
  },
  {
    route: 'POST /api/commissioner-dispatches/:id/visits',
    allow: [],
    request: (w) => ({
      url: `/api/commissioner-dispatches/${w.ids.nowhere}/visits`,
      body: { visitDate: '2026-01-02', place: '村', hours: 1, workDone: '指导' },
    }),
  },
  {
    route: 'POST /api/commissioner-visits/:id/photos',
    allow: [],
    request: (w) => ({
      url: `/api/commissioner-visits/${w.ids.nowhere}/photos?name=a.png`,
      body: Buffer.from('89504e470d0a1a0a', 'hex'),
    }),
  },
  {
    route: 'POST /api/commissioner-visits/:id/confirm',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-visits/${w.ids.nowhere}/confirm`, body: { rating: 5 } }),
  },
  {
    route: 'GET /api/commissioner-photos/:id',
    allow: [],
    request: (w) => ({ url: `/api/commissioner-photos/${w.ids.nowhere}` }),
  },

  // Policy tools: computations for signed-in users; worksheets for the organisation's members.
  {
    route: 'POST /api/policy/hnte',
    allow: 'signedIn',
    request: () => ({ url: '/api/policy/hnte', body: {} }),
  },
  {
    route: 'POST /api/policy/deduction',
    allow: 'signedIn',
    request: () => ({ url: '/api/policy/deduction', body: {} }),
  },
  {
    route: 'POST /api/policy/transfer',
    allow: 'signedIn',
    request: () => ({ url: '/api/policy/transfer', body: {} }),
  },
  {
    route: 'GET /api/policy/worksheets',
    allow: ['proposer'],
    request: (w) => ({ url: `/api/policy/worksheets?orgId=${w.cast.enterprise.id}` }),
    proof: 'proposer',
  },
  {
    route: 'PUT /api/policy/worksheets',
    allow: ['proposer'],
    request: (w) => ({
      url: '/api/policy/worksheets',
      body: {
        orgId: w.cast.enterprise.id,
        kind: 'transfer',
        taxYear: 2025,
        input: { taxYear: 2025, transfers: [] },
      },
    }),
  },
  // Expert pool and review rounds (src/modules/evaluation/evaluation.routes.ts).
  {
    route: 'POST /api/experts/import',
    allow: [...POOL_MANAGERS],
    request: (w) => ({
      url: '/api/experts/import?name=matrix.csv',
      body: Buffer.from(w.expertCsv),
      headers: { 'content-type': 'text/csv' },
    }),
    proof: 'organizer',
    note: 'the world’s own file again: updates only',
  },
  {
    route: 'GET /api/experts',
    allow: [...POOL_MANAGERS],
    request: () => ({ url: '/api/experts' }),
    discloses: expertEmails,
    note: 'the pool lists the experts’ emails to those who manage it',
  },
  {
    route: 'GET /api/experts/:id',
    allow: [...POOL_MANAGERS],
    request: (w) => ({ url: `/api/experts/${w.clients.assignedReviewer.id}` }),
  },
  {
    route: 'PATCH /api/experts/:id',
    allow: [...POOL_MANAGERS],
    request: (w) => ({ url: `/api/experts/${w.clients.reviewer.id}`, body: { maxLoad: 5 } }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({
      url: '/api/review-rounds',
      body: { challengeId: w.ids.open, ...roundFields('矩阵新轮次', w.ids.due) },
    }),
    proof: 'organizer',
    note: 'the organizers of the challenge’s agency (otherOrganizer is refused)',
  },
  {
    route: 'GET /api/review-rounds',
    allow: 'signedIn',
    request: () => ({ url: '/api/review-rounds' }),
    seesNothing: actorsExcept(['anonymous', 'organizer', 'admin']),
  },
  {
    route: 'GET /api/review-rounds/:roundId',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}` }),
  },
  {
    route: 'PUT /api/review-rounds/:roundId',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({
      url: `/api/review-rounds/${w.ids.setupRound}`,
      body: { version: w.ids.setupRoundVersion, ...roundFields('矩阵筹备（修订）', w.ids.due) },
    }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/open-reviews',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/open-reviews`, body: {} }),
    note: 'already reviewing; opened in the world',
  },
  {
    route: 'POST /api/review-rounds/:roundId/assignment-runs',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/assignment-runs`, body: {} }),
    note: 'run in the world; not run as proof (a rerun replaces unstarted assignments)',
  },
  {
    route: 'GET /api/review-rounds/:roundId/assignment-runs/:runId',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/assignment-runs/${w.ids.run}` }),
  },
  {
    route: 'GET /api/review-rounds/:roundId/assignments',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/assignments` }),
  },
  {
    route: 'GET /api/review-rounds/:roundId/conflicts',
    allow: [...ANYONE_ORGANIZING],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/conflicts` }),
  },
  {
    route: 'POST /api/review-assignments/:id/decline',
    allow: ['assignedReviewer'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({
      url: `/api/review-assignments/${w.ids.assignment}/decline`,
      body: { reason: '时间冲突' },
    }),
    note: 'the assigned expert’s own assignment; not run as proof (it would take them off B1)',
  },
  {
    route: 'POST /api/review-assignments/:id/declare-conflict',
    allow: ['assignedReviewer'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({
      url: `/api/review-assignments/${w.ids.assignment}/declare-conflict`,
      body: { reason: '曾与负责人合作' },
    }),
    note: 'proved in the world by conflictedReviewer; not run here (it would take the expert off B1)',
  },
  {
    route: 'GET /api/bids/:id/exclusions',
    allow: ['commander'],
    request: (w) => ({ url: `/api/bids/${w.ids.b1}/exclusions` }),
    discloses: (w) => [
      w.ids.fillerEmail,
      ...w.reviewerIdentities.filter((x) => x.what === `name of ${w.ids.fillerEmail}`).map((x) => x.value),
    ],
    note: 'the commander reads back the experts they named (email and name)',
  },
  {
    route: 'PUT /api/bids/:id/exclusions',
    allow: ['commander'],
    request: (w) => ({
      url: `/api/bids/${w.ids.b1}/exclusions`,
      body: { exclusions: [{ email: w.ids.fillerEmail, reason: '存在竞争关系' }] },
    }),
    note: 'closed once a round assigns, so not even the commander gets a 2xx now',
  },

  // Reviews, consensus, ranking, rebuttal, appeals (review.routes.ts). The proofs walk the round
  // through its life in this order: review → consensus → ranking → rebuttal → close.
  {
    route: 'GET /api/reviews/queue',
    allow: 'signedIn',
    request: () => ({ url: '/api/reviews/queue' }),
    seesNothing: actorsExcept(['anonymous', 'assignedReviewer']),
    note: 'a declared conflict leaves the queue (conflictedReviewer sees nothing)',
  },
  {
    route: 'GET /api/reviews/applicant-items',
    allow: 'signedIn',
    request: () => ({ url: '/api/reviews/applicant-items' }),
    seesNothing: actorsExcept(['anonymous', ...APPLICANTS]),
  },
  {
    route: 'GET /api/review-rounds/:roundId/items/:bidId',
    allow: [...B1_ITEM],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({ url: item(w) }),
    note: 'a conflicted or unassigned expert, the other team, the proposer: 404',
  },
  {
    route: 'GET /api/review-rounds/:roundId/items/:bidId/reviews',
    allow: [...B1_ITEM],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({ url: `${item(w)}/reviews` }),
  },
  {
    route: 'PUT /api/review-rounds/:roundId/items/:bidId/review',
    allow: ['assignedReviewer'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({
      url: `${item(w)}/review`,
      body: { scores: { innovation: 7 }, commentApplicant: '草稿' },
    }),
    proof: 'assignedReviewer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/items/:bidId/review/submit',
    allow: ['assignedReviewer'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({ url: `${item(w)}/review/submit`, body: fullSheet }),
    proof: 'assignedReviewer',
  },
  {
    route: 'GET /api/review-rounds/:roundId/progress',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/progress` }),
  },
  {
    route: 'POST /api/review-rounds/:roundId/reminders',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/reminders`, body: {} }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/open-consensus',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/open-consensus`, body: {} }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/items/:bidId/rapporteur',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({ url: `${item(w)}/rapporteur`, body: { assignmentId: w.ids.assignment } }),
    proof: 'organizer',
  },
  {
    route: 'PUT /api/review-rounds/:roundId/items/:bidId/consensus',
    allow: ['assignedReviewer'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({
      url: `${item(w)}/consensus`,
      body: { majority: '一致认为可行', minority: '', recommendation: 'fund', propose: true },
    }),
    proof: 'assignedReviewer',
    note: 'the rapporteur only',
  },
  {
    route: 'POST /api/review-rounds/:roundId/items/:bidId/consensus/accept',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({ url: `${item(w)}/consensus/accept`, body: {} }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/ranking',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/ranking`, body: {} }),
    proof: 'organizer',
  },
  {
    route: 'GET /api/review-rounds/:roundId/ranking',
    allow: ['organizer', 'admin', ...APPLICANTS],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/ranking` }),
    note: 'applicants get their own rows only',
  },
  {
    route: 'GET /api/review-rounds/:roundId/ranking',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...APPLICANTS, ...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.setupRound}/ranking` }),
    note: 'a round still assigning: not even its applicants know of it yet',
  },
  {
    route: 'GET /api/review-rounds/:roundId/ranking/verify',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/ranking/verify` }),
    note: 'after the ranking proof (no decision before it)',
  },
  {
    route: 'PUT /api/review-rounds/:roundId/rebuttal-window',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({
      url: `/api/review-rounds/${w.ids.round}/rebuttal-window`,
      body: { opensAt: w.ids.now, closesAt: w.ids.due },
    }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/items/:bidId/rebuttal',
    allow: ['commander'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({ url: `${item(w)}/rebuttal`, body: { body: '已补充中试数据' } }),
    proof: 'commander',
  },
  {
    route: 'POST /api/review-appeals/:id/decide',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({
      url: `/api/review-appeals/${w.ids.appeal}/decide`,
      body: { decision: 'dismissed', reasons: '程序合规' },
    }),
    proof: 'organizer',
  },
  {
    route: 'POST /api/review-rounds/:roundId/items/:bidId/appeals',
    allow: ['commander'],
    notFound: [...ITEM_STRANGERS],
    request: (w) => ({
      url: `${item(w, w.ids.appealRound)}/appeals`,
      body: { ground: 'calculation_error', statement: '加权计算有误' },
    }),
    proof: 'commander',
    note: 'in the appeal round, after the pending appeal is decided',
  },
  {
    route: 'POST /api/review-rounds/:roundId/close',
    allow: [...ANYONE_ORGANIZING],
    notFound: [...EXPERTS],
    request: (w) => ({ url: `/api/review-rounds/${w.ids.round}/close`, body: {} }),
    proof: 'organizer',
    note: 'last: the ranked round, no appeal pending',
  },

  // Funding (src/modules/funding/funding.routes.ts). The proofs move money in this order:
  // appropriation → rules → tranche replay → expense → refund → reversal → verify.
  {
    route: 'GET /api/funding/funds',
    allow: 'signedIn',
    request: () => ({ url: '/api/funding/funds' }),
    seesNothing: actorsExcept(['anonymous', 'organizer', 'admin']),
    note: 'the programme fund’s managers (the agency’s organizers) and the platform',
  },
  {
    route: 'POST /api/funding/funds',
    allow: ['organizer'],
    request: (w) => ({
      url: '/api/funding/funds',
      body: {
        kind: 'programme',
        orgId: w.cast.agency.id,
        nameZh: '授权矩阵第二专项',
        nameEn: '',
        fiscalYear: 2027,
      },
    }),
    proof: 'organizer',
    note: 'only organizers of the agency open its programme fund (not another agency’s, not the platform admin)',
  },
  {
    route: 'GET /api/funding/funds/:id',
    allow: ['organizer', 'admin'],
    notFound: FUND_STRANGERS,
    request: (w) => ({ url: `/api/funding/funds/${w.ids.fund}` }),
  },
  {
    route: 'POST /api/funding/funds/:id/appropriations',
    allow: ['organizer'],
    notFound: FUND_STRANGERS,
    request: (w) => ({
      url: `/api/funding/funds/${w.ids.fund}/appropriations`,
      body: { amountFen: 100_000, memo: '追加' },
    }),
    proof: 'organizer',
    note: 'the fund’s managers only; the platform admin views, and is refused (403)',
  },
  {
    route: 'GET /api/funding/calls/:challengeId/rules',
    allow: 'signedIn',
    request: (w) => ({ url: `/api/funding/calls/${w.ids.awardedChallenge}/rules` }),
    note: 'a public call’s rules (negative list, indirect cap) are for every applicant to read',
  },
  {
    route: 'GET /api/funding/calls/:challengeId/rules',
    allow: [...DRAFT_READERS],
    notFound: actorsExcept(['anonymous', ...DRAFT_READERS]),
    request: (w) => ({ url: `/api/funding/calls/${w.ids.draft}/rules` }),
    note: 'a draft’s rules: only those who may see the draft',
  },
  {
    route: 'PUT /api/funding/calls/:challengeId/rules',
    allow: ['organizer'],
    request: (w) => ({ url: `/api/funding/calls/${w.ids.awardedChallenge}/rules`, body: CALL_RULES }),
    proof: 'organizer',
    note: 'the organizers of the challenge’s agency; the world’s rules again',
  },
  {
    route: 'GET /api/funding/calls/:challengeId/burden',
    allow: 'signedIn',
    request: (w) => ({ url: `/api/funding/calls/${w.ids.awardedChallenge}/burden` }),
    note: 'aggregates only (counts, averages, median seconds)',
  },
  {
    route: 'GET /api/funding/calls/:challengeId/burden',
    allow: [...DRAFT_READERS],
    notFound: actorsExcept(['anonymous', ...DRAFT_READERS]),
    request: (w) => ({ url: `/api/funding/calls/${w.ids.draft}/burden` }),
    note: 'a draft: only those who may see it',
  },
  {
    route: 'POST /api/funding/burden',
    allow: ['commander', 'otherSolver'],
    request: (w) => ({
      url: '/api/funding/burden',
      body: {
        form: 'bid',
        challengeId: w.ids.open,
        fieldsTotal: 13,
        fieldsPrefilled: 4,
        documents: 2,
        openedAt: w.ids.bidFormOpenedAt,
      },
    }),
    proof: 'otherSolver',
    note: 'only a commander of a bid on the call records the bid form’s burden, once',
  },
  {
    route: 'GET /api/funding/awards',
    allow: 'signedIn',
    request: () => ({ url: '/api/funding/awards' }),
    seesNothing: AWARD_STRANGERS,
  },
  {
    route: 'POST /api/funding/awards',
    allow: ['organizer'],
    request: (w) => ({
      url: '/api/funding/awards',
      body: {
        taskBookId: w.ids.taskBook,
        fundId: w.ids.fund,
        budget: { mode: 'lump_sum', totalFen: 400_000_000 },
      },
    }),
    note: 'the organizers of the task book’s challenge; funded in the world, so a duplicate now (409)',
  },
  {
    route: 'GET /api/funding/awards/:id',
    allow: [...AWARD_PARTIES],
    notFound: AWARD_STRANGERS,
    request: (w) => ({ url: `/api/funding/awards/${w.ids.award}` }),
  },
  {
    route: 'POST /api/funding/awards/:id/tranches/:no/release',
    allow: ['organizer'],
    notFound: AWARD_STRANGERS,
    request: (w) => ({
      url: `/api/funding/awards/${w.ids.award}/tranches/0/release`,
      body: {},
      headers: { 'idempotency-key': RELEASE_KEY },
    }),
    proof: 'organizer',
    note: 'the world’s own release, replayed with its key; the team never releases money to itself',
  },
  {
    route: 'POST /api/funding/awards/:id/expenses',
    allow: ['commander', 'coApplicant'],
    notFound: AWARD_STRANGERS,
    request: (w) => ({
      url: `/api/funding/awards/${w.ids.award}/expenses`,
      body: {
        period: w.ids.period,
        lines: [
          { category: 'operational', kind: 'materials', description: '石英坩埚模具', amountFen: 1_000_000 },
        ],
      },
    }),
    proof: 'commander',
    note: 'the team only (the organizer and the host are refused)',
  },
  {
    route: 'POST /api/funding/awards/:id/refunds',
    allow: ['commander', 'coApplicant'],
    notFound: AWARD_STRANGERS,
    request: (w) => ({
      url: `/api/funding/awards/${w.ids.award}/refunds`,
      body: { period: w.ids.period, category: 'operational', description: '材料退货', amountFen: 500_000 },
    }),
    proof: 'commander',
  },
  {
    route: 'POST /api/funding/entries/:id/reverse',
    allow: ['organizer'],
    notFound: AWARD_STRANGERS,
    request: (w) => ({
      url: `/api/funding/entries/${w.ids.expenseEntry}/reverse`,
      body: { reason: '重复录入' },
    }),
    proof: 'organizer',
    note: 'an expense entry of the award: its organizers correct it, once',
  },
  {
    route: 'POST /api/funding/entries/:id/reverse',
    allow: ['organizer'],
    notFound: AWARD_STRANGERS,
    request: (w) => ({
      url: `/api/funding/entries/${w.ids.releaseEntry}/reverse`,
      body: { reason: '撤销' },
    }),
    note: 'a release is never reversed (409 even to the organizer); to strangers the entry does not exist',
  },
  {
    route: 'POST /api/funding/entries/:id/reverse',
    allow: ['organizer'],
    notFound: FUND_STRANGERS,
    request: (w) => ({
      url: `/api/funding/entries/${w.ids.appropriationEntry}/reverse`,
      body: { reason: '预算调整' },
    }),
    note: 'the fund’s managers correct its appropriation; here it is committed, so 409 even to them',
  },
  {
    route: 'POST /api/funding/awards/:id/close',
    allow: ['organizer'],
    notFound: AWARD_STRANGERS,
    request: (w) => ({ url: `/api/funding/awards/${w.ids.award}/close`, body: {} }),
    note: 'the task book is not accepted yet, so not even the organizer closes it now',
  },
  {
    route: 'GET /api/funding/track-record/:kind/:id',
    allow: ['commander', 'organizer', 'otherOrganizer', 'officer', 'admin'],
    notFound: [
      'outsider',
      'coApplicant',
      'otherSolver',
      'hostAdmin',
      'reviewer',
      'assignedReviewer',
      'conflictedReviewer',
      'proposer',
      'otherProposer',
      'otherOrgSolver',
    ],
    request: (w) => ({ url: `/api/funding/track-record/person/${w.clients.commander.id}` }),
    proof: 'commander',
    note: 'it carries integrity findings: the subject, organizers, integrity officers and the admin',
  },
  {
    route: 'GET /api/funding/ledger',
    allow: [...AWARD_PARTIES],
    notFound: AWARD_STRANGERS,
    request: (w) => ({ url: `/api/funding/ledger?awardId=${w.ids.award}` }),
    note: 'the award’s journal, shown on its page to every party',
  },
  {
    route: 'GET /api/funding/ledger/export',
    allow: ['organizer', 'admin'],
    notFound: FUND_STRANGERS,
    request: (w) => ({ url: `/api/funding/ledger/export?fundId=${w.ids.fund}&format=csv` }),
    note: 'the fund’s journal (CSV export)',
  },
  {
    route: 'GET /api/funding/ledger/verify',
    allow: ['admin'],
    request: () => ({ url: '/api/funding/ledger/verify' }),
    proof: 'admin',
    note: 'reconciling the whole journal is the platform admin’s; last, after the proofs moved money',
  },

  // Home: my own tasks; whether an administrator exists yet (a public yes/no).
  {
    route: 'GET /api/me/tasks',
    allow: 'signedIn',
    request: () => ({ url: '/api/me/tasks' }),
    note: 'only ever one’s own tasks (no id in the path)',
  },
  { route: 'GET /api/setup', allow: 'public', request: () => ({ url: '/api/setup' }) },

  // Notifications: everyone's own inbox; the admin's outbox and job queues.
  { route: 'GET /api/notifications', allow: 'signedIn', request: () => ({ url: '/api/notifications' }) },
  {
    route: 'GET /api/notifications/unread-count',
    allow: 'public',
    request: () => ({ url: '/api/notifications/unread-count' }),
    note: 'the header bell; 0 when signed out',
  },
  {
    route: 'GET /api/notifications/preferences',
    allow: 'signedIn',
    request: () => ({ url: '/api/notifications/preferences' }),
  },
  {
    route: 'PUT /api/notifications/preferences',
    allow: 'signedIn',
    request: () => ({
      url: '/api/notifications/preferences',
      body: { items: [{ kind: 'bid.announced', enabled: false, mode: 'immediate' }] },
    }),
    proof: 'outsider',
    note: 'only ever one’s own preferences (no id in the path)',
  },
  {
    route: 'POST /api/notifications/:id/read',
    allow: 'signedIn',
    request: () => ({ url: '/api/notifications/00000000-0000-4000-8000-000000000000/read' }),
    note: 'one’s own notifications only: anyone else’s is 404 (notifications.int.test.ts)',
  },
  {
    route: 'POST /api/notifications/read-all',
    allow: 'signedIn',
    request: () => ({ url: '/api/notifications/read-all', body: {} }),
    proof: 'outsider',
  },
  {
    route: 'GET /api/notifications/unsubscribe',
    allow: 'public',
    request: () => ({ url: '/api/notifications/unsubscribe?token=forged' }),
    note: 'authorised by the signed token in the mail, never by a session; a forged one is 400',
  },
  {
    route: 'POST /api/notifications/unsubscribe',
    allow: 'public',
    request: () => ({ url: '/api/notifications/unsubscribe?token=forged' }),
    note: 'RFC 8058 one-click: the signed token is the authority; a forged one is 400',
  },
  { route: 'GET /api/admin/outbox', allow: ['admin'], request: () => ({ url: '/api/admin/outbox' }) },
  {
    route: 'GET /api/admin/outbox/:id',
    allow: ['admin'],
    request: (w) => ({ url: `/api/admin/outbox/${w.ids.mail}` }),
    discloses: (w) => [w.emails.outsider!],
    note: 'the outbox shows the admin each mail with its address',
  },
  { route: 'GET /api/admin/jobs', allow: ['admin'], request: () => ({ url: '/api/admin/jobs' }) },
  {
    route: 'POST /api/admin/jobs/:queue/:id/retry',
    allow: ['admin'],
    request: () => ({ url: '/api/admin/jobs/notify.deliver/00000000-0000-4000-8000-000000000000/retry' }),
    note: 'retrying a failed job; a job that did not fail is 404',
  },
  {
    route: 'GET /api/integrity/rescan',
    allow: ['officer', 'admin'],
    request: () => ({ url: '/api/integrity/rescan' }),
  },
  {
    route: 'POST /api/integrity/rescan',
    allow: ['officer', 'admin'],
    request: () => ({ url: '/api/integrity/rescan', body: { threshold: 0.99 } }),
    proof: 'officer',
    note: 'queues the duplicate rescan (a job); last, since it runs in the background',
  },
  // Shared instruments: the catalogue is public; the university's admin manages its instrument; the
  // proposer's booking is seen by the booker and the manager only.
  { route: 'GET /api/instruments', allow: 'public', request: () => ({ url: '/api/instruments?q=电镜' }) },
  {
    route: 'GET /api/instruments/:id',
    allow: 'public',
    request: (w) => ({ url: `/api/instruments/${w.ids.instrument}` }),
  },
  {
    route: 'GET /api/instruments/:id/openness',
    allow: 'public',
    request: (w) => ({ url: `/api/instruments/${w.ids.instrument}/openness?year=2026` }),
    note: 'the annual open-sharing figures of an open instrument (no names)',
  },
  {
    route: 'GET /api/instruments/managed',
    allow: 'signedIn',
    request: () => ({ url: '/api/instruments/managed' }),
    seesNothing: actorsExcept(['anonymous', 'hostAdmin']),
  },
  {
    route: 'GET /api/instruments/bookings',
    allow: 'signedIn',
    request: () => ({ url: '/api/instruments/bookings' }),
    seesNothing: actorsExcept(['anonymous', 'proposer']),
  },
  {
    route: 'GET /api/instruments/bookings/:id',
    allow: ['proposer', 'hostAdmin', 'admin'],
    notFound: actorsExcept(['anonymous', 'proposer', 'hostAdmin', 'admin']),
    request: (w) => ({ url: `/api/instruments/bookings/${w.ids.instrumentBooking}` }),
    note: 'the booker and the instrument’s managers',
  },
  {
    route: 'GET /api/instruments/:id/calendar',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/${w.ids.instrument}/calendar?from=${encodeURIComponent(w.ids.instrumentSlot(0))}&to=${encodeURIComponent(w.ids.instrumentSlot(24 * 30))}`,
    }),
  },
  {
    route: 'GET /api/organisations/:id/instruments/openness',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({ url: `/api/organisations/${w.cast.university.id}/instruments/openness?year=2026` }),
  },
  {
    route: 'GET /api/organisations/:id/instruments/openness/export',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/organisations/${w.cast.university.id}/instruments/openness/export?year=2026&format=csv`,
    }),
  },
  {
    route: 'POST /api/instruments/:id/bookings',
    allow: 'signedIn',
    request: (w) => ({
      url: `/api/instruments/${w.ids.instrument}/bookings`,
      body: { start: w.ids.instrumentSlot(300), end: w.ids.instrumentSlot(301), purpose: '矩阵' },
    }),
    note: 'anyone signed in books an open instrument (paid by an award or an organisation of theirs)',
  },
  {
    route: 'POST /api/instruments/bookings/:id/reject',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/bookings/${w.ids.instrumentBooking}/reject`,
      body: { reason: '矩阵' },
    }),
  },
  {
    route: 'POST /api/instruments/bookings/:id/cancel',
    allow: ['proposer', 'hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/bookings/${w.ids.instrumentBooking}/cancel`,
      body: { reason: '矩阵' },
    }),
  },
  {
    route: 'POST /api/instruments/bookings/:id/use',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/bookings/${w.ids.instrumentBooking}/use`,
      body: {
        start: w.ids.instrumentSlot(-3),
        end: w.ids.instrumentSlot(-1),
        machineHours: '1.0',
        samples: 1,
      },
    }),
  },
  {
    route: 'POST /api/instruments/bookings/:id/rating',
    allow: ['proposer'],
    request: (w) => ({
      url: `/api/instruments/bookings/${w.ids.instrumentBooking}/rating`,
      body: { score: 4 },
    }),
  },
  {
    route: 'POST /api/instruments/bookings/:id/approve',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({ url: `/api/instruments/bookings/${w.ids.instrumentBooking}/approve`, body: {} }),
    proof: 'hostAdmin',
  },
  {
    route: 'POST /api/instruments/:id/maintenance',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/${w.ids.instrument}/maintenance`,
      body: { start: w.ids.instrumentSlot(500), end: w.ids.instrumentSlot(510), reason: '保养' },
    }),
    proof: 'hostAdmin',
  },
  {
    route: 'DELETE /api/instruments/:id/maintenance/:windowId',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/${w.ids.instrument}/maintenance/${w.ids.instrumentMaintenance}`,
    }),
    proof: 'hostAdmin',
  },
  {
    route: 'GET /api/instruments/payers',
    allow: 'signedIn',
    request: () => ({ url: '/api/instruments/payers' }),
    note: 'my own organisations and the awards whose team I am on',
  },
  {
    route: 'PUT /api/instruments/:id',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: `/api/instruments/${w.ids.instrument}`,
      body: {
        orgId: w.cast.university.id,
        nameZh: '授权矩阵电镜',
        nameEn: 'Matrix microscope',
        category: 'microscopy',
        valueFen: 100_000_000,
        regionCode: '330106',
        managerId: w.cast.hostAdmin.id,
        openness: 'external',
        priceInternalFen: 10_000,
        priceExternalFen: 20_000,
        minSlotMinutes: 30,
        leadHours: 0,
        needsApproval: true,
      },
    }),
    proof: 'hostAdmin',
  },
  {
    route: 'POST /api/instruments',
    allow: ['hostAdmin', 'admin'],
    request: (w) => ({
      url: '/api/instruments',
      body: {
        orgId: w.cast.university.id,
        nameZh: '授权矩阵色谱仪',
        category: 'chromatography',
        valueFen: 60_000_000,
        regionCode: '330106',
        managerId: w.cast.hostAdmin.id,
        openness: 'internal',
        priceInternalFen: 5_000,
        priceExternalFen: 8_000,
      },
    }),
    proof: 'hostAdmin',
  },
];

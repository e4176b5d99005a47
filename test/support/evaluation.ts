// Review fixtures: a challenge whose bidding has closed with three submitted bids, four experts
// whose names and emails are unique marker strings (so a response that leaks an identity is found
// by a plain text search), and a review round in 'reviewing' with assignments inserted directly
// (the round and assignment services are built separately; these rows are what they produce).
import type { buildTestApp } from './app.ts';
import { type buildCast, publishedChallenge, submittedBid } from './challenges.ts';
import { buildOrganisation } from './factories.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Cast = Awaited<ReturnType<typeof buildCast>>;

export const RUBRIC = [
  {
    key: 'innovation',
    nameZh: '创新性',
    nameEn: 'Innovation',
    weight: 40,
    min: 1,
    max: 5,
    descriptors: [
      { score: 1, zh: '无新意', en: 'No novelty' },
      { score: 5, zh: '原创突破', en: 'Original breakthrough' },
    ],
  },
  {
    key: 'feasibility',
    nameZh: '可行性',
    nameEn: 'Feasibility',
    weight: 30,
    min: 1,
    max: 5,
    descriptors: [{ score: 5, zh: '路线成熟', en: 'Proven route' }],
  },
  { key: 'team', nameZh: '团队能力', nameEn: 'Team capability', weight: 30, min: 1, max: 5, descriptors: [] },
];

/** A marker that appears nowhere else: `${kind}${n}${salt}`. */
const salt = () => Math.random().toString(36).slice(2, 8);

/** Logged-in experts whose names and emails are canary strings; in the pool unless `pool` is false. */
export async function buildExperts(t: App, count = 4, pool = true) {
  const s = salt();
  const experts = [];
  for (let i = 0; i < count; i++) {
    const name = `CANARYNAME${i}${s}`;
    const email = `canarymail${i}${s}@example.cn`;
    const c = t.client();
    const r = await c.register(email, 'correct horse battery', name);
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    await c.login(email);
    if (pool)
      await t.database.db
        .insertInto('expert')
        .values({
          person_id: r.body.id,
          max_load: 10,
          availability: '[]',
          created_at: t.clock.now(),
          updated_at: t.clock.now(),
        })
        .execute();
    experts.push(Object.assign(c, { id: r.body.id as string, name, email }));
  }
  return experts;
}

/** A challenge past its deadline with three submitted bids (solver1, solver2, member lead them). */
export async function closedChallengeWithBids(t: App, cast: Cast, tag: string) {
  const deadline = t.clock.t + 30 * 86_400_000;
  const c = await publishedChallenge(cast, {
    titleZh: `评审用揭榜（${tag}）`,
    deadline: new Date(deadline).toISOString(),
  });
  const bids = [];
  for (const [i, who] of [cast.solver1, cast.solver2, cast.member].entries())
    bids.push(await submittedBid(who, cast.hostAdmin, c, cast.university.id, `rev-${tag}-${i}`));
  t.clock.t = deadline + 86_400_000;
  const r = await cast.organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return { challenge: c, bids };
}

/**
 * The real path to a round in 'reviewing': `experts` (registered, not yet in the pool) are
 * imported from a CSV file, each from its own institute; the organizer creates the round, runs
 * the exact assignment (every expert reviews every bid when k equals the number of experts) and
 * opens the reviews. Returns the round id and each (bid, expert) pseudonym.
 */
export async function assignedRound(
  t: App,
  cast: Cast,
  challengeId: string,
  experts: { id: string; email: string; name: string }[],
  over: Record<string, unknown> = {},
) {
  const rows = ['email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load'];
  for (const [i, e] of experts.entries()) {
    const org = await cast.admin.post(
      '/api/organisations',
      buildOrganisation({ kind: 'institute', nameZh: `评审专家单位${i}${e.id.slice(0, 6)}` }),
    );
    if (org.status !== 201) throw new Error(JSON.stringify(org.body));
    rows.push(`${e.email},${e.name},,${org.body.nameZh},E0207,石英；坩埚,crucible,10`);
  }
  const imp = await cast.organizer.request('POST', '/api/experts/import', `${rows.join('\n')}\n`, {
    headers: { 'content-type': 'text/csv' },
  });
  if (imp.status !== 200) throw new Error(JSON.stringify(imp.body));
  const round = await cast.organizer.post('/api/review-rounds', {
    challengeId,
    titleZh: '第一轮函评',
    titleEn: 'First review round',
    rubric: RUBRIC,
    reviewersPerItem: experts.length,
    dueAt: new Date(t.clock.t + 14 * 86_400_000).toISOString(),
    budgetFen: 900_000_000,
    rebuttalAllowed: true,
    ...over,
  });
  if (round.status !== 201) throw new Error(JSON.stringify(round.body));
  const roundId = round.body.id as string;
  const start = await cast.organizer.post(`/api/review-rounds/${roundId}/assignment-runs`);
  if (start.status !== 202) throw new Error(JSON.stringify(start.body));
  for (let i = 0; ; i++) {
    const r = await cast.organizer.get(`/api/review-rounds/${roundId}/assignment-runs/${start.body.id}`);
    if (r.body.state === 'done') break;
    if (r.body.state !== 'running' || i > 2000) throw new Error(JSON.stringify(r.body));
    await new Promise((res) => setTimeout(res, 25));
  }
  const open = await cast.organizer.post(`/api/review-rounds/${roundId}/open-reviews`);
  if (open.status !== 200) throw new Error(JSON.stringify(open.body));
  const assigned = await t.database.db
    .selectFrom('review_assignment')
    .select(['bid_id', 'expert_id', 'pseudonym'])
    .where('round_id', '=', roundId)
    .where('state', '=', 'assigned')
    .execute();
  const pseudonym = (bidId: string, expertId: string) => {
    const a = assigned.find((x) => x.bid_id === bidId && x.expert_id === expertId);
    if (!a) throw new Error(`expert ${expertId} is not assigned to bid ${bidId}`);
    return a.pseudonym;
  };
  return { roundId, pseudonym };
}

/** Insert a review round directly. */
export async function insertRound(
  t: App,
  challengeId: string,
  createdBy: string,
  over: Partial<{
    state: string;
    rebuttal: boolean;
    budgetFen: number;
    tieBreak: string;
    dueInDays: number;
  }> = {},
) {
  const row = await t.database.db
    .insertInto('review_round')
    .values({
      challenge_id: challengeId,
      state: over.state ?? 'reviewing',
      title_zh: '第一轮函评',
      title_en: 'First review round',
      rubric: JSON.stringify(RUBRIC),
      reviewers_per_item: 3,
      coi: JSON.stringify({ years: 3 }),
      rebuttal_allowed: over.rebuttal ?? true,
      due_at: new Date(t.clock.t + (over.dueInDays ?? 14) * 86_400_000),
      budget_fen: over.budgetFen ?? 900_000_000,
      tie_break: over.tieBreak ?? 'confidence',
      created_by: createdBy,
      created_at: t.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Insert assignments: for each bid, the experts in order get pseudonyms A, B, C…; `state` per pair. */
export async function insertAssignments(
  t: App,
  roundId: string,
  plan: { bidId: string; expertIds: string[]; states?: string[] }[],
) {
  const ids: Record<string, Record<string, string>> = {};
  for (const p of plan) {
    ids[p.bidId] = {};
    for (const [i, expertId] of p.expertIds.entries()) {
      const a = await t.database.db
        .insertInto('review_assignment')
        .values({
          round_id: roundId,
          bid_id: p.bidId,
          expert_id: expertId,
          pseudonym: String.fromCharCode(65 + i),
          state: p.states?.[i] ?? 'assigned',
          assigned_at: t.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids[p.bidId][expertId] = a.id;
    }
  }
  return ids;
}

/** A complete score sheet. */
export const buildSheet = (over: Record<string, unknown> = {}) => ({
  scores: { innovation: 4, feasibility: 3, team: 5 },
  confidence: 4,
  commentApplicant: '技术路线清楚，建议补充中试数据。',
  commentConfidential: '团队与某企业关系需核实。',
  ...over,
});

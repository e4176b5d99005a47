// Funding fixtures: a programme fund with an appropriation, and challenges taken to award so
// their task books can be funded.
import type { buildTestApp } from './app.ts';
import { type buildCast, publishedChallenge, submittedBid } from './challenges.ts';
import type { TestClient } from './client.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Cast = Awaited<ReturnType<typeof buildCast>>;

const DAY = 86_400_000;

export async function ok<T = any>(p: Promise<{ status: number; body: T }>): Promise<T> {
  const r = await p;
  if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A programme fund of the cast's agency holding `amountFen`. */
export async function programmeFund(cast: Cast, amountFen: number, nameZh = '东海省重点研发计划') {
  const f = await ok(
    cast.organizer.post('/api/funding/funds', {
      kind: 'programme',
      orgId: cast.agency.id,
      nameZh,
      nameEn: 'Key R&D',
      fiscalYear: 2026,
    }),
  );
  await ok(
    cast.organizer.post(`/api/funding/funds/${f.id}/appropriations`, { amountFen, memo: '2026 年度预算' }),
  );
  return f as { id: string };
}

/**
 * A challenge awarded to the given commanders (each bidding ¥4M with two milestones); returns the
 * challenge, the bids and the task book ids in the order of `commanders`. Moves the clock ~5 weeks.
 */
export async function awardedChallenge(
  t: App,
  cast: Cast,
  tag: string,
  commanders: TestClient[],
  overrides: Record<string, unknown> = {},
) {
  const { hostAdmin, organizer, proposer, university } = cast;
  const deadline = t.clock.t + 30 * DAY;
  const c = await publishedChallenge(cast, {
    titleZh: `高纯石英坩埚（${tag}）`,
    mode: commanders.length > 1 ? 'multiple' : 'single',
    winnerSlots: commanders.length,
    deadline: new Date(deadline).toISOString(),
    ...overrides,
  });
  const bids = [];
  for (const [i, who] of commanders.entries())
    bids.push(await submittedBid(who, hostAdmin, c, university.id, `fund-${tag}-${i}`));
  t.clock.t = deadline + DAY;
  await ok(organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {}));
  for (const b of bids) await ok(organizer.post(`/api/bids/${b.id}/actions/select`));
  await ok(organizer.post(`/api/challenges/${c.id}/actions/announce`, {}));
  t.clock.t += 6 * DAY;
  await ok(organizer.post(`/api/challenges/${c.id}/actions/award`, {}));
  const detail = await ok(proposer.get(`/api/challenges/${c.id}`));
  const books = detail.taskBooks as { id: string; bidId?: string }[];
  const taskBookIds: string[] = [];
  for (const b of bids) {
    for (const tb of books) {
      const full = await ok(proposer.get(`/api/task-books/${tb.id}`));
      if (full.bidId === b.id || full.bid?.id === b.id) taskBookIds.push(tb.id);
    }
  }
  if (taskBookIds.length !== bids.length) throw new Error(`task books not matched: ${JSON.stringify(books)}`);
  return { challenge: c, bids, taskBookIds };
}

export const lumpSum = (totalFen = 400_000_000) => ({ mode: 'lump_sum', totalFen });

export async function signTaskBook(cast: Cast, commander: TestClient, taskBookId: string) {
  await ok(commander.post(`/api/task-books/${taskBookId}/sign`));
  await ok(cast.proposer.post(`/api/task-books/${taskBookId}/sign`));
}

let n = 0;
/** A fresh Idempotency-Key. */
export const key = () => `test-key-${process.pid}-${++n}-${Math.random().toString(36).slice(2)}`;

export async function release(who: TestClient, awardId: string, no: number, k = key()) {
  return who.request(
    'POST',
    `/api/funding/awards/${awardId}/tranches/${no}/release`,
    {},
    { headers: { 'idempotency-key': k } },
  );
}

// Delivery tests: a challenge taken to an active task book, raw-body uploads, and a row count of
// the delivery tables that a refused request must leave unchanged.
import assert from 'node:assert/strict';
import { type buildTestApp, snapshotCounts } from './app.ts';
import { type buildCast, publishedChallenge, submittedBid } from './challenges.ts';
import type { TestClient } from './client.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
type Cast = Awaited<ReturnType<typeof buildCast>>;

export const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const DAY = 86_400_000;

export const ok = async <T = any>(p: Promise<{ status: number; body: T }>, what: string): Promise<T> => {
  const r = await p;
  assert.ok(r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** Takes a new challenge to award; the task book is returned unsigned. */
export async function awardedTaskBook(t: App, cast: Cast, tag: string): Promise<string> {
  const deadline = t.clock.t + 20 * DAY;
  const c = await publishedChallenge(cast, {
    titleZh: `交付测试 ${tag}`,
    deadline: new Date(deadline).toISOString(),
  });
  const b = await submittedBid(cast.solver1, cast.hostAdmin, c, cast.university.id, `delivery-${tag}`);
  t.clock.t = deadline + 3_600_000;
  await ok(cast.organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {}), 'close');
  await ok(cast.organizer.post(`/api/bids/${b.id}/actions/select`), 'select');
  await ok(cast.organizer.post(`/api/challenges/${c.id}/actions/announce`, {}), 'announce');
  t.clock.t += 6 * DAY;
  await ok(cast.organizer.post(`/api/challenges/${c.id}/actions/award`, {}), 'award');
  return (await cast.proposer.get(`/api/challenges/${c.id}`)).body.taskBooks[0].id as string;
}

/** A task book led by solver1, signed by the commander at `signAt` (if given) and by the proposer 90 minutes later. */
export async function activeTaskBook(t: App, cast: Cast, tag: string, signAt?: number) {
  const id = await awardedTaskBook(t, cast, tag);
  if (signAt) t.clock.t = signAt;
  await ok(cast.solver1.post(`/api/task-books/${id}/sign`), 'sign (commander)');
  t.clock.advanceMinutes(90);
  const book = await ok(cast.proposer.post(`/api/task-books/${id}/sign`), 'sign (proposer)');
  assert.equal(book.state, 'active');
  return book as { id: string; targets: { id: string; verifier: string; verifierName: string }[] };
}

/** POSTs a raw file body as the client (cookies and CSRF token). */
export const uploadAs = (c: TestClient, url: string, name: string, body: Buffer, type = 'application/pdf') =>
  c.app.inject({
    method: 'POST',
    url: `${url}?name=${encodeURIComponent(name)}`,
    headers: {
      cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': c.csrf,
      'content-type': type,
    },
    payload: body,
  });

/** Row counts of the foundation and delivery tables plus the audit head. */
export async function deliveryCounts(t: App) {
  const count = async (table: string) =>
    Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  return {
    ...(await snapshotCounts(t.database)),
    attachment: await count('attachment'),
    milestone_report: await count('milestone_report'),
    milestone_report_review: await count('milestone_report_review'),
    task_book_expert: await count('task_book_expert'),
    acceptance_judgement: await count('acceptance_judgement'),
    integrity_referral: await count('integrity_referral'),
  };
}

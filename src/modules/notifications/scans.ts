// Scheduled scans for due dates (the `notify.scan` job, hourly): reviews due within 3 days and
// overdue, milestone reports due from the award's reporting interval (report_every_months) and
// overdue, ethics reviews overdue, sanctions starting and ending. Each reminder's event key holds
// the due date, so a scan run any number of times, by any instance, tells each person once.
import { sql } from 'kysely';
import { t } from '../../i18n/messages.ts';
import { defineJob, type JobEnv } from '../../jobs/queue.ts';
import { notify } from './notifications.service.ts';

const DAY = 86_400_000;
export const REMIND_BEFORE_DAYS = 3;
const beijingDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** Adds calendar months in UTC (the award's reporting interval). */
export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

/** Reviews not submitted whose round is due within 3 days, or past due. */
async function scanReviews(env: JobEnv, now: Date): Promise<number> {
  const soon = new Date(now.getTime() + REMIND_BEFORE_DAYS * DAY);
  const rows = await sql<{
    round_id: string;
    bid_id: string;
    expert_id: string;
    due_at: Date;
    title_zh: string;
    title_en: string;
  }>`
    SELECT a.round_id, a.bid_id, a.expert_id, r.due_at, c.title_zh, c.title_en
    FROM review_assignment a
    JOIN review_round r ON r.id = a.round_id
    JOIN challenge c ON c.id = r.challenge_id
    LEFT JOIN review rv ON rv.assignment_id = a.id
    WHERE a.state = 'assigned' AND r.state IN ('assigning','reviewing')
      AND (rv.state IS NULL OR rv.state <> 'submitted') AND r.due_at <= ${soon}
    ORDER BY a.round_id, a.bid_id, a.expert_id`.execute(env.db);
  let n = 0;
  for (const r of rows.rows) {
    const overdue = r.due_at.getTime() <= now.getTime();
    n += await env.db.transaction().execute((tx) =>
      notify(tx, now, {
        kind: overdue ? 'review.overdue' : 'review.dueSoon',
        recipients: [r.expert_id],
        object: {
          type: 'review_item',
          id: `${r.round_id}:${r.bid_id}`,
          name: { zh: r.title_zh, en: r.title_en },
        },
        href: `/reviews/${r.round_id}/${r.bid_id}`,
        params: { due: beijingDate(r.due_at) },
        key: r.due_at.toISOString(),
      }),
    );
  }
  return n;
}

/**
 * Milestone reports: an active award reports every `report_every_months` from its creation; the
 * k-th due date is met once the task book has k reports (a late report still counts for the period
 * it was late for). Reminded 3 days before the due date, and once overdue.
 */
async function scanReports(env: JobEnv, now: Date): Promise<number> {
  const awards = await sql<{
    id: string;
    task_book_id: string;
    created_at: Date;
    report_every_months: number;
    commander_id: string;
    title_zh: string;
    title_en: string;
    reports: number;
  }>`
    SELECT a.id, a.task_book_id, a.created_at, a.report_every_months, b.commander_id, c.title_zh, c.title_en,
           (SELECT count(*)::int FROM milestone_report m WHERE m.task_book_id = a.task_book_id) AS reports
    FROM funding_award a
    JOIN bid b ON b.id = a.bid_id
    JOIN challenge c ON c.id = a.challenge_id
    WHERE a.state = 'active' AND a.report_every_months > 0
    ORDER BY a.id`.execute(env.db);
  let n = 0;
  for (const a of awards.rows) {
    // The first due date not yet past by more than a period: the one to remind about.
    let k = 1;
    while (addMonths(a.created_at, a.report_every_months * k).getTime() <= now.getTime()) k++;
    // Candidates: the latest past due date (overdue?) and the next one (due soon?).
    for (const kk of [k - 1, k]) {
      if (kk < 1) continue;
      const due = addMonths(a.created_at, a.report_every_months * kk);
      if (a.reports >= kk) continue;
      const overdue = due.getTime() <= now.getTime();
      if (!overdue && due.getTime() - now.getTime() > REMIND_BEFORE_DAYS * DAY) continue;
      n += await env.db.transaction().execute((tx) =>
        notify(tx, now, {
          kind: overdue ? 'milestone.overdue' : 'milestone.dueSoon',
          recipients: [a.commander_id],
          object: { type: 'task_book', id: a.task_book_id, name: { zh: a.title_zh, en: a.title_en } },
          href: `/task-books/${a.task_book_id}`,
          params: { due: beijingDate(due) },
          key: due.toISOString(),
        }),
      );
    }
  }
  return n;
}

/** Open ethics reviews past their due date: members who have not voted. */
async function scanEthics(env: JobEnv, now: Date): Promise<number> {
  const rows = await sql<{
    id: string;
    bid_id: string;
    due_at: Date;
    person_id: string;
    title_zh: string;
    title_en: string;
  }>`
    SELECT e.id, e.bid_id, e.due_at, m.person_id, c.title_zh, c.title_en
    FROM ethics_review e
    JOIN ethics_committee_member m ON m.committee_id = e.committee_id
    JOIN bid b ON b.id = e.bid_id
    JOIN challenge c ON c.id = b.challenge_id
    WHERE e.state = 'open' AND e.due_at <= ${now}
      AND NOT EXISTS (SELECT 1 FROM ethics_vote v WHERE v.review_id = e.id AND v.member_id = m.person_id)
    ORDER BY e.id, m.person_id`.execute(env.db);
  const by = new Map<string, { r: (typeof rows.rows)[number]; people: string[] }>();
  for (const r of rows.rows) {
    const g = by.get(r.id) ?? { r, people: [] };
    g.people.push(r.person_id);
    by.set(r.id, g);
  }
  let n = 0;
  for (const { r, people } of by.values())
    n += await env.db.transaction().execute((tx) =>
      notify(tx, now, {
        kind: 'ethics.overdue',
        recipients: people,
        object: { type: 'ethics_review', id: r.id, name: { zh: r.title_zh, en: r.title_en } },
        href: '/ethics',
        params: { due: beijingDate(r.due_at) },
        key: r.due_at.toISOString(),
      }),
    );
  return n;
}

/** Sanctions that have started (on or before today) and ended (before today), Beijing calendar. */
async function scanSanctions(env: JobEnv, now: Date): Promise<number> {
  const today = beijingDate(now);
  const rows = await sql<{
    id: string;
    person_id: string | null;
    org_id: string | null;
    starts_on: string;
    ends_on: string;
  }>`
    SELECT id, person_id, org_id, starts_on, ends_on FROM sanction
    WHERE starts_on <= ${today}::date AND ends_on >= (${today}::date - 7)
    ORDER BY id`.execute(env.db);
  let n = 0;
  for (const s of rows.rows) {
    const admins = s.org_id
      ? (
          await env.db
            .selectFrom('membership')
            .select('person_id')
            .where('org_id', '=', s.org_id)
            .where('role', '=', 'admin')
            .where('status', '=', 'active')
            .execute()
        ).map((m) => m.person_id)
      : [];
    const recipients = [s.person_id, ...admins];
    const ended = s.ends_on < today;
    n += await env.db.transaction().execute((tx) =>
      notify(tx, now, {
        kind: ended ? 'sanction.ended' : 'sanction.started',
        recipients,
        object: { type: 'sanction', id: s.id },
        href: '/integrity',
        params: { date: ended ? s.ends_on : s.starts_on },
      }),
    );
  }
  return n;
}

/** Every scan, with the application's clock. Returns how many people were newly told. */
export async function runScans(env: JobEnv): Promise<number> {
  const now = env.now();
  let n = 0;
  n += await scanReviews(env, now);
  n += await scanReports(env, now);
  n += await scanEthics(env, now);
  n += await scanSanctions(env, now);
  return n;
}

export const SCAN_JOB = 'notify.scan';
defineJob<Record<string, never>>({
  name: SCAN_JOB,
  title: t('notify.job.scan'),
  options: { retryLimit: 2, retryDelay: 60, retryBackoff: true },
  cron: '*/15 * * * *',
  async handle(_jobs, env) {
    await runScans(env);
  },
});

// "My tasks" of challenges, bids and delivery: team confirmations and pledge signatures (commander,
// host organisation's admins), bids ready to submit, challenges to vet and objections to answer
// (organizers of the vetting agency), milestone reports to judge (proposer's side, named experts)
// and task books to sign (proposer, commander). Bid work is listed only while bidding is open.
import { sql } from 'kysely';
import { t } from '../../i18n/messages.ts';
import { registerTaskSource, type TaskItem } from '../home/tasks.ts';
import './challenges.messages.ts';

/** The object's page when there is one, else the list where they all are. */
const hrefOf = (ids: string[], one: (id: string) => string, list: string) =>
  new Set(ids).size === 1 ? one(ids[0]) : list;

const earliest = (dates: (Date | null)[]) => {
  const ds = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return ds.length ? new Date(Math.min(...ds)).toISOString() : undefined;
};

const task = (kind: string, rows: { id: string }[], key: string, href: string, dueAt?: string): TaskItem[] =>
  rows.length
    ? [{ kind, count: rows.length, title: t(key, { count: rows.length }), href, ...(dueAt ? { dueAt } : {}) }]
    : [];

registerTaskSource(async (ctx) => {
  const { actor, db } = ctx;
  const now = ctx.now();
  const me = actor.personId;
  const orgsWith = (role: string) => actor.roles.filter((r) => r.role === role).map((r) => r.orgId);
  const [proposerOrgs, organizerOrgs, adminOrgs] = [
    orgsWith('proposer'),
    orgsWith('organizer'),
    orgsWith('admin'),
  ];
  const none = <T>() => Promise.resolve([] as T[]);

  // Draft bids on challenges still open for bids, with the bid's deadline.
  const openDrafts = () =>
    db
      .selectFrom('bid as b')
      .innerJoin('challenge as c', 'c.id', 'b.challenge_id')
      .select(['b.id', 'c.deadline'])
      .where('b.state', '=', 'draft')
      .where('c.state', '=', 'published')
      .where('c.deadline', '>', now);

  const [toConfirm, commanderSign, hostSign, ready, toVet, objections, reports, taskBooks] =
    await Promise.all([
      openDrafts()
        .innerJoin('bid_member as m', 'm.bid_id', 'b.id')
        .where('m.person_id', '=', me)
        .where('m.confirmed_at', 'is', null)
        .execute(),
      openDrafts()
        .where('b.commander_id', '=', me)
        .where('b.pledge_signed_commander_at', 'is', null)
        .execute(),
      adminOrgs.length
        ? openDrafts()
            .where('b.host_org_id', 'in', adminOrgs)
            .where('b.pledge_signed_host_at', 'is', null)
            .execute()
        : none<{ id: string; deadline: Date }>(),
      openDrafts()
        .where('b.commander_id', '=', me)
        .where('b.pledge_signed_commander_at', 'is not', null)
        .where('b.pledge_signed_host_at', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('bid_member as m')
                .select('m.bid_id')
                .whereRef('m.bid_id', '=', 'b.id')
                .where('m.confirmed_at', 'is', null),
            ),
          ),
        )
        .where(sql<boolean>`b.budget_fen <= c.budget_ceiling_fen`)
        .execute(),
      organizerOrgs.length
        ? db
            .selectFrom('challenge')
            .select(['id'])
            .where('state', '=', 'submitted')
            .where('organiser_org_id', 'in', organizerOrgs)
            .execute()
        : none<{ id: string }>(),
      organizerOrgs.length
        ? db
            .selectFrom('objection as o')
            .innerJoin('challenge as c', 'c.id', 'o.challenge_id')
            .select(['o.id', 'c.id as challenge_id', 'c.notice_ends_at'])
            .where('o.state', '=', 'open')
            .where('c.organiser_org_id', 'in', organizerOrgs)
            .execute()
        : none<{ id: string; challenge_id: string; notice_ends_at: Date | null }>(),
      // A pending report waits for the proposer's side until one of them gave a verdict, and for
      // each named expert until that expert gave theirs.
      db
        .selectFrom('milestone_report as r')
        .innerJoin('task_book as t', 't.id', 'r.task_book_id')
        .innerJoin('challenge as c', 'c.id', 't.challenge_id')
        .select(['r.id', 't.id as task_book_id'])
        .where('t.state', '=', 'active')
        .where('r.review_state', '=', 'pending')
        .where((eb) =>
          eb.or([
            eb.and([
              proposerOrgs.length ? eb('c.org_id', 'in', proposerOrgs) : eb.val(false),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('milestone_report_review as v')
                    .select('v.report_id')
                    .whereRef('v.report_id', '=', 'r.id')
                    .where('v.role', '!=', 'expert'),
                ),
              ),
            ]),
            eb.and([
              eb.exists(
                eb
                  .selectFrom('task_book_expert as x')
                  .select('x.person_id')
                  .whereRef('x.task_book_id', '=', 't.id')
                  .where('x.person_id', '=', me),
              ),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('milestone_report_review as v')
                    .select('v.report_id')
                    .whereRef('v.report_id', '=', 'r.id')
                    .where('v.reviewer_id', '=', me),
                ),
              ),
            ]),
          ]),
        )
        .execute(),
      db
        .selectFrom('task_book as t')
        .innerJoin('challenge as c', 'c.id', 't.challenge_id')
        .innerJoin('bid as b', 'b.id', 't.bid_id')
        .select(['t.id'])
        .where('t.state', '=', 'drafting')
        .where((eb) =>
          eb.or([
            eb.and([
              proposerOrgs.length ? eb('c.org_id', 'in', proposerOrgs) : eb.val(false),
              eb('t.signed_proposer_at', 'is', null),
            ]),
            eb.and([eb('b.commander_id', '=', me), eb('t.signed_commander_at', 'is', null)]),
          ]),
        )
        .execute(),
    ]);

  const bidHref = (rows: { id: string }[]) =>
    hrefOf(
      rows.map((r) => r.id),
      (id) => `/bids/${id}`,
      '/bids/mine',
    );
  const deadlineOf = (rows: { deadline: Date }[]) => earliest(rows.map((r) => r.deadline));
  const taskBookHref = (ids: string[]) => hrefOf(ids, (id) => `/task-books/${id}`, '/task-books');
  return [
    ...task(
      'bid.confirm',
      toConfirm,
      'challenges.task.confirmBid',
      bidHref(toConfirm),
      deadlineOf(toConfirm),
    ),
    ...task(
      'bid.sign_pledge_commander',
      commanderSign,
      'challenges.task.signPledgeCommander',
      bidHref(commanderSign),
      deadlineOf(commanderSign),
    ),
    ...task(
      'bid.sign_pledge_host',
      hostSign,
      'challenges.task.signPledgeHost',
      bidHref(hostSign),
      deadlineOf(hostSign),
    ),
    ...task('bid.submit', ready, 'challenges.task.submitBid', bidHref(ready), deadlineOf(ready)),
    ...task(
      'challenge.vet',
      toVet,
      'challenges.task.vet',
      hrefOf(
        toVet.map((c) => c.id),
        (id) => `/challenges/${id}`,
        '/challenges/mine?state=submitted',
      ),
    ),
    ...task(
      'objection.answer',
      objections,
      'challenges.task.answerObjections',
      hrefOf(
        objections.map((o) => o.challenge_id),
        (id) => `/challenges/${id}`,
        '/challenges/mine?state=notice',
      ),
      earliest(objections.map((o) => o.notice_ends_at)),
    ),
    ...task(
      'report.judge',
      reports,
      'challenges.task.judgeReports',
      taskBookHref(reports.map((r) => r.task_book_id)),
    ),
    ...task(
      'task_book.sign',
      taskBooks,
      'challenges.task.signTaskBooks',
      taskBookHref(taskBooks.map((x) => x.id)),
    ),
  ];
});

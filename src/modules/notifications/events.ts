// The events other modules emit, one call each inside their own transaction: each helper reads
// who is concerned by the object (only people who may read it) and its name in both languages,
// and records the notification. Recipients never learn more than the object's page shows them:
// no reviewer identity reaches an applicant (review events name the challenge only).
import { sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { NotificationKind } from './notifications.kinds.ts';
import { notify } from './notifications.service.ts';

const name = (r: { title_zh: string; title_en: string }) => ({ zh: r.title_zh, en: r.title_en });

async function activeWithRole(tx: Tx, orgId: string, role: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('membership')
    .select('person_id')
    .where('org_id', '=', orgId)
    .where('role', '=', role)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.person_id);
}

async function team(tx: Tx, bidId: string, confirmedOnly = true): Promise<string[]> {
  const b = await tx.selectFrom('bid').select('commander_id').where('id', '=', bidId).executeTakeFirst();
  let q = tx.selectFrom('bid_member').select('person_id').where('bid_id', '=', bidId);
  if (confirmedOnly) q = q.where('confirmed_at', 'is not', null);
  const members = await q.execute();
  return [b?.commander_id, ...members.map((m) => m.person_id)].filter((x): x is string => !!x);
}

async function challengeRow(tx: Tx, id: string) {
  return tx
    .selectFrom('challenge')
    .select(['id', 'title_zh', 'title_en', 'org_id', 'organiser_org_id', 'created_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Vetting and publication of a challenge; the announcement of its intended winners. */
export async function challengeNotice(
  tx: Tx,
  now: Date,
  kind: Extract<
    NotificationKind,
    | 'challenge.submitted'
    | 'challenge.returned'
    | 'challenge.rejected'
    | 'challenge.published'
    | 'bid.announced'
  >,
  challengeId: string,
  key?: string,
): Promise<void> {
  const c = await challengeRow(tx, challengeId);
  let recipients: string[];
  if (kind === 'challenge.submitted') recipients = await activeWithRole(tx, c.organiser_org_id, 'organizer');
  else if (kind === 'bid.announced') {
    const bids = await tx
      .selectFrom('bid')
      .select('id')
      .where('challenge_id', '=', challengeId)
      .where('state', 'in', ['submitted', 'selected'])
      .execute();
    recipients = (await Promise.all(bids.map((b) => team(tx, b.id)))).flat();
  } else recipients = [c.created_by];
  await notify(tx, now, {
    kind,
    recipients,
    object: { type: 'challenge', id: c.id, name: name(c) },
    href: `/challenges/${c.id}`,
    key,
  });
}

/** A bid's team (or its host's admins) is told what happened to the bid or what it waits for. */
export async function bidNotice(
  tx: Tx,
  now: Date,
  kind: Extract<
    NotificationKind,
    'bid.confirmRequested' | 'pledge.hostSignRequested' | 'bid.selected' | 'bid.awarded' | 'bid.notSelected'
  >,
  bidId: string,
): Promise<void> {
  const b = await tx
    .selectFrom('bid')
    .innerJoin('challenge', 'challenge.id', 'bid.challenge_id')
    .select(['bid.id', 'bid.host_org_id', 'bid.pledge_version', 'challenge.title_zh', 'challenge.title_en'])
    .where('bid.id', '=', bidId)
    .executeTakeFirstOrThrow();
  let recipients: string[];
  let key: string | undefined;
  if (kind === 'bid.confirmRequested') {
    const waiting = await tx
      .selectFrom('bid_member')
      .select('person_id')
      .where('bid_id', '=', bidId)
      .where('confirmed_at', 'is', null)
      .execute();
    recipients = waiting.map((m) => m.person_id);
  } else if (kind === 'pledge.hostSignRequested') {
    recipients = await activeWithRole(tx, b.host_org_id, 'admin');
    key = `v${b.pledge_version}`;
  } else recipients = await team(tx, bidId);
  await notify(tx, now, {
    kind,
    recipients,
    object: { type: 'bid', id: b.id, name: name(b) },
    href: `/bids/${b.id}`,
    key,
  });
}

/** An objection in the notice period: lodged (the organizers answer) or answered (the objector). */
export async function objectionNotice(
  tx: Tx,
  now: Date,
  kind: Extract<NotificationKind, 'objection.lodged' | 'objection.answered'>,
  objectionId: string,
): Promise<void> {
  const o = await tx
    .selectFrom('objection')
    .select(['id', 'challenge_id', 'raised_by'])
    .where('id', '=', objectionId)
    .executeTakeFirstOrThrow();
  const c = await challengeRow(tx, o.challenge_id);
  await notify(tx, now, {
    kind,
    recipients:
      kind === 'objection.lodged' ? await activeWithRole(tx, c.organiser_org_id, 'organizer') : [o.raised_by],
    object: { type: 'objection', id: o.id, name: name(c) },
    href: `/challenges/${c.id}`,
  });
}

async function taskBookRow(tx: Tx, id: string) {
  return tx
    .selectFrom('task_book')
    .innerJoin('challenge', 'challenge.id', 'task_book.challenge_id')
    .select([
      'task_book.id',
      'task_book.bid_id',
      'task_book.revision',
      'challenge.title_zh',
      'challenge.title_en',
      'challenge.created_by',
    ])
    .where('task_book.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A task book waits for signatures: the proposer's side and the commander. */
export async function taskBookSignNotice(tx: Tx, now: Date, taskBookId: string): Promise<void> {
  const tb = await taskBookRow(tx, taskBookId);
  const bid = await tx
    .selectFrom('bid')
    .select('commander_id')
    .where('id', '=', tb.bid_id)
    .executeTakeFirstOrThrow();
  await notify(tx, now, {
    kind: 'taskbook.signRequested',
    recipients: [tb.created_by, bid.commander_id],
    object: { type: 'task_book', id: tb.id, name: name(tb) },
    href: `/task-books/${tb.id}`,
    key: `r${tb.revision}`,
  });
}

/** A milestone report waits for verdicts: the proposer and every named expert of the task book. */
export async function reportVerdictNotice(
  tx: Tx,
  now: Date,
  taskBookId: string,
  reportId: string,
): Promise<void> {
  const tb = await taskBookRow(tx, taskBookId);
  const experts = await tx
    .selectFrom('task_book_expert')
    .select('person_id')
    .where('task_book_id', '=', taskBookId)
    .execute();
  await notify(tx, now, {
    kind: 'report.verdictRequested',
    recipients: [tb.created_by, ...experts.map((e) => e.person_id)],
    object: { type: 'milestone_report', id: reportId, name: name(tb) },
    href: `/task-books/${tb.id}`,
  });
}

/** A funding tranche was released: the team. */
export async function trancheNotice(
  tx: Tx,
  now: Date,
  awardId: string,
  no: number,
  amountFen: number,
): Promise<void> {
  const a = await tx
    .selectFrom('funding_award')
    .innerJoin('challenge', 'challenge.id', 'funding_award.challenge_id')
    .select(['funding_award.id', 'funding_award.bid_id', 'challenge.title_zh', 'challenge.title_en'])
    .where('funding_award.id', '=', awardId)
    .executeTakeFirstOrThrow();
  const yuan = (amountFen / 100).toLocaleString('zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  await notify(tx, now, {
    kind: 'tranche.released',
    recipients: await team(tx, a.bid_id),
    object: { type: 'funding_tranche', id: `${a.id}:${no}`, name: name(a) },
    href: `/funding/awards/${a.id}`,
    params: { amount: { zh: `¥${yuan}`, en: `CNY ${yuan}` } },
  });
}

/** Experts newly assigned to review items of a round (names the challenge, never the other reviewers). */
export async function reviewAssignedNotice(
  tx: Tx,
  now: Date,
  roundId: string,
  pairs: readonly { bidId: string; expertId: string }[],
): Promise<void> {
  if (pairs.length === 0) return;
  const r = await tx
    .selectFrom('review_round')
    .innerJoin('challenge', 'challenge.id', 'review_round.challenge_id')
    .select(['review_round.id', 'review_round.due_at', 'challenge.title_zh', 'challenge.title_en'])
    .where('review_round.id', '=', roundId)
    .executeTakeFirstOrThrow();
  const due = new Date(r.due_at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const p of pairs)
    await notify(tx, now, {
      kind: 'review.assigned',
      recipients: [p.expertId],
      object: { type: 'review_item', id: `${roundId}:${p.bidId}`, name: name(r) },
      href: `/reviews/${roundId}/${p.bidId}`,
      params: { due },
    });
}

/** An ethics review opened: the committee's members who may vote (never the bid's team). */
export async function ethicsVoteNotice(tx: Tx, now: Date, reviewId: string): Promise<void> {
  const e = await tx
    .selectFrom('ethics_review')
    .innerJoin('bid', 'bid.id', 'ethics_review.bid_id')
    .innerJoin('challenge', 'challenge.id', 'bid.challenge_id')
    .select([
      'ethics_review.id',
      'ethics_review.committee_id',
      'bid.id as bid_id',
      'challenge.title_zh',
      'challenge.title_en',
    ])
    .where('ethics_review.id', '=', reviewId)
    .executeTakeFirstOrThrow();
  const members = await tx
    .selectFrom('ethics_committee_member')
    .select('person_id')
    .where('committee_id', '=', e.committee_id)
    .execute();
  const teamIds = new Set(await team(tx, e.bid_id, false));
  await notify(tx, now, {
    kind: 'ethics.voteRequested',
    recipients: members.map((m) => m.person_id).filter((id) => !teamIds.has(id)),
    object: { type: 'ethics_review', id: e.id, name: name(e) },
    href: '/ethics',
  });
}

/** An integrity record: a finding entered, or its appeal decided. To the subject (or the org's admins). */
export async function integrityNotice(
  tx: Tx,
  now: Date,
  kind: Extract<NotificationKind, 'integrity.finding' | 'appeal.decided'>,
  recordId: string,
): Promise<void> {
  const r = await tx
    .selectFrom('integrity_record')
    .select(['id', 'subject_person_id', 'subject_org_id'])
    .where('id', '=', recordId)
    .executeTakeFirstOrThrow();
  const admins = r.subject_org_id ? await activeWithRole(tx, r.subject_org_id, 'admin') : [];
  await notify(tx, now, {
    kind,
    recipients: [r.subject_person_id, ...admins],
    object: { type: 'integrity_record', id: r.id },
    href: '/integrity',
  });
}

/** A race gate proposed (objections open) or final: every team still in the race. */
export async function raceGateNotice(
  tx: Tx,
  now: Date,
  kind: Extract<NotificationKind, 'race.gateProposed' | 'race.gateFinal'>,
  raceId: string,
  stageNo: number,
  gateId: string,
): Promise<void> {
  const race = await tx
    .selectFrom('race')
    .innerJoin('challenge', 'challenge.id', 'race.challenge_id')
    .select(['race.id', 'challenge.title_zh', 'challenge.title_en'])
    .where('race.id', '=', raceId)
    .executeTakeFirstOrThrow();
  const teams = await tx.selectFrom('race_team').select('bid_id').where('race_id', '=', raceId).execute();
  const people = (await Promise.all(teams.map((t) => team(tx, t.bid_id)))).flat();
  await notify(tx, now, {
    kind,
    recipients: people,
    object: { type: 'race_gate', id: gateId, name: name(race) },
    href: `/races/${raceId}`,
    params: { stage: stageNo },
  });
}

const CHALLENGE_NOTICES: Record<string, Parameters<typeof challengeNotice>[2]> = {
  submit: 'challenge.submitted',
  return: 'challenge.returned',
  reject: 'challenge.rejected',
  publish: 'challenge.published',
  announce: 'bid.announced',
};

/** The notice a challenge transition gives, if any (a resubmission or re-announcement tells again). */
export async function challengeActionNotice(
  tx: Tx,
  now: Date,
  action: string,
  challengeId: string,
): Promise<void> {
  const kind = CHALLENGE_NOTICES[action];
  if (kind) await challengeNotice(tx, now, kind, challengeId, now.toISOString());
}

/**
 * S&T commissioners: a dispatch offered (to the commissioner's account), declined (to the
 * dispatching agency's organizers and admins, who match it again), a visit logged (to the served
 * party who posted the demand, who confirms and rates it).
 */
export async function commissionerNotice(
  tx: Tx,
  now: Date,
  kind: Extract<
    NotificationKind,
    'commissioner.dispatched' | 'commissioner.declined' | 'commissioner.visitLogged'
  >,
  dispatchId: string,
  visit?: { id: string; date: string },
): Promise<void> {
  const x = await tx
    .selectFrom('commissioner_dispatch as x')
    .innerJoin('commissioner_demand as d', 'd.id', 'x.demand_id')
    .innerJoin('commissioner as c', 'c.id', 'x.commissioner_id')
    .select([
      'x.id',
      'd.id as demand_id',
      'd.title',
      'd.requester',
      'd.posted_by',
      'd.agency_org_id',
      'c.person_id',
      'c.name_zh',
      'c.name_en',
    ])
    .where('x.id', '=', dispatchId)
    .executeTakeFirstOrThrow();
  const commissioner = { zh: x.name_zh, en: x.name_en || x.name_zh };
  const object = { name: { zh: x.title, en: x.title } };
  if (kind === 'commissioner.dispatched')
    await notify(tx, now, {
      kind,
      recipients: [x.person_id],
      object: { type: 'commissioner_dispatch', id: x.id, ...object },
      href: `/commissioners/demands/${x.demand_id}`,
      params: { requester: x.requester },
    });
  else if (kind === 'commissioner.declined') {
    const staff = [
      ...(await activeWithRole(tx, x.agency_org_id, 'organizer')),
      ...(await activeWithRole(tx, x.agency_org_id, 'admin')),
    ];
    await notify(tx, now, {
      kind,
      recipients: staff,
      object: { type: 'commissioner_dispatch', id: x.id, ...object },
      href: '/commissioners/dispatch',
      params: { commissioner },
    });
  } else if (visit)
    await notify(tx, now, {
      kind,
      recipients: [x.posted_by],
      object: { type: 'commissioner_visit', id: visit.id, ...object },
      href: `/commissioners/demands/${x.demand_id}`,
      params: { commissioner, date: visit.date },
    });
}

/**
 * Shared instruments: a booking awaiting approval (to the instrument's manager), approved,
 * rejected or cancelled (to the booker; a booker's own cancellation to the manager), the fee of a
 * recorded use posted (to the booker, who may now rate it).
 */
export async function instrumentNotice(
  tx: Tx,
  now: Date,
  kind: Extract<
    NotificationKind,
    | 'instrument.bookingRequested'
    | 'instrument.bookingApproved'
    | 'instrument.bookingRejected'
    | 'instrument.bookingCancelled'
    | 'instrument.feePosted'
  >,
  bookingId: string,
  by: string,
  extra: { reason?: string; feeFen?: number } = {},
): Promise<void> {
  const b = await tx
    .selectFrom('instrument_booking as b')
    .innerJoin('instrument as i', 'i.id', 'b.instrument_id')
    .innerJoin('person as p', 'p.id', 'b.booker_id')
    .select([
      'b.id',
      'b.booker_id',
      sql<Date>`lower(b.during)`.as('start_at'),
      'i.manager_id',
      'i.name_zh',
      'i.name_en',
      'p.name_zh as booker_zh',
      'p.name_en as booker_en',
    ])
    .where('b.id', '=', bookingId)
    .executeTakeFirstOrThrow();
  const toManager =
    kind === 'instrument.bookingRequested' || (kind === 'instrument.bookingCancelled' && by === b.booker_id);
  await notify(tx, now, {
    kind,
    recipients: [toManager ? b.manager_id : b.booker_id].filter((r) => r !== by),
    object: { type: 'instrument_booking', id: b.id, name: { zh: b.name_zh, en: b.name_en || b.name_zh } },
    href: `/instruments/bookings/${b.id}`,
    params: {
      booker: { zh: b.booker_zh, en: b.booker_en || b.booker_zh },
      start: beijingMinute(new Date(b.start_at)),
      reason: extra.reason || '—',
      fee: extra.feeFen === undefined ? '' : yuanText(extra.feeFen),
    },
  });
}

/** '2026-12-11 09:00' in Beijing time (China has no daylight saving). */
const beijingMinute = (d: Date) =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Integer fen as '¥1,234.56', exactly. */
const yuanText = (fen: number) =>
  `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

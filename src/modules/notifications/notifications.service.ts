// Events → notifications. A service that changes state calls `notify(tx, now, event)` inside its
// own transaction: the notification rows (one per event key and recipient, unique) and the jobs
// that mail them commit with the change or not at all. Recipients read their inbox; mail is
// delivered by the `notify.deliver` job (mail.ts) according to each person's preferences.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import { forbidden, invalid, notFound } from '../../errors.ts';
import { offsetOf, type Page } from '../../http/paging.ts';
import { type Locale, nameIn } from '../../i18n/locale.ts';
import { type MessageParams, render, t } from '../../i18n/messages.ts';
import { enqueue } from '../../jobs/queue.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import { isKind, KIND_NAMES, KINDS, type NotificationKind } from './notifications.kinds.ts';
import './notifications.messages.ts';

type Db = Kysely<DB> | Tx;

export const DELIVER_JOB = 'notify.deliver';
/** Mails per delivery job: one job's batch shares one SMTP connection. */
export const MAILS_PER_JOB = 100;
const CHUNK = 2000;

export interface NotifyEvent {
  kind: NotificationKind;
  /** People to tell (duplicates and nulls are dropped). Only people allowed to read the object. */
  recipients: readonly (string | null | undefined)[];
  /** The object the event is about. */
  object: { type: string; id: string; name?: { zh: string | null; en: string | null } };
  /** The web page where the recipient acts. */
  href: string;
  /** Further title parameters (`{due}`, `{amount}`…); never anything the recipient may not read. */
  params?: MessageParams;
  /**
   * What makes this event distinct beyond kind and object, e.g. the due date of a reminder or a
   * version number: the same event key never notifies the same person twice.
   */
  key?: string;
}

const eventKey = (e: NotifyEvent) => `${e.kind}:${e.object.type}:${e.object.id}${e.key ? `:${e.key}` : ''}`;

/** The domain of MAIL_FROM, for stable Message-IDs. */
export function mailDomain(mailFrom: string): string {
  return /@([^>\s]+)/.exec(mailFrom)?.[1] ?? 'jiebang.local';
}

/**
 * Records the event for each recipient once (unique event key × recipient, so retries and a
 * second instance add nothing) and, in the same transaction, the mails and the jobs that send
 * them. Returns how many recipients were newly notified.
 */
export async function notify(tx: Tx, now: Date, e: NotifyEvent): Promise<number> {
  const recipients = [...new Set(e.recipients.filter((r): r is string => !!r))];
  if (recipients.length === 0) return 0;
  const key = eventKey(e);
  const params: MessageParams = { ...(e.params ?? {}) };
  if (e.object.name) params.object = e.object.name;
  const required = KINDS[e.kind].required;
  let created = 0;
  for (let i = 0; i < recipients.length; i += CHUNK) {
    const part = recipients.slice(i, i + CHUNK);
    // The mail mode comes from the person's preference for this kind (required kinds always mail).
    const inserted = await sql<{ id: string; recipient_id: string; mail_mode: string }>`
      INSERT INTO notification (event_key, recipient_id, kind, object_type, object_id, params, href, created_at, mail_mode)
      SELECT ${key}, r.id, ${e.kind}, ${e.object.type}, ${e.object.id}, ${JSON.stringify(params)}::jsonb, ${e.href}, ${now},
             CASE WHEN p.person_id IS NULL THEN 'immediate'
                  WHEN NOT p.enabled AND NOT ${required} THEN 'none'
                  ELSE p.mode END
      FROM unnest(${part}::uuid[]) AS r(id)
      LEFT JOIN notification_preference p ON p.person_id = r.id AND p.kind = ${e.kind}
      ORDER BY r.id
      ON CONFLICT (event_key, recipient_id) DO NOTHING
      RETURNING id, recipient_id, mail_mode`.execute(tx);
    created += inserted.rows.length;
    const immediate = inserted.rows.filter((r) => r.mail_mode === 'immediate');
    if (immediate.length > 0) {
      const mailIds = await queueMails(
        tx,
        immediate.map((r) => ({ notificationId: r.id, recipientId: r.recipient_id, mailKey: `n:${r.id}` })),
        now,
      );
      const jobs: { mailIds: string[] }[] = [];
      for (let j = 0; j < mailIds.length; j += MAILS_PER_JOB)
        jobs.push({ mailIds: mailIds.slice(j, j + MAILS_PER_JOB) });
      await enqueue(tx, DELIVER_JOB, jobs);
    }
  }
  return created;
}

let domainForIds = 'jiebang.local';
/** Set once at start from MAIL_FROM: Message-IDs are `<mail id@domain>`. */
export function setMailDomain(mailFrom: string): void {
  domainForIds = mailDomain(mailFrom);
}

/** Creates the mail rows (address and language from the profile) and links the notifications. */
export async function queueMails(
  tx: Tx,
  mails: { notificationId?: string; notificationIds?: string[]; recipientId: string; mailKey: string }[],
  now: Date,
): Promise<string[]> {
  if (mails.length === 0) return [];
  const ids = mails.map(() => randomUUID());
  const rows = await sql<{ id: string; mail_key: string }>`
    INSERT INTO mail_message (id, mail_key, recipient_id, to_address, locale, message_id, created_at)
    SELECT m.id, m.mail_key, p.id, p.email, p.locale, '<' || m.id || '@' || ${domainForIds} || '>', ${now}
    FROM unnest(${ids}::uuid[], ${mails.map((m) => m.mailKey)}::text[], ${mails.map((m) => m.recipientId)}::uuid[])
      AS m(id, mail_key, recipient_id)
    JOIN person p ON p.id = m.recipient_id
    ON CONFLICT (mail_key) DO NOTHING
    RETURNING id, mail_key`.execute(tx);
  const byKey = new Map(rows.rows.map((r) => [r.mail_key, r.id]));
  const link: { nid: string; mid: string }[] = [];
  for (const m of mails) {
    const mid = byKey.get(m.mailKey);
    if (!mid) continue;
    for (const nid of m.notificationIds ?? (m.notificationId ? [m.notificationId] : []))
      link.push({ nid, mid });
  }
  if (link.length > 0)
    await sql`
      UPDATE notification n SET mail_id = l.mid
      FROM unnest(${link.map((l) => l.nid)}::uuid[], ${link.map((l) => l.mid)}::uuid[]) AS l(nid, mid)
      WHERE n.id = l.nid`.execute(tx);
  return rows.rows.map((r) => r.id);
}

/**
 * Queues one mail written whole by its sender (subject and bodies in the recipient's language),
 * keyed `acct:…` so delivery sends it as stored; it never appears in the in-app inbox. The
 * delivery job is enqueued in the same transaction.
 */
export async function queueWrittenMail(
  tx: Tx,
  mail: { mailKey: string; recipientId: string; subject: string; text: string; html: string },
  now: Date,
): Promise<string> {
  const id = randomUUID();
  await sql`
    INSERT INTO mail_message (id, mail_key, recipient_id, to_address, locale, message_id, subject, text_body, html_body, created_at)
    SELECT ${id}::uuid, ${mail.mailKey}, p.id, p.email, p.locale, '<' || ${id} || '@' || ${domainForIds} || '>',
           ${mail.subject}, ${mail.text}, ${mail.html}, ${now}
    FROM person p WHERE p.id = ${mail.recipientId}`.execute(tx);
  await enqueue(tx, DELIVER_JOB, [{ mailIds: [id] }]);
  return id;
}

// ——— The inbox ———

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  href: string;
  createdAt: string;
  read: boolean;
}

export function titleOf(row: { kind: string; params: unknown }, locale: Locale): string {
  return render(t(`notify.${row.kind}`, row.params as MessageParams), locale);
}

export async function listInbox(
  ctx: Ctx,
  q: { page: number; pageSize: number; kind?: string; unread?: boolean },
): Promise<Page<NotificationView>> {
  const actor = requireActor(ctx.actor);
  let base = ctx.db.selectFrom('notification').where('recipient_id', '=', actor.personId);
  if (q.kind) base = base.where('kind', '=', q.kind);
  if (q.unread) base = base.where('read_at', 'is', null);
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(q.pageSize)
      .offset(offsetOf(q))
      .execute(),
  ]);
  const locale = ctx.locale ?? 'zh-CN';
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: titleOf(r, locale),
      href: r.href,
      createdAt: r.created_at.toISOString(),
      read: r.read_at !== null,
    })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function unreadCount(ctx: Ctx): Promise<number> {
  if (!ctx.actor) return 0;
  const r = await ctx.db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_id', '=', ctx.actor.personId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the actor's notifications read (idempotent). */
export async function markRead(ctx: Ctx, id: string): Promise<{ read: true }> {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('notification')
      .select(['id', 'read_at'])
      .where('id', '=', id)
      .where('recipient_id', '=', actor.personId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound(t('notify.notFound'));
    if (row.read_at === null) {
      await tx.updateTable('notification').set({ read_at: now }).where('id', '=', id).execute();
      await recordAudit(tx, actor, now, {
        action: 'notification.read',
        objectType: 'notification',
        objectId: id,
        after: { read: true },
      });
    }
    return { read: true as const };
  });
}

/** Marks every unread notification of the actor read; returns how many. */
export async function markAllRead(ctx: Ctx, kind?: string): Promise<{ count: number }> {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    let q = tx
      .updateTable('notification')
      .set({ read_at: now })
      .where('recipient_id', '=', actor.personId)
      .where('read_at', 'is', null);
    if (kind) q = q.where('kind', '=', kind);
    const r = await q.executeTakeFirst();
    const count = Number(r.numUpdatedRows);
    await recordAudit(tx, actor, now, {
      action: 'notification.read_all',
      objectType: 'person',
      objectId: actor.personId,
      after: { count, kind: kind ?? null },
    });
    return { count };
  });
}

// ——— Preferences ———

export interface PreferenceView {
  kind: NotificationKind;
  required: boolean;
  enabled: boolean;
  mode: 'immediate' | 'digest';
}

export async function preferencesOf(db: Db, personId: string): Promise<PreferenceView[]> {
  const rows = await db
    .selectFrom('notification_preference')
    .selectAll()
    .where('person_id', '=', personId)
    .execute();
  const by = new Map(rows.map((r) => [r.kind, r]));
  return KIND_NAMES.map((kind) => {
    const r = by.get(kind);
    const required = KINDS[kind].required;
    return {
      kind,
      required,
      enabled: required ? true : (r?.enabled ?? true),
      mode: (r?.mode ?? 'immediate') as 'immediate' | 'digest',
    };
  });
}

export async function getPreferences(ctx: Ctx): Promise<PreferenceView[]> {
  return preferencesOf(ctx.db, requireActor(ctx.actor).personId);
}

async function savePreference(
  tx: Tx,
  personId: string,
  now: Date,
  p: { kind: string; enabled: boolean; mode: 'immediate' | 'digest' },
) {
  await tx
    .insertInto('notification_preference')
    .values({ person_id: personId, kind: p.kind, enabled: p.enabled, mode: p.mode, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['person_id', 'kind']).doUpdateSet({ enabled: p.enabled, mode: p.mode, updated_at: now }),
    )
    .execute();
}

export async function setPreferences(
  ctx: Ctx,
  items: { kind: string; enabled: boolean; mode: 'immediate' | 'digest' }[],
): Promise<PreferenceView[]> {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  items.forEach((p, i) => {
    if (!isKind(p.kind)) throw invalid(`items.${i}.kind`, t('notify.unknownKind', { kind: p.kind }));
    if (KINDS[p.kind].required && !p.enabled) throw invalid(`items.${i}.enabled`, t('notify.requiredKind'));
  });
  await ctx.db.transaction().execute(async (tx) => {
    for (const p of items) await savePreference(tx, actor.personId, now, p);
    await recordAudit(tx, actor, now, {
      action: 'notification.preferences',
      objectType: 'person',
      objectId: actor.personId,
      after: { items },
    });
  });
  return preferencesOf(ctx.db, actor.personId);
}

// ——— One-click unsubscribe: a signed token, no session ———

function sign(secret: string, personId: string, kind: string): string {
  return createHmac('sha256', secret).update(`unsubscribe\n${personId}\n${kind}`).digest('base64url');
}

export function unsubscribeToken(secret: string, personId: string, kind: string): string {
  return `${personId}.${kind}.${sign(secret, personId, kind)}`;
}

/** Verifies the token and switches that kind's e-mail off (required kinds stay on). */
export async function unsubscribe(
  db: Kysely<DB>,
  secret: string,
  token: string,
  now: Date,
): Promise<{ ok: boolean; kind?: string }> {
  // person id . kind (which has dots itself) . signature
  const parts = token.split('.');
  const personId = parts[0];
  const mac = parts.length >= 3 ? parts[parts.length - 1] : '';
  const kind = parts.slice(1, -1).join('.');
  if (!personId || !kind || !mac || !isKind(kind) || KINDS[kind].required) return { ok: false };
  const want = Buffer.from(sign(secret, personId, kind));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return { ok: false };
  if (!/^[0-9a-f-]{36}$/.test(personId)) return { ok: false };
  const person = await db.selectFrom('person').select('id').where('id', '=', personId).executeTakeFirst();
  if (!person) return { ok: false };
  await db.transaction().execute(async (tx) => {
    const current = await tx
      .selectFrom('notification_preference')
      .select('mode')
      .where('person_id', '=', personId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    await savePreference(tx, personId, now, {
      kind,
      enabled: false,
      mode: (current?.mode ?? 'immediate') as 'immediate' | 'digest',
    });
    await recordAudit(tx, personId, now, {
      action: 'notification.unsubscribe',
      objectType: 'person',
      objectId: personId,
      after: { kind, enabled: false },
    });
  });
  return { ok: true, kind };
}

/** The secret that signs unsubscribe links: made once, kept in the database. */
export async function unsubscribeSecret(db: Kysely<DB>): Promise<string> {
  await db
    .insertInto('app_setting')
    .values({ key: 'unsubscribe_secret', value: randomUUID() + randomUUID() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('app_setting')
    .select('value')
    .where('key', '=', 'unsubscribe_secret')
    .executeTakeFirstOrThrow();
  return row.value;
}

// ——— The outbox (admin) ———

export function requireAdmin(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (!isPlatformAdmin(a)) throw forbidden(t('notify.adminOnly'));
  return a;
}

export async function listOutbox(ctx: Ctx, q: { page: number; pageSize: number; state?: string }) {
  requireAdmin(ctx.actor);
  let base = ctx.db.selectFrom('mail_message');
  if (q.state) base = base.where('state', '=', q.state);
  const [{ n }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .innerJoin('person', 'person.id', 'mail_message.recipient_id')
      .select([
        'mail_message.id',
        'mail_message.to_address',
        'mail_message.subject',
        'mail_message.state',
        'mail_message.locale',
        'mail_message.attempts',
        'mail_message.created_at',
        'mail_message.sent_at',
        'mail_message.last_error',
        'person.name_zh',
        'person.name_en',
      ])
      .orderBy('mail_message.created_at', 'desc')
      .orderBy('mail_message.id')
      .limit(q.pageSize)
      .offset(offsetOf(q))
      .execute(),
  ]);
  const locale = ctx.locale ?? 'zh-CN';
  return {
    items: rows.map((r) => ({
      id: r.id,
      to: r.to_address,
      recipient: nameIn(locale, r.name_zh, r.name_en),
      subject: r.subject,
      state: r.state,
      locale: r.locale,
      attempts: r.attempts,
      createdAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      error: r.last_error,
    })),
    total: Number(n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getOutboxMessage(ctx: Ctx, id: string) {
  requireAdmin(ctx.actor);
  const r = await ctx.db.selectFrom('mail_message').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(t('notify.mailNotFound'));
  return {
    id: r.id,
    to: r.to_address,
    subject: r.subject,
    state: r.state,
    locale: r.locale,
    messageId: r.message_id,
    text: r.text_body,
    html: r.html_body,
    createdAt: r.created_at.toISOString(),
    sentAt: r.sent_at?.toISOString() ?? null,
    error: r.last_error,
  };
}

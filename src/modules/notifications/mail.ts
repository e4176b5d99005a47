// Mail delivery: the `notify.deliver` job renders each queued mail in its recipient's language
// (text and HTML) and sends it through SMTP (SMTP_URL) — or, with no SMTP server configured,
// keeps it in the outbox the admin reads. Exactly once as far as SMTP allows: a mail is claimed
// (state 'sending') before sending and marked 'sent' only after the server's 250; a crash between
// the 250 and the mark leaves it 'sending', and once the claim is stale the retried job sends it
// again with the same Message-ID (the SMTP window, ARCHITECTURE.md). `notify.digest` gathers the
// notifications of people who chose a daily digest into one mail each.
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config.ts';
import type { Locale } from '../../i18n/locale.ts';
import { nameIn } from '../../i18n/locale.ts';
import { render, t } from '../../i18n/messages.ts';
import { defineJob, enqueue, type JobEnv } from '../../jobs/queue.ts';
import { KINDS, type NotificationKind } from './notifications.kinds.ts';
import {
  DELIVER_JOB,
  MAILS_PER_JOB,
  queueMails,
  titleOf,
  unsubscribeSecret,
  unsubscribeToken,
} from './notifications.service.ts';

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let tr = transports.get(url);
  if (!tr) {
    // Pooled connections: a batch speaks one SMTP session instead of one per message.
    tr = nodemailer.createTransport({ url, pool: true, maxConnections: 4, maxMessages: 1000 });
    transports.set(url, tr);
  }
  return tr;
}

/** Closes pooled SMTP connections (server stop). */
export function closeTransports(): void {
  for (const tr of transports.values()) tr.close();
  transports.clear();
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface Rendered {
  subject: string;
  text: string;
  html: string;
  unsubscribeUrl?: string;
}

interface Item {
  kind: string;
  params: unknown;
  href: string;
}

/** One mail in `locale`: one notification, or a digest of several. */
export function renderMail(
  locale: Locale,
  recipientName: string,
  items: Item[],
  links: { publicUrl: string; unsubscribeUrl?: string },
): Rendered {
  const url = (href: string) => `${links.publicUrl}${href}`;
  const greeting = render(t('notify.mail.greeting', { name: recipientName }), locale);
  const single = items.length === 1;
  const titles = items.map((i) => titleOf(i, locale));
  const subject = single
    ? `${locale === 'en' ? 'Jiebang' : '揭榜平台'}: ${titles[0]}`
    : render(t('notify.mail.digestSubject', { count: items.length }), locale);
  const required = single && KINDS[items[0].kind as NotificationKind]?.required;
  const footer: string[] = [];
  const footerHtml: string[] = [];
  if (required) {
    const s = render(t('notify.mail.required'), locale);
    footer.push(s);
    footerHtml.push(escapeHtml(s));
  } else if (links.unsubscribeUrl) {
    const s = render(t('notify.mail.unsubscribe'), locale);
    footer.push(`${s} ${links.unsubscribeUrl}`);
    footerHtml.push(
      `${escapeHtml(s)} <a href="${escapeHtml(links.unsubscribeUrl)}">${escapeHtml(links.unsubscribeUrl)}</a>`,
    );
  }
  const prefs = render(t('notify.mail.preferences'), locale);
  footer.push(`${prefs} ${url('/notifications/preferences')}`);
  footerHtml.push(
    `${escapeHtml(prefs)} <a href="${escapeHtml(url('/notifications/preferences'))}">${escapeHtml(url('/notifications/preferences'))}</a>`,
  );
  const act = render(t('notify.mail.act'), locale);
  const intro = single ? '' : render(t('notify.mail.digestIntro'), locale);
  const text = [
    greeting,
    '',
    ...(single
      ? [titles[0], '', act, url(items[0].href)]
      : [intro, '', ...items.flatMap((it, k) => [`• ${titles[k]}`, `  ${url(it.href)}`])]),
    '',
    '—',
    ...footer,
  ].join('\n');
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const body = single
    ? `<p>${escapeHtml(titles[0])}</p><p>${escapeHtml(act)} <a href="${escapeHtml(url(items[0].href))}">${escapeHtml(url(items[0].href))}</a></p>`
    : `<p>${escapeHtml(intro)}</p><ul>${items
        .map((it, k) => `<li><a href="${escapeHtml(url(it.href))}">${escapeHtml(titles[k])}</a></li>`)
        .join('')}</ul>`;
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body><p>${escapeHtml(greeting)}</p>${body}<hr><p style="color:#666;font-size:12px">${footerHtml.join('<br>')}</p></body></html>`;
  return { subject, text, html, unsubscribeUrl: required ? undefined : links.unsubscribeUrl };
}

interface Claimed {
  id: string;
  mail_key: string;
  recipient_id: string;
  to_address: string;
  locale: string;
  message_id: string;
  attempts: number;
  subject: string;
  text_body: string;
  html_body: string;
}

/**
 * Mails written whole when queued (an account's password-reset link): keyed 'acct:…', their
 * subject and bodies are stored with them and sent as they are; they carry no notification.
 */
export const PRERENDERED_KEY_PREFIX = 'acct:';

const MAX_ATTEMPTS = 8;

/** Claims the job's mails for sending: queued, or claimed so long ago that their sender must have died. */
async function claim(env: JobEnv, ids: string[]): Promise<Claimed[]> {
  const now = env.now();
  const stale = new Date(now.getTime() - env.config.jobExpireSeconds * 1000);
  const r = await sql<Claimed>`
    UPDATE mail_message SET state = 'sending', attempts = attempts + 1, claimed_at = ${now}
    WHERE id = ANY(${ids}::uuid[]) AND (state = 'queued' OR (state = 'sending' AND claimed_at < ${stale}))
    RETURNING id, mail_key, recipient_id, to_address, locale, message_id, attempts, subject, text_body, html_body`.execute(
    env.db,
  );
  return r.rows;
}

/** The notifications each claimed mail carries, keyed by mail. */
async function itemsOfMails(env: JobEnv, mails: Claimed[]): Promise<Map<string, Item[]>> {
  // A single notification's mail is keyed 'n:<notification id>': found by primary key, which the
  // planner always prices right; a digest's notifications through notification.mail_id.
  const single = new Map<string, string>();
  const digests: string[] = [];
  for (const m of mails) {
    if (m.mail_key.startsWith('n:')) single.set(m.mail_key.slice(2), m.id);
    else if (!m.mail_key.startsWith(PRERENDERED_KEY_PREFIX)) digests.push(m.id);
  }
  const cols = ['id', 'mail_id', 'kind', 'params', 'href'] as const;
  const [singles, digested] = await Promise.all([
    single.size
      ? env.db
          .selectFrom('notification')
          .select(cols)
          .where('id', 'in', [...single.keys()])
          .execute()
      : [],
    digests.length
      ? env.db
          .selectFrom('notification')
          .select(cols)
          .where('mail_id', 'in', digests)
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      : [],
  ]);
  const out = new Map<string, Item[]>();
  for (const n of singles) out.set(single.get(n.id)!, [n]);
  for (const n of digested) out.set(n.mail_id!, [...(out.get(n.mail_id!) ?? []), n]);
  return out;
}

/** Renders every claimed mail: three queries for the whole batch (recipients, notifications). */
async function contentsOf(env: JobEnv, mails: Claimed[], secret: string): Promise<Map<string, Rendered>> {
  const [people, itemsOf] = await Promise.all([
    env.db
      .selectFrom('person')
      .select(['id', 'name_zh', 'name_en'])
      .where('id', 'in', [...new Set(mails.map((m) => m.recipient_id))])
      .execute(),
    itemsOfMails(env, mails),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const out = new Map<string, Rendered>();
  for (const m of mails) {
    if (m.mail_key.startsWith(PRERENDERED_KEY_PREFIX)) {
      out.set(m.id, { subject: m.subject, text: m.text_body, html: m.html_body });
      continue;
    }
    const locale: Locale = m.locale === 'en' ? 'en' : 'zh-CN';
    const mine = itemsOf.get(m.id) ?? [];
    const single = mine.length === 1 ? mine[0] : undefined;
    const unsubscribeUrl =
      single && !KINDS[single.kind as NotificationKind]?.required
        ? `${env.config.publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(
            unsubscribeToken(secret, m.recipient_id, single.kind),
          )}`
        : undefined;
    const p = person.get(m.recipient_id)!;
    out.set(
      m.id,
      renderMail(locale, nameIn(locale, p.name_zh, p.name_en), mine, {
        publicUrl: env.config.publicUrl,
        unsubscribeUrl,
      }),
    );
  }
  return out;
}

/** How many mails of a batch are handed to the SMTP pool at once. */
const IN_FLIGHT = 8;

/** Sends (or keeps in the outbox) each mail; throws at the end if any must be retried. */
export async function deliverMails(
  env: JobEnv,
  mailIds: string[],
): Promise<{ sent: number; failed: number }> {
  const claimed = await claim(env, mailIds); // the rest: sent already, or another worker holds them
  if (claimed.length === 0) {
    await notHeldElsewhere(env, mailIds, claimed);
    return { sent: 0, failed: 0 };
  }
  const secret = await unsubscribeSecret(env.db);
  const config: Config = env.config;
  const contents = await contentsOf(env, claimed, secret);
  if (!config.smtpUrl) {
    // No SMTP server: every mail goes to the admin's outbox, in one statement.
    const c = claimed.map((m) => contents.get(m.id)!);
    await sql`
      UPDATE mail_message AS m SET state = 'outbox', subject = v.subject, text_body = v.text_body, html_body = v.html_body
      FROM unnest(${claimed.map((m) => m.id)}::uuid[], ${c.map((x) => x.subject)}::text[],
                  ${c.map((x) => x.text)}::text[], ${c.map((x) => x.html)}::text[])
           AS v(id, subject, text_body, html_body)
      WHERE m.id = v.id`.execute(env.db);
    return { sent: claimed.length, failed: 0 };
  }
  let sent = 0;
  let failed = 0;
  const sendOne = async (m: Claimed) => {
    const c = contents.get(m.id)!;
    const store = { subject: c.subject, text_body: c.text, html_body: c.html };
    try {
      const info = await transportFor(config.smtpUrl!).sendMail({
        from: config.mailFrom,
        to: m.to_address,
        subject: c.subject,
        text: c.text,
        html: c.html,
        messageId: m.message_id,
        headers: c.unsubscribeUrl
          ? {
              'List-Unsubscribe': `<${c.unsubscribeUrl}>`,
              'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            }
          : {},
      });
      // Only now, after the server's 250, is the mail sent.
      await env.db
        .updateTable('mail_message')
        .set({ ...store, state: 'sent', sent_at: env.now(), smtp_response: String(info.response ?? '') })
        .where('id', '=', m.id)
        .execute();
      sent++;
    } catch (e) {
      failed++;
      await env.db
        .updateTable('mail_message')
        .set({
          state: m.attempts >= MAX_ATTEMPTS ? 'failed' : 'queued',
          last_error: (e as Error).message.slice(0, 500),
        })
        .where('id', '=', m.id)
        .execute();
    }
  };
  for (let i = 0; i < claimed.length; i += IN_FLIGHT)
    await Promise.all(claimed.slice(i, i + IN_FLIGHT).map(sendOne));
  if (failed > 0)
    throw new Error(`${failed} of ${mailIds.length} mails not accepted by the SMTP server; retrying`);
  await notHeldElsewhere(env, mailIds, claimed);
  return { sent, failed };
}

/**
 * The job may complete only when none of its mails is still claimed by another worker: a job's
 * expiry runs from its fetch, a mail's claim from its claiming, so a retried job can find mails
 * whose worker died moments ago and whose claim is not stale yet. Completing then would strand
 * them; failing retries the job after its delay, when the claim is stale and the mail is sent.
 */
async function notHeldElsewhere(env: JobEnv, mailIds: string[], claimed: Claimed[]): Promise<void> {
  const mine = claimed.map((m) => m.id);
  const r = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM mail_message
    WHERE id = ANY(${mailIds}::uuid[]) AND state = 'sending' AND NOT (id = ANY(${mine}::uuid[]))`.execute(
    env.db,
  );
  const held = r.rows[0]?.n ?? 0;
  if (held > 0) throw new Error(`${held} of ${mailIds.length} mails claimed by another worker; retrying`);
}

defineJob<{ mailIds: string[] }>({
  name: DELIVER_JOB,
  title: t('notify.job.deliver'),
  options: { retryLimit: 10, retryDelay: 30, retryBackoff: true },
  batchSize: 4,
  async handle(jobs, env) {
    const errors: string[] = [];
    for (const j of jobs) {
      try {
        await deliverMails(env, j.data.mailIds);
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    if (errors.length) throw new Error(errors.join('; '));
  },
});

/** Gathers every digest-mode notification not yet mailed into one mail per person. */
export async function runDigest(env: JobEnv): Promise<number> {
  const now = env.now();
  const day = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const rows = await env.db
    .selectFrom('notification')
    .select(['id', 'recipient_id'])
    .where('mail_mode', '=', 'digest')
    .where('mail_id', 'is', null)
    .orderBy('recipient_id')
    .orderBy('created_at')
    .execute();
  if (rows.length === 0) return 0;
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.recipient_id, [...(by.get(r.recipient_id) ?? []), r.id]);
  const mailIds = await env.db.transaction().execute(async (tx) => {
    const ids = await queueMails(
      tx,
      [...by].map(([recipientId, notificationIds]) => ({
        recipientId,
        notificationIds,
        mailKey: `digest:${recipientId}:${day}`,
      })),
      now,
    );
    const jobs: { mailIds: string[] }[] = [];
    for (let j = 0; j < ids.length; j += MAILS_PER_JOB)
      jobs.push({ mailIds: ids.slice(j, j + MAILS_PER_JOB) });
    await enqueue(tx, DELIVER_JOB, jobs);
    return ids;
  });
  return mailIds.length;
}

export const DIGEST_JOB = 'notify.digest';
defineJob<Record<string, never>>({
  name: DIGEST_JOB,
  title: t('notify.job.digest'),
  options: { retryLimit: 3, retryDelay: 60, retryBackoff: true },
  // 08:00 Beijing time.
  cron: '0 0 * * *',
  async handle(_jobs, env) {
    await runDigest(env);
  },
});

// Notifications: one per (event, recipient); the inbox (paged, by kind, unread count, mark read);
// mail through a real SMTP server in the recipient's language with a link to act and a stable
// Message-ID, marked sent only after the 250; preferences (off, digest; required kinds stay on);
// one-click unsubscribe by signed token; the outbox when no SMTP server is configured.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Tx } from '../../src/app/context.ts';
import { loadConfig } from '../../src/config.ts';
import type { JobEnv } from '../../src/jobs/queue.ts';
import { deliverMails, runDigest } from '../../src/modules/notifications/mail.ts';
import { type NotifyEvent, notify } from '../../src/modules/notifications/notifications.service.ts';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { rawHeader, type SmtpSink, startSmtpSink } from '../support/smtp.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

async function person(t: App, email: string, nameZh: string, locale: 'zh-CN' | 'en') {
  const c = t.client();
  const r = await c.register(email, 'correct horse battery', nameZh);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  await c.login(email);
  await c.put('/api/profile/locale', { locale });
  return Object.assign(c, { id: r.body.id as string });
}

const challengeEvent = (recipients: string[], id = '11111111-1111-4111-8111-111111111111'): NotifyEvent => ({
  kind: 'challenge.published',
  recipients,
  object: { type: 'challenge', id, name: { zh: '高纯石英坩埚', en: 'Quartz crucible' } },
  href: `/challenges/${id}`,
});

for (const kind of backends()) {
  describe(`notifications with SMTP (${kind})`, () => {
    let t: App;
    let smtp: SmtpSink;
    const emit = (e: NotifyEvent) =>
      t.database.db.transaction().execute((tx: Tx) => notify(tx, t.clock.now(), e));
    before(async () => {
      smtp = await startSmtpSink();
      t = await buildTestApp(kind, {
        SMTP_URL: smtp.url,
        MAIL_FROM: 'Jiebang <noreply@jiebang.test>',
        PUBLIC_URL: 'https://jiebang.test',
        JOB_POLL_SECONDS: '0.5',
      });
    });
    after(async () => {
      await t.close();
      await smtp.close();
    });

    test('one event notifies each recipient once, in the inbox and by mail in their language', async () => {
      const zh = await person(t, 'zh@example.cn', '王芳', 'zh-CN');
      const en = await person(t, 'en@example.cn', '李雷', 'en');
      assert.equal(await emit(challengeEvent([zh.id, en.id, zh.id])), 2);
      // The same event again (a retry, another instance): nobody is told twice.
      assert.equal(await emit(challengeEvent([zh.id, en.id])), 0);

      const inbox = await zh.get('/api/notifications');
      assert.equal(inbox.status, 200);
      assert.equal(inbox.body.total, 1);
      assert.equal(inbox.body.items[0].title, '榜单“高纯石英坩埚”已发布');
      assert.equal(inbox.body.items[0].read, false);
      assert.equal(
        (await en.get('/api/notifications')).body.items[0].title,
        'The challenge “Quartz crucible” is published',
      );
      assert.deepEqual((await zh.get('/api/notifications/unread-count')).body, { count: 1 });

      const [toZh] = await smtp.waitFor('zh@example.cn');
      const [toEn] = await smtp.waitFor('en@example.cn');
      assert.match(toZh.subject ?? '', /高纯石英坩埚/);
      assert.match(toEn.subject ?? '', /Quartz crucible/);
      assert.match(toZh.text ?? '', /王芳，您好/);
      assert.match(toEn.text ?? '', /Dear 李雷/);
      assert.ok(
        (toZh.text ?? '').includes('https://jiebang.test/challenges/11111111-1111-4111-8111-111111111111'),
      );
      assert.ok(String(toEn.html).includes('href="https://jiebang.test/challenges/'));
      assert.match(rawHeader(toZh, 'List-Unsubscribe'), /\/api\/notifications\/unsubscribe\?token=/);
      assert.equal(rawHeader(toZh, 'List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click');
      // Marked sent with the server's answer (just after it), under the Message-ID the mail carried.
      const marked = async () =>
        (
          await t.database.pool.query(
            `SELECT state, message_id, smtp_response, to_address FROM mail_message ORDER BY to_address`,
          )
        ).rows;
      let rows = await marked();
      for (let i = 0; i < 50 && rows.some((r) => r.state !== 'sent'); i++) {
        await new Promise((r) => setTimeout(r, 100));
        rows = await marked();
      }
      assert.deepEqual(
        rows.map((r) => r.state),
        ['sent', 'sent'],
      );
      assert.equal(rows[0].message_id, toEn.messageId ? `<${toEn.messageId.replace(/^<|>$/g, '')}>` : '');
      assert.match(rows[0].smtp_response, /^250/);
    });

    test('inbox: filter by kind, page, mark one read, mark all read', async () => {
      const p = await person(t, 'reader@example.cn', '读者', 'zh-CN');
      for (let i = 0; i < 3; i++)
        await emit(challengeEvent([p.id], `2222222${i}-2222-4222-8222-222222222222`));
      await emit({
        kind: 'bid.selected',
        recipients: [p.id],
        object: {
          type: 'bid',
          id: '33333333-3333-4333-8333-333333333333',
          name: { zh: '减速器', en: 'Reducer' },
        },
        href: '/bids/33333333-3333-4333-8333-333333333333',
      });
      const page = await p.get('/api/notifications?pageSize=2&page=2');
      assert.equal(page.body.total, 4);
      assert.equal(page.body.items.length, 2);
      const selected = await p.get('/api/notifications?kind=bid.selected');
      assert.equal(selected.body.total, 1);
      assert.equal(selected.body.items[0].href, '/bids/33333333-3333-4333-8333-333333333333');
      const id = selected.body.items[0].id;
      assert.equal((await p.post(`/api/notifications/${id}/read`)).status, 200);
      assert.deepEqual((await p.get('/api/notifications/unread-count')).body, { count: 3 });
      assert.equal((await p.get('/api/notifications?unread=true')).body.total, 3);
      // Someone else's notification does not exist for me.
      const other = await person(t, 'other@example.cn', '别人', 'zh-CN');
      assert.equal((await other.post(`/api/notifications/${id}/read`)).status, 404);
      assert.deepEqual((await p.post('/api/notifications/read-all')).body, { count: 3 });
      assert.deepEqual((await p.get('/api/notifications/unread-count')).body, { count: 0 });
      assert.deepEqual((await t.client().get('/api/notifications/unread-count')).body, { count: 0 });
      assert.equal((await t.client().get('/api/notifications')).status, 401);
    });

    test('preferences: off sends no mail, a digest gathers the day, required notices stay on', async () => {
      const p = await person(t, 'prefs@example.cn', '设置', 'en');
      const refused = await p.put('/api/notifications/preferences', {
        items: [{ kind: 'review.overdue', enabled: false, mode: 'immediate' }],
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, 'items.0.enabled');
      const ok = await p.put('/api/notifications/preferences', {
        items: [
          { kind: 'challenge.published', enabled: false, mode: 'immediate' },
          { kind: 'bid.selected', enabled: true, mode: 'digest' },
          { kind: 'bid.awarded', enabled: true, mode: 'digest' },
        ],
      });
      assert.equal(ok.status, 200);
      const prefs = (await p.get('/api/notifications/preferences')).body;
      assert.deepEqual(
        prefs.find((x: any) => x.kind === 'review.overdue'),
        { kind: 'review.overdue', required: true, enabled: true, mode: 'immediate' },
      );
      await emit(challengeEvent([p.id], '44444444-4444-4444-8444-444444444444'));
      const bid = (k: 'bid.selected' | 'bid.awarded') =>
        emit({
          kind: k,
          recipients: [p.id],
          object: {
            type: 'bid',
            id: '55555555-5555-4555-8555-555555555555',
            name: { zh: '电芯', en: 'Battery cell' },
          },
          href: '/bids/55555555-5555-4555-8555-555555555555',
        });
      await bid('bid.selected');
      await bid('bid.awarded');
      // In the inbox all three; no mail yet.
      assert.equal((await p.get('/api/notifications')).body.total, 3);
      const mine = async () =>
        (
          await t.database.pool.query(
            `SELECT count(*)::int AS n FROM mail_message WHERE to_address = 'prefs@example.cn'`,
          )
        ).rows[0].n;
      assert.equal(await mine(), 0);
      assert.equal(await runDigest(t.app.jobs!.env), 1);
      const [digest, ...more] = await smtp.waitFor('prefs@example.cn');
      assert.equal(more.length, 0);
      assert.equal(digest.subject, 'Jiebang: 2 new notifications');
      assert.match(digest.text ?? '', /Your bid for “Battery cell” was selected/);
      assert.match(digest.text ?? '', /Your bid for “Battery cell” is awarded/);
      assert.equal(await mine(), 1);
      assert.equal(await runDigest(t.app.jobs!.env), 0);
    });

    test('one-click unsubscribe: the signed token switches that kind off, without a session', async () => {
      const p = await person(t, 'unsub@example.cn', '退订', 'zh-CN');
      await emit({
        kind: 'bid.announced',
        recipients: [p.id],
        object: {
          type: 'challenge',
          id: '66666666-6666-4666-8666-666666666666',
          name: { zh: '钠电', en: 'Sodium' },
        },
        href: '/challenges/66666666-6666-4666-8666-666666666666',
      });
      const [m] = await smtp.waitFor('unsub@example.cn');
      const link = rawHeader(m, 'List-Unsubscribe').replace(/^<|>$/g, '');
      const path = link.replace('https://jiebang.test', '');
      // A forged token is refused.
      const forged = await t
        .client()
        .get(path.replace(/token=([^&]+)/, (_w, v) => `token=${v.slice(0, -2)}xx`));
      assert.equal(forged.status, 400);
      const anon = t.client();
      const r = await anon.request('POST', path, undefined, { csrf: false });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const prefs = (await p.get('/api/notifications/preferences')).body;
      assert.equal(prefs.find((x: any) => x.kind === 'bid.announced').enabled, false);
    });

    test('a refused message (451) is retried and delivered once', async () => {
      const p = await person(t, 'retry@example.cn', '重试', 'zh-CN');
      smtp.refuseOnce.add('retry@example.cn');
      await emit(challengeEvent([p.id], '77777777-7777-4777-8777-777777777777'));
      // pg-boss retries the job after its delay; the test hurries it by retrying now.
      const until = Date.now() + 20_000;
      for (;;) {
        const r = (
          await t.database.pool.query(
            `SELECT state, attempts FROM mail_message WHERE to_address = 'retry@example.cn'`,
          )
        ).rows[0];
        if (r?.state === 'queued' && r.attempts === 1) break;
        if (Date.now() > until) throw new Error(`mail not refused: ${JSON.stringify(r)}`);
        await new Promise((res) => setTimeout(res, 100));
      }
      // The job turns 'retry' only once its handler has returned: hurry it until it is sent.
      const sentBy = Date.now() + 20_000;
      while (smtp.to('retry@example.cn').length === 0) {
        if (Date.now() > sentBy) throw new Error('the refused mail was not retried');
        await t.database.pool.query(
          `UPDATE pgboss.job SET start_after = now() WHERE name = 'notify.deliver' AND state = 'retry'`,
        );
        await new Promise((res) => setTimeout(res, 100));
      }
      await new Promise((res) => setTimeout(res, 300));
      assert.equal(smtp.to('retry@example.cn').length, 1);
      const r = (
        await t.database.pool.query(
          `SELECT state, attempts FROM mail_message WHERE to_address = 'retry@example.cn'`,
        )
      ).rows[0];
      assert.deepEqual(r, { state: 'sent', attempts: 2 });
    });

    test('a retried job finding its mail claimed moments ago (its worker died) fails to retry; once the claim is stale the mail is sent', async () => {
      const p = await person(t, 'held@example.cn', '占用', 'zh-CN');
      await emit(challengeEvent([p.id], '66666666-6666-4666-8666-666666666666'));
      await smtp.waitFor('held@example.cn');
      const row = async () =>
        (
          await t.database.pool.query(
            `SELECT id, state, message_id FROM mail_message WHERE to_address = 'held@example.cn'`,
          )
        ).rows[0];
      const { id } = await row();
      // A worker claimed it a second ago and died before the 250 reached the database.
      const claim = async (ago: number) =>
        t.database.pool.query(`UPDATE mail_message SET state = 'sending', claimed_at = $2 WHERE id = $1`, [
          id,
          new Date(t.clock.now().getTime() - ago),
        ]);
      await claim(1000);
      const env = {
        db: t.database.db,
        config: loadConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Jiebang <noreply@jiebang.test>' }),
        now: t.clock.now,
      } as JobEnv;
      await assert.rejects(deliverMails(env, [id]), /claimed by another worker/);
      assert.equal((await row()).state, 'sending', 'left to its claim, not completed over it');
      assert.equal(smtp.to('held@example.cn').length, 1);
      await claim(3_600_000);
      assert.deepEqual(await deliverMails(env, [id]), { sent: 1, failed: 0 });
      const after = await row();
      assert.equal(after.state, 'sent');
      // The SMTP window: sent again under the same Message-ID, which the receiver deduplicates.
      assert.deepEqual(
        smtp.to('held@example.cn').map((m) => m.messageId),
        [after.message_id, after.message_id],
      );
    });
  });

  describe(`notifications without SMTP: the outbox (${kind})`, () => {
    let t: App;
    before(async () => {
      t = await buildTestApp(kind, { JOB_POLL_SECONDS: '0.5' });
    });
    after(() => t.close());

    test('mail is kept in the outbox, which only the platform admin reads', async () => {
      const admin = await t.admin();
      const p = await person(t, 'outbox@example.cn', '收件人', 'zh-CN');
      await t.database.db
        .transaction()
        .execute((tx: Tx) => notify(tx, t.clock.now(), challengeEvent([p.id])));
      const until = Date.now() + 20_000;
      let list: any;
      for (;;) {
        list = (await admin.get('/api/admin/outbox?state=outbox')).body;
        if (list.total === 1) break;
        if (Date.now() > until) throw new Error(JSON.stringify(list));
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(list.items[0].to, 'outbox@example.cn');
      assert.equal(list.items[0].recipient, '收件人');
      assert.match(list.items[0].subject, /高纯石英坩埚/);
      const one = await admin.get(`/api/admin/outbox/${list.items[0].id}`);
      assert.match(one.body.text, /收件人，您好/);
      assert.match(one.body.html, /<html lang="zh-CN">/);
      assert.equal((await p.get('/api/admin/outbox')).status, 403);
      const jobs = await admin.get('/api/admin/jobs');
      assert.equal(jobs.status, 200);
      assert.ok(
        jobs.body.queues.some(
          (q: any) => q.name === 'notify.deliver' && q.completed + q.created + q.active >= 1,
        ),
      );
    });
  });
}

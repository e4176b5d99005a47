// Notify N applicants of their results (NSFC scale: 318,000): enqueue (one event, N notification
// rows, N mail rows, N/100 delivery jobs in one transaction), then render and deliver every mail
// through a local SMTP sink (smtp-server, counting messages) by the job queue's workers.
// Reports enqueue time, delivery messages/s and peak memory (RSS sampled every 100 ms).
//   node --import tsx bench/notify/run.ts [--n 318000]   (DATABASE_URL: PostgreSQL, else PGlite)
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/db.ts';
import { JobRunner } from '../../src/jobs/queue.ts';
import '../../src/modules/notifications/mail.ts';
import { closeTransports } from '../../src/modules/notifications/mail.ts';
import { notify, setMailDomain } from '../../src/modules/notifications/notifications.service.ts';

const args = process.argv.slice(2);
const flag = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const n = Number(flag('n', '318000'));

let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 100);

let received = 0;
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _s, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      cb();
    });
  },
});
await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
const port = (sink.server.address() as { port: number }).port;

const url = process.env.DATABASE_URL;
const database = await openDatabase(url ? { url } : { dataDir: 'memory://' });
const config = loadConfig({
  ...process.env,
  SMTP_URL: `smtp://127.0.0.1:${port}`,
  MAIL_FROM: 'Jiebang <noreply@bench.jiebang>',
  JOB_POLL_SECONDS: '0.5',
  JOB_SCHEDULES: 'off',
});
setMailDomain(config.mailFrom);

// N applicants, half reading Chinese, half English.
const t0 = Date.now();
for (let i = 0; i < n; i += 10_000) {
  await database.pool.query(
    `INSERT INTO person (email, email_norm, password_hash, name_zh, name_en, locale)
     SELECT 'a' || g || '@bench.cn', 'a' || g || '@bench.cn', '!', '申请人' || g, 'Applicant ' || g,
            CASE WHEN g % 2 = 0 THEN 'en' ELSE 'zh-CN' END
     FROM generate_series($1::int, $2::int) AS g`,
    [i + 1, Math.min(n, i + 10_000)],
  );
}
const ids = (await database.pool.query('SELECT id FROM person ORDER BY id')).rows.map((r) => r.id as string);
console.log(`notify: ${n} applicants created in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

const t1 = Date.now();
const created = await database.db.transaction().execute((tx) =>
  notify(tx, new Date(), {
    kind: 'bid.notSelected',
    recipients: ids,
    object: {
      type: 'challenge',
      id: '00000000-0000-4000-8000-000000000318',
      name: { zh: '国家自然科学基金', en: 'NSFC' },
    },
    href: '/bids/mine',
  }),
);
const enqueueS = (Date.now() - t1) / 1000;
console.log(
  `notify: ${created} notifications, mails and jobs enqueued in one transaction in ${enqueueS.toFixed(1)} s`,
);

const runner = new JobRunner(database, { config, now: () => new Date() });
const t2 = Date.now();
await runner.start();
let last = 0;
while (received < n) {
  await new Promise((r) => setTimeout(r, 1000));
  if (Date.now() - last > 15_000) {
    last = Date.now();
    const el = (Date.now() - t2) / 1000;
    console.log(
      `  ${received}/${n} delivered after ${el.toFixed(0)} s (${(received / el).toFixed(0)} msg/s)`,
    );
  }
}
const deliverS = (Date.now() - t2) / 1000;
const sent = Number(
  (await database.pool.query(`SELECT count(*)::int AS n FROM mail_message WHERE state = 'sent'`)).rows[0].n,
);
await runner.stop();
closeTransports();
clearInterval(sampler);
console.log(
  `notify: N=${n} (${database.kind}): enqueue ${enqueueS.toFixed(1)} s (${(n / enqueueS).toFixed(0)} rows/s); ` +
    `render + deliver ${deliverS.toFixed(1)} s = ${(n / deliverS).toFixed(0)} messages/s; ` +
    `${received} received, ${sent} marked sent; peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
);
await database.close();
sink.close();

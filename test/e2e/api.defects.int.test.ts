// Defects an outside client driven by the OpenAPI document found, each pinned: one normalised path
// for routing and every security hook, logging back in over a dead session cookie, impossible
// times refused with a field error, a burden meter only the form's own fillers can feed, the
// commander-only idempotent submit, missing static files as 404s, and an email search that tells
// nobody outside their own organisations whether an address has an account.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { awardedChallenge, lumpSum, ok, programmeFund, signTaskBook } from '../support/funding.ts';
import { tableContents } from '../support/security.ts';

const MINUTE = 60_000;
const setCookies = (h: Record<string, unknown>) => {
  const v = h['set-cookie'];
  return (Array.isArray(v) ? v : v ? [v] : []) as string[];
};

for (const kind of backends()) {
  describe(`API defects found from outside (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '100000', SESSION_MAX_HOURS: '100000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('1. a percent-encoded /api path gets exactly the treatment of /api: CSRF, session, no-store', async () => {
      const before = await tableContents(t.database);
      for (const url of ['/%61pi/auth/login', '/%61%70%69/auth/login', '/api/auth/%6Cogin']) {
        const r = await t.app.inject({
          method: 'POST',
          url,
          payload: { email: 'organizer@example.cn', password: 'correct horse battery' },
        });
        assert.equal(r.statusCode, 403, `${url}: ${r.body}`);
        assert.equal(r.json().code, 'CSRF', url);
        assert.ok(!setCookies(r.headers).some((c) => c.startsWith('jb_session=')), `${url}: no session`);
        assert.equal(r.headers['cache-control'], 'no-store', url);
      }
      const reg = await t.app.inject({
        method: 'POST',
        url: '/%61pi/auth/register',
        payload: { email: 'encoded@example.cn', password: 'correct horse battery', nameZh: '编码' },
      });
      assert.equal(reg.statusCode, 403, reg.body);
      assert.deepEqual(await tableContents(t.database), before, 'nothing was written');
      // The session is resolved on such a path too: the same cookie, the same person.
      const cookie = [...cast.organizer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const s = await t.app.inject({ method: 'GET', url: '/%61pi/auth/session', headers: { cookie } });
      assert.equal(s.statusCode, 200);
      assert.equal(s.json().person?.id, cast.organizer.id);
      assert.equal(s.headers['cache-control'], 'no-store');
    });

    test('2. a dead session cookie is cleared and does not stand in the way of logging in again', async () => {
      // Its own server: sessions die after a minute idle (the clock of the shared one moves on).
      const own = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '1' });
      try {
        const laptop = own.client();
        await laptop.register('returning@example.cn');
        assert.equal((await laptop.login('returning@example.cn')).status, 200);
        const dead = new Map(laptop.cookies);
        // Ended from another client: the same cookie logged out elsewhere.
        const other = own.client();
        other.cookies = new Map(dead);
        await other.session();
        assert.equal((await other.post('/api/auth/logout')).status, 200);
        const staleToken = laptop.csrf;
        // A page (re)loaded with the dead cookie: the session answer clears it and binds its token to no session.
        laptop.cookies = new Map(dead);
        const s = await laptop.request('GET', '/api/auth/session');
        assert.equal(s.body.person, null);
        assert.ok(
          setCookies(s.headers).some((c) => /^jb_session=;/.test(c) && /Expires=Thu, 01 Jan 1970/i.test(c)),
          `the dead cookie is cleared: ${setCookies(s.headers).join(' | ')}`,
        );
        // Even if the browser sends the dead cookie again, that token lets the login through.
        laptop.cookies = new Map([...laptop.cookies, ...dead]);
        const r = await laptop.post('/api/auth/login', {
          email: 'returning@example.cn',
          password: 'correct horse battery',
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal((await laptop.get('/api/profile')).status, 200);
        // A token bound to an ended session is a CSRF refusal (the web client then fetches a new one).
        const late = own.client();
        late.cookies = new Map(dead);
        late.csrf = staleToken;
        const stale = await late.post('/api/auth/login', {
          email: 'returning@example.cn',
          password: 'correct horse battery',
        });
        assert.equal(stale.status, 403);
        assert.equal(stale.body.code, 'CSRF');

        // Idle: the session times out while the cookie stays in the browser.
        await laptop.session();
        const idle = new Map(laptop.cookies);
        own.clock.advanceMinutes(2);
        laptop.cookies = new Map(idle);
        assert.equal(
          (await laptop.login('returning@example.cn')).status,
          200,
          'logs in after the idle timeout',
        );
      } finally {
        await own.close();
      }
    });

    test('3 and 4. the burden meter: only the form’s own filler, bounded times, never a 500', async () => {
      const { solver1, solver2, outsider, hostAdmin, university } = cast;
      const publishedAt = t.clock.t;
      const c = await publishedChallenge(cast, { titleZh: '填表负担计量' });
      t.clock.t += 60 * MINUTE;
      const bid = await solver2.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        buildBid(
          university.id,
          c.targets.map((x) => x.id),
        ),
        {
          headers: { 'idempotency-key': 'burden-bid-1' },
        },
      );
      assert.equal(bid.status, 201, JSON.stringify(bid.body));
      const createdAt = t.clock.t;
      t.clock.t += 10 * MINUTE; // the record arrives later than the bid: the time is the bid's
      const body = (openedAt: number | string) => ({
        form: 'bid',
        challengeId: c.id,
        fieldsTotal: 13,
        fieldsPrefilled: 3,
        documents: 2,
        openedAt: typeof openedAt === 'string' ? openedAt : new Date(openedAt).toISOString(),
      });
      const before = await tableContents(t.database);
      for (const who of [outsider, solver1, hostAdmin]) {
        const r = await who.post('/api/funding/burden', body(createdAt - 90_000));
        assert.equal(r.status, 403, `someone who filled no bid form on this call: ${JSON.stringify(r.body)}`);
      }
      const expense = await solver2.post('/api/funding/burden', {
        ...body(createdAt - 90_000),
        form: 'expense',
      });
      assert.equal(expense.status, 403, 'no award on this call: no expense form to measure');
      for (const openedAt of [
        '1900-01-01T00:00:00Z',
        '1960-01-01T00:00:00Z',
        '0001-01-01T00:00:00Z',
        new Date(publishedAt - MINUTE).toISOString(),
        new Date(createdAt + MINUTE).toISOString(),
      ]) {
        const r = await solver2.post('/api/funding/burden', body(openedAt));
        assert.equal(r.status, 400, `${openedAt}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.field, 'openedAt', openedAt);
      }
      assert.deepEqual(await tableContents(t.database), before, 'refused records wrote nothing');
      assert.equal((await solver2.post('/api/funding/burden', body(createdAt - 90_000))).status, 201);
      const again = await solver2.post('/api/funding/burden', body(createdAt - 60_000));
      assert.equal(again.status, 409, 'one record per person and form on a call');
      const s = await ok(cast.organizer.get(`/api/funding/calls/${c.id}/burden`));
      const b = s.forms.find((f: { form: string }) => f.form === 'bid');
      assert.deepEqual(
        {
          n: b.submissions,
          hand: b.avgFieldsByHand,
          pre: b.avgFieldsPrefilled,
          docs: b.avgDocuments,
          secs: b.medianSeconds,
        },
        { n: 1, hand: 10, pre: 3, docs: 2, secs: 90 },
        'timed on the server up to the bid’s creation',
      );
    });

    test('5. submitting a submitted bid: the commander gets the same bid, anyone else a refusal', async () => {
      const { solver1, hostAdmin, member, organizer, university } = cast;
      const c = await publishedChallenge(cast, { titleZh: '重复提交' });
      const b = await submittedBid(solver1, hostAdmin, c, university.id, 'submit-twice');
      const audit = async () =>
        Number(
          (
            await t.database.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1`, [
              b.id,
            ])
          ).rows[0].n,
        );
      const n = await audit();
      for (const who of [organizer, hostAdmin, member]) {
        const r = await who.post(`/api/bids/${b.id}/actions/submit`);
        assert.ok([403, 404].includes(r.status), `not the commander: ${r.status} ${JSON.stringify(r.body)}`);
      }
      const mine = await solver1.post(`/api/bids/${b.id}/actions/submit`);
      assert.equal(mine.status, 200);
      assert.equal(mine.body.state, 'submitted');
      assert.equal(await audit(), n, 'nothing audited: nothing changed');
    });

    test('6. a missing static file is a 404; a page address still gets the app', async () => {
      const web = mkdtempSync(join(tmpdir(), 'jb-web-'));
      mkdirSync(join(web, 'assets'));
      writeFileSync(join(web, 'index.html'), '<!doctype html><title>Jiebang</title>');
      writeFileSync(join(web, 'assets', 'app.js'), 'export {};');
      const app = await buildTestApp(kind, {}, { webRoot: web });
      try {
        for (const url of [
          '/assets/nonexistent.js',
          '/assets/x/y.css',
          '/favicon-missing.ico',
          '/robots.txt',
        ]) {
          const r = await app.app.inject({ method: 'GET', url });
          assert.equal(r.statusCode, 404, url);
          assert.doesNotMatch(r.body, /<!doctype html>/i, url);
        }
        assert.equal((await app.app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode, 200);
        const page = await app.app.inject({ method: 'GET', url: '/challenges/mine' });
        assert.equal(page.statusCode, 200);
        assert.match(String(page.headers['content-type']), /text\/html/);
      } finally {
        await app.close();
        rmSync(web, { recursive: true, force: true });
      }
    });

    test('7. an exact email finds only people of the caller’s own organisations', async () => {
      const { solver1, member, organizer, outsider } = cast;
      const ids = async (who: typeof solver1, q: string) =>
        (await ok(who.get(`/api/people?q=${encodeURIComponent(q)}`))).map((p: { id: string }) => p.id);
      assert.deepEqual(
        await ids(solver1, 'member@example.cn'),
        [member.id],
        'a colleague of the same university',
      );
      assert.deepEqual(
        await ids(organizer, 'member@example.cn'),
        [],
        'another organisation: no answer either way',
      );
      assert.deepEqual(await ids(outsider, 'member@example.cn'), [], 'no organisation: no address book');
      assert.deepEqual(await ids(organizer, 'nobody@example.cn'), [], 'unknown and unrelated look the same');
      assert.deepEqual(await ids(organizer, 'member'), [member.id], 'names still find people');
      // Rate-limited per person.
      let limited = 0;
      for (let i = 0; i < 70; i++)
        if ((await outsider.get(`/api/people?q=x${i}@example.cn`)).status === 429) limited++;
      assert.ok(limited > 0, 'too many searches are refused');
    });

    test('3. an expense form opened in 1900 is a field error on the expense, not a 500', async () => {
      const { solver1, organizer } = cast;
      const fund = await programmeFund(cast, 1_000_000_000);
      const { taskBookIds } = await awardedChallenge(t, cast, 'burden', [solver1]);
      const award = await ok(
        organizer.post('/api/funding/awards', {
          taskBookId: taskBookIds[0],
          fundId: fund.id,
          budget: lumpSum(),
        }),
      );
      await signTaskBook(cast, solver1, taskBookIds[0]);
      const before = await tableContents(t.database);
      const r = await solver1.post(`/api/funding/awards/${award.id}/expenses`, {
        period: new Date(t.clock.t).toISOString().slice(0, 7),
        lines: [{ category: 'operational', kind: 'materials', description: '石英砂', amountFen: 1_000 }],
        burden: { fieldsTotal: 5, fieldsPrefilled: 0, documents: 0, openedAt: '1900-01-01T00:00:00Z' },
      });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.field, 'burden.openedAt');
      assert.deepEqual(await tableContents(t.database), before, 'the refused expense wrote nothing');
    });
  });
}

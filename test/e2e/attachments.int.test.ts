// Attachments: PDF and images only, judged by their bytes; safe names; visible only to who
// may see the object they belong to.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildCast, buildChallenge } from '../support/challenges.ts';
import { backends } from '../support/db.ts';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

for (const kind of backends()) {
  describe(`attachments (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind);
      cast = await buildCast(t);
    });
    after(() => t.close());

    const upload = (
      c: typeof cast.proposer,
      id: string,
      name: string,
      body: Buffer,
      type = 'application/pdf',
    ) =>
      c.app.inject({
        method: 'POST',
        url: `/api/challenges/${id}/attachments?name=${encodeURIComponent(name)}`,
        headers: {
          cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          'x-csrf-token': c.csrf,
          'content-type': type,
        },
        payload: body,
      });

    test('a proposer attaches a PDF to a draft; it downloads under a safe name once published', async () => {
      const c = (
        await cast.proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id))
      ).body;
      const r = await upload(cast.proposer, c.id, '../技术要求 v2.pdf', PDF);
      assert.equal(r.statusCode, 201, r.body);
      const a = r.json();
      assert.equal(a.fileName, '技术要求 v2.pdf');
      assert.equal(a.mediaType, 'application/pdf');
      assert.equal(
        (await t.client().get(`/api/attachments/${a.id}`)).status,
        404,
        'a draft’s files are not public',
      );
      await cast.proposer.post(`/api/challenges/${c.id}/actions/submit`, {});
      await cast.organizer.post(`/api/challenges/${c.id}/actions/publish`, {});
      const d = await t.app.inject({ method: 'GET', url: `/api/attachments/${a.id}` });
      assert.equal(d.statusCode, 200);
      assert.equal(d.headers['content-type'], 'application/pdf');
      assert.match(
        String(d.headers['content-disposition']),
        /^attachment; filename="____ v2\.pdf"; filename\*=UTF-8''%E6%8A%80/,
      );
      assert.equal(d.headers['x-content-type-options'], 'nosniff');
      assert.deepEqual(d.rawPayload, PDF);
      assert.equal((await t.client().get(`/api/challenges/${c.id}`)).body.attachments.length, 1);
      const late = await upload(cast.proposer, c.id, 'late.pdf', PDF);
      assert.equal(late.statusCode, 409, 'no files once published');
    });

    test('a file that is not really a PDF or image is refused by its content, whatever it is called', async () => {
      const c = (
        await cast.proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id))
      ).body;
      const before = await snapshotCounts(t.database);
      const html = await upload(
        cast.proposer,
        c.id,
        'report.pdf',
        Buffer.from('<html><script>alert(1)</script>'),
      );
      assert.equal(html.statusCode, 400);
      assert.equal(html.json().field, 'file');
      const exe = await upload(cast.proposer, c.id, 'photo.png', Buffer.from('MZ\x90\x00\x03'), 'image/png');
      assert.equal(exe.json().field, 'file');
      const big = await upload(
        cast.proposer,
        c.id,
        'big.pdf',
        Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]),
      );
      assert.ok(big.statusCode === 413 || big.statusCode === 400, String(big.statusCode));
      assert.deepEqual(await snapshotCounts(t.database), before);
    });

    test('only the proposer may attach files to a challenge', async () => {
      const c = (
        await cast.proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id))
      ).body;
      assert.equal((await upload(cast.solver1, c.id, 'x.pdf', PDF)).statusCode, 404);
      assert.equal((await upload(cast.organizer, c.id, 'x.pdf', PDF)).statusCode, 403);
    });
  });
}

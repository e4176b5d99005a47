// The API's documentation: a docs page, and an OpenAPI document in which every operation says
// what its errors look like ({code, message, field?}), while error answers keep their fields.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

type Op = { responses?: Record<string, { content?: Record<string, { schema?: any }> }> };

for (const kind of backends()) {
  describe(`OpenAPI document (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    test('/api/docs serves the docs page as HTML', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/docs' });
      const page =
        r.statusCode >= 300 && r.statusCode < 400
          ? await t.app.inject({
              method: 'GET',
              url: new URL(r.headers.location!, 'http://x/api/docs/').pathname,
            })
          : r;
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(page.body, /<html/i);
    });

    test('every operation documents a 4xx body with code and message', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
      assert.equal(r.statusCode, 200);
      const doc = r.json() as { openapi: string; paths: Record<string, Record<string, Op>> };
      assert.match(doc.openapi, /^3\.1/);
      const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
        Object.entries(methods).map(([m, op]) => ({ name: `${m.toUpperCase()} ${path}`, op })),
      );
      assert.ok(ops.length > 80, `only ${ops.length} operations documented`);
      const missing: string[] = [];
      for (const { name, op } of ops) {
        const errors = Object.entries(op.responses ?? {}).filter(([s]) => /^4\d\d$/.test(s));
        const body = errors
          .map(([, res]) => res.content?.['application/json']?.schema)
          .find((s) => s?.properties?.code && s?.properties?.message);
        if (!body) missing.push(name);
      }
      assert.deepEqual(missing, [], 'operations without a documented 4xx {code, message} body');
    });

    test('error answers still carry their fields (documentation does not strip them)', async () => {
      const admin = await t.admin();
      const bad = await admin.post('/api/organisations', { kind: 'enterprise', nameZh: 42 });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.code, 'VALIDATION');
      assert.equal(bad.body.field, 'nameZh');
      assert.equal(bad.body.key, 'validation.invalidType');
      assert.match(bad.body.message, /^名称（中文）：/);
      const report = await admin.request('POST', '/api/experts/import', 'email\nnot-an-email\n', {
        headers: { 'content-type': 'text/csv' },
      });
      assert.equal(report.status, 422, JSON.stringify(report.body));
      assert.equal(report.body.code, 'VALIDATION');
      assert.ok(Array.isArray(report.body.errors) && report.body.errors.length > 0);
      const none = await t.client().get('/api/nothing-here');
      assert.deepEqual(Object.keys(none.body).sort(), ['code', 'key', 'message', 'params']);
    });
  });
}

// The policy tools over HTTP on every database backend: the three calculations, field-named
// validation that writes nothing, saved worksheets authorised per organisation, anonymous refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/db/db.ts';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { buildOrganisation } from '../support/factories.ts';
import { messageEn } from '../support/messages.ts';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../docs/examples/policy/${name}.json`, import.meta.url), 'utf8'));

const cliOutputs = new Map<string, unknown>();
/** `jiebang policy <tool> --in -` on `input`, parsed; one process per tool, shared by the backends. */
function cli(tool: string, input: unknown): unknown {
  if (!cliOutputs.has(tool)) {
    const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
    const r = spawnSync(process.execPath, [bin, 'policy', tool, '--in', '-'], {
      input: JSON.stringify(input),
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    cliOutputs.set(tool, JSON.parse(r.stdout));
  }
  return cliOutputs.get(tool);
}

/** Row counts of every table, the worksheets included: "nothing written" is this staying equal. */
async function counts(database: Database): Promise<Record<string, number>> {
  const n = await database.pool.query('SELECT count(*)::int AS n FROM policy_worksheet');
  return { ...(await snapshotCounts(database)), policy_worksheet: Number(n.rows[0].n) };
}

for (const kind of backends()) {
  describe(`policy tools (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let admin: TestClient;
    /** A logged-in person who is an approved admin of a new enterprise. */
    async function member(email: string): Promise<{ c: TestClient; orgId: string }> {
      const c = t.client();
      await c.register(email);
      await c.login(email);
      const org = (await c.post('/api/organisations', buildOrganisation())).body;
      const pending = (await admin.get('/api/memberships')).body.toDecide.find(
        (m: { orgId: string }) => m.orgId === org.id,
      );
      const d = await admin.post(`/api/memberships/${pending.id}/decision`, { decision: 'approve' });
      assert.equal(d.status, 200);
      await c.login(email); // roles are read at session resolution
      return { c, orgId: org.id };
    }
    before(async () => {
      t = await buildTestApp(kind);
      admin = await t.admin();
    });
    after(() => t.close());

    test('computes each tool for a signed-in user and writes nothing', async () => {
      const { c } = await member('calc@example.cn');
      const beforeCounts = await counts(t.database);
      const h = await c.post('/api/policy/hnte', example('hnte'));
      assert.equal(h.status, 200, JSON.stringify(h.body));
      assert.equal(h.body.verdict, 'met');
      assert.equal(h.body.conditions.length, 9);
      const d = await c.post('/api/policy/deduction', example('deduction'));
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.equal(d.body.figures.totalExtra, '4320000.00');
      assert.equal(d.body.figures.taxSaved, '1080000.00');
      const x = await c.post('/api/policy/transfer', example('transfer'));
      assert.equal(x.status, 200, JSON.stringify(x.body));
      assert.equal(x.body.figures.tax, '312500.00');
      assert.ok(x.body.steps.every((s: { rule: string }) => s.rule.length > 0));
      const z = await c.post('/api/policy/transfer', { ...example('transfer'), regime: 'zhongguancun' });
      assert.equal(z.body.figures.tax, '0.00');
      assert.deepEqual(await counts(t.database), beforeCounts);
    });

    test('the CLI prints exactly the API response, for each tool', async () => {
      const { c } = await member('cli@example.cn');
      // Amounts as JSON numbers too (0.1, 0.2 …): both paths parse the same input the same way.
      const deduction = example('deduction');
      deduction.projects[0].lines.push(
        { category: 'directInputs', amount: 0.1 },
        { category: 'directInputs', amount: 0.2 },
      );
      deduction.specialIncome = 0.3;
      const inputs: Record<string, unknown> = {
        hnte: example('hnte'),
        deduction,
        transfer: example('transfer'),
      };
      for (const tool of ['hnte', 'deduction', 'transfer']) {
        const api = await c.post(`/api/policy/${tool}`, inputs[tool]);
        assert.equal(api.status, 200, JSON.stringify(api.body));
        assert.deepEqual(cli(tool, inputs[tool]), api.body, tool);
      }
    });

    test('bad input is refused with 400 naming the field, and writes nothing', async () => {
      const { c } = await member('bad@example.cn');
      const beforeCounts = await counts(t.database);
      const body = example('hnte');
      body.years[1].salesRevenue = '12.345';
      const r = await c.post('/api/policy/hnte', body);
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 'VALIDATION');
      assert.equal(r.body.field, 'years.1.salesRevenue');
      assert.match(messageEn(r.body), /at most two decimals/);
      const u = await c.post('/api/policy/deduction', { ...example('deduction'), taxYaer: 2024 });
      assert.equal(u.status, 400);
      assert.equal(u.body.field, 'taxYaer');
      const y = await c.post('/api/policy/transfer', { ...example('transfer'), taxYear: 2015 });
      assert.equal(y.body.field, 'taxYear');
      assert.deepEqual(await counts(t.database), beforeCounts);
    });

    test('anonymous callers are refused, whatever they send', async () => {
      const anon = t.client();
      await anon.session(); // a CSRF token, so the refusal is about the session
      for (const tool of ['hnte', 'deduction', 'transfer']) {
        const r = await anon.post(`/api/policy/${tool}`, example(tool));
        assert.equal(r.status, 401, tool);
        assert.equal(r.body.code, 'UNAUTHENTICATED');
        assert.equal((await anon.post(`/api/policy/${tool}`, { nonsense: 1 })).status, 401);
      }
      const { orgId } = await member('anonorg@example.cn');
      assert.equal((await anon.get(`/api/policy/worksheets?orgId=${orgId}`)).status, 401);
      const put = await anon.put('/api/policy/worksheets', {
        orgId,
        kind: 'transfer',
        taxYear: 2024,
        input: example('transfer'),
      });
      assert.equal(put.status, 401);
    });

    test('members save and list their worksheets; a save is audited and replaces that year', async () => {
      const { c, orgId } = await member('sheets@example.cn');
      const beforeCounts = await counts(t.database);
      const put = (taxYear: number, input: Record<string, unknown>) =>
        c.put('/api/policy/worksheets', { orgId, kind: 'deduction', taxYear, input });
      const r = await put(2024, example('deduction'));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.taxYear, 2024);
      assert.equal(r.body.input.specialIncome, '3703.70', 'the input is kept as entered');
      const again = await put(2024, { ...example('deduction'), specialIncome: '0.00' });
      assert.equal(again.status, 200);
      assert.equal(again.body.id, r.body.id);
      assert.equal((await put(2025, { ...example('deduction'), taxYear: 2025 })).status, 200);
      const after = await counts(t.database);
      assert.equal(after.policy_worksheet, beforeCounts.policy_worksheet + 2);
      assert.equal(after.audit_log, beforeCounts.audit_log + 3);
      const list = await c.get(`/api/policy/worksheets?orgId=${orgId}&kind=deduction`);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.body.map((w: { taxYear: number }) => w.taxYear),
        [2025, 2024],
      );
      assert.equal(list.body[1].input.specialIncome, '0.00');
      const audit = await t.database.pool.query(
        `SELECT action, object_id FROM audit_log WHERE object_type = 'policy_worksheet' ORDER BY seq`,
      );
      assert.ok(audit.rows.some((a) => a.action === 'policy.worksheet.save' && a.object_id === r.body.id));
      assert.equal((await c.get(`/api/policy/worksheets?orgId=${orgId}&kind=hnte`)).body.length, 0);
    });

    test('a worksheet whose input the tool refuses is not saved; the field is named under input', async () => {
      const { c, orgId } = await member('badsheet@example.cn');
      const beforeCounts = await counts(t.database);
      const input = example('hnte');
      input.years[1].salesRevenue = '-1';
      const r = await c.put('/api/policy/worksheets', { orgId, kind: 'hnte', taxYear: 2024, input });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'input.years.1.salesRevenue');
      const y = await c.put('/api/policy/worksheets', {
        orgId,
        kind: 'hnte',
        taxYear: 2023,
        input: example('hnte'),
      });
      assert.equal(y.status, 400);
      assert.equal(y.body.field, 'taxYear');
      assert.deepEqual(await counts(t.database), beforeCounts);
    });

    test("another organisation's worksheets are refused (403) and never listed", async () => {
      const a = await member('owner@example.cn');
      const b = await member('rival@example.cn');
      const saved = await a.c.put('/api/policy/worksheets', {
        orgId: a.orgId,
        kind: 'transfer',
        taxYear: 2024,
        input: example('transfer'),
      });
      assert.equal(saved.status, 200);
      const beforeCounts = await counts(t.database);
      const read = await b.c.get(`/api/policy/worksheets?orgId=${a.orgId}`);
      assert.equal(read.status, 403);
      assert.equal(read.body.code, 'FORBIDDEN');
      const write = await b.c.put('/api/policy/worksheets', {
        orgId: a.orgId,
        kind: 'transfer',
        taxYear: 2024,
        input: { ...example('transfer'), regime: 'zhongguancun' },
      });
      assert.equal(write.status, 403);
      assert.deepEqual(await counts(t.database), beforeCounts);
      const own = await b.c.get(`/api/policy/worksheets?orgId=${b.orgId}`);
      assert.equal(own.status, 200);
      assert.ok(own.body.every((w: { orgId: string }) => w.orgId === b.orgId));
      assert.ok(!own.body.some((w: { id: string }) => w.id === saved.body.id));
      // The platform admin is no member either: enterprise figures are the enterprise's.
      assert.equal((await admin.get(`/api/policy/worksheets?orgId=${a.orgId}`)).status, 403);
      // And a member sees it unchanged.
      const mine = await a.c.get(`/api/policy/worksheets?orgId=${a.orgId}&kind=transfer`);
      assert.equal(mine.body[0].input.regime, 'general');
    });

    test('OpenAPI documents the policy endpoints and their bodies', async () => {
      const r = await t.client().get('/api/openapi.json');
      assert.equal(r.status, 200);
      for (const p of ['/api/policy/hnte', '/api/policy/deduction', '/api/policy/transfer']) {
        assert.ok(r.body.paths[p]?.post?.requestBody, p);
      }
      assert.ok(r.body.paths['/api/policy/worksheets']?.put?.requestBody);
    });
  });
}

// The enterprise profile of an organisation over HTTP: its admin fills it, other organisations'
// admins cannot, only members see it, bad values are refused naming the field and change nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { buildOrganisation } from '../support/factories.ts';
import { messageEn } from '../support/messages.ts';

const PROFILE = {
  registrationDate: '2019-03-15',
  industryCode: 'c3562', // stored upper-case
  mainBusiness: '半导体器件专用设备制造',
  hnteDomain: 'advancedManufacturing',
  employeeCount: 120,
  specialCategory: 'industrialMotherMachine',
};

for (const kind of backends()) {
  describe(`enterprise profile of an organisation (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let platform: TestClient;
    /** A logged-in person whose admin role in a new organisation the platform admin approved. */
    const orgAdmin = async (email: string, org: Record<string, unknown> = {}) => {
      const c = t.client();
      await c.register(email);
      await c.login(email);
      const created = await c.post('/api/organisations', buildOrganisation(org));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const pending = (await platform.get('/api/memberships')).body.toDecide.find(
        (m: { orgId: string }) => m.orgId === created.body.id,
      );
      await platform.post(`/api/memberships/${pending.id}/decision`, { decision: 'approve' });
      await c.login(email); // the new role is part of the next session
      return { c, orgId: created.body.id as string };
    };
    const auditCount = async (orgId: string) =>
      Number(
        (
          await t.database.pool.query(
            `SELECT count(*)::int AS n FROM audit_log WHERE object_type = 'organisation' AND object_id = $1 AND action = 'organisation.update'`,
            [orgId],
          )
        ).rows[0].n,
      );

    before(async () => {
      t = await buildTestApp(kind);
      platform = await t.admin();
    });
    after(() => t.close());

    test("the organisation's admin sets the profile; it is audited and its members see it", async () => {
      const { c, orgId } = await orgAdmin('ent-admin@example.cn');
      const r = await c.patch(`/api/organisations/${orgId}`, { enterprise: PROFILE });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const expected = { ...PROFILE, industryCode: 'C3562' };
      assert.deepEqual(r.body.enterprise, expected);
      assert.deepEqual((await c.get(`/api/organisations/${orgId}`)).body.enterprise, expected);
      assert.equal(await auditCount(orgId), 1);

      // A partial patch keeps the rest; null clears one fact.
      const p = await c.patch(`/api/organisations/${orgId}`, { enterprise: { employeeCount: null } });
      assert.equal(p.status, 200);
      assert.deepEqual(p.body.enterprise, { ...expected, employeeCount: null });
      assert.equal(await auditCount(orgId), 2);

      // Outsiders see the organisation but not its enterprise facts; the platform admin sees them.
      const outsider = t.client();
      await outsider.register('outsider@example.cn');
      await outsider.login('outsider@example.cn');
      assert.equal((await outsider.get(`/api/organisations/${orgId}`)).body.enterprise, null);
      assert.equal((await platform.get(`/api/organisations/${orgId}`)).body.enterprise.industryCode, 'C3562');
    });

    test("another organisation's admin cannot set it (403) and nothing changes", async () => {
      const { c: a, orgId: orgA } = await orgAdmin('ent-a@example.cn');
      const { c: b } = await orgAdmin('ent-b@example.cn');
      assert.equal((await a.patch(`/api/organisations/${orgA}`, { enterprise: PROFILE })).status, 200);
      const denied = await b.patch(`/api/organisations/${orgA}`, {
        enterprise: { employeeCount: 1, hnteDomain: null },
      });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.code, 'FORBIDDEN');
      assert.equal((await a.get(`/api/organisations/${orgA}`)).body.enterprise.employeeCount, 120);
      assert.equal(await auditCount(orgA), 1);
      // The platform admin still may (the PATCH policy: org admin or platform admin).
      const byPlatform = await platform.patch(`/api/organisations/${orgA}`, {
        enterprise: { employeeCount: 130 },
      });
      assert.equal(byPlatform.status, 200);
      assert.equal(byPlatform.body.enterprise.employeeCount, 130);
    });

    test('bad values are refused naming the field, and change nothing', async () => {
      const { c, orgId } = await orgAdmin('ent-bad@example.cn');
      assert.equal((await c.patch(`/api/organisations/${orgId}`, { enterprise: PROFILE })).status, 200);
      const cases: [Record<string, unknown>, string, RegExp][] = [
        [{ registrationDate: '2019-02-30' }, 'enterprise.registrationDate', /date/],
        [{ registrationDate: '2026-11-29' }, 'enterprise.registrationDate', /future/], // clock: 2026-11-28
        [{ industryCode: 'C65' }, 'enterprise.industryCode', /not in section C/],
        [{ industryCode: 'manufacturing' }, 'enterprise.industryCode', /GB\/T 4754/],
        [{ mainBusiness: 'x'.repeat(501) }, 'enterprise.mainBusiness', /500/],
        [{ hnteDomain: 'blockchain' }, 'enterprise.hnteDomain', /eight/],
        [{ employeeCount: -1 }, 'enterprise.employeeCount', /negative/],
        [{ employeeCount: 12.5 }, 'enterprise.employeeCount', /whole/],
        [{ specialCategory: 'yes' }, 'enterprise.specialCategory', /integratedCircuit/],
        [{ founded: '2019-03-15' }, 'enterprise.founded', /unknown field/],
      ];
      for (const [enterprise, field, message] of cases) {
        const r = await c.patch(`/api/organisations/${orgId}`, { enterprise });
        assert.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
        assert.equal(r.body.code, 'VALIDATION');
        assert.equal(r.body.field, field);
        assert.match(messageEn(r.body), message);
      }
      assert.deepEqual((await c.get(`/api/organisations/${orgId}`)).body.enterprise, {
        ...PROFILE,
        industryCode: 'C3562',
      });
      assert.equal(await auditCount(orgId), 1);
    });

    test('only enterprises have an enterprise profile', async () => {
      const { c, orgId } = await orgAdmin('uni-admin@example.cn', { kind: 'university' });
      const r = await c.patch(`/api/organisations/${orgId}`, { enterprise: { employeeCount: 5 } });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'enterprise');
      assert.equal((await c.get(`/api/organisations/${orgId}`)).body.enterprise, null);
    });
  });
}

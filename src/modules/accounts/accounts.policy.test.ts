import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor, RoleGrant } from '../../app/context.ts';
import { can } from './accounts.policy.ts';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const PLATFORM = '00000000-0000-4000-8000-0000000000ff';

function buildActor(roles: Partial<RoleGrant>[] = [], personId = 'p1'): Actor {
  return {
    personId,
    sessionId: 's',
    roles: roles.map((r) => ({ orgId: ORG_A, orgKind: 'enterprise', role: 'solver', ...r })),
  };
}

describe('accounts policy', () => {
  test('anonymous is denied everything', () => {
    assert.equal(can(null, 'organisation.create', { type: 'organisation', id: ORG_A }), false);
    assert.equal(can(null, 'audit.read', { type: 'audit' }), false);
  });

  test("an organisation's admin may update it but not another organisation", () => {
    const a = buildActor([{ role: 'admin', orgId: ORG_A }]);
    assert.equal(can(a, 'organisation.update', { type: 'organisation', id: ORG_A }), true);
    assert.equal(can(a, 'organisation.update', { type: 'organisation', id: ORG_B }), false);
  });

  test('any member of an enterprise and the platform admin read its enterprise profile; others do not', () => {
    const member = buildActor([{ role: 'proposer', orgId: ORG_A }]);
    const platform = buildActor([{ role: 'admin', orgId: PLATFORM, orgKind: 'platform' }]);
    const outsider = buildActor([{ role: 'admin', orgId: ORG_B }]);
    const subject = { type: 'organisation', id: ORG_A } as const;
    assert.equal(can(member, 'organisation.readEnterprise', subject), true);
    assert.equal(can(platform, 'organisation.readEnterprise', subject), true);
    assert.equal(can(outsider, 'organisation.readEnterprise', subject), false);
    assert.equal(can(null, 'organisation.readEnterprise', subject), false);
  });

  test('a member without the admin role cannot update its organisation', () => {
    const a = buildActor([{ role: 'proposer', orgId: ORG_A }]);
    assert.equal(can(a, 'organisation.update', { type: 'organisation', id: ORG_A }), false);
  });

  test('org admins decide roles in their org, never the admin role nor their own', () => {
    const a = buildActor([{ role: 'admin', orgId: ORG_A }]);
    assert.equal(
      can(a, 'membership.decide', { type: 'membership', orgId: ORG_A, role: 'solver', personId: 'p2' }),
      true,
    );
    assert.equal(
      can(a, 'membership.decide', { type: 'membership', orgId: ORG_A, role: 'admin', personId: 'p2' }),
      false,
    );
    assert.equal(
      can(a, 'membership.decide', { type: 'membership', orgId: ORG_A, role: 'solver', personId: 'p1' }),
      false,
    );
    assert.equal(
      can(a, 'membership.decide', { type: 'membership', orgId: ORG_B, role: 'solver', personId: 'p2' }),
      false,
    );
  });

  test('the platform admin decides any role', () => {
    const a = buildActor([{ role: 'admin', orgId: PLATFORM, orgKind: 'platform' }]);
    assert.equal(
      can(a, 'membership.decide', { type: 'membership', orgId: ORG_B, role: 'admin', personId: 'p2' }),
      true,
    );
    assert.equal(can(a, 'person.readPrivate', { type: 'person', id: 'p9' }), true);
    assert.equal(can(a, 'profile.update', { type: 'person', id: 'p9' }), false);
  });

  test('a person requests roles only for themself and edits only their own profile', () => {
    const a = buildActor();
    assert.equal(
      can(a, 'membership.request', { type: 'membership', orgId: ORG_A, role: 'solver', personId: 'p1' }),
      true,
    );
    assert.equal(
      can(a, 'membership.request', { type: 'membership', orgId: ORG_A, role: 'solver', personId: 'p2' }),
      false,
    );
    assert.equal(can(a, 'profile.update', { type: 'person', id: 'p1' }), true);
    assert.equal(can(a, 'profile.update', { type: 'person', id: 'p2' }), false);
  });

  test('integrity officers read the audit trail; others do not', () => {
    assert.equal(can(buildActor([{ role: 'integrity_officer' }]), 'audit.read', { type: 'audit' }), true);
    assert.equal(can(buildActor([{ role: 'organizer' }]), 'audit.read', { type: 'audit' }), false);
  });

  test('only the platform admin disables accounts, and never their own', () => {
    const platformAdmin = buildActor([{ role: 'admin', orgId: PLATFORM, orgKind: 'platform' }]);
    assert.equal(can(platformAdmin, 'person.disable', { type: 'person', id: 'p2' }), true);
    assert.equal(can(platformAdmin, 'person.disable', { type: 'person', id: 'p1' }), false);
    const orgAdmin = buildActor([{ role: 'admin', orgId: ORG_A }]);
    assert.equal(can(orgAdmin, 'person.disable', { type: 'person', id: 'p2' }), false);
    assert.equal(can(null, 'person.disable', { type: 'person', id: 'p2' }), false);
  });
});

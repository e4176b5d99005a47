import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Actor, RoleGrant } from '../../app/context.ts';
import { can } from './policy.policy.ts';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const PLATFORM = '00000000-0000-4000-8000-0000000000ff';

function buildActor(roles: Partial<RoleGrant>[] = []): Actor {
  return {
    personId: 'p1',
    sessionId: 's',
    roles: roles.map((r) => ({ orgId: ORG_A, orgKind: 'enterprise', role: 'solver', ...r })),
  };
}
const sheet = (orgId: string) => ({ type: 'worksheet' as const, orgId });

describe('policy worksheets policy', () => {
  test('anonymous may neither read nor write', () => {
    assert.equal(can(null, 'worksheet.read', sheet(ORG_A)), false);
    assert.equal(can(null, 'worksheet.write', sheet(ORG_A)), false);
  });
  test('a member in any role may read and write its own organisation’s worksheets', () => {
    for (const role of ['proposer', 'solver', 'analyst', 'admin'] as const) {
      const a = buildActor([{ role }]);
      assert.equal(can(a, 'worksheet.read', sheet(ORG_A)), true, role);
      assert.equal(can(a, 'worksheet.write', sheet(ORG_A)), true, role);
    }
  });
  test('a member of another organisation is refused', () => {
    const a = buildActor([{ role: 'admin', orgId: ORG_B }]);
    assert.equal(can(a, 'worksheet.read', sheet(ORG_A)), false);
    assert.equal(can(a, 'worksheet.write', sheet(ORG_A)), false);
  });
  test('the platform admin is not a member, so is refused too', () => {
    const a = buildActor([{ role: 'admin', orgId: PLATFORM, orgKind: 'platform' }]);
    assert.equal(can(a, 'worksheet.read', sheet(ORG_A)), false);
  });
  test('a signed-in person with no roles is refused', () => {
    assert.equal(can(buildActor([]), 'worksheet.write', sheet(ORG_A)), false);
  });
});

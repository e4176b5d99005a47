import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type CoiSettings,
  ConflictIndex,
  DEFAULT_COI,
  type ExpertFacts,
  exclusionProblem,
  type ItemFacts,
  normName,
  type PersonFacts,
  pairConflicts,
} from './coi.ts';

const TODAY = '2026-11-28';

function person(id: string, over: Partial<ExpertFacts> = {}): ExpertFacts {
  return {
    id,
    names: [`name-${id}`],
    employment: [],
    publications: [],
    projects: [],
    relations: [],
    ...over,
  };
}

function item(over: Partial<ItemFacts> = {}): ItemFacts {
  return {
    id: 'bid',
    hostOrgId: 'host',
    hostOrgName: 'Host University',
    members: [person('commander', { names: ['李娜', 'Li Na'] })],
    exclusions: [],
    competitorIds: new Set(),
    proposerOrgId: null,
    declaredIds: new Map(),
    ...over,
  };
}

const codes = (e: ExpertFacts, it: ItemFacts, s: CoiSettings = DEFAULT_COI) =>
  pairConflicts(e, it, s, TODAY).map((c) => c.code);

describe('conflict rules', () => {
  test('an unrelated expert has no conflict', () => {
    assert.deepEqual(codes(person('x'), item()), []);
  });

  test('works at the host organisation now', () => {
    const e = person('x', {
      employment: [{ orgId: 'host', orgName: 'Host', start: '2010-01-01', end: null }],
    });
    const c = pairConflicts(e, item(), DEFAULT_COI, TODAY);
    assert.deepEqual(
      c.map((x) => x.code),
      ['same_org'],
    );
    assert.match(c[0].detail, /now/);
  });

  test('left the host organisation within N years is conflicted, before that is not', () => {
    const left = (end: string) =>
      person('x', { employment: [{ orgId: 'host', orgName: 'Host', start: '2010-01-01', end }] });
    assert.deepEqual(codes(left('2024-06-30'), item()), ['same_org']);
    assert.deepEqual(codes(left('2022-06-30'), item()), []);
    assert.deepEqual(codes(left('2022-06-30'), item(), { ...DEFAULT_COI, orgYears: 5 }), ['same_org']);
  });

  test('shares a recent organisation with a team member (matched by name when no id)', () => {
    const member = person('m', {
      names: ['王五'],
      employment: [{ orgId: null, orgName: 'Old Lab', start: '2018-01-01', end: '2025-01-01' }],
    });
    const e = person('x', {
      employment: [{ orgId: null, orgName: 'old lab', start: '2019-01-01', end: null }],
    });
    assert.deepEqual(codes(e, item({ members: [member] })), ['same_org']);
  });

  test('co-authorship within N years, in either direction', () => {
    const e = person('x', { names: ['Zhao Liu'], publications: [{ year: 2025, coauthors: ['LI NA'] }] });
    assert.deepEqual(codes(e, item()), ['coauthor']);
    const old = person('x', { publications: [{ year: 2019, coauthors: ['Li Na'] }] });
    assert.deepEqual(codes(old, item()), []);
    const member = person('m', { names: ['Wang'], publications: [{ year: 2024, coauthors: ['zhao-liu'] }] });
    assert.deepEqual(codes(person('x', { names: ['Zhao Liu'] }), item({ members: [member] })), ['coauthor']);
  });

  test('joint project with overlapping years within N years', () => {
    const member = person('m', { projects: [{ title: '精密 减速器', startYear: 2022, endYear: null }] });
    const e = person('x', { projects: [{ title: '精密减速器', startYear: 2023, endYear: 2025 }] });
    assert.deepEqual(codes(e, item({ members: [member] })), ['joint_project']);
    const apart = person('x', { projects: [{ title: '精密减速器', startYear: 2010, endYear: 2012 }] });
    assert.deepEqual(codes(apart, item({ members: [member] })), []);
  });

  test('declared relations by person or by name', () => {
    const byId = person('x', { relations: [{ otherPersonId: 'commander', otherName: '', kind: 'advisor' }] });
    assert.deepEqual(codes(byId, item()), ['declared_relation']);
    const byName = person('x', { relations: [{ otherPersonId: null, otherName: '李娜', kind: 'family' }] });
    assert.deepEqual(codes(byName, item()), ['declared_relation']);
  });

  test('named exclusions, competing teams, own team and declarations on opening', () => {
    assert.deepEqual(codes(person('x'), item({ exclusions: [{ expertId: 'x', reason: '竞争关系' }] })), [
      'named_exclusion',
    ]);
    assert.deepEqual(codes(person('x'), item({ competitorIds: new Set(['x']) })), ['competing_team']);
    assert.deepEqual(codes(person('commander'), item()), ['team_member']);
    assert.deepEqual(codes(person('x'), item({ declaredIds: new Map([['x', 'declined: busy']]) })), [
      'declared_on_open',
    ]);
  });

  test("acceptance rounds: the proposer's current staff are not independent", () => {
    const e = person('x', {
      employment: [{ orgId: 'prop', orgName: 'Proposer', start: '2020-01-01', end: null }],
    });
    const it = item({ proposerOrgId: 'prop' });
    assert.deepEqual(codes(e, it), []);
    assert.deepEqual(codes(e, it, { ...DEFAULT_COI, acceptance: true }), ['proposer_staff']);
  });

  test('names are compared without case, spaces or punctuation', () => {
    assert.equal(normName(' Li-Na '), normName('li na'));
    assert.notEqual(normName('Li Na'), normName('Li Nan'));
  });

  test('exclusion lists: at most max, each with a reason, no repeats', () => {
    const x = (id: string, reason = 'r') => ({ expertId: id, reason });
    assert.equal(exclusionProblem([x('a'), x('b')], 2), null);
    assert.equal(exclusionProblem([x('a'), x('b'), x('c')], 2)?.field, 'exclusions');
    assert.equal(exclusionProblem([x('a', ' ')], 2)?.field, 'exclusions.0.reason');
    assert.equal(exclusionProblem([x('a'), x('a')], 2)?.field, 'exclusions.1');
  });
});

// The index only narrows; on random populations it must find exactly the pairs the rule finds.
describe('conflict index', () => {
  const orgs = ['o1', 'o2', 'o3', 'host'];
  const names = ['A', 'B', 'C', 'D', 'E'];
  const titles = ['p1', 'p2', 'p3'];
  const date = fc
    .tuple(fc.integer({ min: 2015, max: 2027 }), fc.integer({ min: 1, max: 12 }))
    .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}-01`);
  const stint = fc
    .record({ org: fc.constantFrom(...orgs), byName: fc.boolean(), start: date, end: fc.option(date) })
    .map((s) => ({
      orgId: s.byName ? null : s.org,
      orgName: s.org,
      start: s.start,
      end: s.end && s.end >= s.start ? s.end : null,
    }));
  const facts = () =>
    fc.record({
      names: fc.subarray(names, { minLength: 1, maxLength: 2 }),
      employment: fc.array(stint, { maxLength: 3 }),
      publications: fc.array(
        fc.record({ year: fc.integer({ min: 2015, max: 2026 }), coauthors: fc.subarray(names) }),
        { maxLength: 2 },
      ),
      projects: fc.array(
        fc.record({
          title: fc.constantFrom(...titles),
          startYear: fc.integer({ min: 2015, max: 2026 }),
          endYear: fc.option(fc.integer({ min: 2015, max: 2026 })),
        }),
        { maxLength: 2 },
      ),
      relations: fc.array(
        fc.record({
          otherPersonId: fc.option(fc.constantFrom('m0', 'm1', 'x')),
          otherName: fc.constantFrom('', ...names),
          kind: fc.constantFrom('advisor', 'family'),
        }),
        { maxLength: 2 },
      ),
    });

  test('itemConflicts equals pairConflicts over every expert', () => {
    fc.assert(
      fc.property(
        fc.array(facts(), { minLength: 1, maxLength: 8 }),
        fc.array(facts(), { minLength: 1, maxLength: 2 }),
        fc.record({ orgYears: fc.nat(5), coauthorYears: fc.nat(5), projectYears: fc.nat(5) }),
        fc.boolean(),
        (es, ms, years, acceptance) => {
          const experts: ExpertFacts[] = es.map((f, i) => ({ id: `e${i}`, ...f }));
          const members: PersonFacts[] = ms.map((f, i) => ({ id: i === 0 ? 'm0' : 'e0', ...f }));
          const settings = { ...DEFAULT_COI, ...years, acceptance };
          const it = item({
            members,
            exclusions: experts.length > 2 ? [{ expertId: 'e2', reason: 'r' }] : [],
            competitorIds: new Set(['e1']),
            proposerOrgId: 'o1',
          });
          const idx = new ConflictIndex(experts, settings, TODAY).itemConflicts(it);
          experts.forEach((e, i) => {
            assert.deepEqual(idx.get(i) ?? [], pairConflicts(e, it, settings, TODAY), `expert ${i}`);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

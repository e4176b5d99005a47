import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FirewallFacts, firewallBreaches } from './firewall.ts';

const org = (id: string) => ({ id, name: { zh: id, en: id } });
const who = (personId: string, employers: string[] = []) => ({
  personId,
  name: { zh: personId, en: personId },
  employers,
});
const facts = (over: Partial<FirewallFacts> = {}): FirewallFacts => ({
  proposerOrg: org('firm'),
  organiserOrg: org('agency'),
  host: org('uni'),
  team: [who('lead', ['uni'])],
  competitors: [],
  ...over,
});
const codes = (f: FirewallFacts) => firewallBreaches(f).map((b) => `${b.code}:${b.personId ?? b.orgId}`);

test('a team of the host alone breaches nothing', () => {
  assert.deepEqual(codes(facts()), []);
});

test('the proposer and the agency may not host; their staff may not be on a team', () => {
  assert.deepEqual(codes(facts({ host: org('firm'), team: [who('lead', ['firm'])] })), [
    'proposer_host:firm',
    'proposer_staff:lead',
  ]);
  assert.deepEqual(codes(facts({ host: org('agency') })), ['organiser_host:agency']);
  assert.deepEqual(codes(facts({ team: [who('lead', ['uni']), who('m', ['agency'])] })), [
    'organiser_staff:m',
  ]);
});

test('a firm’s staff on a competing team breach on both sides; same-host bids do not compete', () => {
  const rival = { bidId: 'r', host: org('rival'), team: [who('r-lead', ['rival'])] };
  const withStaff = facts({ team: [who('lead', ['uni']), who('x', ['rival'])], competitors: [rival] });
  assert.deepEqual(codes(withStaff), ['competitor_staff:x']);
  const mine = { bidId: 'u', host: org('uni'), team: [who('lead', ['uni']), who('x', ['rival'])] };
  assert.deepEqual(
    codes(facts({ host: org('rival'), team: [who('r-lead', ['rival'])], competitors: [mine] })),
    ['staff_on_competitor:x'],
  );
  const sibling = { bidId: 's', host: org('uni'), team: [who('other', ['uni'])] };
  assert.deepEqual(codes(facts({ competitors: [sibling] })), []);
  assert.deepEqual(codes(facts({ competitors: [{ ...sibling, team: [who('lead', ['uni'])] }] })), [
    'two_teams:lead',
  ]);
});

// Pre-filling the policy tools from registered technology contracts: the transfer calculator's
// contracts (registered from the record, costs kept, a blank row replaced, hand-typed kept) and the
// HNTE self-check's results transformed per year.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePolicyInput, TransferInputSchema } from './policy.schema.ts';
import { hnteTransformedFromRegistered, transfersFromRegistered } from './prefill.ts';
import { computeTechTransfer } from './techTransfer.ts';

const contract = (no: string, receivedFen: number) => ({
  registrationNo: no,
  name: { zh: '石英坩埚涂层专利转让', en: 'Quartz crucible coating patent' },
  amountFen: 120_000_000,
  receivedFen,
  technology: 'patent',
  mode: 'ownership',
});
const blank = {
  id: 'T1',
  name: '',
  technology: 'patent',
  mode: 'ownership',
  revenue: '0.00',
  costs: '0.00',
  relatedTaxes: '0.00',
  periodExpenses: '0.00',
  registered: true,
  fullyOwnedRelatedParty: false,
  exportRestricted: false,
};

test('registered contracts become the calculator’s contracts, registered from the record', () => {
  const saved = {
    taxYear: 2026,
    regime: 'general',
    taxRate: '0.25',
    transfers: [
      blank,
      { ...blank, id: '2026320100000001', name: 'old', costs: '1000.00', registered: false },
      { ...blank, id: 'HAND-1', name: '手填合同', revenue: '5.00', registered: false },
    ],
  };
  const { input, filled } = transfersFromRegistered(
    saved,
    [contract('2026320100000001', 80_000_005), contract('2026320100000002', 0)],
    'en',
  );
  assert.deepEqual(filled, ['2026320100000001', '2026320100000002']);
  const ts = input.transfers as Record<string, unknown>[];
  assert.deepEqual(
    ts.map((t) => [t.id, t.revenue, t.registered, t.costs]),
    [
      ['2026320100000001', '800000.05', true, '1000.00'],
      ['2026320100000002', '0.00', true, '0.00'],
      ['HAND-1', '5.00', false, '0.00'],
    ],
  );
  assert.equal(ts[0].name, 'Quartz crucible coating patent');
  // The pre-filled input is one the calculator accepts, and it counts the registered contract.
  const parsed = parsePolicyInput(TransferInputSchema, input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.errors));
  const r = computeTechTransfer(parsed.value);
  assert.equal(r.items.find((i) => i.id === '2026320100000001')?.eligible, true);
  assert.equal(r.items.find((i) => i.id === 'HAND-1')?.eligible, false);
});

test('no registered contract leaves the input as it was', () => {
  const saved = { taxYear: 2026, transfers: [blank] };
  assert.deepEqual(transfersFromRegistered(saved, [], 'zh-CN'), { input: saved, filled: [] });
});

test('the HNTE self-check counts results transformed per year from registered contracts', () => {
  const input = {
    years: [
      { year: 2023, resultsTransformed: 2 },
      { year: 2024, resultsTransformed: 0 },
      { year: 2025, resultsTransformed: 1 },
    ],
  };
  const out = hnteTransformedFromRegistered(
    input,
    new Map([
      [2024, 3],
      [2025, 4],
    ]),
  );
  assert.deepEqual(
    (out.years as { resultsTransformed: number }[]).map((y) => y.resultsTransformed),
    [2, 3, 4],
  );
});

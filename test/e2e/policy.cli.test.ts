// `jiebang policy …` as a real process, on the example inputs shipped in docs/examples/policy/.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const examples = new URL('../../docs/examples/policy/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-policy-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('jiebang policy', { timeout: 120_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('hnte prints the self-check of the example as JSON', () => {
    const r = run('policy', 'hnte', '--in', join(examples, 'hnte.json'));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.verdict, 'met');
    assert.deepEqual(out.innovation.total, { low: 75, high: 90 });
  });

  test('deduction prints the worked example to the fen', () => {
    const r = run('policy', 'deduction', '--in', join(examples, 'deduction.json'));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.figures.totalExtra, '4320000.00');
    assert.equal(out.figures.taxSaved, '1080000.00');
  });

  test('transfer prints the tax on the example: 2,500,000.00 over the limit × 12.5% = 312,500.00', () => {
    const r = run('policy', 'transfer', '--in', join(examples, 'transfer.json'));
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.figures.exemptIncome, '5000000.00');
    assert.equal(out.figures.tax, '312500.00');
  });

  test('invalid input prints each field with its message and exits 1', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        taxYear: 2024,
        transfers: [{ id: 'T', technology: 'patent', mode: 'ownership', revenue: '1.234' }],
        colour: 'red',
      }),
    );
    const r = run('policy', 'transfer', '--in', file);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^transfers\.0\.revenue: must be an amount in yuan/m);
    assert.match(r.stderr, /^colour: unknown field colour/m);
  });

  test('an unreadable or non-JSON file is an error, not a crash', () => {
    const missing = run('policy', 'hnte', '--in', join(dir, 'missing.json'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /cannot read --in .*ENOENT/);
    const file = join(dir, 'not.json');
    writeFileSync(file, '{ not json');
    assert.equal(run('policy', 'deduction', '--in', file).status, 1);
  });
});

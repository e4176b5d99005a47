// The test runner's own summary (scripts/tap-summary.mjs) on real TAP from node's runner: a skipped
// suite is reported as skipped, a file with no tests fails, and the timeout flag turns a hang into a
// failure instead of a stall.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
// @ts-expect-error: a plain ES module script without type declarations
import { summarise } from '../../scripts/tap-summary.mjs';

const dir = mkdtempSync(join(tmpdir(), 'jb-runner-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run node's test runner on the given files (written into a scratch folder) and summarise its TAP. */
function run(files: Record<string, string>, timeoutMs = 60_000) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const tap = join(dir, `out-${Object.keys(files).join('-')}.tap`);
  spawnSync(
    process.execPath,
    [
      '--test',
      `--test-timeout=${timeoutMs}`,
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...Object.keys(files),
    ],
    // Not as a child of this run: node would then report to the parent instead of the file.
    { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  return summarise(readFileSync(tap, 'utf8'), Object.keys(files)) as {
    passed: number;
    failed: number;
    skipped: number;
  };
}

const HEAD = "import { describe, test } from 'node:test';\n";

test('a skipped suite counts as skipped, with the skipped tests', () => {
  const s = run({
    'skips.test.mjs': `${HEAD}describe('needs a database', { skip: 'no database' }, () => { test('a', () => {}); });
test('one skipped test', { skip: true }, () => {});
test('one passing test', () => {});`,
  });
  assert.deepEqual({ ...s, line: undefined }, { passed: 1, failed: 0, skipped: 2, line: undefined });
});

test('a file that declares no test is a failure, not a pass', () => {
  const s = run({
    'empty.test.mjs': '// forgot the tests\n',
    'one.test.mjs': `${HEAD}test('fine', () => {});`,
  });
  assert.equal(s.passed, 1);
  assert.equal(s.failed, 1);
});

test('a hanging test fails at the timeout instead of stalling the run', () => {
  const started = Date.now();
  const s = run(
    { 'hang.test.mjs': `${HEAD}test('hangs', () => new Promise(() => setTimeout(() => {}, 600_000)));` },
    1_500,
  );
  assert.ok(Date.now() - started < 30_000, 'stopped at the timeout');
  assert.equal(s.passed, 0);
  assert.ok(s.failed >= 1);
});

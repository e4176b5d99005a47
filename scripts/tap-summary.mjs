// The counts of a test run from node's TAP report (scripts/test.mjs).
/**
 * The run's counts from its TAP report. node counts a skipped `describe` as a suite, not a skip, and
 * reports a file that declared no test as one passing test named by its path: here a skipped suite
 * is a skip and such a file is a failure.
 */
export function summarise(tapText, testFiles) {
  const count = (k) => Number(tapText.match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
  const skippedSuites = [...tapText.matchAll(/^\s*ok \d+ - (.*) # SKIP/gm)].length - count('skipped');
  const empty = [...tapText.matchAll(/^ok \d+ - (.+)$/gm)]
    .map((m) => m[1].trim())
    .filter((name) => testFiles.some((f) => name === f || name.endsWith(`/${f}`)));
  const passed = count('pass') - empty.length;
  const failed = count('fail') + count('cancelled') + empty.length;
  const skipped = count('skipped') + Math.max(0, skippedSuites);
  for (const f of empty) console.error(`no tests in ${f}: a test file must declare at least one test`);
  return { passed, failed, skipped, line: `${passed} passed, ${failed} failed, ${skipped} skipped` };
}

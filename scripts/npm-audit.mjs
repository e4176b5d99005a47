// CI gate: no high or critical advisories in production dependencies (`npm audit --omit=dev`).
// When the registry's audit endpoint cannot answer (some mirrors and proxies refuse it with 405),
// the check did not run: say so loudly, and fail too when JIEBANG_AUDIT_REQUIRED=1, so an
// unreachable endpoint is never mistaken for a clean result.
import { spawnSync } from 'node:child_process';

const required = process.env.JIEBANG_AUDIT_REQUIRED === '1';
const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
let report;
try {
  report = JSON.parse(r.stdout || '{}');
} catch {
  report = {};
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  const why = report.error
    ? `HTTP ${report.statusCode ?? '?'} ${report.error.summary || report.message || ''}`.trim()
    : (r.error?.message ?? r.stderr.split('\n').find((l) => /error|warn/i.test(l)) ?? `exit ${r.status}`);
  console.error('');
  console.error('npm-audit: WARNING — the production dependency audit COULD NOT RUN.');
  console.error(`npm-audit: the registry audit endpoint did not answer with a report (${why}).`);
  console.error('npm-audit: known advisories were NOT checked; run `npm audit --omit=dev` where the');
  console.error('npm-audit: public registry is reachable, or set JIEBANG_AUDIT_REQUIRED=1 to fail here.');
  console.error('');
  process.exit(required ? 1 : 0);
}
const bad = (counts.high ?? 0) + (counts.critical ?? 0);
console.log(
  `npm-audit: production dependencies — critical ${counts.critical ?? 0}, high ${counts.high ?? 0}, ` +
    `moderate ${counts.moderate ?? 0}, low ${counts.low ?? 0}`,
);
if (bad > 0) {
  for (const [name, v] of Object.entries(report.vulnerabilities ?? {})) {
    if (v.severity === 'high' || v.severity === 'critical')
      console.error(`npm-audit: ${v.severity} ${name} ${v.range ?? ''}`);
  }
  console.error('npm-audit: FAILED — high or critical advisories in production dependencies.');
  process.exit(1);
}

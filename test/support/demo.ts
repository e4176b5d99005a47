// The README's demo logins: its password and its login table, as [role label, email] rows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

export function readmeLogins(): { password: string; rows: [string, string][] } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const password = /Every demo account uses the password `([^`]+)`/.exec(readme)?.[1];
  assert.ok(password, 'the README names the demo password');
  const table = readme.slice(readme.indexOf('| role | login |'));
  const rows: [string, string][] = [];
  for (const line of table.split('\n').slice(2)) {
    const m = /^\|\s*(.+?)\s*\|\s*`([^`]+@[^`]+)`\s*\|$/.exec(line.trim());
    if (!m) break;
    rows.push([m[1], m[2]]);
  }
  return { password, rows };
}

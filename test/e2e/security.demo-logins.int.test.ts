// The README's demo logins work: every row of its login table, after `demo load`, logs in with
// the password the README gives and holds the role the row names; and every demo account is in it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ROLES } from '../../src/app/context.ts';
import { demoLogins } from '../../src/demo/demo-data.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { readmeLogins } from '../support/demo.ts';

/** The membership role a README label names: the one role word in it ("integrity officer" → integrity_officer). */
function roleOf(label: string): string {
  const words: Record<string, string> = { 'expert evaluator': 'evaluator', 'platform admin': 'admin' };
  const found = ROLES.filter(
    (r) => label.toLowerCase().includes(r.replace('_', ' ')) || words[label.toLowerCase()] === r,
  );
  assert.equal(found.length, 1, `the README row "${label}" must name exactly one role: ${found}`);
  return found[0];
}

test('the README login table lists every demo account, each once', () => {
  const listed = readmeLogins().rows.map(([, email]) => email);
  assert.equal(new Set(listed).size, listed.length, 'no login twice');
  assert.deepEqual(
    [...listed].sort(),
    demoLogins()
      .map((l) => l.email)
      .sort(),
  );
});

for (const kind of backends()) {
  describe(`README demo logins (${kind})`, { timeout: 180_000 }, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
      await loadDemo({ db: t.database.db, now: () => new Date() });
    });
    after(() => t.close());

    test('the integrity officer has a duplicate-submission flag to look at', async () => {
      const c = t.client();
      assert.equal((await c.login('integrity@demo.jiebang.cn', readmeLogins().password)).status, 200);
      const flags = (await c.get('/api/integrity/duplicates')).body as { state: string }[];
      assert.ok(
        flags.some((f) => f.state === 'open'),
        JSON.stringify(flags),
      );
    });

    test('every login in the README table signs in and holds the role its row names', async () => {
      const { password, rows } = readmeLogins();
      assert.ok(rows.length >= 7, `the README login table has ${rows.length} rows`);
      const roles = new Set<string>();
      for (const [label, email] of rows) {
        const role = roleOf(label);
        roles.add(role);
        const c = t.client();
        const r = await c.login(email, password);
        assert.equal(r.status, 200, `${label} ${email}: ${JSON.stringify(r.body)}`);
        const s = (await c.session()).body as { person: { email: string }; roles: { role: string }[] };
        assert.equal(s.person.email, email);
        assert.ok(
          s.roles.some((g) => g.role === role),
          `${email} should be ${role}, has ${s.roles.map((g) => g.role).join(', ')}`,
        );
      }
      // Each role of the platform has its demo login.
      assert.deepEqual([...roles].sort(), [...ROLES].sort());
    });
  });
}

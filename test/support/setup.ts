// Runs once before the test files: a migrated PGlite snapshot, and (when a PostgreSQL
// server is given) a migrated template database that each test file clones.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/db/db.ts';
import { TEMPLATE_DB, withDatabase } from './pg.ts';

const tmp = process.env.JIEBANG_TEST_TMP!;
const t0 = Date.now();
const lite = await openDatabase({ dataDir: 'memory://', appRole: false });
const dump = await lite.pglite!.dumpDataDir('none');
writeFileSync(join(tmp, 'pglite-template.tar'), Buffer.from(await dump.arrayBuffer()));
await lite.close();
console.log(`test setup: PGlite template ready in ${Date.now() - t0} ms`);

const url = process.env.TEST_DATABASE_URL;
if (url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const tpl = await openDatabase({ url: withDatabase(url, TEMPLATE_DB), appRole: false });
  await tpl.close();
  console.log(`test setup: PostgreSQL template ${TEMPLATE_DB} ready`);
}

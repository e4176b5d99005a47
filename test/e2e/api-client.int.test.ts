// The web client's types (web/src/api/schema.d.ts) are generated from the server's OpenAPI
// document; this fails when a route changed and `npm run gen:api` was not run and committed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apiTypes, hoistErrorBodies, openApiDocument, SCHEMA_FILE } from '../../scripts/api-types.ts';
import { freshDatabase } from '../support/db.ts';

test('web/src/api/schema.d.ts is generated from the current OpenAPI document (npm run gen:api)', async () => {
  const database = await freshDatabase('pglite');
  try {
    const doc = await openApiDocument(database);
    const fresh = await apiTypes(doc);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    assert.ok(
      fresh === committed,
      'web/src/api/schema.d.ts is stale: run `npm run gen:api` and commit the file',
    );
    // The typed client knows the routes the shell calls.
    for (const route of ['"/api/auth/session"', '"/api/challenges"'])
      assert.ok(committed.includes(route), route);
  } finally {
    await database.close();
  }
});

test('error bodies are hoisted into one shared schema and referred to', () => {
  const err = { type: 'object', properties: { code: { type: 'string' } } };
  const doc = {
    paths: {
      '/a': {
        get: { responses: { 200: { content: { 'application/json': { schema: { type: 'string' } } } } } },
      },
      '/b': {
        post: {
          responses: {
            400: { content: { 'application/json': { schema: err } } },
            404: { content: { 'application/json': { schema: structuredClone(err) } } },
          },
        },
      },
    },
  };
  const out = hoistErrorBodies(doc) as any;
  assert.deepEqual(out.components.schemas.ErrorBody, err);
  assert.deepEqual(out.paths['/b'].post.responses[404].content['application/json'].schema, {
    $ref: '#/components/schemas/ErrorBody',
  });
  assert.deepEqual(out.paths['/a'].get.responses[200].content['application/json'].schema, { type: 'string' });
});

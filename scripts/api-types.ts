// The web client's types, generated from the server's own OpenAPI document: the server is built
// in-process on a throwaway database (no listening port), its document turned into TypeScript by
// openapi-typescript. `npm run gen:api` writes the result; a test compares it with the committed file.
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { loadConfig } from '../src/config.ts';
import { type Database, openDatabase } from '../src/db/db.ts';
import { buildServer } from '../src/http/server.ts';

export const SCHEMA_FILE = new URL('../web/src/api/schema.d.ts', import.meta.url);

/** The server's OpenAPI document, built on `database` (a fresh in-memory one when omitted). */
export async function openApiDocument(database?: Database): Promise<object> {
  const db = database ?? (await openDatabase({ dataDir: 'memory://' }));
  const app = await buildServer({ database: db, config: loadConfig({}) });
  try {
    await app.ready();
    return app.swagger() as object;
  } finally {
    await app.close();
    if (!database) await db.close();
  }
}

type Json = Record<string, unknown>;

/**
 * Every operation documents the same error body for each 4xx status; inlined, that is a
 * megabyte of repeated types. Hoist each distinct error schema into components.schemas
 * (ErrorBody, ErrorBody2, …) and refer to it.
 */
export function hoistErrorBodies(doc: Json): Json {
  const out = structuredClone(doc) as Json & { paths?: Json; components?: { schemas?: Json } };
  const names = new Map<string, string>();
  const schemas: Json = { ...(out.components?.schemas ?? {}) };
  for (const item of Object.values(out.paths ?? {}) as Json[])
    for (const op of Object.values(item) as Json[]) {
      const responses = (op?.responses ?? {}) as Record<string, Json>;
      for (const [status, res] of Object.entries(responses)) {
        const media = (res?.content as Record<string, Json> | undefined)?.['application/json'];
        if (Number(status) < 400 || !media?.schema) continue;
        const key = JSON.stringify(media.schema);
        let name = names.get(key);
        if (!name) {
          name = names.size === 0 ? 'ErrorBody' : `ErrorBody${names.size + 1}`;
          names.set(key, name);
          schemas[name] = media.schema;
        }
        media.schema = { $ref: `#/components/schemas/${name}` };
      }
    }
  out.components = { ...(out.components ?? {}), schemas };
  return out;
}

/** The TypeScript text of web/src/api/schema.d.ts for this document. */
export async function apiTypes(doc: object): Promise<string> {
  const hoisted = hoistErrorBodies(doc as Json);
  const ast = await openapiTS(hoisted as unknown as Parameters<typeof openapiTS>[0], { alphabetize: true });
  return COMMENT_HEADER + astToString(ast);
}

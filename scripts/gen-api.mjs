#!/usr/bin/env node
// npm run gen:api — regenerates web/src/api/schema.d.ts from the server's OpenAPI document.
// Run after changing any route's schema, and commit the file (a test fails when it is stale).
import { writeFileSync } from 'node:fs';
import { apiTypes, openApiDocument, SCHEMA_FILE } from './api-types.ts';

const text = await apiTypes(await openApiDocument());
writeFileSync(SCHEMA_FILE, text);
console.log(`wrote ${SCHEMA_FILE.pathname.replace(`${process.cwd()}/`, '')} (${text.length} bytes)`);

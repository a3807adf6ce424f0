/**
 * Writes schemas/framework.schema.json, the JSON Schema of a framework file, from the zod schema in
 * core/framework.ts (the single source of truth), so an editor completes and checks a framework file.
 * `--check` exits 1 when the file is out of date (a test runs the same comparison).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { frameworkSchema } from '../core/framework';
import { formatJson } from '../core/jsonText';

/** Where the schema is shipped. */
export const SCHEMA_PATH = join(__dirname, '..', 'schemas', 'framework.schema.json');

/** The JSON Schema text. */
export function frameworkJsonSchema(): string {
  const schema = z.toJSONSchema(frameworkSchema, { target: 'draft-2020-12', io: 'input' });
  return formatJson({
    ...schema,
    title: 'School risk register: a local authority\'s school-improvement framework',
    description: 'Generated from core/framework.ts by scripts/generate-framework-schema.ts: do not edit. What each part means: docs/authoring-a-framework.md.',
  });
}

if (process.argv[1] && /generate-framework-schema\.ts$/.test(process.argv[1])) {
  const next = frameworkJsonSchema();
  const now = (() => {
    try {
      return readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      return '';
    }
  })();
  if (process.argv.includes('--check')) {
    if (now !== next) {
      console.error(`${SCHEMA_PATH} is out of date: run npx tsx scripts/generate-framework-schema.ts`);
      process.exitCode = 1;
    }
  } else if (now !== next) {
    writeFileSync(SCHEMA_PATH, next);
    console.log(`wrote ${SCHEMA_PATH}`);
  }
}

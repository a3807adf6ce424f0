/** The bad-input corpus's manifest (test/fixtures/bad-input, made by scripts/generate-bad-input.ts), shared by the CLI and task pane tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const BAD_INPUT_FIXTURES = join(__dirname, '../fixtures/bad-input');

/** One case: the file, the framework, and the message it must give. */
export interface BadInputCase {
  id: string;
  file: string;
  framework: string;
  what: string;
  expect: 'row-error' | 'row-warning' | 'accepted' | 'provisional' | 'register-warning' | 'fatal';
  row?: number;
  column?: string;
  message: string;
  /** What the command line must also say about how the file was read. */
  note?: string;
}

/** The manifest: the as-of date and the cases. */
export const badInputManifest = JSON.parse(readFileSync(join(BAD_INPUT_FIXTURES, 'manifest.json'), 'utf8')) as { asOf: string; cases: BadInputCase[] };

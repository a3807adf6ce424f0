/**
 * The registers other programs saved (openpyxl, LibreOffice, XlsxWriter, Gnumeric): test/fixtures/producers,
 * described by its generated manifest.json (scripts/producers/README.md). Tests that meet analysts' files
 * take the list from here, so a producer added to the manifest is tested everywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PRODUCER_FIXTURES = 'test/fixtures/producers';

/** Each register's path, in the manifest's order. */
export const PRODUCER_REGISTERS: readonly string[] = (JSON.parse(readFileSync(join(PRODUCER_FIXTURES, 'manifest.json'), 'utf8')) as { workbooks: { file: string }[] }).workbooks.map((w) => join(PRODUCER_FIXTURES, w.file));

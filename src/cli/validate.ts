/**
 * `schoolrisk validate`: which headers mapped to which fields, which columns were not used, and every
 * problem by row, column and value, without categorising anything.
 */
import { basename } from 'node:path';
import type { CalendarDate } from '../../core/dates';
import { FIELDS } from '../../core/fields';
import { readRegister } from '../../core/record';
import { locateRegister } from '../run/locateRegister';
import { readSheetGrid } from '../workbook/readFile';
import { CliError } from './cliError';

/** Validates a register; resolves to the number of problems found. */
export async function validateCommand(args: { register: string; sheet?: string; asOf: CalendarDate; print: (t: string) => void }): Promise<number> {
  const grid = await readSheetGrid(args.register, args.sheet);
  const located = locateRegister(grid.values);
  if (!located) throw new CliError(`"${basename(args.register)}" (sheet "${grid.sheet}") has no header row: expected a row naming the columns, with a "URN" column, within the first 30 rows.`);
  const read = readRegister(located.headerRow, located.rows, { asOf: args.asOf, headerRowNumber: located.headerIndex + 1, mapping: located.mapping });
  const p = args.print;
  for (const w of grid.warnings ?? []) p(`Note: ${w}\n\n`);
  p(`Header row: row ${located.headerIndex + 1} of sheet "${grid.sheet}"\n\nColumns mapped to fields:\n`);
  for (const c of read.mapping.columns) if (c.field) p(`  ${c.header.padEnd(36)} -> ${FIELDS[c.field].label} (${c.field})\n`);
  p(`\nColumns not used (left as they are):\n`);
  if (read.mapping.unused.length === 0) p('  (none)\n');
  for (const c of read.mapping.unused) p(`  ${c.header}\n`);
  const problems = [...read.mapping.problems, ...read.problems];
  p(`\n${read.records.filter(Boolean).length} data rows, ${problems.length} problem(s)${problems.length ? ':' : '.'}\n`);
  for (const x of problems) p(`  [${x.severity}] ${x.message}\n`);
  return problems.length;
}

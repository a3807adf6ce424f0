/**
 * `schoolrisk validate`: which headers mapped to which fields, which columns were not used, and every
 * problem by row, column and value, without writing anything. With `--framework` it is the run
 * `categorise` makes (src/run/registerRun.ts), so the two report the same problems: a missing column, a
 * bad cell in a column the framework reads (an error) or does not (a warning), a missing-data code, an
 * override that names no category. Without it, the cells as read, every bad one an error, and which
 * frameworks the register has the columns for. Exits 1 when it reports an error (or no framework can run
 * the register), so a script can stop on it.
 */
import { checkColumns } from '../../core/columns';
import type { CalendarDate } from '../../core/dates';
import { allFrameworks } from '../../core/frameworks';
import { FIELDS } from '../../core/fields';
import type { HeaderMapping } from '../../core/headers';
import type { Problem } from '../../core/problems';
import { readRegister } from '../../core/record';
import { allProblems } from '../../core/register';
import { belowTableNote, locateRegister } from '../run/locateRegister';
import { planRun, RunError } from '../run/registerRun';
import { readSheetGrid, registerSource, type ReadLimits } from '../workbook/readFile';
import { CliError } from './cliError';
import { resolveFramework, resolveRunSettings } from './framework';

/** Arguments of one `validate` run. */
export interface ValidateArgs {
  readonly register: string;
  readonly framework?: string;
  readonly sheet?: string;
  readonly asOf: CalendarDate;
  readonly print: (t: string) => void;
  readonly limits?: ReadLimits;
  readonly param?: readonly string[];
  readonly params?: string;
}

/** Validates a register; resolves to the problems it reported. Throws `CliError` (exit 1) when it reports an error. */
export async function validateCommand(args: ValidateArgs): Promise<readonly Problem[]> {
  const fw = args.framework === undefined ? undefined : await resolveFramework(args.framework, args.print);
  const settings = fw ? await resolveRunSettings(fw, args.asOf, args) : undefined;
  if (!fw && (args.param?.length || args.params)) throw new CliError('--param and --params set a framework\'s parameters: give the framework with --framework.');
  const grid = await readSheetGrid(args.register, args.sheet, args.limits);
  const source = registerSource(args.register, grid);
  const p = args.print;
  for (const w of grid.warnings ?? []) p(`Note: ${w}\n\n`);

  let headerRow: number;
  let mapping: HeaderMapping;
  let rows: number;
  let problems: readonly Problem[];
  let belowTable: string | null;
  if (fw) {
    try {
      const plan = planRun(grid.values, { framework: fw, asOf: args.asOf, settings, source, marker: grid.marker, occupied: grid.occupied, previousRun: grid.previousRun, sheetTables: grid.sheetTables, dateSystem: grid.dateSystem, movedDates: grid.isDateCell, percentCells: grid.isPercentCell });
      ({ mapping } = plan.located);
      belowTable = belowTableNote(plan.located);
      headerRow = plan.located.headerIndex + 1;
      rows = plan.rows.length;
      problems = allProblems(plan.outcome);
    } catch (e) {
      // The columns the framework needs and the register lacks are problems to list, like any other.
      if (!(e instanceof RunError) || e.problems.length === 0) throw e instanceof RunError ? new CliError(e.message) : e;
      const located = locateRegister(grid.values, 1, undefined, grid.sheetTables)!;
      ({ mapping } = located);
      belowTable = belowTableNote(located);
      headerRow = located.headerIndex + 1;
      rows = located.rows.filter((r) => r.some((c) => c !== '')).length;
      problems = e.problems;
    }
  } else {
    const located = locateRegister(grid.values, 1, undefined, grid.sheetTables);
    if (!located) throw new CliError(`${source} has no header row: expected a row naming the columns, with a "URN" column, within the first 30 rows.`);
    belowTable = belowTableNote(located);
    const read = readRegister(located.headerRow, located.rows, { asOf: args.asOf, headerRowNumber: located.headerIndex + 1, mapping: located.mapping });
    ({ mapping } = read);
    headerRow = located.headerIndex + 1;
    rows = read.records.filter(Boolean).length;
    problems = [...read.mapping.problems, ...read.problems];
  }

  p(`Header row: row ${headerRow} of sheet "${grid.sheet}"${fw ? `; checked against ${fw.definition.name}` : '; no framework given, so every unreadable cell is an error (with --framework, one in a column the framework does not read is a warning)'}\n\nColumns mapped to fields:\n`);
  for (const c of mapping.columns) if (c.field) p(`  ${c.header.padEnd(36)} -> ${FIELDS[c.field].label} (${c.field})\n`);
  p(`\nColumns not used (left as they are):\n`);
  if (mapping.unused.length === 0) p('  (none)\n');
  for (const c of mapping.unused) p(`  ${c.header}\n`);
  if (belowTable) p(`\nNote: ${belowTable}\n`);
  const errors = problems.filter((x) => x.severity === 'error').length;
  p(`\n${rows} data rows, ${problems.length} problem(s), ${errors} error(s)${problems.length ? ':' : '.'}\n`);
  for (const x of problems) p(`  [${x.severity}] ${x.message}\n`);
  let runnable = true;
  if (!fw) {
    // Without a framework, the columns each one needs: a register none can run is not a valid register.
    p('\nFrameworks (run validate --framework <id> for the problems as that framework reads them):\n');
    const checks = allFrameworks().map((f) => ({ f, missing: checkColumns(f, mapping).missing }));
    for (const { f, missing } of checks) p(`  ${f.definition.id.padEnd(14)} ${missing.length === 0 ? 'has the columns it needs' : `cannot run: no column for ${missing.map((n) => n.as).join(', ')}`}\n`);
    runnable = checks.some((c) => c.missing.length === 0);
  }
  if (errors > 0) throw new CliError(`${source}: ${errors} error(s) reported above.`);
  if (!runnable) throw new CliError(`${source}: no framework has the columns it needs in this register (listed above).`);
  return problems;
}

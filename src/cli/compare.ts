/**
 * `schoolrisk compare`: each school's category under every framework, side by side, so an analyst
 * can see how the authorities' rules differ on the same register.
 */
import { categoryText } from '../../core/categoryText';
import type { CalendarDate } from '../../core/dates';
import { allFrameworks } from '../../core/frameworks';
import { categoriseRegister } from '../../core/register';
import { belowTableNote, locateRegister } from '../run/locateRegister';
import { registerRowsIn1900System } from '../run/workbookDates';
import { registerRowsAsShown } from '../run/percentCells';
import { readSheetGrid, registerSource, type ReadLimits } from '../workbook/readFile';
import { CliError } from './cliError';

/** One school's categories under every framework (`null` where a problem stopped the row). */
export interface ComparisonRow {
  readonly row: number;
  readonly urn: string | null;
  readonly name: string;
  readonly categories: Readonly<Record<string, string | null>>;
}

/** Compares the frameworks on one register. */
export async function compareCommand(args: { register: string; sheet?: string; asOf: CalendarDate; print: (t: string) => void; limits?: ReadLimits }): Promise<ComparisonRow[]> {
  const grid = await readSheetGrid(args.register, args.sheet, args.limits);
  const located = locateRegister(grid.values, 1, undefined, grid.sheetTables);
  if (!located) throw new CliError(`${registerSource(args.register, grid)} has no header row: expected a row naming the columns, with a "URN" column, within the first 30 rows.`);
  const below = belowTableNote(located);
  if (below) args.print(`Note: ${below}\n\n`);
  const frameworks = allFrameworks();
  const rows1900 = registerRowsAsShown(located, registerRowsIn1900System(located, grid.dateSystem, grid.isDateCell), grid.isPercentCell);
  const outcomes = frameworks.map((fw) => categoriseRegister(fw, located.headerRow, rows1900, { asOf: args.asOf, headerRowNumber: located.headerIndex + 1, mapping: located.mapping }));
  const rows: ComparisonRow[] = outcomes[0]!.rows.map((r, i) => ({
    row: r.row,
    urn: r.urn,
    name: r.record.schoolName ?? '',
    categories: Object.fromEntries(frameworks.map((fw, k) => {
      const row = outcomes[k]!.rows[i]!;
      const res = row.result;
      return [fw.definition.id, res ? categoryText(res.label, res.variant?.label, row.provisional !== null) : null];
    })),
  }));
  const ids = frameworks.map((f) => f.definition.id);
  const shown = (r: ComparisonRow, k: number) => r.categories[ids[k]!] ?? (outcomes[k]!.fatal ? '(not run)' : '(problems)');
  const widths = ids.map((id, k) => Math.max(id.length, ...rows.map((r) => shown(r, k).length)));
  const nameWidth = Math.min(32, Math.max(6, ...rows.map((r) => r.name.length)));
  const line = (cells: string[]) => cells.join('  ');
  args.print(`${line(['Row'.padStart(5), 'URN'.padEnd(6), 'School'.padEnd(nameWidth), ...ids.map((id, k) => id.padEnd(widths[k]!))])}\n`);
  for (const r of rows) {
    args.print(`${line([String(r.row).padStart(5), (r.urn ?? '').padEnd(6), r.name.slice(0, nameWidth).padEnd(nameWidth), ...ids.map((_, k) => shown(r, k).padEnd(widths[k]!))])}\n`);
  }
  // A framework the register lacks columns for ran on no row: say why, not only "(problems)".
  for (const [k, o] of outcomes.entries()) {
    if (o.fatal) args.print(`\n${frameworks[k]!.definition.id}: not run, ${o.registerProblems.filter((p) => p.severity === 'error').map((p) => p.message).join(' ')}\n`);
  }
  return rows;
}

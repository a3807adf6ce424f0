/**
 * `schoolrisk categorise`: reads the register, runs the shared run on it, writes the results (.xlsx
 * copy, .csv or .json) and prints a summary. Invalid rows are reported, never fatal; a file the run
 * cannot start on is.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, basename } from 'node:path';
import ExcelJS from 'exceljs';
import { toUkDate, type CalendarDate } from '../../core/dates';
import { frameworkById, unknownFrameworkMessage } from '../../core/frameworks';
import { planRun, runRecord, RunError, type RunPlan } from '../run/registerRun';
import { resultsJson } from '../run/resultsJson';
import type { Cell } from '../workbook/cell';
import { readSheetGrid } from '../workbook/readFile';
import { outputKind, resultsCsv, writeResultsWorkbook } from '../workbook/writeFile';
import { CliError } from './cliError';
import { progress } from './progress';

/** Arguments of one `categorise` run. */
export interface CategoriseArgs {
  readonly register: string;
  readonly framework: string;
  readonly sheet?: string;
  readonly asOf: CalendarDate;
  readonly out: string;
  readonly print: (text: string) => void;
  readonly now?: Date;
}

/** Runs `categorise`; throws `CliError` for what stops the whole run. */
export async function categoriseCommand(args: CategoriseArgs): Promise<RunPlan> {
  const fw = frameworkById(args.framework);
  if (!fw) throw new CliError(unknownFrameworkMessage(args.framework));
  const kind = outputKind(args.out);
  if (!kind) throw new CliError(`Cannot write "${args.out}": expected an output file ending .xlsx, .csv or .json.`);

  const bar = progress('Categorising', 4);
  const grid = await readSheetGrid(args.register, args.sheet);
  bar.tick('read');
  const source = `"${basename(args.register)}" (sheet "${grid.sheet}")`;
  let plan: RunPlan;
  try {
    plan = planRun(grid.values, { framework: fw, asOf: args.asOf, source, fileWarnings: grid.warnings });
  } catch (e) {
    bar.stop();
    if (e instanceof RunError) throw new CliError(e.message);
    throw e;
  }
  bar.tick('categorised');

  await mkdir(dirname(args.out), { recursive: true });
  if (kind === 'json') {
    await writeFile(args.out, `${JSON.stringify(resultsJson(plan.outcome), null, 2)}\n`);
  } else if (kind === 'csv') {
    await writeFile(args.out, resultsCsv(grid.values, plan));
  } else {
    const record = runRecord(plan, { framework: fw, asOf: args.asOf, source, ranAt: args.now ?? new Date(), fileWarnings: grid.warnings });
    const workbook = grid.workbook ?? workbookFromGrid(grid.sheet, grid.values);
    await writeResultsWorkbook(args.out, workbook, grid.sheet, plan, { title: `${fw.definition.name}: SIG summary`, asOf: toUkDate(args.asOf), record });
  }
  bar.tick('written');
  bar.stop();
  for (const w of grid.warnings ?? []) args.print(`Note: ${w}\n`);
  args.print(summaryTable(plan, fw.definition.name, args.out));
  return plan;
}

/** A CSV register becomes a one-sheet workbook, cells as they were read. */
function workbookFromGrid(sheet: string, values: readonly (readonly Cell[])[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const row of values) ws.addRow([...row]);
  return wb;
}

/** The terminal summary: counts per category, and where the results went. */
export function summaryTable(plan: RunPlan, name: string, out: string): string {
  const s = plan.summary;
  const width = Math.max(28, ...s.counts.map((c) => c.label.length + 2));
  const lines = s.counts.map((c) => `  ${c.label.padEnd(width)} ${String(c.schools).padStart(5)}${c.provisional ? `  (${c.provisional} provisional: blank cells could make them more concerning)` : ''}`);
  const moved = s.movements.length ? `\n  ${s.movements.length} school(s) changed category since the previous run.` : '';
  const absent = s.absentColumns.length ? `\nNot in this register (the run went ahead without them):\n${s.absentColumns.map((a) => `  ${a.note}`).join('\n')}` : '';
  return `${name}: ${plan.rows.length} schools\n${lines.join('\n')}\n  ${'Not categorised (problems)'.padEnd(width)} ${String(s.notCategorised).padStart(5)}${moved}${absent}\nResults written to ${out}\n`;
}

/**
 * `schoolrisk categorise`: reads the register, runs the shared run on it, writes the results (.xlsx
 * copy, .csv or .json) and prints a summary. Invalid rows are reported, never fatal; a file the run
 * cannot start on is.
 */
import { basename, extname } from 'node:path';
import type { CalendarDate } from '../../core/dates';
import type { InspectionOptions } from '../../core/deriveFacts';
import type { RunSettings } from '../../core/parameters';
import { buildPack } from '../run/pack';
import { planRun, provenance, RunError, type RunPlan } from '../run/registerRun';
import { readRunLog, runLogRow } from '../run/runLog';
import { resultsJson } from '../run/resultsJson';
import { readSheetGrid, registerSource, type ReadLimits, type SheetGrid } from '../workbook/readFile';
import { csvFormulaNote, outputKind, resultsCsv } from '../workbook/writeFile';
import { workbookFromGrid } from '../workbook/xlsx/newWorkbook';
import { openRegisterWorkbook } from '../workbook/xlsx/registerWorkbook';
import { writeWorkbookCopy } from '../workbook/xlsx/writeCopy';
import { CliError } from './cliError';
import { packPdf } from '../pdf/packPdf';
import { resolveFramework, resolveRunSettings } from './framework';
import { claimOutput, type OutputOptions } from './outputFile';
import { progress } from './progress';

/** Arguments of one `categorise` run. */
export interface CategoriseArgs {
  readonly register: string;
  readonly framework: string;
  readonly sheet?: string;
  readonly asOf: CalendarDate;
  readonly out: string;
  /** Also write the SIG pack (the summary and a page per school of concern) as a PDF here. */
  readonly pdf?: string;
  readonly print: (text: string) => void;
  readonly now?: Date;
  readonly limits?: ReadLimits;
  /** `--param name=value`, in order (later wins). */
  readonly param?: readonly string[];
  /** `--params <file.json>`. */
  readonly params?: string;
  /** Horizon, window coverage and rules of the inspection outlook (each optional). */
  readonly inspection?: InspectionOptions;
  /** Test seam for the output file. */
  readonly output?: OutputOptions;
}

/** The inspection options that are national parameters too: `--param` (or `--params`) can set each of them as well. */
const ALSO_PARAMETERS = [['windowCoverage', '--window-coverage', 'windows.coverage'], ['horizonMonths', '--horizon-months', 'risk.horizonMonths']] as const;

/** An inspection option and a parameter setting the same value: refused, rather than one kept and the run record naming the other. */
function refuseSetTwice(settings: RunSettings, inspection: InspectionOptions | undefined): void {
  for (const [key, option, name] of ALSO_PARAMETERS) {
    // Given, not only changed: a parameter at its default beside an option would be overridden with no word.
    const param = settings.given?.find((c) => c.startsWith(`${name}=`));
    if (inspection?.[key] !== undefined && param) throw new CliError(`${option} and the parameter ${param} (--param or --params) both set ${name}: give one of them, so that the run record says the value used.`);
  }
}

/** Runs `categorise`; throws `CliError` for what stops the whole run. */
export async function categoriseCommand(args: CategoriseArgs): Promise<RunPlan> {
  const fw = await resolveFramework(args.framework, args.print);
  const settings = await resolveRunSettings(fw, args.asOf, args);
  refuseSetTwice(settings, args.inspection);
  const kind = outputKind(args.out);
  if (!kind) throw new CliError(`Cannot write "${args.out}": expected an output file ending .xlsx (.xlsm for a workbook with macros), .csv or .json.`);
  if (args.pdf !== undefined && extname(args.pdf).toLowerCase() !== '.pdf') throw new CliError(`Cannot write "${args.pdf}": --pdf expects a file ending .pdf.`);
  // Everything about the outputs is checked, and the outputs locked, before any work is done.
  const claim = await claimOutput(args.out, args.register, args.output);
  const pdfClaim = args.pdf === undefined ? null : await claimOutput(args.pdf, args.register, args.output).catch(async (e: unknown) => {
    await claim.release();
    throw e;
  });
  const bar = progress('Categorising', 4);
  let grid: SheetGrid | null = null;
  try {
    grid = await readSheetGrid(args.register, args.sheet, args.limits);
    bar.tick('read');
    const source = registerSource(args.register, grid);
    let plan: RunPlan;
    try {
      plan = planRun(grid.values, { framework: fw, asOf: args.asOf, settings, source, marker: grid.marker, occupied: grid.occupied, previousRun: grid.previousRun, fileWarnings: grid.warnings, inspection: args.inspection, sheetTables: grid.sheetTables, dateSystem: grid.dateSystem, movedDates: grid.isDateCell, percentCells: grid.isPercentCell });
    } catch (e) {
      if (e instanceof RunError) throw new CliError(e.message);
      throw e;
    }
    bar.tick('categorised');
    const notes: string[] = [...(grid.warnings ?? [])];
    const ranAt = args.now ?? new Date();
    // The pack reads the earlier runs from the workbook's Run log (a CSV or JSON output has none).
    const packOf = (runLog: Parameters<typeof readRunLog>[0]) => buildPack(plan, fw, { asOf: args.asOf, ranAt, source, history: readRunLog(runLog), settings, inspection: args.inspection });
    if (kind === 'json') {
      await claim.write(textOut(`${JSON.stringify(resultsJson(plan.outcome, provenance(fw, args.asOf, settings, args.inspection)), null, 2)}\n`));
    } else if (kind === 'csv') {
      // The cells as the workbook holds them: the grid the run read repeats a merged area's value in every
      // cell it covers (a title merged over A1:H1 would be written eight times); Excel's own CSV has it once.
      const cells = grid.workbook?.read.values ?? grid.values;
      await claim.write(textOut(resultsCsv(cells, plan, grid.isDateCell, grid.shownAs)));
      notes.push(...plan.placement.notes);
      const formulas = csvFormulaNote(cells);
      if (formulas) notes.push(formulas);
    }
    let pack = kind === 'xlsx' ? null : packOf([]);
    if (kind === 'xlsx') {
      const wb = grid.workbook ?? (await openRegisterWorkbook(await workbookFromGrid(grid.sheet, grid.values), undefined));
      const runOptions = { framework: fw, asOf: args.asOf, settings, source, ranAt, fileWarnings: grid.warnings, inspection: args.inspection };
      pack = packOf(wb.runLog ?? []);
      const written = pack;
      const logRow = runLogRow(plan, runOptions);
      // Excel opens a workbook with macros only as .xlsm, and one without only as .xlsx.
      const asMacro = extname(args.out).toLowerCase() === '.xlsm';
      if (wb.info.macroEnabled !== asMacro) {
        throw new CliError(wb.info.macroEnabled
          ? `"${basename(args.register)}" holds macros, which Excel opens only from an .xlsm file: write the copy as --out ${basename(args.out).replace(/\.[^.]+$/, '')}.xlsm (the macros are kept as they are).`
          : `Cannot write "${args.out}": an .xlsm file is for a workbook with macros, and this register has none. Write it as .xlsx.`);
      }
      await claim.write(async (out) => {
        const copy = await writeWorkbookCopy(wb, plan, { framework: fw, asOf: args.asOf, pack: written, logRow }, out);
        notes.push(...copy.notes);
      });
    }
    if (pdfClaim && pack) {
      const bytes = await packPdf(pack);
      await pdfClaim.write(async (out) => {
        const w = out.getWriter();
        await w.write(bytes);
        await w.close();
      });
      notes.push(`The SIG pack (the summary and ${pack.profiles.length} school profile${pack.profiles.length === 1 ? '' : 's'}) is in ${args.pdf}.`);
    }
    bar.tick('written');
    bar.stop();
    args.print(summaryTable(plan, fw.definition.name, args.out, notes));
    return plan;
  } catch (e) {
    bar.stop();
    await claim.release();
    await pdfClaim?.release();
    throw e;
  } finally {
    await grid?.workbook?.pkg.close().catch(() => undefined);
  }
}

/** Writes a text to the output stream, in UTF-8. */
function textOut(text: string): (out: WritableStream<Uint8Array>) => Promise<void> {
  return async (out) => {
    const w = out.getWriter();
    await w.write(new TextEncoder().encode(text));
    await w.close();
  };
}

/** The terminal summary: counts per category, and where the results went. */
export function summaryTable(plan: RunPlan, name: string, out: string, notes: readonly string[] = []): string {
  const s = plan.summary;
  const width = Math.max(28, ...s.counts.map((c) => c.label.length + 2));
  const lines = s.counts.map((c) => `  ${c.label.padEnd(width)} ${String(c.schools).padStart(5)}${c.provisional ? `  (${c.provisional} provisional: blank cells could make them more concerning)` : ''}`);
  const moved = s.movements.length ? `\n  ${s.movements.length} school(s) changed category since the previous run.` : '';
  const said = notes.map((n) => `Note: ${n}\n`).join('');
  const absent = s.absentColumns.length ? `\nNot in this register (the run went ahead without them):\n${s.absentColumns.map((a) => `  ${a.note}`).join('\n')}` : '';
  const read = s.columnNotes.length ? `\nHow columns were read:\n${s.columnNotes.map((n) => `  ${n}`).join('\n')}` : '';
  return `${name}: ${plan.rows.length} schools\n${lines.join('\n')}\n  ${'Not categorised (problems)'.padEnd(width)} ${String(s.notCategorised).padStart(5)}${moved}${absent}${read}\nResults written to ${out}\n${said}`;
}

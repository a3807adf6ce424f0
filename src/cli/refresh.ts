/**
 * `schoolrisk refresh`: fills and updates the register's inspection columns from Ofsted's monthly
 * management information (and status and phase from a Get Information about Schools extract), writing a
 * copy with every change listed on a Changes sheet; `--report` also writes them as JSON. The register is
 * never written; conflicts stay as the analyst had them unless `--prefer-official`.
 */
import { basename, extname } from 'node:path';
import { toUkDate, type CalendarDate } from '../../core/dates';
import { belowTableNote, locateRegister } from '../run/locateRegister';
import { registerRowsIn1900System } from '../run/workbookDates';
import { memoryRows, OfficialFileError, planRefresh, readMemory, type RefreshPlan } from '../run/refresh';
import { readSheetGrid, registerSource, type ReadLimits, type SheetGrid } from '../workbook/readFile';
import { workbookFromGrid } from '../workbook/xlsx/newWorkbook';
import { openRegisterWorkbook } from '../workbook/xlsx/registerWorkbook';
import { changesHeader, REFRESH_MEMORY_SHEET } from '../run/refreshSheets';
import { writeRefreshCopy } from '../workbook/xlsx/writeRefresh';
import { CliError } from './cliError';
import { claimOutput } from './outputFile';

/** Arguments of one `refresh` run. */
export interface RefreshArgs {
  readonly register: string;
  readonly ofsted: string;
  readonly gias?: string;
  readonly out: string;
  readonly report?: string;
  readonly la?: string;
  readonly preferOfficial?: boolean;
  readonly sheet?: string;
  readonly asOf: CalendarDate;
  readonly print: (text: string) => void;
  readonly limits?: ReadLimits;
}

/** Runs `refresh`; resolves to the plan it carried out. */
export async function refreshCommand(args: RefreshArgs): Promise<RefreshPlan> {
  const ext = extname(args.out).toLowerCase();
  if (ext !== '.xlsx' && ext !== '.xlsm') throw new CliError(`Cannot write "${args.out}": expected an .xlsx file (a copy of the register with the changes and a Changes sheet).`);
  if (args.report !== undefined && extname(args.report).toLowerCase() !== '.json') throw new CliError(`Cannot write "${args.report}": --report expects a file ending .json.`);
  const claim = await claimOutput(args.out, args.register);
  const reportClaim = args.report === undefined ? null : await claimOutput(args.report, args.register).catch(async (e: unknown) => {
    await claim.release();
    throw e;
  });
  let grid: SheetGrid | null = null;
  try {
    grid = await readSheetGrid(args.register, args.sheet, args.limits);
    const located = locateRegister(grid.values, 1, undefined, grid.sheetTables);
    if (!located) throw new CliError(`${registerSource(args.register, grid)} has no header row: expected a row naming the columns, with a "URN" column, within the first 30 rows.`);
    const mi = await readSheetGrid(args.ofsted, undefined, args.limits);
    const gias = args.gias === undefined ? null : await readSheetGrid(args.gias, undefined, args.limits);
    const memory = grid.kind === 'xlsx' ? await readSheetGrid(args.register, REFRESH_MEMORY_SHEET).then((m) => readMemory(m.values), () => undefined) : undefined;
    let plan: RefreshPlan;
    try {
      plan = planRefresh(
        // The register's rows alone: a school kept below its table is not the register's (as categorise and the pane read it), so never refreshed.
        { values: [...grid.values.slice(0, located.headerIndex + 1), ...registerRowsIn1900System(located, grid.dateSystem, grid.isDateCell)], headerIndex: located.headerIndex, mapping: located.mapping },
        { name: basename(args.ofsted), values: mi.values },
        gias && { name: basename(args.gias!), values: gias.values },
        { asOf: args.asOf, la: args.la, preferOfficial: args.preferOfficial, memory },
      );
    } catch (e) {
      if (e instanceof OfficialFileError) throw new CliError(e.message);
      throw e;
    }
    const wb = grid.workbook ?? (await openRegisterWorkbook(await workbookFromGrid(grid.sheet, grid.values), undefined));
    // Down to a table's totals row: an added column must find its cell there empty too.
    const lastRow = Math.max(located.headerIndex + located.rows.length, located.totalsRow ?? -1);
    // Which file each note is about: there are two or three here.
    const below = belowTableNote(located);
    const notes: string[] = [...(below ? [below] : []), ...(mi.warnings ?? []).map((w) => `${basename(args.ofsted)}: ${w}`), ...(gias?.warnings ?? []).map((w) => `${basename(args.gias!)}: ${w}`)];
    await claim.write(async (out) => {
      notes.push(...await writeRefreshCopy(wb, { headerIndex: located.headerIndex, lastRow, urnColumn: located.mapping.byField.urn! }, plan, memoryRows(plan, memory, toUkDate(args.asOf)), out, { header: changesHeader(plan, args.asOf) }));
    });
    if (reportClaim) {
      const json = `${JSON.stringify(plan, null, 2)}\n`;
      await reportClaim.write(async (out) => {
        const w = out.getWriter();
        await w.write(new TextEncoder().encode(json));
        await w.close();
      });
    }
    args.print(refreshSummary(plan, args.out, notes));
    return plan;
  } catch (e) {
    await claim.release();
    await reportClaim?.release();
    throw e;
  } finally {
    await grid?.workbook?.pkg.close().catch(() => undefined);
  }
}

function refreshSummary(plan: RefreshPlan, out: string, notes: readonly string[]): string {
  const filled = plan.changes.filter((c) => c.kind === 'filled').length;
  const preferred = plan.changes.filter((c) => c.kind === 'official preferred').length;
  const lines = [
    `Refreshed from ${plan.sources.map((s) => `${s.name}${s.date ? ` (published to ${s.date})` : ''}`).join(' and ')}:`,
    `  ${plan.changes.length} cell(s) changed: ${filled} filled, ${plan.changes.length - filled - preferred} updated${preferred ? `, ${preferred} of yours replaced by the official value (--prefer-official)` : ''}`,
    `  ${plan.conflicts.length} conflict(s) kept as the register has them${plan.conflicts.length ? ' (see the Changes sheet; --prefer-official takes the official values)' : ''}`,
    ...(plan.newColumns.length ? [`  ${plan.newColumns.length} column(s) added`] : []),
    `  ${plan.byPredecessor.length} school(s) found under a new URN (academy converters)`,
    `  ${plan.notInRegister.length} school(s) of LA ${plan.la ?? '(unknown: give --la)'} in the official data but not in the register`,
    `  ${plan.notInOfficial.length} school(s) in the register but not in the official data (closed or merged?)`,
    `Written to ${out}, with every change on its Changes sheet.`,
  ];
  return `${lines.join('\n')}\n${notes.map((n) => `Note: ${n}\n`).join('')}`;
}

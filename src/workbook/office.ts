/**
 * The workbook port over Office.js (Excel JavaScript API), batched: each method queues its commands and
 * calls `sync` as few times as it can, never inside a loop over rows.
 *
 * - readRegister (officeRead.ts): 2 syncs for a register whose values fit one response (which table the
 *   selection is in, the used range, the sheet's names and frozen panes, the workbook's date system (the
 *   serial Excel's DATE gives 1 January 2000: Workbook.use1904DateSystem is a preview API only), the
 *   sheet's first cells to size the first read by; then the region's address, the table's box, merged areas, formula cells, values and
 *   the Run log's values), one more per 4.5 MB of values beyond (Excel on the web limits responses to
 *   5 MB as it does requests); a run reads past the first chunk only the columns it needs, and when
 *   that chunk settles where the results go, the first rows' results ride on the last read (its request
 *   is otherwise empty; `HeadWriter`). The number formats of the columns a run asks them of (a rate per 100
 *   pupils, ReadControl `percentColumns`) ride on the reads past the first; a register read whole takes a
 *   sync more for them.
 * - writeRun (officeWrite.ts): one sync per chunk of whole rows, each chunk's request planned under 4.5 MiB
 *   (CHUNK_BUDGET_BYTES, counted as the host's message carries it; Excel on the web rejects requests above
 *   5 MB, and Office.js's own requests measure under 4.8 MB: test/src/workbook/officeJsRequests.test.ts), its formats set by range (one date format, a fill
 *   per category's cells), not by cell; the headers, the table resize, the marker names and
 *   the frozen panes ride on the first chunk (the marker alone, when rows rode on the read); the SIG pack's sheets and the Run log row (officePack.ts)
 *   on the last as far as they fit, the rest in syncs of their own, each under the same budget. Calculation is
 *   suspended for every batch (suspendApiCalculationUntilNextSync).
 * - addProfilePage (officePage.ts): one school's profile at the end of School profiles, in 2 or 3 syncs.
 * - readSheet (officeRead.ts): a sheet's values (the refresh's memory), 2 syncs, one more per 4.5 MB.
 * - writeRefresh (officeRefresh.ts): the changed cells, a sync per budget's worth of them, the first also adding
 *   the columns the register lacks; then the date formats, the Changes sheet and the memory, a sync per
 *   budget (one for a county's refresh).
 * - writeOwnSheet (officeOwnSheet.ts): a sheet of our own (the Problems sheet), 2 syncs to find it by its
 *   marker, then one per budget's worth of its rows.
 * - API sets newer than the first (HostSupport) are asked of the host once; without one, the port does
 *   without and says so in the report rather than failing.
 * - Text is written as text. `Range.values` treats a string that starts with "=", "+" or "-" as a
 *   formula (the Excel.Range.values reference in @types/office-js: "If the returned value starts with a
 *   plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula"), and reads
 *   other strings as the user typing them ("123" becomes a number). Every non-empty string is therefore
 *   written with a leading apostrophe, Excel's text prefix, which is not part of the cell's value (see
 *   OfficeDev/office-js#6687: an apostrophe-prefixed "=..." is stored as a string).
 * - Settings (framework, mapping, parameters, framework files) live in `Office.context.document.settings`:
 *   saved inside the workbook, per add-in, invisible on the grid, so the next run on this workbook
 *   remembers them; the custom functions read the same settings (shared runtime).
 */
import { parsePaneSettings, SETTINGS_KEY } from '../run/authoritySettings';
import { CHUNK_BUDGET_BYTES, columnLetters, parseAddress, type CellAddress, type WorkbookPort } from './port';
import { addProfilePage } from './officePage';
import { writeOwnSheet } from './officeOwnSheet';
import { readRegister, readSheet } from './officeRead';
import { writeRefresh } from './officeRefresh';
import { writeRun } from './officeWrite';

export { textSafe } from './cell';
export { ReadError } from './officeRead';

/** `Excel.run`, or the double's. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of `Office.context.document.settings` the port uses. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}


/** What the host offers beyond ExcelApi 1.1-1.3, each asked once (Office.context.requirements). */
export interface HostSupport {
  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13). */
  readonly mergedAreas: boolean;
  /** Range.getSpecialCellsOrNullObject, for the formula cells (ExcelApi 1.9). */
  readonly specialCells: boolean;
  /** Worksheet.names.add and NamedItem.delete, for the marker (ExcelApi 1.4). */
  readonly names: boolean;
  /** Worksheet.freezePanes (ExcelApi 1.7). */
  readonly freezePanes: boolean;
  /** Table.resize, for results inside the analyst's table (ExcelApi 1.13). */
  readonly tableResize: boolean;
  /** Worksheet.pageLayout, page breaks, headers and footers, print titles: how the SIG pack prints (ExcelApi 1.9). */
  readonly pageLayout: boolean;
  /**
   * Workbook.functions, to ask Excel's own DATE which date system the workbook uses (ExcelApi 1.2).
   * Workbook.use1904DateSystem would say it directly, but it is in no released API set (ExcelApi BETA,
   * preview only), so no host can be asked whether it has it.
   */
  readonly dateSystem: boolean;
}

/** What Excel on the web and Microsoft 365 offer: every API set the port can use. */
export const EVERYTHING: HostSupport = { mergedAreas: true, specialCells: true, names: true, freezePanes: true, tableResize: true, pageLayout: true, dateSystem: true };

/** The production port: Excel.run and the document's settings. */
export function officePort(): WorkbookPort {
  return createOfficePort({
    run: (batch) => Excel.run(batch),
    settings: Office.context.document.settings as unknown as SettingsStore,
    support: hostSupport((version) => Office.context.requirements.isSetSupported('ExcelApi', version)),
  });
}

/** A port over any `Excel.run` (the real one, or the double's). */
export function createOfficePort(deps: {
  run: ExcelRun;
  settings?: SettingsStore | null;
  budgetBytes?: number;
  /** The budget each read of the register is planned to (default READ_BUDGET_BYTES); tests make it small to read in many chunks. */
  readBudgetBytes?: number;
  /** What the host offers; default everything (Excel on the web, Microsoft 365). */
  support?: Partial<HostSupport>;
}): WorkbookPort {
  const budget = deps.budgetBytes ?? CHUNK_BUDGET_BYTES;
  const support = { ...EVERYTHING, ...deps.support };
  return {
    readRegister: (control) => deps.run((ctx) => readRegister(ctx, support, control, deps.readBudgetBytes, budget)),
    writeRun: (write, control) => deps.run((ctx) => writeRun(ctx, write, control ?? {}, budget, support)),
    addProfilePage: (layout) => deps.run((ctx) => addProfilePage(ctx, layout, budget, support)),
    readSheet: (name) => deps.run((ctx) => readSheet(ctx, name)),
    writeRefresh: (write, control) => deps.run((ctx) => writeRefresh(ctx, write, control ?? {}, budget, support)),
    writeOwnSheet: (layout, id) => deps.run((ctx) => writeOwnSheet(ctx, layout, id, budget, support)),
    selectCell: (cell) =>
      deps.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(cell.sheet);
        ws.activate();
        ws.getRangeByIndexes(cell.row, cell.column, 1, 1).select();
        await ctx.sync();
      }),
    selectedCell: () =>
      deps.run(async (ctx): Promise<CellAddress> => {
        const range = ctx.workbook.getSelectedRange();
        range.load('address');
        await ctx.sync();
        const a = parseAddress(range.address);
        return { sheet: a.sheet, row: a.top, column: a.left };
      }),
    loadSettings: async () => parsePaneSettings(deps.settings?.get(SETTINGS_KEY)),
    saveSettings: (settings) =>
      new Promise<void>((resolve, reject) => {
        if (!deps.settings) return resolve();
        deps.settings.set(SETTINGS_KEY, JSON.stringify(settings));
        deps.settings.saveAsync((r) => (r.status === 'failed' ? reject(new Error(r.error?.message ?? 'The settings could not be saved.')) : resolve()));
      }),
    recalculate: () =>
      deps.run(async (ctx) => {
        // The functions' results depend on the settings, which Excel cannot see: a full recalculation.
        ctx.application.calculate('Full' as Excel.CalculationType);
        await ctx.sync();
      }),
  };
}

/** What a host supports, from its answer per ExcelApi version. Excel 2019 and earlier lack 1.13: merged cells then read as Range.values gives them, and results stay beside a table. */
export function hostSupport(has: (version: string) => boolean): HostSupport {
  return { mergedAreas: has('1.13'), specialCells: has('1.9'), names: has('1.4'), freezePanes: has('1.7'), tableResize: has('1.13'), pageLayout: has('1.9'), dateSystem: has('1.2') };
}

/** "A1"-style address of a 0-based cell (for messages and the chart range). */
export function cellName(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

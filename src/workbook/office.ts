/**
 * The workbook port over Office.js (Excel JavaScript API), batched: each method queues its commands and
 * calls `sync` as few times as it can, never inside a loop over rows.
 *
 * - readRegister: 2 syncs for a register whose values fit one response (which table the selection is in
 *   and the used range; then the region's address, merged areas and values), one more per 4.5 MB of values
 *   beyond (Excel on the web limits responses to 5 MB as it does requests).
 * - writeRun: one sync per chunk of whole rows, each chunk's request planned under 4 MB (Excel on the
 *   web rejects requests above 5 MB); the SIG summary and the run log ride on the last chunk when they fit,
 *   else one more sync. Calculation is suspended for every batch (suspendApiCalculationUntilNextSync).
 * - Text is written as text. `Range.values` treats a string that starts with "=", "+" or "-" as a
 *   formula (the Excel.Range.values reference in @types/office-js: "If the returned value starts with a
 *   plus ("+"), minus ("-"), or equal sign ("="), Excel interprets this value as a formula"), and reads
 *   other strings as the user typing them ("123" becomes a number). Every non-empty string is therefore
 *   written with a leading apostrophe, Excel's text prefix, which is not part of the cell's value (see
 *   OfficeDev/office-js#6687: an apostrophe-prefixed "=..." is stored as a string).
 * - Settings (framework and mapping) live in `Office.context.document.settings`: saved inside the
 *   workbook, per add-in, invisible on the grid, so the next run on this workbook remembers them.
 */
import type { Cell } from './cell';
import {
  CHUNK_BUDGET_BYTES, READ_BUDGET_BYTES, chunkRows, columnLetters, jsonBytes, parseAddress,
  type CellAddress, type PaneSettings, type RegisterRegion, type RunWrite, type SummarySheet, type WorkbookPort, type WriteControl, type WriteReport,
} from './port';

/** `Excel.run`, or the double's. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** The part of `Office.context.document.settings` the port uses. */
export interface SettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback?: (result: { status: string; error?: { message: string } }) => void): void;
}

/** Names of the sheets the run writes. */
export const SUMMARY_SHEET = 'SIG summary';
export const RUN_LOG_SHEET = 'Run log';
const SETTINGS_KEY = 'schoolRisk.settings';

/** Why the register could not be read. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
}

/** A cell as `Range.values` must receive it so that Excel keeps it as written (see the header). */
export function textSafe(cell: Cell): Cell {
  return typeof cell === 'string' && cell !== '' ? `'${cell}` : cell;
}

/** The production port: Excel.run and the document's settings. */
export function officePort(): WorkbookPort {
  return createOfficePort({
    run: (batch) => Excel.run(batch),
    settings: Office.context.document.settings as unknown as SettingsStore,
    // Excel 2019 and earlier lack it: merged cells then read as Range.values gives them.
    mergedAreas: Office.context.requirements.isSetSupported('ExcelApi', '1.13'),
  });
}

/** A port over any `Excel.run` (the real one, or the double's). */
export function createOfficePort(deps: {
  run: ExcelRun;
  settings?: SettingsStore | null;
  budgetBytes?: number;
  /** The host has \`Range.getMergedAreasOrNullObject\` (ExcelApi 1.13); default true. */
  mergedAreas?: boolean;
}): WorkbookPort {
  const budget = deps.budgetBytes ?? CHUNK_BUDGET_BYTES;
  return {
    readRegister: () => deps.run((ctx) => readRegister(ctx, deps.mergedAreas ?? true)),
    writeRun: (write, control) => deps.run((ctx) => writeRun(ctx, write, control ?? {}, budget)),
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
    loadSettings: async () => {
      const raw = deps.settings?.get(SETTINGS_KEY);
      if (typeof raw !== 'string') return null;
      try {
        const parsed = JSON.parse(raw) as PaneSettings;
        return typeof parsed.framework === 'string' && typeof parsed.mapping === 'object' ? parsed : null;
      } catch {
        return null;
      }
    },
    saveSettings: (settings) =>
      new Promise<void>((resolve, reject) => {
        if (!deps.settings) return resolve();
        deps.settings.set(SETTINGS_KEY, JSON.stringify(settings));
        deps.settings.saveAsync((r) => (r.status === 'failed' ? reject(new Error(r.error?.message ?? 'The settings could not be saved.')) : resolve()));
      }),
  };
}

async function readRegister(ctx: Excel.RequestContext, mergedAreas: boolean): Promise<RegisterRegion> {
  const ws = ctx.workbook.worksheets.getActiveWorksheet();
  ws.load('name');
  const tables = ctx.workbook.getSelectedRange().getTables(false);
  tables.load('items/name');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('address');
  await ctx.sync();
  const table = tables.items[0] ?? null;
  if (used.isNullObject) throw new ReadError(`Sheet "${ws.name}" is empty: open the sheet with your register, or select a cell in its table.`);
  // The table's rows, across to the used range's last column, so an earlier result block beside the table is read too.
  const region = table === null ? used : table.getRange().getBoundingRect(used).getIntersection(table.getRange().getEntireRow());
  const usedBox = parseAddress(used.address);

  // Excel on the web refuses a response above 5 MB as it refuses a request, so a large register is read
  // in chunks of whole rows. The first chunk comes with the region's address and merged areas, sized by
  // cells (the width of the used range is known); the rest by the bytes a row of the first chunk took.
  // A chunk refused as too large is read again smaller (a quarter of the first read, half of a later one).
  let firstRows = Math.max(1, Math.min(usedBox.bottom - usedBox.top + 1, Math.floor(FIRST_READ_CELLS / (usedBox.right - usedBox.left + 1))));
  let first: { address: string; merged: Excel.RangeAreas | null; values: Cell[][] };
  for (;;) {
    region.load('address');
    // Merged cells read as blank but for their top-left cell; the run needs to know where they are.
    const merged = mergedAreas ? region.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    const head = region.getRow(0).getResizedRange(firstRows - 1, 0).getIntersection(region);
    head.load('values');
    try {
      await ctx.sync();
      first = { address: region.address, merged, values: head.values as Cell[][] };
      break;
    } catch (e) {
      if (!isResponseTooLarge(e) || firstRows === 1) throw e;
      firstRows = Math.ceil(firstRows / 4);
    }
  }
  const at = parseAddress(first.address);
  const total = at.bottom - at.top + 1;
  const width = at.right - at.left + 1;
  const values: Cell[][] = first.values;
  let rowBytes = Math.max(1, jsonBytes(first.values) / first.values.length);
  while (values.length < total) {
    const n = Math.max(1, Math.min(total - values.length, Math.floor(READ_BUDGET_BYTES / rowBytes)));
    const chunk = ws.getRangeByIndexes(at.top + values.length, at.left, n, width);
    chunk.load('values');
    try {
      await ctx.sync();
    } catch (e) {
      if (!isResponseTooLarge(e) || n === 1) throw e;
      rowBytes = READ_BUDGET_BYTES / Math.ceil(n / 2);
      continue;
    }
    const got = chunk.values as Cell[][];
    for (const row of got) values.push(row);
    rowBytes = Math.max(rowBytes, jsonBytes(got) / n);
  }
  return {
    sheet: ws.name,
    address: first.address,
    top: at.top,
    left: at.left,
    values,
    kind: table === null ? 'used-range' : 'table',
    ...(table === null ? {} : { table: table.name }),
    merged: first.merged === null || first.merged.isNullObject ? [] : first.merged.address.split(',').map((x) => parseAddress(x.trim())).map(({ top, left, bottom, right }) => ({ top, left, bottom, right })),
  };
}

/** Cells in the first read of a register: a county's register in one sync, a country's first rows. */
const FIRST_READ_CELLS = 150_000;

const isResponseTooLarge = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ResponsePayloadSizeLimitExceeded';

interface SheetState {
  readonly summary: Excel.Worksheet;
  readonly log: Excel.Worksheet;
  readonly logUsed: Excel.Range;
}

async function writeRun(ctx: Excel.RequestContext, write: RunWrite, control: WriteControl, budget: number): Promise<WriteReport> {
  const b = write.block;
  const total = b.rows.length;
  const width = b.headers.length;
  const values = b.rows.map((r) => r.map(textSafe));
  const props = b.fills.map((f) => [cellProps(f)]);
  const formats = b.rows.map(() => [b.dateFormat]);
  const rowBytes = values.map((r, i) => jsonBytes(r) + jsonBytes(props[i]) + jsonBytes(formats[i]) + 3);
  const chunks = chunkRows(rowBytes, budget, 2048);
  if (chunks.length === 0) chunks.push([0, 0]);
  const summaryBytes = jsonBytes(summaryGrid(write.summary)) + jsonBytes(write.log) + 8192;
  const chunkBytes = chunks.map(([s, e]) => rowBytes.slice(s, e).reduce((a, n) => a + n, 2048));

  const ws = ctx.workbook.worksheets.getItem(b.sheet);
  let state: SheetState | null = null;
  let done = 0;
  const report = (status: WriteReport['status'], summaryWritten: boolean, error?: string): WriteReport => ({ status, rowsDone: done, totalRows: total, summaryWritten, ...(error ? { error } : {}) });

  for (let k = 0; k < chunks.length; k++) {
    if (control.signal?.aborted) return report('cancelled', false);
    const [start, end] = chunks[k]!;
    ctx.application.suspendApiCalculationUntilNextSync();
    if (k === 0) {
      // The headers go with the first rows, so a run stopped halfway leaves a block the next run recognises and refreshes.
      const head = ws.getRangeByIndexes(b.headerRow, b.left, 1, width);
      head.values = [b.headers.map(textSafe)];
      head.format.font.bold = true;
      state = queueSheetState(ctx);
    }
    if (end > start) {
      const n = end - start;
      ws.getRangeByIndexes(b.firstRow + start, b.left, n, width).values = values.slice(start, end);
      ws.getRangeByIndexes(b.firstRow + start, b.left + b.fillColumn, n, 1).setCellProperties(props.slice(start, end));
      ws.getRangeByIndexes(b.firstRow + start, b.left + b.dateColumn, n, 1).numberFormat = formats.slice(start, end);
    }
    const last = k === chunks.length - 1;
    // With one chunk, the sheet state is loaded by this very sync, so the summary needs a sync of its own.
    const summaryHere = last && k > 0 && chunkBytes[k]! + summaryBytes <= budget;
    if (summaryHere) queueSummaryAndLog(ctx, write, state!);
    try {
      await ctx.sync();
    } catch (e) {
      return report('failed', false, `${(e as Error).message} (rows ${b.firstRow + start + 1} to ${b.firstRow + end} not confirmed)`);
    }
    done = end;
    control.onProgress?.(done, total);
    if (summaryHere) return report('done', true);
  }
  if (control.signal?.aborted) return report('cancelled', false);
  // A long list of schools of concern can outgrow one request: the summary then goes in chunks of rows too.
  const grid = summaryGrid(write.summary).rows.map((r) => r.map(textSafe));
  const parts = chunkRows(grid.map((r) => jsonBytes(r) + 1), budget, 8192 + jsonBytes(write.log));
  for (const [start, end] of parts) {
    ctx.application.suspendApiCalculationUntilNextSync();
    if (start === 0) queueSummaryAndLog(ctx, write, state!, end);
    else ctx.workbook.worksheets.getItem(SUMMARY_SHEET).getRangeByIndexes(start, 0, end - start, SUMMARY_WIDTH).values = grid.slice(start, end);
    try {
      await ctx.sync();
    } catch (e) {
      return report('failed', false, `Every row is written, but the SIG summary and run log are not: ${(e as Error).message}`);
    }
  }
  return report('done', true);
}

function cellProps(fill: { colour: string; textColour: string } | null): Excel.SettableCellProperties {
  // A refreshed row must not keep an old fill.
  return fill
    ? { format: { fill: { color: fill.colour }, font: { color: fill.textColour, bold: true } } }
    : { format: { fill: { pattern: 'None' as Excel.FillPattern }, font: { color: '#000000', bold: false } } };
}

function queueSheetState(ctx: Excel.RequestContext): SheetState {
  const summary = ctx.workbook.worksheets.getItemOrNullObject(SUMMARY_SHEET);
  summary.load('name');
  const log = ctx.workbook.worksheets.getItemOrNullObject(RUN_LOG_SHEET);
  log.load('name');
  const logUsed = log.getUsedRangeOrNullObject(true);
  logUsed.load('address');
  return { summary, log, logUsed };
}

const SUMMARY_WIDTH = 5;

/** The summary sheet's grid (rows padded to five columns) and where its counts sit. */
export function summaryGrid(s: SummarySheet): { rows: Cell[][]; countsFirst: number; countsLast: number; headingRows: number[] } {
  const rows: Cell[][] = [];
  const headingRows: number[] = [];
  const add = (cells: Cell[], heading = false) => {
    if (heading) headingRows.push(rows.length);
    rows.push([...cells, ...Array(SUMMARY_WIDTH - cells.length).fill('')]);
  };
  add([s.title], true);
  add(['As of', s.asOf]);
  add([]);
  add(['Category', 'Schools', 'Share', 'Provisional'], true);
  const total = s.counts.reduce((a, c) => a + c.schools, 0) + s.notCategorised || 1;
  const countsFirst = rows.length;
  for (const c of s.counts) add([c.label, c.schools, c.schools / total, c.provisional]);
  const countsLast = rows.length - 1;
  add(['Not categorised (see Problems)', s.notCategorised, s.notCategorised / total]);
  add([]);
  add(['Movements since the previous run'], true);
  if (s.movements.length === 0) add(['No school changed category (or there was no previous run).']);
  else {
    add(['School', 'URN', 'Previous', 'Now', 'Movement'], true);
    for (const m of s.movements) add([...m]);
  }
  add([]);
  add(['Schools in the most concerning categories'], true);
  add(['School', 'URN', 'Category', 'Reasons'], true);
  for (const h of s.highest) add([...h]);
  return { rows, countsFirst, countsLast, headingRows };
}

function queueSummaryAndLog(ctx: Excel.RequestContext, write: RunWrite, state: SheetState, rowsNow?: number): void {
  const sheets = ctx.workbook.worksheets;
  if (!state.summary.isNullObject) state.summary.delete();
  const sheet = sheets.add(SUMMARY_SHEET);
  const grid = summaryGrid(write.summary);
  const upTo = rowsNow ?? grid.rows.length;
  sheet.getRangeByIndexes(0, 0, upTo, SUMMARY_WIDTH).values = grid.rows.slice(0, upTo).map((r) => r.map(textSafe));
  for (const h of grid.headingRows) sheet.getRangeByIndexes(h, 0, 1, SUMMARY_WIDTH).format.font.bold = true;
  const n = write.summary.counts.length;
  if (n > 0) {
    sheet.getRangeByIndexes(grid.countsFirst, 0, n, 1).setCellProperties(write.summary.counts.map((c) => [{ format: { fill: { color: c.colour }, font: { color: c.textColour, bold: true } } }]));
    sheet.getRangeByIndexes(grid.countsFirst, 2, n + 1, 1).numberFormat = Array.from({ length: n + 1 }, () => ['0%']);
    const data = sheet.getRange(`A${grid.countsFirst + 1}:B${grid.countsLast + 1}`);
    const chart = sheet.charts.add('ColumnClustered' as Excel.ChartType, data, 'Columns' as Excel.ChartSeriesBy);
    chart.title.text = 'Schools per category';
    chart.legend.visible = false;
    chart.setPosition('G2', 'M20');
  }
  sheet.getRange('A:A').format.columnWidth = 200;

  const log = state.log.isNullObject ? sheets.add(RUN_LOG_SHEET) : state.log;
  const headers = write.log.headers.length;
  let next: number;
  if (state.log.isNullObject || state.logUsed.isNullObject) {
    const head = log.getRangeByIndexes(0, 0, 1, headers);
    head.values = [write.log.headers.map(textSafe)];
    head.format.font.bold = true;
    next = 1;
  } else {
    next = parseAddress(state.logUsed.address).bottom + 1;
  }
  log.getRangeByIndexes(next, 0, 1, write.log.row.length).values = [write.log.row.map(textSafe)];
}

/** "A1"-style address of a 0-based cell (for messages and the chart range). */
export function cellName(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

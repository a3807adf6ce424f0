/**
 * Writing a refresh through Office.js (see office.ts for the batching rules). Only the cells the refresh
 * changes are written: each run of adjacent changed rows in a column is one 2-D array, never a call per
 * cell, and the runs go in chunks each planned under the request budget, a sync per chunk. The first sync
 * also writes the added columns' headers, makes them columns of the analyst's table, and loads what the
 * rest needs: the workbook's sheet names (whether an earlier refresh left its memory, so the Changes
 * sheet is ours to replace) and the number formats of the date cells written (a date goes into a cell
 * without a format of its own, General, with the write's date format; the analyst's own format is
 * kept, as the command line keeps a cell's style). Then the date formats, the Changes sheet and the
 * hidden memory (laid out in src/run/refreshSheets.ts, written by the pack's steps, officePack.ts) in
 * syncs under the budget. Calculation is suspended for every batch.
 */
import { ourSheetName, REFRESH_MEMORY_SHEET } from '../run/refreshSheets';
import { isDateFormatCode, textSafe, type Cell } from './cell';
import type { HostSupport } from './office';
import { COMMAND_BYTES, layoutSteps, syncGroups, syncGroupsInOrder, type PackState, type PackStep } from './officePack';
import { columnRuns, queueTable, type TableOutcome } from './officeWrite';
import { chunkRows, halveChunk, isRequestTooLarge, requestBytes, type RefreshCell, type RefreshReport, type RefreshWrite, type WriteControl } from './port';


/** A run of adjacent rows written in one column. */
interface CellRun {
  readonly column: number;
  readonly top: number;
  readonly cells: RefreshCell[];
}

/** The write's cells as runs: by column, then row; a run ends at a row not written. */
export function cellRuns(cells: readonly RefreshCell[]): CellRun[] {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: CellRun[] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.column === c.column && last.top + last.cells.length === c.row) last.cells.push(c);
    else runs.push({ column: c.column, top: c.row, cells: [c] });
  }
  return runs;
}

/** Writes a refresh; never throws: a failure is in the report, with the cells confirmed before it. */
export async function writeRefresh(ctx: Excel.RequestContext, write: RefreshWrite, control: WriteControl, budget: number, support: HostSupport): Promise<RefreshReport> {
  const runs = cellRuns(write.cells);
  const total = write.cells.length;
  const values = runs.map((r) => r.cells.map((c): Cell[] => [textSafe(c.value)]));
  const runBytes = values.map((v) => requestBytes(v) + COMMAND_BYTES);
  const fixed = 2048 + COMMAND_BYTES * (write.added.columns.length + 4) + requestBytes(write.added.headers);
  const chunks = chunkRows(runBytes, budget, fixed);
  if (chunks.length === 0) chunks.push([0, 0]);
  const added = new Set(write.added.columns);
  const ws = ctx.workbook.worksheets.getItem(write.sheet);
  const notes = [...write.notes];
  let done = 0;
  let changesSheet = write.changes.name;
  const report = (status: RefreshReport['status'], sheetsWritten: boolean, error?: string): RefreshReport => ({
    status, cellsDone: done, totalCells: total, sheetsWritten, changesSheet, notes, ...(error ? { error } : {}),
  });

  // What the later syncs need, loaded by the first (queued with it, so again if it goes again).
  let sheets: Excel.WorksheetCollection | null = null;
  let state: PackState | null = null;
  const formats = new Map<CellRun, Excel.Range>();
  let table: TableOutcome = { inside: null, note: null };
  for (let k = 0; k < chunks.length; k++) {
    const [start, end] = chunks[k]!;
    ctx.application.suspendApiCalculationUntilNextSync();
    if (k === 0) {
      sheets = ctx.workbook.worksheets.load('items/name');
      for (const run of runs) {
        if (added.has(run.column) || !run.cells.some((c) => c.date)) continue;
        formats.set(run, ws.getRangeByIndexes(run.top, run.column, run.cells.length, 1).load('numberFormat'));
      }
      // The sheets the Changes sheet and the memory replace, asked for before the later syncs delete them.
      state = { sheets: new Map([write.changes.name, write.memory.name].map((n) => [n, ctx.workbook.worksheets.getItemOrNullObject(n).load('name')] as const)), log: null, logUsed: null };
      queueAddedHeaders(ws, write);
      table = queueTable(ws, write.table, support, 'added columns');
    }
    for (let i = start; i < end; i++) ws.getRangeByIndexes(runs[i]!.top, runs[i]!.column, runs[i]!.cells.length, 1).values = values[i]!;
    try {
      await ctx.sync();
    } catch (e) {
      // Refused for its size, so nothing of it applied: its runs of cells go again in two halves.
      if (isRequestTooLarge(e) && halveChunk(chunks, k)) {
        k--;
        continue;
      }
      return report('failed', false, `${(e as Error).message} (${total - done} of ${total} cells not confirmed; the Changes sheet was not written)`);
    }
    if (k === 0 && table.note) notes.push(table.note);
    for (let i = start; i < end; i++) done += runs[i]!.cells.length;
    control.onProgress?.(done, total, { syncsDone: k + 1, syncsTotal: chunks.length, sheet: write.sheet ?? '' });
  }

  // Our sheets: the Changes sheet is ours to replace when an earlier refresh left its memory.
  const names = sheets!.items.map((s) => s.name);
  const ours = names.some((n) => n.toLowerCase() === REFRESH_MEMORY_SHEET.toLowerCase());
  changesSheet = ourSheetName(write.changes.name, names, ours);
  const steps: PackStep[] = [
    ...dateFormatSteps(runs, formats, added, write.dateFormat, write.sheet),
    ...layoutSteps({ ...write.changes, name: changesSheet }, { at: 0, open: changesSheet === write.changes.name ? 'replace' : 'add' }, support, Math.floor(budget / 4)),
    ...layoutSteps(write.memory, { at: 0, open: 'replace' }, support, Math.floor(budget / 4)),
    { sheet: write.memory.name, bytes: COMMAND_BYTES, queue: (c) => void (c.workbook.worksheets.getItem(write.memory.name).visibility = 'Hidden' as Excel.SheetVisibility) },
  ];
  const failed = await syncGroupsInOrder(ctx, syncGroups(steps, budget), state!);
  if (failed) return report('failed', false, `Every changed cell is written, but not the "${changesSheet}" sheet or the refresh's memory: ${failed.error.message}`);
  return report('done', true);
}

/** The added columns' headers, bold, on the register's header row: one 2-D array per run of adjacent columns. */
function queueAddedHeaders(ws: Excel.Worksheet, write: RefreshWrite): void {
  const a = write.added;
  for (const run of columnRuns(a.columns)) {
    const head = ws.getRangeByIndexes(a.headerRow, run.left, 1, run.results.length);
    head.values = [run.results.map((i) => textSafe(a.headers[i]!))];
    head.format.font.bold = true;
  }
}

/**
 * The date format on the date cells written: every one in an added column; elsewhere those whose format
 * shows no date (General, Text, a number format), as the command line gives such a cell its date form;
 * the analyst's own date format stays. A cell that was Text (`@`) has its date written again after its
 * format: Excel keeps a number entered into a Text cell as text, which a date format would not turn back
 * into a date. One array per run of such cells.
 */
function dateFormatSteps(runs: readonly CellRun[], formats: ReadonlyMap<CellRun, Excel.Range>, added: ReadonlySet<number>, dateFormat: string, sheet: string): PackStep[] {
  const boxes: { column: number; top: number; rows: number; dates: Cell[][] | null }[] = [];
  for (const run of runs) {
    const loaded = formats.get(run)?.numberFormat;
    const format = (i: number) => String(loaded?.[i]?.[0] ?? 'General');
    const wants = (i: number) => run.cells[i]!.date && (added.has(run.column) || !isDateFormatCode(format(i)));
    const wasText = (i: number) => !added.has(run.column) && format(i) === '@';
    for (let i = 0; i < run.cells.length; i++) {
      if (!wants(i)) continue;
      let j = i;
      while (j + 1 < run.cells.length && wants(j + 1) && wasText(j + 1) === wasText(i)) j++;
      boxes.push({ column: run.column, top: run.top + i, rows: j - i + 1, dates: wasText(i) ? run.cells.slice(i, j + 1).map((c) => [textSafe(c.value)]) : null });
      i = j;
    }
  }
  if (boxes.length === 0) return [];
  return [{
    sheet,
    bytes: boxes.reduce((n, b) => n + COMMAND_BYTES + b.rows * (dateFormat.length + 5) + (b.dates ? COMMAND_BYTES + requestBytes(b.dates) : 0), 0),
    queue: (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      for (const b of boxes) {
        const range = ws.getRangeByIndexes(b.top, b.column, b.rows, 1);
        range.numberFormat = Array.from({ length: b.rows }, () => [dateFormat]);
        if (b.dates) range.values = b.dates;
      }
    },
  }];
}

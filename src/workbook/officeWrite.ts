/**
 * Writing a run through Office.js (see office.ts for the batching rules): one sync per chunk of whole
 * rows, each planned under the request budget; then the SIG pack's sheets and the Run log row
 * (officePack.ts), their first steps riding on the last chunk when they fit. The first chunk also carries what makes the block safe to find and keep: the headers
 * (only those the plan writes: a header the analyst renamed is theirs), the table resize that makes the
 * results table columns, the marker names, and the frozen panes. Result columns need not be side by
 * side (a column the analyst inserted may split the block): each run of adjacent columns is one 2-D
 * array per chunk, never a call per cell. Formats go by range, not by cell: the date column's format is
 * one value for the chunk's cells, and the category fills one format per look over the areas it covers.
 */
import { columnLetters, chunkRows, halveChunk, isRequestTooLarge, requestBytes, type ResultBlock, type RunWrite, type WriteControl, type WriteReport } from './port';
import { textSafe, type Cell } from './cell';
import type { HostSupport } from './office';
import { addressLists, AREAS_CHARS, COMMAND_BYTES, packSteps, queuePackState, syncGroups, syncGroupsInOrder, type PackState, type PackStep } from './officePack';

/** Said in the Name Manager's comment of each name we add. */
const MARKER_COMMENT = 'School risk register: marks its results so the next run refreshes them in place. Deleting it makes the next run write new result columns.';

/** Runs of adjacent sheet columns among the results: the sheet column each starts at and the results in it, left to right. */
export function columnRuns(columns: readonly number[]): { left: number; results: number[] }[] {
  const order = columns.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  const runs: { left: number; results: number[] }[] = [];
  for (const [c, i] of order) {
    const last = runs[runs.length - 1];
    if (last && last.left + last.results.length === c) last.results.push(i);
    else runs.push({ left: c, results: [i] });
  }
  return runs;
}

/** A block's rows as they are written: their cells, each run of adjacent result columns, and the bytes each row and each chunk is planned at. */
interface BlockRows {
  readonly values: readonly (readonly Cell[])[];
  readonly runs: readonly { left: number; results: number[] }[];
  readonly rowBytes: readonly number[];
  /** Beside the rows, what a chunk carries: its loads and formats; the first also the header, the columns' names and the freeze. */
  readonly fixed: number;
}

function blockRows(b: ResultBlock): BlockRows {
  const runs = columnRuns(b.columns);
  const values = b.rows.map((r) => r.map(textSafe));
  const fillColumn = b.columns[b.fillColumn]!;
  // A filled row costs its part of its look's address lists ("BQ123:BQ125,"), with the lists' commands.
  const rowBytes = values.map((r, i) => requestBytes(r) + 3 * runs.length + fillBytes(b, fillColumn, i));
  // About 2.5 kB on the sample register for the header, names and freeze (2048 was measured over the budget
  // once the rows filled it to the byte); and the fills' commands (the reset, each look's lists) with a
  // look's run cut by the chunk's start.
  const looks = new Set(b.fills.map((f) => (f ? `${f.colour}|${f.textColour}` : '')).filter(Boolean)).size;
  const fixed = 4096 + requestBytes(b.headers) + requestBytes(b.marker) + requestBytes(b.dateFormat) + (1 + looks) * 4 * COMMAND_BYTES + looks * 2 * listBytes(`${columnLetters(fillColumn)}${b.firstRow + b.rows.length}:`.length);
  return { values, runs, rowBytes, fixed };
}

/** Rows [start, end) of the block: each run of columns as one 2-D array, the category fills, the date column's format. */
function queueRows(ws: Excel.Worksheet, b: ResultBlock, rows: BlockRows, start: number, end: number): void {
  if (end <= start) return;
  const n = end - start;
  const values = rows.values.slice(start, end);
  for (const run of rows.runs) ws.getRangeByIndexes(b.firstRow + start, run.left, n, run.results.length).values = values.map((r) => run.results.map((i) => r[i]!));
  queueFills(ws, b, start, end);
  // One format for the whole column of the chunk: a 1x1 array applies to every cell of the range.
  ws.getRangeByIndexes(b.firstRow + start, b.columns[b.dateColumn]!, n, 1).numberFormat = [[b.dateFormat]];
}

/**
 * For the register's last read (`HeadWriter`): the block's headers, the table's resize, the frozen panes
 * and as many of its first rows as a chunk takes under the budget. The marker waits for the run's own
 * write, which knows the register's last row. The rows queued.
 */
export function queueHeadRows(ctx: Excel.RequestContext, b: ResultBlock, budget: number, support: HostSupport): number {
  const rows = blockRows(b);
  const [first] = chunkRows(rows.rowBytes, budget, rows.fixed);
  const end = first ? first[1] : 0;
  const ws = ctx.workbook.worksheets.getItem(b.sheet);
  ctx.application.suspendApiCalculationUntilNextSync();
  queueHeaders(ws, b);
  queueTable(ws, b.table, support);
  queueRows(ws, b, rows, 0, end);
  queueFreeze(ws, b, support);
  return end;
}

/** Writes the run; never throws: a failure is in the report, with the rows confirmed before it. */
export async function writeRun(ctx: Excel.RequestContext, write: RunWrite, control: WriteControl, budget: number, support: HostSupport): Promise<WriteReport> {
  const b = write.block;
  const total = b.rows.length;
  // Rows written along the read, with the headers, the table and the panes (HeadWriter): the write goes on after them.
  const from = Math.min(control.written ?? 0, total);
  const rows = blockRows(b);
  const chunks = chunkRows(rows.rowBytes.slice(from), budget, rows.fixed).map(([s, e]): [number, number] => [from + s, from + e]);
  if (chunks.length === 0) chunks.push([from, from]);
  const chunkBytes = chunks.map(([s, e]) => rows.rowBytes.slice(s, e).reduce((a, n) => a + n, rows.fixed));
  // The pack's first steps ride on the last chunk when there is room; with one chunk, the sheets' state
  // (which of ours exist) is loaded by that very sync, so the pack waits for a sync of its own.
  // In steps of a sixteenth of the budget, so they fill what the rows leave of a sync.
  const steps = packSteps(write, support, Math.floor(budget / 16));
  const [riding, ...after] = syncGroups(steps, budget, chunks.length > 1 ? budget - chunkBytes[chunks.length - 1]! : 0);

  const ws = ctx.workbook.worksheets.getItem(b.sheet);
  let state: PackState | null = null;
  let done = from;
  const notes = [...b.notes];
  let insideTable: string | null = null;
  // What the first chunk does with the table, told only once that chunk is confirmed (or at once, when the read's sync did it).
  let table: TableOutcome = { inside: null, note: null };
  const report = (status: WriteReport['status'], packWritten: boolean, error?: string): WriteReport => ({
    status, rowsDone: done, totalRows: total, packWritten, notes, insideTable, ...(error ? { error } : {}),
  });
  if (!support.pageLayout) notes.push('This version of Excel cannot set how the SIG pack prints (ExcelApi 1.9): before printing, set A4 landscape and fit to one page wide in Page Layout.');
  if (from > 0) {
    table = tableOutcome(b.table, support);
    insideTable = table.inside;
    if (table.note) notes.push(table.note);
  }

  for (let k = 0; k < chunks.length; k++) {
    if (control.signal?.aborted) return report('cancelled', false);
    const [start, end] = chunks[k]!;
    ctx.application.suspendApiCalculationUntilNextSync();
    if (k === 0) {
      // The headers and the marker go with the first rows, so a run stopped halfway leaves a block the next run finds and refreshes.
      if (from === 0) {
        queueHeaders(ws, b);
        table = queueTable(ws, b.table, support);
      }
      state = queuePackState(ctx, write);
    }
    queueRows(ws, b, rows, start, end);
    if (k === 0) {
      queueMarker(ws, b, support, notes);
      if (from === 0) queueFreeze(ws, b, support);
    }
    const last = k === chunks.length - 1;
    if (last) for (const step of riding!) step.queue(ctx, state!);
    try {
      await ctx.sync();
    } catch (e) {
      // Refused for its size (the host counted more than planned), so nothing of it applied: its rows go again in two halves.
      if (isRequestTooLarge(e) && halveChunk(chunks, k)) {
        k--;
        continue;
      }
      return report('failed', false, `${(e as Error).message} (rows ${b.firstRow + start + 1} to ${b.firstRow + end} not confirmed)`);
    }
    done = end;
    if (k === 0 && from === 0) {
      insideTable = table.inside;
      if (table.note) notes.push(table.note);
    }
    control.onProgress?.(done, total, { syncsDone: k + 1, syncsTotal: chunks.length + after.length, sheet: b.sheet });
  }
  if (after.length === 0) return report('done', true);
  // A cancel stops before the pack; once begun it is written whole (half of it would leave the summary and the log disagreeing).
  if (control.signal?.aborted) return report('cancelled', false);
  const failed = await syncGroupsInOrder(ctx, after, state!, (group, g, groups) => {
    control.onProgress?.(done, total, { syncsDone: chunks.length + g, syncsTotal: chunks.length + groups, sheet: group[group.length - 1]!.sheet });
  });
  if (failed) return report('failed', false, `Every row is written, but not ${unwritten(failed.unwritten)}: ${failed.error.message}`);
  return report('done', true);
}

/** The sheets of steps not written, in words ("the School profiles and the Run log sheets"). */
function unwritten(steps: readonly PackStep[]): string {
  const names = [...new Set(steps.map((s) => s.sheet))];
  return `the ${names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]} sheet${names.length > 1 ? 's' : ''}`;
}

/** The headers the plan writes, bold; a header kept (renamed by the analyst) is not touched, value or format. */
function queueHeaders(ws: Excel.Worksheet, b: ResultBlock): void {
  const written = b.columns.map((c, i) => ({ c, h: b.headers[i] })).filter((x): x is { c: number; h: string } => x.h !== null);
  for (const run of columnRuns(written.map((x) => x.c))) {
    const head = ws.getRangeByIndexes(b.headerRow, run.left, 1, run.results.length);
    head.values = [run.results.map((i) => textSafe(written[i]!.h))];
    head.format.font.bold = true;
  }
}

/** The table the results are columns of once the first chunk is written, and what to tell the analyst about it. */
export interface TableOutcome {
  readonly inside: string | null;
  readonly note: string | null;
}

/**
 * Makes our columns (the results, or the columns a refresh adds) columns of the analyst's table, after
 * their header cells are written: they become the column names.
 */
export function queueTable(ws: Excel.Worksheet, t: ResultBlock['table'], support: HostSupport, what: 'results' | 'added columns' = 'results'): TableOutcome {
  if (t !== null && t.right !== null && support.tableResize) ws.tables.getItem(t.name).resize(ws.getRangeByIndexes(t.box.top, t.box.left, t.box.bottom - t.box.top + 1, t.right - t.box.left + 1));
  return tableOutcome(t, support, what);
}

/** What `queueTable` does with the table, in words. */
function tableOutcome(t: ResultBlock['table'], support: HostSupport, what: 'results' | 'added columns' = 'results'): TableOutcome {
  if (t === null) return { inside: null, note: null };
  if (t.right === null) return { inside: t.name, note: null };
  const added = `${columnLetters(t.box.right + 1)}${t.right > t.box.right + 1 ? ` to ${columnLetters(t.right)}` : ''}`;
  const The = what === 'results' ? 'The results' : 'The added columns';
  if (!support.tableResize) {
    return { inside: null, note: `${The} are in columns ${added}, beside table "${t.name}" but not in it: this version of Excel cannot add columns to a table from an add-in (ExcelApi 1.13). Sorting or filtering the table will not move them; to keep each school with its ${what === 'results' ? 'results' : 'values'}, resize the table over them (Table Design > Resize Table).` };
  }
  return { inside: t.name, note: `${The} were added to table "${t.name}" as columns ${added}, so sorting or filtering the table keeps each school with its ${what === 'results' ? 'results' : 'values'}.` };
}

/** The marker: one hidden sheet-scoped name per result column and one for the run, replacing ours from an earlier run. */
function queueMarker(ws: Excel.Worksheet, b: ResultBlock, support: HostSupport, notes: string[]): void {
  if (!support.names) {
    notes.push('This version of Excel cannot mark the result columns (ExcelApi 1.4), so the next run finds them by their headers: keep the headers as they are.');
    return;
  }
  const m = b.marker;
  for (const name of m.replace) ws.names.getItem(name).delete();
  b.columns.forEach((c, i) => {
    ws.names.add(m.names[i]!, ws.getRangeByIndexes(b.headerRow, c, m.lastRow - b.headerRow + 1, 1), MARKER_COMMENT).visible = false;
  });
  ws.names.add(m.run.name, m.run.formula, MARKER_COMMENT).visible = false;
}

/** Freezes the header row (and the URN and name columns) of a plain range whose sheet has no frozen panes. */
function queueFreeze(ws: Excel.Worksheet, b: ResultBlock, support: HostSupport): void {
  const f = b.freeze;
  if (f === null || !support.freezePanes) return;
  if (f.columns > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, f.rows, f.columns));
  else ws.freezePanes.freezeRows(f.rows);
}

/** Planned request bytes of an address in a list: its characters, and their share of the list's four commands. */
const listBytes = (chars: number) => Math.ceil(chars * (1 + (4 * COMMAND_BYTES) / AREAS_CHARS));

/**
 * Planned request bytes of row `i`'s fill: a row starting a run of its look adds its address to a list
 * ("BQ123,"), the next row of the run the run's end (":BQ124"), later rows nothing. A chunk starting
 * inside a run adds that run's address again (the chunk's fixed bytes allow two addresses per look).
 */
function fillBytes(b: ResultBlock, column: number, i: number): number {
  const f = b.fills[i];
  if (!f) return 0;
  const same = (k: number) => k >= 0 && b.fills[k]?.colour === f.colour && b.fills[k]?.textColour === f.textColour;
  const address = `${columnLetters(column)}${b.firstRow + i + 1}`.length + 1;
  return listBytes(same(i - 1) ? (same(i - 2) ? 0 : address) : address);
}

/**
 * The category fills of rows [start, end): the chunk's category cells reset first (a refreshed row must
 * not keep an old fill), then the cells of each look (fill and text colour) formatted at once, as the
 * areas of address lists (Worksheet.getRanges), runs of adjacent rows as one area.
 */
function queueFills(ws: Excel.Worksheet, b: ResultBlock, start: number, end: number): void {
  const column = b.columns[b.fillColumn]!;
  const cells = ws.getRangeByIndexes(b.firstRow + start, column, end - start, 1).format;
  cells.fill.clear();
  cells.font.color = '#000000';
  cells.font.bold = false;
  const looks = new Map<string, { colour: string; textColour: string; boxes: { top: number; left: number; bottom: number; right: number }[] }>();
  for (let i = start; i < end; i++) {
    const f = b.fills[i];
    if (!f) continue;
    const key = `${f.colour}|${f.textColour}`;
    let look = looks.get(key);
    if (!look) looks.set(key, (look = { ...f, boxes: [] }));
    const last = look.boxes[look.boxes.length - 1];
    if (last && last.bottom === b.firstRow + i - 1) last.bottom++;
    else look.boxes.push({ top: b.firstRow + i, left: column, bottom: b.firstRow + i, right: column });
  }
  for (const look of looks.values()) {
    for (const list of addressLists(look.boxes)) {
      const format = ws.getRanges(list).format;
      format.fill.color = look.colour;
      format.font.color = look.textColour;
      format.font.bold = true;
    }
  }
}

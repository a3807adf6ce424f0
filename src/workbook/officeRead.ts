/**
 * Reading the register through Office.js (see office.ts for the batching rules): 2 syncs for a register
 * whose values fit one response, one more per 4.5 MB of values beyond. Everything else the run needs
 * rides on those two syncs: the sheet's names (the marker an earlier run left), whether panes are frozen,
 * the workbook's date system (Excel's DATE of a known day, dateSystem.ts), the table's own box, the merged
 * areas, the cells holding formulas, and the Run log (the earlier runs the SIG summary's trend shows).
 * The first read is sized by the bytes of the sheet's first cells; past
 * it, a run reads only the columns it needs (ReadControl `columns`), so 25,000 schools of 67 columns
 * come back in two responses instead of three. The last read's request would be empty: when the first
 * chunk settles where the results go, the run's results for its rows are written in that sync
 * (ReadControl `headWriter`), a sync fewer for a country.
 */
import { markerFromNames, previousRunOf, isMarkerName } from '../run/resultMarker';
import { RUN_LOG_SHEET } from '../run/runLog';
import { isOurPackSheet, isOurSheetName } from '../run/packSheets';
import { RESULT_COLUMNS } from '../run/resultPlacement';
import { isPercentFormatCode, type Cell } from './cell';
import { dateSystemOfProbe, PROBE_DATE } from './dateSystem';
import { CancelledError, CHUNK_BUDGET_BYTES, isResponseTooLarge, READ_BUDGET_BYTES, jsonBytes, parseAddress, parseAreas, type ReadControl, type RegisterRegion } from './port';
import type { HostSupport } from './office';
import { columnRuns, queueHeadRows } from './officeWrite';

/** Why the register could not be read. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
}

/** Cells in the first read of a sheet whose cells' size is not known: a county's register in one sync, a country's first rows. */
const FIRST_READ_CELLS = 150_000;
/** The sheet's top-left cells the first sync reads to size the register's first read by: 32 rows of up to 128 columns. */
const SAMPLE_ROWS = 32;
const SAMPLE_COLUMNS = 128;
/** Of the read budget, what the first read's values may take: the Run log, the merged areas and the formula cells come in the same response. */
const FIRST_READ_SHARE = 0.95;


/** Reads the register region: the table the selection is in, else the active sheet's used range. */
export async function readRegister(ctx: Excel.RequestContext, support: HostSupport, control: ReadControl = {}, budget = READ_BUDGET_BYTES, writeBudget = CHUNK_BUDGET_BYTES): Promise<RegisterRegion> {
  // The register the pane found before, read again where it is; else the table the selection is in, or the active sheet.
  const from = control.from;
  const ws = from ? ctx.workbook.worksheets.getItem(from.sheet) : ctx.workbook.worksheets.getActiveWorksheet();
  ws.load('name');
  const tables = from ? null : ctx.workbook.getSelectedRange().getTables(false);
  tables?.load('items/name,items/showTotals');
  const foundTable = from?.table ? ws.tables.getItemOrNullObject(from.table) : null;
  foundTable?.load('name,showTotals');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('address');
  // Our names say where an earlier run's results are; frozen panes are the analyst's choice, kept.
  const names = support.names ? ws.names.load('items/name,items/formula') : null;
  const frozen = support.freezePanes ? ws.freezePanes.getLocationOrNullObject() : null;
  frozen?.load('address');
  // Whether there is a Run log: its values come with the register's first rows (a null sheet is not asked for its cells).
  const logSheet = ctx.workbook.worksheets.getItemOrNullObject(RUN_LOG_SHEET);
  logSheet.load('name');
  // Every sheet's name: a sheet of the pack's name that no run of ours made is the analyst's, never replaced.
  const allSheets = ctx.workbook.worksheets;
  allSheets.load('items/name');
  // The sheet's first cells, whose size says how many rows the first read can take (the region is not known yet).
  const sample = ws.getRangeByIndexes(0, 0, SAMPLE_ROWS, SAMPLE_COLUMNS).getUsedRangeOrNullObject(true);
  sample.load('values');
  // The date system, from the serial Excel's own DATE gives a known day in this workbook: its date cells hold serials of that system.
  const probe = support.dateSystem ? ctx.workbook.functions.date(PROBE_DATE.year, PROBE_DATE.month, PROBE_DATE.day) : null;
  probe?.load('value');
  await ctx.sync();
  const dateSystem = probe === null ? null : dateSystemOfProbe(probe.value);
  const table = tables ? (tables.items[0] ?? null) : foundTable && !foundTable.isNullObject ? foundTable : null;
  if (used.isNullObject) throw new ReadError(`Sheet "${ws.name}" is empty: open the sheet with your register, or select a cell in its table.`);
  // The table's rows, across to the used range's last column, so an earlier result block beside the table is read too;
  // not its totals row ("Total", a SUBTOTAL), which is no school and takes no results.
  const rows = table === null ? null : table.showTotals ? table.getRange().getResizedRange(-1, 0) : table.getRange();
  const region = rows === null ? used : rows.getBoundingRect(used).getIntersection(rows.getEntireRow());
  const usedBox = parseAddress(used.address);
  // A new block can reach as far right of the used range as it is wide (the region ends where the used range does).
  const beyond = Math.min(RESULT_COLUMNS.length, 16_383 - usedBox.right);

  // Excel on the web refuses a response above 5 MB as it refuses a request, so a large register is read
  // in chunks of whole rows. The first chunk comes with the region's address and what lies around the
  // values, sized by the bytes a cell of the sheet's first rows took (the width of the used range is
  // known); the rest by the bytes a row of the first chunk took, in the columns the run needs. A chunk
  // refused as too large is read again smaller (a quarter of the first read, half of a later one).
  const usedWidth = usedBox.right - usedBox.left + 1;
  const perCell = sample.isNullObject ? null : bytesPerCell(sample.values as Cell[][]);
  const firstCells = perCell === null ? FIRST_READ_CELLS : (budget * FIRST_READ_SHARE) / perCell;
  let firstRows = Math.max(1, Math.min(usedBox.bottom - usedBox.top + 1, Math.floor(firstCells / usedWidth)));
  let first: { address: string; merged: Excel.RangeAreas | null; formulas: Excel.RangeAreas | null; tableAddress: string | null; values: Cell[][]; runLog: Excel.Range | null; ourSheets: string[] };
  for (;;) {
    region.load('address');
    // Merged cells read as blank but for their top-left cell; the run needs to know where they are.
    const merged = support.mergedAreas ? region.getMergedAreasOrNullObject() : null;
    merged?.load('address');
    // A formula giving "" reads as blank, but the cell is the analyst's.
    const formulas = support.specialCells ? (beyond > 0 ? region.getResizedRange(0, beyond) : region).getSpecialCellsOrNullObject('Formulas' as Excel.SpecialCellType) : null;
    formulas?.load('address');
    const tableRange = table?.getRange() ?? null;
    tableRange?.load('address');
    const head = region.getRow(0).getResizedRange(firstRows - 1, 0).getIntersection(region);
    head.load('values');
    const runLog = logSheet.isNullObject ? null : logSheet.getUsedRangeOrNullObject(true);
    runLog?.load('values');
    // The first cells of any sheet of the pack's names, to tell ours from an analyst's of the same name.
    const packHeads = allSheets.items.map((x) => x.name).filter(isOurSheetName).map((n) => [n, ctx.workbook.worksheets.getItem(n).getRange('A1:A2').load('values')] as const);
    try {
      await ctx.sync();
      first = { address: region.address, merged, formulas, tableAddress: tableRange?.address ?? null, values: head.values as Cell[][], runLog, ourSheets: packHeads.filter(([n, r]) => isOurPackSheet(n, (r.values as Cell[][]).map((row) => row[0]))).map(([n]) => n) };
      break;
    } catch (e) {
      if (!isResponseTooLarge(e) || firstRows === 1) throw e;
      firstRows = Math.ceil(firstRows / 4);
    }
  }
  const at = parseAddress(first.address);
  const total = at.bottom - at.top + 1;
  const width = at.right - at.left + 1;
  control.onProgress?.(first.values.length, total);
  const areas = (a: Excel.RangeAreas | null) => (a === null || a.isNullObject ? [] : parseAreas(a.address));
  const named = names?.items.map((n) => ({ name: n.name, formula: String(n.formula ?? '') })) ?? [];
  const regionOf = (values: Cell[][], partial?: RegisterRegion['partial']): RegisterRegion => ({
    sheet: ws.name,
    address: first.address,
    top: at.top,
    left: at.left,
    values,
    kind: table === null ? 'used-range' : 'table',
    ...(table === null ? {} : { table: table.name, tableBox: parseAreas(first.tableAddress!)[0]! }),
    merged: areas(first.merged),
    // Unknown (undefined) on a host without special cells: placement then treats every cell of the region as taken.
    ...(first.formulas === null ? {} : { formulas: areas(first.formulas) }),
    marker: markerFromNames(named, ws.name),
    previousRun: previousRunOf(named),
    markerNames: named.map((n) => n.name).filter(isMarkerName),
    frozen: frozen === null ? null : !frozen.isNullObject,
    ...(first.runLog === null || first.runLog.isNullObject ? {} : { runLog: first.runLog.values as Cell[][] }),
    sheetNames: allSheets.items.map((s) => s.name),
    ourSheets: first.ourSheets,
    dateSystem,
    ...(partial ? { partial } : {}),
  });
  const fromRow = first.values.length;
  // The columns a caller names, once each, in order, and only those of the region.
  const within = (wanted: readonly number[]) => [...new Set(wanted)].filter((c) => c >= 0 && c < width).sort((a, b) => a - b);
  const chosen = fromRow < total && control.columns ? within(control.columns(regionOf(first.values)) ?? []) : [];
  const columns = chosen.length === 0 ? null : chosen;
  const partial = columns === null || columns.length === width ? undefined : { fromRow, columns };
  // The first rows as the rest of the read will give them, for the callers that place and format by them.
  const headRegion = regionOf(first.values, partial);
  // The number formats of the columns whose numbers a percentage format reads otherwise (ReadControl `percentColumns`), riding on the reads of the rows.
  const formatColumns = control.percentColumns ? within(control.percentColumns(headRegion)) : [];
  const formats: RowFormats | null = formatColumns.length === 0 ? null : { columns: formatColumns, read: 0, percent: new Map() };
  // The first rows' results, when they already know their place, ride on the last read (its request is otherwise empty).
  const head = fromRow < total && control.headWriter ? await control.headWriter.block(headRegion) : null;
  const along = head && control.headWriter ? { queue: () => queueHeadRows(ctx, head, writeBudget, support), written: control.headWriter.written } : null;
  const values = await readRemainingRows(ctx, ws, { top: at.top, left: at.left, rows: total, width, columns }, first.values, control, budget, along, formats);
  // A register read whole in the first read: its formats in a sync of their own.
  if (formats !== null && formats.read < values.length) await readFormatsAlone(ctx, ws, { top: at.top, left: at.left }, values, formats, budget);
  return formats === null ? regionOf(values, partial) : { ...regionOf(values, partial), percentCells: formats.percent };
}

/** The first rows' results riding on the last read: `queue` queues them and says how many rows; `written` hears they were confirmed. */
interface RidingRows {
  readonly queue: () => number;
  readonly written: (rows: number) => void;
}

/**
 * Bytes a cell takes in a response, from a sample of rows: without its largest row when it has eight or
 * more (the header's labels are longer than a school's cells); `null` for no cells.
 */
function bytesPerCell(rows: readonly (readonly Cell[])[]): number | null {
  const sizes = rows.map((r) => ({ bytes: jsonBytes(r), cells: r.length }));
  if (sizes.length >= 8) sizes.splice(sizes.reduce((k, s, i) => (s.bytes > sizes[k]!.bytes ? i : k), 0), 1);
  const cells = sizes.reduce((n, s) => n + s.cells, 0);
  return cells === 0 ? null : sizes.reduce((n, s) => n + s.bytes, 0) / cells;
}

/**
 * The rows of a box after the ones read already (`values`, at least one row), in chunks of whole rows
 * sized by the bytes a row took so far, each under the response budget; a chunk refused as too large is
 * read again at half the rows. With `columns` (box columns, ascending), only those are read, a range per
 * run of adjacent columns, and the row's other cells are ''.
 */
async function readRemainingRows(ctx: Excel.RequestContext, ws: Excel.Worksheet, box: { top: number; left: number; rows: number; width: number; columns?: readonly number[] | null }, values: Cell[][], control: ReadControl = {}, budget = READ_BUDGET_BYTES, along: RidingRows | null = null, formats: RowFormats | null = null): Promise<Cell[][]> {
  const runs = box.columns ? columnRuns(box.columns).map((r) => ({ left: r.left, width: r.results.length })) : [{ left: 0, width: box.width }];
  const ofRuns = (row: readonly Cell[]) => runs.map((r) => row.slice(r.left, r.left + r.width));
  let rowBytes = Math.max(1, jsonBytes(values.map(ofRuns)) / values.length + (formats === null ? 0 : formats.columns.length * FORMAT_BYTES));
  while (values.length < box.rows) {
    if (control.signal?.aborted) throw new CancelledError();
    // The formats of the rows read before this chunk ride on it (the first rows', the first time), within its budget.
    const behind = formats === null ? 0 : values.length - formats.read;
    const n = Math.max(1, Math.min(box.rows - values.length, Math.floor((budget - behind * (formats?.columns.length ?? 0) * FORMAT_BYTES) / rowBytes)));
    const chunks = runs.map((r) => ws.getRangeByIndexes(box.top + values.length, box.left + r.left, n, r.width).load('values'));
    const formatRanges = formats === null ? null : queueFormats(ws, box, formats, formats.read, values.length + n - formats.read);
    const riding = along !== null && values.length + n === box.rows ? along.queue() : -1;
    try {
      await ctx.sync();
    } catch (e) {
      // Read again without the rows that rode: the run writes them itself.
      if (riding >= 0) {
        along = null;
        continue;
      }
      if (!isResponseTooLarge(e) || n === 1) throw e;
      rowBytes = budget / Math.ceil(n / 2);
      continue;
    }
    if (riding >= 0) along!.written(riding);
    const got = chunks.map((c) => c.values as Cell[][]);
    let bytes = 0;
    for (let i = 0; i < n; i++) {
      if (runs.length === 1 && runs[0]!.width === box.width) values.push(got[0]![i]!);
      else {
        const row: Cell[] = new Array<Cell>(box.width).fill('');
        runs.forEach((r, k) => got[k]![i]!.forEach((v, j) => (row[r.left + j] = v)));
        values.push(row);
      }
    }
    for (const g of got) bytes += jsonBytes(g);
    if (formatRanges !== null) bytes += keepFormats(formatRanges, values, formats!) * (n / (n + behind));
    rowBytes = Math.max(rowBytes, bytes / n);
    control.onProgress?.(values.length, box.rows);
  }
  return values;
}

/** Bytes a cell's number format is taken to need in a response before one is read ("0.0%" and its quotes and comma; "General" is 10). */
const FORMAT_BYTES = 24;

/**
 * The number formats of some columns of the rows read so far: by column (in the region's values), the rows
 * whose number a percentage format shows; `read`, how many rows' formats are in.
 */
interface RowFormats {
  readonly columns: readonly number[];
  read: number;
  readonly percent: Map<number, Set<number>>;
}

/** Queues the formats of `rows` rows from `from`, a range per column. */
function queueFormats(ws: Excel.Worksheet, box: { top: number; left: number }, formats: RowFormats, from: number, rows: number): QueuedFormats {
  return { from, rows, ranges: formats.columns.map((c) => ws.getRangeByIndexes(box.top + from, box.left + c, rows, 1).load('numberFormat')) };
}

/** Formats queued: of `rows` rows from `from`, a range per column of `RowFormats.columns`. */
interface QueuedFormats {
  readonly from: number;
  readonly rows: number;
  readonly ranges: readonly Excel.Range[];
}

/** Keeps what the loaded formats say of the rows' numbers (`values` holds the rows); their bytes in the response. */
function keepFormats(loaded: QueuedFormats, values: readonly (readonly Cell[])[], formats: RowFormats): number {
  let bytes = 0;
  loaded.ranges.forEach((range, k) => {
    const c = formats.columns[k]!;
    const codes = range.numberFormat as string[][];
    bytes += jsonBytes(codes);
    codes.forEach(([code], i) => {
      const row = loaded.from + i;
      if (typeof values[row]?.[c] !== 'number' || !isPercentFormatCode(String(code ?? ''))) return;
      let rows = formats.percent.get(c);
      if (rows === undefined) formats.percent.set(c, (rows = new Set()));
      rows.add(row);
    });
  });
  formats.read = loaded.from + loaded.rows;
  return bytes;
}

/** The formats of the rows no read carried (a register read whole in its first read), in syncs of their own under the budget. */
async function readFormatsAlone(ctx: Excel.RequestContext, ws: Excel.Worksheet, box: { top: number; left: number }, values: readonly (readonly Cell[])[], formats: RowFormats, budget: number): Promise<void> {
  while (formats.read < values.length) {
    const rows = Math.max(1, Math.min(values.length - formats.read, Math.floor(budget / (formats.columns.length * FORMAT_BYTES))));
    const loaded = queueFormats(ws, box, formats, formats.read, rows);
    await ctx.sync();
    keepFormats(loaded, values, formats);
  }
}

/**
 * A sheet's values from A1 to the end of its used range (`null`: no such sheet): its used range in the
 * first sync, then its rows, the first chunk sized by cells and the rest by the bytes a row took.
 */
export async function readSheet(ctx: Excel.RequestContext, name: string): Promise<Cell[][] | null> {
  const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
  ws.load('name');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('address');
  await ctx.sync();
  if (ws.isNullObject) return null;
  if (used.isNullObject) return [];
  const box = parseAddress(used.address);
  const width = box.right + 1;
  let firstRows = Math.max(1, Math.min(box.bottom + 1, Math.floor(FIRST_READ_CELLS / width)));
  for (;;) {
    const head = ws.getRangeByIndexes(0, 0, firstRows, width);
    head.load('values');
    try {
      await ctx.sync();
    } catch (e) {
      if (!isResponseTooLarge(e) || firstRows === 1) throw e;
      firstRows = Math.ceil(firstRows / 4);
      continue;
    }
    return readRemainingRows(ctx, ws, { top: 0, left: 0, rows: box.bottom + 1, width }, head.values as Cell[][]);
  }
}

/**
 * Reading the register through Office.js (see office.ts for the batching rules): 2 syncs for a register
 * whose values fit one response, one more per 4.5 MB of values beyond. Everything else the run needs
 * rides on those two syncs: the sheet's names (the marker an earlier run left), whether panes are frozen,
 * the table's own box, the merged areas, the cells holding formulas, and the Run log (the earlier runs
 * the SIG summary's trend shows).
 */
import { markerFromNames, previousRunOf, isMarkerName } from '../run/resultMarker';
import { RUN_LOG_SHEET } from '../run/runLog';
import { RESULT_COLUMNS } from '../run/resultPlacement';
import type { Cell } from './cell';
import { CancelledError, READ_BUDGET_BYTES, jsonBytes, parseAddress, parseAreas, type ReadControl, type RegisterRegion } from './port';
import type { HostSupport } from './office';

/** Why the register could not be read. */
export class ReadError extends Error {
  override readonly name = 'ReadError';
}

/** Cells in the first read of a register: a county's register in one sync, a country's first rows. */
const FIRST_READ_CELLS = 150_000;

const isResponseTooLarge = (e: unknown) => typeof e === 'object' && e !== null && (e as { code?: string }).code === 'ResponsePayloadSizeLimitExceeded';

/** Reads the register region: the table the selection is in, else the active sheet's used range. */
export async function readRegister(ctx: Excel.RequestContext, support: HostSupport, control: ReadControl = {}): Promise<RegisterRegion> {
  // The register the pane found before, read again where it is; else the table the selection is in, or the active sheet.
  const from = control.from;
  const ws = from ? ctx.workbook.worksheets.getItem(from.sheet) : ctx.workbook.worksheets.getActiveWorksheet();
  ws.load('name');
  const tables = from ? null : ctx.workbook.getSelectedRange().getTables(false);
  tables?.load('items/name');
  const foundTable = from?.table ? ws.tables.getItemOrNullObject(from.table) : null;
  foundTable?.load('name');
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('address');
  // Our names say where an earlier run's results are; frozen panes are the analyst's choice, kept.
  const names = support.names ? ws.names.load('items/name,items/formula') : null;
  const frozen = support.freezePanes ? ws.freezePanes.getLocationOrNullObject() : null;
  frozen?.load('address');
  // Whether there is a Run log: its values come with the register's first rows (a null sheet is not asked for its cells).
  const logSheet = ctx.workbook.worksheets.getItemOrNullObject(RUN_LOG_SHEET);
  logSheet.load('name');
  await ctx.sync();
  const table = tables ? (tables.items[0] ?? null) : foundTable && !foundTable.isNullObject ? foundTable : null;
  if (used.isNullObject) throw new ReadError(`Sheet "${ws.name}" is empty: open the sheet with your register, or select a cell in its table.`);
  // The table's rows, across to the used range's last column, so an earlier result block beside the table is read too.
  const region = table === null ? used : table.getRange().getBoundingRect(used).getIntersection(table.getRange().getEntireRow());
  const usedBox = parseAddress(used.address);
  // A new block can reach as far right of the used range as it is wide (the region ends where the used range does).
  const beyond = Math.min(RESULT_COLUMNS.length, 16_383 - usedBox.right);

  // Excel on the web refuses a response above 5 MB as it refuses a request, so a large register is read
  // in chunks of whole rows. The first chunk comes with the region's address and what lies around the
  // values, sized by cells (the width of the used range is known); the rest by the bytes a row of the
  // first chunk took. A chunk refused as too large is read again smaller (a quarter of the first read,
  // half of a later one).
  let firstRows = Math.max(1, Math.min(usedBox.bottom - usedBox.top + 1, Math.floor(FIRST_READ_CELLS / (usedBox.right - usedBox.left + 1))));
  let first: { address: string; merged: Excel.RangeAreas | null; formulas: Excel.RangeAreas | null; tableAddress: string | null; values: Cell[][]; runLog: Excel.Range | null };
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
    try {
      await ctx.sync();
      first = { address: region.address, merged, formulas, tableAddress: tableRange?.address ?? null, values: head.values as Cell[][], runLog };
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
  control.onProgress?.(values.length, total);
  while (values.length < total) {
    if (control.signal?.aborted) throw new CancelledError();
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
    control.onProgress?.(values.length, total);
  }
  const areas = (a: Excel.RangeAreas | null) => (a === null || a.isNullObject ? [] : parseAreas(a.address));
  const named = names?.items.map((n) => ({ name: n.name, formula: String(n.formula ?? '') })) ?? [];
  return {
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
  };
}

/**
 * The workbook port: everything the task pane asks of the open workbook, as plain data. The Office.js
 * implementation (office.ts) batches each method into as few `sync` calls as it can; tests use the same
 * implementation over an Excel double (test/support/excelDouble.ts). Coordinates are 0-based sheet rows
 * and columns.
 */
import type { LayoutPrint, SheetLayout } from '../run/packSheets';
import type { ResultMarker } from '../run/resultPlacement';
import type { Cell } from './cell';
import type { DateSystem } from './dateSystem';

/** The register region the pane read: the Excel table the selection is in, else the active sheet's used range. */
export interface RegisterRegion {
  readonly sheet: string;
  /** "Register!A1:BO201", as Excel gives it. */
  readonly address: string;
  /** 0-based sheet row and column of the region's top-left cell. */
  readonly top: number;
  readonly left: number;
  readonly values: readonly (readonly Cell[])[];
  readonly kind: 'table' | 'used-range';
  /** The table's name when `kind` is `table`. */
  readonly table?: string;
  /**
   * Merged areas that meet the region, as 0-based sheet boxes. \`Range.values\` gives a merged area's
   * value in its top-left cell only and '' in the cells it covers.
   */
  readonly merged?: readonly MergedArea[];
  /**
   * The marker an earlier run left on the sheet (its defined names), in sheet columns; `null` when there
   * is none. See src/run/resultMarker.ts.
   */
  readonly marker?: ResultMarker | null;
  /** The run that left the marker (`SchoolRisk.run`): its framework tells whether the previous categories compare. */
  readonly previousRun?: { readonly runId: string; readonly frameworkId: string; readonly asOf: string } | null;
  /** Our names already on the sheet (`SchoolRisk.*`): the write replaces them. */
  readonly markerNames?: readonly string[];
  /**
   * Cells holding a formula, in and just right of the region, as sheet boxes: a formula giving "" reads
   * as blank in `values` but is the analyst's, so no result goes there. Undefined when the host cannot
   * list them (before ExcelApi 1.9): every cell of the region then counts as taken.
   */
  readonly formulas?: readonly SheetBox[];
  /** The table's own box when `kind` is `table` (the region may reach further right, to the used range). */
  readonly tableBox?: SheetBox;
  /** The sheet has frozen panes; `null` when the host cannot say (before ExcelApi 1.7). */
  readonly frozen?: boolean | null;
  /** The Run log sheet's values (its used range from A1), for the SIG summary's trend; undefined when the workbook has none. */
  readonly runLog?: readonly (readonly Cell[])[];
  /** Every sheet's name (hidden ones too), so a sheet of ours never takes the place of an analyst's of the same name; undefined when not read. */
  readonly sheetNames?: readonly string[];
  /** The sheets of the pack's names that hold a pack of ours (src/run/packSheets.ts `isOurPackSheet`). */
  readonly ourSheets?: readonly string[];
  /**
   * Set when only some columns were read past the first rows (a run reads only the columns it needs,
   * ReadControl `columns`): from grid row `fromRow` on, only the grid `columns` hold their cells; the
   * others read as '' but are unknown, so placement counts them as taken. Undefined: every cell was read.
   */
  readonly partial?: { readonly fromRow: number; readonly columns: readonly number[] };
  /**
   * The workbook's date system: its date cells hold serials of this system (1,462 fewer in a 1904
   * workbook). `null` when the host could not say (the run then reads them as the 1900 system and says
   * so); undefined when not asked (the 1900 system).
   */
  readonly dateSystem?: DateSystem | null;
  /**
   * By column (in `values`), the rows (in `values`) whose number a percentage format shows (5.2% held as
   * 0.052): only the columns the read was asked for (ReadControl `percentColumns`), read as they show
   * (src/run/percentCells.ts). Undefined when none was asked.
   */
  readonly percentCells?: ReadonlyMap<number, ReadonlySet<number>>;
}

/** A box of cells: 0-based sheet rows and columns, inclusive. */
export interface SheetBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** A merged area. */
export type MergedArea = SheetBox;

/**
 * The region's values as the analyst sees them: each cell a merged area covers shows the area's value,
 * as the command line reads it from the file (exceljs gives covered cells their master's value). So a
 * header merged across two columns reads as the same header twice, and is reported as the command line
 * reports it, not silently dropped.
 */
export function valuesAsSeen(region: RegisterRegion): readonly (readonly Cell[])[] {
  if (!region.merged?.length) return region.values;
  const out = region.values.map((r) => r.slice());
  for (const m of region.merged) {
    const value = region.values[m.top - region.top]?.[m.left - region.left];
    if (value === undefined) continue; // its top-left cell is outside the region
    for (let r = Math.max(m.top, region.top); r <= m.bottom; r++) {
      const row = out[r - region.top];
      if (!row) break;
      for (let c = Math.max(m.left, region.left); c <= m.right && c - region.left < row.length; c++) row[c - region.left] = value;
    }
  }
  return out;
}

/** One result row's category fill. */
export interface RowFill {
  readonly colour: string;
  readonly textColour: string;
}

/** The result block to write beside the register (or inside its table). */
export interface ResultBlock {
  readonly sheet: string;
  /** 0-based sheet row of the header row. */
  readonly headerRow: number;
  /** Sheet column of each result, in RESULT_COLUMNS order; not necessarily side by side (a column the analyst inserted may split them). */
  readonly columns: readonly number[];
  /** Per result: the header to write, or `null` to keep the header there (the analyst may have renamed it). */
  readonly headers: readonly (string | null)[];
  /** 0-based sheet row of `rows[0]`; the rows are contiguous (blank rows inside the register are cleared). */
  readonly firstRow: number;
  /** One cell per result, in RESULT_COLUMNS order. */
  readonly rows: readonly (readonly Cell[])[];
  /** One per row: the category cell's fill, `null` for no fill (a row with no category). */
  readonly fills: readonly (RowFill | null)[];
  /** Index among the results of the column filled (the category) and of the date column, with its format. */
  readonly fillColumn: number;
  readonly dateColumn: number;
  readonly dateFormat: string;
  /** The marker to leave on the sheet, so the next run finds this block. */
  readonly marker: MarkerWrite;
  /**
   * The analyst's table the results belong to: `right` is its new last column when result columns are
   * to be added to it, `null` when they are inside it already. `null` for a plain range, or when the
   * results cannot join the table (the notes say why).
   */
  readonly table: { readonly name: string; readonly box: SheetBox; readonly right: number | null } | null;
  /** Panes to freeze (rows from the top, columns from the left) on a plain range whose sheet has none. */
  readonly freeze: { readonly rows: number; readonly columns: number } | null;
  /** What the analyst should know about where the results went (the placement's notes and the write's own). */
  readonly notes: readonly string[];
}

/** The defined names marking a block: each replaces a name of ours already on the sheet. */
export interface MarkerWrite {
  /** Our names on the sheet now, deleted before the new ones are added (Excel refuses a name that exists). */
  readonly replace: readonly string[];
  /** One name per result, in RESULT_COLUMNS order, referring to its column from the header row to `lastRow`. */
  readonly names: readonly string[];
  readonly lastRow: number;
  /** The run's name and its text constant ("=..."). */
  readonly run: { readonly name: string; readonly formula: string };
}

/** One run's whole write: the block, the SIG pack's sheets and the Run log row. */
export interface RunWrite {
  readonly block: ResultBlock;
  /** The pack's sheets as src/run/packSheets.ts lays them out (the SIG summary, the School profiles): each replaces the sheet of its name. */
  readonly pack: readonly SheetLayout[];
  readonly log: RunLogWrite;
}

/** The Run log: this run's row appended below the earlier runs' (the headers first when the sheet is new). */
export interface RunLogWrite {
  readonly sheet: string;
  readonly headers: readonly string[];
  readonly row: readonly Cell[];
  /** Write the headers over the sheet's first row even though it has rows (an older log of ours, whose header row lacks the later columns). */
  readonly rewriteHeaders: boolean;
  /** Column widths in characters, set when the sheet is new. */
  readonly widths: readonly number[];
  readonly print: LayoutPrint;
}

/** How a write went. Rows are 0-based indexes into `ResultBlock.rows`; `done` is always a prefix. */
export interface WriteReport {
  readonly status: 'done' | 'cancelled' | 'failed';
  /** Rows whose new results are written (whole rows: the rest keep their old results). */
  readonly rowsDone: number;
  readonly totalRows: number;
  /** The failure, in words, when `status` is `failed`. */
  readonly error?: string;
  /** The pack's sheets and the Run log were written (only after every row is). */
  readonly packWritten: boolean;
  /** Where the results went and what could not be done, in words for the analyst (the block's notes first). */
  readonly notes: readonly string[];
  /** The table whose columns the results are, `null` when they are beside the register. */
  readonly insideTable: string | null;
}

/** How adding one school's profile page went. */
export interface ProfilePageReport {
  /** `added` at the end of the sheet; `found`: the sheet had a page for this school already (selected, not added again). */
  readonly status: 'added' | 'found' | 'failed';
  readonly sheet: string;
  /** 0-based sheet row the page starts at. */
  readonly row: number;
  readonly error?: string;
  /** What could not be done (the host's print settings), in words for the analyst. */
  readonly notes: readonly string[];
}

/** Where a write is, after each sync: syncs done of those it plans (the result rows' chunks, then the SIG pack's and the Run log's), and the sheet that sync wrote to. */
export interface WriteStep {
  readonly syncsDone: number;
  readonly syncsTotal: number;
  readonly sheet: string;
}

/** How writing a sheet of our own (the Problems sheet) went. */
export interface OwnSheetReport {
  readonly status: 'done' | 'failed';
  /** The sheet's name: the layout's, or numbered ("Problems (2)") when an analyst's sheet has that name. */
  readonly sheet: string;
  /** The name of our earlier sheet it replaced; `null` when there was none. */
  readonly replaced: string | null;
  /** Rows written, the header row included. */
  readonly rows: number;
  readonly error?: string;
}

/** Progress and cancel for a write: a cancel stops it between syncs, never inside one. */
export interface WriteControl {
  readonly signal?: AbortSignal;
  readonly onProgress?: (rowsDone: number, totalRows: number, step: WriteStep) => void;
  /**
   * Rows of the block written already, along the register's last read (`HeadWriter`), with the block's
   * headers, the table's resize and the frozen panes: the write goes on from the next row, the marker first.
   */
  readonly written?: number;
}

/**
 * Results that ride on the register's last read: a sync that reads is otherwise an empty request. When
 * the first rows read already decide where the results go, `block` gives the result block of those rows
 * (`null`: nothing rides); the read's last sync writes as many of them as the write budget allows, with the
 * block's headers, and `written` hears how many that sync confirmed. A sync that fails is read again
 * without them, and the run writes those rows itself.
 */
export interface HeadWriter {
  readonly block: (head: RegisterRegion) => Promise<ResultBlock | null>;
  readonly written: (rows: number) => void;
}

/** Progress and cancel for reading the register: rows read of the region's rows, after each sync; `from` reads a register found before (its sheet, and its table if it is one) wherever the selection is now. */
export interface ReadControl {
  readonly from?: { readonly sheet: string; readonly table?: string };
  /**
   * The grid columns to read past the first chunk of rows, given the region as read so far (its first
   * rows, with the header); `null`, or no function, reads every column.
   */
  readonly columns?: (head: RegisterRegion) => readonly number[] | null;
  /**
   * The grid columns whose cells' number formats the run needs, given the region's first rows: those whose
   * numbers alone cannot say they are shown as percentages, a rate per 100 pupils (src/run/percentCells.ts,
   * taskpaneRun.ts `percentColumnsForRun`). Their formats ride on the reads of the rows.
   */
  readonly percentColumns?: (head: RegisterRegion) => readonly number[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (rowsRead: number, totalRows: number) => void;
  /** The first rows' results, written in the read's last sync when their place is settled. */
  readonly headWriter?: HeadWriter;
}

/** A read or a run stopped on request, between two syncs: nothing was written. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
  constructor(message = 'Cancelled.') {
    super(message);
  }
}

/** A framework file loaded into a workbook: its name, its SHA-256 and its text (so it travels with the workbook). */
export interface FrameworkFile {
  readonly name: string;
  readonly sha256: string;
  readonly text: string;
}

/**
 * What the pane remembers in the workbook: the framework, the analyst's header corrections, the
 * parameters set per framework and the framework files loaded (src/run/authoritySettings.ts).
 */
export interface PaneSettings {
  readonly framework: string;
  /** Field key to the header text it is mapped to (`null`: the analyst unmapped it). */
  readonly mapping: Readonly<Record<string, string | null>>;
  /** Per framework id, the parameters set away from their defaults (name to value). */
  readonly parameters?: Readonly<Record<string, Readonly<Record<string, number | string | boolean>>>>;
  readonly frameworkFiles?: readonly FrameworkFile[];
}

/** The selected cell. */
export interface CellAddress {
  readonly sheet: string;
  readonly row: number;
  readonly column: number;
}

/** One cell a refresh writes, in sheet coordinates. */
export interface RefreshCell {
  readonly row: number;
  readonly column: number;
  readonly value: Cell;
  /** A date (an Excel serial): given the write's date format where the cell has none of its own (General), as the command line keeps a cell's own format. */
  readonly date: boolean;
}

/** A refresh's whole write (src/run/taskpaneRefresh.ts plans it; src/run/refreshSheets.ts lays out the sheets). */
export interface RefreshWrite {
  readonly sheet: string;
  /** The changed cells only: no other cell of the register is written. */
  readonly cells: readonly RefreshCell[];
  /** Columns added for the fields the register lacks: their header cells (bold), on the register's header row. */
  readonly added: { readonly headerRow: number; readonly columns: readonly number[]; readonly headers: readonly string[] };
  /** The analyst's table the added columns join (`right`: its new last column), `null` when they go beside the register. */
  readonly table: { readonly name: string; readonly box: SheetBox; readonly right: number } | null;
  readonly dateFormat: string;
  /** The Changes sheet: replaces the sheet of its name when an earlier refresh left its memory, else is added under a name no sheet has. */
  readonly changes: SheetLayout;
  /** What this refresh wrote, on a hidden sheet, for the next one to tell the analyst's later edits. */
  readonly memory: SheetLayout;
  readonly notes: readonly string[];
}

/** How a refresh's write went. */
export interface RefreshReport {
  readonly status: 'done' | 'failed';
  /** Register cells confirmed written (a prefix of `RefreshWrite.cells` in the order the port writes them: by column, then row). */
  readonly cellsDone: number;
  readonly totalCells: number;
  /** The Changes sheet and the memory were written (only after every cell is). */
  readonly sheetsWritten: boolean;
  /** The name the Changes sheet was written under. */
  readonly changesSheet: string;
  readonly error?: string;
  readonly notes: readonly string[];
}

/** The port. */
export interface WorkbookPort {
  /** A sheet's values from A1 to the end of its used range, read in chunks under the response limit; `null` when the workbook has no sheet of that name. */
  readSheet(name: string): Promise<Cell[][] | null>;
  /**
   * Writes a refresh: the changed cells (one 2-D array per run of adjacent rows in a column), the added
   * columns' headers and the table resize, then the Changes sheet and the hidden memory, each sync under
   * the budget. Never throws: a failure is in the report.
   */
  writeRefresh(write: RefreshWrite, control?: WriteControl): Promise<RefreshReport>;
  /** Reads the register region (in chunks of whole rows when it is large); a cancel between syncs throws `CancelledError`. */
  readRegister(control?: ReadControl): Promise<RegisterRegion>;
  /** Writes the result block in chunks of whole rows, then the pack's sheets and the Run log. Never throws: failures are in the report. */
  writeRun(write: RunWrite, control?: WriteControl): Promise<WriteReport>;
  /**
   * Adds a page (a one-profile layout) at the end of the sheet the layout names, after a page break, and
   * selects it; the sheet is made, set up to print as the layout says, when there is none. A page the sheet
   * already has (the same first two cells in column A) is selected instead. Never throws.
   */
  addProfilePage(layout: SheetLayout): Promise<ProfilePageReport>;
  /**
   * Writes a sheet of our own (`id` names its marker): replaces the sheet an earlier write marked, never
   * an analyst's sheet of the same name (ours is then numbered), and activates it. Never throws.
   */
  writeOwnSheet(layout: SheetLayout, id: string): Promise<OwnSheetReport>;
  /** Selects one cell (problem navigation). */
  selectCell(cell: CellAddress): Promise<void>;
  /** The active cell (top-left of the selection). */
  selectedCell(): Promise<CellAddress>;
  loadSettings(): Promise<PaneSettings | null>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** Recalculates the workbook, so the custom functions pick up changed settings. */
  recalculate(): Promise<void>;
}

/** Excel on the web rejects a request above 5 MB (RequestPayloadSizeLimitExceeded). */
export const REQUEST_LIMIT_BYTES = 5 * 1024 * 1024;

const hasCode = (e: unknown, code: string) => typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
/** The request was refused for its size: refused before anything in it is applied, so it can go again smaller. */
export const isRequestTooLarge = (e: unknown) => hasCode(e, 'RequestPayloadSizeLimitExceeded');
/** The response was too large: read again, fewer rows at a time. */
export const isResponseTooLarge = (e: unknown) => hasCode(e, 'ResponsePayloadSizeLimitExceeded');
/**
 * The budget each write's request is planned to, in `requestBytes`. Measured against Microsoft's Office.js
 * (test/src/workbook/officeJsRequests.test.ts): the requests it really makes for a country's register, as
 * the host's message carries them, stay under 4.8 MB, 4% under the limit read as 5,000,000 bytes.
 */
export const CHUNK_BUDGET_BYTES = 4.5 * 1024 * 1024;
/**
 * The budget each read is planned to, from the bytes earlier rows took: a response carries little but the
 * values, and a read refused as too large is simply read again smaller, so it runs closer to the limit.
 */
export const READ_BUDGET_BYTES = Math.floor(REQUEST_LIMIT_BYTES * 0.85);

/** Bytes a JSON-serialised value takes in UTF-8 (what a request carries). */
export function jsonBytes(value: unknown): number {
  return encodedLength(JSON.stringify(value), false);
}

/**
 * Bytes a value takes in a write request as Excel on the web receives it: its JSON, and one more for each
 * quote and backslash, escaped again when Office.js's request (itself JSON) travels as a string in the
 * host's message (measured against Office.js itself: test/src/workbook/officeJsRequests.test.ts).
 */
export function requestBytes(value: unknown): number {
  return encodedLength(JSON.stringify(value), true);
}

/** UTF-8 bytes of `text`; `escaped`: as a JSON string's contents, a quote or backslash taking one byte more. */
function encodedLength(text: string, escaped: boolean): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += escaped && (c === 0x22 || c === 0x5c) ? 2 : 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Splits rows into chunks of whole rows whose estimated request size (`rowBytes` each, plus `fixed`
 * per chunk) stays within `budget`. Returns [start, end) pairs. A single row above the budget is a
 * chunk of its own (the request then fails and says so, rather than the row being split).
 */
/**
 * Replaces chunk `k` by its two halves when it has more than one row (a request refused for its size);
 * false when it cannot be split.
 */
export function halveChunk(chunks: [number, number][], k: number): boolean {
  const [start, end] = chunks[k]!;
  if (end - start < 2) return false;
  const middle = start + Math.ceil((end - start) / 2);
  chunks.splice(k, 1, [start, middle], [middle, end]);
  return true;
}

export function chunkRows(rowBytes: readonly number[], budget: number, fixed = 0): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let size = fixed;
  for (let i = 0; i < rowBytes.length; i++) {
    if (i > start && size + rowBytes[i]! > budget) {
      chunks.push([start, i]);
      start = i;
      size = fixed;
    }
    size += rowBytes[i]!;
  }
  if (start < rowBytes.length) chunks.push([start, rowBytes.length]);
  return chunks;
}

/** Column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Parses a multi-area address ("Sheet1!E1:F1,Sheet1!A9:A11", as \`RangeAreas.address\` gives it) into
 * boxes; a comma inside a quoted sheet name ("'Spring, 2026'!A1") is part of the name.
 */
export function parseAreas(address: string): SheetBox[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < address.length; i++) {
    if (address[i] === "'") quoted = !quoted;
    else if (address[i] === ',' && !quoted) {
      parts.push(address.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(address.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean).map((p) => {
    const { top, left, bottom, right } = parseAddress(p);
    return { top, left, bottom, right };
  });
}

/** Parses "Sheet1!B3:D10" (or "'My sheet'!B3") to 0-based corners. */
export function parseAddress(address: string): { sheet: string; top: number; left: number; bottom: number; right: number } {
  const bang = address.lastIndexOf('!');
  const rawSheet = bang < 0 ? '' : address.slice(0, bang);
  const sheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  const [a, b] = address.slice(bang + 1).split(':');
  const corner = (ref: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(ref);
    if (!m) throw new Error(`Not a cell reference: ${ref}`);
    const col = [...m[1]!.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { row: Number(m[2]) - 1, col };
  };
  const p = corner(a!);
  const q = b ? corner(b) : p;
  return { sheet, top: p.row, left: p.col, bottom: q.row, right: q.col };
}

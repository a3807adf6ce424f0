/**
 * A double of the parts of the Excel JavaScript API the workbook port uses, behaving as Office.js does:
 * `Excel.run(ctx => ...)` hands out proxy objects; setting a property or calling a method queues a
 * command; `load` queues a read; nothing happens until `ctx.sync()`, and a loaded property read before
 * that sync throws PropertyNotLoaded. Each sync is counted and its request measured (the JSON of its
 * commands, UTF-8); a request above 5 MB is rejected whole with RequestPayloadSizeLimitExceeded, as
 * Excel on the web does, and so is a sync whose response (the JSON of what it loads) is above 5 MB, with
 * ResponsePayloadSizeLimitExceeded: its commands ran, but nothing it loaded arrives (the Office add-ins
 * resource limits: "Excel on the web: payload size limit for requests and responses: 5 MB"). Commands apply in order; a failure injected at a command leaves the commands
 * before it applied (Office.js batches are not transactions). Strings written to `values` are read as
 * Excel reads typing: a leading apostrophe makes text, "=", "+" or "-" start a formula, numerals
 * become numbers.
 *
 * What it models beyond cells, each as Excel does it (the workbook model and the analyst's edits are in
 * test/support/excelModel.ts):
 * - Tables: `getTables` on a range, `worksheet.tables.getItem`, `table.getRange`, `showTotals` (its last row is
 *   a totals row, kept out of a sort) and `table.resize`
 *   (ExcelApi 1.13: the header row stays, the new range overlaps the old, header cells become column
 *   names, a clash is refused). A header cell written inside a table that clashes is renamed "Category2".
 * - The workbook's date system (`use1904DateSystem`, loaded as any property) and `functions.date`, whose
 *   answer follows it, as =DATE's does.
 * - The sheets: `worksheets.load('items/name')`, `getItem`, `getItemOrNullObject`, `add`, `delete`, `activate`.
 * - Sheet-scoped defined names (`worksheet.names`: load `items/name`, `items/formula`; `add` with a
 *   range or a formula text, ExcelApi 1.4; `getItem`, `delete`, `visible`): adding a name that exists
 *   is refused; a name follows its column when columns are inserted and becomes `Sheet!#REF!` when its
 *   column is deleted.
 * - Frozen panes (`worksheet.freezePanes`: `getLocationOrNullObject`, `freezeAt`, `freezeRows`,
 *   ExcelApi 1.7), merged areas (`getMergedAreasOrNullObject`, ExcelApi 1.13) and the formula cells of a
 *   range (`getSpecialCellsOrNullObject('Formulas')`, ExcelApi 1.9), each a null object when empty.
 * - Cell formats: `format.fill.color`, `format.font.bold/color/size`, `format.wrapText`,
 *   `format.verticalAlignment`, `format.columnWidth` (points), `numberFormat`, and `setCellProperties`
 *   (ExcelApi 1.9) with the same properties per cell; `format.autofitRows()` sizes rows to what they hold
 *   when it applies (excelModel.ts). `worksheet.getRanges(address)` (ExcelApi 1.9) gives the areas of a
 *   comma-separated address a format at once; a list past 8,192 characters is refused (office-js#5198
 *   reports long lists refused with InvalidArgument). `range.getUsedRangeOrNullObject` gives the used
 *   cells within a range.
 * - Charts (type, the series Excel reads from the source, colours, title, legend, position), the page
 *   layout (orientation, paper, margins, zoom, header and footer, print titles) and manual page breaks:
 *   test/support/excelDoubleLayout.ts.
 * - The analyst's edits between runs, as test helpers: `insertColumns`, `deleteColumns`, `sortTable`,
 *   and `SheetModel.snapshot` to compare every cell (value, formula, format) before and after a run.
 * Loaded names and table names count in a response's size as what was loaded of them.
 *
 * It runs in Node (the tests, `npm run bench` through `runOnDouble`) and in the browser (bundled by the
 * end-to-end test in place of Office.js).
 */
import { dateFromParts, fromIsoDate, toExcelSerial } from '../../core/dates';
import { frameworkById } from '../../core/frameworks';
import { runOnPort } from '../../src/run/taskpaneRun';
import type { Cell } from '../../src/workbook/cell';
import { toWorkbookSerial } from '../../src/workbook/dateSystem';
import { createOfficePort, type SettingsStore } from '../../src/workbook/office';
import { parseAddress, parseAreas, REQUEST_LIMIT_BYTES, type WorkbookPort } from '../../src/workbook/port';
import { addChart, PageBreaksProxy, PageLayoutProxy, type ChartProxy } from './excelDoubleLayout';
import {
  addressOf, deleteColumns, DoubleError, insertColumns, LAST_COLUMN, LAST_ROW, nameFormula, SheetModel, sortTable,
  type Box, type CellModel, type NameModel, type TableModel,
} from './excelModel';

export { cellAt, cellKey, DoubleError, nameFormulaOf, SheetModel, type Box, type CellModel, type ChartModel, type NameModel, type PageLayoutModel, type SeriesModel, type TableModel } from './excelModel';

interface Command {
  readonly payload: unknown;
  readonly apply: () => void;
}

/** What one load brings back: its size in the response, and filling the proxy once the response arrives. */
interface PendingLoad {
  readonly bytes: number;
  readonly commit: () => void;
}

/** UTF-8 bytes of loaded values as JSON; a proxy in a collection counts as what was loaded of it. */
const responseSize = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, (_k, v: unknown) => (v instanceof ClientObject ? v.loadedSoFar() : v))).length;

/**
 * What Excel stores for a value written to `values` into a cell of number format `format`. In a Text
 * (`@`) cell everything is kept as its text, as typed into the cell: a number, TRUE, even "=A1" (the
 * values setter is entry: it reads "=" as a formula and "'" as the text prefix, so it follows the
 * cell's Text format as entry does).
 */
export function excelReads(v: Cell, format = 'General'): { value: Cell; formula?: string } {
  if (format === '@') return { value: typeof v === 'string' ? (v.startsWith("'") ? v.slice(1) : v) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v) };
  if (typeof v !== 'string') return { value: v };
  if (v.startsWith("'")) return { value: v.slice(1) };
  if (/^[=+-]./.test(v) && !/^[+-]?\d+(\.\d+)?$/.test(v)) return { value: '#NAME?', formula: v.startsWith('=') ? v : `=${v}` };
  if (/^-?\d+(\.\d+)?$/.test(v.trim())) return { value: Number(v) };
  return { value: v };
}

/** The double: a workbook, an `Excel.run`, counters and failure injection. */
export class ExcelDouble {
  readonly sheets: SheetModel[] = [];
  active = '';
  selection: { sheet: string; box: Box } | null = null;
  syncs = 0;
  readonly requestBytes: number[] = [];
  /** Per sync: bytes of the JSON of what it loaded. */
  readonly responseBytes: number[] = [];
  /** Per sync: the operation of each command it carried ("values", "load", "addName", ...). */
  readonly operations: string[][] = [];
  calculationSuspensions = 0;
  /** Full recalculations asked for (the pane asks after settings change, so the functions see them). */
  recalculations = 0;
  /** Excel on the web's limits on a request and on a response (tests lower them). */
  requestLimitBytes = REQUEST_LIMIT_BYTES;
  responseLimitBytes = REQUEST_LIMIT_BYTES;
  /** Syncs (1-based) refused as too large whatever their size, as a host counting more than Office.js sends would. */
  readonly refusedAsTooLarge = new Set<number>();
  /** Injected failure: at the given (1-based) sync, fail before applying command `atCommand` (0: the whole request fails). */
  failure: { sync: number; atCommand: number } | null = null;
  readonly settingsData = new Map<string, unknown>();
  /**
   * The workbook uses the 1904 date system: its date cells hold serials 1,462 below the 1900 system's
   * (cells are given as the workbook holds them), and `functions.date` answers in it.
   */
  use1904DateSystem = false;
  /** Called after each successful sync (the e2e page uses it to slow a run down). */
  afterSync: (() => Promise<void>) | null = null;

  /** `Office.context.document.settings`. */
  readonly settings: SettingsStore = {
    get: (name) => this.settingsData.get(name) ?? null,
    set: (name, value) => void this.settingsData.set(name, value),
    saveAsync: (cb) => setTimeout(() => cb?.({ status: 'succeeded' }), 0),
  };

  /** `Excel.run`. */
  readonly run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(new Context(this) as unknown as Excel.RequestContext);

  /** Largest request so far. */
  get maxRequestBytes(): number {
    return Math.max(0, ...this.requestBytes);
  }

  /** Largest response so far. */
  get maxResponseBytes(): number {
    return Math.max(0, ...this.responseBytes);
  }

  /** Adds a sheet with values at A1 (and makes it active when it is the first). */
  addSheet(name: string, values: readonly (readonly Cell[])[] = []): SheetModel {
    const s = new SheetModel(name);
    s.put(0, 0, values);
    this.sheets.push(s);
    if (!this.active) this.active = name;
    if (!this.selection) this.selection = { sheet: name, box: { top: 0, left: 0, bottom: 0, right: 0 } };
    return s;
  }

  /** A sheet by name (undefined when there is none). */
  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The analyst inserts whole columns before column `at` (0-based): cells, tables and names move as in Excel. */
  insertColumns(sheet: string, at: number, count = 1): void {
    insertColumns(this.sheets, this.sheet(sheet)!, at, count);
  }

  /** The analyst deletes whole columns from column `at`: a name that referred only to them becomes #REF!. */
  deleteColumns(sheet: string, at: number, count = 1): void {
    deleteColumns(this.sheets, this.sheet(sheet)!, at, count);
  }

  /** The analyst sorts a table: its rows move across its own columns only. */
  sortTable(sheet: string, table: string, compare: (a: readonly Cell[], b: readonly Cell[]) => number): void {
    sortTable(this.sheet(sheet)!, table, compare);
  }

  /** Applies one batch: the size check, then the commands in order, then what they loaded arrives if it fits. */
  async sync(commands: Command[], loads: PendingLoad[] = []): Promise<void> {
    this.syncs++;
    const bytes = new TextEncoder().encode(JSON.stringify(commands.map((c) => c.payload))).length;
    this.requestBytes.push(bytes);
    this.operations.push(commands.map((c) => String((c.payload as { op?: string }).op)));
    if (bytes > this.requestLimitBytes || this.refusedAsTooLarge.has(this.syncs)) throw new DoubleError('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${bytes} bytes).`);
    const fail = this.failure && this.failure.sync === this.syncs ? this.failure.atCommand : -1;
    commands.forEach((c, i) => {
      if (i === fail) throw new DoubleError('GeneralException', 'An internal error has occurred (injected).');
      c.apply();
    });
    if (fail >= 0 && fail >= commands.length) throw new DoubleError('GeneralException', 'An internal error has occurred (injected).');
    const response = loads.reduce((n, l) => n + l.bytes, 0);
    this.responseBytes.push(response);
    if (response > this.responseLimitBytes) throw new DoubleError('ResponsePayloadSizeLimitExceeded', `The response payload size has exceeded the limit (${response} bytes).`);
    for (const l of loads) l.commit();
    await this.afterSync?.();
  }
}

class Context {
  queue: Command[] = [];
  loads: PendingLoad[] = [];
  readonly workbook: WorkbookProxy;
  readonly application = {
    suspendApiCalculationUntilNextSync: () => this.push({ op: 'suspendCalc' }, () => void this.double.calculationSuspensions++),
    calculate: () => this.push({ op: 'calculate' }, () => void this.double.recalculations++),
  };
  constructor(readonly double: ExcelDouble) {
    this.workbook = new WorkbookProxy(this);
  }
  push(payload: unknown, apply: () => void): void {
    this.queue.push({ payload, apply });
  }
  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    // Filled as the batch's load commands run.
    const loads: PendingLoad[] = (this.loads = []);
    await this.double.sync(batch, loads);
  }
}

/** Base of the proxies: loaded properties throw until a sync has filled them. */
class ClientObject {
  private loaded: Record<string, unknown> | null = null;
  constructor(protected readonly ctx: Context, private readonly loader: (props: string[]) => Record<string, unknown>) {}
  load(props: string | string[] = []): this {
    const list = (Array.isArray(props) ? props : props.split(',')).map((p) => p.trim()).filter(Boolean);
    this.ctx.push({ op: 'load', props: list }, () => {
      const got = this.loader(list);
      this.ctx.loads.push({ bytes: responseSize(got), commit: () => void (this.loaded = { ...(this.loaded ?? {}), ...got }) });
    });
    return this;
  }
  /** Fills properties as a sync would (a collection's `items/...` load). */
  preload(values: Record<string, unknown>): void {
    this.loaded = { ...(this.loaded ?? {}), ...values };
  }
  /** What is loaded so far (its share of a response). */
  loadedSoFar(): Record<string, unknown> | null {
    return this.loaded;
  }
  protected get_(prop: string): unknown {
    if (!this.loaded || !(prop in this.loaded)) throw new DoubleError('PropertyNotLoaded', `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    return this.loaded[prop];
  }
  get isNullObject(): boolean {
    return this.get_('isNullObject') as boolean;
  }
}

/** `workbook`: its date system loads as `use1904DateSystem` (a preview API in Office.js); `functions` evaluates as a cell in it would. */
class WorkbookProxy extends ClientObject {
  readonly worksheets: WorksheetsProxy;
  readonly functions: FunctionsProxy;
  constructor(ctx: Context) {
    super(ctx, (props) => (props.includes('use1904DateSystem') ? { use1904DateSystem: ctx.double.use1904DateSystem } : {}));
    this.worksheets = new WorksheetsProxy(ctx);
    this.functions = new FunctionsProxy(ctx);
  }
  get use1904DateSystem(): boolean {
    return this.get_('use1904DateSystem') as boolean;
  }
  getSelectedRange(): RangeProxy {
    const d = this.ctx.double;
    return new RangeProxy(this.ctx, () => {
      const s = d.selection!;
      return { sheet: d.sheet(s.sheet)!, box: s.box };
    });
  }
}

/**
 * `workbook.functions` (ExcelApi 1.2): `date` gives its serial in the workbook's date system, as =DATE does
 * in a cell, or `#NUM!` for a day the system cannot show (before 1904 in the 1904 system).
 */
class FunctionsProxy {
  constructor(private readonly ctx: Context) {}
  date(year: number, month: number, day: number): FunctionResultProxy {
    // Evaluated when its result is loaded: a read, as any load (the tests that count writes count none here).
    return new FunctionResultProxy(this.ctx, () => {
      const date = dateFromParts(year, month, day);
      const serial = date === null ? null : toWorkbookSerial(toExcelSerial(date), this.ctx.double.use1904DateSystem);
      return serial === null || serial < 0 ? { value: null, error: '#NUM!' } : { value: serial, error: null };
    });
  }
}

/** What a `functions` call gives: `value`, or its `error` ("#NUM!"), once loaded. */
class FunctionResultProxy extends ClientObject {
  constructor(ctx: Context, result: () => { value: number | null; error: string | null }) {
    super(ctx, () => result());
  }
  get value(): number | null {
    return this.get_('value') as number | null;
  }
  get error(): string | null {
    return this.get_('error') as string | null;
  }
}

/** `workbook.worksheets`: load `items/name` gives every sheet (hidden ones too), in order, its name loaded. */
class WorksheetsProxy extends ClientObject {
  constructor(ctx: Context) {
    super(ctx, (props) => {
      const named = props.includes('items/name');
      const items = ctx.double.sheets.map((model) => {
        const item = new WorksheetProxy(ctx, () => (ctx.double.sheets.includes(model) ? model : null));
        if (named) item.preload({ name: model.name, isNullObject: false });
        return item;
      });
      return { items };
    });
  }
  get items(): WorksheetProxy[] {
    return this.get_('items') as WorksheetProxy[];
  }
  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.double.sheet(this.ctx.double.active)!);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.double.sheet(name);
      if (!s) throw new DoubleError('ItemNotFound', `The requested resource doesn't exist: worksheet "${name}".`);
      return s;
    });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.double.sheet(name) ?? null);
  }
  add(name: string): WorksheetProxy {
    const d = this.ctx.double;
    this.ctx.push({ op: 'addSheet', name }, () => {
      if (d.sheet(name)) throw new DoubleError('ItemAlreadyExists', `A worksheet named "${name}" already exists.`);
      d.sheets.push(new SheetModel(name));
    });
    return this.getItem(name);
  }
}

type SheetResolver = () => SheetModel | null;

class WorksheetProxy extends ClientObject {
  readonly charts: { add: (type: string, source: RangeProxy, seriesBy: string) => ChartProxy };
  /** The names scoped to this sheet (ExcelApi 1.4 to add). */
  readonly names: NamedItemCollectionProxy;
  readonly tables: { getItem: (name: string) => TableProxy; getItemOrNullObject: (name: string) => TableProxy };
  /** ExcelApi 1.7. */
  readonly freezePanes: FreezePanesProxy;
  /** ExcelApi 1.9. */
  readonly pageLayout: PageLayoutProxy;
  readonly horizontalPageBreaks: PageBreaksProxy;
  constructor(ctx: Context, private readonly resolve: SheetResolver) {
    super(ctx, (props) => {
      const s = resolve();
      const out: Record<string, unknown> = { isNullObject: s === null };
      for (const p of props) if (p === 'name') out.name = s?.name ?? null;
      return out;
    });
    this.charts = { add: (type, source, seriesBy) => addChart(ctx, () => this.must(), type, source, seriesBy) };
    this.names = new NamedItemCollectionProxy(ctx, () => this.must());
    this.tables = {
      getItem: (name) => new TableProxy(ctx, () => {
        const sheet = this.must();
        const table = sheet.table(name);
        if (!table) throw new DoubleError('ItemNotFound', `The requested resource doesn't exist: table "${name}".`);
        return { sheet, table };
      }, name),
      getItemOrNullObject: (name) => new TableProxy(ctx, () => {
        const sheet = this.must();
        const table = sheet.table(name);
        return table ? { sheet, table } : null;
      }, name),
    };
    this.freezePanes = new FreezePanesProxy(ctx, () => this.must());
    this.pageLayout = new PageLayoutProxy(ctx, () => this.must());
    this.horizontalPageBreaks = new PageBreaksProxy(ctx, () => this.must());
  }
  /** The areas of an address list ("A1:D1,B3:B9"), to format at once (ExcelApi 1.9). */
  getRanges(address: string): { format: FormatProxy } {
    return {
      format: formatProxy(this.ctx, () => {
        if (address.length > 8_192) throw new DoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
        const sheet = this.must();
        return parseAreas(address).map((box) => ({ sheet, box }));
      }),
    };
  }
  get name(): string {
    return this.get_('name') as string;
  }
  must(): SheetModel {
    const s = this.resolve();
    if (!s) throw new DoubleError('InvalidObjectPath', 'The object path is not valid: the worksheet does not exist.');
    return s;
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.must();
      if (!address) return { sheet: s, box: { top: 0, left: 0, bottom: LAST_ROW, right: LAST_COLUMN } };
      const whole = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(address);
      if (whole) {
        const a = parseAddress(`${whole[1]}1:${whole[2]}1`);
        return { sheet: s, box: { top: 0, left: a.left, bottom: LAST_ROW, right: a.right } };
      }
      const a = parseAddress(address);
      return { sheet: s, box: { top: a.top, left: a.left, bottom: a.bottom, right: a.right } };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      if (rows < 1 || cols < 1) throw new DoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      return { sheet: this.must(), box: { top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 } };
    });
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.resolve();
      const box = s?.usedBox();
      return s && box ? { sheet: s, box } : null;
    });
  }
  delete(): void {
    this.ctx.push({ op: 'deleteSheet' }, () => {
      const s = this.must();
      const d = this.ctx.double;
      d.sheets.splice(d.sheets.indexOf(s), 1);
      if (d.active === s.name) d.active = d.sheets[0]?.name ?? '';
    });
  }
  /** Hides or shows the sheet (ExcelApi 1.1); Excel refuses to hide the only visible sheet. */
  set visibility(v: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.ctx.push({ op: 'visibility', v }, () => {
      const s = this.must();
      if (v !== 'Visible' && !this.ctx.double.sheets.some((o) => o !== s && o.visibility === 'Visible')) throw new DoubleError('InvalidOperation', 'This operation is not allowed: a workbook must have at least one visible worksheet.');
      s.visibility = v;
    });
  }
  activate(): void {
    this.ctx.push({ op: 'activate' }, () => void (this.ctx.double.active = this.must().name));
  }
}

type Target = { sheet: SheetModel; box: Box };

/** \`Excel.RangeAreas\`, as far as the port reads it: its address ("Sheet1!E1:F1,Sheet1!A9:A11"). */
class RangeAreasProxy extends ClientObject {
  constructor(ctx: Context, resolve: () => string | null) {
    super(ctx, (props) => {
      const address = resolve();
      const out: Record<string, unknown> = { isNullObject: address === null };
      for (const p of props) {
        if (p === 'address') out.address = address;
        else throw new DoubleError('InvalidArgument', `The double does not load "${p}".`);
      }
      return out;
    });
  }
  get address(): string {
    return this.get_('address') as string;
  }
}

/** `RangeFormat`, as the port sets it, over one range or the areas of a RangeAreas. */
type FormatProxy = { fill: { color: string; clear(): void }; font: { bold: boolean; color: string; size: number }; wrapText: boolean; verticalAlignment: string; columnWidth: number; autofitRows(): void };

function formatProxy(ctx: Context, targets: () => Target[]): FormatProxy {
  const each = (f: (c: CellModel) => void) => () => {
    for (const { sheet, box } of targets()) for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) f(sheet.cell(r, c, true)!);
  };
  const property = <T>(target: object, prop: string, op: string, set: (c: CellModel, v: T) => void) => Object.defineProperty(target, prop, {
    set: (v: T) => ctx.push({ op, v }, each((c) => set(c, v))),
    get: (): never => {
      throw new DoubleError('PropertyNotLoaded', `The property '${prop}' is not available.`);
    },
  });
  // RangeFill.clear (ExcelApi 1.1): "Resets the range background."
  const fill = { clear: () => ctx.push({ op: 'clearFill' }, each((c) => void delete c.fill)) } as FormatProxy['fill'];
  property<string>(fill, 'color', 'fill', (c, v) => (c.fill = v));
  const font = {} as FormatProxy['font'];
  property<boolean>(font, 'bold', 'bold', (c, v) => (c.bold = v));
  property<string>(font, 'color', 'fontColour', (c, v) => (c.fontColour = v));
  property<number>(font, 'size', 'fontSize', (c, v) => (c.fontSize = v));
  const format = {
    fill,
    font,
    // Autofit sizes each row to what its cells hold when the command applies.
    autofitRows: () => ctx.push({ op: 'autofitRows' }, () => {
      for (const { sheet, box } of targets()) sheet.autofitRows(box.top, box.bottom);
    }),
  } as FormatProxy;
  property<boolean>(format, 'wrapText', 'wrapText', (c, v) => (c.wrap = v));
  property<string>(format, 'verticalAlignment', 'verticalAlignment', (c, v) => (c.verticalAlignment = v));
  Object.defineProperty(format, 'columnWidth', {
    set: (v: number) => ctx.push({ op: 'columnWidth', v }, () => {
      for (const { sheet, box } of targets()) for (let c = box.left; c <= box.right; c++) sheet.columnWidths.set(c, v);
    }),
    get: (): never => {
      throw new DoubleError('PropertyNotLoaded', "The property 'columnWidth' is not available.");
    },
  });
  return format;
}

class RangeProxy extends ClientObject {
  readonly format: FormatProxy;
  constructor(ctx: Context, private readonly resolve: () => Target | null) {
    super(ctx, (props) => {
      const t = resolve();
      const out: Record<string, unknown> = { isNullObject: t === null };
      for (const p of props) {
        if (!t) out[p] = null;
        else if (p === 'address') out.address = addressOf(t.sheet.name, t.box);
        else if (p === 'values') out.values = t.sheet.grid(t.box);
        else if (p === 'rowIndex') out.rowIndex = t.box.top;
        else if (p === 'columnIndex') out.columnIndex = t.box.left;
        // A cell without a format of its own reads as Excel's "General".
        else if (p === 'numberFormat') out.numberFormat = Array.from({ length: t.box.bottom - t.box.top + 1 }, (_, i) => Array.from({ length: t.box.right - t.box.left + 1 }, (_, j) => t.sheet.cell(t.box.top + i, t.box.left + j)?.numberFormat ?? 'General'));
        else throw new DoubleError('InvalidArgument', `The double does not load "${p}".`);
      }
      return out;
    });
    this.format = formatProxy(ctx, () => [this.target()]);
  }
  target(): Target {
    const t = this.resolve();
    if (!t) throw new DoubleError('InvalidObjectPath', 'The object path is not valid: a null range.');
    return t;
  }
  get address(): string {
    return this.get_('address') as string;
  }
  get values(): Cell[][] {
    return this.get_('values') as Cell[][];
  }
  get rowIndex(): number {
    return this.get_('rowIndex') as number;
  }
  get columnIndex(): number {
    return this.get_('columnIndex') as number;
  }
  set values(v: Cell[][]) {
    this.ctx.push({ op: 'values', values: v }, () => {
      const { sheet, box } = this.target();
      this.checkShape(v, box);
      v.forEach((row, i) => row.forEach((x, j) => {
        const c = sheet.cell(box.top + i, box.left + j, true)!;
        const read = excelReads(x, c.numberFormat);
        c.value = read.value;
        if (read.formula === undefined) delete c.formula;
        else c.formula = read.formula;
      }));
      // A table's header cells are its column names: Excel renames a clash ("Category2") or a blank ("Column1").
      for (const t of sheet.tables) {
        if (box.top > t.top || box.bottom < t.top) continue;
        const written = new Set<number>();
        for (let c = Math.max(box.left, t.left); c <= Math.min(box.right, t.right); c++) written.add(c);
        if (written.size) sheet.normaliseTableHeaders(t, written);
      }
    });
  }
  get numberFormat(): string[][] {
    return this.get_('numberFormat') as string[][];
  }
  /**
   * A format per cell, or one format for every cell of the range as a 1x1 array (the Excel.Range
   * reference: "When setting numberFormat to a range, the argument can be either a single value or a
   * two-dimensional array. If the argument is a single value, it will be applied to all cells in the
   * range", written [["fmt"]] as office-js-docs-reference#578 found; office-js-docs-pr#5400 shows a 1x1
   * array applied to a 5x2 range).
   */
  set numberFormat(v: string[][]) {
    this.ctx.push({ op: 'numberFormat', v }, () => {
      const { sheet, box } = this.target();
      const one = v.length === 1 && v[0]?.length === 1 ? v[0][0]! : null;
      if (one === null) this.checkShape(v, box);
      for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) sheet.cell(r, c, true)!.numberFormat = one ?? v[r - box.top]![c - box.left]!;
    });
  }
  private checkShape(v: unknown[][], box: Box): void {
    if (v.length !== box.bottom - box.top + 1 || v.some((r) => r.length !== box.right - box.left + 1)) {
      throw new DoubleError('InvalidArgument', 'The number of rows or columns in the input array doesn\'t match the size or dimensions of the range.');
    }
  }
  setCellProperties(props: Excel.SettableCellProperties[][]): void {
    this.ctx.push({ op: 'setCellProperties', props }, () => {
      const { sheet, box } = this.target();
      this.checkShape(props, box);
      props.forEach((row, i) => row.forEach((p, j) => {
        const c = sheet.cell(box.top + i, box.left + j, true)!;
        const fill = p.format?.fill;
        if (fill?.color !== undefined) c.fill = fill.color;
        if (fill?.pattern === 'None') delete c.fill;
        if (p.format?.font?.color !== undefined) c.fontColour = p.format.font.color;
        if (p.format?.font?.bold !== undefined) c.bold = p.format.font.bold;
        if (p.format?.font?.size !== undefined) c.fontSize = p.format.font.size;
        if (p.format?.wrapText !== undefined) c.wrap = p.format.wrapText;
        if (p.format?.verticalAlignment !== undefined) c.verticalAlignment = p.format.verticalAlignment;
      }));
    });
  }
  select(): void {
    this.ctx.push({ op: 'select' }, () => {
      const t = this.target();
      this.ctx.double.selection = { sheet: t.sheet.name, box: t.box };
      this.ctx.double.active = t.sheet.name;
    });
  }
  /** The merged areas that meet this range, whole (ExcelApi 1.13); a null object when there are none. */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.ctx, () => {
      const t = this.target();
      const hits = t.sheet.merged.filter((m) => !(t.box.top > m.bottom || t.box.bottom < m.top || t.box.left > m.right || t.box.right < m.left));
      return hits.length ? hits.map((m) => addressOf(t.sheet.name, m)).join(',') : null;
    });
  }
  /** The cells of a kind within this range (ExcelApi 1.9); the double models `Formulas` only. A null object when there are none. */
  getSpecialCellsOrNullObject(cellType: string): RangeAreasProxy {
    if (cellType !== 'Formulas') throw new DoubleError('InvalidArgument', `The double does not model special cells of type "${cellType}".`);
    return new RangeAreasProxy(this.ctx, () => {
      const t = this.target();
      const areas = t.sheet.formulaAreas(t.box);
      return areas.length ? areas.map((a) => addressOf(t.sheet.name, a)).join(',') : null;
    });
  }
  getTables(_fullyContained?: boolean): TableCollectionProxy {
    return new TableCollectionProxy(this.ctx, () => {
      const t = this.target();
      return t.sheet.tables
        .filter((x) => !(t.box.top > x.bottom || t.box.bottom < x.top || t.box.left > x.right || t.box.right < x.left))
        .map((hit) => new TableProxy(this.ctx, () => ({ sheet: t.sheet, table: hit }), hit.name));
    });
  }
  getBoundingRect(other: RangeProxy): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.target();
      const b = other.target();
      return { sheet: a.sheet, box: { top: Math.min(a.box.top, b.box.top), left: Math.min(a.box.left, b.box.left), bottom: Math.max(a.box.bottom, b.box.bottom), right: Math.max(a.box.right, b.box.right) } };
    });
  }
  getIntersection(other: RangeProxy): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.target();
      const b = other.target();
      const box = { top: Math.max(a.box.top, b.box.top), left: Math.max(a.box.left, b.box.left), bottom: Math.min(a.box.bottom, b.box.bottom), right: Math.min(a.box.right, b.box.right) };
      if (box.top > box.bottom || box.left > box.right) throw new DoubleError('InvalidArgument', 'The ranges do not intersect.');
      return { sheet: a.sheet, box };
    });
  }
  /** Row \`index\` (0-based) of this range. */
  getRow(index: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.target();
      if (index < 0 || a.box.top + index > a.box.bottom) throw new DoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      return { sheet: a.sheet, box: { top: a.box.top + index, left: a.box.left, bottom: a.box.top + index, right: a.box.right } };
    });
  }
  /** This range grown (or shrunk) at its bottom-right corner. */
  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.target();
      const box = { top: a.box.top, left: a.box.left, bottom: a.box.bottom + deltaRows, right: a.box.right + deltaColumns };
      if (box.bottom < box.top || box.right < box.left || box.bottom > LAST_ROW || box.right > LAST_COLUMN) throw new DoubleError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.');
      return { sheet: a.sheet, box };
    });
  }
  /** The box around the non-blank cells within this range (the double's cells are values: formats alone never count), or a null object. */
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.target();
      const box = t.sheet.usedBox(t.box);
      return box ? { sheet: t.sheet, box } : null;
    });
  }
  getEntireRow(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const a = this.target();
      return { sheet: a.sheet, box: { top: a.box.top, left: 0, bottom: a.box.bottom, right: LAST_COLUMN } };
    });
  }
}

class TableCollectionProxy extends ClientObject {
  constructor(ctx: Context, resolve: () => TableProxy[]) {
    super(ctx, (props) => {
      const items = resolve();
      // "items/name", "items/showTotals": the items arrive with those loaded.
      for (const t of items) t.preload(t.read(props.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length))));
      return { items };
    });
  }
  get items(): TableProxy[] {
    return this.get_('items') as TableProxy[];
  }
}

class TableProxy extends ClientObject {
  constructor(ctx: Context, private readonly resolve: () => { sheet: SheetModel; table: TableModel } | null, readonly tableName = '') {
    super(ctx, (props) => tableProperties(resolve(), props));
  }
  /** The properties `props` as a load gives them. */
  read(props: readonly string[]): Record<string, unknown> {
    return tableProperties(this.resolve(), props);
  }
  get name(): string {
    return this.get_('name') as string;
  }
  get showTotals(): boolean {
    return this.get_('showTotals') as boolean;
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const t = this.resolve();
      if (!t) throw new DoubleError('InvalidObjectPath', 'The object path is not valid: a null table.');
      return { sheet: t.sheet, box: { top: t.table.top, left: t.table.left, bottom: t.table.bottom, right: t.table.right } };
    });
  }
  /** Table.resize (ExcelApi 1.13): see SheetModel.resizeTable for Excel's rules. */
  resize(newRange: RangeProxy): void {
    this.ctx.push({ op: 'resizeTable', table: this.tableName }, () => {
      const t = this.resolve();
      if (!t) throw new DoubleError('InvalidObjectPath', 'The object path is not valid: a null table.');
      const target = newRange.target();
      if (target.sheet !== t.sheet) throw new DoubleError('InvalidArgument', 'A table cannot move to another sheet.');
      t.sheet.resizeTable(t.table, target.box);
    });
  }
}

/** A table's loaded properties: `name`, and `showTotals` (it has a totals row). */
function tableProperties(t: { table: TableModel } | null, props: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { isNullObject: t === null };
  for (const p of props) {
    if (p === 'name') out.name = t?.table.name ?? null;
    if (p === 'showTotals') out.showTotals = t?.table.showTotals ?? false;
  }
  return out;
}

/** A sheet's names (`Worksheet.names`): load `items/name`, `items/formula`; add, getItem, getItemOrNullObject. */
class NamedItemCollectionProxy extends ClientObject {
  constructor(ctx: Context, private readonly sheet: () => SheetModel) {
    super(ctx, (props) => {
      const items = sheet().names.map((n) => new NamedItemProxy(ctx, () => n));
      const wanted = props.filter((p) => p.startsWith('items/')).map((p) => p.slice('items/'.length));
      for (const item of items) item.preload(item.read(wanted));
      return { items };
    });
  }
  get items(): NamedItemProxy[] {
    return this.get_('items') as NamedItemProxy[];
  }
  /** Adds a name referring to a range, or to a formula given as text ("=..."). Names are unique per scope, ignoring case. */
  add(name: string, reference: RangeProxy | string, comment = ''): NamedItemProxy {
    const model: NameModel = { name, sheet: null, box: null, comment, visible: true };
    this.ctx.push({ op: 'addName', name, reference: typeof reference === 'string' ? reference : 'range', comment }, () => {
      const sheet = this.sheet();
      // Excel's rule for names: a letter, "_" or "\\" first, then letters, digits, "." and "_"; not a cell reference.
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name)) throw new DoubleError('InvalidArgument', `"${name}" is not a valid name.`);
      if (sheet.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) throw new DoubleError('ItemAlreadyExists', `A name "${name}" already exists on this sheet.`);
      if (typeof reference === 'string') model.constant = reference.startsWith('=') ? reference : `=${reference}`;
      else {
        const t = reference.target();
        model.sheet = t.sheet;
        model.box = { ...t.box };
      }
      sheet.names.push(model);
    });
    return new NamedItemProxy(this.ctx, () => model);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => {
      const n = this.sheet().names.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!n) throw new DoubleError('ItemNotFound', `The requested resource doesn't exist: name "${name}".`);
      return n;
    });
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, () => this.sheet().names.find((x) => x.name.toLowerCase() === name.toLowerCase()) ?? null);
  }
}

class NamedItemProxy extends ClientObject {
  constructor(ctx: Context, private readonly resolve: () => NameModel | null) {
    super(ctx, (props) => ({ isNullObject: resolve() === null, ...this.read(props) }));
  }
  /** The properties asked for, as the name is now. */
  read(props: readonly string[]): Record<string, unknown> {
    const n = this.resolve();
    const out: Record<string, unknown> = {};
    for (const p of props) {
      if (p === 'name') out.name = n?.name ?? null;
      else if (p === 'formula') out.formula = n ? nameFormula(n) : null;
      else if (p === 'visible') out.visible = n?.visible ?? null;
      else if (p === 'comment') out.comment = n?.comment ?? null;
      else if (p === 'type') out.type = n === null ? null : n.constant !== undefined ? 'String' : n.box === null ? 'Error' : 'Range';
      else throw new DoubleError('InvalidArgument', `The double does not load "${p}".`);
    }
    return out;
  }
  get name(): string {
    return this.get_('name') as string;
  }
  get formula(): string {
    return this.get_('formula') as string;
  }
  get visible(): boolean {
    return this.get_('visible') as boolean;
  }
  set visible(v: boolean) {
    this.ctx.push({ op: 'nameVisible', v }, () => void (this.must().visible = v));
  }
  delete(): void {
    this.ctx.push({ op: 'deleteName' }, () => {
      const n = this.must();
      for (const s of this.ctx.double.sheets) {
        const i = s.names.indexOf(n);
        if (i >= 0) s.names.splice(i, 1);
      }
    });
  }
  private must(): NameModel {
    const n = this.resolve();
    if (!n) throw new DoubleError('InvalidObjectPath', 'The object path is not valid: a null name.');
    return n;
  }
}

/** `Worksheet.freezePanes` (ExcelApi 1.7). */
class FreezePanesProxy {
  constructor(private readonly ctx: Context, private readonly sheet: () => SheetModel) {}
  /** The frozen cells (the top-left pane), or a null object when nothing is frozen. */
  getLocationOrNullObject(): RangeProxy {
    return new RangeProxy(this.ctx, () => {
      const s = this.sheet();
      const f = s.frozen;
      if (!f || (f.rows === 0 && f.columns === 0)) return null;
      return { sheet: s, box: { top: 0, left: 0, bottom: f.rows ? f.rows - 1 : LAST_ROW, right: f.columns ? f.columns - 1 : LAST_COLUMN } };
    });
  }
  /** Freezes the cells of a range at the top left: its rows and columns (whole rows freeze rows only). */
  freezeAt(range: RangeProxy): void {
    this.ctx.push({ op: 'freezeAt' }, () => {
      const { sheet, box } = range.target();
      sheet.frozen = { rows: box.bottom === LAST_ROW ? 0 : box.bottom + 1, columns: box.right === LAST_COLUMN ? 0 : box.right + 1 };
    });
  }
  freezeRows(count = 1): void {
    this.ctx.push({ op: 'freezeRows', count }, () => {
      const s = this.sheet();
      s.frozen = { rows: count, columns: s.frozen?.columns ?? 0 };
    });
  }
  unfreeze(): void {
    this.ctx.push({ op: 'unfreeze' }, () => void (this.sheet().frozen = null));
  }
}

/**
 * A whole task pane run on the double over `grid` (header row first), as the pane's Categorise makes it
 * (`runOnPort`): read the register (past its first rows, only the columns the run needs), categorise
 * (Oxfordshire unless another framework is named; as of 1 November 2026), write. `wrap` may watch the port
 * (test/support/officeJsReplay.ts records what the run writes).
 * For `npm run bench`, once per framework.
 */
export async function runOnDouble(grid: readonly (readonly Cell[])[], frameworkId = 'oxfordshire', wrap: (port: WorkbookPort, double: ExcelDouble) => WorkbookPort = (port) => port): Promise<{ syncs: number; maxRequestBytes: number; requestBytes: number[]; maxResponseBytes: number; responseBytes: number[]; rowsWritten: number; status: string }> {
  const double = new ExcelDouble();
  double.addSheet('Register', grid);
  const port = wrap(createOfficePort({ run: double.run, settings: double.settings }), double);
  const fw = frameworkById(frameworkId)!;
  const asOf = fromIsoDate('2026-11-01')!;
  const run = await runOnPort(port, fw, asOf, { ranAt: new Date(Date.UTC(2026, 10, 1)), pause: async () => {} });
  if (!run.report) throw run.error instanceof Error ? run.error : new Error(`The run ended ${run.status} while ${run.phase}.`);
  const { report } = run;
  return { syncs: double.syncs, maxRequestBytes: double.maxRequestBytes, requestBytes: [...double.requestBytes], maxResponseBytes: double.maxResponseBytes, responseBytes: [...double.responseBytes], rowsWritten: report.rowsDone, status: report.status };
}

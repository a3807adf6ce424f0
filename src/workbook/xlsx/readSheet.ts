/**
 * Reads one worksheet of a package into the grid the run reads, as Office.js's `Range.values` would
 * give it: numbers (dates as Excel serials, 1900 system), text, booleans, error values as their text,
 * '' for a blank. A formula is read as the value it last calculated to; one saved without that value is
 * passed on as what it is (`{ formula }`), for the core to report on its cell. Every cell type of
 * ECMA-376 Part 1, 18.3.1.4 is read: shared strings (s), inline strings (inlineStr, as openpyxl writes
 * them), formula strings (str), booleans (b), errors (e), ISO dates (d) and numbers (n).
 *
 * The sheet is streamed, so memory holds the grid, not the XML; its size is checked as it is read.
 */
import { fromIsoDate, toExcelSerial } from '../../../core/dates';
import type { GridValue } from '../cell';
import { fromWorkbookSerial } from '../dateSystem';
import type { SheetPrint } from './registerPrint';
import { readXml } from './xmlStream';
import { decodeCellText, decodeXmlText, PackageError } from './xml';
import type { XlsxPackage } from './zipPackage';

/** The time of day after an ISO date in a `t="d"` cell (T08:30, T08:30:15.5), no zone: Excel's are the sheet's own time. */
const ISO_TIME = /^T(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?/;

/** Excel's own limits (Excel specifications and limits) and the grid's, checked while reading. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;

export interface SheetLimits {
  /** Rows times columns of the grid read (England's 25,000 schools by 200 columns is 5 million). */
  readonly maxGridCells: number;
}

export const DEFAULT_SHEET_LIMITS: SheetLimits = { maxGridCells: 10_000_000 };

/** A 0-based box of cells. */
export interface Box {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** What reading a sheet gives. */
export interface SheetRead {
  readonly values: GridValue[][];
  /** Cells holding a formula, as `row * EXCEL_MAX_COLUMNS + column`: taken even when they show "". */
  readonly formulaCells: ReadonlySet<number>;
  /** Cells written as ISO dates (`t="d"`, rare: openpyxl's iso_dates), as `row * EXCEL_MAX_COLUMNS + column`: read as their day whatever their format or the date system. */
  readonly isoDateCells: ReadonlySet<number>;
  readonly merged: readonly Box[];
  /** Relationship ids of the sheet's table parts. */
  readonly tableRelIds: readonly string[];
  readonly hasFrozenPane: boolean;
  /** How the sheet prints (to tell the analyst's printing from a program's defaults and ours: registerPrint.ts). */
  readonly print: SheetPrint;
  /**
   * The cell format (`s`) a cell has, blank or not; `undefined` for a cell the sheet lacks or that names
   * none. Kept for as many cells as the grid's limit, row by row (past it, `undefined`).
   */
  readonly styleOf: (row: number, col: number) => number | undefined;
}

/** Parses "BQ12" to 0-based row and column; `null` when it is not a cell reference. */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + c - 64;
    else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
    else break;
  }
  if (i === 0 || i === ref.length) return null;
  const row = Number(ref.slice(i));
  if (!Number.isInteger(row) || row < 1) return null;
  return { row: row - 1, col: col - 1 };
}

/** Parses "A1:B2" (or "A1") to a box. */
export function parseBox(ref: string): Box | null {
  const [a, b] = ref.split(':');
  const p = parseCellRef(a ?? '');
  const q = b === undefined ? p : parseCellRef(b);
  return p && q ? { top: Math.min(p.row, q.row), left: Math.min(p.col, q.col), bottom: Math.max(p.row, q.row), right: Math.max(p.col, q.col) } : null;
}

/** Reads the shared-string table (rich text joined; phonetic runs left out). */
export async function readSharedStrings(pkg: XlsxPackage, part: string | null): Promise<string[]> {
  if (!part) return [];
  const strings: string[] = [];
  let current: string[] | null = null;
  let inT = false;
  let inPhonetic = false;
  await readXml(pkg.stream(part), {
    open(local) {
      if (local === 'si') current = [];
      else if (local === 't' && !inPhonetic) inT = true;
      else if (local === 'rPh') inPhonetic = true;
    },
    close(local) {
      if (local === 'si') {
        strings.push(decodeCellText(decodeXmlText((current ?? []).join(''))));
        current = null;
      } else if (local === 't') inT = false;
      else if (local === 'rPh') inPhonetic = false;
    },
    text(raw) {
      if (inT && current) current.push(raw);
    },
  });
  return strings;
}

/** The texts of a headerFooter element (CT_HeaderFooter). */
const HEADER_FOOTER = new Set(['oddHeader', 'oddFooter', 'evenHeader', 'evenFooter', 'firstHeader', 'firstFooter']);

/** Reads a worksheet part. */
export async function readSheet(
  pkg: XlsxPackage,
  part: string,
  context: { sharedStrings: readonly string[]; sheetName: string; date1904: boolean; dateStyles: ReadonlySet<number>; limits?: SheetLimits; keepStyles?: boolean },
): Promise<SheetRead> {
  const limits = context.limits ?? DEFAULT_SHEET_LIMITS;
  const rows: GridValue[][] = [];
  const formulaCells = new Set<number>();
  const isoDateCells = new Set<number>();
  const merged: Box[] = [];
  const tableRelIds: string[] = [];
  let hasFrozenPane = false;
  let fitToPage = false;
  let pageSetup: Record<string, string> | null = null;
  const headerFooter: Record<string, string> = {};
  let inHeaderFooter: string | null = null;
  // A custom view's own pageSetup and headerFooter (customSheetViews) are not the sheet's.
  let inCustomViews = false;
  let inSheetData = false;
  let row = -1;
  let col = -1;
  let width = 0;
  let lastRow = -1;
  // The cell being read.
  let type = '';
  let style = 0;
  let value: string[] | null = null;
  let formula: string[] | null = null;
  let inline: string[] | null = null;
  let into: string[] | null = null;
  let inPhonetic = false;
  // Each row's cell formats, plus one (0: none), in arrays as wide as the grid so far; the cells they hold are counted against the limit.
  const styles: (Uint32Array | undefined)[] = [];
  let styleCells = 0;
  // Only a register's read keeps them (refresh writes dates in the analyst's formats, the CSV output shows date cells as dates).
  const keepStyles = context.keepStyles ?? true;
  const keepStyle = (n: number) => {
    if (!Number.isInteger(n) || n < 0 || n >= 0xffff_ffff) return;
    let at = styles[row];
    if (!at || col >= at.length) {
      const length = Math.min(EXCEL_MAX_COLUMNS, Math.max(col + 1, width, (at?.length ?? 0) * 2));
      if (styleCells + length - (at?.length ?? 0) > limits.maxGridCells) return;
      styleCells += length - (at?.length ?? 0);
      const grown = new Uint32Array(length);
      if (at) grown.set(at);
      styles[row] = at = grown;
    }
    at[col] = n + 1;
  };

  const tooBig = (what: string) => new PackageError(`sheet "${context.sheetName}" ${what}`);

  await readXml(pkg.stream(part), {
    open(local, attrs) {
      if (inSheetData) {
        if (local === 'row') {
          const r = attrs.r === undefined ? row + 1 : Number(attrs.r) - 1;
          if (!Number.isInteger(r) || r < 0) throw tooBig(`has a row numbered "${attrs.r}", which is not a row number; the file is damaged.`);
          if (r >= EXCEL_MAX_ROWS) throw tooBig(`has a row ${(r + 1).toLocaleString('en-GB')}, past Excel's last row (1,048,576); the file is damaged or was not written by a spreadsheet.`);
          row = r;
          col = -1;
        } else if (local === 'c') {
          const ref = attrs.r === undefined ? null : parseCellRef(attrs.r);
          col = ref ? ref.col : col + 1;
          if (ref && ref.row !== row) row = ref.row;
          if (col >= EXCEL_MAX_COLUMNS) throw tooBig(`has a cell (${attrs.r ?? `column ${col + 1}`}) past Excel's last column (XFD, the 16,384th); the file is damaged or was not written by a spreadsheet.`);
          type = attrs.t ?? 'n';
          style = attrs.s === undefined ? 0 : Number(attrs.s);
          if (attrs.s !== undefined && keepStyles) keepStyle(style);
          value = formula = inline = into = null;
        } else if (local === 'v') into = value = [];
        else if (local === 'f') into = formula = [];
        else if (local === 'is') inline = [];
        else if (local === 'rPh') inPhonetic = true;
        else if (local === 't' && inline && !inPhonetic) into = inline;
        return;
      }
      if (local === 'sheetData') inSheetData = true;
      else if (local === 'mergeCell' && attrs.ref) {
        const box = parseBox(attrs.ref);
        if (box) merged.push(box);
      } else if (local === 'tablePart') {
        const id = Object.entries(attrs).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
        if (id) tableRelIds.push(id);
      } else if (local === 'pane' && (attrs.state === 'frozen' || attrs.state === 'frozenSplit')) hasFrozenPane = true;
      else if (local === 'pageSetUpPr') fitToPage = attrs.fitToPage === '1' || attrs.fitToPage === 'true';
      else if (local === 'customSheetViews') inCustomViews = true;
      else if (inCustomViews) return;
      else if (local === 'pageSetup') pageSetup = Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.slice(k.indexOf(':') + 1), v]));
      else if (HEADER_FOOTER.has(local)) {
        inHeaderFooter = local;
        headerFooter[local] = '';
      }
    },
    close(local) {
      if (local === inHeaderFooter) {
        headerFooter[local] = decodeXmlText(headerFooter[local]!);
        inHeaderFooter = null;
      } else if (local === 'customSheetViews') inCustomViews = false;
      if (!inSheetData) return;
      if (local === 'sheetData') inSheetData = false;
      else if (local === 'v' || local === 'f' || local === 't') into = null;
      else if (local === 'rPh') inPhonetic = false;
      else if (local === 'c') {
        const v = cellValue(type, style, value, formula, inline, context);
        if (formula !== null) formulaCells.add(row * EXCEL_MAX_COLUMNS + col);
        if (type === 'd' && typeof v === 'number') isoDateCells.add(row * EXCEL_MAX_COLUMNS + col);
        if (v !== '' || formula !== null) {
          if (col + 1 > width) {
            width = col + 1;
            if ((lastRow + 1) * width > limits.maxGridCells) throw gridTooBig(context.sheetName, row, col, limits);
          }
          if (row > lastRow) {
            lastRow = row;
            if ((lastRow + 1) * width > limits.maxGridCells) throw gridTooBig(context.sheetName, row, col, limits);
          }
          (rows[row] ??= [])[col] = v;
        }
      }
    },
    text(raw) {
      if (into) into.push(raw);
      else if (inHeaderFooter) headerFooter[inHeaderFooter] += raw;
    },
  });

  // Fill the grid out to a rectangle, '' for every blank, as Range.values gives it.
  const values: GridValue[][] = new Array(lastRow + 1);
  for (let r = 0; r <= lastRow; r++) {
    const src = rows[r];
    const out = new Array<GridValue>(width);
    for (let c = 0; c < width; c++) out[c] = src?.[c] ?? '';
    values[r] = out;
  }
  const styleOf = (r: number, c: number) => {
    const s = styles[r]?.[c];
    return s ? s - 1 : undefined;
  };
  return { values, formulaCells, isoDateCells, merged, tableRelIds, hasFrozenPane, print: { fitToPage, pageSetup, headerFooter }, styleOf };
}

function gridTooBig(sheet: string, row: number, col: number, limits: SheetLimits): PackageError {
  return new PackageError(`sheet "${sheet}" reaches row ${(row + 1).toLocaleString('en-GB')} and column ${col + 1}, a grid of more than ${limits.maxGridCells.toLocaleString('en-GB')} cells (England's schools by 200 columns is 5,000,000); it was not read. Delete the cells far outside the register, or raise the limit with --max-cells.`);
}

function cellValue(
  type: string, style: number, value: string[] | null, formula: string[] | null, inline: string[] | null,
  context: { sharedStrings: readonly string[]; date1904: boolean; dateStyles: ReadonlySet<number> },
): GridValue {
  const v = value === null ? null : decodeXmlText(value.join(''));
  if (v === null || (v === '' && type !== 'str' && type !== 'inlineStr')) {
    if (type === 'inlineStr' && inline) return decodeCellText(decodeXmlText(inline.join('')));
    if (formula !== null) return { formula: decodeXmlText(formula.join('')) || '(a shared formula)' };
    return '';
  }
  switch (type) {
    case 's': {
      const s = context.sharedStrings[Number(v)];
      return s ?? '';
    }
    case 'str':
    case 'inlineStr':
      return decodeCellText(v);
    case 'b':
      return v === '1' || v.toLowerCase() === 'true';
    case 'e':
      return v;
    case 'd': {
      // An ISO date, with the time of day it may carry as the serial's fraction (as Excel holds a date-time).
      const date = fromIsoDate(v.slice(0, 10));
      if (date === null) return v;
      const time = ISO_TIME.exec(v.slice(10));
      return toExcelSerial(date) + (time ? (Number(time[1]) * 3600 + Number(time[2]) * 60 + Number(time[3] ?? 0)) / 86_400 : 0);
    }
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      // The core reads serials of the 1900 system (dateSystem.ts); a date cell holds its workbook's own.
      return context.dateStyles.has(style) ? fromWorkbookSerial(n, context.date1904) : n;
    }
  }
}

/**
 * Reads a register file (.xlsx through the package reader in ./xlsx, .csv with papaparse) into a grid of Office.js-shaped cells,
 * so the command line and the task pane hand the core the same thing.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { readCsvText } from './csvText';
import type { ResultMarker } from '../run/resultPlacement';
import type { SheetTable } from '../run/locateRegister';
import type { Cell, GridValue, NumberShownAs } from './cell';
import type { DateSystem } from './dateSystem';
import { DEFAULT_SHEET_LIMITS, EXCEL_MAX_COLUMNS, type SheetLimits } from './xlsx/readSheet';
import { openRegisterWorkbook, type RegisterWorkbook } from './xlsx/registerWorkbook';
import { PackageError } from './xlsx/xml';
import { DEFAULT_PACKAGE_LIMITS, type PackageLimits } from './xlsx/zipPackage';

/** A sheet's values from A1 to its last used cell, and its Excel tables. */
export interface SheetGrid {
  readonly kind: 'xlsx' | 'csv';
  readonly sheet: string;
  readonly values: GridValue[][];
  readonly tables: readonly { readonly name: string; readonly ref: string }[];
  /** The sheet's tables (.xlsx only): a register that is one ends with it, above its totals row. */
  readonly sheetTables?: readonly SheetTable[];
  /** The workbook's date system (.xlsx only): in a 1904 one, the reading moved the dates (`isDateCell`) to the 1900 system, and no other numbers. */
  readonly dateSystem?: DateSystem;
  /** Is a cell a date (.xlsx only: a number in a cell formatted as a date, or one written as an ISO date), so text output shows it as one? */
  readonly isDateCell?: (row: number, column: number) => boolean;
  /** How a cell's format shows its number where that is not as itself: a percentage, a time of day or a duration (.xlsx only); the CSV writes it so. */
  readonly shownAs?: (row: number, column: number) => NumberShownAs | null;
  /** Is a cell a number shown as a percentage (.xlsx only), so a rate per 100 pupils in it is read as it shows (src/run/percentCells.ts)? */
  readonly isPercentCell?: (row: number, column: number) => boolean;
  /** The open workbook (for .xlsx), so the copy with results is written without reading the file again. */
  readonly workbook?: RegisterWorkbook;
  /** The marker an earlier run left (.xlsx only). */
  readonly marker: ResultMarker | null;
  /** The run that left it: its framework and as-of date (.xlsx only). */
  readonly previousRun?: { readonly frameworkId: string; readonly asOf: string } | null;
  /** Does a cell hold something even though its value shows blank (a formula giving "")? */
  readonly occupied?: (row: number, column: number) => boolean;
  /** What the analyst should know about how the file was read (a CSV's guessed encoding). */
  readonly warnings?: readonly string[];
}

/** Why a file could not be read: said once, for the command line to print. */
export class FileReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileReadError';
  }
}

/** The limits a workbook is checked against before it is read (defaults in ./xlsx). */
export type ReadLimits = Partial<PackageLimits & SheetLimits>;

/** Reads one sheet of a register file. `sheet` defaults to the first sheet (a CSV has one). */
export async function readSheetGrid(path: string, sheet?: string, limits?: ReadLimits): Promise<SheetGrid> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') {
    throw new FileReadError(`Cannot read "${path}": it is ${ext === '.xls' ? 'an Excel 97-2003 workbook (.xls)' : ext === '.ods' ? 'an OpenDocument spreadsheet (.ods)' : 'a Numbers spreadsheet'}. Open it and save it as Excel Workbook (.xlsx), then run again on that file.`);
  }
  if (ext !== '.csv' && ext !== '.xlsx' && ext !== '.xlsm') throw new FileReadError(`Cannot read "${path}": expected an .xlsx, .xlsm or .csv file.`);
  if (ext === '.csv') {
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      throw unreadable(path, e);
    }
    const csv = readCsvText(bytes);
    return { kind: 'csv', sheet: sheet ?? 'Register', values: csv.rows, tables: [], marker: null, warnings: csv.warnings };
  }
  let wb: RegisterWorkbook;
  try {
    wb = await openRegisterWorkbook(path, sheet, { ...DEFAULT_PACKAGE_LIMITS, ...DEFAULT_SHEET_LIMITS, ...limits });
  } catch (e) {
    if (e instanceof PackageError) throw new FileReadError(`Cannot read "${path}": ${e.message}`);
    if ((e as NodeJS.ErrnoException).code) throw unreadable(path, e);
    throw new FileReadError(`Cannot read "${path}": it is damaged (${(e as Error).message.replace(/\.$/, '')}). Open it in Excel, which may repair it, and save it again.`);
  }
  const formulas = wb.read.formulaCells;
  const dateStyles = wb.styles.dateStyles();
  const shownAs = wb.styles.numberShownAs();
  /** The cell format of a cell holding a number; `undefined` for any other cell. */
  const numberStyle = (r: number, c: number) => (typeof wb.values[r]?.[c] === 'number' ? wb.read.styleOf(r, c) : undefined);
  const shownAsOf = (r: number, c: number): NumberShownAs | null => {
    const style = numberStyle(r, c);
    return style === undefined ? null : (shownAs.get(style) ?? null);
  };
  return {
    kind: 'xlsx',
    sheet: wb.sheet.name,
    values: wb.values,
    tables: wb.tables.map((t) => ({ name: t.name, ref: t.xml.match(/\sref="([^"]+)"/)?.[1] ?? '' })),
    dateSystem: wb.info.date1904 ? '1904' : '1900',
    sheetTables: wb.tables.map((t) => ({ name: t.name, headerRow: t.ref.top, left: t.ref.left, right: t.ref.right, lastRow: t.ref.bottom, totalsRows: Array.from({ length: t.totalsRows }, (_, k) => t.ref.bottom - k) })),
    isDateCell: (r, c) => {
      if (typeof wb.values[r]?.[c] !== 'number') return false;
      const style = wb.read.styleOf(r, c);
      return (style !== undefined && dateStyles.has(style)) || wb.read.isoDateCells.has(r * EXCEL_MAX_COLUMNS + c);
    },
    shownAs: shownAsOf,
    isPercentCell: (r, c) => shownAsOf(r, c) === 'percent',
    workbook: wb,
    marker: wb.marker,
    previousRun: wb.previousRun,
    occupied: (r, c) => {
      const v = wb.values[r]?.[c];
      return (v !== undefined && v !== '') || formulas.has(r * EXCEL_MAX_COLUMNS + c);
    },
  };
}

function unreadable(path: string, e: unknown): FileReadError {
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'that is a folder' : (e as Error).message;
  return new FileReadError(`Cannot read "${path}": ${why}.`);
}

/** Parses CSV bytes into string cells (encoding and delimiter as csvText.ts detects them). */
export function parseCsv(bytes: Buffer): Cell[][] {
  return readCsvText(bytes).rows;
}

/** How messages name the register read: the file, and the sheet of a workbook (a CSV has none). */
export function registerSource(path: string, grid: Pick<SheetGrid, 'kind' | 'sheet'>): string {
  return grid.kind === 'csv' ? `"${basename(path)}"` : `"${basename(path)}" (sheet "${grid.sheet}")`;
}

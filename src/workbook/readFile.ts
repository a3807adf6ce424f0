/**
 * Reads a register file (.xlsx with exceljs, .csv with papaparse) into a grid of Office.js-shaped cells,
 * so the command line and the task pane hand the core the same thing.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { cellFromExcelJs, type Cell } from './cell';
import { readCsvText } from './csvText';

/** A sheet's values from A1 to its last used cell, and its Excel tables. */
export interface SheetGrid {
  readonly kind: 'xlsx' | 'csv';
  readonly sheet: string;
  readonly values: Cell[][];
  readonly tables: readonly { readonly name: string; readonly ref: string }[];
  /** The loaded workbook (for .xlsx), so a copy with results can be written without reading the file again. */
  readonly workbook?: ExcelJS.Workbook;
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

/** Reads one sheet of a register file. `sheet` defaults to the first sheet (a CSV has one). */
export async function readSheetGrid(path: string, sheet?: string): Promise<SheetGrid> {
  const ext = extname(path).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new FileReadError(`Cannot read "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
  }
  if (ext === '.csv') {
    const csv = readCsvText(bytes);
    return { kind: 'csv', sheet: sheet ?? 'Register', values: csv.rows, tables: [], warnings: csv.warnings };
  }
  if (ext !== '.xlsx') throw new FileReadError(`Cannot read "${path}": expected an .xlsx or .csv file.`);
  return gridOf(await loadBytes(bytes, path), path, sheet);
}

async function loadBytes(bytes: Buffer, path: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    throw new FileReadError(`Cannot read "${path}" as an Excel workbook: ${(e as Error).message}.`);
  }
  return workbook;
}


/** The grid of one sheet of a loaded workbook. */
export function gridOf(workbook: ExcelJS.Workbook, path: string, sheet?: string): SheetGrid {
  const ws = sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(sheet);
  if (!ws) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ');
    throw new FileReadError(sheet === undefined ? `"${path}" has no sheets.` : `"${path}" has no sheet "${sheet}"; its sheets are ${names}.`);
  }
  const width = ws.actualColumnCount === 0 ? 0 : ws.columnCount;
  const values: Cell[][] = [];
  // findRow and findCell, not getRow and getCell: those create every blank row and cell they are asked
  // for, and a workbook written back would then carry (and style) a cell for each.
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    const cells: Cell[] = new Array<Cell>(width);
    for (let c = 1; c <= width; c++) cells[c - 1] = cellFromExcelJs(row?.findCell(c)?.value ?? null);
    values.push(cells);
  }
  const tables = Object.values((ws as unknown as { tables: Record<string, { name: string; tableRef?: string; ref?: string }> }).tables ?? {})
    .map((t) => ({ name: t.name, ref: t.tableRef ?? t.ref ?? '' }));
  return { kind: 'xlsx', sheet: ws.name, values, tables, workbook };
}

/** Parses CSV bytes into string cells (encoding and delimiter as csvText.ts detects them). */
export function parseCsv(bytes: Buffer): Cell[][] {
  return readCsvText(bytes).rows;
}

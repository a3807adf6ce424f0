/**
 * Cell values as Office.js gives them (`Range.values`): numbers (dates as Excel serials), strings,
 * booleans, and '' for a blank. Error values are their text ('#N/A'). The file implementation turns
 * exceljs's richer values into this shape, so the run sees the same thing from a file as from Excel.
 */
import type { CellValue } from 'exceljs';

/** One cell, as Office.js returns it. */
export type Cell = string | number | boolean;

/**
 * A formula a file holds without the value it last calculated to (a workbook written by a script, or
 * saved before Excel recalculated). Excel would show its value; a file reader cannot, so it is passed on
 * as what it is and the core reports it on its cell, never as a blank.
 */
export interface FormulaWithoutValue {
  readonly formula: string;
}

/** A cell as the run receives it from a file: a value, or a formula without its value. */
export type GridValue = Cell | FormulaWithoutValue;

/** The value shown for a grid cell in text ('' for a formula without a value). */
export function gridText(v: GridValue | undefined): string {
  return v === undefined || typeof v === 'object' ? '' : String(v);
}

const MS_PER_DAY = 86_400_000;
const EXCEL_EPOCH_OFFSET = 25_569; // days from 1899-12-30 to 1970-01-01

/** Converts an exceljs cell value to the Office.js shape. */
export function cellFromExcelJs(value: CellValue | undefined): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // exceljs reads dates as UTC midnights of the calendar day shown in Excel.
  if (value instanceof Date) return value.getTime() / MS_PER_DAY + EXCEL_EPOCH_OFFSET;
  if (typeof value === 'object') {
    if ('error' in value) return String(value.error);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellFromExcelJs((value as { result?: CellValue }).result);
    if ('text' in value) return String((value as { text: unknown }).text);
  }
  return String(value);
}

/** An Excel serial as the Date exceljs writes for it (UTC midnight of that calendar day). */
export function excelJsDateFromSerial(serial: number): Date {
  return new Date(Math.round((serial - EXCEL_EPOCH_OFFSET) * MS_PER_DAY));
}

/**
 * exceljs values in the Office.js shape, for tests and the bench that make registers with exceljs (the
 * product reads workbooks with its own package reader, src/workbook/xlsx).
 */
import type { CellValue } from 'exceljs';
import type { Cell } from '../../src/workbook/cell';

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

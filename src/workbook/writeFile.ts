/**
 * The CSV output (the analyst's columns with the result columns where placement put them) and the kind
 * of output a path asks for. The .xlsx copy is written by ./xlsx/writeCopy.ts; files are written by
 * src/cli/outputFile.ts, never over the input.
 */
import { extname } from 'node:path';
import { fromExcelSerial, toUkDate } from '../../core/dates';
import Papa from 'papaparse';
import { DUE_COLUMN, RESULT_HEADERS, type RunPlan } from '../run/registerRun';
import { gridText, percentText, type Cell, type GridValue, type NumberShownAs } from './cell';

/** A cell that a spreadsheet would run as a formula or command when the CSV is opened: = + - @, tab, CR. */
export function neutraliseCsvCell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  // A plain number written as text ("-0.5") is data, not a formula.
  if (/^[-+]?\d+(\.\d+)?%?$/.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The results as CSV text: the analyst's columns, then the result columns. */
export function resultsCsv(values: readonly (readonly GridValue[])[], plan: RunPlan, isDateCell?: (row: number, column: number) => boolean, shownAs?: (row: number, column: number) => NumberShownAs | null): string {
  const columns = plan.placement.columns;
  // Loops, not Math.max(...rows): a spread of 100,000+ arguments overflows the stack.
  let width = 0;
  for (const c of columns) if (c + 1 > width) width = c + 1;
  for (const r of values) if (r.length > width) width = r.length;
  const byRow = new Map(plan.rows.map((r) => [r.gridRow, r]));
  const lastRow = plan.located.headerIndex + plan.located.rows.length;
  const rows = values.map((row, i) => {
    // A date of the analyst's as the register's dates are written (dd/mm/yyyy, with its time of day where it
    // has one), not as a serial: in a 1904 workbook the reading moved it to the 1900 system, a number the
    // analyst never had. Only a number: a merged date's covered cells are blank in `values` as the workbook
    // holds them. One before 1 March 1900 (serial 61) keeps its number: Excel counts a 29 February 1900
    // there that never was, and the date would be a day off. A formula the file was saved without the value
    // of (a program that does not calculate wrote it) has no value to write: its formula is written instead
    // of a blank, made inert as every cell starting "=" is (`csvFormulaNote` says so).
    const out: Cell[] = Array.from({ length: width }, (_, c) => {
      const v = row[c];
      if (typeof v === 'object') return `=${v.formula}`;
      // As the cell shows it: a percentage as one, to the number's last digit (Excel's own CSV rounds it to
      // the format's places); TRUE and FALSE as Excel writes them. Each reads back as the same value.
      if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
      if (typeof v !== 'number') return gridText(v);
      // A time as it shows (14:30, a duration as 30:00), not as the fraction of a day Excel holds. A time-of-day
      // format on a number with whole days hides them (and their date system): kept as the number, so nothing is lost.
      const as = shownAs?.(i, c) ?? null;
      if (as === 'percent') return percentText(v);
      if (v >= 0 && (as === 'elapsed' || (as === 'clock' && v < 1))) return durationText(v);
      return v >= 61 && isDateCell?.(i, c) ? serialToUk(v) : gridText(v);
    });
    if (i < plan.located.headerIndex || i > lastRow) return out.map(neutraliseCsvCell);
    const results: readonly Cell[] = i === plan.located.headerIndex ? RESULT_HEADERS : (byRow.get(i)?.cells.map((c, k) => (k === DUE_COLUMN && typeof c === 'number' ? serialToUk(c) : c)) ?? RESULT_HEADERS.map(() => ''));
    columns.forEach((c, k) => {
      if (i !== plan.located.headerIndex || plan.placement.writeHeader[k]) out[c] = results[k]!;
    });
    return out.map(neutraliseCsvCell);
  });
  return `\uFEFF${Papa.unparse(rows as unknown[][], { newline: '\r\n' })}\r\n`;
}

/**
 * What the command line says when the CSV has formulas in place of values (`resultsCsv`): how many, and how
 * to have their values. `null` when there are none.
 */
export function csvFormulaNote(values: readonly (readonly GridValue[])[]): string | null {
  let count = 0;
  for (const row of values) for (const v of row) if (typeof v === 'object') count++;
  if (count === 0) return null;
  const cells = count === 1 ? '1 cell holds' : `${count} cells hold`;
  return `${cells} a formula saved without its value (the file was written by a program that does not calculate): the CSV has each formula as text, after an apostrophe; open and save the file in Excel to have the values.`;
}

const MS_PER_DAY = 86_400_000;

/**
 * An Excel serial as dd/mm/yyyy, as the core writes dates, and a time of day as hh:mm (with :ss and .sss
 * where it has them: to the millisecond, as finely as Excel shows a time), so nothing of the cell is lost
 * and the date reads back (core/values.ts reads a date's text with its time as its day, as it reads the
 * serial). A number no date reads as stays a number.
 */
export function serialToUk(serial: number): string {
  const whole = Math.round(serial * MS_PER_DAY);
  const day = Math.floor(whole / MS_PER_DAY);
  const date = fromExcelSerial(day);
  if (date === null) return String(serial);
  const ms = whole - day * MS_PER_DAY;
  return ms === 0 ? toUkDate(date) : `${toUkDate(date)} ${clockText(ms)}`;
}

/**
 * A time Excel holds as a fraction of a day (or, for a duration, days), as hh:mm with :ss and .sss where it
 * has them, as `serialToUk` writes a date's time: 0.6041666 is 14:30, and a duration of 1.25 days 30:00.
 */
export function durationText(days: number): string {
  return clockText(Math.round(days * MS_PER_DAY));
}

/** Milliseconds as hh:mm, with :ss and .sss where it has them; hours past 23 as they are (a duration's). */
function clockText(ms: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const seconds = Math.floor(ms / 1000) % 60;
  const millis = ms % 1000;
  const time = `${two(Math.floor(ms / 3_600_000))}:${two(Math.floor(ms / 60_000) % 60)}`;
  return `${time}${seconds || millis ? `:${two(seconds)}` : ''}${millis ? `.${String(millis).padStart(3, '0')}` : ''}`;
}

/** The kind of output a path asks for. */
export function outputKind(path: string): 'xlsx' | 'csv' | 'json' | null {
  const ext = extname(path).toLowerCase();
  return ext === '.xlsx' || ext === '.xlsm' ? 'xlsx' : ext === '.csv' ? 'csv' : ext === '.json' ? 'json' : null;
}


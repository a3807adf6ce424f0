/**
 * Cell values as Office.js gives them (`Range.values`): numbers (dates as Excel serials), strings,
 * booleans, and '' for a blank. Error values are their text ('#N/A'). The file reader (./xlsx) gives
 * the same shape, so the run sees the same thing from a file as from Excel.
 */

/** The number format of every date we write, in a workbook or through Office.js (dd/mm/yyyy, as English registers write them; Excel's built-in 14 follows the reader's locale). */
export const DATE_FORMAT = 'dd/mm/yyyy';

/**
 * A format code shows a date when, outside quoted text and [brackets], it has day, month-with-year or year
 * tokens. An elapsed time's bracket ([h], [mm], [ss]) counts as a time token: "[h]:mm", a duration, is no date.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\./g, '').replace(/\[(?:h+|m+|s+)\]/gi, 'h').replace(/\[[^\]]*\]/g, '').toLowerCase();
  return /[dy]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
}

/** A format code shows a percentage when "%" stands outside its quoted text, escapes and [brackets] (Excel then shows 100 times the number). */
export function isPercentFormatCode(code: string): boolean {
  return code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').includes('%');
}

/** A number Excel shows as a percentage, as that percentage to 15 significant digits (no float residue: 0.953 is 95.3%, not 95.30000000000001%). */
export function percentText(n: number): string {
  return `${Number((n * 100).toPrecision(15))}%`;
}

/**
 * Whether a format code shows a time and no date: `'clock'` (h:mm, h:mm:ss, mm:ss; a time of day) or
 * `'elapsed'` (a duration with an elapsed bracket: [h]:mm, [mm]:ss); `null` for a date, a date and time
 * (`isDateFormatCode`) or anything else.
 */
export function timeFormatKind(code: string): 'clock' | 'elapsed' | null {
  const unquoted = code.replace(/"[^"]*"|\\./g, '');
  const elapsed = /\[(?:h+|m+|s+)\]/i.test(unquoted);
  const bare = unquoted.replace(/\[(?:h+|m+|s+)\]/gi, 'h').replace(/\[[^\]]*\]/g, '').toLowerCase();
  if (/[dy]/.test(bare) || !/[hs]/.test(bare)) return null;
  return elapsed ? 'elapsed' : 'clock';
}

/** How a cell format shows a number other than as itself, where the CSV writes what it shows. */
export type NumberShownAs = 'percent' | 'clock' | 'elapsed';

/** How a custom format code shows a number (`NumberShownAs`), or `null`: a date first (it is written as one), then a time, then a percentage. */
export function shownAsOfCode(code: string): NumberShownAs | null {
  if (isDateFormatCode(code)) return null;
  return timeFormatKind(code) ?? (isPercentFormatCode(code) ? 'percent' : null);
}

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

/** A grid cell as Office.js would give it ('' for a formula without a value). */
export function shownCell(v: GridValue): Cell {
  return typeof v === 'object' ? '' : v;
}

/** The value shown for a grid cell in text ('' for a formula without a value). */
export function gridText(v: GridValue | undefined): string {
  return v === undefined || typeof v === 'object' ? '' : String(v);
}

/**
 * A cell as `Range.values` must receive it so that Excel keeps it as written: a string that starts with
 * "=", "+" or "-" would be a formula and "123" a number, so every non-empty string goes with a leading
 * apostrophe, Excel's text prefix, which is not part of the cell's value (see src/workbook/office.ts).
 */
export function textSafe(cell: Cell): Cell {
  return typeof cell === 'string' && cell !== '' ? `'${cell}` : cell;
}

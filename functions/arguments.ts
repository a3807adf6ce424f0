/**
 * Reading custom-function arguments as Excel passes them: ranges as 2-D arrays, omitted optional
 * arguments as `null`, dates as serial numbers, blanks as '' or null.
 */
import { fromExcelSerial, todayLocal, type CalendarDate } from '../core/dates';
import type { FieldKey, SchoolRecord } from '../core/fields';
import { displayValue, PROBLEM_KINDS } from '../core/problems';
import { isExcelError, plainCell, readCell } from '../core/values';
import { unknownFrameworkMessage } from '../core/frameworks';
import type { CompiledFramework } from '../core/engine';
import { filesNotLoadingNote, workbookFramework, workbookFrameworks } from '../src/run/authoritySettings';
import type { PaneSettings } from '../src/workbook/port';

/** An argument that cannot be used: becomes `#VALUE!` with this message. */
export class ArgumentError extends Error {}

/**
 * A single-value argument that is an error (a cell holding #N/A, say): the function's result is that
 * error, passed on (excelError.ts `passedOn`). functions.json lets errors reach the functions
 * (`allowErrorForDataTypeAny`), so that an error cell in a register's range stops only its own row.
 */
export class PassedOnError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Throws `PassedOnError` where the argument `name` is an error value, so its error is passed on rather than read as a value. */
export function passOnError(name: string, value: unknown): void {
  if (isExcelError(value)) {
    const code = String(plainCell(value));
    throw new PassedOnError(code, `${name} is ${code}, an error in the cell or formula it comes from; expected a value (the error is passed on).`);
  }
}

/** The framework named by the argument (case-insensitive): a built-in, or one loaded into the workbook. */
export function frameworkArg(value: unknown, settings: PaneSettings | null): CompiledFramework {
  const fw = typeof value === 'string' ? workbookFramework(settings, value) : undefined;
  if (!fw) {
    const failing = filesNotLoadingNote(settings);
    throw new ArgumentError(`${unknownFrameworkMessage(value, workbookFrameworks(settings).filter((f) => f.origin.kind === 'file').map((f) => f.definition.id))}${failing ? ` ${failing}` : ''}`);
  }
  return fw;
}

/** The header row: the first row of the range (a header range of several rows uses its first). */
export function headerArg(headers: unknown[][] | null): unknown[] {
  if (!headers || headers.length === 0 || headers[0]!.length === 0) throw new ArgumentError('headers is empty; expected the register\'s header row.');
  return headers[0]!;
}

/** An optional as-of date; omitted means today, as documented. */
export function asOfArg(value: unknown): CalendarDate {
  if (value === null || value === undefined || value === '') return todayLocal();
  const date = typeof value === 'number' ? fromExcelSerial(value) : null;
  if (date === null) throw new ArgumentError(`asOf is ${JSON.stringify(value)}; expected an Excel date.`);
  return date;
}

/** A required Excel date argument. */
export function dateArg(name: string, value: unknown): CalendarDate {
  const date = typeof value === 'number' ? fromExcelSerial(value) : null;
  if (date === null) throw new ArgumentError(`${name} is ${value === null || value === '' ? 'blank' : JSON.stringify(value)}; expected an Excel date.`);
  return date;
}

/** Omitted, or a blank cell (Excel passes '' or null for an `any` argument). */
export function isBlank(value: unknown): value is null | undefined | '' {
  return value === null || value === undefined || value === '';
}

/** An optional Excel date argument: `undefined` when blank. */
export function optionalDateArg(name: string, value: unknown): CalendarDate | undefined {
  return isBlank(value) ? undefined : dateArg(name, value);
}

/**
 * An argument read as the register reads a cell of that field (the same spellings and codes), with the
 * problem worded about the argument ('status: "xyz" is not one of ...') rather than a row and column.
 */
export function cellArg<K extends FieldKey>(name: string, field: K, value: unknown, asOf: CalendarDate): SchoolRecord[K] | undefined {
  const read = readCell(field, value, { row: 1, column: name, asOf });
  if (read.ok) return read.value;
  const p = read.problem;
  if (p.severity === 'warning') return undefined; // a missing-data code such as NULL: blank, as in the register
  throw new ArgumentError(`${name}: ${displayValue(p.value)} ${PROBLEM_KINDS[p.kind]}; expected ${p.expected}.`);
}

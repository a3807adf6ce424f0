/**
 * Reading one cell as an analyst typed it. Each field's type (core/fields.ts) says how: dates as Excel
 * serials, ISO or UK day-first text (never month-first); yes/no in its usual spellings; grades as words,
 * numbers and abbreviations; numbers with their range. A cell gives a value, `undefined` for a blank, or a
 * problem naming the row, the column, the value and what was expected. Nothing here throws on data.
 */
import { dateFromParts, fromExcelSerial, fromIsoDate, fromUkDate, type CalendarDate } from './dates';
import { FIELDS, normaliseKey, type FieldKey, type FieldType, type SchoolRecord } from './fields';
import { problem, type Problem, type ProblemKind } from './problems';

/** Where a cell is, and the date "future" is judged against. */
export interface CellContext {
  readonly row: number;
  readonly column: string;
  readonly asOf: CalendarDate;
}

/** A cell read: a value (`undefined` when blank) or the problem with it. */
export type CellResult<K extends FieldKey> = { ok: true; value: SchoolRecord[K] } | { ok: false; problem: Problem };

const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!)$/i;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** What a field accepts, in words, for problem messages and the data dictionary. */
export function describeExpected(field: FieldKey): string {
  const t = FIELDS[field].type as FieldType;
  switch (t.kind) {
    case 'text': return `text of at most ${t.maxLength} characters`;
    case 'urn': return 'a URN of 5 to 7 digits, such as 123456';
    case 'date': return `a date as dd/mm/yyyy, yyyy-mm-dd or an Excel date${t.notAfterAsOf ? ', not after the as-of date' : ''}`;
    case 'yesNo': return `Yes or No (also Y/N, TRUE/FALSE, 1/0${t.extraTrue ? `, ${[...t.extraTrue, ...(t.extraFalse ?? [])].join('/')}` : ''})`;
    case 'number': return `${t.integer ? 'a whole number' : 'a number'} from ${t.min} to ${t.max}${t.percent ? ' (a percentage: 85, 85% or 0.85)' : ''}`;
    case 'enum': return `one of: ${t.values.map(readable).join(', ')}`;
  }
}

function readable(value: string): string {
  return value.length <= 1 ? value : value[0]!.toUpperCase() + value.slice(1).replace(/-/g, ' ');
}

/** Reads one cell for one field. */
export function readCell<K extends FieldKey>(field: K, raw: unknown, ctx: CellContext): CellResult<K> {
  const value = unwrap(raw);
  if (value === undefined) return { ok: true, value: undefined };
  const fail = (kind: ProblemKind): CellResult<K> => ({
    ok: false,
    problem: problem({ kind, row: ctx.row, column: ctx.column, field, value: raw instanceof Date ? raw : value, expected: describeExpected(field) }),
  });
  if (typeof value === 'string' && EXCEL_ERROR.test(value)) return fail('excel-error');
  const read = readTyped(FIELDS[field].type as FieldType, value, ctx);
  return typeof read === 'string' ? fail(read) : { ok: true, value: read.value as SchoolRecord[K] };
}

/** Blank cells, exceljs error and rich values, and surrounding (non-breaking) spaces. */
function unwrap(raw: unknown): string | number | boolean | Date | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string') {
    const s = raw.replace(/\u00a0/g, ' ').trim();
    return s === '' ? undefined : s;
  }
  if (typeof raw === 'number') return Number.isNaN(raw) ? undefined : raw;
  if (typeof raw === 'boolean' || raw instanceof Date) return raw;
  if (typeof raw === 'object' && 'error' in raw) return String((raw as { error: unknown }).error);
  return String(raw);
}

function readTyped(type: FieldType, value: string | number | boolean | Date, ctx: CellContext): { value: unknown } | ProblemKind {
  switch (type.kind) {
    case 'text': {
      const s = String(value);
      return s.length > type.maxLength ? 'text-too-long' : { value: s };
    }
    case 'urn': {
      const s = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : '') : String(value);
      return /^\d{5,7}$/.test(s) ? { value: s } : 'invalid-urn';
    }
    case 'date': {
      const date = readDate(value);
      if (date === null) return 'unreadable-date';
      return type.notAfterAsOf && date > ctx.asOf ? 'future-date' : { value: date };
    }
    case 'yesNo': {
      if (typeof value === 'boolean') return { value };
      const k = normaliseKey(String(value));
      if (YES.has(k) || type.extraTrue?.includes(k)) return { value: true };
      if (NO.has(k) || type.extraFalse?.includes(k)) return { value: false };
      return 'not-yes-no';
    }
    case 'enum': {
      const found = type.synonyms[normaliseKey(String(value))];
      return found === undefined ? 'unknown-value' : { value: found };
    }
    case 'number': {
      const n = readNumber(value, type.percent);
      if (n === null) return 'not-a-number';
      if (n < type.min || n > type.max) return 'out-of-range';
      if (type.integer && !Number.isInteger(n)) return 'not-whole-number';
      return { value: n };
    }
  }
}

function readDate(value: string | number | boolean | Date): CalendarDate | null {
  if (typeof value === 'number') return fromExcelSerial(value);
  // exceljs gives dates as UTC midnights of the day Excel shows.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateFromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  if (typeof value !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return fromIsoDate(value);
  // A date pasted as the digits of a serial ("45717") is still an Excel date.
  if (/^\d{5}$/.test(value)) return fromExcelSerial(Number(value));
  return fromUkDate(value);
}

/**
 * Numbers, with percentages read three ways: 85, "85%", and 0.85 (a cell formatted as a percentage
 * holds the fraction). A number strictly between 0 and 1 in a percentage field is taken as a fraction;
 * 0 and 1 are taken as written.
 */
function readNumber(value: string | number | boolean | Date, percent: boolean): number | null {
  if (typeof value === 'number') return percent && value > 0 && value < 1 ? round(value * 100) : value;
  if (typeof value !== 'string') return null;
  const text = value.replace(/,/g, '').replace(/^\+/, '');
  const isPercent = text.endsWith('%');
  const body = isPercent ? text.slice(0, -1).trim() : text;
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(body)) return null;
  const n = Number(body);
  return percent && !isPercent && n > 0 && n < 1 ? round(n * 100) : n;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

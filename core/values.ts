/**
 * Reading one cell as an analyst typed it. Each field's type (core/fields.ts) says how: dates as Excel
 * serials, ISO or UK day-first text (never month-first); yes/no in its usual spellings; grades as words,
 * numbers and abbreviations; numbers with their range. A cell gives a value, `undefined` for a blank, or a
 * problem naming the row, the column, the value and what was expected. Nothing here throws on data.
 *
 * `cellReader(field)` does the per-field work (the type switch, the expected text) once and returns a
 * closure, so a register of 25,000 rows pays it once per column, not once per cell.
 */
import { dateFromParts, fromExcelSerial, fromIsoDate, fromUkDate, toUkDate, type CalendarDate } from './dates';
import { FIELDS, normaliseKey, type FieldKey, type FieldType, type SchoolRecord } from './fields';
import { missingMarker } from './missingMarkers';
import { PROBLEM_KINDS, problem, type Problem, type ProblemKind } from './problems';

/** Where a cell is, and the date "future" is judged against. */
export interface CellContext {
  readonly row: number;
  readonly column: string;
  readonly asOf: CalendarDate;
}

/** A cell read: a value (`undefined` when blank) or the problem with it. */
export type CellResult<K extends FieldKey> = { ok: true; value: SchoolRecord[K] | undefined } | { ok: false; problem: Problem };

/** A reader for one field, built once (see `cellReader`). */
export type CellReader<K extends FieldKey> = (raw: unknown, ctx: CellContext) => CellResult<K>;

/**
 * A formula saved without its calculated value (files written by scripts, or saved before Excel
 * recalculated): not a blank, a problem on its cell.
 */
export class UncalculatedFormula {
  constructor(readonly formula: string) {}

  /** As the analyst sees it in the formula bar. */
  toString(): string {
    return `=${this.formula.replace(/^=/, '')}`;
  }
}

/** A cell's content once blanks, exceljs wrappers and surrounding spaces are dealt with. */
export type PlainCell = string | number | boolean | Date | UncalculatedFormula | undefined;

/** Excel's error values, as Office.js and exceljs give them (as text, or exceljs's `{ error }`). */
const EXCEL_ERROR = /^#(N\/A|VALUE!|REF!|DIV\/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!|EXTERNAL!)$/i;
const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);

/** The lowest and highest URN accepted: GIAS URNs are six digits (100000 upwards). */
export const URN_RANGE = { min: 100_000, max: 999_999 } as const;

/** Field-specific words added to the generic expected text, where the allowed spellings are too many to list. */
const EXPECTED_NOTES: Partial<Record<FieldKey, string>> = {
  status: 'or a GIAS establishment type such as "Community school", "Academy converter" or "Free schools"',
  phase: 'or a GIAS phase such as "Middle deemed primary" or "16 plus"',
};

/** Is this raw cell an Excel error value (`#N/A`, `{ error: '#REF!' }`...)? */
export function isExcelError(raw: unknown): boolean {
  const v = plainCell(raw);
  return typeof v === 'string' && EXCEL_ERROR.test(v);
}

/**
 * A raw cell reduced to plain content: `undefined` for a blank (`null`, `undefined`, `''`, spaces or
 * non-breaking spaces only); text trimmed of spaces and non-breaking spaces; exceljs's wrappers unwrapped
 * (`{ error }` to its error text, rich text to its text, a formula to its result, a hyperlink to its text;
 * the custom-function runtime's error object to its code).
 * A formula without a result (`{ formula }`) is an `UncalculatedFormula`, and a number that is not a
 * number (NaN) stays NaN: neither is a blank, so neither can be read as "no concern".
 */
export function plainCell(raw: unknown): PlainCell {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string') {
    const s = (raw.indexOf('\u00a0') === -1 ? raw : raw.replace(/\u00a0/g, ' ')).trim();
    return s === '' ? undefined : s;
  }
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'boolean') return raw;
  // An invalid Date (never from exceljs, but possible from code) is kept as the text it shows.
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? 'Invalid Date' : raw;
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if ('error' in o) return String(o.error);
    // An error cell in a range passed to a custom function: the Excel runtime passes it as a
    // CustomFunctions.Error, whose `code` is the error's text (functions.json allows errors as inputs).
    if (typeof o.code === 'string' && EXCEL_ERROR.test(o.code)) return o.code;
    if (Array.isArray(o.richText)) return plainCell(o.richText.map((r) => (r as { text?: unknown })?.text ?? '').join(''));
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? new UncalculatedFormula(String(o.formula ?? o.sharedFormula)) : plainCell(o.result);
    if ('hyperlink' in o && 'text' in o) return plainCell(o.text);
  }
  return plainCell(String(raw));
}

/** What a field accepts, in words, for problem messages and the data dictionary. */
export function describeExpected(field: FieldKey): string {
  const t = FIELDS[field].type as FieldType;
  const note = EXPECTED_NOTES[field] ? `; ${EXPECTED_NOTES[field]}` : '';
  switch (t.kind) {
    case 'text': return `text of at most ${t.maxLength} characters`;
    case 'urn': return 'a URN of 6 digits, such as 123456';
    case 'date': return `a date as dd/mm/yyyy, yyyy-mm-dd or an Excel date${t.notAfterAsOf ? ', not after the as-of date' : ''}`;
    case 'yesNo': {
      const extra = [...(t.extraTrue ?? []), ...(t.extraFalse ?? [])].map(readable);
      return `Yes or No (also Y/N, TRUE/FALSE, 1/0${extra.length ? `, ${extra.join('/')}` : ''})`;
    }
    case 'number': {
      const what = t.integer ? 'a whole number' : 'a number';
      return `${what} from ${t.min} to ${t.max}${t.unit === 'per-cent' ? ' (a percentage: 85, 85% or 0.85)' : ''}`;
    }
    case 'enum': return `one of: ${t.values.map((v) => listedForm(v, t.synonyms)).join(', ')}${note}`;
  }
}

/**
 * "requires-improvement" -> "Requires improvement (3, RI)": the value and its short spellings (up to 3
 * characters), as the expected text lists it. The reader accepts this form too, so an analyst who copies
 * a value from a message has it read.
 */
function listedForm(value: string, synonyms: Readonly<Record<string, string>>): string {
  const own = normaliseKey(value);
  const short = Object.keys(synonyms).filter((k) => synonyms[k] === value && k !== own && k.length <= 3 && !/^[a-z]$/.test(k));
  return short.length ? `${readable(value)} (${short.map((k) => k.toUpperCase()).join(', ')})` : readable(value);
}

/**
 * Text that can be a word value: letters, digits, spaces and the punctuation of Ofsted's and GIAS's own
 * wordings. Anything else ("Good*", "Yes?") is a mark an analyst added on purpose, so the cell is refused,
 * not read as if the mark were not there.
 */
const WORD_VALUE = /^[\p{L}\p{N}\s\-–()'’/,.&+:]*$/u;

function readable(value: string): string {
  if (value.length <= 1) return value;
  const words = value.replace(/(?<=[a-z])-(?=[a-z])/g, ' ');
  return words[0]!.toUpperCase() + words.slice(1);
}

/**
 * The hot-path form of a field's reader: the value (`undefined` when blank) or, when the cell is bad, its
 * `Problem`. Values are never objects (text, numbers, dates as day numbers, booleans), so
 * `typeof result === 'object'` tells a problem apart without allocating a result wrapper per cell.
 */
export type ValueReader = (raw: unknown, row: number, column: string, asOf: CalendarDate) => string | number | boolean | undefined | Problem;

/**
 * A column's reading for the register's hot loop: the common cell shapes (a number in a number, date or
 * URN column, text in a text column, a spelling already read in a word column) are read by `quickRead`
 * with no call per cell; anything else, and every bad cell, goes to `full`, the field's own reader. Built
 * per register (its as-of date is fixed), so nothing learnt in one call is kept for the next.
 */
export class QuickColumn {
  /** One of the QUICK_ kinds below. */
  readonly kind: number;
  /** Text: the longest accepted; other kinds 0. */
  readonly maxLength: number;
  /** Numbers: range and form; dates: `max` is the last accepted date (the as-of date, or the last Excel date). */
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly percent: boolean;
  /**
   * Raw cells already read to a value, by the cell itself (text as it came, before trimming; in a word
   * column numbers and booleans too): a column repeats a few spellings ("Yes", "Good", "01/09/2023").
   * `null` for text and URN columns, whose cells are mostly different and read quickly anyway.
   */
  readonly known: Map<unknown, string | number | boolean> | null;
  /** The first few texts in `known` and their values, searched before it: most columns have no more (a linear search of a few texts is cheaper than hashing). */
  readonly firstTexts: string[] = [];
  readonly firstValues: (string | number | boolean)[] = [];
  /** The field's full reader (see `ValueReader`). */
  readonly full: ValueReader;

  constructor(field: FieldKey, asOf: CalendarDate) {
    const type = FIELDS[field].type as FieldType;
    this.full = valueReader(field);
    this.maxLength = type.kind === 'text' ? type.maxLength : 0;
    this.min = type.kind === 'number' ? type.min : -Infinity;
    this.max = type.kind === 'number' ? type.max : type.kind === 'date' && type.notAfterAsOf ? asOf : Infinity;
    this.integer = type.kind === 'number' && type.integer;
    this.percent = type.kind === 'number' && type.unit === 'per-cent';
    this.kind = QUICK_KINDS[type.kind];
    this.known = type.kind === 'text' || type.kind === 'urn' ? null : new Map();
  }
}

const QUICK_TEXT = 0;
const QUICK_URN = 1;
const QUICK_DATE = 2;
const QUICK_NUMBER = 3;
/** Yes/no and enum columns: read by `known` alone. */
const QUICK_WORD = 4;
const QUICK_KINDS: Record<FieldType['kind'], number> = { text: QUICK_TEXT, urn: QUICK_URN, date: QUICK_DATE, number: QUICK_NUMBER, yesNo: QUICK_WORD, enum: QUICK_WORD };

/** `quickRead`'s answer for a cell it leaves to the column's full reader (`fullRead`). */
export const NOT_QUICK: unique symbol = Symbol('not quick');

/** Excel's serial of 1970-01-01, and its first and last dates we accept (as `fromExcelSerial`). */
const EXCEL_EPOCH = 25_569;
const FIRST_SERIAL = 61;
const LAST_SERIAL = 2_958_465;

/**
 * A cell's value as the column's full reader gives it, for the shapes a register's cells nearly always
 * have, or `NOT_QUICK`. Never a problem: a cell it cannot settle, good or bad, is left to `fullRead`.
 */
export function quickRead(q: QuickColumn, raw: unknown): string | number | boolean | undefined | typeof NOT_QUICK {
  // Small enough for V8 to inline into the register's loop; each kind's work is in its own function.
  if (typeof raw === 'string') return raw === '' ? undefined : q.kind === QUICK_TEXT ? quickText(q, raw) : knownText(q, raw);
  if (typeof raw === 'number') return q.kind === QUICK_NUMBER ? quickNumber(q, raw) : q.kind === QUICK_DATE ? quickSerial(q, raw) : otherNumber(q, raw);
  if (raw === null || raw === undefined) return undefined;
  return typeof raw === 'boolean' && q.kind === QUICK_WORD ? (q.known!.get(raw) ?? NOT_QUICK) : NOT_QUICK;
}

function quickText(q: QuickColumn, raw: string): string | typeof NOT_QUICK {
  return raw.length <= q.maxLength && plainEnds(raw) && raw.indexOf('\u00a0') === -1 ? raw : NOT_QUICK;
}

function knownText(q: QuickColumn, raw: string): string | number | boolean | typeof NOT_QUICK {
  const texts = q.firstTexts;
  for (let i = 0; i < texts.length; i++) if (texts[i] === raw) return q.firstValues[i]!;
  return texts.length < FIRST_TEXTS ? NOT_QUICK : (q.known?.get(raw) ?? NOT_QUICK);
}

/** As readNumber, then the range and whole-number checks of the number reader. */
function quickNumber(q: QuickColumn, raw: number): number | typeof NOT_QUICK {
  if (!Number.isFinite(raw)) return NOT_QUICK;
  const n = q.percent && raw > 0 && raw < 1 ? round(raw * 100) : raw;
  return n < q.min || n > q.max || (q.integer && !Number.isInteger(n)) ? NOT_QUICK : n;
}

/** A serial, as readDate and fromExcelSerial; an 8-digit number (compact ISO) is left to the full reader. */
function quickSerial(q: QuickColumn, raw: number): number | typeof NOT_QUICK {
  if (!(raw >= FIRST_SERIAL && raw < LAST_SERIAL + 1)) return NOT_QUICK;
  const date = Math.floor(raw) - EXCEL_EPOCH;
  return date > q.max ? NOT_QUICK : date;
}

function otherNumber(q: QuickColumn, raw: number): string | number | boolean | typeof NOT_QUICK {
  if (q.kind === QUICK_URN) return Number.isInteger(raw) && raw >= URN_RANGE.min && raw <= URN_RANGE.max ? String(raw) : NOT_QUICK;
  return q.kind === QUICK_WORD ? (q.known!.get(raw) ?? NOT_QUICK) : NOT_QUICK;
}

/** Text that plainCell leaves as it is and that is not an Excel error: it starts and ends with a printable ASCII character other than "#". */
function plainEnds(text: string): boolean {
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return first > 32 && first < 127 && first !== 35 && last > 32 && last < 127;
}

/** Reads a cell `quickRead` left with the column's full reader; a word, date or number it reads from text or a word column's cell is kept in `known`. */
export function fullRead(q: QuickColumn, raw: unknown, row: number, column: string, asOf: CalendarDate): string | number | boolean | undefined | Problem {
  const value = q.full(raw, row, column, asOf);
  const known = q.known;
  if (known === null || value === undefined || typeof value === 'object') return value;
  if (typeof raw === 'string' && q.firstTexts.length < FIRST_TEXTS) {
    q.firstTexts.push(raw);
    q.firstValues.push(value);
  } else if ((typeof raw === 'string' || (q.kind === QUICK_WORD && (typeof raw === 'number' || typeof raw === 'boolean'))) && known.size < KNOWN_LIMIT) known.set(raw, value);
  return value;
}

/** Texts kept in `firstTexts` before `known`. */
const FIRST_TEXTS = 8;

/** Distinct cells a column keeps in `known`, so a column of distinct values cannot grow it without bound. */
const KNOWN_LIMIT = 4096;

const valueReaders = new Map<FieldKey, ValueReader>();
const cellReaders = new Map<FieldKey, CellReader<FieldKey>>();

/** Reads one cell for one field. */
export function readCell<K extends FieldKey>(field: K, raw: unknown, ctx: CellContext): CellResult<K> {
  return cellReader(field)(raw, ctx);
}

/** The reader of one field as `readCell` answers, built once and cached. */
export function cellReader<K extends FieldKey>(field: K): CellReader<K> {
  let reader = cellReaders.get(field);
  if (reader === undefined) {
    const read = valueReader(field);
    reader = (raw, ctx) => {
      const result = read(raw, ctx.row, ctx.column, ctx.asOf);
      return typeof result === 'object' ? { ok: false, problem: result } : { ok: true, value: result as SchoolRecord[FieldKey] };
    };
    cellReaders.set(field, reader);
  }
  return reader as CellReader<K>;
}

/** The reader of one field in its hot-path form (see `ValueReader`), built once and cached: the register reads every cell of a column through it. */
export function valueReader(field: FieldKey): ValueReader {
  let reader = valueReaders.get(field);
  if (reader === undefined) {
    reader = buildReader(field);
    valueReaders.set(field, reader);
  }
  return reader;
}

function buildReader(field: FieldKey): ValueReader {
  const type = FIELDS[field].type as FieldType;
  const expected = describeExpected(field);
  const typed = typedReader(type);
  return (raw, row, column, asOf) => {
    const value = plainCell(raw);
    if (value === undefined) return undefined;
    let kind: ProblemKind;
    if (value instanceof UncalculatedFormula) return problem({ kind: 'formula-not-calculated', row, column, field, value: String(value), expected });
    if (typeof value === 'string' && value.charCodeAt(0) === 35 /* # */ && EXCEL_ERROR.test(value)) kind = 'excel-error';
    else {
      const read = typed(value, asOf);
      if (!(read instanceof Failed)) return read as string | number | boolean;
      kind = read.kind;
      // A code such as SUPP or NULL, where it is not one of the field's own values: missing, with a note.
      const marker = typeof value === 'string' ? missingMarker(value) : undefined;
      if (marker) return problem({ kind: 'missing-marker', severity: 'warning', row, column, field, value, expected: `${expected} ("${marker.code}" means ${marker.meaning})` });
    }
    if (kind === 'percent-sign') return problem({ kind, row, column, field, value, expected: `${expected}, without a % sign` });
    if (kind !== 'future-date') return problem({ kind, row, column, field, value, expected });
    // An Excel date (a serial, or exceljs's Date) is shown as the date the cell shows, not as 46388.
    const date = typeof value === 'string' ? null : readDate(value);
    return problem({ kind, row, column, field, value, expected: `${expected} (${toUkDate(asOf)})`, ...(date === null ? {} : { shown: toUkDate(date) }) });
  };
}

/** A typed read that failed; one shared instance per kind, so the hot path allocates nothing for it. */
class Failed {
  constructor(readonly kind: ProblemKind) {}
}
const FAILED = Object.fromEntries(Object.keys(PROBLEM_KINDS).map((k) => [k, new Failed(k as ProblemKind)])) as Record<ProblemKind, Failed>;

type Typed = (value: string | number | boolean | Date, asOf: CalendarDate) => unknown;

/**
 * Memoises a text reader: registers repeat the same few spellings ("Yes", "Good", "01/09/2023") down a
 * column, so each is normalised and parsed once. Bounded, so a column of distinct values cannot grow it.
 */
function memoText<T>(read: (text: string) => T, limit = 4096): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const result = read(text);
    if (cache.size < limit) cache.set(text, result);
    return result;
  };
}

function typedReader(type: FieldType): Typed {
  switch (type.kind) {
    case 'text': return (value) => {
      const s = value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
      return s.length > type.maxLength ? FAILED['text-too-long'] : s;
    };
    case 'urn': return (value) => {
      if (typeof value === 'number') return Number.isInteger(value) && value >= URN_RANGE.min && value <= URN_RANGE.max ? String(value) : FAILED['invalid-urn'];
      if (typeof value !== 'string' || !/^\d{6}$/.test(value)) return FAILED['invalid-urn'];
      const n = Number(value);
      return n >= URN_RANGE.min && n <= URN_RANGE.max ? value : FAILED['invalid-urn'];
    };
    case 'date': {
      const textDate = memoText((text): CalendarDate | Failed => readDateText(text) ?? FAILED['unreadable-date']);
      return (value, asOf) => {
        const date = typeof value === 'string' ? textDate(value) : readDate(value) ?? FAILED['unreadable-date'];
        if (date instanceof Failed) return date;
        return type.notAfterAsOf && date > asOf ? FAILED['future-date'] : date;
      };
    }
    case 'yesNo': {
      const extraTrue = new Set((type.extraTrue ?? []).map(normaliseKey));
      const extraFalse = new Set((type.extraFalse ?? []).map(normaliseKey));
      const fromText = memoText((text): boolean | Failed => {
        if (!WORD_VALUE.test(text)) return FAILED['not-yes-no'];
        const k = normaliseKey(text);
        if (YES.has(k) || extraTrue.has(k)) return true;
        if (NO.has(k) || extraFalse.has(k)) return false;
        return FAILED['not-yes-no'];
      });
      return (value) => {
        if (typeof value === 'boolean') return value;
        if (value instanceof Date) return FAILED['not-yes-no'];
        return fromText(String(value));
      };
    }
    case 'enum': {
      const listed = new Map(type.values.map((v) => [normaliseKey(listedForm(v, type.synonyms)), v]));
      const fromText = memoText((text): string | Failed => {
        if (!WORD_VALUE.test(text)) return FAILED['unknown-value'];
        const key = normaliseKey(text);
        return Object.hasOwn(type.synonyms, key) ? type.synonyms[key]! : (listed.get(key) ?? FAILED['unknown-value']);
      });
      return (value) => (typeof value === 'boolean' || value instanceof Date ? FAILED['unknown-value'] : fromText(String(value)));
    }
    case 'number': return (value) => {
      const n = readNumber(value, type.unit === 'per-cent', type.unit !== null);
      if (n === null) return FAILED['not-a-number'];
      if (n === PERCENT_SIGN) return FAILED['percent-sign'];
      if (n < type.min || n > type.max) return FAILED['out-of-range'];
      if (type.integer && !Number.isInteger(n)) return FAILED['not-whole-number'];
      return n;
    };
  }
}

/**
 * A time of day after a date's text (24-hour, seconds and their fraction optional, a final Z as ISO writes
 * it): the date is its day, as a serial with a time of day is (`fromExcelSerial`), and the CSV output writes
 * a date cell with a time so (src/workbook/writeFile.ts). Not a 12-hour time (2:30 PM): US systems export
 * so, month first, and 03/01/2025 2:30 PM read day first would be a wrong date, not a refused one.
 */
const TIME_OF_DAY = /(?:\s+|T)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?Z?$/;
const COMPACT_ISO = /^(\d{4})(\d{2})(\d{2})$/;
const UK_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

function readDate(value: number | boolean | Date): CalendarDate | null {
  if (typeof value === 'number') {
    // An 8-digit number can only be ISO's compact yyyymmdd (20250301): Excel's serials end at 2958465.
    if (value >= 10_000_000 && value <= 99_999_999 && Number.isInteger(value)) return fromCompactIso(String(value));
    return fromExcelSerial(value);
  }
  // exceljs gives dates as UTC midnights of the day Excel shows.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dateFromParts(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
  return null;
}

function readDateText(value: string): CalendarDate | null {
  // The shape analysts type most, day first; 12/31/2024 is day 12 of month 31, which does not exist.
  const day = value.replace(TIME_OF_DAY, '');
  const uk = UK_NUMERIC.exec(day);
  if (uk) return dateFromParts(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(day)) return fromIsoDate(day);
  // A date pasted as the digits of a serial ("45717") is still an Excel date.
  if (/^\d{5}$/.test(value)) return fromExcelSerial(Number(value));
  if (COMPACT_ISO.test(value)) return fromCompactIso(value);
  return fromUkDate(day);
}

function fromCompactIso(text: string): CalendarDate | null {
  const m = COMPACT_ISO.exec(text);
  return m ? dateFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

/**
 * Numbers, with percentages read three ways, by this rule:
 * - text ending in `%` is a percentage as written: "85%" and "85 %" are 85, "0.5%" is 0.5; in a field whose
 *   unit a % sign does not name (a score, a count: `unit` null) it is refused, as `PERCENT_SIGN`;
 * - otherwise, in a percentage field, a value strictly between 0 and 1 (a fraction: it has a fractional
 *   part and lies in [0, 1]) is read as a fraction and multiplied by 100, because a cell formatted as a
 *   percentage in Excel holds the fraction (it shows 85% but holds 0.85); 0 and 1 are taken as written
 *   (0% and 1%), as is every value from 1 upwards (85 is 85%).
 * The cost: a genuine "0.5" meaning half a per cent reads as 50; analysts write that as "0.5%". A register's
 * column of fractions (core/fractionColumns.ts) reads its 1 as 100%, as Excel's percentage format holds it:
 * the register's reader does that before this rule, which sees one cell.
 * Thousands separators ("1,000") and a leading "+" are tolerated in text. A comma anywhere else ("95,1",
 * a decimal comma from a European-locale file) is not a thousands separator: the cell is refused rather
 * than read as 951. Semicolon CSV files have their decimal commas read by src/workbook/csvText.ts.
 */
/** A number as plain text: digits, one point, a leading minus (no sign, separator or "%"). */
export const PLAIN_NUMBER = /^-?(\d+\.?\d*|\.\d+)$/;
const THOUSANDS = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?\s*%?$/;

/** `readNumber`'s answer for text with a % sign in a field whose unit is not a percentage. */
const PERCENT_SIGN: unique symbol = Symbol('percent sign');

function readNumber(value: string | number | boolean | Date, percent: boolean, percentSign: boolean): number | null | typeof PERCENT_SIGN {
  if (typeof value === 'number') return Number.isFinite(value) ? (percent && value > 0 && value < 1 ? round(value * 100) : value) : null;
  if (typeof value !== 'string') return null;
  if (PLAIN_NUMBER.test(value)) {
    const n = Number(value);
    return percent && n > 0 && n < 1 ? round(n * 100) : n;
  }
  if (value.includes(',') && !THOUSANDS.test(value)) return null;
  const text = value.replace(/,/g, '').replace(/^\+/, '');
  const isPercent = text.endsWith('%');
  const body = isPercent ? text.slice(0, -1).trim() : text;
  if (!PLAIN_NUMBER.test(body)) return null;
  if (isPercent && !percentSign) return PERCENT_SIGN;
  const n = Number(body);
  return percent && !isPercent && n > 0 && n < 1 ? round(n * 100) : n;
}

/** Removes the float noise of ×100 (0.857 × 100 = 85.69999999999999). */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

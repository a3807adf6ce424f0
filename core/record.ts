/**
 * From a header row and raw rows to checked school records. The per-cell readers are built once per
 * register, so a county of 25,000 rows is read in one pass. The zod schema of a record is in
 * recordSchema.ts, kept apart so the bundles that only read registers do not carry zod.
 */
import type { CalendarDate } from './dates';
import { factsOfFields, recordOfFields, refilledFacts } from './factShape';
import { FIELD_KEYS, FIELDS, type FieldKey, type SchoolRecord } from './fields';
import { mapHeaders, type HeaderMapping } from './headers';
import { problem, type Problem } from './problems';
import { fullRead, NOT_QUICK, plainCell, QuickColumn, quickRead } from './values';
import { asPoints, columnReadings, columnReadingWarnings, givenReadings, isWholeOne, POINTS_FIELDS } from './fractionColumns';

/** A register read: records aligned with the input rows (`null` for a fully blank row), and every problem. */
export interface RegisterRead {
  readonly mapping: HeaderMapping;
  readonly records: readonly (SchoolRecord | null)[];
  readonly problems: readonly Problem[];
}

const FIELD_NUMBER: ReadonlyMap<FieldKey, number> = new Map(FIELD_KEYS.map((k, i) => [k, i]));

// Bound once: under CommonJS interop (tsx, vitest) an import is a getter, read at every use otherwise.
const quick = quickRead;
const full = fullRead;
const notQuick = NOT_QUICK;
const makeKeptFacts = factsOfFields as unknown as (row: number, v: readonly unknown[]) => SchoolRecord;

const isBlank = (cell: unknown) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '') || (typeof cell === 'object' && plainCell(cell) === undefined);

/** A URN's key for finding repeats: its number when it is six digits (one number per text, so no two URNs share one), else the text. */
function urnKey(urn: string): number | string {
  if (urn.length !== 6) return urn;
  let n = 0;
  for (let i = 0; i < 6; i++) {
    const d = urn.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return urn;
    n = n * 10 + d;
  }
  // Six digits with no leading zero: the number gives the text back, so two URNs never share a key.
  return urn.charCodeAt(0) === 48 ? urn : n;
}

/** Keys before `FirstRows` moves its numbers to an array: a short register (one school's row) never allocates it. */
const FIRST_ROWS_IN_MAP = 512;

/**
 * The sheet row first holding each URN key (`urnKey`). A long register's six-digit keys go in an array by
 * their number, 3.6 MB, cheaper than a Map of 25,000 numbers (about a tenth of reading a row, measured);
 * text keys, and a short register's keys, in a Map.
 */
class FirstRows {
  private readonly byKey = new Map<number | string, number>();
  /** By key - 100000, 0 where not seen (sheet rows start at 1). */
  private byNumber: Int32Array | null = null;

  get(key: number | string): number | undefined {
    if (typeof key === 'number' && this.byNumber !== null) return this.byNumber[key - 100_000] || undefined;
    return this.byKey.get(key);
  }

  /** Notes `row` as the first holding `key`, which `get` does not know yet. */
  set(key: number | string, row: number): void {
    if (typeof key === 'number' && this.byNumber !== null) this.byNumber[key - 100_000] = row;
    else this.byKey.set(key, row);
    if (this.byNumber === null && this.byKey.size === FIRST_ROWS_IN_MAP) {
      const byNumber = (this.byNumber = new Int32Array(1_000_000 - 100_000));
      for (const [k, r] of this.byKey) {
        if (typeof k !== 'number') continue;
        byNumber[k - 100_000] = r;
        this.byKey.delete(k);
      }
    }
  }
}

/** How to read a register. */
export interface ReadOptions {
  asOf: CalendarDate;
  headerRowNumber: number;
  mapping?: HeaderMapping;
  fields?: ReadonlySet<FieldKey>;
  /**
   * Make each record as blank facts: every derived fact present and blank beside the fields, for
   * `InPlaceDeriver` to fill. The register does, so a school is one object, not two. `'kept'`: the caller
   * keeps every school's facts to the end of its run (`factsOfFields`); `'refilled'`: it lets each go before
   * the next row is read, so one object is refilled for every row (`refilledFacts`), and a record `read`
   * gives is good only until the next `read`.
   */
  asFacts?: 'kept' | 'refilled';
  /** The percentage fields whose column holds fractions (core/fractionColumns.ts): their 1 is read as 100%; and the points fields whose column does: each number times 100. */
  fractionColumns?: ReadonlySet<FieldKey>;
}

/** A register's rows read one at a time, in order (a repeated URN is found against the rows read before). */
export interface RegisterReader {
  readonly mapping: HeaderMapping;
  /** Reads data row `i` (0 for the row after the header): its record, `null` for a fully blank row; its problems go to `problems`. */
  readonly read: (cells: readonly unknown[], i: number, problems: Problem[]) => SchoolRecord | null;
  /**
   * Notes data row `i`'s URN without reading the row, so a later row repeating it is still found: for a
   * caller that categorises only some rows (the others' results kept from an earlier call).
   */
  readonly noteUrn: (cells: readonly unknown[], i: number) => void;
  /**
   * By field number (`FIELD_KEYS`): 1 where the row `read` last read set the field (a cell read as a value),
   * 0 where it left it blank. Overwritten by the next `read`.
   */
  readonly given: Uint8Array;
}

/**
 * Reads every row. A bad cell gives a problem and leaves its field blank; it never stops the other
 * cells or rows. A missing URN and a URN repeated from an earlier row are problems of their row.
 */
export function readRegister(headerRow: readonly unknown[], rows: readonly (readonly unknown[])[], opts: ReadOptions): RegisterRead {
  const mapping = opts.mapping ?? mapHeaders(headerRow, { headerRowNumber: opts.headerRowNumber });
  const readings = opts.fractionColumns ? givenReadings(opts.fractionColumns) : columnReadings(mapping, rows, opts.fields);
  const reader = registerReader(headerRow, { ...opts, mapping, fractionColumns: readings.fractions });
  const problems: Problem[] = columnReadingWarnings(mapping, readings);
  const records = rows.map((cells, i) => reader.read(cells, i, problems));
  return { mapping: reader.mapping, records, problems };
}

/** The reader `readRegister` reads with, for a caller that reads, and lets go of, one row at a time. */
export function registerReader(headerRow: readonly unknown[], opts: ReadOptions): RegisterReader {
  const mapping = opts.mapping ?? mapHeaders(headerRow, { headerRowNumber: opts.headerRowNumber });
  const wanted = opts.fields;
  const columns = (Object.entries(mapping.byField) as [FieldKey, number][]).filter(([field]) => !wanted || wanted.has(field)).map(([field, index]): Column => ({
    field, index, number: FIELD_NUMBER.get(field)!, reading: new QuickColumn(field, opts.asOf), header: mapping.columns.find((c) => c.index === index)?.header ?? FIELDS[field].label,
    fractions: opts.fractionColumns?.has(field) === true, points: POINTS_FIELDS.has(field),
  }));
  return new Reader(mapping, columns, opts);
}

/** A column the reader reads: its field, its place in the row, the field's number (`FIELD_KEYS`), how to read it and its header. */
interface Column {
  readonly field: FieldKey;
  readonly index: number;
  readonly number: number;
  readonly reading: QuickColumn;
  readonly header: string;
  /** A column of fractions (core/fractionColumns.ts): a percentage column's 1 is 100%; a points column's every number is times 100. */
  readonly fractions: boolean;
  /** A points field (percentage points), whose fractions are each read times 100. */
  readonly points: boolean;
}

/**
 * A `RegisterReader`. A class rather than closures made per register: its methods are then one function
 * for every register, so the optimised code V8 makes for the row loop is kept from one register (one call
 * of RISKCATEGORY) to the next instead of being worked out again while the first rows run slowly.
 */
class Reader implements RegisterReader {
  readonly given = new Uint8Array(FIELD_KEYS.length);
  private readonly urnColumn: Column | undefined;
  // By the URN's number where it is six digits (every URN the reader accepts).
  private readonly seenUrns = new FirstRows();
  private readonly asOf: CalendarDate;
  private readonly firstRow: number;
  private readonly make: (row: number, v: readonly unknown[]) => SchoolRecord;
  /** A row's values by field number; a field without a column read here is never set, so stays blank. */
  private readonly values: unknown[] = new Array<unknown>(FIELD_KEYS.length).fill(undefined);

  constructor(readonly mapping: HeaderMapping, private readonly columns: readonly Column[], opts: ReadOptions) {
    this.urnColumn = columns.find((c) => c.field === 'urn');
    this.asOf = opts.asOf;
    this.firstRow = opts.headerRowNumber + 1;
    this.make = opts.asFacts === 'kept' ? makeKeptFacts : opts.asFacts === 'refilled' ? (refilledFacts() as unknown as (row: number, v: readonly unknown[]) => SchoolRecord) : recordOfFields;
  }

  read(cells: readonly unknown[], i: number, problems: Problem[]): SchoolRecord | null {
    const row = this.firstRow + i;
    const { columns, values, given, asOf } = this;
    // A reader gives `undefined` exactly for a blank cell: only a row whose read cells are all blank is scanned whole.
    let anyCell = false;
    for (let k = 0; k < columns.length; k++) {
      const c = columns[k]!;
      let raw = cells[c.index];
      if (c.fractions) {
        // The column's one warning is the register's (register.ts); a percentage column's 1 has its own.
        if (c.points) raw = asPoints(raw);
        else if (isWholeOne(raw)) {
          problems.push(problem({ kind: 'percent-as-fraction', severity: 'warning', row, column: c.header, field: c.field, value: raw, expected: 'a fraction, as the column\'s other numbers are (0.85 for 85%, as Excel\'s percentage format holds them), where 1 is 100%; if 1% is meant, type 1%' }));
          raw = 100;
        }
      }
      let value: ReturnType<typeof quickRead> | Problem = quick(c.reading, raw);
      // Only a cell the quick read leaves (text to trim, a bad cell...) pays for its row and header.
      if (value === notQuick) value = full(c.reading, raw, row, c.header, asOf);
      if (value === undefined || typeof value === 'object') {
        values[c.number] = undefined;
        given[c.number] = 0;
        if (value === undefined) continue;
        problems.push(value);
      } else {
        values[c.number] = value;
        given[c.number] = 1;
      }
      anyCell = true;
    }
    if (!anyCell && cells.every(isBlank)) return null;
    // One shape for every record, whichever cells are blank (factShape.ts).
    const record = this.make(row, values);
    const urn = record.urn;
    const urnColumn = this.urnColumn;
    if (urn === undefined && urnColumn && isBlank(cells[urnColumn.index])) {
      problems.push(problem({ kind: 'missing-value', row, column: urnColumn.header, field: 'urn', value: '', expected: 'the school\'s URN, which identifies the row' }));
    } else if (urn !== undefined) {
      const key = urnKey(urn);
      const first = this.seenUrns.get(key);
      if (first !== undefined) {
        problems.push(problem({ kind: 'duplicate-urn', row, column: urnColumn?.header ?? 'URN', field: 'urn', value: urn, expected: `a URN used once; row ${first} has it already` }));
      } else this.seenUrns.set(key, row);
    }
    return record;
  }

  noteUrn(cells: readonly unknown[], i: number): void {
    const urnColumn = this.urnColumn;
    if (!urnColumn) return;
    const row = this.firstRow + i;
    // Read as `read` reads it: a cell that is not a URN notes nothing (and a blank row has a blank URN).
    const urn = urnColumn.reading.full(cells[urnColumn.index], row, urnColumn.header, this.asOf);
    if (typeof urn !== 'string') return;
    const key = urnKey(urn);
    if (this.seenUrns.get(key) === undefined) this.seenUrns.set(key, row);
  }
}

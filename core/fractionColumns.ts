/**
 * Which percentage columns of a register hold fractions. Excel's percentage format shows 85% for a cell
 * holding 0.85, and 100% for one holding 1, so in such a column 1 is 100%. A cell alone cannot say: the
 * reader's rule for one value (core/values.ts) takes 1 as written (1%), as 85 is 85%. A column can: one
 * whose numbers all lie from 0 to 1, at least one of them strictly between, is a column of fractions, and
 * its 1 is read as 100% (said on its cell, as a warning). A column with any number above 1 is a column of
 * percentages as written, and its 1 is 1%. Text ending in "%" says what it is and decides nothing.
 *
 * The disadvantaged gap, in percentage points, is worked out in a sheet as a difference of two percentages,
 * which, as fractions in a percentage format, gives 0.25 shown as 25%. Read as written that is a quarter of
 * a point, and a gap of 25 points would raise no concern: the silent "no concern" the add-in must never
 * give. So a gap column whose numbers all lie from -1 to 1, at least one of them strictly between and not 0,
 * and at least `POINTS_COLUMN_MIN` of them, is a column of fractions: every number in it is read times 100,
 * and the register says so once (a warning on the column). Real gaps run to tens of points, so a county of
 * gaps all within one point is not a thing a register holds; a few rows could be, and are read as written.
 * (Not the suspension rate, per 100 pupils: a primary school's is often below 1.)
 *
 * Worked out over every data row of the register (whichever rows a call works out), so every school of a
 * register is read alike, and given to a caller that reads one row of it (the pane's selected school).
 */
import { FIELD_KEYS, FIELDS, type FieldKey } from './fields';
import type { HeaderMapping } from './headers';
import { problem, type Problem } from './problems';
import { PLAIN_NUMBER } from './values';

/** The percentage fields (`FIELDS`' type `percent`). */
const PERCENT_FIELDS: readonly FieldKey[] = FIELD_KEYS.filter((k) => {
  const type = FIELDS[k].type;
  return type.kind === 'number' && type.unit === 'per-cent';
});

/** The fields in percentage points (`FIELDS`' unit `points`), whose column may hold fractions (above). */
export const POINTS_FIELDS: ReadonlySet<FieldKey> = new Set(FIELD_KEYS.filter((k) => {
  const type = FIELDS[k].type;
  return type.kind === 'number' && type.unit === 'points';
}));

/** The numbers a points column needs, all from -1 to 1, to be read as fractions. */
export const POINTS_COLUMN_MIN = 5;

/** A cell's number as the column's reading weighs it: a number, or text that is a plain number; `null` for anything else (blank, "85%", words). */
function numberIn(cell: unknown): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  return PLAIN_NUMBER.test(text) ? Number(text) : null;
}

/**
 * How a register's percentage and points columns are read: those that hold fractions, and the percentage
 * columns whose numbers are only 0 and 1, which no number of theirs says how to read (1 is then 1%, as a
 * cell alone reads it, said once on the column, since a percentage format showing 100% holds 1).
 */
export interface ColumnReadings {
  readonly fractions: ReadonlySet<FieldKey>;
  readonly onesOnly: ReadonlySet<FieldKey>;
}

/** No column. */
const NO_FIELDS: ReadonlySet<FieldKey> = new Set();

/**
 * The percentage fields, and the points fields, whose column in `rows` (the register's data rows) holds
 * fractions; only the fields in `fields` when given (the columns a run reads).
 */
export function fractionColumns(mapping: HeaderMapping, rows: readonly (readonly unknown[])[], fields?: ReadonlySet<FieldKey>): ReadonlySet<FieldKey> {
  return columnReadings(mapping, rows, fields).fractions;
}

/** `ColumnReadings` of `rows`, the register's data rows; only the fields in `fields` when given. */
export function columnReadings(mapping: HeaderMapping, rows: readonly (readonly unknown[])[], fields?: ReadonlySet<FieldKey>): ColumnReadings {
  const found = new Set<FieldKey>();
  let onesOnly: Set<FieldKey> | null = null;
  for (const field of PERCENT_FIELDS) {
    const index = mapping.byField[field];
    if (index === undefined || (fields && !fields.has(field))) continue;
    let between = false;
    let above = false;
    let one = false;
    for (let i = 0; i < rows.length && !above; i++) {
      const n = numberIn(rows[i]![index]);
      if (n === null) continue;
      // A negative number is an error of its own cell (out of range): it says nothing of the column.
      if (n > 1) above = true;
      else if (n > 0 && n < 1) between = true;
      else if (n === 1) one = true;
    }
    if (between && !above) found.add(field);
    else if (one && !between && !above) (onesOnly ??= new Set()).add(field);
  }
  for (const field of POINTS_FIELDS) {
    const index = mapping.byField[field];
    if (index === undefined || (fields && !fields.has(field))) continue;
    let between = false;
    let outside = false;
    let numbers = 0;
    for (let i = 0; i < rows.length && !outside; i++) {
      const n = numberIn(rows[i]![index]);
      if (n === null) continue;
      numbers++;
      if (n > 1 || n < -1) outside = true;
      else if (n !== 0 && !Number.isInteger(n)) between = true;
    }
    if (between && !outside && numbers >= POINTS_COLUMN_MIN) found.add(field);
  }
  return { fractions: found, onesOnly: onesOnly ?? NO_FIELDS };
}

/** The readings a caller gives (the register's fractions, worked out over all its rows): no column warning is repeated. */
export function givenReadings(fractions: ReadonlySet<FieldKey>): ColumnReadings {
  return { fractions, onesOnly: NO_FIELDS };
}

/** A cell of a points column of fractions as the points it shows (0.25 as 25); any other cell as it is. */
export function asPoints(cell: unknown): unknown {
  const n = numberIn(cell);
  return n === null ? cell : Math.round(n * 100 * 1e6) / 1e6;
}

/** Whether a cell of a fraction column is its 1 (a number, or text that is a plain 1), read as 100%. */
export function isWholeOne(cell: unknown): boolean {
  return numberIn(cell) === 1;
}

/**
 * The warnings, once per column, on a reading that changes or may change every school's value: a points
 * column of fractions read times 100, and a percentage column of only 0s and 1s whose 1 is read as 1%. Only
 * the fields in `used` when given (those a framework reads).
 */
export function columnReadingWarnings(mapping: HeaderMapping, readings: ColumnReadings, used?: ReadonlySet<FieldKey>): Problem[] {
  const out: Problem[] = [];
  const header = (field: FieldKey) => mapping.columns.find((c) => c.index === mapping.byField[field])?.header ?? FIELDS[field].label;
  for (const field of readings.fractions) {
    if (!POINTS_FIELDS.has(field) || (used && !used.has(field))) continue;
    out.push(problem({ kind: 'points-as-fractions', severity: 'warning', row: 0, column: header(field), field, value: undefined, expected: 'percentage points as written (25 for a gap of 25 points); where the gaps really are within one point, one number outside -1 to 1 has the column read as written' }));
  }
  for (const field of readings.onesOnly) {
    if (used && !used.has(field)) continue;
    out.push(problem({ kind: 'ones-as-percent', severity: 'warning', row: 0, column: header(field), field, value: undefined, expected: 'percentages as written (100 for 100%); where a percentage format shows these cells as 100%, write 100 in them' }));
  }
  return out;
}

/**
 * Where a run's result columns go, decided once for both shells. The rules an analyst relies on:
 *
 * - Never over a cell we did not write. A fresh block goes to the first columns right of the register
 *   that are empty in every row of the register, header row included (an unheaded notes column is
 *   content, so the block goes past it).
 * - A later run finds its own block by the marker an earlier run left in the workbook (one defined name
 *   per result column, which Excel moves with the column when columns are inserted, moved or the sheet
 *   renamed), not by header text: a renamed header, an inserted column or a moved block still refreshes
 *   in place. A file without a marker (a CSV, or a workbook from before markers) is recognised by the
 *   exact result headers side by side.
 * - When a marker cannot be trusted (a broken reference, two results in one column, a result column that
 *   now holds one of the analyst's mapped columns) a fresh block is written beside and the run says so.
 *
 * Grid coordinates are 0-based within the values the run was given.
 */
import { columnLetters } from '../workbook/port';
import type { GridValue } from '../workbook/cell';

/** The result columns, in order: a stable id (the marker's key) and the header written above it. */
export const RESULT_COLUMNS = [
  { id: 'category', header: 'Category', width: 24 },
  { id: 'support', header: 'Support', width: 34 },
  { id: 'nextInspectionDue', header: 'Next inspection due', width: 14 },
  { id: 'inspectionRisk', header: 'Inspection risk', width: 14 },
  { id: 'reasons', header: 'Reasons', width: 70 },
  { id: 'missingEvidence', header: 'Missing evidence', width: 40 },
  { id: 'problems', header: 'Problems', width: 50 },
  { id: 'previousCategory', header: 'Previous category (last run)', width: 18 },
  { id: 'movement', header: 'Movement', width: 14 },
] as const;

export type ResultColumnId = (typeof RESULT_COLUMNS)[number]['id'];
export const RESULT_HEADERS = RESULT_COLUMNS.map((c) => c.header);
export const RESULT_IDS: readonly ResultColumnId[] = RESULT_COLUMNS.map((c) => c.id);

/** An earlier run's block as the workbook's marker records it: each result's grid column, `null` where its reference is broken. */
export interface ResultMarker {
  readonly columns: Readonly<Partial<Record<string, number | null>>>;
}

/** Where this run writes. */
export interface Placement {
  /** Grid column of each result, in RESULT_COLUMNS order. */
  readonly columns: readonly number[];
  /** Per result: write its header (false where an earlier run's header is kept, perhaps renamed by the analyst). */
  readonly writeHeader: readonly boolean[];
  /** How the block was found: refreshed by its marker, by its headers (no marker), or written fresh. */
  readonly found: 'marker' | 'headers' | 'fresh';
  /** The earlier block's columns (its categories are this run's "previous"), `null` when there is none. */
  readonly previous: readonly number[] | null;
  /** What the analyst should know about where the results went. */
  readonly notes: readonly string[];
}

/** What placement needs to know about the grid. */
export interface PlacementInput {
  readonly values: readonly (readonly GridValue[])[];
  readonly headerIndex: number;
  /** Grid index of the last data row. */
  readonly lastRow: number;
  /** Columns the header mapping reads (the analyst's data, never ours). */
  readonly mappedColumns: ReadonlySet<number>;
  readonly marker: ResultMarker | null;
  /** A cell holds something even when its value shows blank (a formula giving ""); default: value not ''. */
  readonly occupied?: (row: number, column: number) => boolean;
  /** How columns are named in notes (a sheet's letters; the pane adds its region's offset). */
  readonly columnName?: (column: number) => string;
}

/** A cell placement counts as free (when it is told nothing of formulas). */
export const isBlankValue = (v: GridValue | undefined) => v === undefined || v === '' || v === null;

/** The first `n` columns side by side, at or right of `from`, that are empty in every row of `rows`. */
export function firstEmptyColumns(from: number, n: number, rows: { readonly first: number; readonly last: number }, occupied: (row: number, column: number) => boolean): number[] {
  const empty = (c: number) => {
    for (let r = rows.first; r <= rows.last; r++) if (occupied(r, c)) return false;
    return true;
  };
  let start = from;
  for (let run = 0; run < n; ) {
    if (empty(start + run)) run++;
    else {
      start += run + 1;
      run = 0;
    }
  }
  return Array.from({ length: n }, (_, i) => start + i);
}

/** Decides where the results go. */
export function placeResults(input: PlacementInput): Placement {
  const name = input.columnName ?? columnLetters;
  const occupied = input.occupied ?? ((r: number, c: number) => !isBlankValue(input.values[r]?.[c]));
  const notes: string[] = [];
  const emptyColumn = (c: number) => firstEmptyColumns(c, 1, { first: input.headerIndex, last: input.lastRow }, occupied)[0] === c;

  const fromMarker = input.marker ? trustMarker(input.marker, input.mappedColumns) : null;
  if (input.marker && fromMarker === null) {
    const cols = Object.values(input.marker.columns).filter((c): c is number => typeof c === 'number');
    notes.push(`The earlier results' columns${cols.length ? ` (${cols.map(name).join(', ')})` : ''} could not be matched with certainty (a column was deleted, or one now holds your data), so they were left as they are and this run's results were written to new columns; delete the old ones when you no longer need them.`);
  }
  const byHeaders = input.marker ? null : findByHeaders(input.values[input.headerIndex] ?? []);
  const known = fromMarker ?? byHeaders;
  if (known) {
    // Results the earlier block lacks (added by a later version) go to the first empty columns past it.
    const taken = new Set(known.filter((c): c is number => c !== null));
    let next = Math.max(...taken) + 1;
    const columns = known.map((c) => {
      if (c !== null) return c;
      while (taken.has(next) || !emptyColumn(next)) next++;
      taken.add(next);
      return next++;
    });
    const header = input.values[input.headerIndex] ?? [];
    const writeHeader = columns.map((c, i) => known[i] === null || isBlankValue(header[c]));
    return { columns, writeHeader, found: fromMarker ? 'marker' : 'headers', previous: columns, notes };
  }

  const headerRow = input.values[input.headerIndex] ?? [];
  const start = firstEmptyColumns(lastNonBlank(headerRow) + 1, RESULT_COLUMNS.length, { first: input.headerIndex, last: input.lastRow }, occupied)[0]!;
  const firstFree = lastNonBlank(headerRow) + 1;
  if (start > firstFree) {
    const span = start - 1 > firstFree ? `Columns ${name(firstFree)} to ${name(start - 1)} hold` : `Column ${name(firstFree)} holds`;
    notes.push(`${span} content without a header, so the results were written after, from column ${name(start)}; nothing there was overwritten.`);
  }
  const columns = RESULT_COLUMNS.map((_, i) => start + i);
  return { columns, writeHeader: columns.map(() => true), found: 'fresh', previous: null, notes };
}

/** The marker's columns in RESULT_COLUMNS order (`null` for a result it does not record), or `null` when it cannot be trusted. */
function trustMarker(marker: ResultMarker, mapped: ReadonlySet<number>): (number | null)[] | null {
  const columns = RESULT_IDS.map((id) => marker.columns[id]);
  // A reference Excel turned to #REF! (the column was deleted) is recorded as null.
  if (columns.some((c) => c === null)) return null;
  const present = columns.filter((c): c is number => c !== undefined);
  if (present.length === 0) return null;
  if (new Set(present).size !== present.length) return null;
  if (present.some((c) => c < 0 || mapped.has(c))) return null;
  return columns.map((c) => (c === undefined ? null : c));
}

/** The exact result headers side by side in the header row: a block written before markers, or a CSV. */
function findByHeaders(headerRow: readonly GridValue[]): number[] | null {
  for (let c = 0; c + RESULT_HEADERS.length <= headerRow.length; c++) {
    if (RESULT_HEADERS.every((h, i) => String(headerRow[c + i] ?? '').trim() === h)) return RESULT_HEADERS.map((_, i) => c + i);
  }
  return null;
}

function lastNonBlank(row: readonly GridValue[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (!isBlankValue(row[i]) && String(row[i]).trim() !== '') return i;
  return -1;
}

/**
 * Names for new table columns: a table's column names are unique ignoring case, so a name the table has
 * already gets a number, as Excel numbers them ("Category2").
 */
export function uniqueColumnNames(existing: readonly string[], wanted: readonly string[]): string[] {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  return wanted.map((name) => {
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${name}${n}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

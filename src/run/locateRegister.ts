/**
 * Finds the register on a sheet: the header row is the first row (of the first few) whose cells name at
 * least `minFields` known fields, one of them the URN. Analysts often put a title and a date above it.
 */
import { mapHeaders, type HeaderMapping } from '../../core/headers';
import type { GridValue } from '../workbook/cell';

/** Where the register sits in a grid. */
export interface LocatedRegister {
  /** 0-based index of the header row in the grid. */
  readonly headerIndex: number;
  readonly headerRow: readonly GridValue[];
  /** The data rows below the header, up to the last non-blank row above a table's totals row. */
  readonly rows: readonly (readonly GridValue[])[];
  /** The index in the grid of its table's totals row, which the register ends above (not a school, never written into); `null` when none. */
  readonly totalsRow: number | null;
  readonly mapping: HeaderMapping;
}

const SCAN_ROWS = 30;

/** A table of the sheet with a totals row ("Total", a SUBTOTAL): its header row, its columns and its totals rows, as grid indices. */
export interface TableTotals {
  readonly headerRow: number;
  readonly left: number;
  readonly right: number;
  readonly rows: readonly number[];
}

/**
 * Locates the register in `values`; `null` when no row looks like a header row. `tables`: the sheet's tables
 * with totals rows; the register ends above the totals row of its own table (the one whose header row is
 * the register's and whose columns hold the URN), never above another table's beside it.
 */
export function locateRegister(values: readonly (readonly GridValue[])[], firstRowNumber = 1, minFields = 3, tables: readonly TableTotals[] = []): LocatedRegister | null {
  for (let i = 0; i < Math.min(values.length, SCAN_ROWS); i++) {
    const mapping = mapHeaders(values[i]!, { headerRowNumber: firstRowNumber + i });
    const mapped = mapping.columns.filter((c) => c.field !== null).length;
    if (mapped >= minFields && mapping.byField.urn !== undefined) {
      const urn = mapping.byField.urn;
      const own = tables.find((t) => t.headerRow === i && t.left <= urn && urn <= t.right);
      const totalsRow = own ? Math.min(...own.rows.filter((r) => r > i)) : null;
      let end = totalsRow === null ? values.length : Math.min(totalsRow, values.length);
      while (end > i + 1 && values[end - 1]!.every((c) => c === '' || c === null)) end--;
      return { headerIndex: i, headerRow: values[i]!, rows: values.slice(i + 1, end), mapping, totalsRow };
    }
  }
  return null;
}

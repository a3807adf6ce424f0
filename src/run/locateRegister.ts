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
  /** The index in the grid of the table's totals row the register ends above (not a school, never written into); `null` when none. */
  readonly totalsRow: number | null;
  readonly mapping: HeaderMapping;
}

const SCAN_ROWS = 30;

/**
 * Locates the register in `values`; `null` when no row looks like a header row. `totalsRows`: grid
 * indices of tables' totals rows ("Total", a SUBTOTAL), where the register's rows end.
 */
export function locateRegister(values: readonly (readonly GridValue[])[], firstRowNumber = 1, minFields = 3, totalsRows: ReadonlySet<number> = new Set()): LocatedRegister | null {
  for (let i = 0; i < Math.min(values.length, SCAN_ROWS); i++) {
    const mapping = mapHeaders(values[i]!, { headerRowNumber: firstRowNumber + i });
    const mapped = mapping.columns.filter((c) => c.field !== null).length;
    if (mapped >= minFields && mapping.byField.urn !== undefined) {
      const totalsRow = [...totalsRows].filter((t) => t > i).sort((a, b) => a - b)[0] ?? null;
      let end = totalsRow === null ? values.length : Math.min(totalsRow, values.length);
      while (end > i + 1 && values[end - 1]!.every((c) => c === '' || c === null)) end--;
      return { headerIndex: i, headerRow: values[i]!, rows: values.slice(i + 1, end), mapping, totalsRow };
    }
  }
  return null;
}

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
  /**
   * Rows with something in them below the register's own table (grid indices of the first and last): not
   * part of the table, so not of the register (the task pane reads the table alone), and never written into.
   */
  readonly belowTable: { readonly table: string; readonly first: number; readonly last: number } | null;
  readonly mapping: HeaderMapping;
}

const SCAN_ROWS = 30;

/** A table of the sheet: its name, header row, columns, last row and totals rows ("Total", a SUBTOTAL; none for most), as grid indices. */
export interface SheetTable {
  readonly name: string;
  readonly headerRow: number;
  readonly left: number;
  readonly right: number;
  readonly lastRow: number;
  readonly totalsRows: readonly number[];
}

/**
 * Locates the register in `values`; `null` when no row looks like a header row. `tables`: the sheet's
 * tables; where the register is one (a table whose header row is the register's and whose columns hold
 * the URN), it ends with the table's last row, above its totals row, as Excel and the task pane read a
 * table, never at another table's beside it.
 */
export function locateRegister(values: readonly (readonly GridValue[])[], firstRowNumber = 1, minFields = 3, tables: readonly SheetTable[] = []): LocatedRegister | null {
  for (let i = 0; i < Math.min(values.length, SCAN_ROWS); i++) {
    const mapping = mapHeaders(values[i]!, { headerRowNumber: firstRowNumber + i });
    const mapped = mapping.columns.filter((c) => c.field !== null).length;
    if (mapped >= minFields && mapping.byField.urn !== undefined) {
      const urn = mapping.byField.urn;
      const own = tables.find((t) => t.headerRow === i && t.left <= urn && urn <= t.right);
      const totals = own ? own.totalsRows.filter((r) => r > i) : [];
      const totalsRow = totals.length > 0 ? Math.min(...totals) : null;
      let end = Math.min(totalsRow ?? (own ? own.lastRow + 1 : values.length), values.length);
      while (end > i + 1 && isBlankRow(values[end - 1]!)) end--;
      return { headerIndex: i, headerRow: values[i]!, rows: values.slice(i + 1, end), mapping, totalsRow, belowTable: own ? rowsBelow(values, own) : null };
    }
  }
  return null;
}

const isBlankRow = (row: readonly GridValue[]) => row.every((c) => c === '' || c === null);

/** The first and last rows with something in them below a table, or `null` when there are none. */
function rowsBelow(values: readonly (readonly GridValue[])[], table: SheetTable): LocatedRegister['belowTable'] {
  let first = -1;
  let last = -1;
  for (let r = table.lastRow + 1; r < values.length; r++) {
    if (isBlankRow(values[r]!)) continue;
    if (first < 0) first = r;
    last = r;
  }
  return first < 0 ? null : { table: table.name, first, last };
}

/** What the analyst is told of rows below the register's table (`null` when there are none). */
export function belowTableNote(located: LocatedRegister, firstRowNumber = 1): string | null {
  const below = located.belowTable;
  if (below === null) return null;
  const rows = below.first === below.last ? `Row ${below.first + firstRowNumber} is` : `Rows ${below.first + firstRowNumber} to ${below.last + firstRowNumber} are`;
  return `${rows} below your table "${below.table}", so not part of the register: not read as schools, and nothing was written in them. To categorise them, make them part of the table (Table Design > Resize Table).`;
}

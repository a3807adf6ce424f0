/**
 * Dates between the task pane's workbook and the core. Office.js gives a cell's own serial, which in a
 * 1904-system workbook is 1,462 below the 1900 system's that the core reads, and it gives no number
 * formats without a second read of every cell: so a number in a column mapped to a date field is taken
 * as a date of the workbook's system. The command line's reading (readSheet.ts) moves the numbers in cells
 * formatted as dates, wherever they are; the others in a date field's column (a General cell, as a date
 * pasted as a value leaves it) are moved here, so the command line and the pane read the same day. What
 * is written as a date is written back in the workbook's system.
 */
import { FIELDS, type FieldKey } from '../../core/fields';
import type { HeaderMapping } from '../../core/headers';
import type { GridValue } from '../workbook/cell';
import { fromWorkbookSerial, toWorkbookSerial, type DateSystem } from '../workbook/dateSystem';
import type { RegisterRegion } from '../workbook/port';
import type { LocatedRegister } from './locateRegister';
import { fromExcelSerial } from '../../core/dates';

/**
 * The rows as the core reads them: in a 1904 workbook, each number in a date field's column moved to the
 * 1900 system's serial of the same day; the rows themselves when there is nothing to move. `moved`: the
 * cells (by index in `rows`, and column) whose reading moved them already (the command line's, cells
 * formatted as dates); default none, as Office.js gives them.
 */
export function rowsIn1900System<R extends readonly GridValue[]>(rows: readonly R[], mapping: HeaderMapping, system: DateSystem | null | undefined, moved?: (index: number, column: number) => boolean): readonly R[] {
  if (system !== '1904') return rows;
  const columns = (Object.entries(mapping.byField) as [FieldKey, number][]).filter(([f]) => FIELDS[f].type.kind === 'date').map(([, c]) => c);
  if (columns.length === 0) return rows;
  return rows.map((row, i) => {
    let out: GridValue[] | null = null;
    for (const c of columns) {
      const v = row[c];
      if (typeof v !== 'number' || v < 0 || moved?.(i, c)) continue;
      const serial = fromWorkbookSerial(v, true);
      // Past Excel's last date no number is a serial (an 8-digit yyyymmdd stays as typed).
      if (fromExcelSerial(serial) === null) continue;
      out ??= row.slice();
      out[c] = serial;
    }
    return (out ?? row) as R;
  });
}

/**
 * A located register's rows as the core reads them (`rowsIn1900System`); `moved` by the sheet's row (the
 * header's index plus one and on), as `SheetGrid.isDateCell` answers.
 */
export function registerRowsIn1900System(located: Pick<LocatedRegister, 'rows' | 'mapping' | 'headerIndex'>, system: DateSystem | null | undefined, moved?: (row: number, column: number) => boolean): readonly (readonly GridValue[])[] {
  return rowsIn1900System(located.rows, located.mapping, system, moved && ((i, c) => moved(located.headerIndex + 1 + i, c)));
}

/** A date to write (a 1900-system serial) as the region's workbook holds it. */
export function serialForWorkbook(serial: number, system: DateSystem | null | undefined): number {
  return toWorkbookSerial(serial, system === '1904');
}

/**
 * What the analyst should know when the host could not say the workbook's date system (`null`): every
 * date was read, and is written, as the 1900 system's; `null` when it is known.
 */
export function dateSystemNote(region: Pick<RegisterRegion, 'dateSystem'> | null | undefined): string | null {
  if (region?.dateSystem !== null) return null;
  return 'This version of Excel cannot tell the pane which date system the workbook uses, so its dates were read and written as the 1900 date system, Excel for Windows\' default. If the workbook uses the 1904 date system (the "Use 1904 date system" option under File > Options > Advanced, or Excel > Preferences > Calculation on a Mac; common in older Mac workbooks), every date was read 4 years and 1 day early and the categories cannot be relied on.';
}

/**
 * Numbers a sheet shows as percentages, as the core is given them. A cell in Excel's percentage format
 * holds a fraction: "5.2%" typed is 0.052. For a percentage field the core can tell from the number alone
 * (0.85 is 85%), and for a column of percentage points from the whole column (core/fractionColumns.ts);
 * for a suspension rate, per 100 pupils, it cannot: 0.052 is a real rate, and read as written a rate of
 * 5.2 would raise no concern. The command line's reading knows each cell's format, so a number it shows
 * as a percentage, in a column whose field a % sign names, is given to the core as the text it shows
 * ("5.2%", as the CSV writes it: `percentText`), which such a field reads as 5.2 (core/values.ts). A field whose unit is not a percentage (a
 * score, a count) is given its number as before. The task pane reads formats only of a rate per 100 pupils'
 * column (src/run/taskpaneRun.ts `percentColumnsForRun`), whose numbers alone cannot say: Office.js gives
 * them only as a read of their own, which for every percentage column would cost a country's register a
 * response more. The functions are given values alone.
 */
import { FIELDS, type FieldKey } from '../../core/fields';
import type { HeaderMapping } from '../../core/headers';
import { percentText, type GridValue } from '../workbook/cell';
import type { LocatedRegister } from './locateRegister';

/** The columns of the fields whose unit a % sign names (per cent, per 100 pupils, percentage points). */
function percentColumns(mapping: HeaderMapping): number[] {
  const out: number[] = [];
  for (const [field, column] of Object.entries(mapping.byField) as [FieldKey, number][]) {
    const type = FIELDS[field].type;
    if (type.kind === 'number' && type.unit !== null) out.push(column);
  }
  return out;
}

/**
 * The rows with each number shown as a percentage (`shownAsPercent`, by index in `rows` and column), in a
 * column whose field a % sign names, as the text it shows; the rows themselves when there is none.
 */
export function percentCellsAsShown<R extends readonly GridValue[]>(rows: readonly R[], mapping: HeaderMapping, shownAsPercent: (index: number, column: number) => boolean): readonly R[] {
  const columns = percentColumns(mapping);
  if (columns.length === 0) return rows;
  let out: R[] | null = null;
  rows.forEach((row, i) => {
    let copy: GridValue[] | null = null;
    for (const c of columns) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v) || !shownAsPercent(i, c)) continue;
      copy ??= row.slice();
      copy[c] = percentText(v);
    }
    if (copy === null) return;
    out ??= rows.slice();
    out[i] = copy as unknown as R;
  });
  return out ?? rows;
}

/**
 * A located register's rows (`rows`, as `registerRowsIn1900System` gives them) with its percentage cells as
 * shown; `percentCell` by the sheet's row (the header's index plus one and on), as `SheetGrid.isPercentCell`
 * answers. The rows themselves without it (a CSV, the task pane).
 */
export function registerRowsAsShown<R extends readonly GridValue[]>(located: Pick<LocatedRegister, 'mapping' | 'headerIndex'>, rows: readonly R[], percentCell?: (row: number, column: number) => boolean): readonly R[] {
  return percentCell ? percentCellsAsShown(rows, located.mapping, (i, c) => percentCell(located.headerIndex + 1 + i, c)) : rows;
}

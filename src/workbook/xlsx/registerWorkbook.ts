/**
 * Opens a register workbook for the command line: the package, its structure, the register sheet read
 * into a grid (as Office.js reads it), the sheet's tables and the marker an earlier run left. What is
 * opened here is what the copy is written from, so the file is read once.
 */
import type { ResultMarker } from '../../run/resultPlacement';
import { RESULT_IDS } from '../../run/resultPlacement';
import type { GridValue } from '../cell';
import { valuesAsSeen } from '../port';
import { parseBox, readSharedStrings, readSheet, type Box, type SheetLimits, type SheetRead } from './readSheet';
import { StyleBook } from './styles';
import { readTables, type TableInfo } from './tables';
import { readWorkbookInfo, type DefinedName, type SheetInfo, type WorkbookInfo } from './workbookInfo';
import { PackageError } from './xml';
import { XlsxPackage, type PackageLimits } from './zipPackage';

/** The prefix of the defined names that mark our result columns (shared with the task pane). */
export const MARKER_PREFIX = 'SchoolRisk.';

/** A register workbook, open. */
export interface RegisterWorkbook {
  readonly pkg: XlsxPackage;
  readonly info: WorkbookInfo;
  readonly sheet: SheetInfo & { readonly part: string };
  readonly read: SheetRead;
  /** The grid as the analyst sees it (a merged area's value in each cell it covers). */
  readonly values: GridValue[][];
  readonly tables: readonly TableInfo[];
  readonly styles: StyleBook;
  readonly marker: ResultMarker | null;
  /** The rows the earlier block's names covered (its stale cells there are cleared), 0-based. */
  readonly markerRows: { readonly from: number; readonly to: number } | null;
}

/** Opens the workbook and reads sheet `sheetName` (default: the first worksheet). */
export async function openRegisterWorkbook(source: string | Uint8Array, sheetName: string | undefined, limits?: PackageLimits & SheetLimits): Promise<RegisterWorkbook> {
  const pkg = await XlsxPackage.open(source, limits);
  try {
    const info = await readWorkbookInfo(pkg);
    const worksheets = info.sheets.filter((s): s is SheetInfo & { part: string } => s.part !== null);
    const sheet = sheetName === undefined ? worksheets[0] : worksheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet) {
      throw new PackageError(sheetName === undefined ? 'it has no worksheets.' : `it has no sheet "${sheetName}"; its sheets are ${worksheets.map((w) => `"${w.name}"`).join(', ')}.`);
    }
    const styles = new StyleBook(info.styles ? await pkg.text(info.styles) : null);
    const sharedStrings = await readSharedStrings(pkg, info.sharedStrings);
    const read = await readSheet(pkg, sheet.part, { sharedStrings, sheetName: sheet.name, date1904: info.date1904, dateStyles: info.date1904 ? styles.dateStyles() : new Set(), limits });
    const tables = await readTables(pkg, sheet.part, read.tableRelIds);
    const values = valuesAsSeen({ sheet: sheet.name, address: '', top: 0, left: 0, values: read.values as never, kind: 'used-range', merged: read.merged }) as GridValue[][];
    const { marker, rows } = markerOf(info.definedNames, sheet);
    return { pkg, info, sheet, read, values, tables, styles, marker, markerRows: rows };
  } catch (e) {
    await pkg.close().catch(() => undefined);
    throw e;
  }
}

/** The marker names on `sheet`: each result's column (`null` where Excel made the reference #REF!). */
function markerOf(names: readonly DefinedName[], sheet: SheetInfo): { marker: ResultMarker | null; rows: { from: number; to: number } | null } {
  const columns: Record<string, number | null> = {};
  let from = Infinity;
  let to = -1;
  for (const n of names) {
    if (n.localSheetId !== sheet.index || !n.name.startsWith(MARKER_PREFIX)) continue;
    const id = n.name.slice(MARKER_PREFIX.length);
    if (!(RESULT_IDS as readonly string[]).includes(id)) continue;
    const box = markerBox(n.text, sheet.name);
    columns[id] = box && box.left === box.right ? box.left : null;
    if (box) {
      from = Math.min(from, box.top);
      to = Math.max(to, box.bottom);
    }
  }
  if (Object.keys(columns).length === 0) return { marker: null, rows: null };
  return { marker: { columns }, rows: to >= 0 ? { from, to } : null };
}

/** "'Register'!$BQ$1:$BQ$201" on the sheet itself, as a box; `null` for #REF! or another sheet. */
function markerBox(text: string, sheetName: string): Box | null {
  const bang = text.lastIndexOf('!');
  if (bang < 0) return null;
  const rawSheet = text.slice(0, bang).replace(/^=/, '');
  const onSheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  if (onSheet.toLowerCase() !== sheetName.toLowerCase()) return null;
  return parseBox(text.slice(bang + 1).replace(/\$/g, ''));
}

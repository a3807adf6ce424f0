/**
 * Opens a register workbook for the command line: the package, its structure, the register sheet read
 * into a grid (as Office.js reads it), the sheet's tables and the marker an earlier run left. What is
 * opened here is what the copy is written from, so the file is read once.
 */
import { markerFromNames, previousRunOf, resultIdOfName } from '../../run/resultMarker';
import { RUN_LOG_SHEET } from '../../run/runLog';
import type { ResultMarker } from '../../run/resultPlacement';
import type { GridValue } from '../cell';
import { valuesAsSeen } from '../port';
import { parseBox, readSharedStrings, readSheet, type Box, type SheetLimits, type SheetRead } from './readSheet';
import { StyleBook } from './styles';
import { readTables, type TableInfo } from './tables';
import { readWorkbookInfo, type DefinedName, type SheetInfo, type WorkbookInfo } from './workbookInfo';
import { PackageError } from './xml';
import { XlsxPackage, type PackageLimits } from './zipPackage';


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
  /** The Run log sheet's grid, when the workbook has one (its earlier runs give the SIG summary's trend). */
  readonly runLog: GridValue[][] | null;
  /** The run that left the marker (its framework and as-of date), `null` when none did. */
  readonly previousRun: { readonly runId: string; readonly frameworkId: string; readonly asOf: string } | null;
  /** The rows the earlier block's names covered (its stale cells there are cleared), 0-based. */
  readonly markerRows: { readonly from: number; readonly to: number } | null;
}

/**
 * Opens the workbook and reads sheet `sheetName` (default: the first worksheet the analyst can see; a
 * hidden sheet before it is usually a list of lookups, and the active tab is wherever the analyst last
 * looked, the SIG summary of our own copy as often as the register).
 */
export async function openRegisterWorkbook(source: string | Uint8Array, sheetName: string | undefined, limits?: PackageLimits & SheetLimits): Promise<RegisterWorkbook> {
  const pkg = await XlsxPackage.open(source, limits);
  try {
    const info = await readWorkbookInfo(pkg);
    const worksheets = info.sheets.filter((s): s is SheetInfo & { part: string } => s.part !== null);
    const sheet = sheetName === undefined ? worksheets.find((s) => s.state === 'visible') : worksheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet) throw new PackageError(noSheet(worksheets, sheetName));
    const styles = new StyleBook(info.styles ? await pkg.text(info.styles) : null);
    const sharedStrings = await readSharedStrings(pkg, info.sharedStrings);
    const read = await readSheet(pkg, sheet.part, { sharedStrings, sheetName: sheet.name, date1904: info.date1904, dateStyles: info.date1904 ? styles.dateStyles() : new Set(), limits });
    const tables = await readTables(pkg, sheet.part, read.tableRelIds);
    const values = valuesAsSeen({ sheet: sheet.name, address: '', top: 0, left: 0, values: read.values as never, kind: 'used-range', merged: read.merged }) as GridValue[][];
    const { marker, rows } = markerOf(info.definedNames, sheet);
    const logSheet = worksheets.find((s) => s.name.toLowerCase() === RUN_LOG_SHEET.toLowerCase() && s !== sheet);
    const runLog = logSheet ? (await readSheet(pkg, logSheet.part, { sharedStrings, sheetName: logSheet.name, date1904: info.date1904, dateStyles: new Set(), limits, keepStyles: false })).values : null;
    const onSheet = info.definedNames.filter((n) => n.localSheetId === sheet.index).map((n) => ({ name: n.name, formula: n.text }));
    return { pkg, info, sheet, read, values, tables, styles, marker, markerRows: rows, previousRun: previousRunOf(onSheet), runLog };
  } catch (e) {
    await pkg.close().catch(() => undefined);
    throw e;
  }
}

/** Why no sheet could be read: the sheets there are, each hidden one said to be. */
function noSheet(worksheets: readonly SheetInfo[], sheetName: string | undefined): string {
  if (worksheets.length === 0) return 'it has no worksheets.';
  const list = worksheets.map((w) => `"${w.name}"${w.state === 'visible' ? '' : w.state === 'hidden' ? ' (hidden)' : ' (very hidden)'}`).join(', ');
  return sheetName === undefined
    ? `every worksheet in it is hidden: ${list}. Name the register's sheet with --sheet, or unhide it.`
    : `it has no sheet "${sheetName}"; its sheets are ${list}.`;
}

/** The marker names on `sheet` (./../../run/resultMarker.ts), and the rows they covered. */
function markerOf(names: readonly DefinedName[], sheet: SheetInfo): { marker: ResultMarker | null; rows: { from: number; to: number } | null } {
  const ours = names.filter((n) => n.localSheetId === sheet.index && resultIdOfName(n.name) !== null);
  const marker = markerFromNames(ours.map((n) => ({ name: n.name, formula: n.text })), sheet.name);
  const boxes = ours.map((n) => parseBox(n.text.slice(n.text.lastIndexOf('!') + 1).replace(/\$/g, ''))).filter((b): b is Box => b !== null);
  return { marker, rows: boxes.length ? { from: Math.min(...boxes.map((b) => b.top)), to: Math.max(...boxes.map((b) => b.bottom)) } : null };
}

/**
 * The refreshed copy of a register workbook: the analyst's package with the refreshed cells written in
 * place (each keeping its own format; a date in a format that shows no date gets that format with a date
 * format, so it shows as one), the columns the register lacked added after its columns (inside its
 * table where they can join it), a Changes sheet listing every change, conflict and unmatched school, and
 * a hidden sheet remembering what this refresh wrote (so the next one can tell the analyst's later edits).
 * Every other part is copied raw, as the categorised copy does (writeCopy.ts).
 */
import { lookStyle } from '../../run/packSheets';
import type { RefreshPlan } from '../../run/refresh';
import { addedColumns, CHANGES_SHEET, changesLayout, memoryLayout, ourSheetName, REFRESH_MEMORY_SHEET } from '../../run/refreshSheets';
import { FIELDS } from '../../../core/fields';
import { columnLetters } from '../port';
import { toWorkbookSerial } from '../dateSystem';
import { editSheet, type OurCell } from './editSheet';
import { layoutSpec, sheetXml } from './ourSheets';
import type { RegisterWorkbook } from './registerWorkbook';
import { extendTable, tableExtension } from './tables';
import { DATE_FORMAT } from '../cell';
import { relsPathOf } from './workbookInfo';
import { WorkbookEdit } from './workbookEdit';
import { CONTENT_TYPE, REL } from './xml';
import { writePackage, type PartContent } from './zipPackage';

export { CHANGES_SHEET, REFRESH_MEMORY_SHEET };

/** Writes the refreshed copy; returns what the analyst should know. */
export async function writeRefreshCopy(
  wb: RegisterWorkbook,
  register: { readonly headerIndex: number; readonly lastRow: number; readonly urnColumn: number },
  plan: RefreshPlan,
  memory: readonly (readonly string[])[],
  out: WritableStream<Uint8Array>,
  meta: { readonly header: string },
): Promise<string[]> {
  const notes: string[] = [];
  const h = register.headerIndex;
  const st = wb.styles;
  const plain = st.cellFormat({});
  const date = st.cellFormat({ numberFormat: DATE_FORMAT });
  const formatOf = (look: Parameters<typeof lookStyle>[0]) => st.cellFormat(lookStyle(look));
  const bold = formatOf('header');

  // Columns the register lacks go to the first columns empty in every row of it, past everything there.
  const occupied = (r: number, c: number) => {
    const v = wb.values[r]?.[c];
    return (v !== undefined && v !== '') || wb.read.formulaCells.has(r * 16_384 + c);
  };
  const width = Math.max(0, ...wb.values.slice(h, register.lastRow + 1).map((r) => r.length));
  const { columns: added, headers } = addedColumns(plan, width, { first: h, last: register.lastRow }, occupied);
  const table = wb.tables.find((t) => t.headerRow && t.ref.top === h && t.ref.left <= register.urnColumn && register.urnColumn <= t.ref.right) ?? null;
  const extension = table && added.length ? tableExtension(table, added, added.map(() => true), [], headers, notes, 'added columns') : null;
  const columnOf = new Map(plan.newColumns.map((f, i) => [f, added[i]!]));

  // The cells, by row: the refreshed ones in place, the added columns' headers on the header row.
  const byRow = new Map<number, OurCell[]>();
  // A date kept in the analyst's cell format (a highlighted blank, General) is written in that format with a date format, so it shows as a date.
  const dateForms = new Map<number, number>();
  const put = (row: number, cell: OurCell) => (byRow.get(row) ?? byRow.set(row, []).get(row)!).push(cell);
  added.forEach((c, i) => put(h, { col: c, style: bold, value: headers[i]! }));
  for (const c of plan.changes) {
    const col = columnOf.get(c.field) ?? columnIndexOf(wb, h, c.header);
    if (col === undefined) continue;
    const isDate = FIELDS[c.field].type.kind === 'date';
    const dated = isDate && typeof c.value === 'number';
    const value = typeof c.value === 'boolean' ? String(c.value) : c.value;
    // In a 1904 workbook a date is its 1904 serial only in a cell formatted as a date (editSheet.ts decides, once it knows the cell's kept style).
    const date1904 = dated && wb.info.date1904 ? toWorkbookSerial(c.value as number, true) : undefined;
    const keepStyle = !columnOf.has(c.field);
    const kept = dated && keepStyle ? wb.read.styleOf(c.row, col) : undefined;
    const form = kept === undefined ? null : st.dateFormOf(kept);
    if (kept !== undefined && form !== null) dateForms.set(kept, form);
    put(c.row, { col, style: isDate ? date : plain, value, keepStyle, ...(dated ? { date: true } : {}), ...(date1904 === undefined ? {} : { date1904 }) });
  }
  for (const cells of byRow.values()) cells.sort((a, b) => a.col - b.col);
  const rows = [...byRow.keys()].sort((a, b) => a - b);
  const usedRight = Math.max(width, ...added.map((c) => c + 1)) - 1;

  const edit = new WorkbookEdit(wb.pkg, wb.info, wb.pkg.has(relsPathOf(wb.info.part)) ? await wb.pkg.text(relsPathOf(wb.info.part)) : null, await wb.pkg.text('[Content_Types].xml'));
  const replace = new Map<string, PartContent>();
  const add = new Map<string, PartContent>();
  replace.set(wb.sheet.part, () => editSheet(wb.pkg.stream(wb.sheet.part), {
    cellsOf: (r) => byRow.get(r),
    rows,
    ourColumns: new Set(),
    clearRows: { from: 1, to: 0 },
    widths: new Map(added.map((c, i) => [c, Math.max(12, headers[i]!.length + 2)])),
    freeze: null,
    dimension: { top: 0, left: 0, bottom: Math.max(wb.values.length - 1, register.lastRow), right: usedRight },
    print: null,
    dateStyles: wb.info.date1904 ? st.dateStyles() : new Set(),
    dateForms,
  }));
  if (table && extension) {
    replace.set(table.part, extendTable(table, extension.right, extension.names));
    notes.push(`The added columns (${headers.join(', ')}) are columns of your table "${table.name}".`);
  } else if (added.length) notes.push(`Columns ${added.map(columnLetters).join(', ')} were added for ${headers.join(', ')}.`);

  // The Changes sheet and the memory: ours, rewritten each refresh.
  const ours = wb.info.sheets.some((s) => s.name.toLowerCase() === REFRESH_MEMORY_SHEET.toLowerCase());
  const names = wb.info.sheets.map((s) => s.name);
  const sheetFor = (name: string, hidden = false) => {
    const unique = ourSheetName(name, names, ours);
    const existing = wb.info.sheets.find((s) => s.name.toLowerCase() === unique.toLowerCase());
    return existing?.part ?? edit.addSheet(unique, hidden);
  };
  const putPart = (part: string, xml: string) => (wb.pkg.has(part) ? replace : add).set(part, xml);
  putPart(sheetFor(CHANGES_SHEET), sheetXml(layoutSpec(changesLayout(plan, CHANGES_SHEET, meta.header), formatOf)));
  putPart(sheetFor(REFRESH_MEMORY_SHEET, true), sheetXml(layoutSpec(memoryLayout(memory, REFRESH_MEMORY_SHEET), formatOf)));

  replace.set(wb.info.part, edit.workbookXml());
  (edit.relsExisted ? replace : add).set(edit.relsPart, edit.relsXml());
  replace.set('[Content_Types].xml', edit.contentTypesXml());
  if (st.isNew) {
    edit.addRelationship(REL.styles, 'xl/styles.xml');
    edit.addOverride('xl/styles.xml', CONTENT_TYPE.styles);
    add.set('xl/styles.xml', st.toXml());
    (edit.relsExisted ? replace : add).set(edit.relsPart, edit.relsXml());
    replace.set('[Content_Types].xml', edit.contentTypesXml());
  } else replace.set(wb.info.styles!, st.toXml());
  await writePackage(wb.pkg, out, { replace, add });
  return notes;
}

function columnIndexOf(wb: RegisterWorkbook, headerRow: number, header: string): number | undefined {
  const i = (wb.values[headerRow] ?? []).findIndex((v) => String(v).trim() === header);
  return i < 0 ? undefined : i;
}

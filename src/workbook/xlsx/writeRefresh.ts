/**
 * The refreshed copy of a register workbook: the analyst's package with the refreshed cells written in
 * place (each keeping its own format), the columns the register lacked added after its columns (inside its
 * table where they can join it), a Changes sheet listing every change, conflict and unmatched school, and
 * a hidden sheet remembering what this refresh wrote (so the next one can tell the analyst's later edits).
 * Every other part is copied raw, as the categorised copy does (writeCopy.ts).
 */
import { FIELDS } from '../../../core/fields';
import type { RefreshPlan } from '../../run/refresh';
import { firstEmptyColumns } from '../../run/resultPlacement';
import type { Cell } from '../cell';
import { columnLetters } from '../port';
import { editSheet, type OurCell } from './editSheet';
import { sheetXml } from './ourSheets';
import type { RegisterWorkbook } from './registerWorkbook';
import { extendTable, tableExtension } from './tables';
import { relsPathOf } from './workbookInfo';
import { WorkbookEdit } from './workbookEdit';
import { CONTENT_TYPE, REL } from './xml';
import { writePackage, type PartContent } from './zipPackage';

export const CHANGES_SHEET = 'Changes';
/** The hidden sheet that remembers what each refresh wrote. */
export const REFRESH_MEMORY_SHEET = 'SchoolRisk refresh';

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
  const date = st.cellFormat({ numberFormat: 'dd/mm/yyyy' });
  const bold = st.cellFormat({ bold: true });

  // Columns the register lacks go to the first columns empty in every row of it, past everything there.
  const occupied = (r: number, c: number) => {
    const v = wb.values[r]?.[c];
    return (v !== undefined && v !== '') || wb.read.formulaCells.has(r * 16_384 + c);
  };
  const width = Math.max(0, ...wb.values.slice(h, register.lastRow + 1).map((r) => r.length));
  const added = plan.newColumns.length ? firstEmptyColumns(width, plan.newColumns.length, { first: h, last: register.lastRow }, occupied) : [];
  const headers = plan.newColumns.map((f) => FIELDS[f].label);
  const table = wb.tables.find((t) => t.headerRow && t.ref.top === h && t.ref.left <= register.urnColumn && register.urnColumn <= t.ref.right) ?? null;
  const extension = table && added.length ? tableExtension(table, added, added.map(() => true), [], headers, notes, 'added columns') : null;
  const columnOf = new Map(plan.newColumns.map((f, i) => [f, added[i]!]));

  // The cells, by row: the refreshed ones in place, the added columns' headers on the header row.
  const byRow = new Map<number, OurCell[]>();
  const put = (row: number, cell: OurCell) => (byRow.get(row) ?? byRow.set(row, []).get(row)!).push(cell);
  added.forEach((c, i) => put(h, { col: c, style: bold, value: headers[i]! }));
  for (const c of plan.changes) {
    const col = columnOf.get(c.field) ?? columnIndexOf(wb, h, c.header);
    if (col === undefined) continue;
    const isDate = FIELDS[c.field].type.kind === 'date';
    put(c.row, { col, style: isDate ? date : plain, value: typeof c.value === 'boolean' ? String(c.value) : c.value, keepStyle: !columnOf.has(c.field) });
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
  }));
  if (table && extension) {
    replace.set(table.part, extendTable(table, extension.right, extension.names));
    notes.push(`The added columns (${headers.join(', ')}) are columns of your table "${table.name}".`);
  } else if (added.length) notes.push(`Columns ${added.map(columnLetters).join(', ')} were added for ${headers.join(', ')}.`);

  // The Changes sheet and the memory: ours, rewritten each refresh.
  const ours = wb.info.sheets.some((s) => s.name.toLowerCase() === REFRESH_MEMORY_SHEET.toLowerCase());
  const sheetFor = (name: string, hidden = false) => {
    const existing = wb.info.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (existing?.part && (ours || hidden)) return existing.part;
    let unique = name;
    for (let n = 2; wb.info.sheets.some((s) => s.name.toLowerCase() === unique.toLowerCase()); n++) unique = `${name} (${n})`;
    return edit.addSheet(unique, hidden);
  };
  const changes = changesRows(plan).map((r, i) => r.map((v) => ({ value: typeof v === 'boolean' ? String(v) : v, style: i === 0 || (typeof v === 'string' && SECTION.test(v)) ? bold : plain })));
  const changesPart = sheetFor(CHANGES_SHEET);
  const putPart = (part: string, xml: string) => (wb.pkg.has(part) ? replace : add).set(part, xml);
  putPart(changesPart, sheetXml({ rows: changes, widths: [10, 34, 26, 28, 28, 30, 12, 22, 50], print: { onePage: false, titleRows: 1, header: meta.header, footerRight: '' } }));
  putPart(sheetFor(REFRESH_MEMORY_SHEET, true), sheetXml({ rows: memory.map((r) => r.map((v) => ({ value: v, style: plain }))), widths: [10, 24, 40] }));

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

const SECTION = /^(Changed|Conflicts|In the official data but not in the register|In the register but not in the official data|Found under a new URN)/;

/** The Changes sheet's rows: every change, then the conflicts, then the schools that do not match. */
export function changesRows(plan: RefreshPlan): Cell[][] {
  const rows: Cell[][] = [['URN', 'School', 'Column', 'Was', 'Now', 'Source', 'Source date', 'What', 'Why']];
  rows.push([`Changed (${plan.changes.length})`]);
  for (const c of plan.changes) rows.push([c.urn, c.school, c.header, c.oldText, c.newText, c.source, c.sourceDate, c.kind, c.why ?? '']);
  rows.push([]);
  rows.push([`Conflicts: kept as the register has them (${plan.conflicts.length})`]);
  for (const c of plan.conflicts) rows.push([c.urn, c.school, c.header, c.oldText, c.newText, c.source, c.sourceDate, 'kept', c.why ?? '']);
  rows.push([]);
  rows.push([`Found under a new URN: academy converters (${plan.byPredecessor.length})`]);
  for (const p of plan.byPredecessor) rows.push([p.urn, p.name, 'URN', p.urn, p.newUrn, plan.sources[0]!.name, plan.sources[0]!.date, 'matched by the predecessor URN', 'the register keeps its URN; change it if you keep the new one']);
  rows.push([]);
  rows.push([`In the official data but not in the register: new or re-brokered schools of LA ${plan.la ?? '(unknown: give --la)'} (${plan.notInRegister.length})`]);
  for (const s of plan.notInRegister) rows.push([s.urn, s.name, 'LAESTAB', '', s.laestab, plan.sources[0]!.name, plan.sources[0]!.date, 'not in the register']);
  rows.push([]);
  rows.push([`In the register but not in the official data: closed or merged? (${plan.notInOfficial.length})`]);
  for (const s of plan.notInOfficial) rows.push([s.urn, s.name, '', '', '', plan.sources[0]!.name, plan.sources[0]!.date, 'not in the official data']);
  return rows;
}

function columnIndexOf(wb: RegisterWorkbook, headerRow: number, header: string): number | undefined {
  const i = (wb.values[headerRow] ?? []).findIndex((v) => String(v).trim() === header);
  return i < 0 ? undefined : i;
}

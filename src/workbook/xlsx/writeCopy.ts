/**
 * The .xlsx copy: the analyst's package with our changes, nothing less. The register sheet is spliced
 * (our columns only), the table the register is in grows by our columns, the styles gain our formats,
 * the workbook gains the marker names and our two sheets; every other part is copied raw. One plan for
 * both the CLI's copy and a CSV made into a workbook.
 */
import { randomUUID } from 'node:crypto';
import { toIsoDate, type CalendarDate } from '../../../core/dates';
import type { CompiledFramework } from '../../../core/engine';
import { DUE_COLUMN, type RunPlan } from '../../run/registerRun';
import { summaryGrid, summarySheetOf } from '../../run/summarySheet';
import { RESULT_COLUMNS, RESULT_HEADERS } from '../../run/resultPlacement';
import type { Cell } from '../cell';
import { editSheet, type OurCell } from './editSheet';
import { relsXml, sheetXml, type SheetCell } from './ourSheets';
import { columnReference, isMarkerName, markerName, MARKER_PREFIX, RUN_MARKER, runFormula } from '../../run/resultMarker';
import type { RegisterWorkbook } from './registerWorkbook';
import type { CellStyle } from './styles';
import { extendTable, uniqueColumnNames, type TableInfo } from './tables';
import { readRelationships, relativeTarget, relsPathOf } from './workbookInfo';
import { WorkbookEdit } from './workbookEdit';
import { chartXml, drawingXml } from './chart';
import { CONTENT_TYPE, REL } from './xml';
import { writePackage, type PartContent } from './zipPackage';

export const SUMMARY_SHEET = 'SIG summary';
export const RUN_SHEET = 'Run';

/** What the analyst should know about the copy (printed by the CLI). */
export interface CopyNotes {
  readonly notes: readonly string[];
  /** The table the results were added to, when the register is one. */
  readonly table: string | null;
}

const WRAPPED = new Set(['support', 'reasons', 'missingEvidence', 'problems']);

/** Writes the copy to `out`. */
export async function writeWorkbookCopy(
  wb: RegisterWorkbook,
  plan: RunPlan,
  meta: { framework: CompiledFramework; asOf: CalendarDate; record: readonly [string, Cell][]; ranAt: Date },
  out: WritableStream<Uint8Array>,
): Promise<CopyNotes> {
  const notes: string[] = [...plan.placement.notes];
  const h = plan.located.headerIndex;
  const columns = plan.placement.columns;
  const lastRow = h + plan.located.rows.length;
  const styles = wb.styles;

  // The register's table: the one whose header row is the register's and that holds its URN column.
  const urnColumn = plan.located.mapping.byField.urn ?? 0;
  const table = wb.tables.find((t) => t.headerRow && t.ref.top === h && t.ref.left <= urnColumn && urnColumn <= t.ref.right) ?? null;
  const headers: string[] = RESULT_HEADERS.map((x) => x);
  const extension = table ? tableExtension(table, columns, plan.placement.writeHeader, wb.values[h] ?? [], headers, notes) : null;

  // Our cells, row by row.
  const st = (s: CellStyle) => styles.cellFormat(s);
  const headerStyle = st({ bold: true });
  const plainStyles = RESULT_COLUMNS.map((c, i) => st({ top: true, ...(WRAPPED.has(c.id) ? { wrap: true } : {}), ...(i === DUE_COLUMN ? { numberFormat: 'dd/mm/yyyy' } : {}) }));
  const dateOffset = wb.info.date1904 ? -1462 : 0;
  const order = columns.map((c, i) => [c, i] as const).sort((a, b) => a[0] - b[0]);
  // Our cells are made row by row as the sheet streams past, not held for the whole register at once.
  const headerCells: OurCell[] = order.filter(([, i]) => plan.placement.writeHeader[i]).map(([col, i]) => ({ col, style: headerStyle, value: headers[i]! }));
  const planOf = new Map(plan.rows.map((r) => [r.gridRow, r]));
  const cellsOf = (row: number): OurCell[] | undefined => {
    if (row === h) return headerCells;
    const r = planOf.get(row);
    return r && order.map(([col, i]) => {
      const v = r.cells[i]!;
      const style = i === 0 && r.fill ? st({ top: true, bold: true, fill: r.fill.colour, colour: r.fill.textColour }) : plainStyles[i]!;
      return { col, style, value: typeof v === 'number' ? (i === DUE_COLUMN ? v + dateOffset : v) : typeof v === 'boolean' ? String(v) : v };
    });
  };
  const rows = [h, ...plan.rows.map((r) => r.gridRow)].sort((a, b) => a - b);
  // Every category's fill is in the styles before the styles part is written (the sheet streams later).
  for (const r of plan.rows) if (r.fill) st({ top: true, bold: true, fill: r.fill.colour, colour: r.fill.textColour });
  const widths = new Map(columns.map((c, i) => [c, RESULT_COLUMNS[i]!.width] as const).filter(([, ], i) => plan.placement.writeHeader[i]));
  const freeze = table || wb.read.hasFrozenPane ? null : freezeAt(plan, h);
  const marked = wb.markerRows;
  const usedRight = Math.max(wb.values[0]?.length ?? 0, ...columns.map((c) => c + 1)) - 1;

  // The structural parts.
  const edit = new WorkbookEdit(wb.pkg, wb.info, await textOr(wb, relsPathOf(wb.info.part)), await wb.pkg.text('[Content_Types].xml'));
  const runId = randomUUID();
  edit.setSheetNames(wb.sheet.index, MARKER_PREFIX, [
    ...RESULT_COLUMNS.map((c, i) => ({ name: markerName(c.id), text: columnReference(wb.sheet.name, columns[i]!, h, Math.max(lastRow, h + 1)) })),
    // In the package a name's formula is written without its "=".
    { name: RUN_MARKER, text: runFormula(runId, meta.framework.definition.id, toIsoDate(meta.asOf)).slice(1) },
  ]);

  const replace = new Map<string, PartContent>();
  const add = new Map<string, PartContent>();
  replace.set(wb.sheet.part, () => editSheet(wb.pkg.stream(wb.sheet.part), {
    cellsOf,
    rows,
    ourColumns: new Set(columns),
    clearRows: { from: h + 1, to: Math.max(lastRow, marked?.to ?? -1) },
    widths,
    freeze,
    dimension: { top: 0, left: 0, bottom: Math.max(wb.values.length - 1, lastRow), right: usedRight },
  }));
  if (table && extension) replace.set(table.part, extendTable(table, extension.right, extension.names));
  if (extension) notes.push(`The results are columns of your table "${table!.name}", so sorting or filtering it keeps each school with its results.`);

  await writeOurSheets(wb, plan, meta, edit, replace, add);

  replace.set(wb.info.part, edit.workbookXml());
  (edit.relsExisted ? replace : add).set(edit.relsPart, edit.relsXml());
  if (styles.isNew) {
    edit.addRelationship(REL.styles, 'xl/styles.xml');
    edit.addOverride('xl/styles.xml', CONTENT_TYPE.styles);
    add.set('xl/styles.xml', styles.toXml());
    (edit.relsExisted ? replace : add).set(edit.relsPart, edit.relsXml());
  } else replace.set(wb.info.styles!, styles.toXml());
  replace.set('[Content_Types].xml', edit.contentTypesXml());
  await writePackage(wb.pkg, out, { replace, add });
  return { notes, table: extension ? table!.name : null };
}

/** Where the table grows to and the names of its new columns; `null` (with a note) when it cannot. */
function tableExtension(table: TableInfo, columns: readonly number[], writeHeader: readonly boolean[], headerRow: readonly unknown[], headers: string[], notes: string[]): { right: number; names: string[] } | null {
  const outside = columns.map((c, i) => [c, i] as const).filter(([c]) => c > table.ref.right).sort((a, b) => a[0] - b[0]);
  if (outside.length === 0) return null;
  const contiguous = outside.every(([c], k) => c === table.ref.right + 1 + k);
  if (!contiguous) {
    notes.push(`The results could not be added to your table "${table.name}" because other columns lie between it and them; they are beside it, so sort the table and the results together (or give the columns between a header inside the table).`);
    return null;
  }
  if (table.isQueryTable) {
    notes.push(`Your table "${table.name}" is filled by a query, so the results were written beside it, not inside it.`);
    return null;
  }
  // The header cells of a table are its column names: unique, so ours may get a number.
  const wanted = outside.map(([c, i]) => (writeHeader[i] ? headers[i]! : String(headerRow[c] ?? '').trim() || headers[i]!));
  const names = uniqueColumnNames(table.columns, wanted);
  outside.forEach(([, i], k) => {
    if (names[k] !== wanted[k]) notes.push(`Your table "${table.name}" already has a column "${wanted[k]}", so ours is headed "${names[k]}".`);
    headers[i] = names[k]!;
  });
  return { right: outside[outside.length - 1]![0], names };
}

/** Frozen panes for a plain range: the header row, and the URN and school name when they lead. */
function freezeAt(plan: RunPlan, h: number): { row: number; col: number } {
  const by = plan.located.mapping.byField;
  const lead = [by.urn, by.schoolName].filter((c): c is number => c !== undefined);
  const col = lead.length && Math.max(...lead) < 4 ? Math.max(...lead) + 1 : 0;
  return { row: h + 1, col };
}

async function textOr(wb: RegisterWorkbook, part: string): Promise<string | null> {
  return wb.pkg.has(part) ? wb.pkg.text(part) : null;
}

/** The SIG summary (with its chart) and the Run sheet: replaced in place when an earlier run made them. */
async function writeOurSheets(
  wb: RegisterWorkbook, plan: RunPlan, meta: { framework: CompiledFramework; asOf: CalendarDate; record: readonly [string, Cell][] },
  edit: WorkbookEdit, replace: Map<string, PartContent>, add: Map<string, PartContent>,
): Promise<void> {
  const ranBefore = wb.info.definedNames.some((n) => isMarkerName(n.name));
  // A sheet of that name is ours when an earlier run marked this workbook; else the analyst's, and ours gets a number.
  const sheetPart = (name: string): { part: string; name: string; isNew: boolean } => {
    const existing = wb.info.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
    if (existing?.part && ranBefore) return { part: existing.part, name: existing.name, isNew: false };
    let unique = name;
    for (let n = 2; wb.info.sheets.some((s) => s.name.toLowerCase() === unique.toLowerCase()); n++) unique = `${name} (${n})`;
    return { part: edit.addSheet(unique), name: unique, isNew: true };
  };
  const st = (s: CellStyle) => wb.styles.cellFormat(s);
  const plain = st({});
  const bold = st({ bold: true });
  const title = st({ bold: true, size: 14 });
  const percent = st({ numberFormat: '0%' });

  // SIG summary: the pane's layout, cell for cell.
  const summary = summarySheetOf(plan, meta.framework, meta.asOf);
  const grid = summaryGrid(summary);
  const headings = new Set(grid.headingRows);
  const rows: SheetCell[][] = grid.rows.map((r, i) => r.map((v, k): SheetCell => {
    const style = i === 0 ? title : headings.has(i) ? bold : k === 2 && i >= grid.countsFirst && i <= grid.countsLast + 1 ? percent : plain;
    return { value: typeof v === 'boolean' ? String(v) : v, style };
  }));
  summary.counts.forEach((c, k) => {
    rows[grid.countsFirst + k]![0] = { value: c.label, style: st({ bold: true, fill: c.colour, colour: c.textColour }) };
  });
  const s = sheetPart(SUMMARY_SHEET);
  // The chart: reuse the drawing and chart parts an earlier run left, else new ones.
  const oldRels = s.isNew ? [] : (await readRelationships(wb.pkg, s.part)).rels;
  const oldDrawing = oldRels.find((r) => r.type === REL.drawing && wb.pkg.has(r.target))?.target;
  const oldChart = oldDrawing ? (await readRelationships(wb.pkg, oldDrawing)).rels.find((r) => r.type === REL.chart && wb.pkg.has(r.target))?.target : undefined;
  const drawing = oldDrawing ? wb.pkg.nameOf(oldDrawing) : edit.freePart((n) => `xl/drawings/drawing${n}.xml`);
  const chart = oldChart ? wb.pkg.nameOf(oldChart) : edit.freePart((n) => `xl/charts/chart${n}.xml`);
  const put = (part: string, content: string) => (wb.pkg.has(part) ? replace : add).set(part, content);
  put(s.part, sheetXml({ rows, widths: [34, 12, 26, 26, 16], drawingRelId: 'rIdDrawing1' }));
  put(relsPathOf(s.part), relsXml([{ id: 'rIdDrawing1', type: REL.drawing, target: relativeTarget(s.part, drawing) }]));
  put(drawing, drawingXml('rIdChart1', 1));
  put(relsPathOf(drawing), relsXml([{ id: 'rIdChart1', type: REL.chart, target: relativeTarget(drawing, chart) }]));
  put(chart, chartXml(s.name, grid.countsFirst + 1, grid.countsLast + 1, summary.counts.map((c) => c.colour)));
  edit.addOverride(drawing, CONTENT_TYPE.drawing);
  edit.addOverride(chart, CONTENT_TYPE.chart);

  // The Run sheet: one labelled value per row.
  const r = sheetPart(RUN_SHEET);
  put(r.part, sheetXml({ rows: meta.record.map(([k, v]) => [{ value: k, style: bold }, { value: typeof v === 'boolean' ? String(v) : v, style: plain }]), widths: [22, 90] }));
}

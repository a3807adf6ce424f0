/**
 * The .xlsx copy: the analyst's package with our changes, nothing less. The register sheet is spliced
 * (our columns only, and its printing where the analyst has not set it: registerPrint.ts), the table the
 * register is in grows by our columns, the styles gain our formats, the workbook gains the marker names and our sheets (the
 * SIG pack and the Run log); every other part is copied raw. One plan for both the CLI's copy and a CSV
 * made into a workbook.
 */
import { randomUUID } from 'node:crypto';
import { toIsoDate, type CalendarDate } from '../../../core/dates';
import type { CompiledFramework } from '../../../core/engine';
import { DUE_COLUMN, type RunPlan } from '../../run/registerRun';
import type { Pack } from '../../run/pack';
import { isOurPackSheet, lookStyle, packHeader, profilesLayout, PROFILES_SHEET, runLogPrint, SUMMARY_SHEET, summaryLayout, type CellLook } from '../../run/packSheets';
import { RESULT_COLUMNS, RESULT_HEADERS } from '../../run/resultPlacement';
import { RUN_LOG_HEADERS, RUN_LOG_SHEET, RUN_LOG_WIDTHS } from '../../run/runLog';
import { DATE_FORMAT, type Cell, type GridValue } from '../cell';
import { toWorkbookSerial } from '../dateSystem';
import { editSheet, type OurCell } from './editSheet';
import { headerFooter, layoutSpec, relsXml, sheetXml, wrappedHeight } from './ourSheets';
import { columnLetters } from '../port';
import { columnReference, markerName, MARKER_PREFIX, RUN_MARKER, runFormula } from '../../run/resultMarker';
import type { RegisterWorkbook } from './registerWorkbook';
import type { CellStyle } from './styles';
import { registerPrint } from './registerPrint';
import { extendTable, tableExtension } from './tables';
import { readRelationships, relativeTarget, relsPathOf } from './workbookInfo';
import { DEFAULT_SHEET_LIMITS, readSharedStrings, readSheet } from './readSheet';
import { WorkbookEdit } from './workbookEdit';
import { chartXml, drawingXml } from './chart';
import { CONTENT_TYPE, REL } from './xml';
import { writePackage, type PartContent } from './zipPackage';

export { SUMMARY_SHEET, PROFILES_SHEET, RUN_LOG_SHEET };

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
  meta: { framework: CompiledFramework; asOf: CalendarDate; pack: Pack; logRow: readonly Cell[] },
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
  const extension = table ? tableExtension(table, columns, plan.placement.writeHeader, wb.values[h] ?? [], headers, notes, 'results') : null;

  // Our cells, row by row.
  const st = (s: CellStyle) => styles.cellFormat(s);
  const headerStyle = st({ bold: true });
  const plainStyles = RESULT_COLUMNS.map((c, i) => st({ top: true, ...(WRAPPED.has(c.id) ? { wrap: true } : {}), ...(i === DUE_COLUMN ? { numberFormat: DATE_FORMAT } : {}) }));
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
      return { col, style, value: typeof v === 'number' ? (i === DUE_COLUMN ? toWorkbookSerial(v, wb.info.date1904) : v) : typeof v === 'boolean' ? String(v) : v };
    });
  };
  const rows = [h, ...plan.rows.map((r) => r.gridRow)].sort((a, b) => a - b);
  // Every category's fill is in the styles before the styles part is written (the sheet streams later).
  for (const r of plan.rows) if (r.fill) st({ top: true, bold: true, fill: r.fill.colour, colour: r.fill.textColour });
  const widths = new Map(columns.map((c, i) => [c, RESULT_COLUMNS[i]!.width] as const).filter(([, ], i) => plan.placement.writeHeader[i]));
  const freeze = table || wb.read.hasFrozenPane ? null : freezeAt(plan, h);
  const marked = wb.markerRows;
  const usedRight = Math.max(wb.values[0]?.length ?? 0, ...columns.map((c) => c + 1)) - 1;
  // Rows as tall as our wrapped text needs (Reasons, Support...), in the widths our columns are given.
  const wrapped = order.filter(([, i]) => WRAPPED.has(RESULT_COLUMNS[i]!.id));
  const rowHeight = (row: number) => {
    const r = planOf.get(row);
    if (!r) return undefined;
    const need = Math.max(...wrapped.map(([, i]) => (typeof r.cells[i] === 'string' && r.cells[i] ? wrappedHeight(String(r.cells[i]), RESULT_COLUMNS[i]!.width) : 0)));
    return need > 15 ? need : undefined;
  };

  // The structural parts.
  const edit = new WorkbookEdit(wb.pkg, wb.info, await textOr(wb, relsPathOf(wb.info.part)), await wb.pkg.text('[Content_Types].xml'));
  const runId = randomUUID();
  edit.setSheetNames(wb.sheet.index, MARKER_PREFIX, [
    ...RESULT_COLUMNS.map((c, i) => ({ name: markerName(c.id), text: columnReference(wb.sheet.name, columns[i]!, h, Math.max(lastRow, h + 1)) })),
    // In the package a name's formula is written without its "=".
    { name: RUN_MARKER, text: runFormula(runId, meta.framework.definition.id, toIsoDate(meta.asOf)).slice(1) },
  ]);

  // Our printing on the register only where the analyst has set none; an earlier run's is ours to set again.
  const ourPrint = headerFooter({ onePage: false, titleRows: 0, header: packHeader(meta.pack), footerRight: '' });
  const print = { ...ourPrint, ...registerPrint(wb.read.print, ourPrint.footer, wb.previousRun !== null) };

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
    rowHeight,
    print,
  }));
  // The register's header row repeats at the top of every printed page (unless the analyst chose other rows).
  // With the URN and school-name columns too, where they lead, so every page says which school a row is.
  const lead = freezeAt(plan, h).col;
  const titleColumns = lead > 0 ? `${quoteSheet(wb.sheet.name)}!$A:$${columnLetters(lead - 1)},` : '';
  edit.ensureSheetName(wb.sheet.index, '_xlnm.Print_Titles', `${titleColumns}${quoteSheet(wb.sheet.name)}!$${h + 1}:$${h + 1}`);
  if (table && extension) replace.set(table.part, extendTable(table, extension.right, extension.names));
  if (extension) notes.push(`The results are columns of your table "${table!.name}", so sorting or filtering it keeps each school with its results.`);

  await writeOurSheets(wb, meta.pack, meta.logRow, edit, replace, add);

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

/** The pack's sheets (SIG summary with its charts, School profiles) and the Run log: replaced in place when an earlier run made them. */
async function writeOurSheets(
  wb: RegisterWorkbook, pack: Pack, logRow: readonly Cell[],
  edit: WorkbookEdit, replace: Map<string, PartContent>, add: Map<string, PartContent>,
): Promise<void> {
  // A sheet of the pack's name is ours when its content is a pack or Run log of ours (isOurPackSheet);
  // an analyst's sheet of that name is never replaced: ours takes the first free or ours "name (2)".
  const sharedStrings = await readSharedStrings(wb.pkg, wb.info.sharedStrings);
  // Each candidate sheet read once (the Run log is both checked and appended to); the open already read "Run log".
  const read = new Map<string, Promise<GridValue[][]>>();
  const runLogPart = wb.info.sheets.find((x) => x.name.toLowerCase() === RUN_LOG_SHEET.toLowerCase())?.part;
  if (runLogPart && wb.runLog) read.set(runLogPart, Promise.resolve(wb.runLog));
  const valuesOf = (part: string): Promise<GridValue[][]> => {
    if (!read.has(part)) read.set(part, readSheet(wb.pkg, part, { sharedStrings, sheetName: '', date1904: wb.info.date1904, dateStyles: new Set(), limits: DEFAULT_SHEET_LIMITS, keepStyles: false }).then((r) => r.values as GridValue[][]));
    return read.get(part)!;
  };
  const firstCells = async (part: string) => {
    const v = await valuesOf(part);
    return [v[0]?.[0], v[1]?.[0]];
  };
  const sheetPart = async (name: string): Promise<{ part: string; name: string; index: number; isNew: boolean }> => {
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? name : `${name} (${n})`;
      const existing = wb.info.sheets.find((s) => s.name.toLowerCase() === candidate.toLowerCase());
      if (!existing) return { part: edit.addSheet(candidate), name: candidate, index: edit.sheetCount - 1, isNew: true };
      if (existing.part && isOurPackSheet(candidate, await firstCells(existing.part))) return { part: existing.part, name: existing.name, index: existing.index, isNew: false };
    }
  };
  const formatOf = lookFormats(wb);
  const put = (part: string, content: string) => (wb.pkg.has(part) ? replace : add).set(part, content);

  // SIG summary and its charts: the drawing and chart parts an earlier run left are reused, else new ones.
  const summary = summaryLayout(pack);
  const s = await sheetPart(SUMMARY_SHEET);
  const oldRels = s.isNew ? [] : (await readRelationships(wb.pkg, s.part)).rels;
  const oldDrawing = oldRels.find((r) => r.type === REL.drawing && wb.pkg.has(r.target))?.target;
  const oldCharts = oldDrawing ? (await readRelationships(wb.pkg, oldDrawing)).rels.filter((r) => r.type === REL.chart && wb.pkg.has(r.target)).map((r) => wb.pkg.nameOf(r.target)) : [];
  const drawing = oldDrawing ? wb.pkg.nameOf(oldDrawing) : edit.freePart((n) => `xl/drawings/drawing${n}.xml`);
  const charts = summary.charts.map((_, i) => oldCharts[i] ?? edit.freePart((n) => `xl/charts/chart${n}.xml`));
  put(s.part, sheetXml(layoutSpec(summary, formatOf, 'rIdDrawing1')));
  put(relsPathOf(s.part), relsXml([{ id: 'rIdDrawing1', type: REL.drawing, target: relativeTarget(s.part, drawing) }]));
  put(drawing, drawingXml(summary.charts));
  put(relsPathOf(drawing), relsXml(charts.map((c, i) => ({ id: `rIdChart${i + 1}`, type: REL.chart, target: relativeTarget(drawing, c) }))));
  summary.charts.forEach((c, i) => put(charts[i]!, chartXml(s.name, c)));
  edit.addOverride(drawing, CONTENT_TYPE.drawing);
  for (const c of charts) edit.addOverride(c, CONTENT_TYPE.chart);

  // A page per school of concern.
  const profiles = profilesLayout(pack);
  put((await sheetPart(PROFILES_SHEET)).part, sheetXml(layoutSpec(profiles, formatOf)));

  // The Run log: the earlier runs' rows as they were, and this run's below; its header row repeats on every page.
  const log = await sheetPart(RUN_LOG_SHEET);
  const earlier = log.isNew ? [] : await valuesOf(log.part);
  // An earlier version's header (a prefix of today's columns) gains the new columns; one the analyst changed is kept.
  const isPrefix = earlier.length > 0 && earlier[0]!.every((h, i) => h === RUN_LOG_HEADERS[i]);
  const header = earlier.length && !isPrefix ? earlier[0]! : [...RUN_LOG_HEADERS];
  const bold = formatOf('header');
  const plain = formatOf('plain');
  // This run's row wrapped in its columns, as tall as its text: a long note (the columns read, those not in the
  // register) runs no further right than its column, where it ran across the page and shrank the print. The
  // earlier rows as they were.
  const wrapped = formatOf('wrap');
  const asCell = (v: GridValue | undefined) => (v === undefined || typeof v === 'object' ? '' : typeof v === 'boolean' ? String(v) : v);
  const rows = [
    header.map((v) => ({ value: asCell(v), style: bold })),
    ...earlier.slice(1).map((r) => r.map((v) => ({ value: asCell(v), style: plain }))),
    logRow.map((v) => ({ value: asCell(v), style: wrapped, wrap: true })),
  ];
  put(log.part, sheetXml({ rows, widths: RUN_LOG_WIDTHS, print: runLogPrint(pack) }));
  edit.ensureSheetName(log.index, '_xlnm.Print_Titles', `${quoteSheet(log.name)}!$1:$1`);
}

/** The cell format of each look of the pack's layouts. */
function lookFormats(wb: RegisterWorkbook): (look: CellLook | undefined) => number {
  return (look) => wb.styles.cellFormat(lookStyle(look));
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

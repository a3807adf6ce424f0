/**
 * Writing the SIG pack through Office.js: each sheet src/run/packSheets.ts lays out (the SIG summary, the
 * School profiles) replaces the sheet of its name, and the Run log gains this run's row. The layout is
 * decided there; this file carries it out as steps of a planned request size, which the caller packs into
 * syncs under the budget (officeWrite.ts: the first ride on the block's last chunk when they fit):
 * - a sheet's opening: the old sheet deleted, the new one added, column widths, and how it prints
 *   (ExcelApi 1.9, when the host has it: A4 landscape; one page wide, the summary on one page, or the
 *   profiles at a fixed scale; the header, "Page x of y", print titles);
 * - its rows, in chunks: the values as one 2-D array; each look's cells as one RangeAreas whose format is
 *   set once; category fills by setCellProperties down each run of filled cells; then autofitRows, so
 *   Excel sizes each row to its wrapped text; a page break before each profile that starts in the chunk;
 * - its charts, once the cells they read are written (Excel names the series from those cells);
 * - the Run log row, below the earlier runs' (its headers first when the sheet is new).
 * Worksheet.getRanges and Range.setCellProperties are ExcelApi 1.9, as the block's fills already need.
 */
import { headerFooterText, pageScale, PAGE_X_OF_Y } from '../run/packPrint';
import { lookStyle, type LayoutCell, type LayoutChart, type LayoutPrint, type LookStyle, type SheetLayout } from '../run/packSheets';
import { textSafe, type Cell } from './cell';
import type { HostSupport } from './office';
import { chunkRows, columnLetters, isRequestTooLarge, parseAddress, requestBytes, type RunLogWrite, type RunWrite, type SheetBox } from './port';

/** Planned size of one command beyond its data: its action and object path in the request's JSON. */
export const COMMAND_BYTES = 300;
/**
 * Longest address list given to one getRanges: office-js#5198 reports lists refused (InvalidArgument)
 * from about 8,000 characters, with no documented limit.
 */
export const AREAS_CHARS = 2_000;
/** Outline of bars and markers, as the command line draws them (src/workbook/xlsx/chart.ts). */
const OUTLINE = '#404040';

/** The sheets the pack replaces or appends to, as the block's first sync found them. */
export interface PackState {
  /** Each layout's sheet by name: a null object when there is none. */
  readonly sheets: ReadonlyMap<string, Excel.Worksheet>;
  readonly log: Excel.Worksheet | null;
  readonly logUsed: Excel.Range | null;
}

/** One piece of the pack's write and the request bytes it is planned at. */
export interface PackStep {
  /** The sheet it writes, to say which are not written when a sync fails. */
  readonly sheet: string;
  readonly bytes: number;
  readonly queue: (ctx: Excel.RequestContext, state: PackState) => void;
}

/** Loads what the pack's write needs to know of the workbook: which of its sheets exist, and where the Run log ends. */
export function queuePackState(ctx: Excel.RequestContext, write: RunWrite): PackState {
  const sheets = new Map(write.pack.map((l) => [l.name, ctx.workbook.worksheets.getItemOrNullObject(l.name).load('name')] as const));
  const log = ctx.workbook.worksheets.getItemOrNullObject(write.log.sheet).load('name');
  const logUsed = log.getUsedRangeOrNullObject(true).load('address');
  return { sheets, log, logUsed };
}

/** Every step of a run's pack, in order: each sheet's opening, rows and charts, then the Run log. */
export function packSteps(write: RunWrite, support: HostSupport, chunkBudget: number): PackStep[] {
  return [...write.pack.flatMap((layout) => layoutSteps(layout, { at: 0, open: 'replace' }, support, chunkBudget)), logStep(write.log, support)];
}

/**
 * Queues one group of steps and syncs it, Excel's recalculation held until the sync; the error when the
 * sync failed, else `null`. Both writers of sheets of ours (the run's pack, the refresh) go through it.
 */
export async function syncGroup(ctx: Excel.RequestContext, group: readonly PackStep[], state: PackState): Promise<Error | null> {
  ctx.application.suspendApiCalculationUntilNextSync();
  for (const step of group) step.queue(ctx, state);
  try {
    await ctx.sync();
    return null;
  } catch (e) {
    // Office.js rejects with its own error objects: keep their message whatever they are.
    if (e instanceof Error) return e;
    const { message, code } = (e ?? {}) as { message?: unknown; code?: unknown };
    return Object.assign(new Error(typeof message === 'string' ? message : String(e)), typeof code === 'string' ? { code } : {});
  }
}

/**
 * Syncs the groups in order. A group refused for its size goes again as two (its steps halved, in
 * order): the host counts what Office.js sends, which the plan only estimates. `onSynced` hears each
 * group confirmed, and how many syncs the groups now take. The error stops it, with the steps not written.
 */
export async function syncGroupsInOrder(ctx: Excel.RequestContext, groups: readonly (readonly PackStep[])[], state: PackState, onSynced?: (group: readonly PackStep[], done: number, total: number) => void): Promise<{ error: Error; unwritten: PackStep[] } | null> {
  const queue = [...groups];
  for (let g = 0; g < queue.length; g++) {
    const group = queue[g]!;
    const error = await syncGroup(ctx, group, state);
    if (error && isRequestTooLarge(error) && group.length > 1) {
      const half = Math.ceil(group.length / 2);
      queue.splice(g, 1, group.slice(0, half), group.slice(half));
      g--;
      continue;
    }
    if (error) return { error, unwritten: queue.slice(g).flat() };
    onSynced?.(group, g + 1, queue.length);
  }
  return null;
}

/** Groups steps into syncs in order, as many as fit the budget in each (a larger one alone); the first group may take only `room`, and may be empty. */
export function syncGroups(steps: readonly PackStep[], budget: number, room = budget): PackStep[][] {
  const groups: PackStep[][] = [[]];
  let left = room;
  for (const step of steps) {
    if (step.bytes > left) {
      groups.push([step]);
      left = budget - step.bytes;
    } else {
      groups[groups.length - 1]!.push(step);
      left -= step.bytes;
    }
  }
  return groups;
}

/**
 * The steps laying out `layout` from sheet row `at`: `replace` deletes the sheet of its name (if the
 * state says there is one) and adds it anew, `add` adds it, `none` writes into the sheet as it is.
 */
export function layoutSteps(layout: SheetLayout, place: { at: number; open: 'replace' | 'add' | 'none' }, support: HostSupport, chunkBudget: number): PackStep[] {
  const width = Math.max(1, layout.widths.length, ...layout.rows.map((r) => r.length));
  const steps: PackStep[] = [];
  if (place.open !== 'none') steps.push(openStep(layout, place.open === 'replace', support));
  const rowBytes = layout.rows.map((r) => requestBytes(r.map((c) => c?.value ?? '')) + 24 * r.length);
  // A page break before each block but the first; before the appended page too when it is not the sheet's first.
  const breaks = [...(place.at > 0 ? [0] : []), ...layout.pageBreaks];
  for (const [start, end] of chunkRows(rowBytes, chunkBudget)) {
    steps.push(rowsStep(layout.name, layout.rows.slice(start, end), width, place.at + start, support.pageLayout ? breaks.filter((b) => b >= start && b < end).map((b) => place.at + b) : []));
  }
  for (const chart of layout.charts) steps.push(chartStep(layout.name, chart, place.at));
  return steps;
}

/** The sheet made anew: its column widths, and how it prints. */
function openStep(layout: SheetLayout, replace: boolean, support: HostSupport): PackStep {
  return {
    sheet: layout.name,
    bytes: COMMAND_BYTES * (4 + layout.widths.length + 16) + requestBytes(layout.print),
    queue: (ctx, state) => {
      const old = replace ? state.sheets.get(layout.name) : undefined;
      if (old && !old.isNullObject) old.delete();
      const ws = ctx.workbook.worksheets.add(layout.name);
      queueWidths(ws, layout.widths);
      if (support.pageLayout) queuePrint(ws, layout.print, pageScale(layout));
    },
  };
}

/** Column widths, one command per run of equal widths. */
function queueWidths(ws: Excel.Worksheet, widths: readonly number[]): void {
  for (let left = 0; left < widths.length;) {
    let right = left;
    while (right + 1 < widths.length && widths[right + 1] === widths[left]) right++;
    ws.getRangeByIndexes(0, left, 1, right - left + 1).format.columnWidth = widthPoints(widths[left]!);
    left = right + 1;
  }
}

/**
 * A width in characters (of the default font's "0", as the layouts and the file format give it) in
 * points, as Office.js takes it: 7 pixels a character and 5 of padding at 11-point Calibri, 0.75 point a pixel.
 */
export function widthPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** A4 landscape, the margins the print scale is worked out for, fitted or scaled, the header and footer, print titles (ExcelApi 1.9). */
function queuePrint(ws: Excel.Worksheet, print: LayoutPrint, scale: number | null): void {
  const page = ws.pageLayout;
  page.orientation = 'Landscape';
  page.paperSize = 'A4';
  // In points: 0.5 inch at the sides, 0.75 at the top and bottom, header and footer 0.3 from the edge (as src/run/packPrint.ts assumes).
  page.leftMargin = 36;
  page.rightMargin = 36;
  page.topMargin = 54;
  page.bottomMargin = 54;
  page.headerMargin = 21.6;
  page.footerMargin = 21.6;
  // Fitting to pages would ignore the manual page breaks, so a page per block prints at a fixed scale.
  page.zoom = scale === null ? { horizontalFitToPages: 1, verticalFitToPages: print.onePage ? 1 : 0 } : { scale };
  const all = page.headersFooters.defaultForAllPages;
  all.leftHeader = headerFooterText(print.header);
  all.leftFooter = PAGE_X_OF_Y;
  all.rightFooter = headerFooterText(print.footerRight);
  if (print.titleRows > 0) page.setPrintTitleRows(`$1:$${print.titleRows}`);
}

/** Rows of a layout from sheet row `top`: values, looks, fills, row heights, page breaks. */
function rowsStep(sheet: string, rows: readonly (readonly (LayoutCell | null)[])[], width: number, top: number, breaks: readonly number[]): PackStep {
  const values = rows.map((row) => Array.from({ length: width }, (_, k): Cell => textSafe(row[k]?.value ?? '')));
  const { named, fills } = looksOf(rows, top);
  const lists = named.filter((n) => setsFormat(n.style)).map(({ style, boxes }) => ({ style, lists: addressLists(boxes) }));
  const formats = named.filter((n) => n.style.numberFormat).flatMap(({ style, boxes }) => boxes.map((b) => ({ box: b, format: grid(b, style.numberFormat!) })));
  const props = fills.map((f) => ({ ...f, props: f.looks.map((s) => [cellProperties(s)]) }));
  const bytes = requestBytes(values) + COMMAND_BYTES * (3 + breaks.length)
    + lists.reduce((n, l) => n + l.lists.reduce((m, a) => m + a.length + COMMAND_BYTES * 6, 0), 0)
    + formats.reduce((n, f) => n + requestBytes(f.format) + COMMAND_BYTES, 0)
    + props.reduce((n, f) => n + requestBytes(f.props) + COMMAND_BYTES, 0);
  return {
    sheet,
    bytes,
    queue: (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const all = ws.getRangeByIndexes(top, 0, rows.length, width);
      all.values = values;
      for (const { style, lists: addresses } of lists) for (const a of addresses) applyLook(ws.getRanges(a).format, style);
      for (const f of formats) ws.getRangeByIndexes(f.box.top, f.box.left, f.box.bottom - f.box.top + 1, f.box.right - f.box.left + 1).numberFormat = f.format;
      for (const f of props) ws.getRangeByIndexes(f.top, f.col, f.props.length, 1).setCellProperties(f.props);
      // After the values and the wrapping: Excel sizes each row to the text it holds now.
      all.format.autofitRows();
      for (const b of breaks) ws.horizontalPageBreaks.add(`A${b + 1}`);
    },
  };
}

type Box = { top: number; left: number; bottom: number; right: number };

/**
 * The cells of some rows by look: for each named look, boxes (runs of the same look along a row, merged
 * down while the next row has the same run); for category fills, runs of filled cells down a column.
 */
function looksOf(rows: readonly (readonly (LayoutCell | null)[])[], top: number): { named: { style: LookStyle; boxes: Box[] }[]; fills: { top: number; col: number; looks: LookStyle[] }[] } {
  const named = new Map<string, Box[]>();
  const fills: { top: number; col: number; looks: LookStyle[] }[] = [];
  let open = new Map<string, Box>();
  let openFills = new Map<number, { top: number; col: number; looks: LookStyle[] }>();
  const nameOf = (c: LayoutCell | null | undefined) => (!c || typeof c.look === 'object' ? null : c.look ?? 'plain');
  rows.forEach((row, i) => {
    const next = new Map<string, Box>();
    const nextFills = new Map<number, { top: number; col: number; looks: LookStyle[] }>();
    for (let k = 0; k < row.length; k++) {
      const c = row[k];
      if (c && typeof c.look === 'object') {
        const run = openFills.get(k) ?? { top: top + i, col: k, looks: [] };
        if (run.looks.length === 0) fills.push(run);
        run.looks.push(lookStyle(c.look));
        nextFills.set(k, run);
        continue;
      }
      const look = nameOf(c);
      if (look === null) continue;
      let end = k;
      while (nameOf(row[end + 1]) === look) end++;
      const key = `${look}:${k}:${end}`;
      let box = open.get(key);
      if (box) box.bottom = top + i;
      else {
        box = { top: top + i, left: k, bottom: top + i, right: end };
        const boxes = named.get(look);
        if (boxes) boxes.push(box);
        else named.set(look, [box]);
      }
      next.set(key, box);
      k = end;
    }
    open = next;
    openFills = nextFills;
  });
  return { named: [...named].map(([look, boxes]) => ({ style: lookStyle(look as Exclude<LayoutCell['look'], object>), boxes })), fills };
}

/** Boxes as address lists ("A1:D1,B3:B9") of at most AREAS_CHARS characters each, for `Worksheet.getRanges`. */
export function addressLists(boxes: readonly SheetBox[]): string[] {
  const lists: string[] = [];
  let list = '';
  for (const b of boxes) {
    const a = `${columnLetters(b.left)}${b.top + 1}${b.bottom === b.top && b.right === b.left ? '' : `:${columnLetters(b.right)}${b.bottom + 1}`}`;
    if (list && list.length + 1 + a.length > AREAS_CHARS) {
      lists.push(list);
      list = '';
    }
    list = list ? `${list},${a}` : a;
  }
  if (list) lists.push(list);
  return lists;
}

function grid<T>(b: SheetBox, v: T): T[][] {
  return Array.from({ length: b.bottom - b.top + 1 }, () => Array.from({ length: b.right - b.left + 1 }, () => v));
}

/** The look sets something applyLook sets (a subtitle sets nothing; a percentage only its number format). */
const setsFormat = (s: LookStyle) => Boolean(s.bold || s.size || s.colour || s.fill || s.wrap || s.top);

/** A look's format on a range or on a RangeAreas (the font size and colour, bold, wrap, alignment; a look sets only what it names). */
function applyLook(format: Excel.RangeFormat, s: LookStyle): void {
  if (s.bold) format.font.bold = true;
  if (s.size) format.font.size = s.size;
  if (s.colour) format.font.color = s.colour;
  if (s.fill) format.fill.color = s.fill;
  if (s.wrap) format.wrapText = true;
  if (s.top) format.verticalAlignment = 'Top';
}

/** A look as the properties setCellProperties takes for one cell. */
function cellProperties(s: LookStyle): Excel.SettableCellProperties {
  return {
    format: {
      ...(s.fill ? { fill: { color: s.fill } } : {}),
      font: { ...(s.bold ? { bold: true } : {}), ...(s.colour ? { color: s.colour } : {}), ...(s.size ? { size: s.size } : {}) },
      ...(s.wrap ? { wrapText: true } : {}),
      ...(s.top ? { verticalAlignment: 'Top' as const } : {}),
    },
  };
}

/** A chart over the cells it reads (its labels' column and the series' columns, the names in the row above), coloured and placed as laid out. */
function chartStep(sheet: string, chart: LayoutChart, at: number): PackStep {
  const top = Math.min(...chart.series.map((s) => s.name.row)) + at;
  const right = Math.max(...chart.series.map((s) => s.values.right));
  const bytes = COMMAND_BYTES * (6 + chart.series.length * 4 + (chart.pointColours?.length ?? 0) * 2) + requestBytes(chart);
  return {
    sheet,
    bytes,
    queue: (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const source = ws.getRangeByIndexes(top, chart.labels.left, chart.labels.bottom + at - top + 1, right - chart.labels.left + 1);
      // With markers, so a trend of one run still shows its point.
      const c = ws.charts.add(chart.kind === 'line' ? 'LineMarkers' : 'ColumnClustered', source, 'Columns');
      c.title.text = chart.title;
      c.legend.visible = chart.series.length > 1;
      chart.series.forEach((s, i) => {
        const series = c.series.getItemAt(i);
        if (chart.kind === 'line') {
          series.format.line.color = s.colour;
          series.markerStyle = 'Circle';
          series.markerBackgroundColor = s.colour;
          series.markerForegroundColor = OUTLINE;
        } else series.format.fill.setSolidColor(s.colour);
      });
      chart.pointColours?.forEach((colour, k) => {
        const point = c.series.getItemAt(0).points.getItemAt(k);
        point.format.fill.setSolidColor(colour);
        point.format.border.color = OUTLINE;
      });
      // The layout anchors the chart's corner at the top left of `to`; setPosition covers its end cell whole.
      c.setPosition(cellAt(chart.from.row + at, chart.from.col), cellAt(chart.to.row + at - 1, chart.to.col - 1));
    },
  };
}

const cellAt = (row: number, col: number) => `${columnLetters(col)}${row + 1}`;

/** This run's row below the Run log's last, its headers first when the sheet is new or empty (or an older log of ours lacks some). */
function logStep(log: RunLogWrite, support: HostSupport): PackStep {
  return {
    sheet: log.sheet,
    bytes: requestBytes(log) + COMMAND_BYTES * (10 + log.widths.length + 16),
    queue: (ctx, state) => {
      const isNew = !state.log || state.log.isNullObject;
      const ws = isNew ? ctx.workbook.worksheets.add(log.sheet) : state.log!;
      const empty = isNew || !state.logUsed || state.logUsed.isNullObject;
      if (empty || log.rewriteHeaders) {
        const head = ws.getRangeByIndexes(0, 0, 1, log.headers.length);
        head.values = [log.headers.map(textSafe)];
        applyLook(head.format, lookStyle('header'));
      }
      if (isNew) queueWidths(ws, log.widths);
      const next = empty ? 1 : parseAddress(state.logUsed!.address).bottom + 1;
      const row = ws.getRangeByIndexes(next, 0, 1, log.row.length);
      row.values = [log.row.map(textSafe)];
      // Wrapped in its columns, the row as tall as its text: a long note (the columns read, those not in the
      // register) runs no further right than its column, where it ran across the page and shrank the print.
      applyLook(row.format, lookStyle('wrap'));
      row.format.autofitRows();
      if (support.pageLayout) queuePrint(ws, log.print, null);
    },
  };
}

/**
 * The task pane's side of the shared run: turns a region read through the workbook port into a run
 * plan (src/run/registerRun.ts, placed by the same rules as the command line's, with the live sheet's
 * marker and formula cells), and a plan into the port's write (the result block where placement put it,
 * with its marker, table and panes: paneBlock.ts; the SIG pack's sheets as the command line lays them
 * out, its trend read from the workbook's Run log; the Run log row); places each problem on its sheet
 * cell; compares one school under every framework; lays out one school's profile on request. The pane
 * adds only interaction on top.
 */
import { categoryText } from '../../core/categoryText';
import { toIsoDate, type CalendarDate } from '../../core/dates';
import type { CompiledFramework } from '../../core/engine';
import type { FieldKey } from '../../core/fields';
import { FIELDS } from '../../core/fields';
import { allFrameworks } from '../../core/frameworks';
import type { RunSettings } from '../../core/parameters';
import { fractionColumns } from '../../core/fractionColumns';
import { applyMappingOverrides } from '../../core/headers';
import { displayValue, type Problem } from '../../core/problems';
import { allProblems, categoriseRegister, provisionalText } from '../../core/register';
import { DATE_FORMAT, gridText, type Cell, type GridValue } from '../workbook/cell';
import { CancelledError, parseAddress, valuesAsSeen, type CellAddress, type HeadWriter, type PaneSettings, type RegisterRegion, type ResultBlock, type RunWrite, type WorkbookPort, type WriteReport } from '../workbook/port';
import { locateRegister } from './locateRegister';
import { buildPack, packHeading, schoolProfile, type Pack } from './pack';
import { profilesLayout, runLogPrint, summaryLayout, type SheetLayout } from './packSheets';
import { blockPlacement, placementOptions } from './paneBlock';
import { DUE_COLUMN, RESULT_HEADERS, placementSettled, planRunSteps, runFieldsFor, runLayout, type RunLayout, type RunPlan } from './registerRun';
import { drain, type StepProgress } from '../../core/register';
import { readRunLog, RUN_LOG_HEADERS, RUN_LOG_SHEET, RUN_LOG_WIDTHS, runLogRow } from './runLog';
import { rowsIn1900System, serialForWorkbook } from './workbookDates';
import { percentCellsAsShown } from './percentCells';

/** The analyst's mapping corrections: field to column index in the region (or `null`: unmapped). */
export type MappingOverrides = Readonly<Partial<Record<FieldKey, number | null>>>;

/** Columns of the Run log sheet: the same log as the command line's. */
export { RUN_LOG_HEADERS };

/** Where a region came from, in the words messages use. */
export function regionSource(region: RegisterRegion): string {
  return region.kind === 'table' ? `table "${region.table}" on sheet "${region.sheet}"` : `sheet "${region.sheet}" (${region.address})`;
}

/** Plans a run on a region read through the port, with the workbook's parameters. Throws `RunError` when the register cannot run. */
export function planRegion(region: RegisterRegion, framework: CompiledFramework, asOf: CalendarDate, overrides?: MappingOverrides, settings?: RunSettings): RunPlan {
  return drain(planRegionSteps(region, framework, asOf, overrides, settings));
}

/** `planRegion` in steps of rows categorised (src/run/registerRun.ts `planRunSteps`). */
export function planRegionSteps(region: RegisterRegion, framework: CompiledFramework, asOf: CalendarDate, overrides?: MappingOverrides, settings?: RunSettings): Generator<StepProgress, RunPlan, void> {
  const seen = valuesAsSeen(region);
  // A region read in part holds only the run's fields past its first rows: every row is read in those alone.
  const fields = region.partial ? runFieldsFor(framework) : undefined;
  return planRunSteps(seen, { framework, asOf, settings, source: regionSource(region), mappingOverrides: overrides, firstRowNumber: region.top + 1, fields, dateSystem: region.dateSystem, percentCells: percentCellsOf(region), ...placementOptions(region, seen) });
}

/** The cells of a region a percentage format shows, as a run asks them (`RunOptions.percentCells`); undefined when its formats were not read. */
function percentCellsOf(region: RegisterRegion): ((row: number, column: number) => boolean) | undefined {
  const percent = region.percentCells;
  return percent && ((row, column) => percent.get(column)?.has(row) === true);
}

/**
 * The grid columns whose number formats runs of the frameworks need (ReadControl `percentColumns`): those
 * of the fields they read whose numbers cannot say they are shown as percentages (src/run/percentCells.ts),
 * a rate per 100 pupils (0.052 shown as 5.2% is a rate of 5.2; 0.5 in a General cell is a rate of 0.5).
 * Not a percentage, whose numbers say it (0.85 is 85%), nor percentage points, whose column says it when it
 * holds five or more (core/fractionColumns.ts): a country's register with a gap column read for Herefordshire
 * took a response more with that column's formats (measured on the Excel double). None, and the head not
 * laid out, where no framework reads such a field (the five built-ins); none when it has no header row.
 */
export function percentColumnsForRun(head: RegisterRegion, frameworks: readonly CompiledFramework[], overrides?: MappingOverrides): number[] {
  const fields = new Set<FieldKey>();
  for (const fw of frameworks) {
    for (const f of runFieldsFor(fw)) {
      const type = FIELDS[f].type;
      if (type.kind === 'number' && type.unit === 'per-hundred') fields.add(f);
    }
  }
  if (fields.size === 0) return [];
  const seen = valuesAsSeen(head);
  let layout: RunLayout;
  try {
    layout = runLayout(seen, { source: regionSource(head), firstRowNumber: head.top + 1, mappingOverrides: overrides, ...placementOptions(head, seen) });
  } catch {
    return [];
  }
  const byField = layout.located.mapping.byField;
  return [...fields].flatMap((f) => (byField[f] === undefined ? [] : [byField[f]!]));
}

/**
 * The grid columns a run of the framework reads past the region's first rows (`head`, with the header):
 * the columns of the fields it reads or shows (`runFieldsFor`), as the run maps them; every column right
 * of the last header, where a new result block may go; and the earlier block's columns (its categories
 * are this run's previous ones), found by the marker or the headers; the top-left column of a merged area
 * covering any of those (its value shows in them). Placement counts the cells not read
 * as taken, so a block never goes over them. `null` (read every column) when the head has no header row.
 */
export function columnsForRun(head: RegisterRegion, framework: CompiledFramework, overrides?: MappingOverrides): number[] | null {
  const seen = valuesAsSeen(head);
  const options = placementOptions(head, seen);
  let layout: RunLayout;
  try {
    layout = runLayout(seen, { source: regionSource(head), firstRowNumber: head.top + 1, mappingOverrides: overrides, ...options });
  } catch {
    return null;
  }
  const width = seen.reduce((w, r) => Math.max(w, r.length), 0);
  const columns = new Set<number>();
  const byField = layout.located.mapping.byField;
  for (const f of runFieldsFor(framework)) if (byField[f] !== undefined) columns.add(byField[f]!);
  const header = seen[layout.located.headerIndex] ?? [];
  let last = header.length - 1;
  while (last >= 0 && gridText(header[last]).trim() === '') last--;
  for (let c = last + 1; c < width; c++) columns.add(c);
  for (const c of [...layout.placement.columns, ...(layout.placement.previous ?? []), ...Object.values(options.marker?.columns ?? {})]) if (typeof c === 'number') columns.add(c);
  // A merged area shows its top-left cell's value in every cell it covers (valuesAsSeen): that cell is read too.
  for (let added = true; added; ) {
    added = false;
    for (const m of head.merged ?? []) {
      const master = m.left - head.left;
      if (columns.has(master)) continue;
      for (let c = master + 1; c <= m.right - head.left && !added; c++) {
        if (columns.has(c)) {
          columns.add(master);
          added = true;
        }
      }
    }
  }
  return [...columns].filter((c) => c >= 0 && c < width).sort((a, b) => a - b);
}

/** A run id for the marker: random, so two runs are never confused. */
export function newRunId(): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === 'function') return c.randomUUID();
  return Array.from({ length: 4 }, () => Math.floor(Math.random() * 2 ** 32).toString(16).padStart(8, '0')).join('-');
}

/** The SIG pack of a run on the region, its trend from the runs the workbook's Run log records. */
export function packOfRun(region: RegisterRegion, plan: RunPlan, framework: CompiledFramework, asOf: CalendarDate, ranAt: Date, settings?: RunSettings): Pack {
  return buildPack(plan, framework, { asOf, ranAt, source: regionSource(region), history: readRunLog(region.runLog ?? []), settings });
}

/** The result block of a plan: contiguous rows from below the header to the last data row, in the columns placement chose. */
export function resultBlock(region: RegisterRegion, plan: RunPlan, framework: CompiledFramework, asOf: CalendarDate, runId: string): ResultBlock {
  const firstGridRow = plan.located.headerIndex + 1;
  const lastGridRow = plan.rows.length ? plan.rows[plan.rows.length - 1]!.gridRow : firstGridRow - 1;
  const blank: Cell[] = RESULT_HEADERS.map(() => '');
  const rows: (readonly Cell[])[] = [];
  const fills: ({ colour: string; textColour: string } | null)[] = [];
  const byRow = new Map(plan.rows.map((r) => [r.gridRow, r]));
  for (let g = firstGridRow; g <= lastGridRow; g++) {
    const r = byRow.get(g);
    rows.push(r ? inWorkbookSystem(r.cells, region) : blank);
    fills.push(r?.fill ?? null);
  }
  return {
    sheet: region.sheet,
    headerRow: region.top + plan.located.headerIndex,
    ...blockPlacement(region, plan, { runId, frameworkId: framework.definition.id, asOf: toIsoDate(asOf), lastRow: region.top + lastGridRow }),
    firstRow: region.top + firstGridRow,
    rows,
    fills,
    fillColumn: 0,
    dateColumn: DUE_COLUMN,
    dateFormat: DATE_FORMAT,
  };
}

/** A row's results with its "Next inspection due" date as the region's workbook holds dates. */
function inWorkbookSystem(cells: readonly Cell[], region: RegisterRegion): readonly Cell[] {
  const due = cells[DUE_COLUMN];
  if (typeof due !== 'number' || region.dateSystem !== '1904') return cells;
  return cells.map((c, i) => (i === DUE_COLUMN ? serialForWorkbook(due, region.dateSystem) : c));
}

/** The port write for a plan: the result block; the pack's sheets; the Run log row. */
export function runWrite(region: RegisterRegion, plan: RunPlan, framework: CompiledFramework, asOf: CalendarDate, ranAt: Date, runId = newRunId(), settings?: RunSettings, pack = packOfRun(region, plan, framework, asOf, ranAt, settings)): RunWrite {
  return {
    block: resultBlock(region, plan, framework, asOf, runId),
    pack: [summaryLayout(pack), profilesLayout(pack)].map((layout) => ({ ...layout, name: ourSheetName(region, layout.name) })),
    log: {
      sheet: ourSheetName(region, RUN_LOG_SHEET),
      headers: RUN_LOG_HEADERS,
      row: runLogRow(plan, { framework, asOf, settings, source: regionSource(region), ranAt }),
      rewriteHeaders: olderLogOfOurs(region.runLog),
      widths: RUN_LOG_WIDTHS,
      print: runLogPrint(pack),
    },
  };
}

/**
 * The name a sheet of ours takes: its own when no sheet has it, or when the one that has it is ours (its
 * content is a pack or a Run log of ours); else the first free "name (2)", so a sheet an analyst happens
 * to call "SIG summary" or "Run log" is never replaced or written into.
 */
export function ourSheetName(region: RegisterRegion, name: string): string {
  const taken = new Set((region.sheetNames ?? []).map((n) => n.toLowerCase()));
  const ours = new Set((region.ourSheets ?? []).map((n) => n.toLowerCase()));
  for (let k = 1; ; k++) {
    const candidate = k === 1 ? name : `${name} (${k})`;
    if (!taken.has(candidate.toLowerCase()) || ours.has(candidate.toLowerCase())) return candidate;
  }
}

/** The Run log's header row is ours from before later columns were added (the pane's first logs had no "Counts"): the headers are written again, so later runs read its counts back. */
function olderLogOfOurs(log: RegisterRegion['runLog']): boolean {
  const head = (log?.[0] ?? []).map((h) => gridText(h).trim());
  while (head.length && head[head.length - 1] === '') head.pop();
  return head.length > 0 && head.length < RUN_LOG_HEADERS.length && head.every((h, i) => h === RUN_LOG_HEADERS[i]);
}

/** The phases of a run from the pane, in order. */
export type RunPhase = 'reading' | 'categorising' | 'writing';

/**
 * Where a run is: its phase and a fraction of it, counted in what the phase does (rows read of the
 * region's rows; schools categorised of the register's; syncs written of those the write plans, the
 * result rows' chunks first, then the SIG pack's sheets and the Run log), and the sheet being written.
 */
export interface RunProgress {
  readonly phase: RunPhase;
  readonly done: number;
  readonly total: number;
  /** While writing: result rows written of the block's rows. */
  readonly rows?: { readonly done: number; readonly total: number };
  /** While writing: the sheet the last sync wrote to. */
  readonly sheet?: string;
}

/** How a run from the pane ended: the phase it reached, and what it had made by then. */
export interface PaneRun {
  readonly status: 'done' | 'cancelled' | 'failed';
  /** The phase it ended in. */
  readonly phase: RunPhase;
  readonly region: RegisterRegion | null;
  readonly plan: RunPlan | null;
  readonly pack: Pack | null;
  readonly write: RunWrite | null;
  /** The write's report, once writing began. */
  readonly report: WriteReport | null;
  /**
   * The first rows' results written along the register's last read (their place was settled by then):
   * the block of those rows, and how many of its rows are written. The run's own write goes on after
   * them; a run stopped before it leaves them, as a write stopped halfway leaves its first rows.
   */
  readonly early?: { readonly block: ResultBlock; readonly rows: number };
  /** Schools categorised when a cancel stopped categorising. */
  readonly categorised?: StepProgress;
  /** What stopped the run when reading or planning failed (a `RunError` when the register cannot be categorised). */
  readonly error?: unknown;
}

/** Time the categorising phase runs before it lets the page paint and a cancel arrive. */
const SLICE_MS = 40;

/** Drains a plan's steps, letting the page paint every `SLICE_MS` (`onStep` hears where it is); `null` when a cancel stopped it. */
async function planInSlices(steps: Generator<StepProgress, RunPlan, void>, pause: () => Promise<void>, signal: AbortSignal | undefined, onStep: (at: StepProgress) => void): Promise<RunPlan | null> {
  let slice = Date.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (Date.now() - slice < SLICE_MS) continue;
    onStep(next.value);
    await pause();
    slice = Date.now();
    if (signal?.aborted) return null;
  }
}

/** Where a block goes and what comes with it, without its rows: the same for a register's first rows as for all of them. */
const samePlace = (a: ResultBlock, b: ResultBlock) =>
  JSON.stringify([a.sheet, a.headerRow, a.firstRow, a.columns, a.headers, a.table, a.freeze]) === JSON.stringify([b.sheet, b.headerRow, b.firstRow, b.columns, b.headers, b.table, b.freeze]);

/** Whether the first `n` rows of two blocks hold the same results and fills. */
function sameRows(a: ResultBlock, b: ResultBlock, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const x = a.rows[i];
    const y = b.rows[i];
    if (!x || !y || x.length !== y.length || x.some((c, k) => c !== y[k])) return false;
    if (a.fills[i]?.colour !== b.fills[i]?.colour || a.fills[i]?.textColour !== b.fills[i]?.textColour) return false;
  }
  return true;
}

/**
 * A run as the pane makes it: reads the register afresh, categorises it in steps, writes the results,
 * the SIG pack and the Run log; `onProgress` hears each phase move, and a cancel stops it between two
 * syncs or two steps of categorising (every sync writes whole rows). Nothing is written until the last
 * read, and then only when the rows read before it settle where the results go (an earlier block's
 * columns, or new ones right of every cell of the register, `placementSettled`): their results ride on
 * that read, whose request is otherwise empty, so a country's register takes one sync fewer. `overrides`
 * gives the analyst's mapping for the region as read. Never throws.
 */
export async function runOnPort(
  port: WorkbookPort,
  framework: CompiledFramework,
  asOf: CalendarDate,
  options: {
    readonly overrides?: (region: RegisterRegion) => MappingOverrides;
    /** The register the pane found before: read again where it is, whatever sheet is active now. */
    readonly from?: { readonly sheet: string; readonly table?: string };
    readonly signal?: AbortSignal;
    readonly onProgress?: (progress: RunProgress) => void;
    readonly ranAt?: Date;
    readonly runId?: string;
    /** The workbook's parameters (Authority settings) for the framework at the as-of date. */
    readonly settings?: RunSettings;
    /** Lets the page paint between slices of categorising (default: a macrotask). */
    readonly pause?: () => Promise<void>;
  } = {},
): Promise<PaneRun> {
  const { signal, onProgress, settings } = options;
  const pause = options.pause ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const ranAt = options.ranAt ?? new Date();
  const runId = options.runId ?? newRunId();
  let early: { block: ResultBlock; rows: number } | null = null;
  const stopped = (status: 'cancelled' | 'failed', phase: RunPhase, rest: Partial<PaneRun> = {}): PaneRun =>
    ({ region: null, plan: null, pack: null, write: null, report: null, status, phase, ...(early ? { early } : {}), ...rest });
  // The block of the first rows read, when their place is settled (`null` otherwise): their results ride on the last read.
  const settledHead = async (head: RegisterRegion): Promise<ResultBlock | null> => {
    const overrides = options.overrides?.(head);
    const box = parseAddress(head.address);
    const seen = valuesAsSeen(head);
    const layout = { source: regionSource(head), firstRowNumber: head.top + 1, mappingOverrides: overrides, ...placementOptions(head, seen) };
    if (!placementSettled(seen, layout, box.bottom - box.top + 1, box.right - box.left + 1)) return null;
    let plan: RunPlan | null;
    try {
      plan = await planInSlices(planRegionSteps(head, framework, asOf, overrides, settings), pause, signal, () => {});
    } catch {
      // The whole register's plan says why it cannot run.
      return null;
    }
    return plan && !signal?.aborted ? resultBlock(head, plan, framework, asOf, runId) : null;
  };
  let headBlock: ResultBlock | null = null;
  const headWriter: HeadWriter = {
    block: async (head) => (headBlock = await settledHead(head)),
    written: (rows) => {
      if (rows > 0) early = { block: headBlock!, rows };
    },
  };
  onProgress?.({ phase: 'reading', done: 0, total: 0 });
  let region: RegisterRegion;
  try {
    // Past its first rows, only the columns this run needs are read (a country's register then fits fewer responses).
    const columns = (head: RegisterRegion) => columnsForRun(head, framework, options.overrides?.(head));
    const percentColumns = (head: RegisterRegion) => percentColumnsForRun(head, [framework], options.overrides?.(head));
    region = await port.readRegister({
      from: options.from, signal, columns, percentColumns, onProgress: (done, total) => onProgress?.({ phase: 'reading', done, total }),
      headWriter,
    });
  } catch (e) {
    return e instanceof CancelledError ? stopped('cancelled', 'reading') : stopped('failed', 'reading', { error: e });
  }
  if (signal?.aborted) return stopped('cancelled', 'reading', { region });
  let plan: RunPlan;
  let pack: Pack;
  let at: StepProgress = { done: 0, total: 0 };
  try {
    onProgress?.({ phase: 'categorising', ...at });
    const planned = await planInSlices(planRegionSteps(region, framework, asOf, options.overrides?.(region), settings), pause, signal, (step) => {
      at = step;
      onProgress?.({ phase: 'categorising', ...at });
    });
    if (planned === null) return stopped('cancelled', 'categorising', { region, categorised: at });
    plan = planned;
    // Done, on the steps' own count (the register's rows, blank ones included), so the total never changes at the end.
    const total = at.total || plan.rows.length;
    at = { done: total, total };
    onProgress?.({ phase: 'categorising', ...at });
    await pause();
    if (signal?.aborted) return stopped('cancelled', 'categorising', { region, categorised: at });
    pack = packOfRun(region, plan, framework, asOf, ranAt, settings);
  } catch (e) {
    return stopped('failed', 'categorising', { region, error: e });
  }
  const write = runWrite(region, plan, framework, asOf, ranAt, runId, settings, pack);
  if (signal?.aborted) return stopped('cancelled', 'categorising', { region, plan, pack, write, categorised: at });
  // Set by the read's callback, which the compiler does not follow.
  const ridden = early as { block: ResultBlock; rows: number } | null;
  // Rows written along the read went where placement over the first rows put them; the whole register must agree.
  if (ridden && !samePlace(ridden.block, write.block)) {
    return stopped('failed', 'writing', { region, plan, pack, write, error: new Error(`The results of the first ${ridden.rows} rows were written to columns ${ridden.block.columns.join(', ')} before the whole register was read, and the whole register places them elsewhere: run again to write every row in one place.`) });
  }
  // The rows that rode hold what the whole register's plan gives them (a row's results depend on it and the rows
  // before it); were one to differ, the write starts again from the first row rather than leave it.
  const written = ridden && sameRows(ridden.block, write.block, ridden.rows) ? ridden.rows : 0;
  onProgress?.({ phase: 'writing', done: 0, total: 1, rows: { done: written, total: write.block.rows.length } });
  const report = await port.writeRun(write, {
    signal,
    written,
    onProgress: (rows, totalRows, step) => onProgress?.({ phase: 'writing', done: step.syncsDone, total: step.syncsTotal, rows: { done: rows, total: totalRows }, sheet: step.sheet }),
  });
  return { status: report.status, phase: 'writing', region, plan, pack, write, report, ...(ridden ? { early: ridden } : {}) };
}

/** One school's profile page, as the pack lays profiles out; `layout` is null when the school has no category (its problems say why). */
export interface SchoolProfilePage {
  readonly school: string;
  readonly layout: SheetLayout | null;
  readonly problems: readonly string[];
}

/**
 * The profile page of the school on sheet row `row` (0-based) under a framework: the pack's profile
 * layout for a pack of that one school; `null` when the row is not a data row of the region. Throws
 * `RunError` when the register cannot run.
 */
export function profilePageOfRow(region: RegisterRegion, row: number, framework: CompiledFramework, asOf: CalendarDate, options: { overrides?: MappingOverrides; ranAt?: Date; settings?: RunSettings } = {}): SchoolProfilePage | null {
  const plan = planRegion(region, framework, asOf, options.overrides, options.settings);
  const r = plan.rows.find((x) => region.top + x.gridRow === row);
  if (!r) return null;
  const school = r.outcome.record.schoolName ?? `Row ${row + 1}`;
  if (!r.outcome.result) return { school, layout: null, problems: r.outcome.problems.filter((p) => p.severity === 'error').map((p) => p.message) };
  const settings = options.settings;
  const profile = settings ? schoolProfile(r, framework, asOf, settings.params, settings.national) : schoolProfile(r, framework, asOf);
  const layout = profilesLayout({ ...packHeading(framework, asOf, options.ranAt ?? new Date()), profiles: [profile], profilesNotShown: 0 });
  // Appended to our School profiles, never to an analyst's sheet of that name (the run's own naming rule).
  return { school, layout: { ...layout, name: ourSheetName(region, layout.name) }, problems: [] };
}

/** Sheet rows (1-based, as Excel shows them) written by the first `rowsDone` rows of a report. */
export function rowsDoneText(write: RunWrite, report: WriteReport): string {
  if (report.rowsDone === 0) return 'no rows';
  const first = write.block.firstRow + 1;
  return `sheet rows ${first} to ${first + report.rowsDone - 1}`;
}

/** A problem as the pane lists it, with the cell it is about. */
export interface PlacedProblem {
  readonly severity: 'error' | 'warning';
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly expected: string;
  readonly message: string;
  /** The sheet cell to select; `null` for a register-level problem (a missing column). */
  readonly cell: CellAddress | null;
}

/** Every problem of a plan (register first, then by row), each placed on its sheet cell. */
export function placeProblems(region: RegisterRegion, plan: RunPlan): PlacedProblem[] {
  const headerRow = plan.located.headerRow;
  const columnOf = (name: string) => headerRow.findIndex((h) => String(h).trim() === name.trim());
  const all = allProblems(plan.outcome);
  return all.map((p) => {
    const col = columnOf(p.column);
    return {
      severity: p.severity,
      row: p.row,
      column: p.column,
      value: p.row > 0 ? displayValue(p.value) : '',
      expected: p.expected,
      message: p.message,
      cell: p.row > 0 && col >= 0 ? { sheet: region.sheet, row: p.row - 1, column: region.left + col } : null,
    };
  });
}

/** Register-level problems (the columns a framework needs and the register lacks), as the pane lists them: no cell to select. */
export function placeRegisterProblems(problems: readonly Problem[]): PlacedProblem[] {
  return problems.map((p) => ({ severity: p.severity, row: p.row, column: p.column, value: '', expected: p.expected, message: p.message, cell: null }));
}

/** One framework's verdict on one school. */
export interface Comparison {
  readonly framework: string;
  readonly name: string;
  readonly category: string | null;
  readonly colour: string | null;
  readonly textColour: string | null;
  readonly reasons: readonly string[];
  /** Why there is no category (the row's errors). */
  readonly problems: readonly string[];
}

/** The school's inspection risk, the same under every framework: the summary line, then every point. */
export interface RiskExplanation {
  readonly summary: string;
  readonly points: readonly string[];
}

/**
 * The school on sheet row `row` (0-based) under every framework (default: the built-ins; the pane gives
 * the workbook's, each with its parameters), with its inspection risk explained; `null` when the row is
 * not a data row of the region.
 */
export function compareRow(
  region: RegisterRegion, row: number, asOf: CalendarDate, overrides?: MappingOverrides,
  frameworks: readonly { readonly framework: CompiledFramework; readonly settings?: RunSettings }[] = allFrameworks().map((framework) => ({ framework })),
): { school: string; comparisons: Comparison[]; risk: RiskExplanation | null } | null {
  const seen = valuesAsSeen(region);
  const located = locateRegister(seen, region.top + 1);
  if (!located) return null;
  const gridRow = row - region.top;
  if (gridRow <= located.headerIndex || gridRow >= seen.length) return null;
  const header = located.headerRow;
  if (seen[gridRow]!.every((c) => c === '')) return null;
  const mapping = overrides ? applyMappingOverrides(located.mapping, overrides) : located.mapping;
  const percent = percentCellsOf(region);
  const values = percentCellsAsShown(rowsIn1900System([seen[gridRow]!], mapping, region.dateSystem), mapping, (_, c) => percent?.(gridRow, c) === true)[0]!;
  // The register's percentage columns of fractions, as a run over every row reads them: the school's 1 there is 100% here too.
  const fractions = fractionColumns(mapping, located.rows);
  let school = '';
  let risk: RiskExplanation | null = null;
  const comparisons = frameworks.map(({ framework: fw, settings }): Comparison => {
    // headerRowNumber is the sheet row of the header as if the school's row came straight after it, so messages name the school's row.
    const outcome = categoriseRegister(fw, header, [values], { asOf, headerRowNumber: row, mapping, params: settings?.params, national: settings?.national, fractionColumns: fractions });
    const r = outcome.rows[0];
    school = r?.record.schoolName ?? school;
    if (!risk && r?.inspection) {
      const [summary = '', ...points] = r.inspection.riskReasons;
      risk = { summary, points };
    }
    const res = r?.result ?? null;
    return {
      framework: fw.definition.id,
      name: fw.definition.name,
      category: res ? categoryText(res.label, res.variant?.label, r!.provisional !== null) : null,
      colour: res?.colour ?? null,
      textColour: res?.textColour ?? null,
      reasons: res ? [...res.reasons.map((x) => x.text), ...(r!.provisional ? [provisionalText(r!.provisional)] : [])] : [],
      problems: [...outcome.registerProblems, ...(r?.problems ?? [])].filter((p) => p.severity === 'error').map((p) => p.message),
    };
  });
  return { school: school || `Row ${row + 1}`, comparisons, risk };
}

/** The saved mapping (field to header text) as overrides on a header row; headers no longer present are ignored. */
export function overridesFromSettings(headerRow: readonly GridValue[], mapping: PaneSettings['mapping']): MappingOverrides {
  const out: Partial<Record<FieldKey, number | null>> = {};
  for (const [field, header] of Object.entries(mapping)) {
    if (!Object.hasOwn(FIELDS, field)) continue;
    if (header === null) out[field as FieldKey] = null;
    else {
      const i = headerRow.findIndex((h) => gridText(h).trim() === header);
      if (i >= 0) out[field as FieldKey] = i;
    }
  }
  return out;
}

/** Overrides as they are saved: field to header text, so a column moved later still maps. */
export function settingsFromOverrides(headerRow: readonly GridValue[], overrides: MappingOverrides): PaneSettings['mapping'] {
  return Object.fromEntries(Object.entries(overrides).map(([f, i]) => [f, i === null || i === undefined ? null : gridText(headerRow[i]).trim()]));
}

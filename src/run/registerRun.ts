/**
 * The run shared by the task pane and the command line: locate the register on a sheet, categorise
 * it, and plan what to write: the result columns to the right of the analyst's own (refreshed in place
 * when an earlier run wrote them), their fills, the SIG summary and the run record. Plain data only:
 * each shell's workbook writer carries it out.
 */
import { categoryText, categoryOfText } from '../../core/categoryText';
import { absentColumnNote, absentColumnsNamed } from '../../core/columns';
import { toIsoDate, toUkDate, toExcelSerial, type CalendarDate } from '../../core/dates';
import { categoryRank, type CompiledFramework } from '../../core/engine';
import { nationalParameters, type InspectionOptions, type InspectionOutlook } from '../../core/deriveFacts';
import { originText } from '../../core/frameworkFile';
import { ruleSetInForce } from '../../core/ofsted';
import { valueInForceText, type RunSettings } from '../../core/parameters';
import type { FieldKey } from '../../core/fields';
import { applyMappingOverrides } from '../../core/headers';
import type { Problem } from '../../core/problems';
import { reasonLines } from '../../core/reasonLines';
import { categoriseRegisterSteps, drain, fieldsReadFor, provisionalText, type RegisterOutcome, type RowOutcome, type StepProgress } from '../../core/register';
import { gridText, type Cell, type GridValue } from '../workbook/cell';
import { belowTableNote, locateRegister, type LocatedRegister, type SheetTable } from './locateRegister';
import type { DateSystem } from '../workbook/dateSystem';
import { registerRowsIn1900System } from './workbookDates';
import { registerRowsAsShown } from './percentCells';
import { isBlankValue, placeResults, RESULT_HEADERS, type Placement, type PlacementInput, type ResultMarker } from './resultPlacement';

export { RESULT_COLUMNS, RESULT_HEADERS, type ResultMarker } from './resultPlacement';
/** Index of the date column among the results (written as an Excel date). */
export const DUE_COLUMN = RESULT_HEADERS.indexOf('Next inspection due');
const CATEGORY_COLUMN = RESULT_HEADERS.indexOf('Category');
const PREVIOUS_COLUMN = RESULT_HEADERS.indexOf('Previous category (last run)');

/**
 * Against the previous run: more or less concern, or no change; `new` for a school the previous run did
 * not have; `other` where the previous category is not one of this framework's (the previous run was
 * under another framework). No movement at all (`null`) when there was no previous run.
 */
export type Movement = 'up' | 'down' | 'same' | 'new' | 'other';

/** One data row's results. */
export interface RowPlan {
  /** 0-based row index in the sheet grid. */
  readonly gridRow: number;
  readonly outcome: RowOutcome;
  /** One cell per RESULT_HEADERS entry. */
  readonly cells: readonly Cell[];
  readonly fill: { readonly colour: string; readonly textColour: string } | null;
  readonly movement: Movement | null;
}

/** What a run will write. */
export interface RunPlan {
  readonly located: LocatedRegister;
  readonly outcome: RegisterOutcome;
  /** Where the result columns go (grid columns, one per result), and what the analyst should know about it. */
  readonly placement: Placement;
  /** An earlier run's result block was found and is refreshed in place. */
  readonly refreshing: boolean;
  readonly rows: readonly RowPlan[];
  readonly summary: RunSummary;
}

/** Counts and lists for the SIG summary and the run record. */
export interface RunSummary {
  /** Schools per category, and how many of them are provisional (blank cells could make them more concerning). */
  readonly counts: readonly { readonly id: string; readonly label: string; readonly colour: string; readonly textColour: string; readonly schools: number; readonly provisional: number }[];
  /**
   * Columns the framework reads that the register lacks but can run without: the column (for the inputs of
   * worked-out facts, `input`, their labels), and a sentence saying what could not fire or what was worked out without them.
   */
  readonly absentColumns: readonly { readonly column: string; readonly note: string; readonly input: boolean; readonly inputOf?: readonly string[]; readonly records?: string }[];
  /**
   * What the register's reading says of whole columns (a gap column read as points, a percentage column of
   * only 0s and 1s, a header repeated): it changes, or may change, every school's value, so each run says it.
   */
  readonly columnNotes: readonly string[];
  readonly notCategorised: number;
  readonly errors: number;
  readonly warnings: number;
  readonly movements: readonly { readonly name: string; readonly urn: string; readonly previous: string; readonly now: string; readonly movement: Movement }[];
  readonly highest: readonly { readonly name: string; readonly urn: string; readonly category: string; readonly reasons: string }[];
}

/** Why a run cannot start: no header row, or a column the framework needs is missing (then `problems` lists them). */
export class RunError extends Error {
  constructor(
    message: string,
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = 'RunError';
  }
}

/** Options of one run. */
export interface RunOptions {
  readonly framework: CompiledFramework;
  readonly asOf: CalendarDate;
  /** The parameters the analyst set, checked (core/parameters.ts); default: every default in force at `asOf`. */
  readonly settings?: RunSettings;
  /** The analyst's choices for the inspection outlook (horizon, window coverage, rules). */
  readonly inspection?: InspectionOptions;
  /** Shown in messages: "register.xlsx (sheet Autumn)". */
  readonly source: string;
  /** The analyst's corrections to the automatic header mapping (field to column index in `values`, or `null`: unmapped). */
  readonly mappingOverrides?: Readonly<Partial<Record<FieldKey, number | null>>>;
  /** Sheet row number of the first row of `values` (1 unless the grid is a table lower down the sheet), so messages name sheet rows. */
  readonly firstRowNumber?: number;
  /** The marker an earlier run left in the workbook (`null`: none; a CSV has none). */
  readonly marker?: ResultMarker | null;
  /** A cell holds something even where its value shows blank (a formula giving ""). */
  readonly occupied?: (row: number, column: number) => boolean;
  /** How a grid column is named in notes ("BQ"). */
  readonly columnName?: (column: number) => string;
  /** The sheet's tables with totals rows: the register ends above its own table's (locateRegister). */
  readonly sheetTables?: readonly SheetTable[];
  /** What the analyst should know about how the file was read (a CSV's guessed encoding), for the run record. */
  readonly fileWarnings?: readonly string[];
  /** The run that wrote the earlier result block, as its marker records it (`null`: none known). */
  readonly previousRun?: { readonly frameworkId: string; readonly asOf: string } | null;
  /** Read only these fields' columns (`runFieldsFor`: the task pane reads no others past its first rows); default every mapped column. */
  readonly fields?: ReadonlySet<FieldKey>;
  /** The date system of the workbook the values come from (src/run/workbookDates.ts): in a 1904 one, a number in a date field's column is the workbook's serial; default the 1900 system. */
  readonly dateSystem?: DateSystem | null;
  /** The cells (row and column in `values`) whose reading moved them to the 1900 system already: the command line's reading moves the cells formatted as dates (`SheetGrid.isDateCell`); default none, as Office.js gives them. */
  readonly movedDates?: (row: number, column: number) => boolean;
  /** The cells (row and column in `values`) a percentage format shows: the command line's reading knows them (`SheetGrid.isPercentCell`), and a rate per 100 pupils in one is read as it shows (src/run/percentCells.ts); default none, as Office.js gives no formats. */
  readonly percentCells?: (row: number, column: number) => boolean;
}

/** Fields a run's outputs show beside those the framework and the risk model read: the school's name, the analyst's previous category, the date of the previous graded inspection the pack prints. */
const SHOWN_FIELDS = ['schoolName', 'previousCategory', 'previousInspectionDate'] as const satisfies readonly FieldKey[];

/** Every field a run of the framework reads or shows: its cells are all a run needs of the register's columns. */
export function runFieldsFor(fw: CompiledFramework): ReadonlySet<FieldKey> {
  return new Set<FieldKey>([...fieldsReadFor(fw), ...SHOWN_FIELDS]);
}

/** Where a run's results go and how it maps the register: placement's decision, and the header mapped with our result columns blanked and the analyst's corrections applied. */
export interface RunLayout {
  readonly placement: Placement;
  readonly located: LocatedRegister;
}

type LayoutOptions = Pick<RunOptions, 'source' | 'firstRowNumber' | 'marker' | 'occupied' | 'columnName' | 'mappingOverrides' | 'sheetTables'>;

/** The register located in the values, and what placement is asked. Throws `RunError` when there is no header row. */
function placementInput(values: readonly (readonly GridValue[])[], options: LayoutOptions): { firstLook: LocatedRegister; input: PlacementInput } {
  const firstLook = locateRegister(values, options.firstRowNumber ?? 1, undefined, options.sheetTables);
  if (!firstLook) throw new RunError(`${options.source} has no header row: expected a row naming the columns, with a "URN" column, within the first 30 rows.`);
  const headerIndex = firstLook.headerIndex;
  const ours = new Set<string>(RESULT_HEADERS);
  const mappedColumns = new Set(firstLook.mapping.columns.filter((c) => c.field !== null && !ours.has(c.header.trim())).map((c) => c.index));
  // A totals row's cells in our columns must stay empty too (they would join the table's totals row), so placement looks down to it.
  const lastRow = Math.max(headerIndex + firstLook.rows.length, firstLook.totalsRow ?? -1);
  return { firstLook, input: { values, headerIndex, lastRow, mappedColumns, marker: options.marker ?? null, occupied: options.occupied, columnName: options.columnName } };
}

/**
 * Whether the rows of a region not read yet can no longer move its results: `values` are its first rows
 * (the header among them), `rows` all its rows and `width` its columns. Placement over the rows read is
 * compared with placement as if every cell of the region past them were taken. A taken cell can only push
 * a block right (placement takes the first columns free in every row), so when the two agree, the rows as
 * they really are place the block there too: its columns are an earlier block's, or lie right of every
 * cell of the region. `false` when the values have no header row.
 */
export function placementSettled(values: readonly (readonly GridValue[])[], options: LayoutOptions, rows: number, width: number): boolean {
  let input: PlacementInput;
  try {
    ({ input } = placementInput(values, options));
  } catch {
    return false;
  }
  const occupied = input.occupied ?? ((r: number, c: number) => !isBlankValue(values[r]?.[c]));
  const allTaken: PlacementInput = { ...input, lastRow: Math.max(input.lastRow, rows - 1), occupied: (r, c) => (r >= values.length && c < width) || occupied(r, c) };
  return JSON.stringify(placeResults(input)) === JSON.stringify(placeResults(allTaken));
}

/** Locates the register in the values and places the results. Throws `RunError` when there is no header row. */
export function runLayout(values: readonly (readonly GridValue[])[], options: LayoutOptions): RunLayout {
  const first = options.firstRowNumber ?? 1;
  const { firstLook, input } = placementInput(values, options);
  const headerIndex = firstLook.headerIndex;
  const placed = placeResults(input);
  // Said, not silent: the pane reads a table alone, and so does this run.
  const below = belowTableNote(firstLook, first);
  const placement = below === null ? placed : { ...placed, notes: [...placed.notes, below] };
  // The result columns are ours: their headers are not the analyst's fields (our "Previous category (last run)" is not theirs).
  const masked = new Set([...placement.columns, ...(placement.previous ?? [])]);
  const headerRow = (values[headerIndex] ?? []).map((h, c) => (masked.has(c) ? '' : h));
  const analystValues = values.map((r, i) => (i === headerIndex ? headerRow : r));
  const auto = locateRegister(analystValues, first, undefined, options.sheetTables)!;
  return { placement, located: options.mappingOverrides ? { ...auto, mapping: applyMappingOverrides(auto.mapping, options.mappingOverrides) } : auto };
}

/** Plans a run over a sheet's values. Throws `RunError` when the register cannot be run at all. */
export function planRun(values: readonly (readonly GridValue[])[], options: RunOptions): RunPlan {
  return drain(planRunSteps(values, options));
}

/** `planRun` in steps: yields the rows categorised so far (core/register.ts `categoriseRegisterSteps`), so the task pane shows progress and can stop. */
export function* planRunSteps(values: readonly (readonly GridValue[])[], options: RunOptions): Generator<StepProgress, RunPlan, void> {
  const fw = options.framework;
  const first = options.firstRowNumber ?? 1;
  const { placement, located } = runLayout(values, options);
  const outcome = yield* categoriseRegisterSteps(fw, located.headerRow, registerRowsAsShown(located, registerRowsIn1900System(located, options.dateSystem, options.movedDates), options.percentCells), {
    asOf: options.asOf, headerRowNumber: located.headerIndex + first, mapping: located.mapping, params: options.settings?.params, national: options.settings?.national, inspection: options.inspection, fields: options.fields,
  });
  if (outcome.fatal) {
    const missing = outcome.registerProblems.filter((p) => p.severity === 'error');
    throw new RunError(`${options.source} cannot be categorised under ${fw.definition.name}: ${missing.length === 1 ? 'a column it needs is' : `${missing.length} columns it needs are`} not in the register.\n${missing.map((p) => `  ${p.message}`).join('\n')}`, missing);
  }

  const oldCategoryColumn = placement.previous?.[CATEGORY_COLUMN] ?? null;
  const sameFramework = !options.previousRun || options.previousRun.frameworkId.toLowerCase() === fw.definition.id.toLowerCase();
  const rows = outcome.rows.map((r): RowPlan => {
    const gridRow = r.row - first;
    // The analyst's own previous-category column speaks first; else the earlier block's category.
    const theirs = r.record.previousCategory?.trim() || null;
    const old = oldCategoryColumn === null ? null : gridText(values[gridRow]?.[oldCategoryColumn]).trim();
    const before: Before = theirs !== null ? { text: theirs, sameFramework: true }
      : old === null ? null
      : old === '' ? 'absent'
      : { text: old, sameFramework };
    return planRow(fw, r, gridRow, before);
  });
  return { located, outcome, placement, refreshing: placement.found !== 'fresh', rows, summary: summarise(fw, rows, outcome) };
}

/** The category a previous-run cell names (label with or without a variant, or id). */
function previousRank(fw: CompiledFramework, text: string): number | undefined {
  // As the Category column writes it: a variant or "(provisional)" in brackets, " [override]" after.
  return categoryOfText(fw, text)?.rank;
}

/**
 * A school's previous category: its text and whether the run that gave it used this framework;
 * `'absent'` where there was a previous run but this school was not in it; `null` where there was none.
 */
type Before = { readonly text: string; readonly sameFramework: boolean } | 'absent' | null;

function planRow(fw: CompiledFramework, r: RowOutcome, gridRow: number, before: Before): RowPlan {
  const result = r.result;
  const problems = r.problems.map((p) => p.message).join('\n');
  // Labels in cells, as the Category column shows them, whether the previous run wrote an id or a label.
  const rank = before !== null && before !== 'absent' && before.sameFramework ? previousRank(fw, before.text) : undefined;
  const previous = rank !== undefined ? fw.definition.categories[rank]!.label : before !== null && before !== 'absent' ? before.text : null;
  let movement: Movement | null = null;
  if (result && before !== null) {
    const now = categoryRank(fw, result.category)!;
    movement = before === 'absent' ? 'new' : rank === undefined ? 'other' : now > rank ? 'up' : now < rank ? 'down' : 'same';
  }
  const due = r.inspection?.dueBy;
  const cells: Cell[] = result
    ? [
        categoryText(result.label, result.variant?.label, r.provisional !== null, result.override !== null),
        [result.support.summary, ...result.additional.map((a) => `Also: ${a.label}`)].join('\n'),
        due === undefined ? '' : toExcelSerial(due),
        r.inspection ? riskText(r.inspection) : '',
        [...(result.override ? [`Analyst override: ${result.override.reason || '(no reason given)'}; the rules gave ${result.computedCategory}`] : []), ...reasonLines(result.reasons)].join('\n'),
        r.provisional ? provisionalText(r.provisional) : '',
        problems,
        previous ?? '',
        movement === null ? '' : MOVEMENT_TEXT[movement],
      ]
    : ['', '', '', '', '', '', problems, previous ?? '', ''];
  return { gridRow, outcome: r, cells, fill: result ? { colour: result.colour, textColour: result.textColour } : null, movement };
}

export const MOVEMENT_TEXT: Record<Movement, string> = { up: 'More concern', down: 'Less concern', same: 'No change', new: 'New to the register', other: 'Previous run under another framework' };

/** "High: 23% (score 79)": the band, the probability within the horizon, and the ranking figure. */
function riskText(inspection: InspectionOutlook): string {
  const p = inspection.probability;
  return `${capitalise(inspection.risk)}: ${p >= 0.1 ? Math.round(p * 100) : (p * 100).toFixed(1)}% (score ${inspection.riskScore})`;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function summarise(fw: CompiledFramework, rows: readonly RowPlan[], outcome: RegisterOutcome): RunSummary {
  const counts = fw.definition.categories.map((c) => ({ id: c.id, label: c.label, colour: c.colour, textColour: c.textColour, schools: 0, provisional: 0 }));
  let notCategorised = 0;
  let errors = 0;
  let warnings = 0;
  for (const r of rows) {
    for (const p of r.outcome.problems) if (p.severity === 'error') errors++; else warnings++;
    const res = r.outcome.result;
    if (!res) notCategorised++;
    else {
      const count = counts.find((c) => c.id === res.category)!;
      count.schools++;
      if (r.outcome.provisional) count.provisional++;
    }
  }
  const name = (r: RowPlan) => r.outcome.record.schoolName ?? `Row ${r.outcome.row}`;
  const movements = rows
    .filter((r) => r.movement === 'up' || r.movement === 'down')
    .map((r) => {
      return { name: name(r), urn: r.outcome.urn ?? '', previous: String(r.cells[PREVIOUS_COLUMN]), now: r.outcome.result!.label, movement: r.movement! };
    });
  // The two most concerning categories are the ones the SIG discusses school by school.
  const top = new Set(fw.definition.categories.slice(-2).map((c) => c.id));
  const highest = rows
    .filter((r) => r.outcome.result && top.has(r.outcome.result.category))
    .sort((a, b) => categoryRank(fw, b.outcome.result!.category)! - categoryRank(fw, a.outcome.result!.category)!)
    .map((r) => ({ name: name(r), urn: r.outcome.urn ?? '', category: String(r.cells[0]), reasons: r.outcome.result!.reasons.map((x) => x.label).join('; ') }));
  const columnNotes = outcome.registerProblems.filter((p) => p.severity === 'warning').map((p) => p.message);
  return { counts, absentColumns: outcome.absentColumns.map((n) => ({ column: absentColumnsNamed(n), note: absentColumnNote(n), input: n.inputOf !== undefined, ...(n.inputOf ? { inputOf: n.inputOf } : {}), ...(n.records ? { records: n.records } : {}) })), columnNotes, notCategorised, errors, warnings, movements, highest };
}

/** Where a run's results come from: the framework (built in, or a file and its SHA-256), every parameter set away from its default, the dated values used, the as-of date. */
export interface Provenance {
  readonly framework: { readonly id: string; readonly name: string; readonly version: string; readonly source: 'built-in' | { readonly file: string; readonly sha256: string } };
  /** `name=value` for every parameter that differs from its default. */
  readonly parameters: readonly string[];
  /** Dated parameters: the value in force at the as-of date, and why. */
  readonly valuesInForce: readonly string[];
  /** ISO date. */
  readonly asOf: string;
  /** The inspection rules, horizon and window coverage the outlook used. */
  readonly inspectionOutlook: string;
}

/** The provenance of a run (the JSON output and the Run log). */
export function provenance(fw: CompiledFramework, asOf: CalendarDate, settings?: RunSettings, inspection?: InspectionOptions): Provenance {
  const def = fw.definition;
  const changed = new Set((settings?.changed ?? []).map((c) => c.slice(0, c.indexOf('='))));
  return {
    framework: { id: def.id, name: def.name, version: def.version, source: fw.origin.kind === 'built-in' ? 'built-in' : { file: fw.origin.name, sha256: fw.origin.sha256 } },
    parameters: settings?.changed ?? [],
    valuesInForce: Object.entries(def.parameters).filter(([k, p]) => p.values && !changed.has(k)).map(([k, p]) => `${k}=${valueInForceText(p, asOf)}`),
    asOf: toIsoDate(asOf),
    inspectionOutlook: inspectionOutlookText(asOf, settings, inspection),
  };
}

/** Parameters as the Run log shows them: each set away from its default, or that none is. */
export function parametersText(p: Provenance): string {
  return p.parameters.length ? p.parameters.join('; ') : '(every parameter at its default)';
}

/** The inspection choices of a run, in one line: "rules report-cards-2025; horizon 24 months; windows hold 80%". */
export function inspectionOutlookText(asOf: CalendarDate, settings?: RunSettings, inspection?: InspectionOptions): string {
  const national = nationalParameters(inspection, settings?.national);
  const rules = national.risk.rules === 'in-force' ? ruleSetInForce(asOf) : national.risk.rules;
  return `rules ${rules}; horizon ${national.risk.horizonMonths} months; windows hold ${Math.round(national.windows.coverage * 100)}%`;
}

/** The run record: what was run, on what, when, with what result (the Run sheet and the task pane's Run log). */
export function runRecord(plan: RunPlan, options: RunOptions & { readonly ranAt: Date }): [string, Cell][] {
  const def = options.framework.definition;
  const p = provenance(options.framework, options.asOf, options.settings, options.inspection);
  const s = plan.summary;
  return [
    ['Framework', `${def.name} (${def.id})`],
    ['Framework version', def.version],
    ['Framework source', originText(options.framework)],
    ['Parameters', parametersText(p)],
    ...(p.valuesInForce.length ? [['Dated values used', p.valuesInForce.join('\n')] as [string, Cell]] : []),
    ['As of', toUkDate(options.asOf)],
    ['Inspection outlook', p.inspectionOutlook],
    ['Run at', options.ranAt.toISOString()],
    ['Source', options.source],
    ['Rows', plan.rows.length],
    ['Categorised', plan.rows.length - s.notCategorised],
    ['Provisional', provisionalCounts(s)],
    ['Not categorised', s.notCategorised],
    ['Problems (errors)', s.errors],
    ['Warnings', s.warnings],
    ['Not in this register', s.absentColumns.length ? s.absentColumns.map((a) => a.note).join('\n') : '(none: every column the framework reads is here)'],
    ...(s.columnNotes.length ? [['Columns read', s.columnNotes.join('\n')] as [string, Cell]] : []),
    ...(options.fileWarnings?.length ? [['File read', options.fileWarnings.join(' ')] as [string, Cell]] : []),
  ];
}

/** "12 (Green 3, Amber 9)": provisional schools in all, and per category where there are any. */
export function provisionalCounts(s: RunSummary): string {
  const total = s.counts.reduce((a, c) => a + c.provisional, 0);
  const per = s.counts.filter((c) => c.provisional > 0).map((c) => `${c.label} ${c.provisional}`);
  return per.length ? `${total} (${per.join(', ')})` : '0';
}

/**
 * One register in, one outcome per row out: the core's single entry point for the shells. Reads the
 * cells (problems are values), derives the facts once per row, evaluates the framework, and says which
 * rows could not be categorised and why. One call per register, never per cell.
 */
import { checkColumns, type ColumnNeed } from './columns';
import type { CalendarDate } from './dates';
import { categorise, fieldsUsedBy, type CompiledFramework, type Parameters } from './engine';
import { InPlaceDeriver, nationalParameters, type InspectionOptions, type InspectionOutlook, type NationalParameters } from './deriveFacts';
import { FIELDS, type FieldKey, type SchoolRecord } from './fields';
import { RISK_MODEL_INPUTS, type Facts } from './facts';
import { columnReadingWarnings, columnReadings, givenReadings } from './fractionColumns';
import { mapHeaders, type HeaderMapping } from './headers';
import { UnknownsReader } from './missingEvidence';
import type { Problem } from './problems';
import { defaultsAt } from './parameters';
import { registerReader } from './record';
import type { Categorisation } from './result';

/** What happened to one data row. */
export interface RowOutcome {
  /** Sheet row number. */
  readonly row: number;
  readonly urn: string | null;
  /**
   * The row's record. It is also the school's facts (`result` was worked out from it): the register reads
   * the cells into blank facts and derives the rest in place, one object per school, so beside the fields
   * it carries the derived facts (blank on a row an error stopped).
   */
  readonly record: SchoolRecord;
  /** Errors (the row was not categorised) and warnings (it was), each naming row, column and value. */
  readonly problems: readonly Problem[];
  /** `null` when an error stopped the row. */
  readonly result: Categorisation | null;
  /** The next inspection's window and risk; `null` when an error stopped the row. */
  readonly inspection: InspectionOutlook | null;
  /**
   * The result is provisional: blank cells (missing evidence) could make it the more concerning
   * `worstCase`. `missing` names those cells' columns by their headers. `null` when it is not.
   */
  readonly provisional: Provisional | null;
}

/**
 * A row's outcome, made by a class rather than a literal, as its provisional result is: V8 makes a literal's
 * objects in the old generation once those of its place have outlived the young one, and a run that keeps
 * every outcome (the pane, the command line) would then make RISKCATEGORY's, which it lets go at once, old
 * too, with all a row's objects kept alive by them. (RISKCATEGORY's facts are one object, refilled for each
 * row: factShape.ts `refilledFacts`.)
 */
class Outcome implements RowOutcome {
  declare readonly row: number;
  declare readonly urn: string | null;
  declare readonly record: SchoolRecord;
  declare readonly problems: readonly Problem[];
  declare readonly result: Categorisation | null;
  declare readonly inspection: InspectionOutlook | null;
  declare readonly provisional: Provisional | null;
  constructor(record: SchoolRecord, problems: readonly Problem[], result: Categorisation | null, inspection: InspectionOutlook | null, provisional: Provisional | null) {
    this.row = record.row;
    this.urn = record.urn ?? null;
    this.record = record;
    this.problems = problems;
    this.result = result;
    this.inspection = inspection;
    this.provisional = provisional;
  }
}

/** A `Provisional`, made by a class for the reason `Outcome` is. */
class ProvisionalResult implements Provisional {
  declare readonly worstCase: string;
  declare readonly label: string;
  declare readonly missing: readonly string[];
  constructor(worstCase: string, label: string, missing: readonly string[]) {
    this.worstCase = worstCase;
    this.label = label;
    this.missing = missing;
  }
}

/** No missing cells named: a result worked out without reasons (RISKCATEGORY) names none, and shares this list. */
const NONE_NAMED: readonly string[] = Object.freeze([]);

/** Every problem of a run, the register's first, then by row: what every shell lists. */
export function allProblems(outcome: RegisterOutcome): Problem[] {
  return [...outcome.registerProblems, ...outcome.rows.flatMap((r) => r.problems)];
}

/** The words of a provisional result: "Could be Bespoke: Attendance concern, Exclusions concern blank". */
export function provisionalText(p: Provisional): string {
  return `Could be ${p.label}: ${p.missing.join(', ')} blank`;
}

/** A provisional result's worst case and the columns whose blank cells could give it. */
export interface Provisional {
  /** The category id. */
  readonly worstCase: string;
  readonly label: string;
  /** Headers as the analyst wrote them. */
  readonly missing: readonly string[];
}

/** The whole register's outcome. */
export interface RegisterOutcome {
  readonly framework: CompiledFramework;
  readonly asOf: CalendarDate;
  readonly mapping: HeaderMapping;
  /** Problems with the register itself (a missing column, a duplicated header). */
  readonly registerProblems: readonly Problem[];
  /** Columns the framework reads that the register lacks but can run without (core/columns.ts). */
  readonly absentColumns: readonly ColumnNeed[];
  /** One per non-blank data row, in sheet order. */
  readonly rows: readonly RowOutcome[];
  /** The register cannot be categorised at all (a column the framework needs is missing): no row is. */
  readonly fatal: boolean;
}

/** How to run a register. */
export interface RegisterOptions {
  readonly asOf: CalendarDate;
  /** Sheet row number of the header row (data starts on the next row). */
  readonly headerRowNumber: number;
  /** The framework's parameters (default: the values in force at `asOf`). */
  readonly params?: Parameters;
  /** The inspection windows, report-card mapping and risk model (default: the published ones). */
  readonly national?: NationalParameters;
  /** A mapping the analyst corrected (else headers are matched automatically). */
  readonly mapping?: HeaderMapping;
  /** Keep every criterion's outcome (the task pane's detail view). */
  readonly trace?: boolean;
  /** Give each result's reasons, notes and provisional result's missing cells (default); `false` for a caller that reads only the category (engine `CategoriseOptions`). */
  readonly reasons?: boolean;
  /** The analyst's choices for the inspection outlook (horizon, window coverage, rules). */
  readonly inspection?: InspectionOptions;
  /**
   * Categorise only these data rows (0-based, ascending); the rows before the last of them are read for
   * their URN alone, so a URN repeated from one of them is still found, and give no outcome. A
   * recalculation that works out only the rows whose cells changed (functions/recalcMemo.ts) keeps the
   * other rows' earlier results.
   */
  readonly onlyRows?: readonly number[];
  /**
   * Read only these fields' columns (default: every mapped column): RISKCATEGORY and RISKREASONS read
   * `fieldsReadFor(fw)`, the task pane's run past its first rows those and the fields its outputs show.
   * The other columns' cells are not read at all, so they cost nothing and their problems, only ever
   * warnings, are not reported.
   */
  readonly fields?: ReadonlySet<FieldKey>;
  /**
   * The percentage fields whose column holds fractions, where 1 is 100% (core/fractionColumns.ts). Default:
   * worked out from `rows`; a caller that runs one row of a register gives the register's.
   */
  readonly fractionColumns?: ReadonlySet<FieldKey>;
}

/** The fields a run of this framework reads: those its rules use, the URN and the analyst's override. */
export function fieldsUsedInRun(fw: CompiledFramework): ReadonlySet<FieldKey> {
  return new Set<FieldKey>([...fieldsUsedBy(fw), 'urn', 'categoryOverride', 'overrideReason']);
}

/** The columns a run reads at all: those, and every input of the inspection-risk model (it allows for blanks). */
export function fieldsReadFor(fw: CompiledFramework): ReadonlySet<FieldKey> {
  return new Set<FieldKey>([...fieldsUsedInRun(fw), ...RISK_MODEL_INPUTS]);
}

/** Categorises every row of a register. Never throws on data. */
export function categoriseRegister(
  fw: CompiledFramework,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RegisterOptions,
): RegisterOutcome {
  return drain(categoriseRegisterSteps(fw, headerRow, rows, options));
}

/** Rows categorised between two yields of `categoriseRegisterSteps`. */
export const ROWS_PER_STEP = 500;

/** How far a stepped run has gone: rows categorised of the register's rows. */
export interface StepProgress {
  readonly done: number;
  readonly total: number;
}

/** Runs a stepped computation to its end. */
export function drain<T>(steps: Generator<StepProgress, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * `categoriseRegister` in steps: yields after every ROWS_PER_STEP rows how many are done, so a shell can
 * show progress, let its page paint and stop between steps; returns the same outcome.
 */
export function* categoriseRegisterSteps(
  fw: CompiledFramework,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RegisterOptions,
): Generator<StepProgress, RegisterOutcome, void> {
  const out: RowOutcome[] = [];
  const register = yield* registerSteps(fw, headerRow, rows, options, (r) => {
    out.push(r);
  }, 'kept');
  return { ...register, rows: out };
}

/**
 * `categoriseRegister` row by row: each row's outcome is handed to `visit` as soon as it is made, and
 * nothing here keeps it. A shell that needs one value per row (RISKCATEGORY) lets each school's objects
 * go as soon as it has its value, so they die young instead of filling the heap until the call returns.
 * The outcome's `record` is one object refilled for the next row (record.ts `asFacts: 'refilled'`): read it,
 * and whatever reads it (a result's reasons), within `visit`. Gives the register's outcome without its rows.
 */
export function visitRegister(
  fw: CompiledFramework,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RegisterOptions,
  visit: (row: RowOutcome) => void,
): Omit<RegisterOutcome, 'rows'> {
  return drain(visitRegisterSteps(fw, headerRow, rows, options, visit));
}

/** `visitRegister` in steps of ROWS_PER_STEP rows, as `categoriseRegisterSteps`. */
export function visitRegisterSteps(
  fw: CompiledFramework,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RegisterOptions,
  visit: (row: RowOutcome) => void,
): Generator<StepProgress, Omit<RegisterOutcome, 'rows'>, void> {
  return registerSteps(fw, headerRow, rows, options, visit, 'refilled');
}

/**
 * Every run's steps. `lifetime`: whether `visit` keeps every school's facts to the end of the run
 * (`'kept'`) or lets each go before the next row is read (`'refilled'`); the reader makes them accordingly
 * (record.ts `asFacts`).
 */
function* registerSteps(
  fw: CompiledFramework,
  headerRow: readonly unknown[],
  rows: readonly (readonly unknown[])[],
  options: RegisterOptions,
  visit: (row: RowOutcome) => void,
  lifetime: 'kept' | 'refilled',
): Generator<StepProgress, Omit<RegisterOutcome, 'rows'>, void> {
  const used = fieldsUsedInRun(fw);
  const mapping = options.mapping ?? mapHeaders(headerRow, { headerRowNumber: options.headerRowNumber });
  // A caller that gives the register's reading (a function over its rows, the pane's one school) shows no column warnings.
  const readings = options.fractionColumns ? givenReadings(options.fractionColumns) : columnReadings(mapping, rows, options.fields);
  const fractions = readings.fractions;
  const reader = registerReader(headerRow, {
    asOf: options.asOf, headerRowNumber: options.headerRowNumber, mapping, fields: options.fields, asFacts: lifetime, fractionColumns: fractions,
  });
  const columns = checkColumns(fw, mapping);
  const registerProblems: Problem[] = [...columns.problems, ...mapping.problems];
  // A column reading that changes, or may change, every school's value: said once, where the framework reads it.
  registerProblems.push(...columnReadingWarnings(mapping, readings, used));
  const fatal = columns.missing.length > 0;

  // Blank cells that are missing evidence, in the columns the register has: worked out once per register.
  // The inspection options (horizon, coverage, rules) apply over the national parameters the analyst set.
  const national = nationalParameters(options.inspection, options.national);
  const params = options.params ?? defaultsAt(fw, options.asOf);
  const unknownsOf = new UnknownsReader(fw.slotFacts, mapping, options.asOf, national);
  const headers = new Map<FieldKey, string>();
  const headerOf = (f: FieldKey) => {
    let h = headers.get(f);
    if (h === undefined) headers.set(f, (h = mapping.columns.find((c) => c.index === mapping.byField[f])?.header ?? FIELDS[f].label));
    return h;
  };
  const deriver = new InPlaceDeriver(options.asOf, national);
  const evaluate = categorise;
  const only = options.onlyRows;
  // Rows out of order, repeated or past the end would be skipped without a word: a caller's mistake, said at once.
  if (only !== undefined) for (let k = 0; k < only.length; k++) if (!(only[k]! >= 0 && only[k]! < rows.length && (k === 0 || only[k]! > only[k - 1]!))) throw new RangeError(`onlyRows must be ascending data rows below ${rows.length}: ${only[k]} at ${k}`);
  // A repeated URN is found against earlier rows only, so rows after the last one asked for are not read.
  const total = only === undefined ? rows.length : only.length === 0 ? 0 : only[only.length - 1]! + 1;
  let asked = 0;
  for (let i = 0; i < total; i++) {
    if (i > 0 && i % ROWS_PER_STEP === 0) yield { done: i, total };
    if (only !== undefined) {
      if (only[asked] !== i) {
        reader.noteUrn(rows[i]!, i);
        continue;
      }
      asked++;
    }
    const problems: Problem[] = [];
    const record = reader.read(rows[i]!, i, problems);
    if (record === null) continue;
    // A bad cell in a column this framework reads stops its row; elsewhere it is only a warning.
    let stopped = fatal;
    for (let k = 0; k < problems.length; k++) {
      const p = problems[k]!;
      if (p.severity !== 'error') continue;
      if (p.field !== undefined && !used.has(p.field as FieldKey)) problems[k] = { ...p, severity: 'warning' as const };
      else stopped = true;
    }
    if (stopped) {
      visit(new Outcome(record, problems, null, null, null));
      continue;
    }
    // The record was read as blank facts (`asFacts`): deriving fills them in place.
    const inspection = deriver.derive(record);
    const facts = record as unknown as Facts;
    const result = evaluate(fw, facts, { params, trace: options.trace, reasons: options.reasons, unknowns: unknownsOf.read(record, facts, reader.given) });
    const worst = result.worstCase;
    const provisional = worst && new ProvisionalResult(worst.category, worst.label, worst.missing.length === 0 ? NONE_NAMED : worst.missing.map(headerOf));
    for (const w of result.warnings) problems.push(w);
    visit(new Outcome(record, problems, result, inspection, provisional));
  }
  return { framework: fw, asOf: options.asOf, mapping, registerProblems, absentColumns: columns.absent, fatal };
}

/**
 * The bodies of the custom functions: arguments in, the core, one value (or error) per row out. The
 * JSDoc that Excel reads is in functions.ts; nothing here decides a category or words a problem.
 *
 * The workbook's settings (the frameworks loaded into it, the parameters set in the task pane) are read
 * where functions.ts points them, the document's settings in the shared runtime: a cell, the pane and
 * the command line with the same parameters give the same result.
 */
import { categoryOfText, categoryText } from '../core/categoryText';
import { toExcelSerial, toUkDate, type CalendarDate } from '../core/dates';
import { assessInspection, NATIONAL_DEFAULTS, schoolInspectionRisk, type NationalParameters } from '../core/deriveFacts';
import type { SchoolRecord } from '../core/fields';
import type { RiskEvidenceMissing } from '../core/ofsted';
import type { CompiledFramework } from '../core/engine';
import type { RunSettings } from '../core/parameters';
import { parsePaneSettings, workbookFramework, workbookFrameworks, workbookRunSettings } from '../src/run/authoritySettings';
import type { PaneSettings } from '../src/workbook/port';
import { fieldsReadFor, provisionalText, visitRegister, type RowOutcome } from '../core/register';
import { mapHeaders } from '../core/headers';
import { fractionColumns } from '../core/fractionColumns';
import { contextText, RecalcMemo } from './recalcMemo';
import { ArgumentError, asOfArg, cellArg, frameworkArg, headerArg, isBlank, PassedOnError } from './arguments';
import { schoolOf } from './schoolArguments';
import { notAvailable, passedOn, valueError, type ExcelError } from './excelError';

type Spill<T> = (T | ExcelError)[][];

let settingsSource: () => unknown = () => null;
let lastRaw: unknown = null;
let lastSettings: PaneSettings | null = null;

/** Where the workbook's settings are read from (their saved text): the document's settings in Excel. */
export function readSettingsFrom(source: () => unknown): void {
  settingsSource = source;
  lastRaw = null;
  lastSettings = null;
}

/** The workbook's settings now, parsed once per change. */
function workbookSettings(): PaneSettings | null {
  const raw = settingsSource();
  if (raw !== lastRaw) {
    lastRaw = raw;
    lastSettings = parsePaneSettings(raw);
  }
  return lastSettings;
}

/** The workbook's parameters for a framework at a date; a saved value no longer valid is the cell's error. */
function parametersOf(settings: PaneSettings | null, fw: CompiledFramework, asOf: CalendarDate): RunSettings {
  const r = workbookRunSettings(settings, fw, asOf);
  if (!r.ok) throw new ArgumentError(`${r.errors.join(' ')} (the workbook's Authority settings)`);
  return r.settings;
}

/** The national parameters of the workbook's framework (the functions with no framework argument use them). */
function nationalOf(settings: PaneSettings | null, asOf: CalendarDate): NationalParameters {
  const fw = settings && workbookFramework(settings, settings.framework);
  return fw ? parametersOf(settings, fw, asOf).national : NATIONAL_DEFAULTS;
}

/** Runs `body`, turning an unusable argument into `#VALUE!` with its message, and an error given as an argument into that error. */
function guarded<T>(body: () => T): T | ExcelError {
  try {
    return body();
  } catch (e) {
    if (e instanceof ArgumentError) return valueError(e.message);
    if (e instanceof PassedOnError) return passedOn(e.code, e.message);
    throw e;
  }
}

/** A number per framework object, for the memo's context (a workbook's framework file is a new object when the file changes). */
const frameworkNumbers = new WeakMap<CompiledFramework, number>();
let frameworksNumbered = 0;

function frameworkNumber(fw: CompiledFramework): number {
  let n = frameworkNumbers.get(fw);
  if (n === undefined) frameworkNumbers.set(fw, (n = ++frameworksNumbered));
  return n;
}

/** The last calls of RISKCATEGORY and RISKREASONS (recalcMemo.ts): an edit recomputes only its row. */
const categoryMemo = new RecalcMemo<string | ExcelError>();
const reasonsMemo = new RecalcMemo<string | ExcelError>();

/** Forgets the functions' kept calls: the next call works out every row (tests, the benchmark's first call). */
export function forgetEarlierCalls(): void {
  categoryMemo.clear();
  reasonsMemo.clear();
}

/** How many rows the last RISKCATEGORY and RISKREASONS calls worked out (the rest kept from the call before). */
export function rowsWorkedOut(): { riskCategory: number; riskReasons: number } {
  return { riskCategory: categoryMemo.workedOut, riskReasons: reasonsMemo.workedOut };
}

type CellOf = (r: RowOutcome) => string;
/** Makes a function's `CellOf` for one call: what it shares between rows lasts that call only. */
type CellsOf = () => CellOf;

/**
 * One register function's values per row. `other`: a function whose values come cheaply from the same
 * outcomes (RISKCATEGORY's label, beside RISKREASONS's reasons): a call that works out every row works
 * them out too and keeps them in that function's memo, so a workbook whose RISKREASONS is calculated
 * first has its RISKCATEGORY over the same register at once. Not the other way: a reason's words are
 * made only when read (explain.ts), and making them costs RISKCATEGORY alone half as much again.
 */
function perRow(memo: RecalcMemo<string | ExcelError>, framework: unknown, headers: unknown[][] | null, rows: unknown[][] | null, asOf: unknown, cells: CellsOf, other?: { memo: RecalcMemo<string | ExcelError>; cells: CellsOf }): Spill<string> | ExcelError {
  return guarded(() => {
    const settings = workbookSettings();
    const fw = frameworkArg(framework, settings);
    const header = headerArg(headers);
    const data = rows ?? [];
    // A rows range narrower than the header row would read its missing columns as blank: refused instead.
    const narrow = data.find((r) => r.length < header.length);
    if (narrow) throw new ArgumentError(`rows has ${narrow.length} column${narrow.length === 1 ? '' : 's'} but headers has ${header.length}; expected rows spanning the same columns as the header row.`);
    // Row numbers in messages count within the `rows` range, so "Row 1" is its first row.
    const date = asOfArg(asOf);
    const given = parametersOf(settings, fw, date);
    const mapping = mapHeaders(header, { headerRowNumber: 0 });
    const fields = fieldsReadFor(fw);
    // Worked out over every row: an edit can turn a column of fractions into one of percentages, and so the reading of another row's 1.
    const fractions = fractionColumns(mapping, data, fields);
    // Everything a row's value depends on beside its cells and the URNs (recalcMemo.ts).
    const context = contextText([frameworkNumber(fw), toExcelSerial(date), header, given.params, given.national, [...fractions].sort()]);
    const out = memo.values(context, data, mapping.byField.urn, (onlyRows, values) => {
      const others = other && onlyRows === null ? new Array<string | ExcelError>(data.length) : null;
      const cell = cells();
      const otherCell = others ? other!.cells() : null;
      // Each row's value is taken as its outcome is made, and the outcome let go (visitRegister): only the values last the call.
      // RISKCATEGORY's cell alone reads no reasons (RISKREASONS's reads them, and gives RISKCATEGORY's beside): none are made for it.
      const outcome = visitRegister(fw, header, data, { asOf: date, headerRowNumber: 0, mapping, params: given.params, national: given.national, fields, fractionColumns: fractions, onlyRows: onlyRows ?? undefined, reasons: cells !== categoryCells }, (r) => {
        const i = r.row - 1;
        values[i] = r.result ? cell(r) : valueError(r.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' '));
        if (others) others[i] = r.result ? otherCell!(r) : values[i]!;
      });
      if (outcome.fatal) throw new ArgumentError(outcome.registerProblems.filter((p) => p.severity === 'error').map((p) => p.message).join(' '));
      // A blank row stays blank.
      for (let i = 0; i < values.length; i++) {
        values[i] ??= '';
        if (others) others[i] ??= '';
      }
      if (others) other!.memo.keep(context, data, others);
    });
    return out.map((v) => [v]);
  });
}

/**
 * RISKCATEGORY's cells, as the Category column writes them: the label, "(provisional)" where blank cells
 * could make it more concerning, " [override]" where the analyst's override gave it. Each text is made
 * once per call and shared by the rows that give it: a register gives a handful, while a text made per row
 * lives to the end of the call, 25,000 young objects for the collector to copy.
 */
const categoryCells: CellsOf = () => {
  // By label, then by variant ('' for none): the texts by provisional (2) and overridden (1).
  const made = new Map<string, Map<string, string[]>>();
  return (r) => {
    const result = r.result!;
    const variant = result.variant?.label ?? '';
    const provisional = r.provisional !== null;
    const overridden = result.override !== null;
    let byVariant = made.get(result.label);
    if (byVariant === undefined) made.set(result.label, (byVariant = new Map()));
    let texts = byVariant.get(variant);
    if (texts === undefined) byVariant.set(variant, (texts = []));
    return (texts[(provisional ? 2 : 0) + (overridden ? 1 : 0)] ??= categoryText(result.label, variant, provisional, overridden));
  };
};

/** RISKREASONS's cell: the reasons with citations, in one text. */
const reasonsCell: CellOf = (r) => {
  const lines = r.result!.reasons.map((x) => x.text);
  if (r.result!.override) lines.unshift(`Analyst override: ${r.result!.override.reason || '(no reason given)'}`);
  if (r.provisional) lines.push(`Provisional: ${provisionalText(r.provisional)}`);
  return lines.join('; ') || 'No criterion above the universal offer applies.';
};
const reasonsCells: CellsOf = () => reasonsCell;

/** RISKCATEGORY: the category label per row, "(provisional)" where blank cells could make it more concerning. */
export function riskCategoryOf(framework: unknown, headers: unknown[][] | null, rows: unknown[][] | null, asOf: unknown): Spill<string> | ExcelError {
  return perRow(categoryMemo, framework, headers, rows, asOf, categoryCells);
}

/** RISKREASONS: the reasons per row, with citations, in one text. */
export function riskReasonsOf(framework: unknown, headers: unknown[][] | null, rows: unknown[][] | null, asOf: unknown): Spill<string> | ExcelError {
  return perRow(reasonsMemo, framework, headers, rows, asOf, reasonsCells, { memo: categoryMemo, cells: categoryCells });
}

/** SUPPORTDAYS: the number of days (or visits) for a category, or `#N/A` with the policy's reason. */
export function supportDaysOf(framework: unknown, category: unknown, status: unknown): number | ExcelError {
  return guarded(() => {
    const settings = workbookSettings();
    const fw = frameworkArg(framework, settings);
    // Whatever RISKCATEGORY or the Category column wrote (a variant, "(provisional)", "[override]") names its category.
    const cat = typeof category === 'string' ? categoryOfText(fw, category) : undefined;
    if (!cat) throw new ArgumentError(`category is ${JSON.stringify(category)}; expected one of ${fw.definition.categories.map((c) => c.label).join(', ')}, as RISKCATEGORY gives it or by id.`);
    let academy = false;
    if (!isBlank(status)) academy = cellArg('status', 'status', status, asOfArg(null)) === 'academy';
    const offer = academy && cat.def.support.academy ? cat.def.support.academy : cat.def.support.maintained;
    const amount = offer.amount === null ? null : typeof offer.amount === 'number' ? offer.amount : Number(parametersOf(settings, fw, asOfArg(null)).params[offer.amount.param]);
    if (amount === null) return notAvailable(`${cat.def.label}: no set number of days.${offer.noneReason ? ` ${sentence(offer.noneReason)}` : ''}`);
    return amount;
  });
}

/**
 * NEXTINSPECTIONRISK: Low / Medium / High, the probability band of the inspection risk (docs/ofsted.md);
 * `#N/A` with what to give where the evidence the risk needs is missing (missing evidence is not low risk).
 */
export function nextInspectionRiskOf(lastInspectionDate: unknown, outcome: unknown, asOf: unknown, headers: unknown[][] | null, row: unknown[][] | null): string | ExcelError {
  return guarded(() => {
    const date = asOfArg(asOf);
    const school = schoolOf({ lastInspectionDate, outcome, asOf, headers, row });
    const risk = schoolInspectionRisk(school, date, nationalOf(workbookSettings(), date));
    if (risk.missing !== null) return notAvailable(missingRiskEvidence(risk.missing, school, 'the risk'));
    return risk.level[0]!.toUpperCase() + risk.level.slice(1);
  });
}

/** Why NEXTINSPECTIONRISK cannot give a level, and how to give what it lacks. */
function missingRiskEvidence(missing: RiskEvidenceMissing, school: SchoolRecord, what: 'the risk' | 'the window'): string {
  const inspected = school.inspectionDate === undefined ? undefined : toUkDate(school.inspectionDate);
  if (missing === 'outcome') return `outcome is blank for the inspection of ${inspected}; expected the grade or report-card grade it gave: a blank (or NULL) outcome is missing evidence, so ${what} cannot be worked out.`;
  const openDate = 'give the date the school opened through headers and row (an "Open date" column and its cell)';
  return inspected === undefined
    ? `Never inspected and no open date: nothing dates the next inspection (a new school is first inspected in its third year), so the risk cannot be worked out; ${openDate}.`
    : `The inspection of ${inspected} gave no judgement and no open date is given: nothing dates the next inspection, so the risk cannot be worked out; give the last graded inspection as lastInspectionDate and outcome, or ${openDate}.`;
}

/** A policy's words as a sentence of their own: a capital first, a full stop last. */
function sentence(text: string): string {
  const t = text.trim();
  return `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** NEXTINSPECTIONDUE: the earliest and latest dates, as Excel serials, in one row; `#N/A` with the reason when nothing dates it. */
export function nextInspectionDueOf(lastInspectionDate: unknown, outcome: unknown, inspectionType: unknown, openDate: unknown = null): number[][] | ExcelError {
  return guarded(() => {
    const school = schoolOf({ lastInspectionDate, outcome, inspectionType, openDate, asOf: null, headers: null, row: null });
    const today = asOfArg(null);
    const national = nationalOf(workbookSettings(), today);
    // The window and the risk as the register's derived facts work them out, once.
    const { window, risk } = assessInspection(school, today, national);
    // An inspection dated with its outcome blank is missing evidence, as for NEXTINSPECTIONRISK: not a new school dated by openDate.
    if (risk.missing === 'outcome') return notAvailable(missingRiskEvidence('outcome', school, 'the window'));
    if (window === null) {
      return notAvailable(school.openDate === undefined && school.inspectionDate === undefined
        ? 'Never inspected and no openDate: a new school is first inspected in its third year, so give the date it opened.'
        : 'No inspection window could be worked out from these arguments.');
    }
    return [[toExcelSerial(window.dueFrom), toExcelSerial(window.dueBy)]];
  });
}

/** FRAMEWORKS: id, name and categories of each framework, the workbook's own after the built-ins. */
export function frameworksTable(): string[][] {
  return workbookFrameworks(workbookSettings()).map(({ definition: f }) => [f.id, f.name, f.categories.map((c) => c.label).join(', ')]);
}

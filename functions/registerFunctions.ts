/**
 * The bodies of the custom functions: arguments in, the core, one value (or error) per row out. The
 * JSDoc that Excel reads is in functions.ts; nothing here decides a category or words a problem.
 */
import { categoryOfText, categoryText } from '../core/categoryText';
import { toExcelSerial } from '../core/dates';
import { deriveFacts } from '../core/deriveFacts';
import { FRAMEWORKS } from '../core/frameworks';
import { categoriseRegister, provisionalText, type RowOutcome } from '../core/register';
import { ArgumentError, asOfArg, cellArg, frameworkArg, headerArg, isBlank } from './arguments';
import { schoolOf } from './schoolArguments';
import { notAvailable, valueError, type ExcelError } from './excelError';

type Spill<T> = (T | ExcelError)[][];

/** Runs `body`, turning an unusable argument into `#VALUE!` with its message. */
function guarded<T>(body: () => T): T | ExcelError {
  try {
    return body();
  } catch (e) {
    if (e instanceof ArgumentError) return valueError(e.message);
    throw e;
  }
}

function perRow<T>(framework: unknown, headers: unknown[][] | null, rows: unknown[][] | null, asOf: unknown, cell: (r: RowOutcome) => T): Spill<T> | ExcelError {
  return guarded(() => {
    const fw = frameworkArg(framework);
    const header = headerArg(headers);
    const data = rows ?? [];
    // A rows range narrower than the header row would read its missing columns as blank: refused instead.
    const narrow = data.find((r) => r.length < header.length);
    if (narrow) throw new ArgumentError(`rows has ${narrow.length} column${narrow.length === 1 ? '' : 's'} but headers has ${header.length}; expected rows spanning the same columns as the header row.`);
    // Row numbers in messages count within the `rows` range, so "Row 1" is its first row.
    const outcome = categoriseRegister(fw, header, data, { asOf: asOfArg(asOf), headerRowNumber: 0, onlyUsedColumns: true });
    if (outcome.fatal) throw new ArgumentError(outcome.registerProblems.filter((p) => p.severity === 'error').map((p) => p.message).join(' '));
    const byRow = new Map(outcome.rows.map((r) => [r.row, r]));
    return data.map((_, i): (T | ExcelError)[] => {
      const r = byRow.get(i + 1);
      if (!r) return [''] as unknown as T[]; // a blank row stays blank
      if (!r.result) return [valueError(r.problems.filter((p) => p.severity === 'error').map((p) => p.message).join(' '))];
      return [cell(r)];
    });
  });
}

/** RISKCATEGORY: the category label per row, "(provisional)" where blank cells could make it more concerning. */
export function riskCategoryOf(framework: unknown, headers: unknown[][] | null, rows: unknown[][] | null, asOf: unknown): Spill<string> | ExcelError {
  return perRow(framework, headers, rows, asOf, (r) => categoryText(r.result!.label, r.result!.variant?.label, r.provisional !== null));
}

/** RISKREASONS: the reasons per row, with citations, in one text. */
export function riskReasonsOf(framework: unknown, headers: unknown[][] | null, rows: unknown[][] | null, asOf: unknown): Spill<string> | ExcelError {
  return perRow(framework, headers, rows, asOf, (r) => {
    const lines = r.result!.reasons.map((x) => x.text);
    if (r.result!.override) lines.unshift(`Analyst override: ${r.result!.override.reason || '(no reason given)'}`);
    if (r.provisional) lines.push(`Provisional: ${provisionalText(r.provisional)}`);
    return lines.join('; ') || 'No criterion above the universal offer applies.';
  });
}

/** SUPPORTDAYS: the number of days (or visits) for a category, or `#N/A` with the policy's reason. */
export function supportDaysOf(framework: unknown, category: unknown, status: unknown): number | ExcelError {
  return guarded(() => {
    const fw = frameworkArg(framework);
    // Whatever RISKCATEGORY or the Category column wrote (a variant, "(provisional)", "[override]") names its category.
    const cat = typeof category === 'string' ? categoryOfText(fw, category) : undefined;
    if (!cat) throw new ArgumentError(`category is ${JSON.stringify(category)}; expected one of ${fw.definition.categories.map((c) => c.label).join(', ')}, as RISKCATEGORY gives it or by id.`);
    let academy = false;
    if (!isBlank(status)) academy = cellArg('status', 'status', status, asOfArg(null)) === 'academy';
    const offer = academy && cat.def.support.academy ? cat.def.support.academy : cat.def.support.maintained;
    const amount = offer.amount === null ? null : typeof offer.amount === 'number' ? offer.amount : Number(fw.defaults[offer.amount.param]);
    if (amount === null) return notAvailable(`${cat.def.label}: no set number of days. ${offer.noneReason ?? ''}`.trim());
    return amount;
  });
}

/** NEXTINSPECTIONRISK: Low / Medium / High, the probability band of the inspection risk (docs/ofsted.md). */
export function nextInspectionRiskOf(lastInspectionDate: unknown, outcome: unknown, asOf: unknown, headers: unknown[][] | null, row: unknown[][] | null): string | ExcelError {
  return guarded(() => {
    const risk = deriveFacts(schoolOf({ lastInspectionDate, outcome, asOf, headers, row }), asOfArg(asOf)).inspection.risk;
    return risk[0]!.toUpperCase() + risk.slice(1);
  });
}

/** NEXTINSPECTIONDUE: the earliest and latest dates, as Excel serials, in one row; `#N/A` with the reason when nothing dates it. */
export function nextInspectionDueOf(lastInspectionDate: unknown, outcome: unknown, inspectionType: unknown, openDate: unknown = null): number[][] | ExcelError {
  return guarded(() => {
    const school = schoolOf({ lastInspectionDate, outcome, inspectionType, openDate, asOf: null, headers: null, row: null });
    const { inspection } = deriveFacts(school, asOfArg(null));
    if (inspection.dueFrom === undefined || inspection.dueBy === undefined) {
      return notAvailable(school.openDate === undefined && school.inspectionDate === undefined
        ? 'Never inspected and no openDate: a new school is first inspected in its third year, so give the date it opened.'
        : 'No inspection window could be worked out from these arguments.');
    }
    return [[toExcelSerial(inspection.dueFrom), toExcelSerial(inspection.dueBy)]];
  });
}

/** FRAMEWORKS: id, name and categories of each framework. */
export function frameworksTable(): string[][] {
  return FRAMEWORKS.map((f) => [f.id, f.name, f.categories.map((c) => c.label).join(', ')]);
}

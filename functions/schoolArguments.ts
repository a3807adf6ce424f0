/**
 * The school NEXTINSPECTIONRISK and NEXTINSPECTIONDUE describe, from their arguments: the last inspection's
 * date and outcome read as the register reads them (legacy grades, the 2024-25 key judgements on the same
 * 1-4 scale, report-card grades), an optional open date for a school never inspected, and optionally the
 * school's header row and row so its other indicators count.
 */
import { toUkDate, type CalendarDate } from '../core/dates';
import { RISK_MODEL_INPUTS } from '../core/facts';
import type { FieldKey, SchoolRecord } from '../core/fields';
import { readRegister } from '../core/record';
import { ArgumentError, asOfArg, cellArg, headerArg, isBlank, optionalDateArg, passOnError } from './arguments';

export interface SchoolArguments {
  readonly lastInspectionDate: unknown;
  readonly outcome: unknown;
  readonly asOf: unknown;
  readonly headers: unknown[][] | null;
  readonly row: unknown[][] | null;
  readonly inspectionType?: unknown;
  readonly openDate?: unknown;
}

/** The columns of `row` the school's risk reads: every input of the inspection-risk model (its open date included). */
const ROW_FIELDS: ReadonlySet<FieldKey> = new Set<FieldKey>(RISK_MODEL_INPUTS);

/** The record of one school, the arguments laid over its row (when given); `ArgumentError` for one that cannot be read. */
export function schoolOf(args: SchoolArguments): SchoolRecord {
  // An error given for the school's own values is passed on; one in its row is that cell's problem, as in a register.
  for (const name of ['lastInspectionDate', 'outcome', 'inspectionType', 'openDate'] as const) passOnError(name, args[name]);
  const asOf = asOfArg(args.asOf);
  const base = rowRecord(args.headers, args.row, asOf);
  const record: SchoolRecord = { ...(base ?? { row: 1 }), row: 1 };
  // NEXTINSPECTIONDUE has no asOf: its dates are checked against today, and the message says so.
  const until = `${isBlank(args.asOf) ? 'today' : 'asOf'} (${toUkDate(asOf)})`;
  const date = optionalDateArg('lastInspectionDate', args.lastInspectionDate);
  if (date !== undefined && date > asOf) throw new ArgumentError(`lastInspectionDate is ${toUkDate(date)}, after ${until}; expected the date of an inspection that has happened.`);
  const openDate = optionalDateArg('openDate', args.openDate);
  // As the register refuses an Open date after its as-of date.
  if (openDate !== undefined && openDate > asOf) throw new ArgumentError(`openDate is ${toUkDate(openDate)}, after ${until}; expected the date the school opened.`);
  if (openDate !== undefined) record.openDate = openDate;
  if (date === undefined) {
    if (!isBlank(args.outcome)) throw new ArgumentError('outcome is given but lastInspectionDate is blank; expected the date of the inspection that gave it, or both blank for a school never inspected.');
    return record;
  }
  laidOverOutcome(record, date, args.outcome, asOf);
  if (!isBlank(args.inspectionType)) {
    const type = cellArg('inspectionType', 'inspectionType', args.inspectionType, asOf);
    if (type !== undefined) record.inspectionType = type;
  }
  return record;
}

/**
 * The school's row read as the register reads it, checked as RISKCATEGORY checks its rows: one row, as wide
 * as the header row, every cell the risk reads readable (a bad cell is `#VALUE!`, not a blank). `undefined`
 * when neither is given or the row is blank.
 */
function rowRecord(headers: unknown[][] | null, row: unknown[][] | null, asOf: CalendarDate): SchoolRecord | undefined {
  if (headers === null && row === null) return undefined;
  if (row === null || row.length === 0) throw new ArgumentError('headers is given but row is not; expected the school\'s row of the register beside its header row.');
  if (headers === null) throw new ArgumentError('row is given but headers is not; expected the register\'s header row, so the row\'s cells can be read.');
  const header = headerArg(headers);
  if (row.length > 1) throw new ArgumentError(`row has ${row.length} rows; expected the one row of this school.`);
  const cells = row[0]!;
  if (cells.length < header.length) throw new ArgumentError(`row has ${cells.length} column${cells.length === 1 ? '' : 's'} but headers has ${header.length}; expected a row spanning the same columns as the header row.`);
  const read = readRegister(header, [cells], { asOf, headerRowNumber: 0, fields: ROW_FIELDS });
  // A duplicated header is a warning, as in the register (the first such column is read).
  const bad = read.problems.filter((p) => p.severity === 'error');
  // The register's own sentence (the value as it shows it), speaking of the argument rather than of "Row 1".
  if (bad.length > 0) throw new ArgumentError(bad.map((p) => p.message.replace(/^Row \d+, column /, 'row, column ')).join(' '));
  return read.records[0] ?? undefined;
}

/**
 * The outcome on its scale: a legacy grade or a key judgement (Outstanding, Good, RI, 1-4, SM, ...) dates a
 * graded inspection; a report-card grade (Exceptional, Strong standard, Expected standard, Needs attention,
 * Urgent improvement, or the consultation's names such as Secure) dates a report card, read as its worst area.
 */
function laidOverOutcome(record: SchoolRecord, date: CalendarDate, outcome: unknown, asOf: CalendarDate): void {
  let legacy: SchoolRecord['ofstedGrade'];
  try {
    legacy = cellArg('outcome', 'ofstedGrade', outcome, asOf);
  } catch (legacyError) {
    let reportCard: SchoolRecord['rcCurriculumTeaching'];
    try {
      reportCard = cellArg('outcome', 'rcCurriculumTeaching', outcome, asOf);
    } catch (reportCardError) {
      const expected = (e: unknown) => String((e as Error).message).replace(/^.*; expected /, '').replace(/\.$/, '');
      throw new ArgumentError(`outcome is ${JSON.stringify(outcome)}; expected an Ofsted grade (${expected(legacyError)}) or a report-card grade (${expected(reportCardError)}).`);
    }
    record.reportCardDate = date;
    record.rcCurriculumTeaching = reportCard;
    for (const k of ['ofstedGrade', 'inspectionDate'] as const) delete record[k];
    return;
  }
  record.inspectionDate = date;
  if (legacy !== undefined) record.ofstedGrade = legacy;
}

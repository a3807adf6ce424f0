/**
 * The school NEXTINSPECTIONRISK and NEXTINSPECTIONDUE describe, from their arguments: the last inspection's
 * date and outcome read as the register reads them (legacy grades, the 2024-25 key judgements on the same
 * 1-4 scale, report-card grades), an optional open date for a school never inspected, and optionally the
 * school's header row and row so its other indicators count.
 */
import { toUkDate, type CalendarDate } from '../core/dates';
import type { SchoolRecord } from '../core/fields';
import { readRegister } from '../core/record';
import { ArgumentError, asOfArg, cellArg, headerArg, isBlank, optionalDateArg } from './arguments';

export interface SchoolArguments {
  readonly lastInspectionDate: unknown;
  readonly outcome: unknown;
  readonly asOf: unknown;
  readonly headers: unknown[][] | null;
  readonly row: unknown[][] | null;
  readonly inspectionType?: unknown;
  readonly openDate?: unknown;
}

/** The record of one school, the arguments laid over its row (when given); `ArgumentError` for one that cannot be read. */
export function schoolOf(args: SchoolArguments): SchoolRecord {
  const asOf = asOfArg(args.asOf);
  const base = args.headers && args.row && args.row.length > 0 ? readRegister(headerArg(args.headers), [args.row[0]!], { asOf, headerRowNumber: 0 }).records[0] : undefined;
  const record: SchoolRecord = { ...(base ?? { row: 1 }), row: 1 };
  const date = optionalDateArg('lastInspectionDate', args.lastInspectionDate);
  if (date !== undefined && date > asOf) throw new ArgumentError(`lastInspectionDate is ${toUkDate(date)}, after asOf (${toUkDate(asOf)}); expected the date of an inspection that has happened.`);
  const openDate = optionalDateArg('openDate', args.openDate);
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

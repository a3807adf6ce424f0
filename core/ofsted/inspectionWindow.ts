/**
 * When the next inspection is due, under the published rules gathered in DOMAIN.md ("When the next
 * inspection is due"). Every interval is a parameter; the defaults and their sources are in docs/ofsted.md.
 */
import { addMonths, dateFromParts, monthsBetween, schoolYearStarting, termOf, type CalendarDate } from '../dates';
import type { OfstedStanding } from './standing';

/** The intervals, in months unless said otherwise. */
export interface WindowParameters {
  /** Good or better: the next (ungraded) inspection falls within this many school years after the last. */
  readonly goodWithinSchoolYears: number;
  /** Good or better: not expected before this many months (practice: about every four years). */
  readonly goodEarliestMonths: number;
  /** Requires improvement: re-inspected "usually within 30 months". */
  readonly riLatestMonths: number;
  readonly riEarliestMonths: number;
  /** Inadequate: monitored from 4-6 weeks after the report; re-inspected within 30 months. */
  readonly inadequateEarliestMonths: number;
  readonly inadequateLatestMonths: number;
  /** An ungraded inspection that says "graded next": the graded inspection follows within this many months. */
  readonly gradedNextLatestMonths: number;
  /** Legal maximum between graded inspections, in school years (SI 2005/2038). */
  readonly legalMaximumSchoolYears: number;
  /** New schools: first inspection in this school year of operation. */
  readonly newSchoolInspectionYear: number;
}

/** Defaults from DOMAIN.md; the report-card interval was not found in a primary source and is kept at the four-year practice. */
export const WINDOW_DEFAULTS: WindowParameters = {
  goodWithinSchoolYears: 4,
  goodEarliestMonths: 30,
  riLatestMonths: 30,
  riEarliestMonths: 12,
  inadequateEarliestMonths: 1,
  inadequateLatestMonths: 30,
  gradedNextLatestMonths: 24,
  legalMaximumSchoolYears: 5,
  newSchoolInspectionYear: 3,
};

/** The earliest and latest dates the next inspection is expected, and the rule that gave them. */
export interface InspectionWindow {
  readonly dueFrom: CalendarDate;
  readonly dueBy: CalendarDate;
  readonly basis: string;
}

/** The last day of the school year (from 1 August) that starts in `year`. */
const endOfSchoolYear = (year: number) => dateFromParts(year + 1, 7, 31) as CalendarDate;
const min = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);

/** The window for a school's standing; `null` when nothing dates it (never inspected and no open date). */
export function inspectionWindow(standing: OfstedStanding, openDate: CalendarDate | undefined, params: WindowParameters = WINDOW_DEFAULTS): InspectionWindow | null {
  const judged = standing.lastJudgedDate;
  if (standing.band === 'not-inspected' || judged === undefined) {
    if (openDate === undefined) return null;
    const firstYear = schoolYearStarting(openDate) + params.newSchoolInspectionYear - 1;
    return { dueFrom: dateFromParts(firstYear, 8, 1) as CalendarDate, dueBy: endOfSchoolYear(firstYear), basis: `new school: first inspection in its year ${params.newSchoolInspectionYear} of operation` };
  }
  const legalMax = endOfSchoolYear(schoolYearStarting(judged) + params.legalMaximumSchoolYears);
  const last = standing.lastInspectionDate ?? judged;
  if (standing.gradedNext && last > judged) {
    return { dueFrom: last, dueBy: min(addMonths(last, params.gradedNextLatestMonths), legalMax), basis: 'ungraded inspection: a graded inspection comes next' };
  }
  switch (standing.band) {
    case 'inadequate':
      return { dueFrom: addMonths(judged, params.inadequateEarliestMonths), dueBy: min(addMonths(judged, params.inadequateLatestMonths), legalMax), basis: 'inadequate: monitoring from 4-6 weeks, re-inspection within 30 months' };
    case 'requires-improvement':
      return { dueFrom: addMonths(judged, params.riEarliestMonths), dueBy: min(addMonths(judged, params.riLatestMonths), legalMax), basis: 'requires improvement: re-inspection usually within 30 months' };
    case 'good-or-better': {
      // A later ungraded inspection that kept the grade restarts the cycle; the legal maximum still counts from the graded one.
      const from = last;
      const dueBy = endOfSchoolYear(schoolYearStarting(from) + params.goodWithinSchoolYears);
      return { dueFrom: addMonths(from, params.goodEarliestMonths), dueBy: last > judged ? dueBy : min(dueBy, legalMax), basis: `good or better: within ${params.goodWithinSchoolYears} school years of the last inspection` };
    }
  }
}

/** Where the as-of date sits against a window. */
export interface WindowStatus {
  /** Whole months from the as-of date to `dueBy` (negative when overdue). */
  readonly monthsUntilDue: number;
  readonly overdue: boolean;
  /** The window overlaps the term the as-of date is in. */
  readonly dueThisTerm: boolean;
}

/** The window seen from the as-of date. */
export function windowStatus(window: InspectionWindow, asOf: CalendarDate): WindowStatus {
  const term = termOf(asOf);
  return {
    monthsUntilDue: monthsBetween(asOf, window.dueBy),
    overdue: window.dueBy < asOf,
    dueThisTerm: window.dueFrom <= term.end && window.dueBy >= term.start,
  };
}

/**
 * When the next inspection is due, under the published rules gathered in DOMAIN.md ("When the next
 * inspection is due"). Every interval is a parameter; the defaults, their sources and which are local
 * readings are in `WINDOW_PARAMETERS` and docs/ofsted.md.
 */
import { addDays, addMonths, dateFromParts, monthsBetween, schoolYearStarting, termOf, type CalendarDate } from '../dates';
import type { OfstedBand, OfstedSource } from '../facts';

/** The intervals. */
export interface WindowParameters {
  /** Good or better: the next (ungraded) inspection falls within this many school years after the one the last inspection was in. */
  readonly goodWithinSchoolYears: number;
  /** Good or better: not expected before this many months after the last inspection. */
  readonly goodEarliestMonths: number;
  /** Report cards (from Nov 2025): the routine inspection falls within this many school years (no primary source found). */
  readonly reportCardWithinSchoolYears: number;
  /** Requires improvement: earliest re-inspection, months. */
  readonly riEarliestMonths: number;
  /** Requires improvement: re-inspected "usually within 30 months". */
  readonly riLatestMonths: number;
  /** Inadequate / category of concern: monitoring starts this many days after the inspection (4-6 weeks after the report). */
  readonly inadequateEarliestDays: number;
  /** Inadequate: re-inspection within this many months. */
  readonly inadequateLatestMonths: number;
  /** An ungraded inspection that says "graded next": the graded inspection follows within this many months. */
  readonly gradedNextLatestMonths: number;
  /** Legal maximum between graded inspections, in school years from 1 August (SI 2005/2038). */
  readonly legalMaximumSchoolYears: number;
  /** New schools and academy converters with no inspection: first inspected in this school year of operation. */
  readonly newSchoolInspectionYear: number;
}

/** The defaults. */
export const WINDOW_DEFAULTS: WindowParameters = {
  goodWithinSchoolYears: 4,
  goodEarliestMonths: 30,
  reportCardWithinSchoolYears: 4,
  riEarliestMonths: 12,
  riLatestMonths: 30,
  inadequateEarliestDays: 28,
  inadequateLatestMonths: 30,
  gradedNextLatestMonths: 24,
  legalMaximumSchoolYears: 5,
  newSchoolInspectionYear: 3,
};

/** Each interval's meaning and source; "local" marks a reading this product chose where no source fixes the value. */
export const WINDOW_PARAMETERS: Readonly<Record<keyof WindowParameters, { readonly source: string; readonly local: boolean }>> = {
  goodWithinSchoolYears: { source: 'DOMAIN.md: good and outstanding schools (2012-2024), ungraded inspection "within the four academic years after the last inspection".', local: false },
  goodEarliestMonths: { source: 'Local: "in practice about every 4 years" (DOMAIN.md); the window opens at 30 months so that it covers the last two school years of the four.', local: true },
  reportCardWithinSchoolYears: { source: 'DOMAIN.md: the report-card interval was not found in a primary source; default is the 4-year practice, inside the 5-year legal maximum.', local: true },
  riEarliestMonths: { source: 'Local: no published earliest date; monitoring of RI schools is not a re-inspection.', local: true },
  riLatestMonths: { source: 'DOMAIN.md: requires improvement, re-inspection "usually within 30 months".', local: false },
  inadequateEarliestDays: { source: 'DOMAIN.md: inadequate schools are monitored from 4-6 weeks after the report (28 days taken from the inspection as the earliest).', local: false },
  inadequateLatestMonths: { source: 'DOMAIN.md: re-inspection usually within 30 months.', local: false },
  gradedNextLatestMonths: { source: 'Local: Ofsted does not publish how soon a graded inspection follows an ungraded one that said "S5 next"; 24 months, capped by the legal maximum.', local: true },
  legalMaximumSchoolYears: { source: 'The Education (School Inspection) (England) Regulations 2005, SI 2005/2038 as amended: 5 school years, a school year from 1 August (DOMAIN.md). Covid extension to 7 years (SI 2021/845) not applied.', local: false },
  newSchoolInspectionYear: { source: 'DOMAIN.md: new schools, academy converters and mergers, first inspection in the third year of operation (Ofsted statement, October 2015).', local: false },
};

/** What the window is computed from. An `OfstedStanding` is one. */
export interface LastInspection {
  /** The band the last judgement gave (`not-inspected` for a school never judged). */
  readonly band: OfstedBand;
  /** Which kind of inspection judged it (report cards have their own interval). */
  readonly source?: OfstedSource;
  /** Date of the last inspection that judged the school (graded or report card). */
  readonly lastJudgedDate?: CalendarDate;
  /** Date of the latest inspection of any kind (a later ungraded one restarts the good-school cycle). */
  readonly lastInspectionDate?: CalendarDate;
  /** A later ungraded inspection said a graded inspection comes next. */
  readonly gradedNext?: boolean;
  readonly inCategoryOfConcern?: boolean;
}

/** The earliest and latest dates the next inspection is expected, and the rule that gave them. */
export interface InspectionWindow {
  readonly dueFrom: CalendarDate;
  readonly dueBy: CalendarDate;
  readonly basis: string;
}

/** 31 July ending the school year that starts on 1 August of `year`. */
const endOfSchoolYear = (year: number) => dateFromParts(year + 1, 7, 31) as CalendarDate;
const earlier = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);

/**
 * The window for the next inspection; `null` when nothing dates it (never inspected and no open date).
 * Parameters not given take `WINDOW_DEFAULTS`.
 */
export function inspectionWindow(last: LastInspection, openDate?: CalendarDate, params: Partial<WindowParameters> = {}): InspectionWindow | null {
  const p = params === WINDOW_DEFAULTS ? WINDOW_DEFAULTS : { ...WINDOW_DEFAULTS, ...params };
  const judged = last.lastJudgedDate;
  if (last.band === 'not-inspected' || judged === undefined) {
    if (openDate === undefined) return null;
    const firstYear = schoolYearStarting(openDate) + p.newSchoolInspectionYear - 1;
    return { dueFrom: dateFromParts(firstYear, 8, 1) as CalendarDate, dueBy: endOfSchoolYear(firstYear), basis: `not yet inspected: new schools are first inspected in their year ${p.newSchoolInspectionYear} of operation` };
  }
  const legalMax = endOfSchoolYear(schoolYearStarting(judged) + p.legalMaximumSchoolYears);
  const latest = last.lastInspectionDate !== undefined && last.lastInspectionDate > judged ? last.lastInspectionDate : judged;
  if (last.gradedNext && latest > judged) {
    // The ungraded inspection is itself an inspection under the regulations, so the legal maximum runs from it here.
    const legalMaxFromUngraded = endOfSchoolYear(schoolYearStarting(latest) + p.legalMaximumSchoolYears);
    return { dueFrom: latest, dueBy: earlier(addMonths(latest, p.gradedNextLatestMonths), legalMaxFromUngraded), basis: `ungraded inspection said a graded inspection comes next: within ${p.gradedNextLatestMonths} months (legal maximum ${p.legalMaximumSchoolYears} school years)` };
  }
  switch (last.band) {
    case 'inadequate':
      return { dueFrom: addDays(judged, p.inadequateEarliestDays), dueBy: earlier(addMonths(judged, p.inadequateLatestMonths), legalMax), basis: `inadequate${last.inCategoryOfConcern ? ' (category of concern)' : ''}: monitoring from 4-6 weeks, re-inspection within ${p.inadequateLatestMonths} months` };
    case 'requires-improvement':
      return { dueFrom: addMonths(judged, p.riEarliestMonths), dueBy: earlier(addMonths(judged, p.riLatestMonths), legalMax), basis: `requires improvement: re-inspection usually within ${p.riLatestMonths} months` };
    case 'good-or-better': {
      const years = last.source === 'report-card' ? p.reportCardWithinSchoolYears : p.goodWithinSchoolYears;
      // An ungraded inspection that kept the grade restarts the cycle; only a graded one restarts the legal maximum.
      const dueBy = endOfSchoolYear(schoolYearStarting(latest) + years);
      return {
        dueFrom: addMonths(latest, p.goodEarliestMonths),
        dueBy: latest > judged ? dueBy : earlier(dueBy, legalMax),
        basis: `good or better: within ${years} school years after the last inspection${last.source === 'report-card' ? ' (report-card interval: a parameter, no primary source)' : ''}`,
      };
    }
  }
}

/** Where the as-of date sits against a window. */
export interface WindowStatus {
  /** Whole months from the as-of date to `dueBy` (negative when overdue). */
  readonly monthsUntilDue: number;
  /** `dueBy` is before the as-of date. */
  readonly overdue: boolean;
  /** The window overlaps the term the as-of date is in (terms as `termOf` in dates.ts). */
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

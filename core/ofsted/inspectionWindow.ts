/**
 * When the next inspection is expected, and how sure that is. After requires improvement or inadequate
 * the window is measured: the narrowest span that held a stated share (`coverage`, 80% by default) of
 * the real next graded inspections in the 2012-2017 histories. After good or better, and for new schools,
 * it is the published rule (the data holds graded inspections only, so the ungraded ones that keep a
 * good school good cannot be measured). The statutory latest date (5 school years) is shown apart.
 * Every interval is a parameter; sources in `WINDOW_PARAMETERS` and docs/ofsted.md.
 */
import { mergerOver } from '../mergedDefaults';
import { addDays, addMonths, dateFromParts, monthsElapsed, schoolYearStarting, termOf, type CalendarDate, type Term } from '../dates';
import type { OfstedBand, OfstedSource } from '../facts';
import type { InspectionRulesId } from './inspectionRules';
import { INSPECTION_RISK_MODEL, MONTH_DAYS, narrowestInterval, type InspectionRiskModel } from './riskModel';

/** The intervals. */
export interface WindowParameters {
  /** The rules the window is read under. */
  readonly rules: InspectionRulesId;
  /** Share of real next inspections a measured window holds (0-1). */
  readonly coverage: number;
  /** Measured re-inspection intervals (the fitted model's). */
  readonly intervals: InspectionRiskModel['intervals'];
  /** Good or better, 2012-2019 practice: the next (ungraded) inspection falls within this many school years after the one the last inspection was in. */
  readonly goodWithinSchoolYears: number;
  /** Good or better: not expected before this many months after the last inspection. */
  readonly goodEarliestMonths: number;
  /** Report cards (from Nov 2025): the routine inspection falls within this many school years of the latest inspection (no primary source found). */
  readonly reportCardWithinSchoolYears: number;
  /** An ungraded inspection that says "graded next": the graded inspection follows within this many months. */
  readonly gradedNextLatestMonths: number;
  /** Legal maximum between graded inspections, in school years from 1 August (SI 2005/2038). */
  readonly legalMaximumSchoolYears: number;
  /** New schools and academy converters with no inspection: first inspected in this school year of operation. */
  readonly newSchoolInspectionYear: number;
}

/** The defaults: today's rules. */
export const WINDOW_DEFAULTS: WindowParameters = {
  rules: 'report-cards-2025',
  coverage: 0.8,
  intervals: INSPECTION_RISK_MODEL.intervals,
  goodWithinSchoolYears: 4,
  goodEarliestMonths: 30,
  reportCardWithinSchoolYears: 4,
  gradedNextLatestMonths: 24,
  legalMaximumSchoolYears: 5,
  newSchoolInspectionYear: 3,
};

/** Each interval's meaning and source; "local" marks a reading this product chose where no source fixes the value. */
export const WINDOW_PARAMETERS: Readonly<Record<keyof WindowParameters, { readonly source: string; readonly local: boolean }>> = {
  rules: { source: 'inspectionRules.ts: report cards from 10 November 2025 (today\'s rules); the 2012-2019 practice for backtests.', local: false },
  coverage: { source: 'Local: the share of real next inspections a measured window is to hold; 80% leaves one in five outside, either side.', local: true },
  intervals: { source: 'Measured: days from each requires-improvement or inadequate judgement (Sept 2012 - Aug 2017, even URNs) to the same school\'s next graded inspection, in the Ofsted histories to Feb 2020 (scripts/ofsted2018/fit.ts).', local: false },
  goodWithinSchoolYears: { source: 'DOMAIN.md: good and outstanding schools (2012-2024), ungraded inspection "within the four academic years after the last inspection".', local: false },
  goodEarliestMonths: { source: 'Local: "in practice about every 4 years" (DOMAIN.md); the window opens at 30 months so that it covers the last two school years of the four.', local: true },
  reportCardWithinSchoolYears: { source: 'REPORT-CARDS-AND-RISE.md: "full inspections every four years from December 1st 2025" (a council site; no primary source found). The 4-year practice, inside the 5-year legal maximum.', local: true },
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
  /** Outstanding schools were exempt from routine inspection under the 2012-2019 practice. */
  readonly equivalentGrade?: string;
}

/** The earliest and latest dates the next inspection is expected, how sure that is, and the rule that gave them. */
export interface InspectionWindow {
  readonly dueFrom: CalendarDate;
  readonly dueBy: CalendarDate;
  /** Share of real next graded inspections a window like this held (measured windows); `null` for a rule's window. */
  readonly coverage: number | null;
  /** The latest date the law allows for the next graded inspection (5 school years), when a graded inspection dates it. */
  readonly statutoryLatest?: CalendarDate;
  /** 'rule': the dates are the rule's; 'measured': they are the spread of real re-inspections. */
  readonly kind: 'rule' | 'measured';
  readonly basis: string;
}

/** 31 July ending the school year that starts on 1 August of `year`. */
// Bound once: under CommonJS interop (tsx, vitest) an import is a getter, read at every use otherwise (a window is worked out per school).
const calendar = { addDays, addMonths, dateFromParts, schoolYearStarting } as const;
const endOfSchoolYear = (year: number) => calendar.dateFromParts(year + 1, 7, 31) as CalendarDate;
const earlier = (a: CalendarDate, b: CalendarDate) => (a < b ? a : b);
const percent = (x: number) => `${Math.round(x * 100)}%`;
const months1 = (days: number) => (days / MONTH_DAYS).toFixed(1);

/** Parameters merged with the defaults, once per parameters object. */
const windowParameters = mergerOver<WindowParameters>(WINDOW_DEFAULTS);

/**
 * What a window's parameters give every school alike, worked out on first use: the measured spans and
 * the bases in words (a register of 25,000 schools shares a handful of each).
 */
interface WindowTexts {
  readonly measured: Partial<Record<'requires-improvement' | 'inadequate' | 'inadequate-coc', { readonly fromDays: number; readonly toDays: number; readonly basis: string }>>;
  /** Good or better, by [report cards][outstanding]. */
  readonly good: (string | undefined)[];
  notInspected?: string;
  gradedNext?: string;
}
const textsByParams = new WeakMap<WindowParameters, WindowTexts>();

function textsOf(p: WindowParameters): WindowTexts {
  let t = textsByParams.get(p);
  if (t === undefined) textsByParams.set(p, (t = { measured: {}, good: [] }));
  return t;
}

/**
 * The window for the next inspection; `null` when nothing dates it (never inspected and no open date).
 * Parameters not given take `WINDOW_DEFAULTS`.
 */
export function inspectionWindow(last: LastInspection, openDate?: CalendarDate, params: Partial<WindowParameters> = {}): InspectionWindow | null {
  const p = windowParameters(params);
  return windowOf(last, openDate, p, textsOf(p));
}

/**
 * `inspectionWindow` under one set of parameters, merged and their texts found once: a register reckons
 * every school's window under the same parameters, and two weak-map lookups per school cost more than the dates.
 */
export class WindowReckoner {
  readonly #p: WindowParameters;
  readonly #texts: WindowTexts;
  constructor(params: Partial<WindowParameters>) {
    this.#p = windowParameters(params);
    this.#texts = textsOf(this.#p);
  }

  /** The window of `last` (as `inspectionWindow`). */
  of(last: LastInspection, openDate: CalendarDate | undefined): InspectionWindow | null {
    return windowOf(last, openDate, this.#p, this.#texts);
  }
}

/** `inspectionWindow` with whole parameters and their texts. Every window has the same keys in the same order (one shape for whoever reads them). */
function windowOf(last: LastInspection, openDate: CalendarDate | undefined, p: WindowParameters, texts: WindowTexts): InspectionWindow | null {
  const judged = last.lastJudgedDate;
  if (last.band === 'not-inspected' || judged === undefined) {
    if (openDate === undefined) return null;
    const firstYear = calendar.schoolYearStarting(openDate) + p.newSchoolInspectionYear - 1;
    return { dueFrom: calendar.dateFromParts(firstYear, 8, 1) as CalendarDate, dueBy: endOfSchoolYear(firstYear), coverage: null, statutoryLatest: undefined, kind: 'rule', basis: (texts.notInspected ??= `not yet inspected: new schools are first inspected in their year ${p.newSchoolInspectionYear} of operation`) };
  }
  const statutoryLatest = endOfSchoolYear(calendar.schoolYearStarting(judged) + p.legalMaximumSchoolYears);
  const latest = last.lastInspectionDate !== undefined && last.lastInspectionDate > judged ? last.lastInspectionDate : judged;
  if (last.gradedNext && latest > judged) {
    // The ungraded inspection is itself an inspection under the regulations, so the legal maximum runs from it here.
    const legalFromUngraded = endOfSchoolYear(calendar.schoolYearStarting(latest) + p.legalMaximumSchoolYears);
    return { dueFrom: latest, dueBy: earlier(calendar.addMonths(latest, p.gradedNextLatestMonths), legalFromUngraded), coverage: null, statutoryLatest: legalFromUngraded, kind: 'rule', basis: (texts.gradedNext ??= `ungraded inspection said a graded inspection comes next: within ${p.gradedNextLatestMonths} months (legal maximum ${p.legalMaximumSchoolYears} school years)`) };
  }
  if (last.band === 'good-or-better') {
    const reportCards = p.rules === 'report-cards-2025' || last.source === 'report-card';
    const years = reportCards ? p.reportCardWithinSchoolYears : p.goodWithinSchoolYears;
    // A later ungraded inspection that kept the grade restarts the cycle; only a graded one restarts the legal maximum.
    const dueBy = endOfSchoolYear(calendar.schoolYearStarting(latest) + years);
    const outstanding = !reportCards && last.equivalentGrade === 'outstanding';
    const key = (reportCards ? 2 : 0) + (outstanding ? 1 : 0);
    return {
      dueFrom: calendar.addMonths(latest, p.goodEarliestMonths),
      dueBy: latest > judged ? dueBy : earlier(dueBy, statutoryLatest),
      coverage: null,
      statutoryLatest: latest > judged ? undefined : statutoryLatest,
      kind: 'rule',
      basis: (texts.good[key] ??= `good or better: within ${years} school years after the last inspection${reportCards ? ' (report cards: the 4-year practice, no primary source)' : ''}${outstanding ? '; outstanding schools were exempt from routine inspection 2012-2020, so this is for reference' : ''}`),
    };
  }
  const band = last.band;
  let span = texts.measured[band === 'inadequate' && last.inCategoryOfConcern ? 'inadequate-coc' : band];
  if (span === undefined) {
    const measured = p.intervals[band];
    const { fromDays, toDays } = narrowestInterval(measured.quantileDays, p.coverage);
    const what = band === 'inadequate' ? `inadequate${last.inCategoryOfConcern ? ' (category of concern)' : ''}` : 'requires improvement';
    span = { fromDays, toDays, basis: `${what}: ${percent(p.coverage)} of next graded inspections came ${months1(fromDays)}-${months1(toDays)} months after such a judgement (2012-2017, ${measured.judgements.toLocaleString('en-GB')} judgements)` };
    texts.measured[band === 'inadequate' && last.inCategoryOfConcern ? 'inadequate-coc' : band] = span;
  }
  return {
    dueFrom: calendar.addDays(judged, span.fromDays),
    dueBy: calendar.addDays(judged, span.toDays),
    coverage: p.coverage,
    statutoryLatest,
    kind: 'measured',
    basis: span.basis,
  };
}

/** Where the as-of date sits against a window. */
export interface WindowStatus {
  /** Months from the as-of date to `dueBy`, by anniversaries (`monthsElapsed`; negative when overdue). */
  readonly monthsUntilDue: number;
  /** `dueBy` is before the as-of date. */
  readonly overdue: boolean;
  /** The window overlaps the term the as-of date is in (terms as `termOf` in dates.ts). */
  readonly dueThisTerm: boolean;
}

/** The window seen from the as-of date. */
export function windowStatus(window: InspectionWindow, asOf: CalendarDate): WindowStatus {
  return { monthsUntilDue: monthsElapsed(asOf, window.dueBy), overdue: window.dueBy < asOf, dueThisTerm: dueInTerm(window, termOf(asOf)) };
}

/** The window overlaps `term` (a register finds the as-of date's term once, and asks for every school). */
export function dueInTerm(window: InspectionWindow, term: Term): boolean {
  return window.dueFrom <= term.end && window.dueBy >= term.start;
}

/**
 * The first part of the inspection risk: the chance that a graded inspection comes within the horizon.
 * Under today's rules a good-or-better school's next routine inspection is spread evenly over its
 * window (counted from the latest inspection of any kind); after requires improvement or inadequate,
 * and for every school under the 2012-2019 practice, the monthly rates measured on the histories are
 * summed over the horizon. Under that practice Ofsted's risk assessment chose which good schools had a
 * graded inspection, so weak results raised the rate, as the fitted selection terms say. A small rate
 * of unscheduled inspections is always added, so no school is ever at exactly zero.
 */
import { addDays, monthsBetween, toUkDate, type CalendarDate } from '../dates';
import type { InspectionRulesId } from './inspectionRules';
import type { InspectionWindow } from './inspectionWindow';
import { clockStart, cumulativeRate, MONTH_DAYS, type InspectionRiskModel, type TimedStanding } from './riskModel';
import { RISK_TERMS, type RiskTermId, type TermInput } from './riskTerms';
import type { OfstedStanding } from './standing';

/** The chance and what it rests on. */
export interface GradedInspectionChance {
  readonly probability: number;
  /** What the chance rests on, in words ("good, last graded 4 years 2 months ago, due now (by 31/07/2019)"). */
  readonly because: string;
}

/** The standing whose rates apply; `null` for a school never judged. */
export function timedStanding(standing: OfstedStanding): TimedStanding | null {
  switch (standing.band) {
    case 'good-or-better':
      return standing.equivalentGrade === 'outstanding' ? 'outstanding' : 'good';
    case 'requires-improvement':
    case 'inadequate':
      return standing.band;
    case 'not-inspected':
      return null;
  }
}

const STANDING_WORDS: Readonly<Record<TimedStanding, string>> = { outstanding: 'outstanding', good: 'good', 'requires-improvement': 'requires improvement', inadequate: 'inadequate' };

/** The share of what remains of a rule's window that falls before `end` (1 once the window has closed). */
function evenShareBefore(window: InspectionWindow, asOf: CalendarDate, end: CalendarDate): number {
  if (window.dueBy <= asOf) return 1;
  const from = window.dueFrom > asOf ? window.dueFrom : asOf;
  if (end <= from) return 0;
  return (Math.min(end, window.dueBy) - from) / (window.dueBy - from);
}

function ago(from: CalendarDate, asOf: CalendarDate): string {
  const months = Math.max(0, monthsBetween(from, asOf));
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const parts = [years > 0 ? `${years} year${years === 1 ? '' : 's'}` : '', rest > 0 || years === 0 ? `${rest} month${rest === 1 ? '' : 's'}` : ''].filter(Boolean);
  return `${parts.join(' ')} ago`;
}

function windowWords(window: InspectionWindow, asOf: CalendarDate): string {
  if (window.dueBy < asOf) return `overdue (due by ${toUkDate(window.dueBy)})`;
  if (window.dueFrom <= asOf) return `due now (by ${toUkDate(window.dueBy)})`;
  return `due from ${toUkDate(window.dueFrom)}`;
}

/** The selection terms' part of the log rate (2012-2019 practice, good and outstanding schools), intercept apart. */
export function selectionLogRate(input: TermInput, model: InspectionRiskModel): number {
  let sum = 0;
  for (const [id, coefficient] of Object.entries(model.selection.terms) as [RiskTermId, number][]) sum += coefficient * RISK_TERMS[id].value(input);
  return sum;
}

/** The chance of a graded inspection between the as-of date and `horizonMonths` later. */
export function chanceOfGradedInspection(input: TermInput, window: InspectionWindow | null, rules: InspectionRulesId, horizonMonths: number, model: InspectionRiskModel): GradedInspectionChance {
  const { standing, asOf } = input;
  const end = addDays(asOf, Math.round(horizonMonths * MONTH_DAYS));
  const unscheduled = model.unscheduledPerMonth * horizonMonths;
  const fromWindow = (w: InspectionWindow) => 1 - (1 - evenShareBefore(w, asOf, end)) * Math.exp(-unscheduled);
  const timed = timedStanding(standing);
  const judged = standing.lastJudgedDate;

  if (timed === null || judged === undefined) {
    return window
      ? { probability: fromWindow(window), because: `not yet inspected, ${windowWords(window, asOf)}` }
      : { probability: 1 - Math.exp(-unscheduled), because: 'not yet inspected and no opening date: only an unscheduled inspection is counted' };
  }
  const last = `${STANDING_WORDS[timed]}, last judged ${ago(judged, asOf)}`;
  if (window && standing.gradedNext && standing.lastInspectionDate !== undefined && standing.lastInspectionDate > judged) {
    return { probability: fromWindow(window), because: `${last}; an ungraded inspection ${ago(standing.lastInspectionDate, asOf)} said a graded one comes next, ${windowWords(window, asOf)}` };
  }
  if (window && rules === 'report-cards-2025' && (timed === 'good' || timed === 'outstanding')) {
    const latest = standing.lastInspectionDate !== undefined && standing.lastInspectionDate > judged ? `, last inspected ${ago(standing.lastInspectionDate, asOf)}` : '';
    return { probability: fromWindow(window), because: `${last}${latest}, ${windowWords(window, asOf)}` };
  }

  const curve = model.rates[timed];
  let rate = cumulativeRate(curve, clockStart(curve.clock, judged), asOf, end) + unscheduled;
  let selection = '';
  if (rules === 'practice-2012-2019' && (timed === 'good' || timed === 'outstanding')) {
    // Under this practice the risk assessment picked which good schools had a graded inspection (fitted as a rate multiplier).
    const terms = selectionLogRate(input, model);
    rate *= Math.exp(model.selection.intercept + terms);
    if (Math.abs(terms) >= 0.05) selection = `; Ofsted's risk assessment made a graded inspection ×${Math.exp(terms).toFixed(1)} as likely for such a school (standing, phase, results)`;
  }
  const measured = rules === 'practice-2012-2019' ? 'at the rate measured for that point in the cycle' : 'at the re-inspection rate measured 2015-2020 (no report-card interval is published)';
  // A rule's window says little next to a measured rate (the data cannot see the ungraded inspections that reset it).
  const due = window?.kind === 'measured' ? `${windowWords(window, asOf)}, ` : '';
  return { probability: 1 - Math.exp(-rate), because: `${last}, ${due}${measured}${selection}` };
}

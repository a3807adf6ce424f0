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
import { riskTermValue, type RiskTermId, type TermInput } from './riskTerms';
import type { OfstedStanding } from './standing';

/** What the chance rests on: the kind of reckoning and what it read (worded by `describeChance` when a shell asks). */
export interface ChanceBasis {
  /** 'window': spread evenly over a rule's window; 'rate': summed measured rates; 'none': only the unscheduled rate. */
  readonly kind: 'window' | 'rate' | 'none';
  readonly input: TermInput;
  readonly window: InspectionWindow | null;
  readonly rules: InspectionRulesId;
  /** The log multiplier of the risk-assessment terms (2012-2019 practice, good and outstanding), 0 otherwise. */
  readonly selection: number;
}

/** The chance and what it rests on. */
export interface GradedInspectionChance {
  readonly probability: number;
  readonly basis: ChanceBasis;
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
  for (const id in model.selection.terms) sum += model.selection.terms[id as RiskTermId]! * riskTermValue(id as RiskTermId, input);
  return sum;
}

/** A later ungraded inspection said a graded one comes next. */
const gradedNextSince = (standing: OfstedStanding, judged: CalendarDate) => standing.gradedNext === true && standing.lastInspectionDate !== undefined && standing.lastInspectionDate > judged;

/** The chance of a graded inspection between the as-of date and `horizonMonths` later. */
export function chanceOfGradedInspection(input: TermInput, window: InspectionWindow | null, rules: InspectionRulesId, horizonMonths: number, model: InspectionRiskModel): GradedInspectionChance {
  const probability = gradedInspectionProbability(input, window, rules, horizonMonths, model);
  return { probability, basis: { kind: lastKind, input, window, rules, selection: lastSelection } };
}

/** The basis `gradedInspectionProbability` found last, apart from what it was given (module-level: scoring a school allocates nothing). */
let lastKind: ChanceBasis['kind'] = 'none';
let lastSelection = 0;

/** `chanceOfGradedInspection`'s probability alone: a register scores every school and words the basis of few. */
export function gradedInspectionProbability(input: TermInput, window: InspectionWindow | null, rules: InspectionRulesId, horizonMonths: number, model: InspectionRiskModel): number {
  const unscheduled = model.unscheduledPerMonth * horizonMonths;
  return chanceWithin(input, window, rules, model, unscheduled, addDays(input.asOf, Math.round(horizonMonths * MONTH_DAYS)), null);
}

/**
 * `gradedInspectionProbability` for every school of one register (one as-of date, rules, horizon and
 * model): what they share, the horizon's end and the unscheduled chance, is worked out once. Made per
 * register, never kept after it.
 */
export class RegisterChance {
  readonly #rules: InspectionRulesId;
  readonly #model: InspectionRiskModel;
  readonly #unscheduled: number;
  readonly #end: CalendarDate;
  readonly #noUnscheduled: number;
  constructor(asOf: CalendarDate, rules: InspectionRulesId, horizonMonths: number, model: InspectionRiskModel) {
    this.#rules = rules;
    this.#model = model;
    this.#unscheduled = model.unscheduledPerMonth * horizonMonths;
    this.#end = addDays(asOf, Math.round(horizonMonths * MONTH_DAYS));
    this.#noUnscheduled = Math.exp(-this.#unscheduled);
  }

  /** The chance for one school (`input.asOf` the register's), as `gradedInspectionProbability` gives it. */
  probability(input: TermInput, window: InspectionWindow | null): number {
    return chanceWithin(input, window, this.#rules, this.#model, this.#unscheduled, this.#end, this.#noUnscheduled);
  }
}

/** `gradedInspectionProbability` from the horizon's parts; `noUnscheduled`, e^-unscheduled, when the caller has it (`null`: worked out here). */
function chanceWithin(input: TermInput, window: InspectionWindow | null, rules: InspectionRulesId, model: InspectionRiskModel, unscheduled: number, end: CalendarDate, noUnscheduled: number | null): number {
  const { standing, asOf } = input;
  const timed = timedStanding(standing);
  const judged = standing.lastJudgedDate;
  const byWindow = window !== null && (timed === null || judged === undefined || gradedNextSince(standing, judged) || (rules === 'report-cards-2025' && (timed === 'good' || timed === 'outstanding')));
  lastSelection = 0;
  if (byWindow) {
    lastKind = 'window';
    return 1 - (1 - evenShareBefore(window, asOf, end)) * (noUnscheduled ?? Math.exp(-unscheduled));
  }
  if (timed === null || judged === undefined) {
    lastKind = 'none';
    return 1 - (noUnscheduled ?? Math.exp(-unscheduled));
  }

  const curve = model.rates[timed];
  let rate = cumulativeRate(curve, clockStart(curve.clock, judged), asOf, end) + unscheduled;
  let selection = 0;
  if (rules === 'practice-2012-2019' && (timed === 'good' || timed === 'outstanding')) {
    // Under this practice the risk assessment picked which good schools had a graded inspection (fitted as a rate multiplier).
    selection = selectionLogRate(input, model);
    rate *= Math.exp(model.selection.intercept + selection);
  }
  lastKind = 'rate';
  lastSelection = selection;
  return 1 - Math.exp(-rate);
}

/** What the chance rests on, in words: "good, last judged 4 years 2 months ago, due now (by 31/07/2026)". */
export function describeChance(basis: ChanceBasis): string {
  const { standing, asOf } = basis.input;
  const timed = timedStanding(standing);
  const judged = standing.lastJudgedDate;
  const window = basis.window;
  if (timed === null || judged === undefined) return window ? `not yet inspected, ${windowWords(window, asOf)}` : 'not yet inspected and no opening date: only an unscheduled inspection is counted';
  const last = `${STANDING_WORDS[timed]}, last judged ${ago(judged, asOf)}`;
  const latest = standing.lastInspectionDate;
  if (basis.kind === 'window' && window) {
    if (gradedNextSince(standing, judged)) return `${last}; an ungraded inspection ${ago(latest!, asOf)} said a graded one comes next, ${windowWords(window, asOf)}`;
    return `${last}${latest !== undefined && latest > judged ? `, last inspected ${ago(latest, asOf)}` : ''}, ${windowWords(window, asOf)}`;
  }
  const measured = basis.rules === 'practice-2012-2019' ? 'at the rate measured for that point in the cycle' : 'at the re-inspection rate measured 2015-2020 (no report-card interval is published)';
  // A rule's window says little next to a measured rate (the data cannot see the ungraded inspections that reset it).
  const due = window?.kind === 'measured' ? `${windowWords(window, asOf)}, ` : '';
  const selected = Math.abs(basis.selection) >= 0.05 ? `; Ofsted's risk assessment made a graded inspection ×${Math.exp(basis.selection).toFixed(1)} as likely for such a school (standing, phase, results)` : '';
  return `${last}, ${due}${measured}${selected}`;
}

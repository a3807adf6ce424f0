/**
 * Fits the inspection risk model on the EVEN URNs of the 2018 data and writes it to
 * core/ofsted/inspectionRiskModel.json. Odd URNs are never used here: which terms stay is chosen by 4-fold
 * cross-validation within the even half (below), as were, once, the smoothing of the rates (±1 month; ±2 fitted
 * the same) and where their exposure starts (September 2015 against 2016 and 2017); the odd half is left to
 * scripts/ofsted2018/backtest.ts. Run both with `npm run backtest:risk`.
 *
 * What is fitted, in order:
 *  1. monthly rates of a graded inspection by standing, on the clock the rules count (2015-2020 exposure);
 *  2. the spread of days from a requires-improvement or inadequate judgement to the next graded inspection;
 *  3. how results changed the rate for good and outstanding schools under the 2012-2019 practice
 *     (complementary log-log with the measured rate as offset: a proportional-hazards model);
 *  4. below good if inspected: logistic on the good and outstanding schools that were inspected;
 *  5. the offsets of requires improvement and inadequate, with the rest held (monotone: RI >= good, inadequate >= RI).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { addDays, dateFromParts, type CalendarDate } from '../../core/dates';
import {
  clockStart, cumulativeRate, MONTH_DAYS, RISK_TERM_IDS, RISK_TERMS, TIMED_STANDINGS, timedStanding,
  type InspectionRiskModel, type RateCurve, type RiskTermId, type TimedStanding,
} from '../../core/ofsted';
import type { LegacyGrade } from '../../core/fields';
import { DATA_END, isTrainingUrn, loadData2018 } from './data';
import { fitPopulation, type FitSchool } from './population';
import { OUTCOME_MONTHS, REGISTER_AS_OF } from './register';
import { fitBinary, meanLogLikelihood, predict, type Link } from './stats';

/** Where the model is written. */
export const MODEL_PATH = resolve(__dirname, '../../core/ofsted/inspectionRiskModel.json');

/** Rates are measured on exposure from September 2015, when short inspections of good schools began, to the end of the data. */
export const EXPOSURE_FROM = dateFromParts(2015, 9, 1) as CalendarDate;
/** Re-inspection intervals are measured on judgements from the September 2012 framework to August 2017 (30 months observable). */
export const INTERVALS_FROM = dateFromParts(2012, 9, 1) as CalendarDate;
export const INTERVALS_TO = dateFromParts(2017, 8, 31) as CalendarDate;
/** Months on a clock the rates are kept for; later months take the last. */
const MONTHS = 150;
/** A month's rate pools its neighbours ±1 month, wider (up to ±12) until this many school-months are seen. */
const MIN_EXPOSURE = 200;
/** Cross-validation folds within the even URNs: URN mod 8 = 0, 2, 4, 6. */
const FOLDS = [0, 2, 4, 6];

const timedOfGrade = (g: LegacyGrade): TimedStanding | null =>
  g === 'outstanding' ? 'outstanding' : g === 'good' ? 'good' : g === 'satisfactory' || g === 'requires-improvement' ? 'requires-improvement' : g === 'inadequate' ? 'inadequate' : null;
const CLOCK: Record<TimedStanding, RateCurve['clock']> = { outstanding: 'school-year', good: 'school-year', 'requires-improvement': 'inspection', inadequate: 'inspection' };

/** Events and school-months of exposure by month on the clock, per standing. */
function exposureTables(keep: (urn: string) => boolean) {
  const data = loadData2018();
  const events = Object.fromEntries(TIMED_STANDINGS.map((s) => [s, new Array<number>(MONTHS + 1).fill(0)])) as Record<TimedStanding, number[]>;
  const months = Object.fromEntries(TIMED_STANDINGS.map((s) => [s, new Array<number>(MONTHS + 1).fill(0)])) as Record<TimedStanding, number[]>;
  for (const d of data.details.values()) {
    if (!keep(d.urn) || !['Maintained School', 'Academy', 'Special School'].includes(d.type)) continue;
    const history = data.histories.get(d.urn) ?? [];
    history.forEach((inspection, k) => {
      const standing = timedOfGrade(inspection.grade);
      if (!standing) return;
      const start = clockStart(CLOCK[standing], inspection.date);
      const next = history[k + 1]?.date;
      const stop = Math.min(next ?? Infinity, d.closed ?? Infinity, DATA_END);
      let a = Math.max(inspection.date, EXPOSURE_FROM);
      while (a < stop) {
        const month = Math.min(MONTHS, Math.floor((a - start) / MONTH_DAYS));
        const b = month === MONTHS ? stop : Math.min(stop, start + (month + 1) * MONTH_DAYS);
        months[standing][month]! += (b - a) / MONTH_DAYS;
        a = b;
      }
      if (next !== undefined && next === stop && next >= EXPOSURE_FROM) events[standing][Math.min(MONTHS, Math.floor((next - start) / MONTH_DAYS))]!++;
    });
  }
  return { events, months };
}

/** 1. The monthly rates, smoothed as above, and the unscheduled rate (good schools, first two years). */
export function fitRates(keep: (urn: string) => boolean): { rates: Record<TimedStanding, RateCurve>; unscheduledPerMonth: number } {
  const { events, months } = exposureTables(keep);
  const rates = {} as Record<TimedStanding, RateCurve>;
  for (const s of TIMED_STANDINGS) {
    const perMonth: number[] = [];
    // Past the last month with enough exposure the data says nothing: the curve stops there and its last rate holds.
    let lastObserved = 0;
    for (let m = 0; m <= MONTHS; m++) {
      let e = 0;
      let x = 0;
      for (let w = 1; w <= 12; w++) {
        e = 0;
        x = 0;
        for (let k = Math.max(0, m - w); k <= Math.min(MONTHS, m + w); k++) {
          e += events[s][k]!;
          x += months[s][k]!;
        }
        if (x >= MIN_EXPOSURE) break;
      }
      if (x >= MIN_EXPOSURE) lastObserved = m;
      perMonth.push(x > 0 ? Number((e / x).toPrecision(4)) : 0);
    }
    rates[s] = { clock: CLOCK[s], perMonth: perMonth.slice(0, lastObserved + 1) };
  }
  const sum = (a: number[]) => a.slice(0, 24).reduce((t, v) => t + v, 0);
  return { rates, unscheduledPerMonth: Number((sum(events.good) / sum(months.good)).toPrecision(3)) };
}

/** 2. Days from each judgement to the next graded inspection of the same school, as 201 quantiles. */
export function fitIntervals(keep: (urn: string) => boolean): InspectionRiskModel['intervals'] {
  const data = loadData2018();
  const days: Record<'requires-improvement' | 'inadequate', number[]> = { 'requires-improvement': [], inadequate: [] };
  for (const [urn, history] of data.histories) {
    if (!keep(urn)) continue;
    history.forEach((inspection, k) => {
      const next = history[k + 1];
      if (!next || inspection.date < INTERVALS_FROM || inspection.date > INTERVALS_TO) return;
      if (inspection.grade === 'requires-improvement' || inspection.grade === 'inadequate') days[inspection.grade].push(next.date - inspection.date);
    });
  }
  const quantiles = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return Array.from({ length: 201 }, (_, k) => {
      const x = (k / 200) * (sorted.length - 1);
      const i = Math.floor(x);
      return Math.round(sorted[i]! + (sorted[Math.min(i + 1, sorted.length - 1)]! - sorted[i]!) * (x - i));
    });
  };
  return {
    'requires-improvement': { judgements: days['requires-improvement'].length, quantileDays: quantiles(days['requires-improvement']) },
    inadequate: { judgements: days.inadequate.length, quantileDays: quantiles(days.inadequate) },
  };
}

/** The end of the outcome window as the product counts it (horizon months of average length). */
const OUTCOME_TO = addDays(REGISTER_AS_OF, Math.round(OUTCOME_MONTHS * MONTH_DAYS));

/** The measured rate (plus the unscheduled one) over the outcome window, as the product sums it. */
function windowRate(school: FitSchool, rates: Record<TimedStanding, RateCurve>, unscheduledPerMonth: number): number {
  const standing = timedStanding(school.standing)!;
  const curve = rates[standing];
  return cumulativeRate(curve, clockStart(curve.clock, school.standing.lastJudgedDate!), REGISTER_AS_OF, OUTCOME_TO) + unscheduledPerMonth * OUTCOME_MONTHS;
}

const termValue = (id: RiskTermId, s: FitSchool) => RISK_TERMS[id].value({ record: s.record, standing: s.standing, asOf: REGISTER_AS_OF });
const signOf = (id: RiskTermId) => (RISK_TERMS[id].worse === 'higher' ? 1 : 0);
/** In the selection model the standing only recalibrates its curve's rate, so its sign is free; worse results never lower the rate. */
const selectionSignOf = (id: RiskTermId) => (id === 'outstanding' ? 0 : signOf(id));
const design = (terms: readonly RiskTermId[], s: FitSchool) => [1, ...terms.map((id) => termValue(id, s))];

/** One binary model over a set of schools: the link, the outcome, the offset. */
interface Problem {
  readonly link: Link;
  readonly rows: (urns: (urn: string) => boolean) => FitSchool[];
  readonly outcome: (s: FitSchool) => boolean;
  readonly offset: (s: FitSchool, fold: number | null) => number;
  readonly sign: (id: RiskTermId) => number;
}

function fitTerms(problem: Problem, terms: readonly RiskTermId[], fold: number | null) {
  const rows = problem.rows((urn) => fold === null || Number(urn) % 8 !== fold);
  return fitBinary(problem.link, rows.map((s) => design(terms, s)), rows.map(problem.outcome), { offsets: rows.map((s) => problem.offset(s, fold)), signs: [0, ...terms.map(problem.sign)] });
}

/** Mean held-out log-likelihood over the even folds. */
function crossValidated(problem: Problem, terms: readonly RiskTermId[]): number {
  const probabilities: number[] = [];
  const outcomes: boolean[] = [];
  for (const fold of FOLDS) {
    const { coefficients } = fitTerms(problem, terms, fold);
    for (const s of problem.rows((urn) => Number(urn) % 8 === fold)) {
      probabilities.push(predict(problem.link, coefficients, design(terms, s), problem.offset(s, fold)));
      outcomes.push(problem.outcome(s));
    }
  }
  return meanLogLikelihood(probabilities, outcomes);
}

/** One step of the term selection, for the report. */
export interface SelectionStep {
  readonly dropped: RiskTermId | null;
  readonly heldOutLogLikelihood: number;
}

/** Backward elimination: drop the term whose removal most improves the held-out fit, while one does. */
function selectTerms(problem: Problem, candidates: readonly RiskTermId[]): { terms: RiskTermId[]; steps: SelectionStep[] } {
  let terms = [...candidates];
  let best = crossValidated(problem, terms);
  const steps: SelectionStep[] = [{ dropped: null, heldOutLogLikelihood: best }];
  for (;;) {
    let drop: RiskTermId | null = null;
    for (const id of terms) {
      const ll = crossValidated(problem, terms.filter((t) => t !== id));
      if (ll > best) {
        best = ll;
        drop = id;
      }
    }
    if (drop === null) return { terms, steps };
    terms = terms.filter((t) => t !== drop);
    steps.push({ dropped: drop, heldOutLogLikelihood: best });
  }
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));
const coefficientsOf = (terms: readonly RiskTermId[], b: readonly number[]) => Object.fromEntries(terms.map((id, j) => [id, round(b[j + 1]!)]).filter(([, v]) => v !== 0));

/** Fits everything on the schools `train` keeps (the even URNs) and returns the model, with a report of what was chosen and why. */
export function fitModel(train: (urn: string) => boolean = isTrainingUrn): InspectionRiskModel & { report: unknown } {
  const population = fitPopulation().filter((s) => train(s.urn));
  const goodOrBetter = population.filter((s) => s.standing.band === 'good-or-better');
  const { rates, unscheduledPerMonth } = fitRates(train);
  const foldRates = new Map(FOLDS.map((f) => [f, fitRates((urn) => train(urn) && Number(urn) % 8 !== f)]));
  const rateFor = (s: FitSchool, fold: number | null) => {
    const r = fold === null ? { rates, unscheduledPerMonth } : foldRates.get(fold)!;
    return windowRate(s, r.rates, r.unscheduledPerMonth);
  };
  const selection: Problem = {
    link: 'cloglog',
    rows: (keep) => goodOrBetter.filter((s) => keep(s.urn)),
    outcome: (s) => s.inspected,
    offset: (s, fold) => Math.log(rateFor(s, fold)),
    sign: selectionSignOf,
  };
  // Timing is the rates' business, so it is no selection candidate. "Outstanding" is, with either sign: the
  // outstanding curve averages 2015-2020, and Ofsted inspected more of the exempt schools towards the end.
  const selectionCandidates = RISK_TERM_IDS.filter((id) => id !== 'yearsSinceGraded');
  const chosenSelection = selectTerms(selection, selectionCandidates);
  const selectionFit = fitTerms(selection, chosenSelection.terms, null);

  const belowGood: Problem = {
    link: 'logit',
    rows: (keep) => goodOrBetter.filter((s) => s.inspected && keep(s.urn)),
    outcome: (s) => s.belowGood,
    offset: () => 0,
    sign: signOf,
  };
  const chosenBelowGood = selectTerms(belowGood, RISK_TERM_IDS);
  const belowGoodFit = fitTerms(belowGood, chosenBelowGood.terms, null);

  // 5. The standings' offsets, every other coefficient held.
  const standingOffset = (band: 'requires-improvement' | 'inadequate') => {
    const rows = population.filter((s) => s.standing.band === band && s.inspected);
    const offsets = rows.map((s) => design(chosenBelowGood.terms, s).reduce((t, v, j) => t + v * belowGoodFit.coefficients[j]!, 0));
    return { offset: fitBinary('logit', rows.map(() => [1]), rows.map((s) => s.belowGood), { offsets }).coefficients[0]!, schools: rows.length, belowGood: rows.filter((s) => s.belowGood).length };
  };
  const ri = standingOffset('requires-improvement');
  const inadequate = standingOffset('inadequate');
  const riOffset = Math.max(0, ri.offset);
  const inadequateOffset = Math.max(riOffset, inadequate.offset);

  return {
    fittedOn: `Even URNs of the 2018 data: ${goodOrBetter.length.toLocaleString('en-GB')} good or outstanding schools on 31 August 2018 (${goodOrBetter.filter((s) => s.inspected).length.toLocaleString('en-GB')} graded by February 2020, ${goodOrBetter.filter((s) => s.belowGood).length} below good); rates from the 2015-2020 histories; intervals from 2012-2017 judgements.`,
    rates,
    unscheduledPerMonth,
    selection: { intercept: round(selectionFit.coefficients[0]!), terms: coefficientsOf(chosenSelection.terms, selectionFit.coefficients) },
    intervals: fitIntervals(train),
    belowGood: {
      intercept: round(belowGoodFit.coefficients[0]!),
      standing: { 'requires-improvement': round(riOffset), inadequate: round(inadequateOffset) },
      terms: coefficientsOf(chosenBelowGood.terms, belowGoodFit.coefficients),
    },
    report: {
      selectionSteps: chosenSelection.steps,
      belowGoodSteps: chosenBelowGood.steps,
      standingOffsets: { 'requires-improvement': { ...ri, offset: round(ri.offset) }, inadequate: { ...inadequate, offset: round(inadequate.offset) } },
      schools: { goodOrBetter: goodOrBetter.length, inspected: goodOrBetter.filter((s) => s.inspected).length, belowGood: goodOrBetter.filter((s) => s.belowGood).length },
    },
  };
}

if (require.main === module) {
  const started = Date.now();
  const model = fitModel();
  writeFileSync(MODEL_PATH, `${JSON.stringify(model, null, 1)}\n`);
  console.log(`Fitted in ${((Date.now() - started) / 1000).toFixed(1)} s: ${MODEL_PATH}`);
  console.log(`selection terms: ${JSON.stringify(model.selection)}`);
  console.log(`below good: ${JSON.stringify(model.belowGood)}`);
}

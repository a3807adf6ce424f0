/**
 * The fitted part of the inspection risk: data written by scripts/ofsted2018/fit.ts into
 * inspectionRiskModel.json (never edited by hand), checked here once when the module loads. It holds
 * the monthly rates of graded inspections under the 2012-2019 practice, the spread of re-inspection
 * intervals after requires improvement and inadequate, and the coefficients of the two logistic-type
 * models. The arithmetic on the rates (months on a clock, the chance of an inspection between two dates)
 * is here too, so the fit and the product count months the same way.
 */
import { schoolYearStart, schoolYearStarting, type CalendarDate } from '../dates';
import fitted from './inspectionRiskModel.json';
import { RISK_TERM_IDS, type RiskTermId } from './riskTerms';

/** Days in an average month: months on a clock are days / this, so every month weighs the same. */
export const MONTH_DAYS = 30.4375;

/** The standings whose graded-inspection rates were measured. */
export const TIMED_STANDINGS = ['outstanding', 'good', 'requires-improvement', 'inadequate'] as const;
export type TimedStanding = (typeof TIMED_STANDINGS)[number];

/** The standings whose re-inspection intervals give windows with a stated coverage. */
export const INTERVAL_STANDINGS = ['requires-improvement', 'inadequate'] as const;
export type IntervalStanding = (typeof INTERVAL_STANDINGS)[number];

/** Monthly rates of a graded inspection, by whole month on a clock. */
export interface RateCurve {
  /** 'school-year': months from 1 August of the school year of the last graded inspection (the rules count school years); 'inspection': months from the inspection. */
  readonly clock: 'school-year' | 'inspection';
  /** Rate in month m of the clock; the last value holds for every later month. */
  readonly perMonth: readonly number[];
}

/** The fitted model. */
export interface InspectionRiskModel {
  /** What it was fitted on, in words (shown in docs). */
  readonly fittedOn: string;
  /** Monthly graded-inspection rates under the 2012-2019 practice. */
  readonly rates: Readonly<Record<TimedStanding, RateCurve>>;
  /** Monthly rate of a graded inspection no rule schedules (good schools in their first two years): added to every chance. */
  readonly unscheduledPerMonth: number;
  /** 2012-2019 practice, good and outstanding schools: the rate multiplier exp(intercept + Σ coefficient × term). */
  readonly selection: { readonly intercept: number; readonly terms: Readonly<Partial<Record<RiskTermId, number>>> };
  /** Days from the judgement to the next graded inspection, at every half per cent (201 values), with the number of judgements. */
  readonly intervals: Readonly<Record<IntervalStanding, { readonly judgements: number; readonly quantileDays: readonly number[] }>>;
  /** Below good if inspected: logistic, log-odds = intercept + standing + Σ coefficient × term. */
  readonly belowGood: {
    readonly intercept: number;
    readonly standing: Readonly<Record<'requires-improvement' | 'inadequate', number>>;
    readonly terms: Readonly<Partial<Record<RiskTermId, number>>>;
  };
}

/** The model file does not have the expected shape: a build error, not a data problem. */
export class RiskModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RiskModelError';
  }
}

/** Why a value is not a model (the first problem found), or `null`. No zod here: its fast path compiles code, which the task pane's content policy forbids. */
function modelProblem(value: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isNumber = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
  const numbers = (v: unknown, length?: number) => Array.isArray(v) && v.length > 0 && (length === undefined || v.length === length) && v.every((x) => isNumber(x) && x >= 0);
  const terms = (v: unknown) => isObject(v) && Object.entries(v).every(([id, c]) => (RISK_TERM_IDS as string[]).includes(id) && isNumber(c));
  if (!isObject(value)) return 'not an object';
  if (typeof value.fittedOn !== 'string') return 'fittedOn: not text';
  if (!isObject(value.rates)) return 'rates: missing';
  for (const s of TIMED_STANDINGS) {
    const curve = value.rates[s];
    if (!isObject(curve) || (curve.clock !== 'school-year' && curve.clock !== 'inspection') || !numbers(curve.perMonth)) return `rates.${s}: not a rate curve`;
  }
  if (!isNumber(value.unscheduledPerMonth)) return 'unscheduledPerMonth: not a number';
  if (!isObject(value.selection) || !isNumber(value.selection.intercept) || !terms(value.selection.terms)) return 'selection: not an intercept and terms';
  if (!isObject(value.intervals)) return 'intervals: missing';
  for (const s of INTERVAL_STANDINGS) {
    const i = value.intervals[s];
    if (!isObject(i) || !Number.isInteger(i.judgements) || !numbers(i.quantileDays, 201)) return `intervals.${s}: not 201 quantiles`;
  }
  const b = value.belowGood;
  if (!isObject(b) || !isNumber(b.intercept) || !terms(b.terms) || !isObject(b.standing) || !isNumber(b.standing['requires-improvement']) || !isNumber(b.standing.inadequate)) return 'belowGood: not an intercept, standing offsets and terms';
  return null;
}

/** Checks a model (the bundled one at load, or one an authority supplies); throws `RiskModelError`. */
export function checkRiskModel(value: unknown): InspectionRiskModel {
  const problem = modelProblem(value);
  if (problem !== null) throw new RiskModelError(`The inspection risk model is malformed: ${problem}`);
  return value as InspectionRiskModel;
}

/** The bundled model (fitted on the even URNs of the 2018 data). */
export const INSPECTION_RISK_MODEL: InspectionRiskModel = checkRiskModel(fitted);

/** Where a clock starts for an inspection on `date`. */
export function clockStart(clock: RateCurve['clock'], date: CalendarDate): CalendarDate {
  return clock === 'school-year' ? schoolYearStart(schoolYearStarting(date)) : date;
}

/** The summed rate of `curve` between two dates (the clock started on `start`): the expected number of inspections. */
export function cumulativeRate(curve: RateCurve, start: CalendarDate, from: CalendarDate, to: CalendarDate): number {
  const last = curve.perMonth.length - 1;
  let a = Math.max(0, (from - start) / MONTH_DAYS);
  const b = Math.max(0, (to - start) / MONTH_DAYS);
  let sum = 0;
  while (a < b) {
    const month = Math.floor(a);
    const end = month >= last ? b : Math.min(b, month + 1);
    sum += curve.perMonth[Math.min(month, last)]! * (end - a);
    a = end;
  }
  return sum;
}

/** The quantile of an interval table at share `p` (0-1), interpolating between the half-per-cent points. */
export function intervalQuantile(quantileDays: readonly number[], p: number): number {
  const x = Math.max(0, Math.min(1, p)) * (quantileDays.length - 1);
  const k = Math.floor(x);
  const next = quantileDays[Math.min(k + 1, quantileDays.length - 1)]!;
  return quantileDays[k]! + (next - quantileDays[k]!) * (x - k);
}

/** The narrowest [from, to] in days holding `coverage` of the intervals (searched at half-per-cent steps). */
export function narrowestInterval(quantileDays: readonly number[], coverage: number): { fromDays: number; toDays: number } {
  const steps = quantileDays.length - 1;
  let best = { fromDays: intervalQuantile(quantileDays, 0), toDays: intervalQuantile(quantileDays, coverage) };
  for (let k = 1; k / steps + coverage <= 1 + 1e-9; k++) {
    const fromDays = intervalQuantile(quantileDays, k / steps);
    const toDays = intervalQuantile(quantileDays, k / steps + coverage);
    if (toDays - fromDays < best.toDays - best.fromDays) best = { fromDays, toDays };
  }
  return { fromDays: Math.round(best.fromDays), toDays: Math.round(best.toDays) };
}
